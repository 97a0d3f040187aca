import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { sealAuditNow } from '../../../test/audit';
import { DESK_FORM } from '../../../test/desk';
import { buildAgency, buildStaff, randomLegalId, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import { rows } from '../../platform/db';
import type { PaymentGatewaySimulator } from '../../platform/integrations/payment-gateway';
import { createService } from '../services';
import { RECONCILE_GRACE_MS, reconcilePayments } from './payments.service';

/*
 * Payments the gateway knows more about than we do (ADR 0040): a payer who paid but never came
 * back, a token never paid, an owed reversal; the reconcile job asks the gateway and records what
 * the callback would, once, however many runs and callbacks race. Then the payer's own list.
 */

const FEE = 250_000;
const MINUTE = 60_000;
let t: TestApp;
let feeService: string;
let sim: PaymentGatewaySimulator;

type Res = { statusCode: number; headers: Record<string, unknown>; body: string; json: <T = { error?: { code: string } }>() => T };
const get = (s: Session | undefined, url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s?.headers ?? {} }) as Promise<Res>;
/** Starts a payment; the buyer pays, cancels or does nothing on the gateway's page; the callback URL is not called. */
async function started(s: Session, choice?: 'pay' | 'cancel') {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/payments', headers: s.headers, payload: { serviceId: feeService } });
  expect(res.statusCode, res.body).toBe(201);
  const { paymentId, redirectUrl } = res.json<{ paymentId: string; redirectUrl: string }>();
  const token = new URL(redirectUrl).pathname.split('/').at(-1)!;
  const back = choice ? await sim.choose(token, choice) : undefined;
  return { paymentId, redirectUrl, token, back: back && `${new URL(back).pathname}${new URL(back).search}` };
}
const callback = (url: string) => t.app.inject({ method: 'GET', url }) as Promise<Res>;
const sweep = () => reconcilePayments(t.ctx);
const events = (paymentId: string) => t.ctx.database.query<{ action: string }>("SELECT action FROM events WHERE stream_type = 'payment' AND stream_id = $1 ORDER BY id", [paymentId]).then((r) => r.map((e) => e.action));
const status = async (paymentId: string) =>
  (await t.ctx.database.query<{ status: string; failure: string | null; reversal: string | null }>('SELECT status, failure, reversal FROM payments WHERE id = $1', [paymentId]))[0]!;
const simState = async (token: string) => (await t.ctx.database.query<{ state: string }>('SELECT state FROM payment_simulator_transactions WHERE token = $1', [token]))[0]!.state;
async function audits(paymentId: string) {
  await sealAuditNow(t.ctx.database);
  return t.ctx.database.query<{ action: string; actor_type: string; details: Record<string, unknown> }>("SELECT action, actor_type, details FROM audit_entries WHERE object_type = 'payment' AND object_id = $1 ORDER BY id", [paymentId]);
}
/** Runs sweeps until none has anything left to do now (payments other tests left due are settled too). */
async function settleAll() {
  while (Object.values(await sweep()).some((n) => n > 0));
}

beforeAll(async () => {
  t = await buildTestApp();
  sim = t.ctx.payments as PaymentGatewaySimulator;
  const agency = (await buildAgency(t, { nameFa: 'اداره کل ثبت' })).id;
  feeService = await createService(
    t.ctx.database.db,
    { agencyId: agency, titleFa: 'گواهی با هزینه', titleEn: 'A certificate with a fee', descriptionFa: 'خدمت با هزینه', recipients: 'G2C', normDays: 5, formSchema: DESK_FORM, published: true, feeRule: { kind: 'fixed', amountRials: FEE } },
    t.clock.now(),
  );
});
afterAll(() => t?.close());

describe('the reconcile job', () => {
  it('runs as the worker’s recurring job', async () => {
    expect(t.ctx.jobs.kinds()).toContain('payments.reconcile');
    const citizen = await signInCitizen(t);
    const p = await started(citizen, 'pay');
    t.clock.advance(RECONCILE_GRACE_MS);
    await t.ctx.runner!.scheduleRecurring();
    await t.ctx.runner!.runDue();
    expect(await status(p.paymentId)).toMatchObject({ status: 'paid' });
    const [job] = await t.ctx.database.query<{ status: string }>("SELECT status FROM jobs WHERE kind = 'payments.reconcile' ORDER BY id DESC LIMIT 1");
    expect(job!.status).toBe('succeeded');
  });

  it('records a payment paid whose payer never came back, after the grace period and not before; a late callback changes nothing', async () => {
    const citizen = await signInCitizen(t);
    const p = await started(citizen, 'pay');
    await sweep();
    t.clock.advance(RECONCILE_GRACE_MS - MINUTE);
    await sweep();
    expect(await status(p.paymentId)).toMatchObject({ status: 'started' });
    expect(await simState(p.token)).toBe('paid');
    t.clock.advance(MINUTE);
    expect((await sweep()).settled).toBeGreaterThanOrEqual(1);
    expect(await status(p.paymentId)).toMatchObject({ status: 'paid' });
    expect((await get(citizen, `/payments/${p.paymentId}`)).json()).toMatchObject({ status: 'paid', referenceNumber: expect.stringMatching(/^\d{12}$/) });
    const cb = await callback(p.back!);
    expect(cb.headers.location).toBe(`/me/services/${feeService}/apply?payment=${p.paymentId}`);
    expect(await events(p.paymentId)).toEqual(['started', 'paid']);
    expect((await audits(p.paymentId)).map((a) => [a.action, a.actor_type, a.details.via])).toEqual([
      ['payment.start', 'citizen', undefined],
      ['payment.pay', 'system', 'reconcile'],
    ]);
    // Nothing is left for the job: a later sweep changes nothing.
    t.clock.advance(RECONCILE_GRACE_MS);
    await settleAll();
    expect(await events(p.paymentId)).toEqual(['started', 'paid']);
  });

  it('ends a token never paid as expired once the gateway says it lapsed, leaving it untouched before; the page then takes no payment', async () => {
    const citizen = await signInCitizen(t);
    const p = await started(citizen);
    t.clock.advance(RECONCILE_GRACE_MS - 1);
    await sweep();
    expect(await status(p.paymentId)).toEqual({ status: 'started', failure: null, reversal: null });
    t.clock.advance(1);
    await sweep();
    expect(await status(p.paymentId)).toEqual({ status: 'expired', failure: 'expired', reversal: null });
    expect(await events(p.paymentId)).toEqual(['started', 'expired']);
    expect((await audits(p.paymentId)).map((a) => [a.action, a.actor_type])).toEqual([
      ['payment.start', 'citizen'],
      ['payment.expire', 'system'],
    ]);
    // The lapsed token cannot be paid now, and a callback forged to say OK changes nothing.
    const pay = await t.app.inject({ method: 'POST', url: new URL(p.redirectUrl).pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'choice=pay' });
    expect(pay.statusCode).toBe(404);
    expect(await simState(p.token)).toBe('issued');
    await callback(`/api/v1/payments/callback?token=${p.token}&state=OK&refNum=123456789012`);
    expect(await status(p.paymentId)).toMatchObject({ status: 'expired' });
    expect((await get(citizen, `/payments/${p.paymentId}`)).json()).toMatchObject({ status: 'expired', failure: 'expired' });
  });

  it('a callback and sweeps racing record one outcome: one paid event', async () => {
    const citizen = await signInCitizen(t);
    const p = await started(citizen, 'pay');
    t.clock.advance(RECONCILE_GRACE_MS);
    const answers = await Promise.all([callback(p.back!), sweep(), callback(p.back!), sweep(), sweep(), callback(p.back!)]);
    expect(answers.filter((a): a is Res => 'statusCode' in a).map((a) => a.statusCode)).toEqual([303, 303, 303]);
    expect(await events(p.paymentId)).toEqual(['started', 'paid']);
    expect(await status(p.paymentId)).toMatchObject({ status: 'paid' });
  });

  it('sixteen overlapping sweeps record one outcome for each payment', async () => {
    const citizen = await signInCitizen(t);
    await settleAll();
    const ps = [await started(citizen, 'pay'), await started(citizen, 'pay'), await started(citizen, 'cancel'), await started(citizen), await started(citizen, 'pay')];
    t.clock.advance(RECONCILE_GRACE_MS);
    const runs = await Promise.all(Array.from({ length: 16 }, () => sweep()));
    expect(runs.reduce((n, r) => n + r.settled, 0)).toBe(ps.length);
    expect(await Promise.all(ps.map((p) => events(p.paymentId)))).toEqual([
      ['started', 'paid'],
      ['started', 'paid'],
      ['started', 'cancelled'],
      ['started', 'expired'],
      ['started', 'paid'],
    ]);
  });

  it('leaves a payment as it is while the gateway does not answer, and settles it at the next sweep', async () => {
    const citizen = await signInCitizen(t);
    await settleAll();
    const p = await started(citizen, 'pay');
    t.clock.advance(RECONCILE_GRACE_MS);
    const gateway = t.ctx.payments as { verify: unknown };
    const { verify } = gateway;
    (t.ctx.config as { PAYMENT_TIMEOUT_MS: number }).PAYMENT_TIMEOUT_MS = 50;
    gateway.verify = () => new Promise<never>(() => {});
    try {
      expect(await sweep()).toEqual({ settled: 0, pending: 0, reversed: 0, unavailable: 1 });
      expect(await status(p.paymentId)).toMatchObject({ status: 'started' });
    } finally {
      gateway.verify = verify;
      (t.ctx.config as { PAYMENT_TIMEOUT_MS: number }).PAYMENT_TIMEOUT_MS = 5000;
    }
    // Held by the run that failed until its lease is over; the next sweep (five minutes on) takes it.
    expect(await sweep()).toEqual({ settled: 0, pending: 0, reversed: 0, unavailable: 0 });
    t.clock.advance(5 * MINUTE);
    expect(await sweep()).toEqual({ settled: 1, pending: 0, reversed: 0, unavailable: 0 });
    expect(await events(p.paymentId)).toEqual(['started', 'paid']);
  });

  it('retries a reversal the gateway did not confirm until it does, recording it once', async () => {
    const citizen = await signInCitizen(t);
    await settleAll();
    const p = await started(citizen, 'pay');
    // The gateway took another amount than the fee; its reverse fails for the callback and the first sweep.
    await t.ctx.database.query('UPDATE payment_simulator_transactions SET amount_rials = 1000 WHERE token = $1', [p.token]);
    sim.failReversals(2);
    expect((await callback(p.back!)).statusCode).toBe(303);
    expect(await status(p.paymentId)).toEqual({ status: 'failed', failure: 'amount_mismatch', reversal: 'owed' });
    expect(await simState(p.token)).toBe('verified');
    expect(await sweep()).toEqual({ settled: 0, pending: 0, reversed: 0, unavailable: 1 });
    expect(await status(p.paymentId)).toMatchObject({ reversal: 'owed' });
    t.clock.advance(5 * MINUTE);
    const runs = await Promise.all(Array.from({ length: 16 }, () => sweep()));
    expect(runs.reduce((n, r) => n + r.reversed, 0)).toBe(1);
    expect(await status(p.paymentId)).toEqual({ status: 'failed', failure: 'amount_mismatch', reversal: 'done' });
    expect(await simState(p.token)).toBe('reversed');
    t.clock.advance(5 * MINUTE);
    await settleAll();
    expect(await events(p.paymentId)).toEqual(['started', 'failed', 'reversed']);
    expect((await audits(p.paymentId)).map((a) => [a.action, a.actor_type, a.details.reversed])).toEqual([
      ['payment.start', 'citizen', undefined],
      ['payment.fail', 'system', false],
      ['payment.reverse', 'system', undefined],
    ]);
    expect(await t.ctx.database.query('SELECT 1 FROM payments WHERE id = $1 AND reconcile_at IS NULL AND reversed_at IS NOT NULL', [p.paymentId])).toHaveLength(1);
  });
});

describe('the citizen’s own payments', () => {
  it('lists the payer’s payments newest first, with the service and the request that spent one; nobody else’s; pages by cursor', async () => {
    const citizen = await signInCitizen(t);
    const other = await signInCitizen(t);
    const theirs = await started(other, 'pay');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push((await started(citizen, 'pay')).paymentId);
      t.clock.advance(1000);
    }
    const first = await started(citizen, 'pay');
    ids.push(first.paymentId);
    await callback(first.back!);
    const submitted = await t.app.inject({ method: 'POST', url: '/api/v1/requests', headers: citizen.headers, payload: { serviceId: feeService, form: { reason: 'ارائه به بانک' }, paymentId: first.paymentId } });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const trackingCode = submitted.json<{ trackingCode: string }>().trackingCode;

    const all = (await get(citizen, '/payments')).json<{ items: Array<{ id: string; serviceTitle: string; trackingCode: string | null; requestId: string | null; status: string; amountRials: number }>; nextCursor: string | null }>();
    expect(all.items.map((p) => p.id)).toEqual([...ids].reverse());
    expect(all.nextCursor).toBeNull();
    expect(all.items[0]).toMatchObject({ serviceTitle: 'گواهی با هزینه', trackingCode, requestId: submitted.json<{ id: string }>().id, status: 'paid', amountRials: FEE });
    expect(all.items[1]).toMatchObject({ trackingCode: null, requestId: null, status: 'started' });
    expect(all.items.some((p) => p.id === theirs.paymentId)).toBe(false);
    expect((await t.app.inject({ url: '/api/v1/payments', headers: { ...citizen.headers, 'accept-language': 'en' } })).json<{ items: Array<{ serviceTitle: string }> }>().items[0]!.serviceTitle).toBe('A certificate with a fee');
    expect((await get(other, '/payments')).json<{ items: Array<{ id: string }> }>().items.map((p) => p.id)).toEqual([theirs.paymentId]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = (await get(citizen, `/payments?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('refuses staff and anonymous callers, limits out of bounds, malformed cursors and NUL', async () => {
    const citizen = await signInCitizen(t);
    const agency = (await buildAgency(t, { nameFa: 'دستگاه دیگر' })).id;
    const clerk = await signInStaff(t, (await buildStaff(t, agency, ['desk_clerk'])).username);
    expect((await get(clerk, '/payments')).statusCode).toBe(403);
    expect((await get(undefined, '/payments')).statusCode).toBe(401);
    for (const q of ['limit=0', 'limit=101', 'limit=-1', 'limit=abc', 'cursor=not-a-cursor', `cursor=${Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', "x' OR 1=1"])).toString('base64url')}`, 'cursor=%00', `cursor=${'a'.repeat(1001)}`])
      expect([q, (await get(citizen, `/payments?${q}`)).statusCode]).toEqual([q, 400]);
    expect((await get(citizen, '/payments?limit=100')).json()).toEqual({ items: [], nextCursor: null });
  });

  it('while acting for a company lists the company’s payments, and the person’s own otherwise', async () => {
    const citizen = await signInCitizen(t);
    const [company] = await rows<{ id: string }>(t.ctx.database.db, sql`
      INSERT INTO citizens (kind, legal_id, name, created_at, updated_at) VALUES ('company', ${randomLegalId()}, 'شرکت آزمایشی', now(), now()) RETURNING id`);
    await rows(t.ctx.database.db, sql`INSERT INTO company_representatives (company_id, person_id, title, created_at) VALUES (${company!.id}, ${citizen.id}, 'مدیرعامل', now())`);
    const personal = await started(citizen);
    const actFor = (id: string | null) => t.app.inject({ method: 'POST', url: '/api/v1/auth/act-for', headers: citizen.headers, payload: { id } });
    expect((await actFor(company!.id)).statusCode).toBe(200);
    const forCompany = await started(citizen);
    expect((await get(citizen, '/payments')).json<{ items: Array<{ id: string }> }>().items.map((p) => p.id)).toEqual([forCompany.paymentId]);
    await actFor(null);
    expect((await get(citizen, '/payments')).json<{ items: Array<{ id: string }> }>().items.map((p) => p.id)).toEqual([personal.paymentId]);
    expect((await get(citizen, `/payments/${randomUUID()}`)).statusCode).toBe(404);
  });
});
