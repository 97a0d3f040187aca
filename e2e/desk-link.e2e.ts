import type { Page } from 'playwright-core';
import { apiOf, demoDataSeeded, must, reportSkipped, staffClient, staffSessionInfo } from './support/api';
import { MINISTRY_ADMIN } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { check, pathname, staffSignsIn, toPersianDigits, visible } from './support/pages';
import { snap } from './support/screenshots';

/**
 * Desk services linked to their approved catalogue service ids, in Persian: the ministry's agency
 * administrator sees the agency's desk services with their ids in /admin, clears one (after a
 * confirmation) and sets it again typed in Persian digits (a malformed id is stopped in the
 * browser; a save at a stale version is refused, the dialog reloads and says so); an id of another
 * agency's service is refused with the server's message and changes nothing. The public service
 * page shows the id, linking to the information package (desktop and phone). Needs the demo data.
 */

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('desk-link.e2e.ts', seeded);

const dialogOpen = (page: Page) => page.evaluate(() => document.querySelector('dialog[open]') !== null);

describe.skipIf(!seeded)('desk services and their catalogue service ids', () => {
  test('the ministry’s administrator clears and sets a desk service’s id; another agency’s id is refused; the public page links to the package', async ({
    openPage,
    baseURL,
  }) => {
    const admin = await staffSessionInfo(baseURL, MINISTRY_ADMIN.username, MINISTRY_ADMIN.password);
    const ministry = admin.agency!;
    const desk = must(await apiOf(baseURL).GET('/api/v1/services', { params: { query: { agencyId: ministry.id, limit: 100 } } }), 'the desk services').items;
    const linked = desk.filter((s) => s.catalogueServiceId);
    expect(linked.length, 'the demo links the ministry’s desk services').toBeGreaterThan(0);
    const service = linked[0]!;
    const serviceId = service.catalogueServiceId!;
    // An approved service of another agency (the ministry is no field office: only its own ids count).
    const others = must(await apiOf(baseURL).GET('/api/v1/catalogue/services', { params: { query: { limit: 100 } } }), 'the catalogue');
    const foreignId = others.items.find((s) => s.agency.id !== ministry.id)?.serviceId;
    expect(foreignId, 'the demo has approved services of other agencies').toBeDefined();
    // A separate API session (not the browser's), through the typed client.
    const { api } = await staffClient(baseURL, MINISTRY_ADMIN.username, MINISTRY_ADMIN.password);
    const link = { params: { path: { id: service.id } } };
    const linkNow = async () => must(await api.GET('/api/v1/services/{id}/catalogue-link', link), 'the catalogue link');

    const page = await openPage('desktop');
    await page.goto('/admin');
    await staffSignsIn(page, 'desktop', MINISTRY_ADMIN, 'desk link', 'مدیریت سامانه');
    await page
      .getByRole('region', { name: 'دستگاه‌ها' })
      .getByRole('link', { name: ministry.name, exact: true })
      .click();
    await visible(page.getByRole('heading', { level: 1, name: ministry.name }));

    // Every desk service is listed, the linked ones with their id (Persian digits) linking to the package.
    const section = page.getByRole('region', { name: 'خدمات میز خدمت و شناسهٔ آن‌ها' });
    const list = section.getByRole('list', { name: 'خدمات میز خدمت این دستگاه' });
    await visible(list);
    const row = (title: string) => list.getByRole('listitem').filter({ has: page.getByText(title, { exact: true }) });
    for (const s of desk) {
      const r = row(s.title);
      if (s.catalogueServiceId) {
        const idLink = r.getByRole('link', { name: toPersianDigits(s.catalogueServiceId) });
        await visible(idLink);
        expect(await idLink.getAttribute('href')).toBe(`/catalogue/${s.catalogueServiceId}`);
      } else {
        await visible(r.getByText('بدون شناسه'));
      }
    }
    await check(page, 'desktop', 'admin desk services fa');
    await snap(page, 'desktop-admin-desk-services-fa');

    // Clearing asks first, naming the id; confirmed, the service shows «بدون شناسه».
    await section.getByRole('button', { name: `برداشتن شناسهٔ خدمت «${service.title}»` }).click();
    const confirm = page.getByRole('dialog', { name: `شناسهٔ خدمت «${service.title}» برداشته شود؟` });
    await visible(
      confirm.getByText(`شناسهٔ ${toPersianDigits(serviceId)} از این خدمت برداشته می‌شود`, { exact: false }),
    );
    await check(page, 'desktop', 'admin desk link clear dialog fa');
    await confirm.getByRole('button', { name: 'بله، شناسه برداشته شود' }).click();
    await visible(section.getByRole('status').filter({ hasText: `شناسهٔ خدمت «${service.title}» برداشته شد.` }));
    await visible(row(service.title).getByText('بدون شناسه'));
    expect(await dialogOpen(page)).toBe(false);
    expect((await linkNow()).catalogueServiceId).toBeNull();

    // Setting it again: a 10-digit id is stopped in the browser, nothing is sent.
    await section.getByRole('button', { name: `تغییر شناسهٔ خدمت «${service.title}»` }).click();
    const dialog = page.getByRole('dialog', { name: `شناسهٔ خدمت «${service.title}»` });
    const idBox = dialog.getByRole('textbox', { name: 'شناسهٔ خدمت مصوب' });
    await visible(dialog.getByText('بدون شناسه'));
    await idBox.fill(toPersianDigits(serviceId.slice(0, 10)));
    await page.getByRole('button', { name: 'ذخیرهٔ شناسه' }).click();
    await expect.poll(() => idBox.getAttribute('aria-invalid')).toBe('true');
    await visible(dialog.getByText('شناسهٔ خدمت باید ۱۱ رقم باشد.'));
    await expect.poll(() => idBox.evaluate((el) => el === document.activeElement)).toBe(true);
    await check(page, 'desktop', 'admin desk link invalid fa');
    const before = await linkNow();
    expect(before.catalogueServiceId).toBeNull();

    // Someone else saves the link meanwhile: the save is refused as stale, the dialog reloads and says so.
    must(await api.PUT('/api/v1/services/{id}/catalogue-link', { ...link, body: { serviceId: null, version: before.version } }), 'clearing the link');
    await idBox.fill(toPersianDigits(serviceId));
    await page.getByRole('button', { name: 'ذخیرهٔ شناسه' }).click();
    await visible(dialog.getByRole('alert').filter({ hasText: 'این خدمت هم‌زمان تغییر کرده بود' }));
    expect((await linkNow()).catalogueServiceId).toBeNull();
    expect(await idBox.inputValue()).toBe(toPersianDigits(serviceId));
    await check(page, 'desktop', 'admin desk link conflict fa');

    // Saved again at the reloaded version: the id, typed in Persian digits, is the link.
    await page.getByRole('button', { name: 'ذخیرهٔ شناسه' }).click();
    await visible(section.getByRole('status').filter({ hasText: `شناسهٔ خدمت «${service.title}» ذخیره شد.` }));
    await visible(row(service.title).getByRole('link', { name: toPersianDigits(serviceId) }));
    const saved = await linkNow();
    expect(saved.catalogueServiceId).toBe(serviceId);
    const card = saved.card;
    expect(card?.expired).toBe(false);

    // Another agency's service id: refused with the server's message in the dialog; nothing changes.
    await section.getByRole('button', { name: `تغییر شناسهٔ خدمت «${service.title}»` }).click();
    await visible(dialog.getByText(toPersianDigits(serviceId)));
    await idBox.fill(toPersianDigits(foreignId!));
    await page.getByRole('button', { name: 'ذخیرهٔ شناسه' }).click();
    const refusal = dialog.getByRole('alert').filter({ hasText: 'شناسه ذخیره نشد' });
    await visible(refusal.getByText('این شناسه خدمت متعلق به دستگاه دیگری است.'));
    await check(page, 'desktop', 'admin desk link refused fa');
    await snap(page, 'desktop-admin-desk-link-refused-fa');
    expect((await linkNow()).catalogueServiceId).toBe(serviceId);
    await dialog.getByRole('button', { name: 'انصراف' }).click();
    await expect.poll(() => dialogOpen(page)).toBe(false);
    await visible(row(service.title).getByRole('link', { name: toPersianDigits(serviceId) }));

    // The public service page: the id among the facts, linking to the information package.
    await page.goto(`/services/${service.id}`);
    await visible(page.getByRole('heading', { level: 1, name: service.title }));
    const facts = page.getByRole('complementary', { name: 'مشخصات' });
    await visible(facts.getByText('شناسه خدمت', { exact: true }));
    const packageLink = facts.getByRole('link', { name: toPersianDigits(serviceId) });
    await visible(packageLink);
    await check(page, 'desktop', 'service page with catalogue id fa');
    await packageLink.click();
    await expect.poll(() => pathname(page)).toBe(`/catalogue/${serviceId}`);
    await visible(page.getByRole('heading', { level: 1, name: card!.title }));
    await check(page, 'desktop', 'information package from the service page fa');

    const phone = await openPage('phone');
    await phone.goto(`/services/${service.id}`);
    await visible(phone.getByRole('heading', { level: 1, name: service.title }));
    await visible(
      phone.getByRole('complementary', { name: 'مشخصات' }).getByRole('link', { name: toPersianDigits(serviceId) }),
    );
    await check(phone, 'phone', 'service page with catalogue id fa');
    await snap(phone, 'phone-service-catalogue-id-fa');
  });
});
