/**
 * Audited writes through Dargah's own write path on PostgreSQL: a 2 KB row and `recordChange` (its
 * event and its audit entry, one statement), against the ceiling of the same transaction with
 * `appendEvent` alone (no audit step). The sealer runs the whole time in the same process and pool,
 * as in every app process (ADR 0019):
 *  - spread over 50 agencies (one chain each): the target is a ratio of 0.8 or better;
 *  - all in one agency (one chain): what one very busy agency pays.
 * After each audited run the bench waits until the intake is sealed and reports that wait (the
 * sealing lag: how far the sealer was behind when the writers stopped) and the largest backlog.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { auditBacklog, AuditSealer } from '@dargah/api/platform/audit';
import { migrate, openServerDatabase, rows, withTransaction, type Database } from '@dargah/api/platform/db';
import { appendEvent, recordChange } from '@dargah/api/platform/events';
import { freshDatabase } from './lib/server';

type Variant = 'none' | 'one' | 'fifty';

/** The business row: 2 KB, like a typical record with its text (the issue's own measurement). */
const LABEL = 'ب'.repeat(1000);
/** As in production (AUDIT_SEAL_INTERVAL_MS's default). */
const SEAL_INTERVAL_MS = 250;

interface Run {
  txPerSec: number;
  /** Milliseconds from the writers' stop until every entry was sealed. */
  sealLagMs: number;
  /** The most entries waiting at once, sampled every second. */
  maxBacklog: number;
}

async function run(database: Database, variant: Variant, agencies: string[], concurrency: number, seconds: number): Promise<Run> {
  let done = 0;
  const until = Date.now() + seconds * 1000;
  let maxBacklog = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      maxBacklog = Math.max(maxBacklog, (await auditBacklog(database)).entries);
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  const worker = async (w: number) => {
    for (let i = 0; Date.now() < until; i++) {
      const agencyId = variant === 'fifty' ? agencies[(w * 7 + i) % agencies.length]! : agencies[0]!;
      const actor = { type: 'staff' as const, id: 'bench-user', agencyId };
      const origin = { requestId: randomUUID(), ip: '127.0.0.1', userAgent: 'bench' };
      const now = new Date();
      await withTransaction(database, async (tx) => {
        const [row] = await rows<{ id: string }>(tx.db, sql`INSERT INTO write_probes (label, created_at) VALUES (${LABEL}, ${now.toISOString()}::timestamptz) RETURNING id`);
        if (variant === 'none') {
          await appendEvent(tx, { streamType: 'write_probe', streamId: row!.id, action: 'recorded', actor, at: now, payload: { label: 'bench' }, origin });
        } else {
          await recordChange(tx, { actor, origin, at: now }, { stream: 'write_probe', id: row!.id, event: 'recorded', audit: 'write_probe.record', agencyId, details: { label: 'bench' } });
        }
      });
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const stopped = Date.now();
  // The sealer keeps running: wait for it to seal everything written.
  const waiting = async () => (await database.query('SELECT 1 FROM audit_intake ORDER BY xid DESC, id DESC LIMIT 1')).length > 0;
  while (await waiting()) await new Promise((r) => setTimeout(r, 10));
  const sealLagMs = Date.now() - stopped;
  sampling = false;
  await sampler;
  return { txPerSec: done / seconds, sealLagMs, maxBacklog };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export async function benchAuditChains(concurrency = 32, seconds = 10) {
  const url = await freshDatabase('dargah_bench_audit');
  const database = await openServerDatabase(url, concurrency);
  const sealer = new AuditSealer(database, { error: (o: unknown) => console.error('sealer failed', o) } as never, SEAL_INTERVAL_MS);
  try {
    await migrate(database);
    sealer.start();
    const agencies = Array.from({ length: 50 }, () => randomUUID());
    // Warm up every path (and create the 50 chains' heads) before measuring.
    for (const v of ['none', 'one', 'fifty'] as const) await run(database, v, agencies, concurrency, 1);
    // Many short rounds, each running the three variants back to back in a rotating order, so
    // drift of the machine (a checkpoint, autovacuum, another process) lands on one round's
    // variants alike; the figure is the median of the rounds' ratios, each to its own baseline.
    const rounds = Math.max(3, Math.round(seconds / 2));
    const orders = [['none', 'fifty', 'one'], ['one', 'none', 'fifty'], ['fifty', 'one', 'none']] as const;
    const per: Record<Variant, number[]> = { none: [], one: [], fifty: [] };
    const lag: Record<Variant, number> = { none: 0, one: 0, fifty: 0 };
    const backlog: Record<Variant, number> = { none: 0, one: 0, fifty: 0 };
    for (let r = 0; r < rounds; r++) {
      for (const v of orders[r % orders.length]!) {
        const got = await run(database, v, agencies, concurrency, seconds / rounds);
        per[v].push(got.txPerSec);
        lag[v] = Math.max(lag[v], got.sealLagMs);
        backlog[v] = Math.max(backlog[v], got.maxBacklog);
      }
    }
    const ratios = (v: Variant) => per[v].map((x, i) => x / per.none[i]!);
    const tx = { none: median(per.none), one: median(per.one), fifty: median(per.fifty) };
    return {
      name: 'audited writes (row + recordChange: event + audit entry, sealer running) vs the same transaction with appendEvent alone',
      concurrency,
      seconds,
      withoutAuditTxPerSec: Math.round(tx.none),
      fiftyAgenciesTxPerSec: Math.round(tx.fifty),
      oneAgencyTxPerSec: Math.round(tx.one),
      rounds,
      ratio: Number(median(ratios('fifty')).toFixed(3)),
      oneAgencyRatio: Number(median(ratios('one')).toFixed(3)),
      /** Each round's ratio (50 agencies), to show the spread behind the median. */
      roundRatios: ratios('fifty').map((x) => Number(x.toFixed(3))),
      /** The longest wait, after the writers stopped, until every entry was sealed (ms). */
      sealLagMs: { fifty: lag.fifty, one: lag.one },
      /** The most entries waiting to be sealed at once during a run. */
      maxBacklog: { fifty: backlog.fifty, one: backlog.one },
      sealIntervalMs: SEAL_INTERVAL_MS,
      target: 0.8,
    };
  } finally {
    await sealer.stop();
    await database.close();
  }
}
