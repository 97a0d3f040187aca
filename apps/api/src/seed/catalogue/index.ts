import type { Tx } from '../../platform/db';
import { seedArchitecture } from './architecture';
import { seedCards } from './cards';
import { seedDelivery } from './delivery';
import { seedLaws } from './laws';
import { seedLicences } from './licences';
import { seedLifecycle } from './lifecycle';

/** What the catalogue's demo seeds share; each step reads what the earlier ones filled in. */
export interface CatalogueSeed {
  now: Date;
  agencyIds: { ministry: string; organisation: string; provincial: string };
  /** Staff ids by username (see STAFF in ../demo.ts). */
  staffIds: Record<string, string>;
  /** Laws of the register by key (./laws.ts). */
  lawIds: Record<string, string>;
  /** Service-architecture categories by key (./architecture.ts). */
  categoryIds: Record<string, string>;
  /** Approved cards (./cards.ts, ./lifecycle.ts): the public catalogue's services. */
  approved: { cardId: string; serviceId: string; agencyId: string; title: string }[];
}

/**
 * The catalogue's demo data, in the demo seed's transaction: laws, the service architecture,
 * approved service cards (with one expired and one about to expire), licences and delivery reports.
 */
export async function seedCatalogueDemo(
  tx: Tx,
  base: Pick<CatalogueSeed, 'now' | 'agencyIds' | 'staffIds'>,
): Promise<CatalogueSeed> {
  const s: CatalogueSeed = { ...base, lawIds: {}, categoryIds: {}, approved: [] };
  await seedLaws(tx, s);
  await seedArchitecture(tx, s);
  await seedCards(tx, s);
  await seedLifecycle(tx, s);
  await seedLicences(tx, s);
  await seedDelivery(tx, s);
  return s;
}
