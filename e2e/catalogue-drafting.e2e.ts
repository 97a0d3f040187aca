import type { Locator, Page } from 'playwright-core';
import { demoDataSeeded, reportSkipped, staffSessionInfo } from './support/api';
import { DEMO_PASSWORD, type DemoStaff } from './support/demo';
import type { DeviceName } from './support/browser';
import { describe, expect, inject, test } from './support/fixtures';
import { check, pathname, staffSignsIn, visible } from './support/pages';
import { snap } from './support/screenshots';

/**
 * Drafting service identity cards (شناسنامه خدمت), in Persian: the ministry's agency administrator
 * opens the card list from the staff workspace, starts a card, saves an incomplete draft (a norm
 * above the legal deadline is refused at its field), tries to send it for review (every missing
 * field is listed at the top and marked at its control), completes it and sends it: the ministry
 * has no parent, so it goes to central review, and the list shows it so. The organisation's
 * administrator does the same on a phone: the card goes to its parent (the ministry) for review.
 * axe on the list and the editor (desktop, and the editor on a phone).
 */

const ADMIN_MINISTRY: DemoStaff = { username: 'admin.ministry', password: DEMO_PASSWORD };
const ADMIN_ORG: DemoStaff = { username: 'admin.org', password: DEMO_PASSWORD };
const CENTRAL_REVIEWER: DemoStaff = { username: 'reviewer.central', password: DEMO_PASSWORD };

/** The laws register must hold a law with articles: the demo seed has some; otherwise register one. */
async function ensureLaw(baseURL: string): Promise<void> {
  const laws = (await (await fetch(`${baseURL}/api/v1/catalogue/laws`)).json()) as Array<{ articles: unknown[] }>;
  if (laws.some((l) => l.articles.length > 0)) return;
  const login = await fetch(`${baseURL}/api/v1/auth/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: CENTRAL_REVIEWER.username, password: CENTRAL_REVIEWER.password }),
  });
  const session = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const created = await fetch(`${baseURL}/api/v1/catalogue/laws`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': session.csrfToken },
    body: JSON.stringify({
      title: 'قانون مدیریت خدمات کشوری',
      kind: 'law',
      approvingBody: 'مجلس شورای اسلامی',
      approvedOn: '1386/07/08',
      articles: [{ number: '8', text: 'وظایف دولت در امور حاکمیتی.' }],
    }),
  });
  expect(created.status, await created.text()).toBe(201);
}

const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
/** A group by its legend; a mandatory group of checkboxes also says so in words. */
const group = (scope: Page | Locator, name: string) =>
  scope.getByRole('group', {
    name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\(برای فرستادن لازم است\\))?$`),
  });

/** The control's own error line (aria-describedby) says `message`. */
async function expectFieldError(control: Locator, message: string | RegExp): Promise<void> {
  await expect.poll(() => control.getAttribute('aria-invalid')).toBe('true');
  const errorId = ((await control.getAttribute('aria-describedby')) ?? '')
    .split(' ')
    .find((id) => id.endsWith('-error'));
  expect(errorId, 'the control names its error with aria-describedby').toBeTruthy();
  const text = await control.page().locator(`[id="${errorId}"]`).innerText();
  if (typeof message === 'string') expect(text).toContain(message);
  else expect(text).toMatch(message);
}

async function openEditorForNewCard(page: Page, device: DeviceName, agencyName: string, title: string) {
  await page.getByRole('link', { name: 'شناسنامهٔ تازه' }).first().click();
  await visible(page.getByRole('heading', { level: 1, name: 'شناسنامهٔ خدمت تازه' }));
  expect(pathname(page)).toBe('/staff/catalogue/new');
  // The administrator works in several agencies (their sub-agencies too): the card names one.
  const agency = page.getByRole('combobox', { name: 'دستگاه ارائه‌دهنده' });
  await agency.selectOption({ label: agencyName });
  await page.getByRole('textbox', { name: 'عنوان خدمت', exact: true }).fill(title);
  // What submission needs is marked (a legend says what «*» means); the English title is optional.
  await visible(page.getByText('بخش‌های دارای * برای فرستادن شناسنامه به بررسی لازم‌اند', { exact: false }));
  expect(await page.getByRole('textbox', { name: 'عنوان خدمت', exact: true }).getAttribute('aria-required')).toBe('true');
  expect(await page.getByRole('textbox', { name: 'عنوان انگلیسی خدمت' }).getAttribute('aria-required')).toBeNull();
  await visible(page.getByRole('group', { name: 'گیرندگان خدمت (برای فرستادن لازم است)' }));
  await check(page, device, 'card editor new');
}

/** Fills every section a card needs to be sent for review; the norm as given. */
async function completeCard(page: Page, normDays: string) {
  await page
    .getByRole('textbox', { name: 'شرح خدمت', exact: true })
    .fill('صدور گواهی‌نامهٔ مهارت برای کارآموزانی که آزمون را گذرانده‌اند.');
  const kind = section(page, 'گیرندگان و نوع خدمت');
  await group(kind, 'گیرندگان خدمت').getByRole('checkbox', { name: 'شهروندان (G2C)' }).check();
  await group(kind, 'ماهیت خدمت').getByRole('radio', { name: 'حمایتی' }).check();
  await group(kind, 'سطح ارائه').getByRole('radio', { name: 'ملی' }).check();
  await group(kind, 'نحوهٔ آغاز خدمت').getByRole('radio', { name: 'به درخواست متقاضی' }).check();

  const legal = section(page, 'مبنای قانونی');
  await legal.getByRole('button', { name: 'افزودن مادهٔ قانونی' }).click();
  const ref = group(legal, 'مادهٔ قانونی ۱');
  // The add button moved focus into the new row.
  await expect
    .poll(() => ref.getByRole('combobox', { name: 'قانون یا مقرره' }).evaluate((el) => el === document.activeElement))
    .toBe(true);
  await ref.getByRole('combobox', { name: 'قانون یا مقرره' }).selectOption({ index: 1 });
  const article = ref.getByRole('combobox', { name: 'ماده' });
  await expect.poll(() => article.isEnabled()).toBe(true);
  await article.selectOption({ index: 1 });

  await section(page, 'مدارک لازم').getByRole('radio', { name: 'خیر، مدرکی لازم نیست' }).check();
  await section(page, 'استعلام‌ها').getByRole('radio', { name: 'خیر، استعلامی ندارد' }).check();
  const identity = section(page, 'احراز هویت');
  await identity.getByRole('checkbox', { name: 'شخص حقیقی' }).check();
  await identity.getByRole('radio', { name: 'متوسط' }).check();
  await section(page, 'هزینه‌ها').getByRole('radio', { name: 'خیر، رایگان است' }).check();
  await page.getByRole('textbox', { name: 'تعداد مراجعهٔ حضوری' }).fill('۰');

  const channels = section(page, 'مجاری ارائه');
  for (const stage of ['مجاری اطلاع‌رسانی', 'مجاری درخواست', 'مجاری تحویل'])
    await group(channels, stage).getByRole('checkbox', { name: 'پیشخوان' }).check();

  const process = section(page, 'فرایند و زمان');
  for (const stage of ['مرحلهٔ آغاز (دریافت درخواست)', 'مرحلهٔ تولید (رسیدگی)', 'مرحلهٔ تحویل'])
    await group(process, stage).getByRole('textbox', { name: 'شرح کارهای این مرحله' }).fill(`کارهای ${stage}`);
  await process.getByRole('textbox', { name: 'مهلت قانونی (روز کاری)' }).fill('۱۰');
  await process.getByRole('textbox', { name: 'زمان استاندارد ارائه (روز کاری)' }).fill(normDays);
  await group(process, 'آیا تمدید مهلت مجاز است؟').getByRole('radio', { name: 'خیر' }).check();

  await page.getByRole('textbox', { name: 'مسیر رسیدگی به شکایت' }).fill('سامانهٔ ۱۱۱ و دفتر بازرسی دستگاه');
  const maturity = section(page, 'بلوغ الکترونیکی');
  await maturity.getByRole('radio', { name: 'غیرالکترونیکی' }).check();
  // A Jalali date typed with Persian digits.
  await maturity.getByRole('textbox', { name: 'تاریخ برنامه‌ریزی‌شدهٔ الکترونیکی شدن' }).fill('۱۴۰۵/۰۶/۳۱');
  await maturity.getByRole('textbox', { name: 'علت الکترونیکی نبودن تاکنون' }).fill('زیرساخت پرداخت هنوز آماده نیست.');
}

async function submitCard(page: Page) {
  await page.getByRole('button', { name: 'ارسال برای بررسی' }).click();
  const dialog = page.getByRole('dialog', { name: 'ارسال شناسنامه برای بررسی' });
  await visible(dialog);
  await dialog.getByRole('button', { name: 'بله، ارسال شود' }).click();
}

async function listShows(page: Page, title: string, status: string) {
  await visible(page.getByRole('heading', { level: 1, name: 'شناسنامه‌های خدمت' }));
  expect(pathname(page)).toBe('/staff/catalogue');
  const notice = page.getByRole('status').filter({ hasText: 'شناسنامه برای بررسی فرستاده شد' });
  await visible(notice);
  await visible(notice.getByText(status, { exact: false }));
  const item = page.getByRole('list', { name: 'فهرست شناسنامه‌ها' }).getByRole('listitem').filter({ hasText: title });
  await visible(item);
  await visible(item.getByText(status, { exact: true }));
}

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('catalogue-drafting.e2e.ts', seeded);

describe.skipIf(!seeded)('drafting service identity cards', () => {
  test('the ministry’s administrator drafts a card and sends it to central review', async ({ openPage, baseURL }) => {
    await ensureLaw(baseURL);
    const me = await staffSessionInfo(baseURL, ADMIN_MINISTRY.username, ADMIN_MINISTRY.password);
    const ministry = me.agency!.name;
    const title = `صدور گواهی مهارت آزمایشی ${Date.now().toString(36)}`;

    const page = await openPage('desktop');
    await page.goto('/staff');
    await staffSignsIn(page, 'desktop', ADMIN_MINISTRY, 'card admin');
    await page.getByRole('main').getByRole('link', { name: 'شناسنامه‌های خدمت' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'شناسنامه‌های خدمت' }));
    await visible(
      page
        .getByRole('list', { name: 'فهرست شناسنامه‌ها' })
        .or(page.getByRole('heading', { name: 'هنوز شناسنامه‌ای نیست' })),
    );
    // Links to the other pages of the system, by role: an agency administrator reviews sub-agencies' cards and imports.
    await visible(page.getByRole('link', { name: 'کارتابل بررسی شناسنامه‌ها' }));
    await visible(page.getByRole('link', { name: 'ورود گروهی شناسنامه‌ها از پرونده' }));
    await check(page, 'desktop', 'card list');
    await snap(page, 'desktop-catalogue-cards-fa');

    await openEditorForNewCard(page, 'desktop', ministry, title);
    // The in-page index leads to each section.
    const index = page.getByRole('navigation', { name: 'بخش‌های شناسنامه' });
    await index.getByRole('link', { name: 'فرایند و زمان' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('فرایند و زمان');

    // A norm above the legal deadline: the browser hints, the server refuses it at its field.
    const process = section(page, 'فرایند و زمان');
    await process.getByRole('textbox', { name: 'مهلت قانونی (روز کاری)' }).fill('۵');
    const norm = process.getByRole('textbox', { name: 'زمان استاندارد ارائه (روز کاری)' });
    await norm.fill('۱۰');
    await visible(process.getByText('زمان استاندارد نباید از مهلت قانونی بیشتر باشد.'));
    await page.getByRole('button', { name: 'ذخیرهٔ پیش‌نویس' }).click();
    const summary = page.getByRole('alert').filter({ has: page.locator('.error-summary__list') });
    await visible(summary);
    await expectFieldError(norm, 'نباید از مهلت قانونی بیشتر باشد');
    await summary.getByRole('link', { name: /زمان استاندارد ارائه/ }).click();
    await expect.poll(() => norm.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(pathname(page)).toBe('/staff/catalogue/new');

    // Within the deadline: the incomplete draft is saved.
    await norm.fill('۳');
    await page.getByRole('button', { name: 'ذخیرهٔ پیش‌نویس' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'ویرایش شناسنامهٔ خدمت' }));
    expect(pathname(page)).toMatch(/^\/staff\/catalogue\/[0-9a-f-]{36}\/edit$/);
    await visible(page.getByRole('status').filter({ hasText: 'پیش‌نویس ذخیره شد.' }));
    await expect.poll(() => page.getByRole('textbox', { name: 'عنوان خدمت', exact: true }).inputValue()).toBe(title);
    await expect
      .poll(() => page.getByRole('textbox', { name: 'زمان استاندارد ارائه (روز کاری)' }).inputValue())
      .toBe('۳');

    // Someone else saves the card meanwhile: this save is refused, and what was typed stays.
    const cardId = pathname(page).split('/')[3]!;
    const session = (await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
    const current = (await (await page.request.get(`/api/v1/catalogue/cards/${cardId}`)).json()) as {
      version: number;
      content: unknown;
    };
    const other = await page.request.put(`/api/v1/catalogue/cards/${cardId}`, {
      data: { version: current.version, content: current.content },
      headers: { 'x-csrf-token': session.csrfToken },
    });
    expect(other.status()).toBe(200);
    const description = page.getByRole('textbox', { name: 'شرح خدمت', exact: true });
    await description.fill('متنی که نباید گم شود');
    await page.getByRole('button', { name: 'ذخیرهٔ پیش‌نویس' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'کس دیگری این شناسنامه را تغییر داده است' });
    await visible(conflict);
    expect(await description.inputValue()).toBe('متنی که نباید گم شود');
    await conflict.getByRole('button', { name: 'بارگیری دوبارهٔ شناسنامه' }).click();
    const reload = page.getByRole('dialog', { name: 'بارگیری دوبارهٔ شناسنامه' });
    await reload.getByRole('button', { name: 'بارگیری دوبارهٔ شناسنامه' }).click();
    await expect.poll(() => description.inputValue()).toBe('');
    await expect.poll(() => conflict.count()).toBe(0);

    // Sending it for review now lists every missing field, each at its control.
    await submitCard(page);
    const incomplete = page.getByRole('alert').filter({ hasText: 'شناسنامه هنوز کامل نیست' });
    await visible(incomplete);
    await expect.poll(() => incomplete.getByRole('listitem').count()).toBeGreaterThan(10);
    await expectFieldError(description, 'این فیلد الزامی است');
    const documents = group(section(page, 'مدارک لازم'), 'آیا خدمت به مدرک نیاز دارد؟');
    await visible(documents.locator('.field__error'));
    await incomplete.getByRole('link', { name: /^شرح خدمت:/ }).click();
    await expect.poll(() => description.evaluate((el) => el === document.activeElement)).toBe(true);
    await check(page, 'desktop', 'card editor incomplete');
    await snap(page, 'desktop-catalogue-card-incomplete-fa');

    // Complete, but with the norm above the deadline: still refused at the norm.
    await completeCard(page, '۱۲');
    await submitCard(page);
    const normNow = page.getByRole('textbox', { name: 'زمان استاندارد ارائه (روز کاری)' });
    await expectFieldError(normNow, 'نباید از مهلت قانونی بیشتر باشد');
    expect(pathname(page)).toMatch(/\/edit$/);

    // Within the deadline: sent, and with no parent agency it goes to central review.
    await normNow.fill('۷');
    await submitCard(page);
    await listShows(page, title, 'در بررسی مرکزی');
    await check(page, 'desktop', 'card list submitted');
  });

  test('the organisation’s administrator, on a phone, sends a card to its parent for review', async ({
    openPage,
    baseURL,
  }) => {
    await ensureLaw(baseURL);
    const me = await staffSessionInfo(baseURL, ADMIN_ORG.username, ADMIN_ORG.password);
    const organisation = me.agency!.name;
    const title = `تمدید گواهی مهارت آزمایشی ${Date.now().toString(36)}`;

    const page = await openPage('phone');
    await page.goto('/staff/catalogue');
    await staffSignsIn(page, 'phone', ADMIN_ORG, 'card org admin', 'شناسنامه‌های خدمت');
    await check(page, 'phone', 'card list');
    await openEditorForNewCard(page, 'phone', organisation, title);
    await page.getByRole('button', { name: 'ذخیرهٔ پیش‌نویس' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'ویرایش شناسنامهٔ خدمت' }));

    // A repeated row: an empty one goes without a question; one with text asks first.
    const basics = section(page, 'عنوان و خدمات جزء');
    await basics.getByRole('button', { name: 'افزودن خدمت جزء' }).click();
    await basics.getByRole('button', { name: 'حذف خدمت جزء ۱' }).click();
    await expect.poll(() => group(basics, 'خدمت جزء ۱').count()).toBe(0);
    await basics.getByRole('button', { name: 'افزودن خدمت جزء' }).click();
    await group(basics, 'خدمت جزء ۱').getByRole('textbox', { name: 'عنوان خدمت جزء' }).fill('صدور المثنی');
    await basics.getByRole('button', { name: 'حذف خدمت جزء ۱' }).click();
    const confirm = page.getByRole('dialog', { name: 'حذف خدمت جزء ۱' });
    await visible(confirm);
    await confirm.getByRole('button', { name: 'انصراف' }).click();
    await expect.poll(() => group(basics, 'خدمت جزء ۱').count()).toBe(1);

    await completeCard(page, '۵');
    await check(page, 'phone', 'card editor complete');
    await snap(page, 'phone-catalogue-card-editor-fa');
    await submitCard(page);
    await listShows(page, title, 'در بررسی دستگاه مادر');
    await check(page, 'phone', 'card list submitted');
  });
});
