import { z } from 'zod';
import { systemActor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Database } from '../../platform/db';
import { recordChange } from '../../platform/events';
import type { JobDefinition } from '../../platform/jobs';
import * as repo from './catalogue.repository';
import { REMINDER_DAYS, reminderDue } from './catalogue-workflow';

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
 * The runs that compose other modules' facts (the cards' agencies, the search entries' names) live
 * in services, which a jobs file may not import: index.ts hands them in.
 */
export interface CatalogueWork {
  /** catalogue-escalation.service.ts */
  escalate: (database: Database, now: Date) => Promise<number>;
  /** catalogue-entries.service.ts */
  syncEntries: (db: Database['db']) => Promise<number>;
}

/** The parent-review deadline as an hourly job (see escalateOverdueParentReviews). */
export const parentReviewEscalationJob = (work: CatalogueWork): JobDefinition<z.ZodObject<Record<string, never>>> => ({
  kind: ESCALATION_JOB,
  payload: z.object({}),
  maxAttempts: 5,
  async handle(_payload, { database, clock, log }) {
    const escalated = await work.escalate(database, clock.now());
    if (escalated > 0) log.info({ escalated }, 'overdue parent reviews escalated to central review');
  },
});

/** Brings the public catalogue's entries up to date with what changed around the cards (see syncStaleEntries). */
export const syncEntriesJob = (work: CatalogueWork): JobDefinition<z.ZodObject<Record<string, never>>> => ({
  kind: SYNC_ENTRIES_JOB,
  payload: z.object({}),
  maxAttempts: 3,
  async handle(_payload, { database, log }) {
    const written = await work.syncEntries(database.db);
    if (written > 0) log.info({ written }, 'catalogue entries brought up to date');
  },
});

/**
 * Registers the catalogue's jobs: the expiry run, daily; the parent-review deadline, hourly; the
 * public catalogue's catch-up, every ten minutes.
 */
export function defineCatalogueJobs(ctx: AppContext, work: CatalogueWork): void {
  ctx.jobs.every(cardExpiryJob, DAY_MS, {});
  ctx.jobs.every(parentReviewEscalationJob(work), HOUR_MS, {});
  ctx.jobs.every(syncEntriesJob(work), SYNC_INTERVAL_MS, {});
}
