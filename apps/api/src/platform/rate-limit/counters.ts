import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { date, iso, rows, type Db } from '../db';

/**
 * How the database stores a key: its SHA-256 (of the key's UTF-8), computed here so that any key,
 * a NUL character included, has a digest. Addresses, national codes, mobile numbers and typed
 * usernames are never kept in the clear.
 */
export const keyHex = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');
export const keyDigest = (key: string) => sql`decode(${keyHex(key)}, 'hex')`;
/** The same digest of a column's value, computed in SQL (a text column holds no NUL): see `throttleState`. */
export const columnDigest = (column: SQL) => sql`sha256(convert_to(${column}::text, 'UTF8'))`;

/** The longest window a counter may have; older windows are swept (`rate-limit.sweep`). */
export const LONGEST_WINDOW_MS = 24 * 3_600_000;

/** At most `max` hits per `windowMs` for one key of one bucket (e.g. `otp-send:mobile` and a number). */
export interface Limit {
  bucket: string;
  key: string;
  max: number;
  windowMs: number;
}

export interface Hit {
  allowed: boolean;
  /** Hits in the current window, this one included. */
  hits: number;
  windowStart: Date;
  /** Seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

const secondsUntil = (t: Date, now: Date) => Math.max(1, Math.ceil((t.getTime() - now.getTime()) / 1000));

/**
 * Counts one hit and says whether it is within the limit, in one statement: concurrent hits from
 * any number of processes are each counted exactly once (the row lock of INSERT … ON CONFLICT
 * orders them). A fixed window: it starts at the first hit after the previous one ended. `n` counts
 * several hits at once (a process's batch, `BatchedLimits`); the last of them is the one judged.
 */
export async function hit(db: Db, l: Limit, now: Date, n = 1): Promise<Hit> {
  if (l.windowMs <= 0 || l.windowMs > LONGEST_WINDOW_MS) throw new Error(`rate limit ${l.bucket}: window out of range`);
  const at = now.toISOString();
  const expired = sql`c.window_start <= ${at}::timestamptz - ${l.windowMs}::double precision * interval '1 millisecond'`;
  const [row] = await rows<{ hits: number; windowStart: string | Date }>(db, sql`
    INSERT INTO rate_limit_counters AS c (bucket, key_hash, window_start, hits)
    VALUES (${l.bucket}, ${keyDigest(l.key)}, ${at}::timestamptz, ${n}::int)
    ON CONFLICT (bucket, key_hash) DO UPDATE
       SET hits = CASE WHEN ${expired} THEN EXCLUDED.hits ELSE c.hits + EXCLUDED.hits END,
           window_start = CASE WHEN ${expired} THEN EXCLUDED.window_start ELSE c.window_start END
    RETURNING hits, window_start AS "windowStart"`);
  const windowStart = date(row!.windowStart);
  const hits = Number(row!.hits);
  return { allowed: hits <= l.max, hits, windowStart, retryAfterSeconds: secondsUntil(new Date(windowStart.getTime() + l.windowMs), now) };
}

/**
 * Counts one hit on each limit in turn and stops at the first one exceeded. Returns the refusal
 * (or undefined) and the hits counted, so a caller may give them back (`refund`).
 */
export async function hitAll(db: Db, limits: Limit[], now: Date): Promise<{ refused?: Hit & { limit: Limit }; counted: Array<{ limit: Limit; hit: Hit }> }> {
  const counted: Array<{ limit: Limit; hit: Hit }> = [];
  for (const limit of limits) {
    const h = await hit(db, limit, now);
    counted.push({ limit, hit: h });
    if (!h.allowed) return { refused: { ...h, limit }, counted };
  }
  return { counted };
}

/** Gives back a hit counted in the window that started at `windowStart` (a later window is left alone). */
export async function refund(db: Db, l: Pick<Limit, 'bucket' | 'key'>, windowStart: Date): Promise<void> {
  await rows(db, sql`
    UPDATE rate_limit_counters SET hits = greatest(hits - 1, 0)
     WHERE bucket = ${l.bucket} AND key_hash = ${keyDigest(l.key)} AND window_start = ${iso(windowStart)}::timestamptz`);
}
