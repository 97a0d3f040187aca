import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { iso, rows } from '../db';
import type { JobDefinition } from '../jobs';
import { LONGEST_WINDOW_MS } from './counters';
import { STREAK_FORGOTTEN_AFTER_MS } from './throttle';

export const RATE_LIMIT_SWEEP_KIND = 'rate-limit.sweep';

/** Deletes counters whose window ended long ago and streaks already forgotten (hourly). */
export function createRateLimitSweepJob(): JobDefinition<z.ZodObject> {
  return {
    kind: RATE_LIMIT_SWEEP_KIND,
    payload: z.object({}),
    async handle(_payload, { database, clock }) {
      const now = clock.now().getTime();
      const windows = iso(new Date(now - LONGEST_WINDOW_MS));
      const streaks = iso(new Date(now - STREAK_FORGOTTEN_AFTER_MS));
      await rows(database.db, sql`DELETE FROM rate_limit_counters WHERE window_start < ${windows}::timestamptz`);
      await rows(database.db, sql`
        DELETE FROM attempt_throttles
         WHERE last_failure_at < ${streaks}::timestamptz AND (blocked_until IS NULL OR blocked_until < ${iso(new Date(now))}::timestamptz)`);
    },
  };
}
