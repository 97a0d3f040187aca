import type { Page, Response } from 'playwright-core';
import { demoDataSeeded, reportSkipped } from './support/api';
import type { DeviceName } from './support/browser';
import {
  AUDITOR,
  CENTRAL_REVIEWER,
  DEMO_PASSWORD,
  DESK_CLERK,
  HOME_CITIZENS,
  MINISTRY_ADMIN,
  MINISTRY_EXPERT,
  PLATFORM_ADMIN,
  PROVINCIAL_ADMIN,
  PROVINCIAL_EVALUATOR,
  PROVINCIAL_MANAGER,
  REPRESENTATIVE,
  SECRETARIAT,
  type DemoCitizen,
  type DemoStaff,
} from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { check, citizenSignsIn, pathname, staffSignsIn, visible } from './support/pages';
import { snap } from './support/screenshots';

/*
 * Every role lands on a home that works (issue 8 §2), in Persian, on a desktop (at 1366 × 768,
 * where the signed-in header must stay on one row) and on a phone: signed in through the pages,
 * the home shows the role's sections and no error or refusal, the navigation links only what the
 * person may open and every link shown opens without a refusal, axe finds nothing serious, and
 * the home is saved as `e2e/output/home-<role>-<device>.png`. The auditor also filters the audit
 * log by action and opens an entry; people who may act for someone find that choice in the phone
 * menu.
 */

const NAV = { home: 'صفحهٔ اصلی', catalogue: 'فهرست خدمات', me: 'میز شهروند', staff: 'میز کار کارکنان', admin: 'مدیریت سامانه' };
const SECTION = {
  cartable: 'کارتابل',
  cards: 'شناسنامه‌های خدمت',
  review: 'صف بررسی شناسنامه‌ها',
  delivery: 'ردیف‌های بی‌شناسهٔ گزارش‌های استانی',
  audit: 'ردپای حسابرسی',
  chain: 'زنجیره‌های ردپای حسابرسی',
  system: 'وضعیت سامانه',
  admin: 'مدیریت سامانه',
  tools: 'ابزارهای سامانهٔ مدیریت خدمات',
  documents: 'اسناد و امضا',
  feedback: 'نظر متقاضیان',
  callCentre: 'مرکز تماس',
} as const;
type Section = keyof typeof SECTION;

interface Role {
  key: string;
  sign: { staff: DemoStaff } | { citizen: (device: DeviceName) => DemoCitizen };
  nav: Array<keyof typeof NAV>;
  sections: Section[];
  /** The act-for choice's label, for people who may act for someone. */
  actFor?: string;
  /** The home says plainly that nothing is open yet. */
  nothingYet?: boolean;
}

const staffNav: Role['nav'] = ['home', 'catalogue', 'staff'];
const ROLES: Role[] = [
  { key: 'citizen', sign: { citizen: (d) => HOME_CITIZENS[d] }, nav: ['home', 'catalogue', 'me'], sections: [] },
  {
    key: 'company-representative',
    sign: { citizen: () => REPRESENTATIVE },
    nav: ['home', 'catalogue', 'me'],
    sections: [],
    actFor: 'اقدام به نام',
  },
  { key: 'desk-clerk', sign: { staff: DESK_CLERK }, nav: staffNav, sections: ['cartable', 'documents'] },
  // Every staff member may sign their agencies' documents: the secretariat's home is that section.
  { key: 'secretariat', sign: { staff: SECRETARIAT }, nav: staffNav, sections: ['documents'] },
  { key: 'catalogue-expert', sign: { staff: MINISTRY_EXPERT }, nav: staffNav, sections: ['cartable', 'cards', 'documents'] },
  {
    key: 'agency-admin',
    sign: { staff: MINISTRY_ADMIN },
    nav: [...staffNav, 'admin'],
    sections: ['review', 'cards', 'audit', 'admin', 'documents', 'feedback', 'tools'],
  },
  { key: 'central-reviewer', sign: { staff: CENTRAL_REVIEWER }, nav: staffNav, sections: ['review', 'delivery', 'cards', 'documents', 'tools'] },
  // Evaluates Tehran's desks: the scorecard, under the tools.
  { key: 'provincial-evaluator', sign: { staff: PROVINCIAL_EVALUATOR }, nav: staffNav, sections: ['documents', 'tools'] },
  { key: 'auditor', sign: { staff: AUDITOR }, nav: staffNav, sections: ['audit', 'chain', 'system', 'delivery', 'cards', 'documents', 'tools'] },
  {
    key: 'platform-admin',
    sign: { staff: PLATFORM_ADMIN },
    nav: [...staffNav, 'admin'],
    sections: ['audit', 'chain', 'system', 'review', 'delivery', 'cards', 'admin', 'documents', 'tools'],
  },
  {
    key: 'provincial-admin',
    sign: { staff: PROVINCIAL_ADMIN },
    nav: [...staffNav, 'admin'],
    sections: ['cards', 'audit', 'admin', 'documents', 'feedback', 'tools'],
    actFor: 'اقدام به جانشینی از',
  },
];

/** Refusals and failures the browser met on the API: a working home has none. */
function watchApi(page: Page): { failures: string[] } {
  const watch = { failures: [] as string[] };
  page.on('response', (r: Response) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/') && r.status() >= 400) watch.failures.push(`${r.status()} ${r.request().method()} ${url.pathname}${url.search}`);
  });
  return watch;
}

/** Waits until every section has loaded, then: no error notice, no refusal anywhere on the page. */
async function expectWorking(page: Page, what: string): Promise<void> {
  const main = page.getByRole('main');
  await visible(main.getByRole('heading', { level: 1 }));
  await expect.poll(() => main.locator('.loading, .status-card__loading').count(), { timeout: 20_000 }).toBe(0);
  expect(await main.getByRole('alert').allInnerTexts(), `${what}: error notices`).toEqual([]);
  expect(await main.getByText(/دسترسی ندارید/).count(), `${what}: told "not allowed"`).toBe(0);
}

/** The links of the main navigation (opened on a phone), in order. */
async function navLinks(page: Page, device: DeviceName): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'ناوبری اصلی' });
  if (device === 'phone') {
    const menu = page.getByRole('button', { name: 'منو' });
    if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
    await visible(nav.getByRole('link').first());
  }
  return nav.locator('.primary-nav__list').getByRole('link').allInnerTexts();
}

async function closeMenu(page: Page, device: DeviceName): Promise<void> {
  if (device !== 'phone') return;
  const menu = page.getByRole('button', { name: 'منو' });
  if ((await menu.getAttribute('aria-expanded')) === 'true') await page.keyboard.press('Escape');
  await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
}

/** How many rows the header's bar takes: its parts grouped by where they sit vertically. */
function headerRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const parts = [...document.querySelectorAll('.site-header__bar > *')]
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.height > 0);
    const rows: Array<{ top: number; bottom: number }> = [];
    for (const r of parts.sort((a, b) => a.top - b.top)) {
      const row = rows.find((x) => r.top < x.bottom - 4);
      if (row) row.bottom = Math.max(row.bottom, r.bottom);
      else rows.push({ top: r.top, bottom: r.bottom });
    }
    return rows.length;
  });
}

async function signIn(page: Page, device: DeviceName, baseURL: string, role: Role): Promise<string> {
  if ('staff' in role.sign) {
    await page.goto('/staff');
    await staffSignsIn(page, device, role.sign.staff, role.key);
    return '/staff';
  }
  await page.goto('/me');
  await citizenSignsIn(page, device, baseURL, role.sign.citizen(device));
  await visible(page.getByRole('heading', { level: 1, name: NAV.me }));
  return '/me';
}

/** The provincial office's manager hands their work to its administrator, so the administrator may act for them. */
async function ensureDelegation(baseURL: string): Promise<void> {
  const login = await fetch(`${baseURL}/api/v1/auth/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: PROVINCIAL_ADMIN.username, password: DEMO_PASSWORD }),
  });
  const me = (await login.json()) as { id: string; csrfToken: string; agency: { id: string }; canActFor: unknown[] };
  if (me.canActFor.length > 0) return;
  const headers = { cookie: login.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' };
  const staff = (await (await fetch(`${baseURL}/api/v1/admin/agencies/${me.agency.id}/staff?q=${PROVINCIAL_MANAGER}`, { headers })).json()) as { items: Array<{ id: string; username: string }> };
  const manager = staff.items.find((s) => s.username === PROVINCIAL_MANAGER);
  if (!manager) throw new Error(`no ${PROVINCIAL_MANAGER} in the demo data`);
  const now = Date.now();
  const created = await fetch(`${baseURL}/api/v1/admin/delegations`, {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': `role-homes-${now}` },
    body: JSON.stringify({
      principalId: manager.id,
      delegateId: me.id,
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 7 * 86_400_000).toISOString(),
      reason: 'آزمون صفحهٔ خانهٔ نقش‌ها',
    }),
  });
  expect(created.status, await created.text()).toBe(201);
}

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('role-homes.e2e.ts', seeded);

describe.skipIf(!seeded)('every role lands on a home that works', () => {
  for (const device of ['desktop', 'phone'] as const) {
    for (const role of ROLES) {
      test(`${role.key} on a ${device}`, async ({ openPage, baseURL }) => {
        if (role.actFor && 'staff' in role.sign) await ensureDelegation(baseURL);
        const page = await openPage(device);
        if (device === 'desktop') await page.setViewportSize({ width: 1366, height: 768 });
        const home = await signIn(page, device, baseURL, role);
        const api = watchApi(page);

        // The home: its sections, nothing else, and no error or refusal.
        expect(pathname(page)).toBe(home);
        await expectWorking(page, `${role.key} home`);
        const main = page.getByRole('main');
        for (const s of Object.keys(SECTION) as Section[]) {
          const heading = main.getByRole('heading', { level: 2, name: SECTION[s], exact: true });
          expect([s, await heading.count()]).toEqual([s, role.sections.includes(s) ? 1 : 0]);
        }
        if (role.sections.includes('cartable')) await visible(main.getByRole('region', { name: SECTION.cartable, exact: true }));
        expect(await main.getByRole('heading', { name: 'هنوز بخشی از درگاه برای کار شما باز نیست' }).count()).toBe(role.nothingYet ? 1 : 0);

        // One header row at 1366 px, everything in it.
        if (device === 'desktop') expect(await headerRows(page), 'rows of the signed-in header at 1366 px').toBe(1);

        // The navigation links only what this person may open.
        expect(await navLinks(page, device)).toEqual(role.nav.map((k) => NAV[k]));
        if (role.actFor) {
          // Whom to act for is in the header, and on a phone in the opened menu, in view.
          const actFor = page.getByRole('combobox', { name: role.actFor });
          await actFor.scrollIntoViewIfNeeded();
          await visible(actFor);
          expect(await actFor.isVisible()).toBe(true);
          if (device === 'phone') {
            await check(page, device, `${role.key} menu`);
            await snap(page, `menu-${role.key}-${device}`);
          }
        }
        await closeMenu(page, device);
        expect(api.failures, 'refused or failed API calls on the home').toEqual([]);
        await check(page, device, `${role.key} home`);
        await snap(page, `home-${role.key}-${device}`);

        // Every link shown (navigation and the sections' own) opens without a refusal.
        const hrefs = await page.evaluate(() => [
          ...new Set(
            [...document.querySelectorAll<HTMLAnchorElement>('#primary-nav .primary-nav__list a, main h2 a, main .area-card')].map(
              (a) => new URL(a.href).pathname + new URL(a.href).search,
            ),
          ),
        ]);
        expect(hrefs.length).toBeGreaterThan(1);
        for (const href of hrefs) {
          await page.goto(href);
          await expectWorking(page, `${role.key} → ${href}`);
          expect(api.failures, `${role.key} → ${href}`).toEqual([]);
        }
      });
    }

    test(`the auditor filters the audit log by action and opens an entry on a ${device}`, async ({ openPage }) => {
      const page = await openPage(device);
      await page.goto('/staff');
      await staffSignsIn(page, device, AUDITOR, 'auditor log');
      const api = watchApi(page);
      await page.getByRole('main').getByRole('link', { name: SECTION.audit, exact: true }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'ردپای حسابرسی' }));
      await expectWorking(page, 'audit log');

      await page.getByRole('textbox', { name: 'اقدام' }).fill('staff.sign_in');
      await page.getByRole('button', { name: 'نمایش', exact: true }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('staff.sign_in');
      const table = page.getByRole('table', { name: 'رویدادهای ردپای حسابرسی' });
      await visible(table);
      const actions = await table.locator('tbody tr td:nth-child(4)').allInnerTexts();
      expect(actions.length).toBeGreaterThan(0);
      expect(new Set(actions.map((a) => a.trim()))).toEqual(new Set(['staff.sign_in']));
      // Numbers and dates in Persian.
      expect(await table.locator('tbody tr').first().innerText()).toMatch(/[\u06F0-\u06F9]/);
      await check(page, device, 'audit log filtered');
      await snap(page, `audit-log-auditor-${device}`);

      const first = table.locator('tbody tr').first().getByRole('link').first();
      const name = await first.getAttribute('aria-label');
      await first.click();
      await visible(page.getByRole('heading', { level: 1, name: name! }));
      await expectWorking(page, 'audit entry');
      await visible(page.getByRole('main').getByRole('heading', { level: 2, name: 'staff.sign_in' }));
      await visible(page.getByText('چکیدهٔ این رویداد'));
      await check(page, device, 'audit entry');
      await snap(page, `audit-entry-auditor-${device}`);
      expect(api.failures).toEqual([]);
    });
  }
});
