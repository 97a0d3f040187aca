import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './app';
import { outboxPage } from '../src/platform/http/dev';
import { sealAuditNow } from './audit';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('health', () => {
  it('/healthz says alive', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'alive' });
  });

  it('/readyz reports the database, migrations and simulators', async () => {
    const res = await t.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ready',
      checks: { database: { ok: true, kind: t.ctx.database.kind }, migrations: { ok: true, pending: [] } },
    });
    expect(Array.isArray(res.json().simulators)).toBe(true);
  });
});

describe('OpenAPI', () => {
  it('serves the document and the UI', async () => {
    const doc = await t.app.inject({ url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toBe('3.1.0');
    expect(Object.keys(doc.json().paths)).toContain('/api/v1/operations/write-probes');
    const ui = await t.app.inject({ url: '/api/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toMatch(/Swagger UI/);
  });
});

describe('error envelope', () => {
  const probe = (payload: string | object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/operations/write-probes', headers: { ...t.admin, 'content-type': 'application/json', ...headers }, payload });

  it('answers an unknown API route with 404 in the envelope, in Persian by default', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    const body = res.json();
    expect(body.error).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: 'چنین نشانی‌ای در این سامانه وجود ندارد.' });
    expect(body.error.requestId).toBe(res.headers['x-request-id']);
  });

  it('speaks English when asked', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing-here', headers: { 'accept-language': 'en-US,en;q=0.9,fa;q=0.5' } });
    expect(res.json().error.message).toBe('There is no such address in this system.');
  });

  it('refuses malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await probe('{"label": ');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MALFORMED_JSON');
  });

  it('refuses an oversized body with 413', async () => {
    const res = await probe({ label: 'x'.repeat(1024 * 1024 + 10) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('names each invalid field, in the caller language', async () => {
    const res = await probe({ label: '', extra: 1 });
    expect(res.statusCode).toBe(400);
    const { code, details } = res.json().error;
    expect(code).toBe('VALIDATION_FAILED');
    expect(details.fields.length).toBeGreaterThan(0);
    expect(details.fields[0].field).toMatch(/^body/);
    expect(details.fields[0].message).toMatch(/[\u0600-\u06FF]/);
    const missing = await probe({});
    expect(missing.json().error.details.fields).toEqual([expect.objectContaining({ field: 'body.label', code: 'REQUIRED', message: 'این فیلد الزامی است.' })]);
  });

  it('keeps a well-formed X-Request-Id and replaces a malformed one', async () => {
    const kept = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'agency-42.req-0001' } });
    expect(kept.headers['x-request-id']).toBe('agency-42.req-0001');
    const replaced = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\n' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });
});

describe('operations endpoints', () => {
  it('require the operations token', async () => {
    const none = await t.app.inject({ url: '/api/v1/operations/audit/verify' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('UNAUTHENTICATED');
    const wrong = await t.app.inject({ url: '/api/v1/operations/audit/verify', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(403);
  });

  it('write probe: one row, one event and one audit entry, and a replay returns the first result', async () => {
    const send = (label: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/operations/write-probes', headers: { ...t.admin, 'idempotency-key': 'probe-key-0001' }, payload: { label } });
    const first = await send('نخست');
    expect(first.statusCode).toBe(201);
    const again = await send('نخست');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const id = first.json().id as string;
    const q = t.ctx.database.query.bind(t.ctx.database);
    expect(await q('SELECT 1 FROM write_probes WHERE id = $1', [id])).toHaveLength(1);
    expect(await q("SELECT 1 FROM events WHERE stream_type = 'write_probe' AND stream_id = $1", [id])).toHaveLength(1);
    await sealAuditNow(t.ctx.database);
    expect(await q("SELECT 1 FROM audit_entries WHERE object_type = 'write_probe' AND object_id = $1", [id])).toHaveLength(1);
    const reused = await send('دیگر');
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const verify = await t.app.inject({ url: '/api/v1/operations/audit/verify', headers: t.admin });
    expect(verify.json()).toMatchObject({ ok: true });
  });

  it('concurrent retries with one key write once', async () => {
    const send = () =>
      t.app.inject({ method: 'POST', url: '/api/v1/operations/write-probes', headers: { ...t.admin, 'idempotency-key': 'probe-key-race' }, payload: { label: 'race' } });
    const results = await Promise.all([send(), send(), send(), send()]);
    expect(new Set(results.map((r) => r.json<{ id: string }>().id)).size).toBe(1);
    expect(await t.ctx.database.query("SELECT 1 FROM write_probes WHERE label = 'race'")).toHaveLength(1);
  });

  it('lists jobs and refuses to retry an unknown one', async () => {
    const list = await t.app.inject({ url: '/api/v1/operations/jobs?limit=5', headers: t.admin });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ items: expect.any(Array) });
    const retry = await t.app.inject({ method: 'POST', url: '/api/v1/operations/jobs/999999/retry', headers: t.admin });
    expect(retry.statusCode).toBe(404);
    expect(retry.json().error.code).toBe('JOB_NOT_FOUND');
  });
});

describe('developer outbox', () => {
  it('shows delivered messages outside production, as JSON and as an RTL page', async () => {
    const json = await t.app.inject({ url: '/dev/outbox' });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toEqual({ items: expect.any(Array) });
    const html = await t.app.inject({ url: '/dev/outbox', headers: { accept: 'text/html' } });
    expect(html.body).toMatch(/dir="rtl"/);
  });

  it('renders each message escaped, its time in Tehran’s Jalali calendar with Persian digits, and long bodies wrapping', () => {
    const html = outboxPage([
      { channel: 'sms', template: 'identity.otp', recipient: '09121234567', subject: null, body: '<script>alert(1)</script>\nکد: ۱۲۳۴۵۶', status: 'delivered', createdAt: '2024-03-27T06:30:00.000Z' },
      { channel: 'email', template: 'requests.approved', recipient: 'a@b.ir', subject: '<b>موضوع</b>', body: 'x'.repeat(500), status: 'created', createdAt: '2025-03-20T20:29:00.000Z' },
    ]);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain('۸ فروردین ۱۴۰۳، ساعت ۱۰:۰۰'); // 06:30 UTC is 10:00 in Tehran
    expect(html).toContain('۳۰ اسفند ۱۴۰۳، ساعت ۲۳:۵۹');
    expect(html).toContain('۰۹۱۲۱۲۳۴۵۶۷');
    expect(html).toContain('پیامک');
    expect(html).toContain('رایانامه');
    expect(html).toContain('&#60;b&#62;موضوع&#60;/b&#62;');
    expect(html).toMatch(/overflow-wrap:anywhere/);
    expect(html).toMatch(/name="viewport" content="width=device-width/);
    expect(outboxPage([])).toContain('هنوز پیامی فرستاده نشده است.');
  });

  it('does not exist in production', async () => {
    const prod = await buildTestApp({ NODE_ENV: 'production', ADMIN_API_TOKEN: 'x'.repeat(32) });
    try {
      expect((await prod.app.inject({ url: '/dev/outbox' })).statusCode).toBe(404);
    } finally {
      await prod.close();
    }
  });
});
