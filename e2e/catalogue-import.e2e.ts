import type { Page } from 'playwright-core';
import { demoDataSeeded, reportSkipped } from './support/api';
import type { DeviceName } from './support/browser';
import { MINISTRY_ADMIN } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { check, pathname, staffSignsIn, visible } from './support/pages';
import { snap } from './support/screenshots';

/**
 * Importing service cards from a file, in Persian: the ministry's agency administrator opens the
 * import page, checks a CSV with bad rows (the problems table lists each with its row and column,
 * and no card is created), then checks and imports a good CSV: the drafts are created, linked
 * from the summary and listed among the cards. axe on each state, desktop and phone.
 */

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('catalogue-import.e2e.ts', seeded);

const HEADERS = [
  'عنوان خدمت',
  'شرح خدمت',
  'گیرندگان خدمت',
  'ماهیت خدمت',
  'سطح ارائه',
  'نحوه آغاز',
  'مستندات قانونی',
  'مدارک لازم',
  'استعلام‌ها',
  'نوع متقاضی',
  'سطح اطمینان هویت',
  'هزینه‌ها',
  'تعداد مراجعه حضوری',
  'مجاری اطلاع‌رسانی',
  'مجاری درخواست',
  'مجاری تحویل',
  'نشانی خدمت الکترونیکی',
  'مرحله آغاز',
  'مرحله تولید',
  'مرحله تحویل',
  'مهلت قانونی (روز کاری)',
  'زمان استاندارد (روز کاری)',
  'امکان تمدید مهلت',
  'مسیر رسیدگی به شکایت',
  'سطح بلوغ الکترونیکی',
];

const row = (title: string, o: { nature?: string; norm?: string } = {}) => [
  title,
  'شرح خدمتی که از پرونده وارد می‌شود',
  'شهروندان',
  o.nature ?? 'حاکمیتی',
  'ملی',
  'به درخواست متقاضی',
  'قانون مدیریت خدمات کشوری: ۸',
  'کارت ملی | اجباری',
  'ندارد',
  'حقیقی',
  'متوسط',
  'رایگان',
  '۰',
  'اینترنتی',
  'اینترنتی',
  'پست',
  'https://example.gov.ir/import',
  'ثبت درخواست',
  'بررسی',
  'ارسال',
  '۱۰',
  o.norm ?? '۵',
  'خیر',
  'سامانه ۱۱۱',
  'تراکنشی',
];

const csv = (rows: string[][]) =>
  Buffer.from(
    `\uFEFF${[HEADERS, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`,
    'utf8',
  );

/** The ministry's cards with these titles, through the API as the administrator. */
async function cardsTitled(baseURL: string, titles: string[]): Promise<string[]> {
  const login = await fetch(`${baseURL}/api/v1/auth/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: MINISTRY_ADMIN.username, password: MINISTRY_ADMIN.password }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const found: string[] = [];
  for (let offset = 0; ; offset += 100) {
    const res = await fetch(`${baseURL}/api/v1/catalogue/cards?limit=100&offset=${offset}`, { headers: { cookie } });
    const page = (await res.json()) as Array<{ title: string | null }>;
    found.push(...page.flatMap((c) => (c.title && titles.includes(c.title) ? [c.title] : [])));
    if (page.length < 100) return found;
  }
}

async function choose(page: Page, name: string, body: Buffer) {
  await page.getByLabel('پرونده CSV یا XLSX').setInputFiles({ name, mimeType: 'text/csv', buffer: body });
}

describe.skipIf(!seeded)('card import', () => {
  for (const device of ['desktop', 'phone'] as DeviceName[]) {
    test(`the ministry administrator imports a file: a bad one changes nothing, a good one creates drafts (${device})`, async ({
      openPage,
      baseURL,
    }) => {
      const suffix = `${device} ${Date.now().toString(36)}`;
      const page = await openPage(device);
      await page.goto('/staff/catalogue/import');
      await staffSignsIn(page, device, MINISTRY_ADMIN, 'import', 'ورود شناسنامه‌ها از پرونده');
      expect(pathname(page)).toBe('/staff/catalogue/import');
      await visible(page.getByRole('link', { name: 'دریافت الگوی اکسل (XLSX)' }));
      await visible(page.getByRole('link', { name: 'دریافت الگوی CSV' }));
      await check(page, device, 'import empty fa');

      // Nothing chosen: told at the field.
      await page.getByRole('button', { name: 'بررسی پرونده' }).click();
      await visible(page.getByText('یک پرونده انتخاب کنید.'));

      // A bad file: three problems in two rows, and a row that repeats a title.
      const bad = [
        row(`خدمت درست ${suffix}`),
        row(`خدمت معیوب ${suffix}`, { nature: 'نامعلوم', norm: '۱۲' }),
        row(`خدمت درست ${suffix}`),
      ];
      await choose(page, 'bad.csv', csv(bad));
      await page.getByRole('button', { name: 'بررسی پرونده' }).click();
      await visible(page.getByText('پرونده ۳ ایراد دارد؛ هیچ شناسنامه‌ای ثبت نشد.'));
      const table = page.getByRole('table', { name: /ایرادهای پرونده/ });
      await visible(table);
      const cells = await table
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
        );
      expect(cells.map((c) => [c[0], c[1]])).toEqual([
        ['۳', 'D ماهیت خدمت'],
        ['۳', 'V زمان استاندارد (روز کاری)'],
        ['۴', 'A عنوان خدمت'],
      ]);
      expect(cells[1]![2]).toContain('نُرم');
      // No import offered for a file with problems.
      expect(await page.getByRole('button', { name: 'ورود شناسنامه‌ها' }).count()).toBe(0);
      await check(page, device, 'import problems fa');
      await snap(page, `${device}-catalogue-import-problems-fa`);
      expect(
        await cardsTitled(
          baseURL,
          bad.map((r) => r[0]!),
        ),
      ).toEqual([]);

      // A good file: checked, then imported.
      const good = [row(`صدور گواهی وارداتی ${suffix}`), row(`ثبت درخواست وارداتی ${suffix}`)];
      await choose(page, 'good.csv', csv(good));
      await page.getByRole('button', { name: 'بررسی پرونده' }).click();
      await visible(page.getByText('پرونده بی‌ایراد است: ۲ شناسنامه آماده ورود است.'));
      expect(
        await cardsTitled(
          baseURL,
          good.map((r) => r[0]!),
        ),
      ).toEqual([]);
      await check(page, device, 'import checked fa');
      await page.getByRole('button', { name: 'ورود شناسنامه‌ها' }).click();
      await visible(page.getByText('۲ شناسنامه به صورت پیش‌نویس ثبت شد.'));
      await visible(page.getByRole('link', { name: good[0]![0]! }));
      await visible(page.getByRole('link', { name: good[1]![0]! }));
      await visible(page.getByRole('listitem').filter({ hasText: 'good.csv — ۲ شناسنامه' }).first());
      await check(page, device, 'import done fa');
      await snap(page, `${device}-catalogue-import-done-fa`);
      expect(
        (
          await cardsTitled(
            baseURL,
            good.map((r) => r[0]!),
          )
        ).sort(),
      ).toEqual(good.map((r) => r[0]!).sort());

      // The drafts are among the cards.
      await page.getByRole('link', { name: 'دیدن همه شناسنامه‌ها' }).click();
      await expect.poll(() => pathname(page)).toBe('/staff/catalogue');
      await visible(page.getByRole('link', { name: good[0]![0]!, exact: true }));
      await page.getByRole('link', { name: good[0]![0]!, exact: true }).click();
      await expect.poll(() => pathname(page)).toMatch(/^\/staff\/catalogue\/[0-9a-f-]{36}$/);
    });
  }
});
