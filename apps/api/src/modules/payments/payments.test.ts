import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { sealAuditNow } from '../../../test/audit';
import { buildDeskService, DESK_FORM } from '../../../test/desk';
import { buildAgency, buildStaff, randomNationalCode, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import type { PaymentGatewaySimulator } from '../../platform/integrations/payment-gateway';
import { pdfText } from '../../platform/pdf/test-support';
import { createService } from '../services';

/*
 * Fees paid through the internet payment gateway (issue 11 item 1, ADR 0037), abuse first: forged,
 * replayed and concurrent callbacks, payments of another person or service, spent twice, cancelled
 * or declined, NUL in every input; free services unaffected; the counter's fee taken at the counter.
 */

const FEE = 250_000;
let t: TestApp;
let agency: string;
let feeService: string;
let otherFeeService: string;
let freeService: string;
let clerk: Session;

type Res = { statusCode: number; headers: Record<string, unknown>; body: string; json: <T = { error?: { code: string } }>() => T };
const code = (res: Res) => [res.statusCode, res.json().error?.code];
const json = (s: Session | undefined, method: 'GET' | 'POST', url: string, payload?: unknown, app = t.app) =>
  app.inject({ method, url: `/api/v1${url}`, headers: s?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) }) as Promise<Res>;
const start = (s: Session, serviceId = feeService, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/payments', headers: { ...s.headers, ...headers }, payload: { serviceId } }) as Promise<Res>;
const tokenOf = (redirectUrl: string) => new URL(redirectUrl).pathname.split('/').at(-1)!;
/** The buyer's choice on the simulated gateway's page: the callback URL (path and query) the gateway sends the browser to. */
async function choose(redirectUrl: string, choice: 'pay' | 'cancel' | 'decline'): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: new URL(redirectUrl).pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `choice=${choice}` });
  expect(res.statusCode, res.body).toBe(303);
  const to = new URL(String(res.headers.location));
  return `${to.pathname}${to.search}`;
}
const callback = (url: string, app = t.app) => app.inject({ method: 'GET', url }) as Promise<Res>;
const submit = (s: Session, paymentId?: string, serviceId = feeService, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/requests', headers: { ...s.headers, ...headers }, payload: { serviceId, form: { reason: 'ارائه به بانک' }, ...(paymentId ? { paymentId } : {}) } }) as Promise<Res>;
const count = async (q: string, params: unknown[] = []) => (await t.ctx.database.query<{ n: number }>(q, params))[0]!.n;
const requestsOf = (s: { id: string }) => count('SELECT count(*)::int AS n FROM service_requests WHERE applicant_id = $1', [s.id]);
const events = (paymentId: string) => t.ctx.database.query<{ action: string }>("SELECT action FROM events WHERE stream_type = 'payment' AND stream_id = $1 ORDER BY id", [paymentId]).then((r) => r.map((e) => e.action));
const status = async (paymentId: string) => (await t.ctx.database.query<{ status: string; failure: string | null; request_id: string | null }>('SELECT status, failure, request_id FROM payments WHERE id = $1', [paymentId]))[0]!;

/** Starts a payment and makes the buyer's choice; the payment id and its callback URL (not yet called). */
async function started(s: Session, choice: 'pay' | 'cancel' | 'decline' = 'pay', serviceId = feeService) {
  const res = await start(s, serviceId);
  expect(res.statusCode, res.body).toBe(201);
  const { paymentId, redirectUrl } = res.json<{ paymentId: string; redirectUrl: string }>();
  return { paymentId, redirectUrl, token: tokenOf(redirectUrl), back: await choose(redirectUrl, choice) };
}
/** A paid payment of the person for the service. */
async function paid(s: Session, serviceId = feeService): Promise<string> {
  const p = await started(s, 'pay', serviceId);
  expect((await callback(p.back)).statusCode).toBe(303);
  expect((await status(p.paymentId)).status).toBe('paid');
  return p.paymentId;
}

beforeAll(async () => {
  t = await buildTestApp();
  agency = (await buildAgency(t, { nameFa: 'اداره کل ثبت' })).id;
  const withFee = (titleFa: string) =>
    createService(t.ctx.database.db, { agencyId: agency, titleFa, titleEn: null, descriptionFa: 'خدمت با هزینه', recipients: 'G2C', normDays: 5, formSchema: DESK_FORM, published: true, feeRule: { kind: 'fixed', amountRials: FEE } }, t.clock.now());
  feeService = await withFee('گواهی با هزینه');
  otherFeeService = await withFee('گواهی دیگر با هزینه');
  freeService = await buildDeskService(t, agency, 'گواهی رایگان');
  const [unit] = await t.ctx.database.query<{ id: string }>("INSERT INTO org_units (agency_id, name_fa, kind, created_at, updated_at) VALUES ($1, 'واحد پذیرش', 'operational', now(), now()) RETURNING id", [agency]);
  clerk = await signInStaff(t, (await buildStaff(t, agency, [{ role: 'desk_clerk', unitId: unit!.id }])).username);
});
afterAll(() => t?.close());

describe('paying a fee through the gateway', () => {
  it('shows the fee, sends the browser to the gateway, verifies the callback, and the submission spends the payment once, shown on the request', async () => {
    const citizen = await signInCitizen(t);
    expect((await json(undefined, 'GET', `/services/${feeService}`)).json<{ fee: unknown }>().fee).toEqual({ kind: 'fixed', amountRials: FEE });
    expect((await json(undefined, 'GET', `/services/${freeService}`)).json<{ fee: unknown }>().fee).toEqual({ kind: 'none' });

    const res = await start(citizen);
    expect(res.statusCode, res.body).toBe(201);
    const { paymentId, redirectUrl } = res.json<{ paymentId: string; redirectUrl: string }>();
    expect(redirectUrl).toMatch(/^http:\/\/127\.0\.0\.1:3000\/sim\/payment-gateway\/[A-Za-z0-9_-]{32}$/);
    expect((await json(citizen, 'GET', `/payments/${paymentId}`)).json()).toMatchObject({ id: paymentId, serviceId: feeService, amountRials: FEE, status: 'started', referenceNumber: null, requestId: null });

    // The gateway's page: Persian, right to left, the amount with Persian digits and separators, three choices, no script.
    const page = await t.app.inject({ url: new URL(redirectUrl).pathname });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<html lang="fa" dir="rtl">');
    expect(page.body).toContain('۲۵۰٬۰۰۰ ریال');
    expect(page.body).toMatch(/<button[^>]*value="pay"[^>]*>پرداخت<\/button>/);
    expect(page.body).not.toContain('<script');

    const back = await choose(redirectUrl, 'pay');
    expect(back).toMatch(/^\/api\/v1\/payments\/callback\?token=[A-Za-z0-9_-]+&state=OK&refNum=\d{12}&resNum=/);
    const cb = await callback(back);
    expect(cb.statusCode).toBe(303);
    expect(cb.headers.location).toBe(`/me/services/${feeService}/apply?payment=${paymentId}`);
    const view = (await json(citizen, 'GET', `/payments/${paymentId}`)).json<{ status: string; referenceNumber: string; paidAt: string }>();
    expect(view).toMatchObject({ status: 'paid', referenceNumber: new URLSearchParams(back.split('?')[1]).get('refNum') });

    // Without the payment the submission is refused and stores nothing; with it the request shows what was paid.
    expect(code(await submit(citizen))).toEqual([402, 'PAYMENT_REQUIRED']);
    expect(await requestsOf(citizen)).toBe(0);
    const ok = await submit(citizen, paymentId);
    expect(ok.statusCode, ok.body).toBe(201);
    const request = ok.json<{ id: string; payment: unknown }>();
    expect(request.payment).toEqual({ amountRials: FEE, referenceNumber: view.referenceNumber, paidAt: view.paidAt });
    expect((await json(citizen, 'GET', `/requests/${request.id}`)).json<{ payment: unknown }>().payment).toEqual(request.payment);
    expect((await json(citizen, 'GET', '/requests/mine')).json<{ items: Array<{ payment: unknown }> }>().items[0]!.payment).toEqual(request.payment);
    expect(await status(paymentId)).toMatchObject({ status: 'paid', request_id: request.id });
    // The receipt PDF says what was paid and the gateway's reference number, in Persian digits.
    const receipt = await t.app.inject({ url: `/api/v1/requests/${request.id}/receipt.pdf`, headers: citizen.headers });
    expect(receipt.statusCode).toBe(200);
    const text = pdfText(receipt.rawPayload).replace(/\s+/g, ' ');
    expect(text).toContain('۲۵۰٬۰۰۰');
    expect(text).toContain('شماره مرجع پرداخت');
    expect(text).toContain(view.referenceNumber.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!));
    expect(await events(paymentId)).toEqual(['started', 'paid', 'spent']);
    await sealAuditNow(t.ctx.database);
    const audits = await t.ctx.database.query<{ action: string; actor_type: string }>("SELECT action, actor_type FROM audit_entries WHERE object_type = 'payment' AND object_id = $1 ORDER BY id", [paymentId]);
    expect(audits).toEqual([
      { action: 'payment.start', actor_type: 'citizen' },
      { action: 'payment.pay', actor_type: 'system' },
      { action: 'payment.spend', actor_type: 'citizen' },
    ]);
    const [submitted] = await t.ctx.database.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_entries WHERE object_id = $1 AND action = 'service_request.submit'", [request.id]);
    expect(submitted!.details).toMatchObject({ paymentId, amountRials: FEE });

    // Spent: a second submission with it is refused, storing nothing.
    expect(code(await submit(citizen, paymentId))).toEqual([400, 'PAYMENT_NOT_USABLE']);
    expect(await requestsOf(citizen)).toBe(1);
  });

  it('a retried start with its Idempotency-Key returns the first payment; the key with another service is refused', async () => {
    const citizen = await signInCitizen(t);
    const key = { 'idempotency-key': `start-${randomUUID()}` };
    const answers = await Promise.all(Array.from({ length: 4 }, () => start(citizen, feeService, key)));
    expect(answers.every((a) => a.statusCode === 201 || a.statusCode === 409)).toBe(true);
    expect(new Set(answers.filter((a) => a.statusCode === 201).map((a) => a.json<{ paymentId: string }>().paymentId)).size).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM payments WHERE citizen_id = $1', [citizen.id])).toBe(1);
    expect(code(await start(citizen, otherFeeService, key))).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('lists the gateway simulator in /readyz, and a second app process verifies a token the first issued (the simulator’s ledger is in the database)', async () => {
    expect((await t.app.inject({ url: '/readyz' })).json<{ simulators: string[] }>().simulators).toContain('payment');
    const second = await buildTestApp({}, t);
    try {
      const citizen = await signInCitizen(t);
      const p = await started(citizen);
      const cb = await callback(p.back, second.app);
      expect(cb.statusCode).toBe(303);
      expect((await status(p.paymentId)).status).toBe('paid');
    } finally {
      await second.close();
    }
  });
});

describe('forged, replayed and concurrent callbacks', () => {
  it('refuses an unknown token and changes nothing on a callback claiming OK that the gateway does not confirm', async () => {
    expect(code(await callback(`/api/v1/payments/callback?token=${'x'.repeat(32)}&state=OK&refNum=123456789012`))).toEqual([404, 'PAYMENT_NOT_FOUND']);
    const citizen = await signInCitizen(t);
    const res = await start(citizen);
    const { paymentId, redirectUrl } = res.json<{ paymentId: string; redirectUrl: string }>();
    // The buyer has not paid: a callback made up with state OK and a reference number is verified, and refused by the gateway.
    const forged = await callback(`/api/v1/payments/callback?token=${tokenOf(redirectUrl)}&state=OK&refNum=123456789012&resNum=${paymentId}&amount=${FEE}`);
    expect(forged.statusCode).toBe(303);
    expect(await status(paymentId)).toMatchObject({ status: 'started' });
    expect(await events(paymentId)).toEqual(['started']);
    expect(code(await submit(citizen, paymentId))).toEqual([400, 'PAYMENT_NOT_USABLE']);
    // The buyer cancels; a callback forged to say OK is verified as cancelled.
    const back = await choose(redirectUrl, 'cancel');
    expect(back).toContain('state=CanceledByUser');
    await callback(back.replace('CanceledByUser', 'OK'));
    expect(await status(paymentId)).toMatchObject({ status: 'cancelled', failure: 'cancelled' });
    expect(code(await submit(citizen, paymentId))).toEqual([400, 'PAYMENT_NOT_USABLE']);
    expect(await requestsOf(citizen)).toBe(0);
  });

  it('reverses a payment whose verified amount is not the fee and records it failed; a verify of the reversed token fails', async () => {
    const citizen = await signInCitizen(t);
    const p = await started(citizen);
    // The gateway took another amount than the fee (a tampered transaction).
    await t.ctx.database.query('UPDATE payment_simulator_transactions SET amount_rials = 1000 WHERE token = $1', [p.token]);
    expect((await callback(p.back)).statusCode).toBe(303);
    expect(await status(p.paymentId)).toMatchObject({ status: 'failed', failure: 'amount_mismatch' });
    const [sim] = await t.ctx.database.query<{ state: string }>('SELECT state FROM payment_simulator_transactions WHERE token = $1', [p.token]);
    expect(sim!.state).toBe('reversed');
    const sim2 = t.ctx.payments as PaymentGatewaySimulator;
    expect(await sim2.verify(p.token, new AbortController().signal)).toEqual({ outcome: 'failed', reason: 'reversed' });
    expect(await sim2.verify('unknown-token', new AbortController().signal)).toEqual({ outcome: 'failed', reason: 'unknown' });
    await sealAuditNow(t.ctx.database);
    const [entry] = await t.ctx.database.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_entries WHERE object_id = $1 AND action = 'payment.fail'", [p.paymentId]);
    expect(entry!.details).toMatchObject({ failure: 'amount_mismatch', paidRials: 1000, reversed: true });
    expect(code(await submit(citizen, p.paymentId))).toEqual([400, 'PAYMENT_NOT_USABLE']);
  });

  it('a replayed callback changes nothing and answers the same; sixteen at once record one payment', async () => {
    const citizen = await signInCitizen(t);
    const p = await started(citizen);
    const answers = await Promise.all(Array.from({ length: 16 }, () => callback(p.back)));
    expect(new Set(answers.map((a) => `${a.statusCode} ${String(a.headers.location)}`))).toEqual(new Set([`303 /me/services/${feeService}/apply?payment=${p.paymentId}`]));
    expect(await events(p.paymentId)).toEqual(['started', 'paid']);
    const before = await t.ctx.database.query('SELECT * FROM payments WHERE id = $1', [p.paymentId]);
    const replayed = await callback(p.back.replace('state=OK', 'state=CanceledByUser'));
    expect(replayed.headers.location).toBe(answers[0]!.headers.location);
    expect(await t.ctx.database.query('SELECT * FROM payments WHERE id = $1', [p.paymentId])).toEqual(before);
    expect(await events(p.paymentId)).toEqual(['started', 'paid']);
    // The gateway's verify is idempotent too.
    const sim = t.ctx.payments as PaymentGatewaySimulator;
    const again = await Promise.all([sim.verify(p.token, new AbortController().signal), sim.verify(p.token, new AbortController().signal)]);
    expect(again[0]).toEqual(again[1]);
    expect(again[0]).toMatchObject({ outcome: 'verified', amountRials: FEE });
  });

  it('a declined card is a failed payment, unusable', async () => {
    const citizen = await signInCitizen(t);
    const p = await started(citizen, 'decline');
    expect(p.back).toContain('state=Failed');
    await callback(p.back);
    expect(await status(p.paymentId)).toMatchObject({ status: 'failed', failure: 'declined' });
    expect(code(await submit(citizen, p.paymentId))).toEqual([400, 'PAYMENT_NOT_USABLE']);
    // The gateway's page, once chosen, offers only the way back (with the same answer).
    expect(await choose(p.redirectUrl, 'pay')).toBe(p.back);
  });
});

describe('spending a payment', () => {
  it('refuses another person’s payment, another service’s, and one of another amount after the fee changed; nobody else sees a payment', async () => {
    const owner = await signInCitizen(t);
    const other = await signInCitizen(t);
    const paymentId = await paid(owner);
    expect(code(await json(other, 'GET', `/payments/${paymentId}`))).toEqual([404, 'PAYMENT_NOT_FOUND']);
    expect((await json(clerk, 'GET', `/payments/${paymentId}`)).statusCode).toBe(403);
    expect(code(await submit(other, paymentId))).toEqual([400, 'PAYMENT_NOT_USABLE']);
    expect(code(await submit(owner, paymentId, otherFeeService))).toEqual([400, 'PAYMENT_NOT_USABLE']);
    expect(code(await submit(owner, randomUUID()))).toEqual([400, 'PAYMENT_NOT_USABLE']);
    expect(await requestsOf(owner)).toBe(0);
    expect(await requestsOf(other)).toBe(0);
    // The published version's fee goes up: the payment of the old fee no longer pays it.
    await t.ctx.database.query(`UPDATE service_versions SET fee_rule = '{"kind": "fixed", "amountRials": 300000}' WHERE service_id = $1`, [otherFeeService]);
    try {
      const older = await paid(owner, otherFeeService);
      await t.ctx.database.query(`UPDATE service_versions SET fee_rule = '{"kind": "fixed", "amountRials": 350000}' WHERE service_id = $1`, [otherFeeService]);
      expect(code(await submit(owner, older, otherFeeService))).toEqual([400, 'PAYMENT_NOT_USABLE']);
    } finally {
      await t.ctx.database.query(`UPDATE service_versions SET fee_rule = '{"kind": "fixed", "amountRials": ${FEE}}' WHERE service_id = $1`, [otherFeeService]);
    }
    // The owner can still use it.
    expect((await submit(owner, paymentId)).statusCode).toBe(201);
  });

  it('eight submissions at once with one payment make one request', async () => {
    const citizen = await signInCitizen(t);
    const paymentId = await paid(citizen);
    const answers = await Promise.all(Array.from({ length: 8 }, () => submit(citizen, paymentId)));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode !== 201).map(code)).toEqual(Array.from({ length: 7 }, () => [400, 'PAYMENT_NOT_USABLE']));
    expect(await requestsOf(citizen)).toBe(1);
    expect((await events(paymentId)).filter((e) => e === 'spent')).toHaveLength(1);
  });

  it('a retried submission with its Idempotency-Key returns the first receipt', async () => {
    const citizen = await signInCitizen(t);
    const paymentId = await paid(citizen);
    const key = { 'idempotency-key': `pay-${paymentId}` };
    const first = await submit(citizen, paymentId, feeService, key);
    const again = await submit(citizen, paymentId, feeService, key);
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    expect(await requestsOf(citizen)).toBe(1);
  });

  it('services without a fee are unaffected: no payment needed, none taken', async () => {
    const citizen = await signInCitizen(t);
    const ok = await submit(citizen, undefined, freeService);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<{ payment: unknown }>().payment).toBeNull();
    expect(code(await start(citizen, freeService))).toEqual([400, 'PAYMENT_NOT_REQUIRED']);
    const paymentId = await paid(citizen);
    expect(code(await submit(citizen, paymentId, freeService))).toEqual([400, 'PAYMENT_NOT_REQUIRED']);
    expect(await requestsOf(citizen)).toBe(1);
  });

  it('at the agency’s in-person desk the fee is taken there: the request is registered without an online payment', async () => {
    const nationalCode = randomNationalCode();
    const res = await json(clerk, 'POST', '/walk-in/requests', { identity: { method: 'card_seen', nationalCode, attestation: true }, serviceId: feeService, form: { reason: 'ارائه به بانک' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ payment: unknown }>().payment).toBeNull();
    expect(code(await json(clerk, 'POST', '/payments', { serviceId: feeService }))).toEqual([403, 'FORBIDDEN']);
  });
});

describe('hostile input', () => {
  it('refuses NUL, malformed ids and unknown services, storing nothing', async () => {
    const citizen = await signInCitizen(t);
    const before = await count('SELECT count(*)::int AS n FROM payments');
    expect((await start(citizen, `${feeService.slice(0, 35)}\u0000`)).statusCode).toBe(400);
    expect(code(await start(citizen, randomUUID()))).toEqual([404, 'SERVICE_NOT_FOUND']);
    const extra = await t.app.inject({ method: 'POST', url: '/api/v1/payments', headers: citizen.headers, payload: { serviceId: feeService, amountRials: 1 } });
    expect(extra.statusCode).toBe(400);
    expect(await count('SELECT count(*)::int AS n FROM payments')).toBe(before);
    expect((await callback('/api/v1/payments/callback?token=abc%00def&state=OK')).statusCode).toBe(400);
    expect((await callback('/api/v1/payments/callback?state=OK')).statusCode).toBe(400);
    expect((await callback(`/api/v1/payments/callback?token=${'a'.repeat(201)}`)).statusCode).toBe(400);
    expect((await submit(citizen, 'not-a-uuid\u0000')).statusCode).toBe(400);
    expect((await json(citizen, 'GET', '/payments/not-a-uuid')).statusCode).toBe(400);
    // The simulated gateway's page: an unknown or malformed token, and an unknown choice, are not found and change nothing.
    expect((await t.app.inject({ url: '/sim/payment-gateway/unknown' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/sim/payment-gateway/%00' })).statusCode).toBeGreaterThanOrEqual(400);
    const p = await start(citizen);
    const path = new URL(p.json<{ redirectUrl: string }>().redirectUrl).pathname;
    const bad = await t.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'choice=refund' });
    expect(bad.statusCode).toBe(404);
    expect((await status(p.json<{ paymentId: string }>().paymentId)).status).toBe('started');
  });

  it('a gateway that does not answer: 503 PAYMENT_GATEWAY_UNAVAILABLE, no payment started, a pending one left to a later callback', async () => {
    const citizen = await signInCitizen(t);
    const p = await started(citizen);
    const gateway = t.ctx.payments as { requestToken: unknown; verify: unknown };
    const { requestToken, verify } = gateway;
    const never = () => new Promise<never>(() => {});
    (t.ctx.config as { PAYMENT_TIMEOUT_MS: number }).PAYMENT_TIMEOUT_MS = 50;
    gateway.requestToken = never;
    gateway.verify = never;
    try {
      const before = await count('SELECT count(*)::int AS n FROM payments WHERE citizen_id = $1', [citizen.id]);
      expect(code(await start(citizen))).toEqual([503, 'PAYMENT_GATEWAY_UNAVAILABLE']);
      expect(await count('SELECT count(*)::int AS n FROM payments WHERE citizen_id = $1', [citizen.id])).toBe(before);
      expect(code(await callback(p.back))).toEqual([503, 'PAYMENT_GATEWAY_UNAVAILABLE']);
      expect((await status(p.paymentId)).status).toBe('started');
    } finally {
      Object.assign(gateway, { requestToken, verify });
      (t.ctx.config as { PAYMENT_TIMEOUT_MS: number }).PAYMENT_TIMEOUT_MS = 5000;
    }
    expect((await callback(p.back)).statusCode).toBe(303);
    expect((await status(p.paymentId)).status).toBe('paid');
  });
});
