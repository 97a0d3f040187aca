/**
 * The write path: one row + one event + one audit entry in one transaction.
 * (a) ceiling: the same SQL issued directly through `pg` at the given concurrency;
 * (b) the HTTP endpoint POST /api/v1/operations/write-probes doing that write.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { freshDatabase, startServer } from './lib/server';

const TOKEN = 'bench-operations-token-0123456789';

/** The append Dargah makes for an entry without an agency (the platform chain): see platform/audit. */
const AUDIT_APPEND = `
  WITH h AS (
    INSERT INTO audit_chains AS ch (chain_id, seq, prev_hash, hash)
    VALUES ('platform', 1, repeat('0', 64), encode(sha256(convert_to(repeat('0', 64) || $1, 'UTF8')), 'hex'))
    ON CONFLICT (chain_id) DO UPDATE SET seq = ch.seq + 1, prev_hash = ch.hash,
           hash = encode(sha256(convert_to(ch.hash || $1, 'UTF8')), 'hex')
    RETURNING chain_id, seq, prev_hash, hash)
  INSERT INTO audit_entries (chain_id, seq, occurred_at, actor_type, actor_id, on_behalf_of_id, action, object_type, object_id,
    agency_id, request_id, ip, user_agent, details, prev_hash, hash)
  SELECT h.chain_id, h.seq, $2::timestamptz, 'staff', 'platform-admin', NULL, 'write_probe.record', 'write_probe', $3,
    NULL, $4, '127.0.0.1', 'bench', $5::jsonb, h.prev_hash, h.hash FROM h`;

async function ceiling(url: string, concurrency: number, seconds: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  let done = 0;
  const until = Date.now() + seconds * 1000;
  const label = 'bench';
  const worker = async () => {
    const c = await pool.connect();
    try {
      while (Date.now() < until) {
        const now = new Date().toISOString();
        await c.query('BEGIN');
        const { rows } = await c.query<{ id: string }>('INSERT INTO write_probes (label, created_at) VALUES ($1, $2::timestamptz) RETURNING id', [label, now]);
        const id = rows[0]!.id;
        await c.query(
          `INSERT INTO events (stream_type, stream_id, action, actor_type, actor_id, on_behalf_of_id, payload, request_id, created_at)
           VALUES ('write_probe', $1, 'recorded', 'staff', 'platform-admin', NULL, $2::jsonb, $3, $4::timestamptz) RETURNING id`,
          [id, JSON.stringify({ label }), randomUUID(), now],
        );
        const details = JSON.stringify({ label });
        await c.query(AUDIT_APPEND, [`{"action":"write_probe.record","details":${details},"objectId":"${id}","occurredAt":"${now}"}`, now, id, randomUUID(), details]);
        await c.query('COMMIT');
        done++;
      }
    } finally {
      c.release();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await pool.end();
  return done / seconds;
}

async function http(base: string, concurrency: number, seconds: number): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const result = await autocannon({
    url: `${base}/api/v1/operations/write-probes`,
    method: 'POST',
    connections: concurrency,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ label: 'bench' }),
  });
  const errors = result.non2xx + result.errors + result.timeouts;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors };
}

export async function benchWritePath(concurrency = 32, seconds = 10) {
  const url = await freshDatabase('dargah_bench_write');
  const server = await startServer({ DATABASE_URL: url, DATABASE_POOL_SIZE: String(concurrency), ADMIN_API_TOKEN: TOKEN, JOBS_IN_PROCESS: 'false' });
  try {
    await ceiling(url, concurrency, 2); // warm-up
    await http(server.url, concurrency, 2);
    const direct = await ceiling(url, concurrency, seconds);
    const viaHttp = await http(server.url, concurrency, seconds);
    return {
      name: 'write path (row + event + audit entry, one transaction)',
      concurrency,
      seconds,
      ceilingTxPerSec: Math.round(direct),
      httpReqPerSec: Math.round(viaHttp.rps),
      httpLatencyMs: { p50: viaHttp.p50, p99: viaHttp.p99 },
      httpErrors: viaHttp.errors,
      ratio: Number((viaHttp.rps / direct).toFixed(3)),
      target: 0.5,
    };
  } finally {
    await server.stop();
  }
}
