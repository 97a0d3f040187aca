import { z } from 'zod';
import { systemActor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Database } from '../../platform/db';
import { recordChange } from '../../platform/events';
import type { JobDefinition } from '../../platform/jobs';
import * as repo from './catalogue.repository';
import * as publicRepo from './catalogue-public.repository';
import { PARENT_REVIEW_ESCALATION, REMINDER_DAYS, reminderDue } from './catalogue-workflow';

export const EXPIRY_JOB = 'catalogue.expiry';
export const ESCALATION_JOB = 'catalogue.parent-review-escalation';
export const SYNC_ENTRIES_JOB = 'catalogue.sync-entries';
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SYNC_INTERVAL_MS = 10 * 60_000;

/**
 * The daily expiry run: for every card in force, the reminder now due (60, 30 or 7 days before
 * expiry) and the expiry itself, each recorded once per card and expiry date (card_reminders)
 * with an event, an audit entry and a notice to the agency's administrators (card_notifications).
 * Idempotent: running it again records nothing new. Returns the notices written.
 */
export async function recordExpiryNotices(database: Database, now: Date): Promise<number> {
  const horizon = new Date(now.getTime() + Math.max(...REMINDER_DAYS) * DAY_MS);
  let written = 0;
  for (const c of await repo.cardsExpiringBefore(database.db, horizon)) {
    const daysBefore = reminderDue(c.expiresAt, now);
    if (daysBefore === null) continue;
    const wrote = await withTransaction(database, async (tx) => {
      if (!(await repo.insertReminder(tx.db, c.id, c.expiresAt, daysBefore, now))) return false;
      const expired = daysBefore === 0;
      await repo.insertNotification(
        tx.db,
        {
          cardId: c.id,
          agencyId: c.agencyId,
          kind: expired ? 'expired' : 'expiry_reminder',
          daysBefore,
          expiresAt: c.expiresAt,
        },
        now,
      );
      const details = { daysBefore, expiresAt: c.expiresAt.toISOString() };
      await recordChange(tx, { actor: systemActor, origin: {}, at: now }, {
        stream: 'service_card',
        id: c.id,
        event: expired ? 'expired' : 'expiry_reminded',
        audit: expired ? 'service_card.expire' : 'service_card.remind_expiry',
        agencyId: c.agencyId,
        details,
      });
      return true;
    });
    if (wrote) written++;
  }
  return written;
}

/** The daily expiry run as a job (see recordExpiryNotices). */
export const cardExpiryJob: JobDefinition<z.ZodObject<Record<string, never>>> = {
  kind: EXPIRY_JOB,
  payload: z.object({}),
  maxAttempts: 5,
  async handle(_payload, { database, clock, log }) {
    const written = await recordExpiryNotices(database, clock.now());
    if (written > 0) log.info({ written }, 'service card expiry notices recorded');
  },
};

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
      const card = await repo.findCard(tx.db, id, true);
      const due = card?.reviewDueAt;
      if (!card || card.status !== PARENT_REVIEW_ESCALATION.from || !due || due.getTime() > now.getTime()) return false;
      const patch = { status: PARENT_REVIEW_ESCALATION.to, reviewDueAt: null };
      if (!(await repo.saveCard(tx.db, id, card.version, patch, now))) return false;
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
        event: 'parent_review_escalated',
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

/** The parent-review deadline as an hourly job (see escalateOverdueParentReviews). */
export const parentReviewEscalationJob: JobDefinition<z.ZodObject<Record<string, never>>> = {
  kind: ESCALATION_JOB,
  payload: z.object({}),
  maxAttempts: 5,
  async handle(_payload, { database, clock, log }) {
    const escalated = await escalateOverdueParentReviews(database, clock.now());
    if (escalated > 0) log.info({ escalated }, 'overdue parent reviews escalated to central review');
  },
};

/** Brings the public catalogue's entries up to date with what changed around the cards (see syncStaleEntries). */
export const syncEntriesJob: JobDefinition<z.ZodObject<Record<string, never>>> = {
  kind: SYNC_ENTRIES_JOB,
  payload: z.object({}),
  maxAttempts: 3,
  async handle(_payload, { database, log }) {
    const written = await publicRepo.syncStaleEntries(database.db);
    if (written > 0) log.info({ written }, 'catalogue entries brought up to date');
  },
};

/**
 * Registers the catalogue's jobs: the expiry run, daily; the parent-review deadline, hourly; the
 * public catalogue's catch-up, every ten minutes.
 */
export function defineCatalogueJobs(ctx: AppContext): void {
  ctx.jobs.every(cardExpiryJob, DAY_MS, {});
  ctx.jobs.every(parentReviewEscalationJob, HOUR_MS, {});
  ctx.jobs.every(syncEntriesJob, SYNC_INTERVAL_MS, {});
}
