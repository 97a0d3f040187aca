import { readFileSync } from 'node:fs';
import { demoDataSeeded, reportSkipped } from './support/api';
import { expectAccessible } from './support/axe';
import { DEMO_SIGNER } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { check, expectNoHorizontalOverflow, pathname, staffSignsIn, visible } from './support/pages';
import { snap } from './support/screenshots';

/**
 * Issue 10's «done when»: the demo signer signs a document in the browser with her PIN (a wrong PIN
 * first: the count shows); then, on a 390 px phone, the public page at the document's QR address
 * says «valid» with her name, and the signed PDF, downloaded from her page with one byte changed and
 * uploaded on the public page, is «altered». axe checks every page. Needs the demo data.
 */

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('documents.e2e.ts', seeded);

const TITLE = 'پاسخ به استعلام اعتبار گواهی‌نامه مهارت';

describe.skipIf(!seeded)('signing in the browser and the public verification', () => {
  test('the demo signer signs with her PIN; a phone verifies it valid, and altered after one byte changes', async ({
    openPage,
  }) => {
    const page = await openPage('desktop');
    await page.goto('/staff/sign-in');
    await staffSignsIn(page, 'desktop', DEMO_SIGNER, 'signer');

    // From the staff home's section to the documents waiting for her signature.
    await page.getByRole('link', { name: 'اسناد در انتظار امضا' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'اسناد در انتظار امضای من' }));
    const list = page.getByRole('list', { name: 'اسناد در انتظار امضای من' });
    await visible(list);
    expect(await list.getByRole('listitem').count()).toBe(3);
    await check(page, 'desktop', 'documents to sign');

    await list.getByRole('link', { name: TITLE }).click();
    await visible(page.getByRole('heading', { level: 1, name: TITLE }));
    const documentId = pathname(page).split('/').at(-1)!;
    expect(documentId).toMatch(/^[0-9a-f-]{36}$/);
    await visible(page.getByText('هنوز کسی این سند را امضا نکرده است.'));
    await check(page, 'desktop', 'document');

    // A wrong PIN first: refused, counted, and the tries left said.
    await page.getByRole('button', { name: 'امضای سند' }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog);
    await visible(dialog.getByText('امضا پس از ثبت پس گرفته نمی‌شود', { exact: false }));
    await dialog.getByLabel('رمز امضا').fill('000000');
    await dialog.getByRole('button', { name: 'امضا می‌کنم' }).click();
    await visible(dialog.getByText('رمز امضا نادرست است.'));
    await visible(dialog.getByTestId('attempts-left'));
    expect(await dialog.getByTestId('attempts-left').textContent()).toContain('۴ بار دیگر');
    await expectAccessible(page, 'desktop sign dialog wrong PIN');
    // The right PIN: signed, her signature listed.
    await dialog.getByLabel('رمز امضا').fill(DEMO_SIGNER.pin);
    await dialog.getByRole('button', { name: 'امضا می‌کنم' }).click();
    await visible(page.getByText('سند امضا شد.'));
    await visible(page.getByText('شما این سند را امضا کرده‌اید.'));
    const signatures = page.getByRole('region', { name: 'امضاها' });
    await visible(signatures.getByText(DEMO_SIGNER.name));
    await visible(signatures.getByText('امضای شما'));
    await check(page, 'desktop', 'document signed');
    await snap(page, 'desktop-document-signed-fa');
    const code = (await page.locator('dd[dir="ltr"]').first().textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{10}$/);

    // The signed PDF, downloaded through the page's link.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'بارگیری PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`dargah-letter-${code}.pdf`);
    const signedPdf = readFileSync(await download.path());
    expect(signedPdf.subarray(0, 5).toString()).toBe('%PDF-');

    // Her keys: the certificate and its state.
    await page.goto('/staff/documents/keys');
    await visible(page.getByRole('heading', { level: 1, name: 'کلیدهای امضای من' }));
    await visible(page.getByText('Dargah TEST', { exact: false }).first());
    await check(page, 'desktop', 'signing keys');

    // A phone opens the QR code's address (its camera app does): valid, with the signer.
    const phone = await openPage('phone', { width: 390 });
    await phone.goto(`/v/${code}?d=${documentId}`);
    await visible(phone.getByRole('heading', { level: 1, name: 'تصدیق سند' }));
    const result = phone.locator('[data-verdict]').first();
    expect(await result.getAttribute('data-verdict')).toBe('valid');
    await visible(phone.getByText('معتبر', { exact: true }).first());
    await visible(phone.getByText(DEMO_SIGNER.name).first());
    await visible(phone.getByText('سازمان آموزش فنی و حرفه‌ای کشور').first());
    expect(await phone.evaluate(() => document.documentElement.clientWidth)).toBe(390);
    await expectNoHorizontalOverflow(phone, 'phone');
    await expectAccessible(phone, 'phone verification valid');
    await snap(phone, 'phone-390-verify-valid-fa');

    // The same PDF with one byte changed, uploaded on the public page: altered.
    const changed = Buffer.from(signedPdf);
    const at = changed.indexOf('stream', changed.indexOf('/Length')) + 'stream'.length + 20;
    changed[at] = changed[at]! ^ 0x01;
    await phone
      .getByLabel('پرونده PDF سند')
      .setInputFiles({ name: 'altered.pdf', mimeType: 'application/pdf', buffer: changed });
    await phone.getByRole('button', { name: 'فرستادن و بررسی' }).click();
    await visible(phone.getByText('تغییر یافته', { exact: true }).first());
    expect(await phone.locator('[data-verdict]').first().getAttribute('data-verdict')).toBe('altered');
    await expectNoHorizontalOverflow(phone, 'phone');
    await expectAccessible(phone, 'phone verification altered');
    await snap(phone, 'phone-390-verify-altered-fa');
  });
});
