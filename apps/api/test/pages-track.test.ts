import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './app';
import { buildDeskService, decideDeskRequest, persianDigits, submitDeskRequest } from './desk';
import { buildAgency, buildStaff, nextAddress, randomNationalCode, signInCitizen, signInStaff } from './factories';
import { cookieHeader, cookieJar, hidden, startPagesApp } from './pages-support';

/**
 * The public tracking page (issue 11 §8; ADR 0018's server-rendered pages): `/track?code=` prefills
 * the code, `POST /track` takes the code and the national code (never in an address) with the
 * pages' CSRF and origin checks, and answers the status, the steps by role with Jalali dates in
 * Persian digits and the due date, with no script. A wrong pair and an unknown code read alike.
 */

let t: TestApp;
let close: (() => Promise<void>) | undefined;
let citizen: Awaited<ReturnType<typeof signInCitizen>>;
let receipt: { id: string; trackingCode: string };

beforeAll(async () => {
  ({ t, close } = await startPagesApp());
  t.clock.set('2024-03-27T06:30:00.000Z');
  const agencyId = (await buildAgency(t, { nameFa: 'اداره کل آزمایشی' })).id;
  const serviceId = await buildDeskService(t, agencyId, 'گواهی پیگیری‌پذیر');
  citizen = await signInCitizen(t);
  receipt = await submitDeskRequest(t, citizen, serviceId);
  const clerk = await signInStaff(t, (await buildStaff(t, agencyId, ['desk_clerk'], { displayName: 'کارمند نام‌دار' })).username);
  await decideDeskRequest(t, clerk, receipt.id, 'reject');
}, 180_000);
afterAll(async () => {
  await close?.();
});

const get = (url: string, cookies: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(cookies) }, remoteAddress: nextAddress() });

async function openPage(url = '/track', cookies: Record<string, string> = {}) {
  const res = await get(url, cookies);
  return { res, jar: cookieJar(res, { ...cookies }), token: hidden(res.body, '_csrf')! };
}

const post = (jar: Record<string, string>, fields: Record<string, string>, headers: Record<string, string> = {}, remoteAddress = nextAddress()) =>
  t.app.inject({
    method: 'POST',
    url: '/track',
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(fields).toString(),
    remoteAddress,
  });

describe('the tracking page', () => {
  it('is a server-rendered form with no script; ?code= prefills the code, never the national code', async () => {
    const { res } = await openPage(`/track?code=${receipt.trackingCode}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('<html lang="fa" dir="rtl">');
    expect(res.body).not.toMatch(/<script/i);
    expect(res.body).toContain('action="/track" method="post"');
    expect(res.body).toMatch(new RegExp(`name="trackingCode"[^>]*value="${receipt.trackingCode}"`));
    expect(res.body).toMatch(/name="nationalCode"(?![^>]*value=)/);
  });

  it('answers the status in words, the steps by role with Jalali dates in Persian digits, no names', async () => {
    const { jar, token } = await openPage();
    const res = await post(jar, { _csrf: token, trackingCode: persianDigits(receipt.trackingCode), nationalCode: persianDigits(citizen.nationalCode) });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-status="rejected"');
    expect(res.body).toContain('گواهی پیگیری‌پذیر');
    expect(res.body).toContain('ثبت درخواست');
    expect(res.body).toContain('رد درخواست');
    expect(res.body).toContain('۸ فروردین ۱۴۰۳');
    expect(res.body).toContain(persianDigits(receipt.trackingCode));
    expect(res.body).not.toContain('کارمند نام‌دار');
    expect(res.body).not.toContain(citizen.nationalCode);
    expect(res.body).not.toContain(persianDigits(citizen.nationalCode));
    expect(res.body).not.toMatch(/<script/i);
  });

  it('reads a wrong national code and an unknown code alike', async () => {
    const { jar, token } = await openPage();
    const wrong = await post(jar, { _csrf: token, trackingCode: receipt.trackingCode, nationalCode: randomNationalCode() });
    const body = receipt.trackingCode.slice(0, 9);
    const other = `${body}${(Number(receipt.trackingCode.at(-1)) + 1) % 10}`;
    const malformed = await post(jar, { _csrf: token, trackingCode: other, nationalCode: citizen.nationalCode });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('درخواستی با این کد رهگیری و کد ملی پیدا نشد');
    // A code with a wrong check digit is a typing mistake, said at the field.
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('id="trackingCode-error"');
  });

  it('works for a signed-in visitor too (their session’s CSRF token goes with the API call)', async () => {
    const session = Object.fromEntries(citizen.cookie.split('=').reduce<Array<[string, string]>>((a, _v, i, arr) => (i === 0 ? [[arr[0]!, arr.slice(1).join('=')]] : a), []));
    const { jar, token } = await openPage('/track', session);
    const res = await post(jar, { _csrf: token, trackingCode: receipt.trackingCode, nationalCode: citizen.nationalCode });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-status="rejected"');
  });

  it('refuses a forged token and another site’s post, tracking nothing', async () => {
    const { jar, token } = await openPage();
    const fields = { trackingCode: receipt.trackingCode, nationalCode: citizen.nationalCode };
    for (const res of [
      await post(jar, { ...fields, _csrf: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` }),
      await post({}, { ...fields, _csrf: token }),
      await post(jar, { ...fields, _csrf: token }, { 'sec-fetch-site': 'cross-site' }),
      await post(jar, { ...fields, _csrf: token }, { origin: 'https://evil.example' }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('data-status=');
    }
    const nul = await post(jar, { ...fields, nationalCode: `${citizen.nationalCode}\u0000`, _csrf: token });
    expect(nul.statusCode).toBe(400);
    expect(nul.body).not.toContain('data-status=');
  });

  it('says when an address has tried too often (429)', async () => {
    const { jar, token } = await openPage();
    const address = nextAddress();
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push(await post(jar, { _csrf: token, trackingCode: receipt.trackingCode, nationalCode: randomNationalCode() }, {}, address));
    expect(answers.slice(0, 10).map((r) => r.statusCode)).toEqual(Array(10).fill(404));
    const [last] = answers.slice(-1);
    expect(last?.statusCode).toBe(429);
    expect(last?.body).toContain('تلاش‌ها بیش از حد مجاز است');
  });
});
