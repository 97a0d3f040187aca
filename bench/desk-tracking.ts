/**
 * Public tracking (issue 11 §8): POST /api/v1/requests/track with a tracking code and the
 * applicant's national code, no sign-in, at 32 clients, against a ceiling of the same reads issued
 * directly through `pg` at the same concurrency. Target: 0.5 of the ceiling.
 *
 * The statements of one lookup, as `request-tracking.service.ts` makes them: the request by its
 * tracking code; its applicant (citizens by id); the service's and the agency's names; the
 * request's events. The per-address rate limit is counted in memory and written in batches
 * (`platform/rate-limit/batched.ts`), so it adds no statement per lookup and none is in the ceiling.
 *
 * It runs on the server and database the submission bench (desk-submit.ts) has just filled: the
 * lookups cycle over the requests it stored, each with its applicant's national code, from 1,000
 * client addresses (X-Forwarded-For; the server trusts its proxy) so each stays under the limit.
 */
import autocannon from 'autocannon';
import pg from 'pg';
import { directLoop } from './lib/ceiling';

export const TRACKING_TARGET = 0.5;

interface Pair {
  trackingCode: string;
  nationalCode: string;
}

async function pairs(url: string, limit: number): Promise<Pair[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<Pair>(
      `SELECT r.tracking_code AS "trackingCode", c.national_code AS "nationalCode"
         FROM service_requests r JOIN citizens c ON c.id = r.applicant_id
        ORDER BY r.submitted_at DESC LIMIT $1`,
      [limit],
    );
    if (rows.length === 0) throw new Error('no requests to track');
    return rows;
  } finally {
    await db.end();
  }
}

async function ceiling(url: string, concurrency: number, seconds: number, all: Pair[]): Promise<number> {
  let n = 0;
  return directLoop(url, concurrency, seconds, async (c) => {
    const p = all[n++ % all.length]!;
    const { rows } = await c.query<{ id: string; service_id: string; agency_id: string; applicant_id: string }>(
      `SELECT r.id, r.tracking_code, r.service_id, r.service_version, r.agency_id, r.applicant_id, r.on_behalf_of_id, r.status, r.form,
              r.submitted_at, r.due_at, r.decided_at, r.decision_note, r.version
         FROM service_requests r WHERE r.tracking_code = $1`,
      [p.trackingCode],
    );
    const r = rows[0];
    if (!r) return false;
    await c.query(`SELECT id, kind, national_code, legal_id, name, mobile, postal_code, address FROM citizens WHERE id = ANY($1::uuid[])`, [
      [r.applicant_id],
    ]);
    await c.query(
      `SELECT s.id, s.agency_id, s.title_fa, s.title_en, s.description_fa, s.recipients, s.norm_days, coalesce(v.form_schema, '{}'::jsonb), s.published, v.version_no, s.catalogue_service_id, s.version FROM services s LEFT JOIN service_versions v ON v.service_id = s.id AND v.state = 'published' WHERE s.id = ANY($1::uuid[])`,
      [[r.service_id]],
    );
    await c.query(`SELECT id, name_fa, name_en, province, active, parent_id, legal_id, version FROM agencies WHERE id = ANY($1::uuid[])`, [
      [r.agency_id],
    ]);
    await c.query(
      `SELECT stream_id, action, actor_type, actor_id, on_behalf_of_id, payload, created_at FROM events WHERE stream_type = $1 AND stream_id = ANY($2::text[]) ORDER BY id`,
      ['service_request', [r.id]],
    );
    return true;
  });
}

async function http(base: string, all: Pair[], concurrency: number, seconds: number) {
  let n = 0;
  const result = await autocannon({
    url: `${base}/api/v1/requests/track`,
    connections: concurrency,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify(all[n++ % all.length]),
          headers: { 'content-type': 'application/json', 'accept-language': 'fa', 'x-forwarded-for': `10.0.${(n % 1000) >> 8}.${n % 256}` },
        }),
      },
    ],
  });
  if (process.env.BENCH_DEBUG) console.log(result.statusCodeStats);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors + result.timeouts };
}

export interface TrackingReport {
  name: string;
  concurrency: number;
  seconds: number;
  requestsTracked: number;
  ceilingReadsPerSec: number;
  httpReqPerSec: number;
  httpLatencyMs: { p50: number; p99: number };
  httpErrors: number;
  ratio: number;
  target: number;
}

/** Public tracking against its ceiling, on a server whose database already holds requests (the rate limit must allow the load). */
export async function benchTracking(url: string, base: string, concurrency: number, seconds: number): Promise<TrackingReport> {
  const all = await pairs(url, 5000);
  await ceiling(url, concurrency, 2, all); // warm-up
  await http(base, all, concurrency, 2);
  const direct = await ceiling(url, concurrency, seconds, all);
  const viaHttp = await http(base, all, concurrency, seconds);
  return {
    name: 'public tracking (POST /requests/track: tracking code + national code, no sign-in)',
    concurrency,
    seconds,
    requestsTracked: all.length,
    ceilingReadsPerSec: Math.round(direct),
    httpReqPerSec: Math.round(viaHttp.rps),
    httpLatencyMs: { p50: viaHttp.p50, p99: viaHttp.p99 },
    httpErrors: viaHttp.errors,
    ratio: Number((viaHttp.rps / direct).toFixed(3)),
    target: TRACKING_TARGET,
  };
}

export function printTracking(r: TrackingReport): string {
  const met = r.ratio >= r.target && r.httpErrors === 0;
  console.log(`\n${r.name} @ ${r.concurrency} clients, ${r.seconds}s, over ${r.requestsTracked} requests`);
  console.log(`  ceiling (the same reads through pg): ${r.ceilingReadsPerSec} lookups/s`);
  console.log(`  HTTP endpoint: ${r.httpReqPerSec} req/s (p50 ${r.httpLatencyMs.p50} ms, p99 ${r.httpLatencyMs.p99} ms, ${r.httpErrors} errors)`);
  console.log(`  ratio: ${r.ratio} (target >= ${r.target}) ${met ? 'OK' : 'BELOW TARGET'}`);
  return `public tracking, PostgreSQL, ${r.concurrency} clients: ratio ${r.ratio} (target >= ${r.target}) ${met ? 'met' : 'not met'}`;
}
