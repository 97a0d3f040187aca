/**
 * The write path: one row + one event + one audit entry in one transaction.
 * (a) ceiling: the same SQL issued directly through `pg` at the given concurrency;
 * (b) the HTTP endpoint POST /api/v1/operations/write-probes doing that write.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { canonicalJson } from '@dargah/api/platform/audit';
import { directLoop } from './lib/ceiling';
import { freshDatabase, startServer } from './lib/server';

const TOKEN = 'bench-operations-token-0123456789';

/**
 * The event and its audit entry as Dargah writes them (recordChange): one statement, the entry
 * into the intake the sealer later hashes into its chain (see platform/audit, ADR 0019).
 */
const EVENT_AND_AUDIT = `
  WITH s AS (
    INSERT INTO events (stream_type, stream_id, action, actor_type, actor_id, on_behalf_of_id, payload, request_id, created_at)
    VALUES ('write_probe', $1, 'recorded', 'staff', 'platform-admin', NULL, $2::jsonb, $3, $4::timestamptz) RETURNING id)
  INSERT INTO audit_intake (chain_id, content) SELECT 'platform', $5 FROM s`;

async function ceiling(url: string, concurrency: number, seconds: number): Promise<number> {
  const label = 'bench';
  return directLoop(url, concurrency, seconds, async (c) => {
    const now = new Date().toISOString();
    await c.query('BEGIN');
    const { rows } = await c.query<{ id: string }>(
      'INSERT INTO write_probes (label, created_at) VALUES ($1, $2::timestamptz) RETURNING id',
      [label, now],
    );
    const id = rows[0]!.id;
    const requestId = randomUUID();
    const content = canonicalJson({
      occurredAt: now,
      actorType: 'staff',
      actorId: 'platform-admin',
      onBehalfOfId: null,
      action: 'write_probe.record',
      objectType: 'write_probe',
      objectId: id,
      agencyId: null,
      requestId,
      ip: '127.0.0.1',
      userAgent: 'bench',
      details: { label },
    });
    await c.query(EVENT_AND_AUDIT, [id, JSON.stringify({ label }), requestId, now, content]);
    await c.query('COMMIT');
    return true;
  });
}

async function http(
  base: string,
  concurrency: number,
  seconds: number,
): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
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
  const server = await startServer({
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: String(concurrency),
    ADMIN_API_TOKEN: TOKEN,
    JOBS_IN_PROCESS: 'false',
  });
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
