import type { Page } from 'playwright-core';
import { demoDataSeeded, reportSkipped } from './support/api';
import type { DeviceName } from './support/browser';
import { describe, expect, inject, test } from './support/fixtures';
import { check, pathname, visible } from './support/pages';
import { snap } from './support/screenshots';

/**
 * The public service catalogue, in Persian on a desktop and a 360 px phone: from the header link
 * to a search typed with Arabic ي/ك and without ZWNJ, a filter kept in the URL, a service's
 * information package and how it prints, the agency's electronic and not-yet-electronic services,
 * and the not-found pages. Needs the demo data (the seeded catalogue services).
 */

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('catalogue-public.e2e.ts', seeded);

const SEARCH_BOX = 'نام خدمت، دستگاه یا واژهٔ کلیدی';

/**
 * Opens the catalogue from the main navigation. The home page is rendered by the server (ADR 0018):
 * on a phone too its links are in a row, with no menu button (which would need a script).
 */
async function openCatalogueFromHeader(page: Page, device: DeviceName): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'ناوبری اصلی' });
  if (device === 'phone') expect(await page.getByRole('button', { name: 'منو' }).count()).toBe(0);
  await nav.getByRole('link', { name: 'فهرست خدمات', exact: true }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'فهرست خدمات دولت' }));
  expect(pathname(page)).toBe('/catalogue');
}

const results = (page: Page) => page.getByRole('list', { name: 'خدمات پیدا شده' });
const resultTitles = async (page: Page) =>
  (await results(page).getByRole('heading', { level: 3 }).allTextContents()).map((s) => s.trim());

/** Opens the filters on a phone, where they fold into a disclosure (`<details>`) «پالایش نتایج». */
async function showFilters(page: Page, device: DeviceName): Promise<void> {
  if (device !== 'phone') return;
  const details = page.locator('details').filter({ has: page.locator('summary', { hasText: 'پالایش نتایج' }) });
  if (!(await details.evaluate((el) => (el as HTMLDetailsElement).open))) await details.locator('summary').click();
  await expect.poll(() => details.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
}

/** Chooses a filter and applies it: the selects join the search form (a GET form, no script). */
async function applyFilter(page: Page, name: string, value: string): Promise<void> {
  await page.getByRole('combobox', { name }).selectOption(value);
  await page.getByRole('button', { name: 'اعمال پالایه‌ها' }).click();
}

describe.skipIf(!seeded)('public catalogue', () => {
  for (const device of ['desktop', 'phone'] as const) {
    test(`search, a filter in the URL, the information package, printing and the agency page (${device})`, async ({
      openPage,
    }) => {
      const page = await openPage(device);
      await page.goto('/');
      await openCatalogueFromHeader(page, device);
      await visible(results(page));
      const all = await resultTitles(page);
      expect(all.length).toBeGreaterThanOrEqual(10);
      if (device === 'phone') {
        // Folded on a phone until asked for.
        expect(await page.getByRole('combobox', { name: 'گیرندگان خدمت' }).isVisible()).toBe(false);
      }
      await check(page, device, 'catalogue search fa');

      // Typed with Arabic ي and ك and without the ZWNJ of «ثبت‌نام»: the API normalises, the page shows the query back.
      const typed = 'ثبتنام بيمه بيكاري';
      await page.getByRole('searchbox', { name: SEARCH_BOX }).fill(typed);
      await page.getByRole('button', { name: 'جست‌وجو', exact: true }).click();
      await visible(page.getByRole('heading', { level: 2, name: `نتایج جست‌وجوی «${typed}»` }));
      await visible(results(page).getByRole('link', { name: 'ثبت‌نام بیمه بیکاری', exact: true }));
      expect(new URL(page.url()).searchParams.get('q')).toBe(typed);
      await visible(page.getByRole('status').filter({ hasText: 'خدمت' }));
      await check(page, device, 'catalogue search result fa');

      // Nothing found: an empty state with a hint.
      await page.getByRole('searchbox', { name: SEARCH_BOX }).fill('هواپیمای فضایی زیردریایی');
      await page.getByRole('button', { name: 'جست‌وجو', exact: true }).click();
      await visible(page.getByRole('heading', { name: 'خدمتی پیدا نشد' }));
      await visible(page.getByText('پالایه‌ها را بردارید', { exact: false }));

      // A filter narrows the results and is kept in the URL, also after a reload.
      await page.goto('/catalogue');
      await visible(results(page));
      await showFilters(page, device);
      await applyFilter(page, 'گیرندگان خدمت', 'G2B');
      await expect.poll(() => new URL(page.url()).searchParams.get('recipients')).toBe('G2B');
      await expect.poll(async () => (await resultTitles(page)).length).toBeLessThan(all.length);
      const business = await resultTitles(page);
      expect(business).toContain('صدور پروانه تأسیس آموزشگاه آزاد فنی و حرفه‌ای');
      expect(business).not.toContain('ثبت‌نام بیمه بیکاری');
      await page.reload();
      await visible(results(page));
      await showFilters(page, device);
      expect(await page.getByRole('combobox', { name: 'گیرندگان خدمت' }).inputValue()).toBe('G2B');
      expect(await resultTitles(page)).toEqual(business);
      await check(page, device, 'catalogue filtered fa');
      if (device === 'desktop') await snap(page, 'desktop-catalogue-filtered-fa');

      // The information package.
      const title = 'صدور پروانه تأسیس آموزشگاه آزاد فنی و حرفه‌ای';
      await results(page).getByRole('link', { name: title, exact: true }).click();
      await visible(page.getByRole('heading', { level: 1, name: title }));
      expect(pathname(page)).toMatch(/^\/catalogue\/\d{11}$/);
      const documents = page.getByRole('region', { name: 'مدارک لازم' });
      await visible(documents.getByText('از طریق استعلام — لازم نیست ارائه کنید', { exact: false }));
      const fees = page.getByRole('region', { name: 'هزینه‌ها' });
      await visible(fees.getByText('۵۰٬۰۰۰٬۰۰۰ ریال'));
      await visible(
        page
          .getByRole('region', { name: 'مبنای قانونی' })
          .getByText('قانون بهبود مستمر محیط کسب‌وکار، مادهٔ ۷', { exact: true }),
      );
      await visible(page.getByRole('region', { name: 'زمان' }).getByText('۲۵ روز کاری'));
      await visible(page.getByRole('region', { name: 'نحوهٔ درخواست' }).getByText('https://mojavez.ir'));
      // The service id in Persian digits, and the approval date in the Jalali calendar.
      const summary = page.getByRole('region', { name: 'شناسنامهٔ خدمت' });
      expect(await summary.locator('.cp-service-id').textContent()).toMatch(/^[۰-۹]{11}$/);
      expect(await summary.textContent()).toMatch(
        /(فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) ۱۴۰[۰-۹]/,
      );
      await check(page, device, 'catalogue package fa');
      if (device === 'desktop') await snap(page, 'desktop-catalogue-package-fa');

      // On paper: no header, navigation or buttons, black on white, the sheet title and source. (The
      // page has no print button: it would need a script; the browser's own print prints it so.)
      expect(await page.getByRole('button', { name: 'چاپ', exact: true }).count()).toBe(0);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.site-header').isVisible()).toBe(false);
      expect(await page.getByRole('navigation', { name: 'ناوبری اصلی' }).isVisible()).toBe(false);
      expect(await page.getByRole('navigation', { name: 'مسیر صفحه' }).isVisible()).toBe(false);
      expect(await page.locator('.site-footer').isVisible()).toBe(false);
      await visible(page.getByText('برگهٔ اطلاعات خدمت', { exact: true }));
      await visible(page.getByRole('heading', { level: 1, name: title }));
      expect(
        await page.getByRole('heading', { level: 1, name: title }).evaluate((el) => getComputedStyle(el).color),
      ).toBe('rgb(0, 0, 0)');
      if (device === 'desktop') await snap(page, 'desktop-catalogue-package-print-fa');
      await page.emulateMedia({ media: 'screen' });
      await visible(page.locator('.site-header'));

      // The agency's services: electronic and not yet electronic, with the planned date.
      await page.getByRole('link', { name: 'همهٔ خدمات این دستگاه' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'سازمان آموزش فنی و حرفه‌ای کشور' }));
      const electronic = page.getByRole('region', { name: /^خدمات الکترونیکی/ });
      await visible(electronic.getByRole('link', { name: title, exact: true }));
      const notYet = page.getByRole('region', { name: /^خدمات هنوز الکترونیکی‌نشده/ });
      const planned = notYet.getByRole('listitem').filter({ hasText: 'تأیید صلاحیت مربیان آموزشگاه‌های آزاد' });
      await visible(planned);
      await visible(planned.getByText(/^الکترونیکی شدن تا [۰-۹]+ [^ ]+ [۰-۹]{4}$/));
      expect(await electronic.getByRole('link', { name: 'تأیید صلاحیت مربیان آموزشگاه‌های آزاد' }).count()).toBe(0);
      await check(page, device, 'catalogue agency fa');
      if (device === 'desktop') await snap(page, 'desktop-catalogue-agency-fa');
    });
  }

  test('a service delivered on the desk links to applying there; one without a desk service does not', async ({
    openPage,
    baseURL,
  }) => {
    const desk = (await (await fetch(`${baseURL}/api/v1/services?limit=100`)).json()) as {
      items: Array<{ id: string; catalogueServiceId?: string | null; availability: string }>;
    };
    // One that takes requests (see catalogue-desk.e2e.ts for those that do not).
    const linked = desk.items.find((d) => d.catalogueServiceId && d.availability === 'open');
    expect(linked, 'the demo links a desk service to a catalogue service').toBeDefined();
    const page = await openPage('desktop');
    await page.goto(`/catalogue/${linked!.catalogueServiceId!}`);
    const apply = page.getByRole('link', { name: 'درخواست در میز خدمت درگاه' });
    await visible(apply);
    expect(await apply.getAttribute('href')).toBe(`/me/services/${linked!.id}/apply`);
    await check(page, 'desktop', 'catalogue package with desk fa');

    const linkedIds = new Set(desk.items.map((d) => d.catalogueServiceId).filter(Boolean));
    const all = (await (await fetch(`${baseURL}/api/v1/catalogue/services?limit=100`)).json()) as {
      items: Array<{ serviceId: string }>;
    };
    const unlinked = all.items.find((i) => !linkedIds.has(i.serviceId))!;
    await page.goto(`/catalogue/${unlinked.serviceId}`);
    // Rendered by the server with the desk services it asked for: nothing comes later.
    await visible(page.getByRole('heading', { level: 1 }));
    expect(await page.getByRole('link', { name: 'درخواست در میز خدمت درگاه' }).count()).toBe(0);
  });

  test('an unknown service id or agency shows a proper not-found page', async ({ openPage }) => {
    const page = await openPage('desktop');
    await page.goto('/catalogue/00000000000');
    await visible(page.getByRole('heading', { level: 1, name: 'خدمت پیدا نشد' }));
    await visible(page.getByText('«۰۰۰۰۰۰۰۰۰۰۰»', { exact: false }));
    await visible(page.getByRole('link', { name: 'بازگشت به فهرست خدمات' }));
    await check(page, 'desktop', 'catalogue service not found fa');
    await page.goto('/catalogue/not-a-service');
    await visible(page.getByRole('heading', { level: 1, name: 'خدمت پیدا نشد' }));
    await page.goto('/catalogue/agencies/00000000-0000-4000-8000-000000000000');
    await visible(page.getByRole('heading', { level: 1, name: 'دستگاه پیدا نشد' }));
    await check(page, 'desktop', 'catalogue agency not found fa');
    await page.getByRole('link', { name: 'بازگشت به فهرست خدمات' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'فهرست خدمات دولت' }));
  });
});
