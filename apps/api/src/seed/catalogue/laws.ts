import type { Tx } from '../../platform/db';
import type { CatalogueSeed } from '.';

/** Placeholder: the laws demo data of issue 4. */
export async function seedLaws(_tx: Tx, _s: CatalogueSeed): Promise<void> {}
