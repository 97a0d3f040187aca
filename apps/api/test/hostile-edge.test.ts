import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValueNotStorable } from '../src/platform/http/plugin';
import { buildTestApp, type TestApp } from './app';
import { buildAgency, buildStaff, signInCitizen, signInStaff, type Session } from './factories';
import { sealAuditNow } from './audit';
import { createService } from '../src/modules/services';

/**
 * The edge's answers to hostile text and malformed requests on the routes the issue names (the walk
 * in hostile-input.test.ts covers every route), and what reaches the database (ADR 0010).
 */
let t: TestApp;
let citizen: Session;
let expert: Session;
let agency: string;
let serviceId: string;

beforeAll(async () => {
  t = await buildTestApp();
  agency = (await buildAgency(t)).id;
  expert = await signInStaff(t, (await buildStaff(t, agency, ['expert'])).username);
  citizen = await signInCitizen(t);
  // A published service (version 1) through the services module, as the demo seed makes them.
  const service = {
    id: await createService(
      t.ctx.database.db,
      { agencyId: agency, titleFa: 'خدمت آزمایشی', titleEn: null, descriptionFa: 'شرح', recipients: 'G2C', normDays: 5, published: true, formSchema: {"type":"object","required":["count"],"properties":{"count":{"type":"integer","title":"تعداد","minimum":1},"note":{"type":"string","title":"یادداشت"}}} },
      new Date(),
    ),
  };
  serviceId = service.id;
});
afterAll(() => t.close());

const count = async (table: string) => (await t.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

/** A JSON body as a client library writes it: a lone surrogate is sent as its \uXXXX escape. */
const post = (url: string, body: unknown, headers: Record<string, string> = {}, method: 'POST' | 'PATCH' = 'POST') =>
  t.app.inject({ method, url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });

describe('text the database cannot hold is refused at the edge, on every kind of route', () => {
  it('a citizen form field with NUL or a lone surrogate: 400 TEXT_NOT_ALLOWED naming the field, nothing stored', async () => {
    const before = await count('service_requests');
    for (const [note, problem] of [
      ['سلام\u0000', 'NUL_CHARACTER'],
      ['سلام\uD800', 'LONE_SURROGATE'],
    ] as const) {
      const res = await post('/api/v1/requests', { serviceId, form: { count: 1, note } }, { ...citizen.headers, 'accept-language': 'en' });
      expect(res.statusCode).toBe(400);
      expect(res.headers['x-request-id']).toBe(res.json().error.requestId);
      expect(res.json().error).toMatchObject({
        code: 'TEXT_NOT_ALLOWED',
        message: expect.stringContaining('not accepted'),
        details: { fields: [{ field: 'body.form.note', code: problem }] },
      });
    }
    const key = await post('/api/v1/requests', { serviceId, form: { count: 1, 'no\u0000te': 'x' } }, citizen.headers);
    expect(key.json().error).toMatchObject({ code: 'TEXT_NOT_ALLOWED', details: { fields: [{ field: 'body.form.no\uFFFDte', code: 'NUL_CHARACTER' }] } });
    expect(await count('service_requests')).toBe(before);
  });

  it('the citizen profile, a service card, and the unauthenticated staff sign-in', async () => {
    const profile = await post('/api/v1/me/profile', { address: 'تهران\u0000' }, citizen.headers, 'PATCH');
    expect([profile.statusCode, profile.json().error.details.fields[0].field]).toEqual([400, 'body.address']);
    const cards = await count('service_cards');
    const card = await post('/api/v1/catalogue/cards', { agencyId: agency, content: { title: 'خدمت\uDC00' } }, expert.headers);
    expect([card.statusCode, card.json().error.code, card.json().error.details.fields[0].field]).toEqual([400, 'TEXT_NOT_ALLOWED', 'body.content.title']);
    expect(await count('service_cards')).toBe(cards);
    const login = await post('/api/v1/auth/staff/login', { username: 'admin\u0000', password: 'x' });
    expect([login.statusCode, login.json().error.code]).toEqual([400, 'TEXT_NOT_ALLOWED']);
    // In Persian by default.
    expect(login.json().error.details.fields[0].message).toMatch(/[\u0600-\u06FF]/);
  });

  it('JSON nested 10,000 levels deep in a form: 400 NESTING_TOO_DEEP, not a stack overflow', async () => {
    const deep = `${'['.repeat(10_000)}"x"${']'.repeat(10_000)}`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: { ...citizen.headers, 'content-type': 'application/json', 'idempotency-key': 'nesting-0001' },
      payload: `{"serviceId":"${serviceId}","form":{"count":1,"note":${deep}}}`,
    });
    expect([res.statusCode, res.json().error.code, res.json().error.details.maxDepth]).toEqual([400, 'NESTING_TOO_DEEP', 32]);
  });

  it('query and path parameters too, after the access check (an anonymous caller still gets 401)', async () => {
    const q = await t.app.inject({ url: '/api/v1/catalogue/services?q=%D8%B3%00' });
    expect([q.statusCode, q.json().error.details.fields[0].field]).toEqual([400, 'querystring.q']);
    const p = await t.app.inject({ url: '/api/v1/requests/track/ABC%00', headers: citizen.headers });
    expect([p.statusCode, p.json().error.code, p.json().error.details.fields[0].field]).toEqual([400, 'TEXT_NOT_ALLOWED', 'params.trackingCode']);
    const anonymous = await post('/api/v1/catalogue/cards', { agencyId: agency, content: { title: '\u0000' } });
    expect(anonymous.statusCode).toBe(401);
  });

  it('strips bidi overrides from what it stores, and keeps ZWNJ and the direction marks', async () => {
    // The write probe stores its label as sent (no module normalisation), so this is the edge's doing.
    const res = await post('/api/v1/operations/write-probes', { label: 'invoice\u202Efdp.exe کارت‌ها \u200Fنو \u2066x\u2069' }, t.admin);
    expect(res.statusCode).toBe(201);
    const [row] = await t.ctx.database.query<{ label: string }>('SELECT label FROM write_probes WHERE id = $1', [res.json().id]);
    expect(row?.label).toBe('invoicefdp.exe کارت‌ها \u200Fنو x');
  });
});

describe('a form number is a JSON number', () => {
  it('refuses "5" for an integer field with invalid_type, and accepts 5', async () => {
    const before = await count('service_requests');
    for (const value of ['5', '۵']) {
      const res = await post('/api/v1/requests', { serviceId, form: { count: value } }, { ...citizen.headers, 'accept-language': 'en' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields).toEqual([{ field: 'body.form.count', code: 'invalid_type', message: 'Enter a whole number.' }]);
    }
    expect(await count('service_requests')).toBe(before);
    const ok = await post('/api/v1/requests', { serviceId, form: { count: 5 } }, citizen.headers);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().form).toEqual({ count: 5 });
  });
});

describe('a hostile User-Agent', () => {
  it('is kept as clean text with the session and the audit entry of a sign-in', async () => {
    const staff = await buildStaff(t, agency, ['expert']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/staff/login',
      payload: { username: staff.username, password: 'Dargah-test-1404' },
      headers: { 'user-agent': 'Evil\u0000Agent \u202E(x)' },
      remoteAddress: '10.9.9.9',
    });
    expect(res.statusCode).toBe(200);
    const [session] = await t.ctx.database.query<{ ua: string }>("SELECT user_agent AS ua FROM sessions WHERE subject_type = 'staff' AND subject_id = $1", [staff.id]);
    expect(session?.ua).toBe('Evil\uFFFDAgent (x)');
    await sealAuditNow(t.ctx.database);
    const audited = await t.ctx.database.query<{ ua: string }>('SELECT user_agent AS ua FROM audit_entries WHERE request_id = $1', [res.headers['x-request-id']]);
    expect(audited.map((a) => a.ua)).toEqual(['Evil\uFFFDAgent (x)']);
  });
});

describe('the net under the schemas', () => {
  it('tells a value the database cannot store (class 22, 54000) from other database errors', async () => {
    const fail = (text: string, params: unknown[] = []) => t.ctx.database.query(text, params).then(() => undefined, (e: unknown) => e);
    expect(isValueNotStorable(await fail('SELECT $1::int', ['99999999999']))).toBe(true); // 22003
    expect(isValueNotStorable(await fail('SELECT $1::text', ['a\u0000']))).toBe(true); // 22021
    expect(isValueNotStorable(await fail("SELECT '{\"a\": \"\\ud800\"}'::jsonb"))).toBe(true); // 22P02
    expect(isValueNotStorable(await fail('SELECT * FROM no_such_table'))).toBe(false); // 42P01: a bug, stays a 500
    expect(isValueNotStorable(Object.assign(new Error('x'), { code: '22003' }))).toBe(false); // not from the database
  });
});

/** Sends raw bytes to the listening server and reads the whole answer. */
function raw(port: number, request: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head, body });
    });
  });
}

describe('requests Node refuses before Fastify sees them answer in the envelope', () => {
  let port: number;
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as net.AddressInfo).port;
  });

  it('an 18 KB query string: 431 HEADERS_TOO_LARGE with a request id, in Persian or English', async () => {
    const url = `/api/v1/catalogue/services?q=${'a'.repeat(18 * 1024)}`;
    const fa = await raw(port, `GET ${url} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(fa.status).toBe(431);
    expect(fa.headers).toMatch(/content-type: application\/json; charset=utf-8/i);
    const error = JSON.parse(fa.body).error;
    expect(error).toMatchObject({ code: 'HEADERS_TOO_LARGE', details: {} });
    expect(error.message).toMatch(/[\u0600-\u06FF]/);
    expect(fa.headers).toContain(`X-Request-Id: ${error.requestId}`);
    const en = await raw(port, `GET /api/v1/catalogue/services HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nX-Padding: ${'b'.repeat(18 * 1024)}\r\n\r\n`);
    expect(en.status).toBe(431);
    expect(JSON.parse(en.body).error.message).toBe('The request address or headers are too long; shorten the search or filters.');
  });

  it('a malformed request line: 400 MALFORMED_REQUEST', async () => {
    const res = await raw(port, 'THIS IS NOT HTTP\r\n\r\n');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('MALFORMED_REQUEST');
  });

  it('a NUL in a header: refused by the parser, in the envelope', async () => {
    const res = await raw(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nUser-Agent: a\u0000b\r\n\r\n');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('MALFORMED_REQUEST');
  });

  it('percent-encoding that is not UTF-8 in the path, and a path parameter past the router limit', async () => {
    const bad = await t.app.inject({ url: '/api/v1/catalogue/services/%ED%A0%80', headers: { 'accept-language': 'en' } });
    expect([bad.statusCode, bad.json().error.code, bad.json().error.message]).toEqual([400, 'URL_MALFORMED', 'The request address is not correctly encoded.']);
    expect(bad.headers['x-request-id']).toBe(bad.json().error.requestId);
    const long = await t.app.inject({ url: `/api/v1/catalogue/services/${'1'.repeat(500)}` });
    expect([long.statusCode, long.json().error.code]).toEqual([414, 'URL_TOO_LONG']);
  });
});
