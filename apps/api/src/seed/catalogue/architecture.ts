import type { Tx } from '../../platform/db';
import type { CatalogueSeed } from '.';

/** Placeholder: the architecture demo data of issue 4. */
export async function seedArchitecture(_tx: Tx, _s: CatalogueSeed): Promise<void> {}
