import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, randomMobile, randomNationalCode, registerMobile, TEST_PASSWORD } from '../../../test/factories';
import { admitAttempt, clearThrottle, createRateLimitSweepJob, hit, refund, settleSuccess, type DelayPolicy } from '.';

/**
 * The limits live in the database, so the limit is the limit however many app processes serve:
 * two app instances over one database share every counter. Each decision is one statement, so
 * concurrent requests are each counted exactly once.
 */

let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  const env = { SIGN_IN_RATE_PER_MINUTE: '4' };
  a = await buildTestApp(env);
  b = await buildTestApp(env, a); // a second app process over the same database
});
afterAll(async () => {
  await b.close();
  await a.close();
});

const policy: DelayPolicy = { freeFailures: 3, maxDelaySeconds: 60, forgetAfterMs: 3_600_000 };
const db = () => a.ctx.database.db;

describe('two app processes over one database', () => {
  it('share the per-address limit: four requests a minute in all, not four each', async () => {
    const attempt = (t: TestApp) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', remoteAddress: '192.0.2.44', payload: { username: 'shared.limit', password: 'wrong-password-1' } });
    const codes: number[] = [];
    for (const t of [a, b, a, b, a, b]) codes.push((await attempt(t)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 429, 429]);
    a.clock.advance(60_000);
    expect((await attempt(b)).statusCode).toBe(401);
  });

  it('share a staff account’s failures: guesses spread over both make it wait on both', async () => {
    const agency = await buildAgency(a);
    const s = await buildStaff(a, agency.id);
    let n = 0;
    const login = (t: TestApp, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', remoteAddress: `192.0.2.${100 + n++}`, payload: { username: s.username, password } });
    for (const t of [a, b, a, b]) expect((await login(t, 'wrong-password-1')).json().error.details.retryAfterSeconds).toBe(0);
    expect((await login(a, 'wrong-password-1')).json().error.details.retryAfterSeconds).toBe(2);
    expect((await login(b, TEST_PASSWORD)).json().error.code).toBe('SIGN_IN_DELAYED');
    a.clock.advance(2_000);
    expect((await login(b, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('share the one-time-code limits per mobile', async () => {
    const nationalCode = randomNationalCode();
    const mobile = randomMobile();
    await registerMobile(a, nationalCode, mobile);
    let n = 0;
    const ask = (t: TestApp) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/citizen/otp', remoteAddress: `198.18.0.${++n}`, payload: { nationalCode, mobile } });
    expect([(await ask(a)).statusCode, (await ask(b)).statusCode, (await ask(a)).statusCode, (await ask(b)).statusCode]).toEqual([201, 201, 201, 429]);
  });
});

describe('counters', () => {
  it('count sixteen concurrent hits exactly once each', async () => {
    const limit = { bucket: 'test:burst', key: 'k', max: 5, windowMs: 60_000 };
    const now = a.clock.now();
    const hits = await Promise.all(Array.from({ length: 16 }, () => hit(db(), limit, now)));
    expect(hits.map((h) => h.hits).sort((x, y) => x - y)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(hits.filter((h) => h.allowed)).toHaveLength(5);
  });

  it('start a new window when the last one ended, and give a hit back only within its window', async () => {
    const limit = { bucket: 'test:window', key: 'k', max: 1, windowMs: 10_000 };
    const t0 = a.clock.now();
    const first = await hit(db(), limit, t0);
    expect(first).toMatchObject({ allowed: true, retryAfterSeconds: 10 });
    expect(await hit(db(), limit, new Date(t0.getTime() + 4_000))).toMatchObject({ allowed: false, retryAfterSeconds: 6 });
    await refund(db(), limit, first.windowStart);
    expect((await hit(db(), limit, new Date(t0.getTime() + 5_000))).hits).toBe(2);
    const next = await hit(db(), limit, new Date(t0.getTime() + 10_000));
    expect(next).toMatchObject({ allowed: true, hits: 1 });
    await refund(db(), limit, first.windowStart); // the old window: nothing to give back
    expect((await hit(db(), limit, new Date(t0.getTime() + 11_000))).hits).toBe(2);
  });

  it('keep keys only as digests', async () => {
    await hit(db(), { bucket: 'test:digest', key: '09121234567', max: 1, windowMs: 1_000 }, a.clock.now());
    const stored = await a.ctx.database.query<{ key_hash: Uint8Array }>("SELECT key_hash FROM rate_limit_counters WHERE bucket = 'test:digest'");
    expect(Buffer.from(stored[0]!.key_hash).toString('utf8')).not.toContain('0912');
    expect(stored[0]!.key_hash).toHaveLength(32);
  });
});

describe('attempt throttles', () => {
  it('admit exactly freeFailures of sixteen concurrent attempts', async () => {
    const now = a.clock.now();
    const r = await Promise.all(Array.from({ length: 16 }, () => admitAttempt(db(), 'test:burst', 'alice', policy, now)));
    expect(r.filter((x) => x.admitted)).toHaveLength(3);
    expect(r.filter((x) => !x.admitted).every((x) => x.retryAfterSeconds === 2)).toBe(true);
  });

  // The order of concurrent HTTP requests is not fixed, so this rule of staff sign-in (a right
  // password admitted before later guesses is answered as a failure) is shown here, in order.
  it('let a success settle only when no attempt was admitted after it', async () => {
    const now = a.clock.now();
    const right = await admitAttempt(db(), 'test:settle', 'bob', policy, now);
    const guess = await admitAttempt(db(), 'test:settle', 'bob', policy, now);
    expect([right, guess]).toMatchObject([{ admitted: true, failures: 1 }, { admitted: true, failures: 2 }]);
    expect(await settleSuccess(db(), 'test:settle', 'bob', 1)).toBe(false);
    expect(await settleSuccess(db(), 'test:settle', 'bob', 2)).toBe(true);
    expect(await admitAttempt(db(), 'test:settle', 'bob', policy, now)).toMatchObject({ admitted: true, failures: 1 });
    await clearThrottle(db(), 'test:settle', 'bob');
  });

  it('are swept once forgotten, and counters once their window is a day old', async () => {
    const job = createRateLimitSweepJob();
    const old = new Date(a.clock.now().getTime() - 25 * 3_600_000);
    await admitAttempt(db(), 'test:sweep', 'carol', policy, old);
    await hit(db(), { bucket: 'test:sweep', key: 'carol', max: 1, windowMs: 1_000 }, old);
    await admitAttempt(db(), 'test:sweep', 'dave', policy, a.clock.now());
    await job.handle({}, { jobId: 'x', attempt: 1, database: a.ctx.database, clock: a.clock, log: a.ctx.log });
    const left = await a.ctx.database.query<{ n: number }>(
      "SELECT (SELECT count(*) FROM attempt_throttles WHERE bucket = 'test:sweep')::int + (SELECT count(*) FROM rate_limit_counters WHERE bucket = 'test:sweep')::int AS n",
    );
    expect(left[0]!.n).toBe(1);
  });
});
