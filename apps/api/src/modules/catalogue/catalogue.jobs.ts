import { z } from 'zod';
import { systemActor } from '../../platform/actor';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Database } from '../../platform/db';
import { appendEvent } from '../../platform/events';
import type { JobDefinition } from '../../platform/jobs';
import * as repo from './catalogue.repository';
import { REMINDER_DAYS, reminderDue } from './catalogue-workflow';

export const EXPIRY_JOB = 'catalogue.expiry';
const DAY_MS = 86_400_000;

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
      await appendEvent(tx, {
        streamType: 'service_card',
        streamId: c.id,
        action: expired ? 'expired' : 'expiry_reminded',
        actor: systemActor,
        origin: {},
        at: now,
        payload: details,
      });
      audit(tx, {
        actor: systemActor,
        origin: {},
        at: now,
        action: expired ? 'service_card.expire' : 'service_card.remind_expiry',
        objectType: 'service_card',
        objectId: c.id,
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

/** Registers the catalogue's jobs: the expiry run, daily. */
export function defineCatalogueJobs(ctx: AppContext): void {
  ctx.jobs.every(cardExpiryJob, DAY_MS, {});
}
