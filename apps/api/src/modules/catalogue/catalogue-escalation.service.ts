import { systemActor } from '../../platform/actor';
import { withTransaction, type Database } from '../../platform/db';
import { recordChange } from '../../platform/events';
import * as cards from './card-rows.service';
import * as repo from './catalogue.repository';
import { PARENT_REVIEW_ESCALATION } from './catalogue-workflow';

/**
 * The parent review's deadline: every card whose parent agency let its week pass goes on to central
 * review (PARENT_REVIEW_ESCALATION), each in its own transaction with an event, an audit entry and a
 * notice to the administrators of the card's agency and of the parent. The card row is re-read
 * locked, so a parent who acts at the same moment either wins (the card is no longer in parent
 * review and nothing is escalated) or finds the card moved on (CONFLICT). Returns the cards escalated.
 */
export async function escalateOverdueParentReviews(database: Database, now: Date): Promise<number> {
  let escalated = 0;
  for (const id of await repo.overdueParentReviews(database.db, now)) {
    const done = await withTransaction(database, async (tx) => {
      const card = await cards.findCard(tx.db, id, true);
      const due = card?.reviewDueAt;
      if (!card || card.status !== PARENT_REVIEW_ESCALATION.from || !due || due.getTime() > now.getTime()) return false;
      const patch = { status: PARENT_REVIEW_ESCALATION.to, reviewDueAt: null };
      if (!(await cards.saveCard(tx.db, id, card.version, patch, now))) return false;
      for (const agencyId of [card.agencyId, card.parentId].filter((a): a is string => a !== null))
        await repo.insertNotification(
          tx.db,
          { cardId: id, agencyId, kind: 'review_escalated', daysBefore: 0, expiresAt: null, reviewDueAt: due },
          now,
        );
      const details = {
        from: card.status,
        to: PARENT_REVIEW_ESCALATION.to,
        versionNo: card.currentVersion,
        reviewDueAt: due.toISOString(),
        parentAgencyId: card.parentId,
      };
      await recordChange(tx, { actor: systemActor, origin: {}, at: now }, {
        stream: 'service_card',
        id,
        event: PARENT_REVIEW_ESCALATION.event,
        audit: 'service_card.escalate',
        agencyId: card.agencyId,
        details,
      });
      return true;
    });
    if (done) escalated++;
  }
  return escalated;
}
