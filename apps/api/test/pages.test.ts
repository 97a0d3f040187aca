import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './app';
import { expectNoInlineScript, expectScriptOnlyFromSelf } from './csp';
import { deliveredCode, nextAddress, randomMobile, randomNationalCode, registerMobile } from './factories';
import { cookieHeader, cookieJar, hidden, startPagesApp } from './pages-support';

/**
 * The public pages rendered on the server (ADR 0018), through the web app's server entry loaded
 * from source by Vite (no build needed): whole HTML documents with no script, the citizen sign-in as
 * form posts, and the abuse of those posts: another site's post, a missing or forged token, NUL
 * characters, over-long fields, repeated and concurrent posts, open redirects.
 */

let t: TestApp;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ t, close } = await startPagesApp());
}, 120_000);
afterAll(async () => {
  await close?.();
});

/** Opens the sign-in page as a browser does: its form token cookie and field. */
async function openSignIn(url = '/me/sign-in') {
  const res = await t.app.inject({ method: 'GET', url, remoteAddress: nextAddress() });
  const jar = cookieJar(res);
  return { res, jar, token: hidden(res.body, '_csrf')! };
}
const post = (jar: Record<string, string>, fields: Record<string, string>, o: { url?: string; headers?: Record<string, string>; remoteAddress?: string } = {}) =>
  t.app.inject({
    method: 'POST',
    url: o.url ?? '/me/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar), 'sec-fetch-site': 'same-origin', ...o.headers },
    payload: new URLSearchParams(fields).toString(),
    remoteAddress: o.remoteAddress ?? nextAddress(),
  });

describe('the public pages', () => {
  it('takes the catalogue form as a browser sends it: every filter, the «all» ones empty', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/catalogue?q=x&agencyId=&province=&lifeEvent=&category=&recipients=&maturity=' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('role="alert"');
    // A filter that is not one of the choices is dropped, not sent to the API.
    const junk = await t.app.inject({ method: 'GET', url: '/catalogue?recipients=%00&agencyId=not-a-uuid&maturity=' + 'x'.repeat(5000) });
    expect(junk.statusCode).toBeLessThan(500);
    expect(junk.body).not.toContain('role="alert"><div class="notice__body"><p>');
  });

  it('are whole documents in the reader’s language, with no script, not cached by others', async () => {
    for (const url of ['/', '/catalogue', '/catalogue?q=%DA%AF%D9%88%D8%A7%D9%87%DB%8C', '/me/sign-in']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('private, no-cache');
      expectScriptOnlyFromSelf(res.headers['content-security-policy'], url);
      expect(res.body).toMatch(/^<!doctype html><html lang="fa" dir="rtl">/);
      expect(res.body).not.toMatch(/<script/i);
      expectNoInlineScript(res.body, url);
      expect(res.body).toContain('<main id="main"');
      expect(res.body).toContain('href="#main"');
    }
    const en = await t.app.inject({ method: 'GET', url: '/catalogue', cookies: { dargah_lang: 'en' } });
    expect(en.body).toMatch(/<html lang="en" dir="ltr">/);
    expect(en.body).toContain('<title>');
  });

  it('answers an unknown service with 404 and the SPA’s addresses not at all (no build here)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/catalogue/99999999999' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/me' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/nothing' })).json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
  });

  it('keeps the catalogue’s search and filters in a GET form named as the URL is', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/catalogue?q=x&maturity=transactional' });
    const form = /<form [^>]*id="cp-search-form"[^>]*>/.exec(res.body)?.[0] ?? '';
    expect(form).toMatch(/method="get"/);
    expect(form).toMatch(/action="\/catalogue"/);
    expect(res.body).toMatch(/<input [^>]*name="q"[^>]*value="x"/);
    const select = /<select [^>]*id="cp-maturity"[^>]*>/.exec(res.body)?.[0] ?? '';
    expect(select).toMatch(/name="maturity"/);
    expect(select).toMatch(/form="cp-search-form"/);
    expect(res.body).toMatch(/<option value="transactional" selected="">/);
  });

  it('switches the language with a cookie and goes back only to a path of this site', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/language?to=en&returnTo=%2Fcatalogue%3Fq%3Dx' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/catalogue?q=x');
    expect(String(res.headers['set-cookie'])).toMatch(/^dargah_lang=en; Max-Age=31536000; Path=\/; SameSite=Lax/);
    for (const evil of ['//evil.example', '/\\evil.example', 'https://evil.example', '/\r\nSet-Cookie:x=1', '/\u0000x', '/\tx']) {
      const r = await t.app.inject({ method: 'GET', url: `/language?to=en&returnTo=${encodeURIComponent(evil)}` });
      // Control characters are refused at the edge (400 TEXT_NOT_ALLOWED); the rest go home.
      if (r.statusCode === 400) expect(r.json(), evil).toMatchObject({ error: { code: 'TEXT_NOT_ALLOWED' } });
      else expect(r.headers.location, evil).toBe('/');
    }
    expect((await t.app.inject({ method: 'GET', url: '/language?to=xx' })).headers['set-cookie']).toBeUndefined();
  });
});

describe('the citizen sign-in without a script', () => {
  it('sends a code, signs in and goes back to the safe returnTo with the session cookie (303)', async () => {
    const nationalCode = randomNationalCode();
    const mobile = randomMobile();
    await registerMobile(t, nationalCode, mobile);
    const { jar, token } = await openSignIn('/me/sign-in?returnTo=%2Fme%2Frequests');
    const step1 = await post(jar, { _csrf: token, step: 'identify', nationalCode, mobile }, { url: '/me/sign-in?returnTo=%2Fme%2Frequests' });
    expect(step1.statusCode).toBe(200);
    expect(step1.body).toMatch(/autocomplete="one-time-code"/i);
    const code = await deliveredCode(t, mobile);
    const fields = { _csrf: token, step: 'code', action: 'verify', nationalCode, mobile, challengeId: hidden(step1.body, 'challengeId')!, expiresAt: hidden(step1.body, 'expiresAt')!, resendAfter: hidden(step1.body, 'resendAfter')! };

    const wrong = await post(jar, { ...fields, code: code === '000000' ? '111111' : '000000' }, { url: '/me/sign-in?returnTo=%2Fme%2Frequests' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toMatch(/id="otp-error"/);

    const done = await post(jar, { ...fields, code }, { url: '/me/sign-in?returnTo=%2Fme%2Frequests' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/me/requests');
    expect(String(done.headers['set-cookie'])).toMatch(/dargah_session=[^;]+; Path=\/;.*HttpOnly; SameSite=Lax/);
    // The same challenge again: spent.
    const again = await post(jar, { ...fields, code }, { url: '/me/sign-in?returnTo=%2Fme%2Frequests' });
    expect(again.statusCode).toBeGreaterThanOrEqual(400);

    // Signed in, the sign-in page sends the citizen on: to a safe returnTo, else home; never elsewhere.
    const signedIn = cookieJar(done, { ...jar });
    const get = (url: string, cookies = signedIn) =>
      t.app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(cookies) }, remoteAddress: nextAddress() });
    const onward = await get('/me/sign-in?returnTo=%2Fme%2Frequests');
    expect(onward.statusCode).toBe(303);
    expect(onward.headers.location).toBe('/me/requests');
    for (const url of ['/me/sign-in', '/me/sign-in?returnTo=%2F%2Fevil.example', '/me/sign-in?returnTo=https%3A%2F%2Fevil.example']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location, url).toBe('/me');
    }
    // A session cookie that is not (any more) a session: the page, as for a visitor.
    const forged = await get('/me/sign-in?returnTo=%2Fme%2Frequests', { ...jar, dargah_session: 'x'.repeat(43) });
    expect(forged.statusCode).toBe(200);
    expect(forged.body).toContain('name="nationalCode"');
  });

  it('never redirects to another origin, whatever returnTo says', async () => {
    for (const evil of ['//evil.example', '/\\evil.example', 'https://evil.example/x', '/%2F%2Fevil.example']) {
      const nationalCode = randomNationalCode();
      const mobile = randomMobile();
      await registerMobile(t, nationalCode, mobile);
      const url = `/me/sign-in?returnTo=${encodeURIComponent(evil)}`;
      const { jar, token } = await openSignIn(url);
      const step1 = await post(jar, { _csrf: token, step: 'identify', nationalCode, mobile }, { url });
      const code = await deliveredCode(t, mobile);
      const done = await post(jar, { _csrf: token, step: 'code', nationalCode, mobile, code, challengeId: hidden(step1.body, 'challengeId')!, expiresAt: hidden(step1.body, 'expiresAt')!, resendAfter: hidden(step1.body, 'resendAfter')! }, { url });
      expect(done.statusCode, evil).toBe(303);
      const location = String(done.headers.location);
      expect(new URL(location, 'http://dargah.test').origin, evil).toBe('http://dargah.test');
      expect(location.startsWith('//') || location.startsWith('/\\'), evil).toBe(false);
    }
  });

  it('shows problems at their fields and in a summary, in Persian and in English', async () => {
    const { jar, token } = await openSignIn();
    const fa = await post(jar, { _csrf: token, step: 'identify', nationalCode: '123', mobile: '' });
    expect(fa.statusCode).toBe(400);
    expect(fa.body).toContain('id="identify-errors"');
    expect(fa.body).toMatch(/id="nationalCode-error"/);
    expect(fa.body).toMatch(/id="mobile-error"/);
    expect(fa.body).toMatch(/aria-invalid="true"/);
    const en = await post({ ...jar, dargah_lang: 'en' }, { _csrf: token, step: 'identify', nationalCode: '123', mobile: '' });
    expect(en.body).toMatch(/<html lang="en" dir="ltr">/);
    expect(en.body).toContain('id="identify-errors"');
    // The Shahkar check's refusal (a mobile not registered to the national code) at the mobile field.
    const other = await post(jar, { _csrf: token, step: 'identify', nationalCode: randomNationalCode(), mobile: randomMobile() });
    expect(other.statusCode).toBe(400);
    expect(other.body).toMatch(/id="mobile-error"/);
  });

  it('refuses another site’s post, a missing or forged token, with FORM_REFUSED and sends nothing', async () => {
    const nationalCode = randomNationalCode();
    const mobile = randomMobile();
    await registerMobile(t, nationalCode, mobile);
    const { jar, token } = await openSignIn();
    const fields = { _csrf: token, step: 'identify', nationalCode, mobile };
    const attempts = [
      post(jar, fields, { headers: { 'sec-fetch-site': 'cross-site' } }),
      post(jar, fields, { headers: { 'sec-fetch-site': 'same-site' } }),
      post(jar, fields, { headers: { origin: 'https://evil.example' } }),
      post(jar, fields, { headers: { origin: 'null' } }),
      post(jar, { ...fields, _csrf: '' }),
      post(jar, { ...fields, _csrf: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` }),
      post({}, fields),
      post({ dargah_form: 'x'.repeat(43) }, { ...fields, _csrf: 'x'.repeat(43) }, { headers: { 'sec-fetch-site': 'cross-site' } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('role="alert"');
      expect(res.body).toContain('این فرم از صفحه‌ای از همین سامانه فرستاده نشده');
    }
    const sent = await t.ctx.database.query("SELECT 1 FROM notifications WHERE recipient = $1 AND channel = 'sms'", [mobile]);
    expect(sent).toEqual([]);
  });

  it('refuses NUL characters, over-long fields, other body types and a huge body, saying why', async () => {
    const { jar, token } = await openSignIn();
    const nul = await post(jar, { _csrf: token, step: 'identify', nationalCode: '00714\u000005097', mobile: '09120005404' });
    expect(nul.statusCode).toBe(400);
    expect(nul.body).toContain('نویسه تهی');
    const long = await post(jar, { _csrf: token, step: 'identify', nationalCode: '1'.repeat(3000), mobile: '9'.repeat(3000) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toMatch(/id="nationalCode-error"/);
    expect(long.body).not.toContain('1'.repeat(100));
    const huge = await post(jar, { _csrf: token, step: 'identify', nationalCode: '1'.repeat(20_000), mobile: '' });
    expect(huge.statusCode).toBe(413);
    const json = await t.app.inject({ method: 'POST', url: '/me/sign-in', headers: { 'content-type': 'application/json', cookie: cookieHeader(jar) }, payload: JSON.stringify({ _csrf: token }) });
    expect(json.statusCode).toBe(415);
  });

  it('answers repeated and concurrent posts with the API’s own limits', async () => {
    const nationalCode = randomNationalCode();
    const mobile = randomMobile();
    await registerMobile(t, nationalCode, mobile);
    const { jar, token } = await openSignIn();
    const remoteAddress = nextAddress();
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(jar, { _csrf: token, step: 'identify', nationalCode, mobile }, { remoteAddress })));
    const statuses = answers.map((r) => r.statusCode);
    expect(statuses).toContain(200);
    // The API's limits per national code, mobile and address refuse the rest, said on the page.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    for (const r of answers.filter((a) => a.statusCode === 429)) expect(r.body).toContain('role="alert"');
  });
});
