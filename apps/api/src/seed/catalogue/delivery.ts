import type { Tx } from '../../platform/db';
import type { CatalogueSeed } from '.';

/** Placeholder: the delivery demo data of issue 4. */
export async function seedDelivery(_tx: Tx, _s: CatalogueSeed): Promise<void> {}
