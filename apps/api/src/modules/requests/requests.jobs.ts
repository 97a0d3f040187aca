import type { WorkingCalendar } from '@dargah/persian';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import type { JobDefinition } from '../../platform/jobs';
import { date } from '../../platform/db';
import { decidedWithoutWorkingDays, setWorkingDays } from './desk-reports.repository';
import { calendarFor } from '../calendar';
import { answerDuration } from './answer-duration.model';

const HOUR_MS = 3_600_000;

const DAY_MS = 86_400_000;
const BATCH = 500;

/** An agency's working calendar, the one its requests' due dates are counted on. */
export type CalendarOf = (agencyId: string) => Promise<WorkingCalendar>;

/**
 * Counts the working days from acceptance to answer of requests decided before the desk reports
 * existed (migration 0032 filled their calendar days in SQL; the calendar is TypeScript). Every
 * decision since stores both itself, so after its first run this finds nothing. Idempotent.
 */
export const answerDaysJob = (calendarOf: CalendarOf): JobDefinition<z.ZodObject<Record<string, never>>> => ({
  kind: 'requests.answer_days',
  payload: z.object({}),
  async handle(_payload, jc) {
    for (;;) {
      const todo = await decidedWithoutWorkingDays(jc.database.db, BATCH);
      if (todo.length === 0) return;
      const counted = [];
      for (const r of todo) {
        const calendar = await calendarOf(r.agencyId);
        counted.push({ id: r.id, workingDays: answerDuration(calendar, date(r.submittedAt), date(r.decidedAt)).workingDays });
      }
      await setWorkingDays(jc.database.db, counted);
      if (todo.length < BATCH) return;
    }
  },
});

/** One scan of the workflow timers (request-timers.service.ts runRequestTimers): what fired. */
export type RunTimers = (now: Date) => Promise<{ escalated: number; acted: number }>;

/** The workflow timers of open requests: escalations and deadlines, hourly. Idempotent (each fires once per state entry). */
export const requestTimersJob = (runTimers: RunTimers): JobDefinition<z.ZodObject<Record<string, never>>> => ({
  kind: 'requests.workflow_timers',
  payload: z.object({}),
  async handle(_payload, jc) {
    const run = await runTimers(jc.clock.now());
    if (run.escalated + run.acted > 0) jc.log.info(run, 'request workflow timers fired');
  },
});

/** One sweep of unused uploads (uploads.service.ts sweepUnusedUploads): how many were deleted. */
export type SweepUploads = () => Promise<{ swept: number }>;

/** Deletes uploads no request used, past their retention, releasing their blobs; hourly. Idempotent. */
export const uploadsSweepJob = (sweep: SweepUploads): JobDefinition<z.ZodObject<Record<string, never>>> => ({
  kind: 'requests.uploads_sweep',
  payload: z.object({}),
  async handle(_payload, jc) {
    const run = await sweep();
    if (run.swept > 0) jc.log.info(run, 'unused request uploads swept');
  },
});

export function defineRequestsJobs(ctx: AppContext, runTimers: RunTimers, sweepUploads: SweepUploads): void {
  ctx.jobs.every(requestTimersJob(runTimers), HOUR_MS, {});
  ctx.jobs.every(uploadsSweepJob(sweepUploads), HOUR_MS, {});
  // Each agency's calendar, as requests.service.ts counts due dates with it.
  ctx.jobs.every(answerDaysJob((agencyId) => calendarFor(ctx, agencyId)), DAY_MS, {});
}
