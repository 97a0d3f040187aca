import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { buildApp } from '../src/app';
import { ConfigError, loadConfig } from '../src/config';
import type { Database } from '../src/platform/db';
import { Metrics } from '../src/platform/metrics';
import { TEXT_PLAIN } from '../src/platform/files';
import { createService } from '../src/modules/services';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from './app';
import { buildAgency, signInCitizen } from './factories';

type Families = ReturnType<typeof parsePrometheusTextFormat>;

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function scrape(app = t): Promise<Families> {
  const res = await app.app.inject({ url: '/metrics', headers: app.admin });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusTextFormat(res.body);
}

const family = (f: Families, name: string) => {
  const found = f.find((x) => x.name === name);
  if (!found) throw new Error(`no metric family ${name}`);
  return found;
};

/** The value of one sample whose labels include `labels` (0 when there is none). */
function value(f: Families, name: string, labels: Record<string, string> = {}): number {
  const sample = family(f, name).metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return sample?.value === undefined ? 0 : Number(sample.value);
}

describe('GET /metrics', () => {
  it('parses as Prometheus text with every documented family and its labels', async () => {
    // Something in each: a queued job, a stored blob, an audit entry waiting to be sealed.
    await t.ctx.runner!.scheduleRecurring();
    const blob = await t.ctx.blobs.put(Readable.from([Buffer.from('metrics test blob')]), {
      allowedTypes: [TEXT_PLAIN],
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/operations/write-probes',
      headers: t.admin,
      payload: { label: 'metrics' },
    });
    const f = await scrape();
    expect(family(f, 'dargah_http_requests_total').type).toBe('COUNTER');
    expect(family(f, 'dargah_http_request_duration_seconds').type).toBe('HISTOGRAM');
    expect(value(f, 'dargah_metrics_database_up')).toBe(1);
    expect(value(f, 'dargah_db_info', { kind: t.ctx.database.kind })).toBe(1);
    expect(value(f, 'dargah_jobs', { kind: 'blobs.gc', status: 'queued' })).toBe(1);
    expect(value(f, 'dargah_blob_store_bytes')).toBeGreaterThanOrEqual(blob.size);
    expect(value(f, 'dargah_blob_store_objects', { referenced: 'false' })).toBeGreaterThanOrEqual(1);
    expect(family(f, 'dargah_audit_intake_entries').metrics).toHaveLength(1);
    expect(family(f, 'dargah_audit_intake_oldest_seconds').metrics).toHaveLength(1);
    for (const name of [
      'dargah_notification_deliveries_total',
      'dargah_job_attempts_total',
      'dargah_notifications_pending',
      'dargah_audit_checkpoint_age_seconds',
      'dargah_job_oldest_due_seconds',
      'dargah_process_cpu_seconds_total',
    ]) {
      expect(family(f, name).help.length).toBeGreaterThan(5);
    }
    const probe = family(f, 'dargah_http_requests_total').metrics.find(
      (m) => m.labels?.route === '/api/v1/operations/write-probes',
    );
    expect(probe?.labels).toEqual({ method: 'POST', route: '/api/v1/operations/write-probes', status: '201' });
    if (t.ctx.database.kind === 'server') {
      expect(value(f, 'dargah_db_pool_connections', { state: 'max' })).toBeGreaterThan(0);
      expect(Number(family(f, 'dargah_db_pool_wait_seconds').metrics[0]?.buckets?.['+Inf'])).toBeGreaterThan(0);
    }
  });

  it('answers concurrent scrapes alike', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => t.app.inject({ url: '/metrics', headers: t.admin })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(6).fill(200));
    for (const a of answers) expect(value(parsePrometheusTextFormat(a.body), 'dargah_metrics_database_up')).toBe(1);
  });

  it('counts a request under its route pattern and status', async () => {
    const before = value(await scrape(), 'dargah_http_requests_total', { route: '/healthz', status: '200' });
    await t.app.inject({ url: '/healthz' });
    await t.app.inject({ url: '/healthz' });
    const after = await scrape();
    expect(value(after, 'dargah_http_requests_total', { route: '/healthz', status: '200' })).toBe(before + 2);
    // parse-prometheus-text-format merges a labelled histogram's series into one: its count is read from the text.
    const text = (await t.app.inject({ url: '/metrics', headers: t.admin })).body;
    const count = /^dargah_http_request_duration_seconds_count\{method="GET",route="\/healthz"\} (\d+)$/m.exec(
      text,
    )?.[1];
    expect(Number(count)).toBeGreaterThanOrEqual(before + 2);
  });

  it('counts the job attempts and the deliveries this process makes', async () => {
    await t.ctx.runner!.runDue();
    t.ctx.notify.onDelivery('sms', 'delivered');
    const f = await scrape();
    expect(value(f, 'dargah_job_attempts_total', { kind: 'blobs.gc', outcome: 'succeeded' })).toBeGreaterThanOrEqual(1);
    expect(value(f, 'dargah_notification_deliveries_total', { channel: 'sms', outcome: 'delivered' })).toBe(1);
  });

  it('keeps route labels bounded however many random URLs are asked', async () => {
    const routes = (f: Families) =>
      new Set(family(f, 'dargah_http_requests_total').metrics.map((m) => m.labels?.route));
    const before = routes(await scrape());
    for (let i = 0; i < 40; i++) {
      const noise = Math.random().toString(36).slice(2);
      await t.app.inject({ url: `/api/v1/nothing-${noise}/${noise}?q=${noise}` });
      await t.app.inject({ url: `/api/v1/requests/${crypto.randomUUID()}` });
      await t.app.inject({ method: 'GET', url: `/%00${noise}` });
    }
    const after = routes(await scrape());
    const added = [...after].filter((r) => !before.has(r));
    expect(added.length).toBeLessThanOrEqual(3);
    expect(added.every((r) => r === '(unmatched)' || r === '/api/v1/requests/:id' || r === '/metrics')).toBe(true);
    for (const r of after) expect(r).not.toMatch(/nothing-|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('answers 401 in the error envelope without the token, 403 with a wrong one, and ignores a token in the query', async () => {
    const none = await t.app.inject({ url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error).toMatchObject({ code: 'UNAUTHENTICATED', requestId: none.headers['x-request-id'] });
    expect(none.body).not.toMatch(/dargah_/);
    for (const url of [
      `/metrics?token=${ADMIN_TOKEN}`,
      `/metrics?access_token=${ADMIN_TOKEN}`,
      `/metrics?authorization=Bearer%20${ADMIN_TOKEN}`,
    ]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(401);
    }
    for (const authorization of [
      'Bearer wrong-token-wrong-token-wrong',
      `Bearer ${ADMIN_TOKEN}x`,
      `Bearer ${'a'.repeat(5000)}`,
      `Basic ${ADMIN_TOKEN}`,
      ADMIN_TOKEN,
    ]) {
      const res = await t.app.inject({ url: '/metrics', headers: { authorization } });
      expect([401, 403]).toContain(res.statusCode);
      expect(res.json().error.code).toMatch(/^(UNAUTHENTICATED|FORBIDDEN)$/);
    }
    expect(
      (await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong-token-wrong-token-wrong' } }))
        .statusCode,
    ).toBe(403);
  });
});

describe('module gauges', () => {
  it('counts the open requests past their answer date by agency (the desk SLA breaches), and no other request', async () => {
    // Its own app: the sign-in's SMS would count in the other tests' deliveries.
    const t = await buildTestApp();
    try {
      const agency = await buildAgency(t, { nameFa: 'اداره کل سنجش' });
      const form = {
        type: 'object',
        required: ['reason'],
        properties: { reason: { type: 'string', title: 'علت', minLength: 2 } },
        additionalProperties: false,
      };
      const serviceId = await createService(
        t.ctx.database.db,
        {
          agencyId: agency.id,
          titleFa: 'گواهی سنجش',
          titleEn: 'Metrics',
          descriptionFa: 'آزمایشی',
          normDays: 5,
          formSchema: form,
          published: true,
          recipients: 'G2C',
        },
        t.clock.now(),
      );
      const citizen = await signInCitizen(t);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/requests',
          headers: citizen.headers,
          payload: { serviceId, form: { reason: 'ارائه به بانک' } },
        });
        expect(res.statusCode, res.body).toBe(201);
        ids.push(res.json().id);
      }
      // Answer dates ahead as the database's clock sees them (the test clock may be anywhere).
      await t.ctx.database.query(
        `UPDATE service_requests SET submitted_at = now() - interval '1 day', due_at = now() + interval '5 days' WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      expect(value(await scrape(t), 'dargah_requests_overdue', { agency_id: agency.id })).toBe(0);
      // Two past their answer date (as the database's clock sees it); one of them decided since.
      await t.ctx.database.query(
        `UPDATE service_requests SET submitted_at = now() - interval '20 days', due_at = now() - interval '1 day' WHERE id = ANY($1::uuid[])`,
        [ids.slice(0, 2)],
      );
      expect(value(await scrape(t), 'dargah_requests_overdue', { agency_id: agency.id })).toBe(2);
      await t.ctx.database.query(`UPDATE service_requests SET status = 'approved', decided_at = now(), answer_calendar_days = 20 WHERE id = $1`, [
        ids[0],
      ]);
      const f = await scrape(t);
      expect(value(f, 'dargah_requests_overdue', { agency_id: agency.id })).toBe(1);
      expect(family(f, 'dargah_requests_overdue').type).toBe('GAUGE');
    } finally {
      await t.close();
    }
  });
});

describe('the worker’s metrics port', () => {
  it('serves /metrics and health from the platform routes alone, with the same token', async () => {
    const ops = await buildApp(t.ctx, { modules: [], webDist: false, pages: false });
    try {
      const res = await ops.inject({ url: '/metrics', headers: t.admin });
      expect(res.statusCode).toBe(200);
      expect(family(parsePrometheusTextFormat(res.body), 'dargah_job_attempts_total').type).toBe('COUNTER');
      expect((await ops.inject({ url: '/metrics' })).statusCode).toBe(401);
      expect((await ops.inject({ url: '/readyz' })).statusCode).toBe(200);
      expect((await ops.inject({ url: '/api/v1/operations/jobs', headers: t.admin })).statusCode).toBe(404);
    } finally {
      await ops.close();
    }
  });
});

describe('METRICS_ALLOW_NETWORKS', () => {
  let open: TestApp;
  beforeAll(async () => {
    open = await buildTestApp({ METRICS_ALLOW_NETWORKS: '127.0.0.0/8, 10.20.0.0/16' }, t);
  });
  afterAll(() => open.close());

  it('lets a caller on an allowed network scrape without the token, and no one else', async () => {
    expect((await open.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
    expect((await open.app.inject({ url: '/metrics', remoteAddress: '10.20.3.4' })).statusCode).toBe(200);
    expect((await open.app.inject({ url: '/metrics', remoteAddress: '::ffff:10.20.3.4' })).statusCode).toBe(200);
    expect((await open.app.inject({ url: '/metrics', remoteAddress: '10.21.3.4' })).statusCode).toBe(401);
    // A forwarded address counts only behind TRUST_PROXY (not set here).
    expect(
      (
        await open.app.inject({
          url: '/metrics',
          remoteAddress: '192.0.2.7',
          headers: { 'x-forwarded-for': '127.0.0.1' },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (await open.app.inject({ url: '/metrics', remoteAddress: '192.0.2.7', headers: open.admin })).statusCode,
    ).toBe(200);
  });

  it('refuses a setting that is not an address or a network, naming it', () => {
    for (const bad of ['banana', '10.0.0.0/33', '10.0.0.0/8/1', '::1/129', '10.0.0.0/x', '10.0.0.\u0000']) {
      expect(() => loadConfig({ NODE_ENV: 'test', METRICS_ALLOW_NETWORKS: bad })).toThrow(ConfigError);
      try {
        loadConfig({ NODE_ENV: 'test', METRICS_ALLOW_NETWORKS: bad });
      } catch (err) {
        expect((err as ConfigError).problems.join()).toMatch(/METRICS_ALLOW_NETWORKS/);
      }
    }
    expect(
      loadConfig({ NODE_ENV: 'test', METRICS_ALLOW_NETWORKS: '::1, 192.168.0.0/24' }).METRICS_ALLOW_NETWORKS,
    ).toEqual(['::1', '192.168.0.0/24']);
  });
});

describe('a slow database', () => {
  it('does not hang the scrape: the process figures come back without the database ones', async () => {
    const never = new Promise<never>(() => undefined);
    const stuck = { kind: 'server', readSnapshot: () => never, pool: undefined } as unknown as Database;
    const m = new Metrics({ defaultMetrics: false });
    m.observeRequest('GET', '/healthz', 200, 0.01);
    const started = Date.now();
    const f = parsePrometheusTextFormat(await m.scrape(stuck, 150));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(value(f, 'dargah_metrics_database_up')).toBe(0);
    expect(value(f, 'dargah_http_requests_total', { route: '/healthz' })).toBe(1);
  });
});

describe('ops/prometheus/alerts.yml', () => {
  const file = path.resolve(import.meta.dirname, '../../../ops/prometheus/alerts.yml');

  it('is valid YAML in the Prometheus rules shape, and every series it watches exists', async () => {
    const doc = parseYaml(fs.readFileSync(file, 'utf8')) as {
      groups: Array<{ name: string; rules: Array<Record<string, unknown>> }>;
    };
    expect(doc.groups.length).toBeGreaterThan(0);
    const names = new Set((await scrape()).map((x) => x.name));
    let rules = 0;
    for (const g of doc.groups) {
      expect(g.name).toMatch(/\S/);
      for (const r of g.rules) {
        rules++;
        expect(r.alert).toMatch(/^[A-Z][A-Za-z0-9]+$/);
        expect(typeof r.expr).toBe('string');
        expect((r.labels as Record<string, string>).severity).toMatch(/^(warning|critical)$/);
        expect((r.annotations as Record<string, string>).summary).toMatch(/\S/);
        for (const series of String(r.expr).match(/dargah_[a-z0-9_]+/g) ?? []) {
          expect(
            names.has(series.replace(/_(bucket|sum|count)$/, '')) || names.has(series),
            `${String(r.alert)} watches ${series}`,
          ).toBe(true);
        }
      }
    }
    expect(rules).toBeGreaterThanOrEqual(6);
  });
});
