import type { ServiceCardContent } from '@dargah/contracts';
import type { Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { serviceIdFromNumber } from '../../modules/catalogue';
import * as catalogue from '../../modules/catalogue/catalogue.repository';
import { saveCard } from '../../modules/catalogue/card-rows.service';
import type { CatalogueSeed } from '.';
import { seedWho } from './laws';

/**
 * Writes one approved service card as the review would have left it: version 1 frozen and in force,
 * a new service id from the sequence, expiry a year after `approvedAt`, the `created` and `approved`
 * events with their audit entries. Adds it to `s.approved` and returns it.
 */
export async function seedApprovedCard(
  tx: Tx,
  s: CatalogueSeed,
  o: { agencyId: string; createdBy: string; content: ServiceCardContent; approvedAt: Date },
): Promise<CatalogueSeed['approved'][number]> {
  const cardId = await catalogue.insertCard(tx.db, o.agencyId, o.createdBy, o.approvedAt);
  await catalogue.insertVersion(tx.db, cardId, 1, o.content, o.createdBy, o.approvedAt);
  await catalogue.freezeVersion(tx.db, cardId, 1);
  const serviceId = serviceIdFromNumber(await catalogue.nextServiceNumber(tx.db));
  const expiresAt = new Date(o.approvedAt);
  expiresAt.setUTCFullYear(expiresAt.getUTCFullYear() + 1);
  await saveCard(
    tx.db,
    cardId,
    1,
    {
      status: 'approved',
      serviceId,
      submittedAt: o.approvedAt,
      approvedAt: o.approvedAt,
      approvedVersion: 1,
      expiresAt,
    },
    o.approvedAt,
  );
  const title = o.content.title ?? '';
  for (const [action, details] of [
    ['created', { versionNo: 1, title }],
    ['approved', { versionNo: 1, serviceId, expiresAt: expiresAt.toISOString() }],
  ] as const) {
    await recordChange(tx, seedWho(o.approvedAt), {
      stream: 'service_card',
      id: cardId,
      event: action,
      audit: `service_card.${action === 'created' ? 'create' : 'approve'}`,
      agencyId: o.agencyId,
      details,
    });
  }
  const entry = { cardId, serviceId, agencyId: o.agencyId, title };
  s.approved.push(entry);
  return entry;
}
