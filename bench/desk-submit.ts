/**
 * The desk's submission (issue 11): POST /api/v1/requests with a 2 KB form validated against its
 * service's JSON Schema, an Idempotency-Key, by signed-in citizens, at 32 clients, against a
 * ceiling of the same SQL issued directly through `pg` at the same concurrency: the statements a
 * submission makes, in order, read from PostgreSQL's statement log of one submission (2026-12-07):
 *
 *   the session by token hash; the service; its agency; its catalogue entry; then in one
 *   transaction: the idempotency claim, the request, its event and audit entry (one statement), the
 *   applicant's contacts and channel preferences, two notifications (in-app and SMS) and the
 *   delivery job, the request read back with its service, agency, events and applicant, and the
 *   idempotency key's stored answer.
 *
 * Since workflows and uploads (ADR 0034, 0036) a submission also reads its version's workflow
 * definition and the card's documents, and deletes the person's draft of the service in its
 * transaction; all three are in the ceiling. The bench card's documents are
 * marked as obtained by inquiry from the agencies that hold them (once-only), so nothing is uploaded.
 *
 * Target: 0.8 of the ceiling. The server runs in development mode for its demo data (the demo
 * citizens are in the registry simulator; the demo service has an approved catalogue card); a
 * bench service with the 2 KB form is added beside it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { newTrackingCode } from '@dargah/api/modules/requests';
import { canonicalJson } from '@dargah/api/platform/audit';
import autocannon from 'autocannon';
import pg from 'pg';
import { directLoop } from './lib/ceiling';
import { benchTracking, printTracking } from './desk-tracking';
import { freshDatabase, startServer } from './lib/server';

const CITIZENS = [
  { nationalCode: '0010000011', mobile: '09120001417' },
  { nationalCode: '0010000070', mobile: '09350001417' },
  { nationalCode: '0071404015', mobile: '09120002404' },
  { nationalCode: '0031404022', mobile: '09350002404' },
];
const CLERK = { username: 'clerk.ministry', password: 'Dargah-demo-1404' };
export const SUBMIT_TARGET = 0.8;

/** Twenty fields of the kinds a desk form has: Iranian codes by format, enums, bounded numbers, free text. */
const FIELDS = 20;
const FORM_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['nationalCode', 'postalCode', 'mobile', 'reason', 'count'],
  properties: {
    nationalCode: { type: 'string', title: 'کد ملی', format: 'ir-national-code' },
    postalCode: { type: 'string', title: 'کد پستی', format: 'ir-postal-code' },
    mobile: { type: 'string', title: 'تلفن همراه', format: 'ir-mobile' },
    reason: { type: 'string', title: 'علت درخواست', enum: ['ارائه به بانک', 'ارائه به سفارت', 'سایر'] },
    count: { type: 'integer', title: 'تعداد نسخه', minimum: 1, maximum: 5 },
    ...Object.fromEntries(
      Array.from({ length: FIELDS - 5 }, (_, i) => [
        `note${i}`,
        { type: 'string', title: `توضیح ${i + 1}`, maxLength: 200 },
      ]),
    ),
  },
};
const FORM = {
  nationalCode: '0010000011',
  postalCode: '1193653471',
  mobile: '09120001417',
  reason: 'ارائه به بانک',
  count: 2,
  ...Object.fromEntries(
    Array.from({ length: FIELDS - 5 }, (_, i) => [
      `note${i}`,
      `توضیح شمارهٔ ${i + 1} برای آزمون بار میز خدمت الکترونیکی دستگاه اجرایی کشور`,
    ]),
  ),
};

interface Session {
  cookie: string;
  csrf: string;
}

async function json<T>(res: Response, what: string): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as T;
  if (!res.ok) throw new Error(`${what}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}
const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const sessionOf = (res: Response, csrf: string): Session => ({
  cookie: res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; '),
  csrf,
});

/** A demo citizen signed in with the one-time code the development outbox shows. */
async function signInCitizen(base: string, c: (typeof CITIZENS)[number]): Promise<Session> {
  const since = Date.now();
  const { challengeId } = await json<{ challengeId: string }>(await post(`${base}/api/v1/auth/citizen/otp`, c), 'otp');
  for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
    const { items } = await json<{
      items: Array<{ recipient: string; template: string; body: string; createdAt: string }>;
    }>(await fetch(`${base}/dev/outbox`), 'outbox');
    const msg = items.find(
      (m) => m.recipient === c.mobile && m.template === 'identity.otp' && Date.parse(m.createdAt) >= since - 1000,
    );
    const code = msg && /(\d{6})/.exec(msg.body.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)))?.[1];
    if (!code) continue;
    const res = await post(`${base}/api/v1/auth/citizen/verify`, { challengeId, code });
    return sessionOf(res, (await json<{ csrfToken: string }>(res, 'verify')).csrfToken);
  }
  throw new Error(`no one-time code for ${c.mobile}`);
}

/** The bench service: the demo's open service copied with the 2 KB form (same agency, same approved card). */
async function addBenchService(
  url: string,
  base: string,
): Promise<{ serviceId: string; agencyId: string; catalogueServiceId: string }> {
  const login = await json<{ agency: { id: string } }>(
    await post(`${base}/api/v1/auth/staff/login`, CLERK),
    'staff login',
  );
  const { items } = await json<{ items: Array<{ id: string; availability: string }> }>(
    await fetch(`${base}/api/v1/services?agencyId=${login.agency.id}&limit=100`),
    'services',
  );
  const open = items.find((s) => s.availability === 'open');
  if (!open) throw new Error('no open demo service');
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; agencyId: string; catalogueServiceId: string }>(
      `WITH s AS (
         INSERT INTO services (agency_id, title_fa, title_en, description_fa, recipients, norm_days, published, catalogue_service_id, created_at, updated_at)
         SELECT agency_id, 'خدمت آزمون بار', 'Load test service', description_fa, 'G2C', norm_days, true, catalogue_service_id, now(), now()
           FROM services WHERE id = $1
         RETURNING id, agency_id, catalogue_service_id),
       v AS (
         INSERT INTO service_versions (service_id, version_no, state, form_schema, workflow, workflow_definition, created_at, updated_at, published_at)
         SELECT s.id, 1, 'published', $2::jsonb, o.workflow, o.workflow_definition, now(), now(), now()
           FROM s, service_versions o WHERE o.service_id = $1 AND o.state = 'published')
       SELECT id, agency_id AS "agencyId", catalogue_service_id AS "catalogueServiceId" FROM s`,
      [open.id, JSON.stringify(FORM_SCHEMA)],
    );
    // Once-only: the card's documents come by inquiry from the agencies that hold them. An approved
    // card is frozen; the bench's own throwaway database lifts that for this one change.
    await db.query('BEGIN');
    await db.query('ALTER TABLE service_card_versions DISABLE TRIGGER service_card_versions_frozen');
    await db.query(
      `UPDATE service_card_versions v
          SET content = jsonb_set(v.content, '{documents}', coalesce((SELECT jsonb_agg(d || '{"byInquiry": true}') FROM jsonb_array_elements(v.content->'documents') d), '[]'))
         FROM service_cards c WHERE v.card_id = c.id AND v.version_no = c.approved_version AND c.service_id = $1`,
      [rows[0]!.catalogueServiceId],
    );
    await db.query('ALTER TABLE service_card_versions ENABLE TRIGGER service_card_versions_frozen');
    await db.query('COMMIT');
    return { serviceId: rows[0]!.id, agencyId: rows[0]!.agencyId, catalogueServiceId: rows[0]!.catalogueServiceId };
  } finally {
    await db.end();
  }
}

/** The submission's statements through `pg`, as many transactions as the clients can make in `seconds`. */
async function ceiling(
  url: string,
  concurrency: number,
  seconds: number,
  s: { serviceId: string; agencyId: string; catalogueServiceId: string },
): Promise<number> {
  const setupPool = new pg.Pool({ connectionString: url, max: 1 });
  const setup = await setupPool.query<{ tokenHash: string; citizenId: string; mobile: string }>(
    `SELECT s.token_hash AS "tokenHash", s.subject_id AS "citizenId", c.mobile FROM sessions s JOIN citizens c ON c.id::text = s.subject_id::text WHERE s.subject_type = 'citizen' LIMIT 1`,
  );
  const { tokenHash, citizenId, mobile } = setup.rows[0]!;
  const form = JSON.stringify(FORM);
  const result = await directLoop(url, concurrency, seconds, async (c) => {
    const now = new Date().toISOString();
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await c.query(
      `SELECT token_hash, subject_type, subject_id, acting_for_id, csrf_token, created_at, last_seen_at, expires_at, revoked_at FROM sessions WHERE token_hash = $1`,
      [tokenHash],
    );
    await c.query(
      `SELECT s.id, s.agency_id, s.title_fa, s.title_en, s.description_fa, s.recipients, s.norm_days, coalesce(v.form_schema, '{}'::jsonb), s.published, v.version_no, s.catalogue_service_id, s.version FROM services s LEFT JOIN service_versions v ON v.service_id = s.id AND v.state = 'published' WHERE s.id = $1`,
      [s.serviceId],
    );
    await c.query(
      `SELECT id, name_fa, name_en, province, active, parent_id, legal_id, version FROM agencies WHERE id = ANY($1::uuid[])`,
      [[s.agencyId]],
    );
    await c.query(
      `SELECT e.card_id, e.service_id, e.agency_id, e.agency_name, e.agency_name_en, e.agency_legal_id, e.title, e.recipients, e.maturity, e.level, e.life_events, e.province, e.approved_at, e.expires_at, e.category_id, e.domain_id, e.title_en, e.request_channels, e.delivery_channels FROM catalogue_entries e WHERE e.service_id = ANY($1::text[])`,
      [[s.catalogueServiceId]],
    );
    await c.query(
      `SELECT v.content FROM service_cards c JOIN service_card_versions v ON v.card_id = c.id AND v.version_no = c.approved_version WHERE c.service_id = $1 AND c.approved_version IS NOT NULL`,
      [s.catalogueServiceId],
    );
    await c.query(`SELECT workflow_definition AS def FROM service_versions WHERE service_id = $1 AND version_no = $2`, [s.serviceId, 1]);
    await c.query('BEGIN');
    const key = randomUUID();
    const scope = `citizen:${citizenId}:request.submit`;
    await c.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES ($1, $2, $3, $4::timestamptz) ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
      [scope, key, randomBytes(32).toString('hex'), now],
    );
    const code = newTrackingCode();
    const inserted = await c.query<{ id: string }>(
      `INSERT INTO service_requests (tracking_code, service_id, service_version, agency_id, applicant_id, on_behalf_of_id, status, form, submitted_at, due_at, created_at, updated_at)
       VALUES ($1, $2, 1, $3, $4, $5, $6, $7::jsonb, $8::timestamptz, $9::timestamptz, $10::timestamptz, $11::timestamptz) ON CONFLICT (tracking_code) DO NOTHING RETURNING id`,
      [code, s.serviceId, s.agencyId, citizenId, null, 'submitted', form, now, due, now, now],
    );
    const id = inserted.rows[0]?.id;
    if (!id) {
      await c.query('ROLLBACK');
      return false;
    }
    const payload = JSON.stringify({ to: 'submitted', serviceId: s.serviceId, trackingCode: code });
    await c.query(
      `WITH e AS (INSERT INTO events (stream_type, stream_id, action, actor_type, actor_id, on_behalf_of_id, payload, request_id, created_at)
                  VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9::timestamptz) RETURNING id)
       INSERT INTO audit_intake (chain_id, content) SELECT $10, $11 FROM e`,
      [
        'service_request',
        id,
        'submitted',
        'citizen',
        citizenId,
        null,
        payload,
        randomUUID(),
        now,
        s.agencyId,
        // The entry as recordChange writes it: the sealer hashes it into the agency's chain while the
        // server is measured next, so it must be one the sealer can seal (a malformed one makes every
        // sealing round fail and retry the whole backlog).
        canonicalJson({
          occurredAt: now,
          actorType: 'citizen',
          actorId: citizenId,
          onBehalfOfId: null,
          action: 'service_request.submit',
          objectType: 'service_request',
          objectId: id,
          agencyId: s.agencyId,
          requestId: randomUUID(),
          ip: '127.0.0.1',
          userAgent: 'bench',
          details: { trackingCode: code, serviceId: s.serviceId, serviceVersion: 1, documents: 0 },
        }),
      ],
    );
    await c.query(`DELETE FROM request_drafts WHERE citizen_id = $1 AND service_id = $2 RETURNING version`, [citizenId, s.serviceId]);
    await c.query(
      `SELECT mobile, CASE WHEN email_verified_at IS NOT NULL THEN email END AS email FROM citizens WHERE id = $1`,
      [citizenId],
    );
    await c.query(`SELECT channels FROM notification_preferences WHERE person_type = $1 AND person_id = $2`, [
      'citizen',
      citizenId,
    ]);
    const notification = `INSERT INTO notifications (template_id, template_version, channel, lang, recipient, person_type, person_id, agency_id, reference, subject, body, status, failure_reason, created_at, updated_at, delivered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::timestamptz, $15::timestamptz, $16::timestamptz) RETURNING id`;
    const body = `درخواست شما با کد رهگیری ${code} ثبت شد. موعد پاسخ: ۱۴۰۵/۰۹/۲۳`;
    await c.query(notification, [
      'requests.received',
      1,
      'in_app',
      'fa',
      citizenId,
      'citizen',
      citizenId,
      s.agencyId,
      id,
      'رسید درخواست',
      body,
      'delivered',
      null,
      now,
      now,
      now,
    ]);
    const sms = await c.query<{ id: string }>(notification, [
      'requests.received',
      1,
      'sms',
      'fa',
      mobile,
      'citizen',
      citizenId,
      s.agencyId,
      id,
      null,
      body,
      'created',
      null,
      now,
      now,
      null,
    ]);
    await c.query(
      `INSERT INTO jobs (kind, payload, dedupe_key, max_attempts, run_at, created_at) VALUES ($1, $2::jsonb, $3, $4, $5::timestamptz, $6::timestamptz)
       ON CONFLICT (dedupe_key) DO UPDATE SET dedupe_key = EXCLUDED.dedupe_key RETURNING id`,
      ['notify.send', JSON.stringify({ id: sms.rows[0]!.id }), null, 5, now, now],
    );
    await c.query(
      `SELECT r.id, r.tracking_code, r.service_id, r.service_version, r.agency_id, r.applicant_id, r.on_behalf_of_id, r.status, r.form, r.submitted_at, r.due_at, r.decided_at, r.decision_note, r.version FROM service_requests r WHERE r.id = $1`,
      [id],
    );
    await c.query(
      `SELECT s.id, s.agency_id, s.title_fa, s.title_en, s.description_fa, s.recipients, s.norm_days, coalesce(v.form_schema, '{}'::jsonb), s.published, v.version_no, s.catalogue_service_id, s.version FROM services s LEFT JOIN service_versions v ON v.service_id = s.id AND v.state = 'published' WHERE s.id = ANY($1::uuid[])`,
      [[s.serviceId]],
    );
    await c.query(
      `SELECT id, name_fa, name_en, province, active, parent_id, legal_id, version FROM agencies WHERE id = ANY($1::uuid[])`,
      [[s.agencyId]],
    );
    await c.query(
      `SELECT stream_id, action, actor_type, actor_id, on_behalf_of_id, payload, created_at FROM events WHERE stream_type = $1 AND stream_id = ANY($2::text[]) ORDER BY id`,
      ['service_request', [id]],
    );
    await c.query(
      `SELECT id, kind, national_code, legal_id, name, mobile, postal_code, address FROM citizens WHERE id = ANY($1::uuid[])`,
      [[citizenId]],
    );
    await c.query(`UPDATE idempotency_keys SET status_code = $1, response = $2::jsonb WHERE scope = $3 AND key = $4`, [
      201,
      JSON.stringify({ id, trackingCode: code, form: FORM }),
      scope,
      key,
    ]);
    await c.query('COMMIT');
    return true;
  });
  await setupPool.end();
  return result;
}

async function http(base: string, sessions: Session[], serviceId: string, concurrency: number, seconds: number) {
  const body = JSON.stringify({ serviceId, form: FORM });
  let n = 0;
  const result = await autocannon({
    url: `${base}/api/v1/requests`,
    connections: concurrency,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const s = sessions[n++ % sessions.length]!;
          return {
            ...req,
            body,
            headers: {
              'content-type': 'application/json',
              'accept-language': 'fa',
              cookie: s.cookie,
              'x-csrf-token': s.csrf,
              'idempotency-key': randomUUID(),
            },
          };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

export async function benchDeskSubmit(concurrency = 32, seconds = 10) {
  const url = await freshDatabase('dargah_bench_desk_submit');
  const server = await startServer(
    {
      DATABASE_URL: url,
      NODE_ENV: 'development',
      DATABASE_POOL_SIZE: String(concurrency),
      ADMIN_API_TOKEN: 'bench-operations-token-0123456789',
      JOBS_IN_PROCESS: 'false',
      OTP_SENDS_PER_10_MINUTES: '1000',
      SIGN_IN_RATE_PER_MINUTE: '100000',
      // Public tracking is measured next, from many client addresses (X-Forwarded-For), as citizens come.
      TRUST_PROXY: 'true',
    },
    { quiet: true },
  );
  try {
    const service = await addBenchService(url, server.url);
    const sessions = await Promise.all(CITIZENS.map((c) => signInCitizen(server.url, c)));
    const formBytes = Buffer.byteLength(JSON.stringify(FORM));
    await ceiling(url, concurrency, 2, service); // warm-up
    await http(server.url, sessions, service.serviceId, concurrency, 2);
    const direct = await ceiling(url, concurrency, seconds, service);
    const viaHttp = await http(server.url, sessions, service.serviceId, concurrency, seconds);
    const tracking = await benchTracking(url, server.url, concurrency, seconds);
    return {
      tracking,
      name: `desk submission (POST /requests, ${formBytes} B form checked against its JSON Schema, Idempotency-Key)`,
      concurrency,
      seconds,
      formBytes,
      ceilingTxPerSec: Math.round(direct),
      httpReqPerSec: Math.round(viaHttp.rps),
      httpLatencyMs: { p50: viaHttp.p50, p99: viaHttp.p99 },
      httpErrors: viaHttp.errors,
      ratio: Number((viaHttp.rps / direct).toFixed(3)),
      target: SUBMIT_TARGET,
    };
  } finally {
    await server.stop();
  }
}

export async function reportDeskSubmit(results: unknown[], summary: string[], seconds: number): Promise<void> {
  const { tracking, ...r } = await benchDeskSubmit(32, seconds);
  results.push(r, tracking);
  const met = r.ratio >= r.target && r.httpErrors === 0;
  console.log(`\n${r.name} @ ${r.concurrency} clients, ${r.seconds}s`);
  console.log(`  ceiling (the same statements through pg): ${r.ceilingTxPerSec} tx/s`);
  console.log(
    `  HTTP endpoint: ${r.httpReqPerSec} req/s (p50 ${r.httpLatencyMs.p50} ms, p99 ${r.httpLatencyMs.p99} ms, ${r.httpErrors} errors)`,
  );
  console.log(`  ratio: ${r.ratio} (target >= ${r.target}) ${met ? 'OK' : 'BELOW TARGET'}`);
  summary.push(
    `desk submission (${r.formBytes} B form), PostgreSQL, ${r.concurrency} clients: ratio ${r.ratio} (target >= ${r.target}) ${met ? 'met' : 'not met'}`,
    printTracking(tracking),
  );
}
