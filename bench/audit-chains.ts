/**
 * Audited writes through Dargah's own transaction and audit code (withTransaction, appendEvent,
 * audit) on PostgreSQL, against the ceiling of the same transaction (a 2 KB row and its event)
 * without the audit step:
 *  - spread over 50 agencies (one chain each): the target is a ratio of 0.8 or better;
 *  - all in one agency (one chain, one head row): what every audited write paid before per-agency
 *    chains, and what one very busy agency still pays.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { audit } from '@dargah/api/platform/audit';
import { migrate, openServerDatabase, rows, withTransaction, type Database } from '@dargah/api/platform/db';
import { appendEvent } from '@dargah/api/platform/events';
import { freshDatabase } from './lib/server';

type Variant = 'none' | 'one' | 'fifty';

/** The business row: 2 KB, like a typical record with its text (the issue's own measurement). */
const LABEL = 'ب'.repeat(1000);

async function run(database: Database, variant: Variant, agencies: string[], concurrency: number, seconds: number): Promise<number> {
  let done = 0;
  const until = Date.now() + seconds * 1000;
  const worker = async (w: number) => {
    for (let i = 0; Date.now() < until; i++) {
      const agencyId = variant === 'fifty' ? agencies[(w * 7 + i) % agencies.length]! : agencies[0]!;
      const actor = { type: 'staff' as const, id: 'bench-user', agencyId };
      const now = new Date();
      await withTransaction(database, async (tx) => {
        const [row] = await rows<{ id: string }>(tx.db, sql`INSERT INTO write_probes (label, created_at) VALUES (${LABEL}, ${now.toISOString()}::timestamptz) RETURNING id`);
        await appendEvent(tx, { streamType: 'write_probe', streamId: row!.id, action: 'recorded', actor, at: now, payload: { label: 'bench' }, origin: { requestId: randomUUID() } });
        if (variant !== 'none') {
          audit(tx, { actor, at: now, action: 'write_probe.record', objectType: 'write_probe', objectId: row!.id, details: { label: 'bench' }, origin: { requestId: randomUUID(), ip: '127.0.0.1', userAgent: 'bench' } });
        }
      });
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return done / seconds;
}

export async function benchAuditChains(concurrency = 32, seconds = 10) {
  const url = await freshDatabase('dargah_bench_audit');
  const database = await openServerDatabase(url, concurrency);
  try {
    await migrate(database);
    const agencies = Array.from({ length: 50 }, () => randomUUID());
    // Warm up every path (and create the 50 chains' heads) before measuring.
    for (const v of ['none', 'one', 'fifty'] as const) await run(database, v, agencies, concurrency, 1);
    // Interleave the variants so drift of the machine affects each alike.
    const totals: Record<Variant, number> = { none: 0, one: 0, fifty: 0 };
    const rounds = 2;
    for (let r = 0; r < rounds; r++) {
      for (const v of ['none', 'fifty', 'one'] as const) totals[v] += await run(database, v, agencies, concurrency, seconds / rounds);
    }
    const tx = { none: totals.none / rounds, one: totals.one / rounds, fifty: totals.fifty / rounds };
    return {
      name: 'audited writes (row + event + audit entry) vs the same transaction without the audit step',
      concurrency,
      seconds,
      withoutAuditTxPerSec: Math.round(tx.none),
      fiftyAgenciesTxPerSec: Math.round(tx.fifty),
      oneAgencyTxPerSec: Math.round(tx.one),
      ratio: Number((tx.fifty / tx.none).toFixed(3)),
      oneAgencyRatio: Number((tx.one / tx.none).toFixed(3)),
      target: 0.8,
    };
  } finally {
    await database.close();
  }
}
