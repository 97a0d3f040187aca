import type { Locator, Page } from 'playwright-core';
import { expectAccessible } from './support/axe';
import type { DeviceName } from './support/browser';
import { describe, expect, test } from './support/fixtures';
import { snap } from './support/screenshots';

/**
 * The web shell in Persian and English, on a desktop and a 360 px phone: layout direction,
 * navigation to the areas (each asks a visitor to sign in first; administration is not linked for
 * visitors), the 404 page, accessibility (axe, WCAG 2.2 AA) on every page visited, and a screenshot
 * of each page in e2e/output/. The deployment's readiness is for operators: it is on their staff
 * home (e2e/role-homes.e2e.ts), not on the public portal.
 */

/** Each signed-in area sends a visitor who is not signed in to its sign-in page (and back afterwards). */
const AREAS = [
  {
    key: 'me',
    path: '/me',
    link: 'میز شهروند',
    heading: 'ورود شهروندان',
    signIn: '/me/sign-in',
    shows: 'دریافت کد ورود',
  },
  {
    key: 'staff',
    path: '/staff',
    link: 'میز کار کارکنان',
    heading: 'ورود کارکنان',
    signIn: '/staff/sign-in',
    shows: 'ورود',
  },
] as const;

const visible = (locator: Locator, timeout?: number) =>
  locator.waitFor({ state: 'visible', ...(timeout ? { timeout } : {}) });

const htmlAttr = (page: Page, name: string) => page.locator('html').getAttribute(name);

/** Requests to any origin but the app's own: the shell must load nothing from a CDN. */
function watchForeignRequests(page: Page, baseURL: string): string[] {
  const origin = new URL(baseURL).origin;
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) foreign.push(url);
  });
  return foreign;
}

function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'page is wider than the viewport').toBeLessThanOrEqual(0);
}

/** A page the server rendered (ADR 0018): it loads no script. */
const serverRendered = async (page: Page) => (await page.locator('script').count()) === 0;

/**
 * Follows a link of the main navigation. On a phone the single-page app folds it behind the menu
 * button (opened first, `aria-expanded`); a server-rendered page has no such button (it would need a
 * script): its links are there in a row.
 */
async function navigateVia(page: Page, device: DeviceName, linkName: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'ناوبری اصلی' });
  const menu = page.getByRole('button', { name: 'منو' });
  if (device === 'phone' && (await serverRendered(page))) {
    expect(await menu.count(), 'no menu button on a server-rendered page').toBe(0);
  } else if (device === 'phone') {
    await visible(menu);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('true');
  }
  await nav.getByRole('link', { name: linkName, exact: true }).click();
}

for (const device of ['desktop', 'phone'] as const) {
  describe(`web shell on ${device}`, () => {
    test('the Persian portal is right-to-left, self-hosts its font and leaves the system status to operators', async ({
      openPage,
      baseURL,
    }) => {
      const page = await openPage(device);
      const foreign = watchForeignRequests(page, baseURL);
      const errors = watchPageErrors(page);
      await page.goto('/');

      await visible(page.getByRole('heading', { level: 1, name: 'درگاه' }));
      expect(await htmlAttr(page, 'lang')).toBe('fa');
      expect(await htmlAttr(page, 'dir')).toBe('rtl');
      expect(await page.title()).toBe('درگاه');
      await visible(page.getByRole('main'));
      await visible(page.getByRole('contentinfo'));

      // The database and simulator panel is for operators (their staff home), not for citizens.
      await visible(page.getByRole('heading', { level: 2, name: 'بخش‌های درگاه' }));
      expect(await page.getByRole('region', { name: 'وضعیت سامانه' }).count()).toBe(0);

      await page.evaluate(() => document.fonts.ready);
      const fontLoaded = await page.evaluate(() =>
        [...document.fonts].some(
          // `Vazirmatn Static` on the server-rendered pages (the same file, `font-display: optional`; ADR 0018).
          (face) => /^Vazirmatn( Static)?$/.test(face.family.replace(/["']/g, '')) && face.status === 'loaded',
        ),
      );
      expect(fontLoaded, 'Vazirmatn is loaded from the app itself').toBe(true);
      expect(foreign, 'requests to other origins').toEqual([]);
      expect(errors, 'uncaught page errors').toEqual([]);
      if (device === 'phone') await expectNoHorizontalOverflow(page);

      await expectAccessible(page, `${device} home fa`);
      await snap(page, `${device}-home-fa`);
    });

    test('the main navigation reaches every area, each asking a visitor to sign in first', async ({ openPage }) => {
      const page = await openPage(device);
      await page.goto('/');
      await visible(page.getByRole('heading', { level: 1, name: 'درگاه' }));
      expect(await serverRendered(page)).toBe(true);
      if (device === 'phone') {
        // The home page is rendered by the server: its navigation is there without a menu button.
        await visible(page.getByRole('navigation', { name: 'ناوبری اصلی' }).getByRole('link', { name: 'میز شهروند' }));
        expect(await page.getByRole('button', { name: 'منو' }).count()).toBe(0);
        await expectNoHorizontalOverflow(page);
      }

      // Administration is not even linked for someone without an administrator role.
      expect(await page.locator('#primary-nav').getByRole('link', { name: 'مدیریت سامانه' }).count()).toBe(0);

      for (const area of AREAS) {
        // From a server-rendered page every link is a full page load: the area's guard sends the
        // visitor on to its sign-in page (the citizen's is server-rendered too, the staff's is the app's).
        await navigateVia(page, device, area.link);
        await visible(page.getByRole('heading', { level: 1, name: area.heading }));
        await expect.poll(() => new URL(page.url()).pathname).toBe(area.signIn);
        expect(new URL(page.url()).searchParams.get('returnTo')).toBe(area.path);
        await visible(page.getByRole('button', { name: area.shows, exact: true }));
        // The current page is marked in the navigation (folded away on a phone, so not by role).
        expect(await page.locator('#primary-nav [aria-current="page"]').textContent()).toBe(area.link);
        expect(await page.title()).toBe(`${area.heading} | درگاه`);
        if (device === 'phone') await expectNoHorizontalOverflow(page);
        await expectAccessible(page, `${device} ${area.key} sign-in fa`);
        await snap(page, `${device}-${area.key}-sign-in-fa`);
      }

      // The staff sign-in is the single-page app's: on a phone its navigation folds behind the menu.
      expect(await serverRendered(page)).toBe(false);
      if (device === 'phone') {
        await page.getByRole('button', { name: 'منو' }).click();
        await visible(page.getByRole('navigation', { name: 'ناوبری اصلی' }).getByRole('link', { name: 'میز شهروند' }));
        await expectAccessible(page, `${device} menu open fa`);
        await snap(page, `${device}-menu-open-fa`);
        await page.keyboard.press('Escape');
        await expect.poll(() => page.getByRole('button', { name: 'منو' }).getAttribute('aria-expanded')).toBe('false');
      }

      // A client-side navigation inside the app (from the staff's password reset to the staff area,
      // whose guard asks a sign-in) moves the focus to the new content.
      await page.goto('/staff/reset-password');
      await visible(page.getByRole('heading', { level: 1 }));
      expect(await serverRendered(page)).toBe(false);
      await navigateVia(page, device, 'میز کار کارکنان');
      await visible(page.getByRole('heading', { level: 1, name: 'ورود کارکنان' }));
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
      if (device === 'phone') {
        // The menu closes on navigation.
        await expect.poll(() => page.getByRole('button', { name: 'منو' }).getAttribute('aria-expanded')).toBe('false');
      }

      await navigateVia(page, device, 'صفحهٔ اصلی');
      await visible(page.getByRole('heading', { level: 1, name: 'درگاه' }));
    });

    test('the administration area asks for a staff sign-in', async ({ openPage }) => {
      const page = await openPage(device);
      await page.goto('/admin');
      await visible(page.getByRole('heading', { level: 1, name: 'ورود کارکنان' }));
      expect(new URL(page.url()).pathname).toBe('/staff/sign-in');
      expect(new URL(page.url()).searchParams.get('returnTo')).toBe('/admin');
      await expectAccessible(page, `${device} admin sign-in fa`);
    });

    test('switching to English turns the page left-to-right and is remembered', async ({ openPage }) => {
      const page = await openPage(device);
      await page.goto('/staff');
      await visible(page.getByRole('heading', { level: 1, name: 'ورود کارکنان' }));

      await page.getByRole('button', { name: 'English' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Staff sign-in' }));
      await expect.poll(() => htmlAttr(page, 'dir')).toBe('ltr');
      expect(await htmlAttr(page, 'lang')).toBe('en');
      await visible(page.getByRole('textbox', { name: 'Username' }));

      await page.reload();
      await visible(page.getByRole('heading', { level: 1, name: 'Staff sign-in' }));
      expect(await htmlAttr(page, 'dir')).toBe('ltr');

      await navigateToHomeInEnglish(page, device);
      await visible(page.getByRole('heading', { level: 2, name: 'Areas of Dargah' }));
      if (device === 'phone') await expectNoHorizontalOverflow(page);
      await expectAccessible(page, `${device} home en`);
      await snap(page, `${device}-home-en`);

      // The home page is rendered by the server: its switch is a link (`/language`), no script needed.
      await page.getByRole('link', { name: 'فارسی' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'درگاه' }));
      await expect.poll(() => htmlAttr(page, 'dir')).toBe('rtl');
      expect(new URL(page.url()).pathname).toBe('/');
      // Remembered by the app too (the same cookie): the staff sign-in is Persian again.
      await page.goto('/staff/sign-in');
      await visible(page.getByRole('heading', { level: 1, name: 'ورود کارکنان' }));
    });

    test('an unknown address shows the 404 page', async ({ openPage }) => {
      const page = await openPage(device);
      await page.goto('/no-such-page');
      await visible(page.getByRole('heading', { level: 1, name: 'صفحه پیدا نشد' }));
      await visible(page.getByText('/no-such-page', { exact: false }));
      expect(await htmlAttr(page, 'dir')).toBe('rtl');
      await expectAccessible(page, `${device} not found fa`);
      await snap(page, `${device}-not-found-fa`);

      await page.getByRole('link', { name: 'رفتن به صفحهٔ اصلی' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'درگاه' }));
    });
  });
}

async function navigateToHomeInEnglish(page: Page, device: DeviceName): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  if (device === 'phone') await page.getByRole('button', { name: 'Menu' }).click();
  await nav.getByRole('link', { name: 'Home', exact: true }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'Dargah' }));
}

describe('keyboard', () => {
  test('the skip link is the first stop and moves focus to the main content', async ({ openPage }) => {
    const page = await openPage('desktop');
    await page.goto('/');
    await visible(page.getByRole('heading', { level: 1, name: 'درگاه' }));
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'پرش به محتوای اصلی' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await snap(page, 'desktop-skip-link-fa');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
  });
});

describe('a first visit', () => {
  test('the public pages say nothing in the console: no CSP violation (zod runs jitless), no 401 from the session check', async ({
    openPage,
    baseURL,
  }) => {
    const services = (await (await fetch(`${baseURL}/api/v1/catalogue/services`)).json()) as {
      items: { serviceId: string }[];
    };
    const serviceId = services.items[0]?.serviceId;
    expect(serviceId, 'a demo service').toBeTruthy();
    for (const path of ['/', '/catalogue', `/catalogue/${serviceId}`, '/me/sign-in']) {
      const page = await openPage('phone');
      const said: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          said.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => said.push(`page error: ${error.message}`));
      await page.addInitScript(() => {
        const w = window as unknown as { violations: string[] };
        w.violations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          w.violations.push(`${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      await page.goto(path, { waitUntil: 'networkidle' });
      await visible(page.getByRole('heading', { level: 1 }));
      expect(
        await page.evaluate(() => (window as unknown as { violations: string[] }).violations),
        `CSP violations on ${path}`,
      ).toEqual([]);
      expect(said, `console on ${path}`).toEqual([]);
    }
  });
});
