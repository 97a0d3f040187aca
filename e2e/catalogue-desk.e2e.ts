import type { Page } from 'playwright-core';
import { demoDataSeeded, reportSkipped } from './support/api';
import type { DeviceName } from './support/browser';
import type { DemoCitizen } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { check, citizenSignsIn, pathname, toPersianDigits, visible } from './support/pages';
import { snap } from './support/screenshots';

/**
 * The catalogue and the desk tell one story, in Persian on a desktop and a 360 px phone: a desk
 * service on the portal carries its approved card's title, and the service page, its information
 * package and the public catalogue's search (by the service id typed in Persian digits) agree on
 * it, with one way to apply; a service its card says is not requested online shows how it is
 * delivered and offers no apply; a service whose card has expired is labelled and cannot be applied
 * for, not even by opening its apply page. Once in English: the catalogue searched by an English
 * title. Needs the demo data (its desk services and their cards).
 */

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('catalogue-desk.e2e.ts', seeded);

interface Desk {
  id: string;
  agencyName: string;
  title: string;
  availability: 'open' | 'expired' | 'not_electronic';
  catalogueServiceId: string | null;
}

/** The desk's services as the portal lists them (set-up only: the pages are what is tested). */
async function deskServices(baseURL: string): Promise<Desk[]> {
  const res = await fetch(`${baseURL}/api/v1/services?limit=100`, { headers: { 'accept-language': 'fa' } });
  expect(res.ok).toBe(true);
  return ((await res.json()) as { items: Desk[] }).items;
}

/** One desk service of each kind the demo has: taking requests, not requested online, expired. */
async function demoDesks(baseURL: string) {
  const all = await deskServices(baseURL);
  const pick = (availability: Desk['availability']) => {
    const d = all.find((s) => s.availability === availability && s.catalogueServiceId);
    expect(d, `the demo has a linked desk service that is ${availability}`).toBeDefined();
    return d!;
  };
  return { open: pick('open'), notElectronic: pick('not_electronic'), expired: pick('expired') };
}

/** Citizens of this file only (the one-time-code limit is per person). */
const CITIZEN: DemoCitizen = { nationalCode: '۰۰۷۷۶۱۱۶۱۶', mobileTyped: '۰۹۱۲۰۰۰۳۴۰۴', mobile: '09120003404' };

const portalItem = (page: Page, d: Desk) =>
  page
    .getByRole('region', { name: 'خدمات دستگاه‌ها' })
    .getByRole('region', { name: d.agencyName })
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: d.title }) });

const applyLinks = (page: Page) =>
  page.getByRole('link', { name: /^(درخواست این خدمت|درخواست در میز خدمت درگاه|ورود به خدمت الکترونیکی)/ });

async function searchCatalogue(page: Page, q: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'نام خدمت، دستگاه یا واژهٔ کلیدی' }).fill(q);
  await page.getByRole('button', { name: 'جست‌وجو', exact: true }).click();
  await visible(page.getByRole('heading', { level: 2, name: `نتایج جست‌وجوی «${q}»` }));
}
const results = (page: Page) => page.getByRole('list', { name: 'خدمات پیدا شده' });

describe.skipIf(!seeded)('the catalogue and the desk', () => {
  for (const device of ['desktop', 'phone'] as const satisfies readonly DeviceName[]) {
    test(`the portal, the service page, its package and the catalogue search agree (${device})`, async ({
      openPage,
      baseURL,
    }) => {
      const { open, notElectronic, expired } = await demoDesks(baseURL);
      const page = await openPage(device);

      // The portal lists the services with their cards' titles, labelling those that take no requests.
      await page.goto('/');
      await visible(portalItem(page, open), 30_000);
      await visible(portalItem(page, notElectronic).getByText('درخواست غیرالکترونیکی'));
      await visible(portalItem(page, expired).getByText('شناسنامهٔ خدمت منقضی شده'));
      expect(await portalItem(page, open).getByText(/منقضی|غیرالکترونیکی/).count()).toBe(0);
      await check(page, device, 'portal with desk states fa');

      // The open one: its page, one way to apply, and its package under the same title.
      await portalItem(page, open).getByRole('link', { name: open.title }).click();
      await visible(page.getByRole('heading', { level: 1, name: open.title }));
      expect(pathname(page)).toBe(`/services/${open.id}`);
      await expect.poll(() => applyLinks(page).count()).toBe(1);
      await check(page, device, 'desk service page fa');
      await page
        .getByRole('complementary', { name: 'مشخصات' })
        .getByRole('link', { name: toPersianDigits(open.catalogueServiceId!) })
        .click();
      await visible(page.getByRole('heading', { level: 1, name: open.title }));
      const applyHere = page.getByRole('link', { name: 'درخواست در میز خدمت درگاه' });
      await visible(applyHere);
      expect(await applyHere.getAttribute('href')).toBe(`/me/services/${open.id}/apply`);
      expect(await applyLinks(page).count()).toBe(1);
      await check(page, device, 'package of a desk service fa');

      // The catalogue finds it by its service id typed in Persian digits (with a dash), first, and links to the desk.
      await page.goto('/catalogue');
      await visible(results(page));
      const typed = toPersianDigits(`${open.catalogueServiceId!.slice(0, 4)}-${open.catalogueServiceId!.slice(4)}`);
      await searchCatalogue(page, typed);
      const first = results(page).getByRole('listitem').first();
      await visible(first.getByRole('heading', { level: 3, name: open.title }));
      const toDesk = first.getByRole('link', { name: `میز خدمت ${open.agencyName}` });
      await visible(toDesk);
      expect(await toDesk.getAttribute('href')).toBe(`/services/${open.id}`);
      await check(page, device, 'catalogue search by service id fa');
      if (device === 'desktop') await snap(page, 'desktop-catalogue-search-by-id-fa');

      // Not requested online: says how it is delivered, nowhere an apply.
      await page.goto(`/services/${notElectronic.id}`);
      await visible(page.getByRole('heading', { level: 1, name: notElectronic.title }));
      await visible(page.getByText('این خدمت به‌صورت الکترونیکی درخواست نمی‌شود', { exact: true }));
      await visible(page.getByText(/^درخواست: /).first());
      expect(await applyLinks(page).count()).toBe(0);
      await check(page, device, 'desk service not electronic fa');
      if (device === 'phone') await snap(page, 'phone-desk-service-not-electronic-fa');
      await page.goto(`/catalogue/${notElectronic.catalogueServiceId!}`);
      await visible(page.getByRole('heading', { level: 1, name: notElectronic.title }));
      await visible(page.getByText('این خدمت الکترونیکی درخواست نمی‌شود.').first());
      await page.waitForLoadState('networkidle'); // the desk services have been asked for
      expect(await applyLinks(page).count()).toBe(0);
      await check(page, device, 'package not electronic fa');

      // Expired: labelled, no apply on its page or its package.
      await page.goto(`/services/${expired.id}`);
      await visible(page.getByRole('heading', { level: 1, name: expired.title }));
      await visible(page.getByText('اعتبار شناسنامهٔ این خدمت به پایان رسیده است', { exact: true }));
      expect(await applyLinks(page).count()).toBe(0);
      await check(page, device, 'desk service expired fa');
      await page.goto(`/catalogue/${expired.catalogueServiceId!}`);
      await visible(page.getByText('تا تمدید شناسنامه، درخواست تازه برای این خدمت پذیرفته نمی‌شود.'));
      await page.waitForLoadState('networkidle');
      expect(await applyLinks(page).count()).toBe(0);
    });
  }

  test('an expired service cannot be applied for, even at its apply page; the API refuses it too', async ({
    openPage,
    baseURL,
  }) => {
    const { expired } = await demoDesks(baseURL);
    const page = await openPage('desktop');
    await page.goto(`/me/services/${expired.id}/apply`);
    await citizenSignsIn(page, 'desktop', baseURL, CITIZEN);
    await visible(page.getByRole('heading', { level: 1, name: expired.title }));
    await visible(page.getByText('اعتبار شناسنامهٔ این خدمت به پایان رسیده است', { exact: true }));
    expect(await page.getByRole('button', { name: 'ثبت درخواست' }).count()).toBe(0);
    await check(page, 'desktop', 'apply page of an expired service fa');
    await snap(page, 'desktop-apply-expired-fa');
    // A client that posts anyway is refused with the code, and no request is created.
    const session = (await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
    const refused = await page.request.post('/api/v1/requests', {
      headers: { 'x-csrf-token': session.csrfToken, 'accept-language': 'fa' },
      data: { serviceId: expired.id, form: {} },
    });
    expect([refused.status(), ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([
      409,
      'SERVICE_CARD_EXPIRED',
    ]);
    const mine = (await (await page.request.get('/api/v1/requests/mine')).json()) as { items: unknown[] };
    expect(mine.items).toEqual([]);
  });

  test('in English, the catalogue finds a service by its English title', async ({ openPage }) => {
    const page = await openPage('desktop', { lang: 'en' });
    await page.goto('/catalogue');
    await visible(page.getByRole('heading', { level: 1, name: 'Government services catalogue' }));
    const list = page.getByRole('list', { name: 'Services found' });
    await visible(list);
    await page.getByRole('searchbox', { name: 'Service, agency or keyword' }).fill('employment record');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await visible(page.getByRole('heading', { level: 2, name: /employment record/ }));
    const first = list.getByRole('listitem').first();
    await visible(first.getByRole('heading', { level: 3, name: 'Employment record certificate' }));
    await visible(first.getByText('Apply at the Dargah desk:'));
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await check(page, 'desktop', 'catalogue search en');
    await snap(page, 'desktop-catalogue-search-en');
  });
});
