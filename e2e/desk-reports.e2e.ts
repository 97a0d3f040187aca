import { readFileSync } from 'node:fs';
import { demoDataSeeded, reportSkipped } from './support/api';
import { MINISTRY_ADMIN } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { check, pathname, staffSignsIn, visible } from './support/pages';

/**
 * The desk reports (issue 11 item 11), in Persian: the ministry's administrator finds them among
 * the staff home's tools, filters the year by headquarters against operational units, and
 * downloads the CSV. The demo data has no decided requests, so the report shows its figures (all
 * zero) and the empty state. Desktop and phone, with axe.
 */

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('desk-reports.e2e.ts', seeded);

describe.skipIf(!seeded)('desk reports', () => {
  test('an agency administrator opens, filters and downloads the desk report', async ({ openPage }) => {
    const page = await openPage('desktop');
    await page.goto('/staff');
    await staffSignsIn(page, 'desktop', MINISTRY_ADMIN, 'desk reports');
    await page.getByRole('link', { name: /گزارش‌های میز خدمت/ }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'گزارش‌های میز خدمت' }));
    expect(pathname(page)).toBe('/staff/desk-reports');
    // The year in Persian digits; the figures and the empty state of a year without requests.
    await visible(page.getByRole('heading', { level: 2, name: /^سال [۰-۹]{4}$/ }));
    await visible(page.getByRole('heading', { name: 'جدول گزارش میز خدمت به تفکیک ماه' }));
    await visible(page.getByText('در این سال درخواستی با این فیلترها نیست.').or(page.getByRole('img', { name: /به تفکیک ماه/ })));
    await check(page, 'desktop', 'desk reports fa');

    await page.getByRole('combobox', { name: 'تفکیک بر پایهٔ' }).selectOption('officeKind');
    await page.getByRole('button', { name: 'نمایش گزارش' }).click();
    await visible(page.getByRole('heading', { name: 'جدول گزارش میز خدمت به تفکیک ستاد در برابر صف' }));
    await check(page, 'desktop', 'desk reports by office kind fa');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'دریافت CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^desk-report-\d{4}-officeKind\.csv$/);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').split('\r\n')[0]).toBe(
      '\uFEFFنوع واحد,پذیرفته,پاسخ‌داده,پاسخ پس از موعد,در انتظار,گذشته از موعد,میانگین روز کاری,میانه روز کاری,صدک ۹۰ روز کاری,میانگین روز تقویمی,میانه روز تقویمی,صدک ۹۰ روز تقویمی',
    );

    const phone = await openPage('phone');
    await phone.goto('/staff/desk-reports');
    await staffSignsIn(phone, 'phone', MINISTRY_ADMIN, 'desk reports phone', 'گزارش‌های میز خدمت');
    await visible(phone.getByRole('heading', { level: 2, name: /^سال [۰-۹]{4}$/ }));
    await check(phone, 'phone', 'desk reports fa');
  });
});
