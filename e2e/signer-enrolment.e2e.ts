import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoDataSeeded, must, reportSkipped, staffClient, staffSessionInfo } from './support/api';
import { expectAccessible } from './support/axe';
import { DEMO_SIGNER, ORG_ADMIN } from './support/demo';
import { afterAll } from 'vitest';
import { describe, expect, inject, test } from './support/fixtures';
import { check, expectNoHorizontalOverflow, staffSignsIn, visible } from './support/pages';
import { snap } from './support/screenshots';

/**
 * Issue 10's production signers in the browser: the demo signer requests a CSR on her signing keys
 * page and downloads it (openssl verifies it), uploads a certificate that is not for that key (PEM,
 * then DER) and is told so in Persian, and imports a PKCS#12 file of a self-signed certificate:
 * too large refused before sending, then, after confirming that her active key would be retired,
 * refused by the server as untrusted. axe on the page, and at 390 px. A CSR names its signer by
 * national code, which the demo staff have none of: her agency's administrator records one first.
 */

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('signer-enrolment.e2e.ts', seeded);

const dir = mkdtempSync(join(tmpdir(), 'dargah-enrol-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

/** A valid national code (check digit) no demo person has. */
const SIGNER_NATIONAL_CODE = '1234567891';

/** A self-signed certificate in her national code, its DER form and a PKCS#12 file with its key. */
function strangerFiles() {
  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'k.pem',
    '-out',
    'c.pem',
    '-subj',
    `/CN=Stranger/serialNumber=${SIGNER_NATIONAL_CODE}/C=IR`,
    '-days',
    '2',
  );
  openssl('x509', '-in', 'c.pem', '-outform', 'DER', '-out', 'c.cer');
  openssl('pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', '-out', 's.p12', '-passout', 'pass:p12-secret-pass');
  return {
    pem: readFileSync(join(dir, 'c.pem')),
    der: readFileSync(join(dir, 'c.cer')),
    p12: readFileSync(join(dir, 's.p12')),
  };
}

/** Her agency's administrator records the demo signer's national code (once) through the API. */
async function recordNationalCode(baseURL: string): Promise<void> {
  const signer = await staffSessionInfo(baseURL, DEMO_SIGNER.username, DEMO_SIGNER.password);
  const { api } = await staffClient(baseURL, ORG_ADMIN.username, ORG_ADMIN.password);
  const path = { params: { path: { id: signer.id } } };
  const d = must(await api.GET('/api/v1/admin/staff/{id}', path), 'the signer’s details');
  if (d.nationalCode) return;
  const keep = { email: d.email, mobile: d.mobile, oidcSubject: d.oidcSubject };
  const body = {
    displayName: d.displayName,
    version: d.version,
    nationalCode: SIGNER_NATIONAL_CODE,
    ...Object.fromEntries(Object.entries(keep).filter(([, v]) => v !== null)),
  };
  must(await api.PUT('/api/v1/admin/staff/{id}', { ...path, body }), 'recording her national code');
}

describe.skipIf(!seeded)('a production signer’s CSR, certificate and PKCS#12 in the browser', () => {
  test('CSR downloaded and valid; a stranger’s certificate and PKCS#12 refused in Persian', async ({ openPage }) => {
    const files = strangerFiles();
    await recordNationalCode(inject('baseURL'));
    const page = await openPage('desktop');
    await page.goto('/staff/sign-in');
    await staffSignsIn(page, 'desktop', DEMO_SIGNER, 'enrolling signer');
    await page.goto('/staff/documents/keys');
    await visible(page.getByRole('heading', { level: 1, name: 'کلیدهای امضای من' }));
    const section = page.getByRole('region', { name: 'گواهی از مرکز صدور گواهی' });
    await visible(section);
    await visible(section.getByText('درخواستی در انتظار گواهی ندارید.'));
    await check(page, 'desktop', 'signing keys with enrolment');

    // The CSR: two different PINs first (refused here), then the same twice.
    const csr = section.getByRole('region', { name: 'درخواست گواهی (CSR)' });
    await csr.getByLabel('رمز امضا', { exact: true }).fill('enrol-pin-1');
    await csr.getByLabel('تکرار رمز امضا').fill('enrol-pin-2');
    await csr.getByRole('button', { name: 'ساختن درخواست گواهی' }).click();
    await visible(csr.getByText('دو رمز یکسان نیستند.'));
    await csr.getByLabel('تکرار رمز امضا').fill('enrol-pin-1');
    await csr.getByRole('button', { name: 'ساختن درخواست گواهی' }).click();
    await visible(section.getByText('درخواست گواهی ساخته شد.', { exact: false }));
    const pending = section.getByRole('region', { name: 'درخواست‌های در انتظار گواهی' });
    await visible(pending.getByText(DEMO_SIGNER.name, { exact: false }));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      pending.getByRole('link', { name: 'دریافت فایل CSR' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^dargah-signer-[0-9a-f-]{36}\.csr$/);
    const csrPem = readFileSync(await download.path()).toString('utf8');
    expect(csrPem.startsWith('-----BEGIN CERTIFICATE REQUEST-----')).toBe(true);
    writeFileSync(join(dir, 'mine.csr'), csrPem);
    expect(() => openssl('req', '-verify', '-noout', '-in', 'mine.csr')).not.toThrow();

    // A second CSR while this one waits: the server's Persian refusal.
    await csr.getByLabel('رمز امضا', { exact: true }).fill('enrol-pin-1');
    await csr.getByLabel('تکرار رمز امضا').fill('enrol-pin-1');
    await csr.getByRole('button', { name: 'ساختن درخواست گواهی' }).click();
    await visible(csr.getByText('درخواست گواهی دیگری از شما در این دستگاه در انتظار گواهی است', { exact: false }));

    // A certificate not issued for that key, as PEM then as DER (made PEM in the browser): refused.
    const upload = pending.getByLabel('بارگذاری گواهی صادرشده');
    await pending.getByRole('button', { name: 'بارگذاری گواهی', exact: true }).click();
    await visible(pending.getByText('فایلی برگزینید.'));
    await upload.setInputFiles({ name: 'stranger.pem', mimeType: 'application/x-pem-file', buffer: files.pem });
    await pending.getByRole('button', { name: 'بارگذاری گواهی', exact: true }).click();
    const mismatch = pending.getByText('این گواهی برای کلید این درخواست صادر نشده است.');
    await visible(mismatch);
    await upload.setInputFiles({
      name: 'empty.cer',
      mimeType: 'application/pkix-cert',
      buffer: Buffer.from([0x30, 0x00]),
    });
    await pending.getByRole('button', { name: 'بارگذاری گواهی', exact: true }).click();
    await visible(pending.getByText('گواهی فرستاده‌شده خوانا نیست.'));
    await upload.setInputFiles({ name: 'stranger.cer', mimeType: 'application/pkix-cert', buffer: files.der });
    await pending.getByRole('button', { name: 'بارگذاری گواهی', exact: true }).click();
    await visible(mismatch);
    await expectAccessible(page, 'desktop enrolment certificate refused');
    await snap(page, 'desktop-signer-enrolment-refused-fa');

    // PKCS#12: over 96 KB refused before sending; then a self-signed one, after confirming.
    const p12 = section.getByRole('region', { name: 'وارد کردن فایل PKCS#12' });
    await p12
      .getByLabel('فایل PKCS#12')
      .setInputFiles({ name: 'big.p12', mimeType: 'application/x-pkcs12', buffer: Buffer.alloc(97 * 1024, 1) });
    await p12.getByLabel('گذرواژه فایل').fill('p12-secret-pass');
    await p12.getByLabel('رمز امضای تازه').fill('p12-new-pin');
    await p12.getByLabel('تکرار رمز امضا').fill('p12-new-pin');
    await p12.getByRole('button', { name: 'وارد کردن کلید' }).click();
    await visible(p12.getByText('این فایل ۹۷ کیلوبایت است؛ حداکثر ۹۶ کیلوبایت پذیرفته می‌شود.'));
    expect(await page.getByRole('dialog').count()).toBe(0);

    await p12
      .getByLabel('فایل PKCS#12')
      .setInputFiles({ name: 'stranger.p12', mimeType: 'application/x-pkcs12', buffer: files.p12 });
    await p12.getByRole('button', { name: 'وارد کردن کلید' }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByText('کلید کنونی کنار گذاشته می‌شود', { exact: false }));
    await expectAccessible(page, 'desktop pkcs12 confirm');
    await dialog.getByRole('button', { name: 'کنار گذاشتن کلید کنونی و وارد کردن' }).click();
    await visible(dialog.getByText('گواهی را مرجعی صادر کرده که مورد اعتماد نیست.'));
    await dialog.getByRole('button', { name: 'انصراف' }).click();
    // Her key is still the active one.
    await page.reload();
    await visible(page.locator('[data-key-status="active"]').first());

    // The same page on a 390 px phone.
    const phone = await openPage('phone', { width: 390 });
    await phone.goto('/staff/sign-in');
    await staffSignsIn(phone, 'phone', DEMO_SIGNER, 'enrolling signer phone');
    await phone.goto('/staff/documents/keys');
    await visible(phone.getByRole('link', { name: 'دریافت فایل CSR' }));
    expect(await phone.evaluate(() => document.documentElement.clientWidth)).toBe(390);
    await expectNoHorizontalOverflow(phone, 'phone');
    await check(phone, 'phone', 'signing keys enrolment');
    await snap(phone, 'phone-390-signer-enrolment-fa');
  });
});
