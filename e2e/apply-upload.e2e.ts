import { readFileSync } from 'node:fs';
import { apiOf, demoDataSeeded, must, reportSkipped, servicesOf, staffSessionInfo } from './support/api';
import { DESK_CLERK, type DemoCitizen } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { check, citizenSignsIn, visible } from './support/pages';
import { snap } from './support/screenshots';
import { fillServiceForm, SAMPLE_PDF } from './support/service-form';

/**
 * Documents uploaded with a request and the server draft (issue 11 items 2 and 13), on a 390 px
 * phone with axe: the apply page asks for each document the service's card makes mandatory; a file
 * that is not a PDF, JPEG or PNG by its content and one over 5 MB are refused in Persian; a real
 * PDF uploads with its progress shown; the draft saves by itself and, after a reload, resumes with
 * the answer typed and the document uploaded; the submission gives the receipt with the document
 * listed, and the receipt PDF downloads.
 */

/** This file's citizen (in the mobile registry simulator's seed). */
const CITIZEN = { nationalCode: '۰۰۴۰۰۴۰۰۱۱', mobileTyped: '۰۹۳۵۰۰۴۰۴۰۴', mobile: '09350040404' } as const satisfies DemoCitizen;
const WIDTH = 390;
const TYPED = 'متن پیش‌نویس که باید پس از بارگذاری دوباره بماند';

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('apply-upload.e2e.ts', seeded);

describe.skipIf(!seeded)('applying with documents on a phone', () => {
  test('uploads with progress, refuses a fake and an oversized file, resumes the draft after a reload, and submits with the document', async ({ openPage, baseURL }) => {
    const clerk = await staffSessionInfo(baseURL, DESK_CLERK.username, DESK_CLERK.password);
    const api = apiOf(baseURL);
    const open = (await servicesOf(baseURL, clerk.agency!.id)).filter((s) => s.availability === 'open');
    let service: (typeof open)[number] | undefined;
    let document: { index: number; title: string; mandatory: boolean } | undefined;
    for (const s of open) {
      const docs = must(await api.GET('/api/v1/services/{id}/documents', { params: { path: { id: s.id } } }), 'documents');
      document = docs.items.find((d) => d.mandatory);
      const text = Object.entries((s.formSchema.properties ?? {}) as Record<string, { type?: unknown }>).find(([, p]) => p.type === 'string');
      if (document && text) {
        service = s;
        break;
      }
    }
    expect(service, `${clerk.agency!.name} has an open service asking for a document`).toBeDefined();
    const [textField, textProp] = Object.entries(service!.formSchema.properties as Record<string, { type?: unknown; title?: string }>).find(([, p]) => p.type === 'string')!;

    const page = await openPage('phone', { width: WIDTH });
    await page.goto('/me');
    await citizenSignsIn(page, 'phone', baseURL, CITIZEN);
    await page.goto(`/me/services/${service!.id}/apply`);
    await visible(page.getByRole('heading', { level: 1, name: service!.title, exact: true }));
    const documents = page.getByRole('region', { name: 'مدارک درخواست' });
    await visible(documents);
    const item = documents.getByRole('listitem').filter({ hasText: document!.title }).first();

    // 1. Submitting without the document says so at it, and sends nothing.
    await page.getByRole('button', { name: 'ثبت درخواست' }).click();
    await visible(item.getByText(`مدرک «${document!.title}» را بارگذاری کنید.`));
    expect(page.url()).toContain('/apply');
    await check(page, 'phone', 'apply missing document');

    // 2. A text file named and declared as a PDF is refused by its content; one over 5 MB before sending.
    const input = item.locator('input[type=file]');
    await input.setInputFiles({ name: 'جعلی.pdf', mimeType: 'application/pdf', buffer: Buffer.from('این یک پرونده متنی است و PDF نیست.') });
    await visible(item.getByText('این فایل PDF، JPEG یا PNG نیست', { exact: false }));
    await input.setInputFiles({ name: 'بزرگ.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([SAMPLE_PDF, Buffer.alloc(5 * 1024 * 1024)]) });
    await visible(item.getByText('حجم این فایل بیش از ۵ مگابایت است', { exact: false }));
    await check(page, 'phone', 'apply upload refused');

    // 3. A real PDF of ~3 MB on a slowed upload: the progress bar shows, then «بارگذاری شد».
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
    await input.setInputFiles({ name: 'کارت ملی.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([SAMPLE_PDF, Buffer.alloc(3 * 1024 * 1024, 0x20)]) });
    const progress = item.locator('progress');
    await visible(progress);
    await check(page, 'phone', 'apply upload in progress');
    await snap(page, 'phone-apply-upload-progress');
    await visible(item.getByText(/^بارگذاری شد: کارت ملی\.pdf/));
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    // 4. The draft saves by itself; after a reload it resumes with the answer and the document.
    await page.getByRole('textbox', { name: new RegExp(textProp.title ?? textField) }).first().fill(TYPED);
    await visible(page.getByText(/^پیش‌نویس ذخیره شد/));
    await page.reload();
    await visible(page.getByRole('heading', { level: 1, name: service!.title, exact: true }));
    await visible(page.getByText(/پیش‌نویسی که .* ذخیره کرده بودید باز شد/));
    expect(await page.getByRole('textbox', { name: new RegExp(textProp.title ?? textField) }).first().inputValue()).toBe(TYPED);
    await visible(page.getByRole('region', { name: 'مدارک درخواست' }).getByText(/^بارگذاری شد: کارت ملی\.pdf/));
    await check(page, 'phone', 'apply draft resumed');
    await snap(page, 'phone-apply-draft-resumed');

    // 5. Submitted: the receipt, with the document listed and downloadable.
    await fillServiceForm(page, service!.formSchema, CITIZEN);
    await page.getByRole('textbox', { name: new RegExp(textProp.title ?? textField) }).first().fill(TYPED);
    await page.getByRole('button', { name: 'ثبت درخواست' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'رسید درخواست' }));
    const submitted = page.getByRole('region', { name: 'مدارک ارسال‌شده' });
    await visible(submitted.getByRole('link', { name: /کارت ملی\.pdf/ }));
    await check(page, 'phone', 'receipt with documents');
    await snap(page, 'phone-receipt-documents');

    // 6. The receipt PDF downloads.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'دریافت رسید (PDF)' }).click()]);
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The draft went with the submission: the apply page starts afresh.
    await page.goto(`/me/services/${service!.id}/apply`);
    await visible(page.getByRole('heading', { level: 1, name: service!.title, exact: true }));
    expect(await page.getByText(/پیش‌نویسی که .* ذخیره کرده بودید باز شد/).count()).toBe(0);
  });
});
