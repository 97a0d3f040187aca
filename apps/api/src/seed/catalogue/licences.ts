import type { Tx } from '../../platform/db';
import type { CatalogueSeed } from '.';

/** Placeholder: the licences demo data of issue 4. */
export async function seedLicences(_tx: Tx, _s: CatalogueSeed): Promise<void> {}
