import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, deliveredCode, randomMobile, randomNationalCode, registerMobile, signInCitizen, signInStaff, TEST_PASSWORD } from '../../../test/factories';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const post = (url: string, payload: object, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, payload, headers });

describe('citizen sign-in by one-time code', () => {
  it('signs in, creates the profile once and reuses it', async () => {
    const s = await signInCitizen(t, '0013542419', '09121234567');
    const me = await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ kind: 'citizen', csrfToken: s.csrf });
    const upd = await t.app.inject({ method: 'PATCH', url: '/api/v1/me/profile', headers: s.headers, payload: { name: 'علی رضایی', postalCode: '۱۶۱۹۷۳۵۷۴۴' } });
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({ name: 'علی رضایی', postalCode: '1619735744', nationalCode: '0013542419' });
    const again = await signInCitizen(t, '0013542419', '09121234567');
    const profile = await t.app.inject({ url: '/api/v1/me/profile', headers: { cookie: again.cookie } });
    expect(profile.json()).toMatchObject({ id: s.id, name: 'علی رضایی' });
  });

  it('accepts Persian digits and +98 numbers', async () => {
    await registerMobile(t, '0010350829', '09121234599');
    const res = await post('/api/v1/auth/citizen/otp', { nationalCode: '۰۰۱۰۳۵۰۸۲۹', mobile: '+989121234599' });
    expect(res.statusCode).toBe(201);
    expect(await deliveredCode(t, '09121234599')).toMatch(/^\d{6}$/);
  });

  it('names an invalid national code and mobile in Persian', async () => {
    const res = await post('/api/v1/auth/citizen/otp', { nationalCode: '1111111111', mobile: '0812123456' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.fields as Array<{ field: string; code: string; message: string }>;
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'body.nationalCode', code: 'NATIONAL_CODE_INVALID', message: 'کد ملی ۱۰ رقم است و رقم آخرش رقم کنترل است؛ رقم‌ها را با کارت ملی مقایسه کنید.' },
        { field: 'body.mobile', code: 'MOBILE_INVALID', message: 'شماره تلفن همراه ۱۱ رقم است و با ۰۹ آغاز می‌شود؛ مانند ۰۹۱۲۳۴۵۶۷۸۹.' },
      ]),
    );
  });

  it('counts wrong codes, then refuses the challenge', async () => {
    const [nationalCode, mobile] = [randomNationalCode(), randomMobile()];
    await registerMobile(t, nationalCode, mobile);
    const otp = await post('/api/v1/auth/citizen/otp', { nationalCode, mobile });
    const { challengeId } = otp.json();
    const code = await deliveredCode(t, mobile);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 4; i >= 0; i--) {
      const r = await post('/api/v1/auth/citizen/verify', { challengeId, code: wrong });
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'OTP_INVALID', details: { remainingAttempts: i } });
    }
    const locked = await post('/api/v1/auth/citizen/verify', { challengeId, code });
    expect(locked.json().error.code).toBe('OTP_TOO_MANY_ATTEMPTS');
  });

  it('refuses an expired code, and a used one', async () => {
    const [nationalCode, mobile] = [randomNationalCode(), randomMobile()];
    await registerMobile(t, nationalCode, mobile);
    const otp = await post('/api/v1/auth/citizen/otp', { nationalCode, mobile });
    const code = await deliveredCode(t, mobile);
    t.clock.advance(121_000);
    const r = await post('/api/v1/auth/citizen/verify', { challengeId: otp.json().challengeId, code });
    expect(r.json().error.code).toBe('OTP_EXPIRED');
  });

  it('limits codes sent per national code, even to several numbers of its own', async () => {
    const nationalCode = randomNationalCode();
    const mobiles = [randomMobile(), randomMobile(), randomMobile(), randomMobile()];
    for (const m of mobiles) await registerMobile(t, nationalCode, m);
    for (const m of mobiles.slice(0, 3)) expect((await post('/api/v1/auth/citizen/otp', { nationalCode, mobile: m })).statusCode).toBe(201);
    const r = await post('/api/v1/auth/citizen/otp', { nationalCode, mobile: mobiles[3] });
    expect(r.statusCode).toBe(429);
    expect(r.json().error).toMatchObject({ code: 'OTP_TOO_MANY_REQUESTS', details: { retryAfterSeconds: 600 } });
  });
});

describe('staff sign-in and sessions', () => {
  it('signs in with a password, rotates the session id at each sign-in', async () => {
    const agency = await buildAgency(t);
    const staff = await buildStaff(t, agency.id, ['desk_clerk']);
    const a = await signInStaff(t, staff.username);
    const b = await signInStaff(t, staff.username);
    expect(a.cookie).not.toBe(b.cookie);
    const me = await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie: b.cookie } });
    expect(me.json()).toMatchObject({ kind: 'staff', agency: { id: agency.id }, roles: [{ role: 'desk_clerk', agencyId: agency.id }] });
  });

  it('sets an httpOnly, SameSite=Lax cookie', async () => {
    const agency = await buildAgency(t);
    const staff = await buildStaff(t, agency.id);
    const res = await post('/api/v1/auth/staff/login', { username: staff.username, password: TEST_PASSWORD });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('makes the account wait after repeated failures, refusing even the right password until then', async () => {
    const agency = await buildAgency(t);
    const staff = await buildStaff(t, agency.id);
    const attempt = async (password: string) => (await post('/api/v1/auth/staff/login', { username: staff.username, password })).json<{ error: unknown }>().error;
    for (let i = 0; i < 4; i++) expect(await attempt('wrong-password-1')).toMatchObject({ code: 'INVALID_CREDENTIALS', details: { retryAfterSeconds: 0 } });
    expect(await attempt('wrong-password-1')).toMatchObject({ code: 'INVALID_CREDENTIALS', details: { retryAfterSeconds: 2 } });
    expect(await attempt(TEST_PASSWORD)).toMatchObject({ code: 'SIGN_IN_DELAYED', details: { retryAfterSeconds: 2 } });
    t.clock.advance(2_000);
    expect((await post('/api/v1/auth/staff/login', { username: staff.username, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('treats a tampered, idle or expired cookie as signed out', async () => {
    const agency = await buildAgency(t);
    const staff = await buildStaff(t, agency.id);
    const s = await signInStaff(t, staff.username);
    const tampered = s.cookie.slice(0, -2) + (s.cookie.endsWith('AA') ? 'BB' : 'AA');
    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie: tampered } })).statusCode).toBe(401);
    t.clock.advance(31 * 60_000);
    const ended = await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie: s.cookie } });
    expect(ended.statusCode).toBe(401);
    expect(ended.json().error.code).toBe('UNAUTHENTICATED');
    // Said once: the ended session's cookie is cleared with the answer, so the next check is a plain "nobody".
    const cleared = ended.cookies.find((c) => c.name === 'dargah_session');
    expect(cleared?.value).toBe('');
    expect(cleared?.expires?.getTime()).toBeLessThan(Date.now());
  });

  it('answers the session check of nobody with 204 and no body', async () => {
    const res = await t.app.inject({ url: '/api/v1/auth/session' });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a cookie write without the CSRF token, and signs out everywhere', async () => {
    const agency = await buildAgency(t);
    const staff = await buildStaff(t, agency.id);
    const a = await signInStaff(t, staff.username);
    const b = await signInStaff(t, staff.username);
    const forged = await post('/api/v1/auth/sign-out', {}, { cookie: a.cookie, 'x-csrf-token': 'forged' });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const out = await post('/api/v1/auth/sign-out', { everywhere: true }, a.headers);
    expect(out.json()).toEqual({ signedOut: 2 });
    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie: b.cookie } })).statusCode).toBe(401);
  });
});

describe('the per-address limit on sign-in attempts', () => {
  it('refuses an address past SIGN_IN_RATE_PER_MINUTE attempts in a minute, and another address not', async () => {
    const limited = await buildTestApp({ SIGN_IN_RATE_PER_MINUTE: '3' });
    try {
      const attempt = (remoteAddress: string) =>
        limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/staff/login',
          remoteAddress,
          payload: { username: 'nobody.here', password: 'wrong-password-1404' },
        });
      for (let i = 0; i < 3; i++) expect((await attempt('198.51.100.7')).statusCode).toBe(401);
      const refused = await attempt('198.51.100.7');
      expect([refused.statusCode, refused.json().error.code]).toEqual([429, 'RATE_LIMITED']);
      expect(refused.json().error.details.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.headers['retry-after']).toBe(String(refused.json().error.details.retryAfterSeconds));
      expect((await attempt('198.51.100.8')).statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });
});
