import type { Tx } from '../../platform/db';
import type { CatalogueSeed } from '.';

/** Placeholder: the cards demo data of issue 4. */
export async function seedCards(_tx: Tx, _s: CatalogueSeed): Promise<void> {}
