import type { Page } from 'playwright-core';
import { demoDataSeeded, reportSkipped } from './support/api';
import { expectAccessible } from './support/axe';
import { newDeviceContext, type DeviceName } from './support/browser';
import type { DemoCitizen } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { readOtp } from './support/outbox';
import { citizenRequestsCode, expectNoHorizontalOverflow, pathname, toPersianDigits, visible } from './support/pages';

/**
 * The public pages with JavaScript switched off in the browser (ADR 0018), on a desktop and a
 * 360 px phone, in Persian: from the home page to the catalogue, a search with a filter (a GET
 * form), a service's information package, its agency's services, and the citizen sign-in through
 * its two posted forms to `/me` with the session cookie; a signed-in citizen asking for the sign-in
 * page again is sent on. axe checks every page. Needs the demo data.
 */

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('no-script.e2e.ts', seeded);

/** Registered in the mobile-ownership simulator by the demo seed (DEMO_REGISTRY_PEOPLE); used by no other journey. */
const CITIZENS = {
  desktop: { nationalCode: '۰۰۱۱۴۰۶۰۱۱', mobileTyped: '۰۹۱۲۰۰۰۶۴۰۴', mobile: '09120006404' },
  phone: { nationalCode: '۰۰۴۱۴۰۶۰۲۸', mobileTyped: '۰۹۳۵۰۰۰۶۴۰۴', mobile: '09350006404' },
} as const satisfies Record<DeviceName, DemoCitizen>;

const TITLE = 'صدور پروانه تأسیس آموزشگاه آزاد فنی و حرفه‌ای';
const results = (page: Page) => page.getByRole('list', { name: 'خدمات پیدا شده' });
const resultTitles = async (page: Page) =>
  (await results(page).getByRole('heading', { level: 3 }).allTextContents()).map((s) => s.trim());

/**
 * axe on the page as the browser shows it, and no sideways scrolling on a phone. axe cannot run in a
 * browser that runs no script (its checks wait on the page's event loop): the same document (its
 * HTML as loaded, with the same stylesheet and font) is checked in a browser that does, at the same
 * address. The pages load no script of their own, so what axe sees is what the reader sees.
 */
async function checkWithoutScript(page: Page, device: DeviceName, label: string): Promise<void> {
  expect(await page.locator('script').count(), `${pathname(page)} has no script`).toBe(0);
  await expectNoHorizontalOverflow(page, device);
  const html = await page.content();
  const url = page.url();
  const context = await newDeviceContext(page.context().browser()!, device);
  try {
    const copy = await context.newPage();
    await copy.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await copy.goto(url);
    await copy.evaluate(() => document.fonts.ready);
    await expectAccessible(copy, `${device} ${label} (no script)`);
  } finally {
    await context.close();
  }
}

describe.skipIf(!seeded)('the public pages without JavaScript', () => {
  for (const device of ['desktop', 'phone'] as const) {
    test(`search with a filter, a package, an agency, and a citizen's sign-in to /me (${device})`, async ({
      openPage,
      baseURL,
    }) => {
      const page = await openPage(device, { javaScript: false });
      await page.goto('/');
      await checkWithoutScript(page, device, 'home');

      // The header's links are there on a phone too: no menu button that would need a script.
      await page.getByRole('navigation', { name: 'ناوبری اصلی' }).getByRole('link', { name: 'فهرست خدمات', exact: true }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'فهرست خدمات دولت' }));
      expect(pathname(page)).toBe('/catalogue');
      await visible(results(page));
      const all = await resultTitles(page);
      expect(all.length).toBeGreaterThanOrEqual(10);
      await checkWithoutScript(page, device, 'catalogue');

      // A word and a filter, sent by the GET form: both in the URL, the results narrowed.
      await page.getByRole('searchbox', { name: 'نام خدمت، دستگاه یا واژهٔ کلیدی' }).fill('آموزشگاه');
      const recipients = page.getByRole('combobox', { name: 'گیرندگان خدمت' });
      if (device === 'phone') {
        // Folded in a disclosure on a phone; the browser opens it without a script.
        expect(await recipients.isVisible()).toBe(false);
        await page.locator('summary').filter({ hasText: 'پالایش نتایج' }).click();
      }
      await recipients.selectOption('G2B');
      await page.getByRole('button', { name: 'اعمال پالایه‌ها' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('recipients')).toBe('G2B');
      expect(new URL(page.url()).searchParams.get('q')).toBe('آموزشگاه');
      await visible(page.getByRole('heading', { level: 2, name: 'نتایج جست‌وجوی «آموزشگاه»' }));
      const found = await resultTitles(page);
      expect(found).toContain(TITLE);
      expect(found.length).toBeLessThan(all.length);
      expect(await recipients.inputValue()).toBe('G2B');
      await checkWithoutScript(page, device, 'catalogue filtered');

      // The information package.
      await results(page).getByRole('link', { name: TITLE, exact: true }).click();
      await visible(page.getByRole('heading', { level: 1, name: TITLE }));
      expect(pathname(page)).toMatch(/^\/catalogue\/\d{11}$/);
      await visible(page.getByRole('region', { name: 'هزینه‌ها' }).getByText('۵۰٬۰۰۰٬۰۰۰ ریال'));
      await checkWithoutScript(page, device, 'package');

      // The agency's services.
      await page.getByRole('link', { name: 'همهٔ خدمات این دستگاه' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'سازمان آموزش فنی و حرفه‌ای کشور' }));
      expect(pathname(page)).toMatch(/^\/catalogue\/agencies\//);
      await visible(page.getByRole('region', { name: /^خدمات الکترونیکی/ }).getByRole('link', { name: TITLE, exact: true }));
      await checkWithoutScript(page, device, 'agency');

      // The citizen sign-in: two forms posted to the server, then the browser is sent to /me.
      const citizen = CITIZENS[device];
      await page.goto('/me/sign-in?returnTo=%2Fme');
      expect(await page.locator('script').count()).toBe(0);
      const since = await citizenRequestsCode(page, device, citizen, checkWithoutScript);
      expect(pathname(page)).toBe('/me/sign-in');
      expect(await page.locator('script').count()).toBe(0);
      expect((await page.context().cookies()).some((c) => c.name === 'dargah_session')).toBe(false);

      const code = await readOtp(baseURL, citizen.mobile, { since });
      await page.getByRole('textbox', { name: 'کد ۶ رقمی' }).fill(toPersianDigits(code));
      // `page.waitForResponse` sees the 303 itself, before the browser follows it.
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/me/sign-in'),
        page.getByRole('button', { name: 'ورود', exact: true }).click(),
      ]);
      expect(answer.status()).toBe(303);
      expect(answer.headers().location).toBe('/me');
      await expect.poll(() => pathname(page)).toBe('/me');
      // The signed-in area is the single-page app, which this browser does not run: nothing rendered.
      expect(await page.locator('#root').innerHTML()).toBe('');
      const session = (await page.context().cookies()).find((c) => c.name === 'dargah_session');
      expect(session?.httpOnly).toBe(true);

      // Signed in, the sign-in page sends the citizen on to where it was asked from.
      const again = await page.goto('/me/sign-in?returnTo=%2Fme%2Frequests');
      expect(again?.request().redirectedFrom()?.url()).toMatch(/\/me\/sign-in\?returnTo=%2Fme%2Frequests$/);
      expect(pathname(page)).toBe('/me/requests');
    });
  }
});
