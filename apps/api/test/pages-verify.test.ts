import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDocument, prepareDocument } from '../src/modules/documents';
import { systemActor } from '../src/platform/actor';
import { withTransaction } from '../src/platform/db';
import { sampleLetter } from '../src/platform/pdf/test-support';
import type { TestApp } from './app';
import { buildAgency, buildStaff, nextAddress, signInStaff } from './factories';
import { cookieHeader, cookieJar, hidden, startPagesApp } from './pages-support';

/**
 * The public verification page (issue 10; ADR 0018's server-rendered pages): `/v/<code>` (the QR
 * code's address) and `/v?code=` show the verdict, the agency and each signer; `POST /v` takes the
 * PDF as a multipart upload with the pages' CSRF and origin checks. Abuse: a forged token, another
 * site's post, NUL in the code, an 11 MB file, not a PDF, an encrypted one, no file, concurrent posts.
 */

let t: TestApp;
let close: (() => Promise<void>) | undefined;
let doc: { id: string; code: string };
let signedPdf: Buffer;

beforeAll(async () => {
  ({ t, close } = await startPagesApp());
  const agencyId = (await buildAgency(t, { nameFa: 'اداره کل ثبت اسناد' })).id;
  const { qr: _qr, ...data } = sampleLetter({ paragraphs: ['متن کوتاه نامه برای تصدیق.'] });
  const prepared = await prepareDocument(t.ctx, { kind: 'letter', agencyId, data });
  const issued = await withTransaction(t.ctx.database, (tx) =>
    issueDocument(t.ctx, tx, { actor: systemActor, origin: {}, at: t.clock.now() }, prepared),
  );
  doc = { id: issued.id, code: issued.verificationCode };
  const signer = await signInStaff(
    t,
    (await buildStaff(t, agencyId, ['unit_manager'], { displayName: 'نسرین امینی' })).username,
  );
  const api = (url: string, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: signer.headers,
      payload,
      remoteAddress: nextAddress(),
    });
  expect((await api('/documents/signer-keys', { pin: '192837' })).statusCode).toBe(201);
  expect((await api(`/documents/${doc.id}/sign`, { pin: '192837' })).statusCode).toBe(200);
  const pdf = await t.app.inject({
    method: 'GET',
    url: `/api/v1/documents/${doc.id}/pdf`,
    headers: signer.headers,
    remoteAddress: nextAddress(),
  });
  signedPdf = pdf.rawPayload;
}, 180_000);
afterAll(async () => {
  await close?.();
});

const get = (url: string, cookies: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(cookies) }, remoteAddress: nextAddress() });

/** Opens /v as a browser does: its form token cookie and field. */
async function openPage() {
  const res = await get('/v');
  return { res, jar: cookieJar(res), token: hidden(res.body, '_csrf')! };
}

const BOUNDARY = '----dargahTestBoundary7MA4YWxkTrZu0gW';
function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }): Buffer {
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="pdf"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}
const upload = (
  jar: Record<string, string>,
  fields: Record<string, string>,
  file?: { name: string; type: string; bytes: Buffer },
  headers: Record<string, string> = {},
) =>
  t.app.inject({
    method: 'POST',
    url: '/v',
    headers: {
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      cookie: cookieHeader(jar),
      'sec-fetch-site': 'same-origin',
      ...headers,
    },
    payload: multipart(fields, file),
    remoteAddress: nextAddress(),
  });
const pdfFile = (bytes: Buffer) => ({ name: 'نامه.pdf', type: 'application/pdf', bytes });

describe('the public verification page', () => {
  it('is a whole document with a GET form for the code, a multipart upload form and only its own script file', async () => {
    const { res, token } = await openPage();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toMatch(/^<!doctype html><html lang="fa" dir="rtl">/);
    const forms = res.body.match(/<form [^>]*>/g) ?? [];
    expect(forms.filter((f) => f.includes('action="/v"') && f.includes('method="get"'))).toHaveLength(1);
    expect(
      forms.filter(
        (f) => f.includes('action="/v"') && f.includes('method="post"') && /enctype="multipart\/form-data"/i.test(f),
      ),
    ).toHaveLength(1);
    expect(res.body).toMatch(/<input [^>]*type="file"[^>]*accept="application\/pdf"/);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // One same-origin script file (the camera's QR reading), no inline script: CSP holds.
    expect(res.body.match(/<script[^>]*>/g)).toEqual(['<script src="/scan-qr.js" defer="">']);
    expect(res.body).not.toMatch(/<script[^>]*>[^<]+<\/script>/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.body).toContain('id="qr-scan"');
  });

  it('at the QR code’s address says valid, with the agency, the signer, the issuer and the time in Jalali with Persian digits', async () => {
    const res = await get(`/v/${doc.code}?d=${doc.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-verdict="valid"');
    expect(res.body).toContain('معتبر');
    expect(res.body).toContain('اداره کل ثبت اسناد');
    expect(res.body).toContain('نسرین امینی');
    expect(res.body).toContain('مدیر واحد');
    expect(res.body).toContain('Dargah TEST');
    expect(res.body).toMatch(
      /[۰-۹]{1,2} (فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) [۰-۹]{4}/,
    );
    expect(res.body).toContain('data-status="issued"');
    // Typed by a person: lower case and a dash; the GET form's address.
    const typed = await get(`/v?code=${doc.code.slice(0, 5).toLowerCase()}-${doc.code.slice(5).toLowerCase()}`);
    expect(typed.body).toContain('data-verdict="valid"');
    const en = await get(`/v/${doc.code}`, { dargah_lang: 'en' });
    expect(en.body).toMatch(/<html lang="en" dir="ltr">/);
    expect(en.body).toContain('The signature is valid');
  });

  it('an unknown code is 404 with its coded message; NUL and over-long codes are refused, never a 500', async () => {
    const unknown = await get('/v/ZZZZZZZZZZ');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('سندی با این کد رهگیری پیدا نشد');
    expect(unknown.body).toContain('role="alert"');
    for (const url of ['/v/AB%00CD', '/v?code=AB%00CD', `/v/${'A'.repeat(200)}`, '/v?code=%DB%B1%DB%B2']) {
      const res = await get(url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });

  it('an uploaded signed PDF is valid and recognised; one byte changed is altered', async () => {
    const { jar, token } = await openPage();
    const ok = await upload(jar, { _csrf: token }, pdfFile(signedPdf));
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('data-verdict="valid"');
    expect(ok.body).toContain('نسرین امینی');
    expect(ok.body).toContain(doc.code);
    const changed = Buffer.from(signedPdf);
    const at = changed.indexOf('stream', changed.indexOf('/Length')) + 'stream'.length + 20;
    changed[at] = changed[at]! ^ 0x01;
    const altered = await upload(jar, { _csrf: token }, pdfFile(changed));
    expect(altered.statusCode).toBe(200);
    expect(altered.body).toContain('data-verdict="altered"');
    expect(altered.body).toContain('تغییر کرده است');
  });

  it('refuses a forged or missing token and another site’s post with FORM_REFUSED, verifying nothing', async () => {
    const { jar, token } = await openPage();
    const attempts = await Promise.all([
      upload(jar, { _csrf: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` }, pdfFile(signedPdf)),
      upload(jar, {}, pdfFile(signedPdf)),
      upload({}, { _csrf: token }, pdfFile(signedPdf)),
      upload(jar, { _csrf: token }, pdfFile(signedPdf), { 'sec-fetch-site': 'cross-site' }),
      upload(jar, { _csrf: token }, pdfFile(signedPdf), { origin: 'https://evil.example' }),
    ]);
    for (const res of attempts) {
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('این فرم از صفحه‌ای از همین سامانه فرستاده نشده');
      expect(res.body).not.toContain('data-verdict=');
    }
  });

  it('says why for no file, not a PDF, an encrypted PDF, an 11 MB file, NUL in a field and a urlencoded post', async () => {
    const { jar, token } = await openPage();
    const none = await upload(jar, { _csrf: token });
    expect([none.statusCode, none.body.includes('id="verify-file-error"')]).toEqual([400, true]);
    const empty = await upload(jar, { _csrf: token }, pdfFile(Buffer.alloc(0)));
    expect(empty.statusCode).toBe(400);
    const text = await upload(
      jar,
      { _csrf: token },
      { name: 'x.pdf', type: 'application/pdf', bytes: Buffer.from('not a pdf at all') },
    );
    expect([
      text.statusCode,
      text.body.includes('VERIFY_PDF_MALFORMED') || text.body.includes('PDF خوانا نیست'),
    ]).toEqual([400, true]);
    const encrypted = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer << /Root 1 0 R /Encrypt 2 0 R >>\n%%EOF\n');
    const enc = await upload(jar, { _csrf: token }, pdfFile(encrypted));
    expect([enc.statusCode, enc.body.includes('رمزگذاری شده')]).toEqual([400, true]);
    const big = await upload(
      jar,
      { _csrf: token },
      pdfFile(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(11 * 1024 * 1024, 0x20)])),
    );
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('role="alert"');
    const nul = await upload(jar, { _csrf: `${token}\u0000` }, pdfFile(signedPdf));
    expect(nul.statusCode).toBe(400);
    const form = await t.app.inject({
      method: 'POST',
      url: '/v',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: cookieHeader(jar),
        'sec-fetch-site': 'same-origin',
      },
      payload: `_csrf=${token}`,
      remoteAddress: nextAddress(),
    });
    expect(form.statusCode).toBe(415);
  });

  it('answers concurrent uploads each on its own', async () => {
    const { jar, token } = await openPage();
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => upload(jar, { _csrf: token }, pdfFile(signedPdf))),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200]);
    for (const a of answers) expect(a.body).toContain('data-verdict="valid"');
  });

  it('is limited per address by the API’s own limiter: the page says so with 429', async () => {
    const from = '10.251.7.1';
    const statuses: number[] = [];
    let last = '';
    for (let i = 0; i < 31; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/v/ZZZZZZZZZZ', remoteAddress: from });
      statuses.push(res.statusCode);
      last = res.body;
    }
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect(last).toContain('role="alert"');
  });
});
