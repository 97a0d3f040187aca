import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { date, iso, list, rows, type Db } from '../db';
import { hit, keyHex, type Hit, type Limit } from './counters';

/**
 * Per-address limits that hold across processes without a database write per request (ADR 0009
 * amendment 1). A process counts a key's hits locally and adds them to the shared counter in
 * batches; the batch a key may gather shrinks as the key nears its limit, to one hit (an exact,
 * one-statement decision, `hit`) in the last stretch:
 *
 *   allowance = clamp(⌊(max − shared − pending) / SHARE⌋, 1, MAX_BATCH)
 *
 * `shared` is the counter's value at this process's last write, `pending` the hits admitted here
 * since. Far from the limit, a key's hits cost one write per `allowance` hits (or one per flush
 * interval for a quiet key); near it, one per hit. A process refuses without asking the database
 * once `shared + pending` reaches the limit: `shared` is a lower bound on the counter while the
 * window it was read in lasts (a fixed window ends only by time).
 *
 * What N processes may admit beyond the limit: each holds at most `allowance` unwritten hits,
 * and an allowance is a 1/SHARE part of the headroom it saw, so with N < SHARE processes the
 * overshoot stays under N × MAX_BATCH at worst and is nil while limits are small
 * (max ≤ SHARE: every hit is exact). Sign-in and one-time-code limits are small; searches are not.
 */
const SHARE = 16;
const MAX_BATCH = 64;

/** Keys followed in memory at once; a key beyond them is counted exactly (a write per hit). */
const MAX_KEYS = 50_000;

interface Entry {
  bucket: string;
  key: string;
  windowMs: number;
  /** The shared counter when this process last wrote it, in the window that began at `windowStart`. */
  shared: number;
  windowStart: Date | undefined;
  /** Hits admitted here and not yet written. */
  pending: number;
}

export class BatchedLimits {
  private readonly entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly db: () => Db,
    private readonly log: Logger,
    private readonly flushMs = 1_000,
  ) {}

  /** Counts one hit of `l` and says whether it is within the limit (see the class comment). */
  async hit(l: Limit, now: Date): Promise<Hit> {
    const id = `${l.bucket}\u0000${l.key}`;
    let e = this.entries.get(id);
    if (!e) {
      if (this.entries.size >= MAX_KEYS) return hit(this.db(), l, now);
      e = { bucket: l.bucket, key: l.key, windowMs: l.windowMs, shared: 0, windowStart: undefined, pending: 0 };
      this.entries.set(id, e);
      this.schedule();
    }
    if (e.windowStart && now.getTime() >= e.windowStart.getTime() + l.windowMs) {
      e.shared = 0;
      e.windowStart = undefined;
    }
    const headroom = l.max - e.shared - e.pending;
    if (headroom <= 0 && e.windowStart) return refusal(e, l, now);
    const allowance = Math.min(MAX_BATCH, Math.max(1, Math.floor(headroom / SHARE)));
    if (e.pending + 1 < allowance) {
      e.pending += 1;
      return local(e, l, now, true);
    }
    // This hit writes the key's pending ones with it and is judged on the counter it returns.
    const n = e.pending + 1;
    e.pending = 0;
    try {
      const h = await hit(this.db(), l, now, n);
      e.shared = h.hits;
      e.windowStart = h.windowStart;
      return h;
    } catch (err) {
      e.pending += n - 1;
      throw err;
    }
  }

  /** Writes every key's pending hits, one statement per window length. */
  async flush(now = new Date()): Promise<void> {
    while (this.flushing) await this.flushing;
    this.flushing = this.write(now).finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** Writes what is pending and stops the timer (the app is closing). */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush().catch((err: unknown) => this.log.warn({ err }, 'rate limits: pending hits not written at close'));
    this.entries.clear();
  }

  private schedule() {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.flush().catch((err: unknown) => this.log.warn({ err }, 'rate limits: pending hits not written; retried at the next flush'));
    }, this.flushMs);
    this.timer.unref();
  }

  private async write(now: Date): Promise<void> {
    const byWindow = new Map<number, Entry[]>();
    for (const [id, e] of this.entries) {
      if (e.pending > 0) byWindow.set(e.windowMs, [...(byWindow.get(e.windowMs) ?? []), e]);
      else if (!e.windowStart || now.getTime() >= e.windowStart.getTime() + e.windowMs) this.entries.delete(id);
    }
    if (this.entries.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    for (const [windowMs, batch] of byWindow) {
      const counts = batch.map((e) => e.pending);
      batch.forEach((e) => (e.pending = 0));
      try {
        const written = await addHits(this.db(), batch, counts, windowMs, now);
        for (const e of batch) {
          const w = written.get(`${e.bucket}\u0000${keyHex(e.key)}`);
          if (w) Object.assign(e, w);
        }
      } catch (err) {
        batch.forEach((e, i) => (e.pending += counts[i]!));
        throw err;
      }
    }
  }
}

function local(e: Entry, l: Limit, now: Date, allowed: boolean): Hit {
  const windowStart = e.windowStart ?? now;
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + l.windowMs - now.getTime()) / 1000));
  return { allowed, hits: e.shared + e.pending, windowStart, retryAfterSeconds };
}
const refusal = (e: Entry, l: Limit, now: Date) => local(e, l, now, false);

/** Adds each entry's count to its shared counter in one statement; returns the counters after. */
async function addHits(db: Db, batch: Entry[], counts: number[], windowMs: number, now: Date) {
  const at = iso(now);
  const expired = sql`c.window_start <= ${at}::timestamptz - ${windowMs}::double precision * interval '1 millisecond'`;
  const written = await rows<{ bucket: string; key: string; hits: number; windowStart: string | Date }>(db, sql`
    INSERT INTO rate_limit_counters AS c (bucket, key_hash, window_start, hits)
    SELECT b, decode(k, 'hex'), ${at}::timestamptz, n
      FROM unnest(${list(batch.map((e) => e.bucket))}::text[], ${list(batch.map((e) => keyHex(e.key)))}::text[], ${list(counts.map(String))}::int[]) AS u(b, k, n)
    ON CONFLICT (bucket, key_hash) DO UPDATE
       SET hits = CASE WHEN ${expired} THEN EXCLUDED.hits ELSE c.hits + EXCLUDED.hits END,
           window_start = CASE WHEN ${expired} THEN EXCLUDED.window_start ELSE c.window_start END
    RETURNING bucket, encode(key_hash, 'hex') AS key, hits, window_start AS "windowStart"`);
  return new Map(written.map((r) => [`${r.bucket}\u0000${r.key}`, { shared: Number(r.hits), windowStart: date(r.windowStart) }]));
}
