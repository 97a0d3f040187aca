import type { Tx } from '../../platform/db';
import type { CatalogueSeed } from '.';

/** Placeholder: the lifecycle demo data of issue 4. */
export async function seedLifecycle(_tx: Tx, _s: CatalogueSeed): Promise<void> {}
