import { readFileSync } from 'node:fs';
import { demoDataSeeded, reportSkipped } from './support/api';
import { CENTRAL_REVIEWER, PROVINCIAL_ROWS_WITHOUT_ID } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { check, pathname, staffSignsIn, visible } from './support/pages';
import { snap } from './support/screenshots';

/**
 * The discrepancy reports, in Persian: the central reviewer opens them, filters the period to
 * include last year's provincial report, sees the chart and the tables, downloads the CSV, and
 * dismisses one of the provincial rows without an id after confirming. Desktop and phone, with axe.
 */

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('catalogue-reports.e2e.ts', seeded);

/** This Jalali year, from the browser-independent Intl Persian calendar. */
const jalaliYear = Number(
  new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { year: 'numeric', timeZone: 'Asia/Tehran' })
    .format(new Date())
    .replace(/\D/g, ''),
);
const toPersian = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

describe.skipIf(!seeded)('catalogue discrepancy reports', () => {
  test('the central reviewer filters, sees chart and tables, downloads CSV and resolves a provincial row', async ({
    openPage,
  }) => {
    const page = await openPage('desktop');
    await page.goto('/staff/catalogue/reports');
    await staffSignsIn(page, 'desktop', CENTRAL_REVIEWER, 'reports', 'گزارش‌های مغایرت خدمات');
    expect(pathname(page)).toBe('/staff/catalogue/reports');
    const withoutId = page.getByRole('region', { name: /^ارائه‌شده بدون شناسه مصوب \(/ });
    await visible(withoutId);
    await check(page, 'desktop', 'reports fa');

    // Last year's provincial report falls in the period from the start of last year.
    await page.getByRole('textbox', { name: 'از تاریخ' }).fill(toPersian(`${jalaliYear - 1}/01/01`));
    await page.getByRole('button', { name: 'نمایش گزارش' }).click();
    await visible(
      page.getByRole('heading', { name: `بازه: ۱ فروردین ${toPersian(String(jalaliYear - 1))}`, exact: false }),
    );
    const table = withoutId.getByRole('table').last();
    for (const title of PROVINCIAL_ROWS_WITHOUT_ID) await visible(table.getByRole('cell', { name: new RegExp(title) }));
    const chart = withoutId.getByRole('img', { name: 'ارائه‌شده بدون شناسه مصوب به تفکیک دستگاه' });
    await visible(chart);
    await visible(
      withoutId
        .getByRole('table', { name: /به تفکیک دستگاه/ })
        .getByRole('rowheader', { name: 'اداره کل آموزش فنی و حرفه‌ای استان تهران' }),
    );
    await check(page, 'desktop', 'reports filtered fa');
    await snap(page, 'desktop-catalogue-reports-fa');

    // The CSV: UTF-8 with a byte-order mark, Persian headers, the provincial rows.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'دریافت CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^discrepancies-\d{8}-\d{8}\.csv$/);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    expect(csv.split('\r\n')[0]).toContain('عنوان خدمت');
    for (const title of PROVINCIAL_ROWS_WITHOUT_ID) expect(csv).toContain(title);

    // The review list: dismiss one row, after the confirmation dialog.
    const review = page.getByRole('region', { name: 'بررسی ردیف‌های بدون شناسه' });
    const row = review.getByRole('listitem').filter({ hasText: PROVINCIAL_ROWS_WITHOUT_ID[1] });
    await row.getByRole('button', { name: 'رد کردن' }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`رد کردن «${PROVINCIAL_ROWS_WITHOUT_ID[1]}»`) });
    await visible(dialog);
    // Without a reason the server refuses and the dialog says why.
    await dialog.getByRole('button', { name: 'تأیید' }).click();
    await visible(dialog.getByRole('alert'));
    await dialog.getByRole('textbox', { name: 'دلیل رد' }).fill('این خدمت جزو خدمت آموزش کوتاه‌مدت است');
    await check(page, 'desktop', 'reports dismiss dialog fa');
    await dialog.getByRole('button', { name: 'تأیید' }).click();
    await visible(review.getByRole('status').getByText(`ردیف «${PROVINCIAL_ROWS_WITHOUT_ID[1]}» بررسی شد.`));
    await expect
      .poll(() => review.getByRole('listitem').filter({ hasText: PROVINCIAL_ROWS_WITHOUT_ID[1] }).count())
      .toBe(0);
    // The dismissed row leaves the report; the other stays.
    await expect
      .poll(() => table.getByRole('cell', { name: new RegExp(PROVINCIAL_ROWS_WITHOUT_ID[1]) }).count())
      .toBe(0);
    await visible(table.getByRole('cell', { name: new RegExp(PROVINCIAL_ROWS_WITHOUT_ID[0]) }));
    await check(page, 'desktop', 'reports after review fa');

    // On a phone: no sideways scrolling, accessible.
    const phone = await openPage('phone');
    await phone.goto('/staff/catalogue/reports');
    await staffSignsIn(phone, 'phone', CENTRAL_REVIEWER, 'reports phone', 'گزارش‌های مغایرت خدمات');
    await visible(phone.getByRole('region', { name: /^مصوب ولی ارائه‌نشده \(/ }));
    await check(phone, 'phone', 'reports fa');
  });
});
