import { sql, type SQL } from 'drizzle-orm';
import { dateOrNull, rows, type Db } from '../db';
import { columnDigest, keyDigest } from './counters';

/**
 * Growing delays after failed attempts, per key of a bucket (a username typed, an address): the
 * first `freeFailures` failures of a streak cost nothing; the failure that makes the streak n long
 * (n ≥ freeFailures) makes the next attempt wait 2^(n − freeFailures + 1) seconds, at most
 * `maxDelaySeconds`. A streak ends with a success or after `forgetAfterMs` without a failure.
 */
export interface DelayPolicy {
  freeFailures: number;
  maxDelaySeconds: number;
  forgetAfterMs: number;
}

/** How long a streak is remembered without a new failure (the sweep job uses it too). */
export const STREAK_FORGOTTEN_AFTER_MS = 24 * 3_600_000;

export type Admission =
  /** The attempt may go ahead; it is already counted as a failure (`failures`) until settled. */
  | { admitted: true; failures: number; retryAfterSeconds: number }
  /** Refused without being counted: the key must wait this long. */
  | { admitted: false; retryAfterSeconds: number };

const secondsUntil = (t: Date | null, now: Date) => (t && t > now ? Math.ceil((t.getTime() - now.getTime()) / 1000) : 0);

/** The end of the wait after a failure that makes the streak `failures` long (NULL: no wait). */
function blockFor(failures: SQL, p: DelayPolicy, at: string): SQL {
  return sql`CASE WHEN ${failures} >= ${p.freeFailures}::int
                  THEN ${at}::timestamptz + least(${p.maxDelaySeconds}::int, power(2, least(${failures} - ${p.freeFailures}::int + 1, 30))) * interval '1 second'
             END`;
}

/**
 * Admits or refuses one attempt, in one statement under the row lock: a key that must wait is
 * refused (and nothing changes); otherwise the attempt is counted as a failure straight away and
 * the wait it would cause is set. Counting before the attempt is judged means a burst of
 * concurrent attempts cannot all pass the check before any of them is counted: at most
 * `freeFailures` go ahead. A success gives the count back with `settleSuccess`.
 */
export async function admitAttempt(db: Db, bucket: string, key: string, p: DelayPolicy, now: Date): Promise<Admission> {
  const at = now.toISOString();
  const next = sql`CASE WHEN t.last_failure_at <= ${at}::timestamptz - ${p.forgetAfterMs}::double precision * interval '1 millisecond' THEN 1 ELSE t.failures + 1 END`;
  const [row] = await rows<{ failures: number; blockedUntil: string | Date | null }>(db, sql`
    INSERT INTO attempt_throttles AS t (bucket, key_hash, failures, blocked_until, last_failure_at)
    VALUES (${bucket}, ${keyDigest(key)}, 1, ${blockFor(sql`1`, p, at)}, ${at}::timestamptz)
    ON CONFLICT (bucket, key_hash) DO UPDATE
       SET failures = ${next}, blocked_until = ${blockFor(next, p, at)}, last_failure_at = EXCLUDED.last_failure_at
     WHERE t.blocked_until IS NULL OR t.blocked_until <= ${at}::timestamptz
    RETURNING failures, blocked_until AS "blockedUntil"`);
  if (row) {
    return { admitted: true, failures: Number(row.failures), retryAfterSeconds: secondsUntil(dateOrNull(row.blockedUntil), now) };
  }
  const [state] = await rows<{ blockedUntil: string | Date | null }>(db, sql`
    SELECT blocked_until AS "blockedUntil" FROM attempt_throttles WHERE bucket = ${bucket} AND key_hash = ${keyDigest(key)}`);
  return { admitted: false, retryAfterSeconds: Math.max(1, secondsUntil(dateOrNull(state?.blockedUntil), now)) };
}

/**
 * Ends the streak of an admitted attempt that succeeded, if no attempt was admitted after it
 * (the count is still the one it was admitted with); false otherwise, and nothing changes: the
 * success must then be treated as the failure it was counted as, so that a burst of guesses
 * cannot be followed by a right password that wipes them out.
 */
export async function settleSuccess(db: Db, bucket: string, key: string, failures: number): Promise<boolean> {
  const r = await rows(db, sql`
    DELETE FROM attempt_throttles WHERE bucket = ${bucket} AND key_hash = ${keyDigest(key)} AND failures = ${failures}::int RETURNING 1 AS ok`);
  return r.length > 0;
}

/** Gives back one admitted attempt that succeeded, leaving the rest of the streak (for keys a success must not clear, such as an address). */
export async function refundAttempt(db: Db, bucket: string, key: string, p: DelayPolicy): Promise<void> {
  await rows(db, sql`
    UPDATE attempt_throttles SET failures = greatest(failures - 1, 0),
           blocked_until = CASE WHEN failures - 1 < ${p.freeFailures}::int THEN NULL ELSE blocked_until END
     WHERE bucket = ${bucket} AND key_hash = ${keyDigest(key)}`);
}

/** Forgets a key's failures and wait (an administrator's unlock). */
export async function clearThrottle(db: Db, bucket: string, key: string): Promise<void> {
  await rows(db, sql`DELETE FROM attempt_throttles WHERE bucket = ${bucket} AND key_hash = ${keyDigest(key)}`);
}

/**
 * Columns with a key's current streak, for a SELECT whose rows carry the key (`keyColumn`, e.g.
 * `staff.username`): `failures` (0 when none) and `blockedUntil` (null when none).
 */
export function throttleState(bucket: string, keyColumn: SQL): { failures: SQL; blockedUntil: SQL } {
  const match = sql`FROM attempt_throttles t WHERE t.bucket = ${bucket} AND t.key_hash = ${columnDigest(keyColumn)}`;
  return { failures: sql`COALESCE((SELECT t.failures ${match}), 0)`, blockedUntil: sql`(SELECT t.blocked_until ${match})` };
}
