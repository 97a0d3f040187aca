import type { Page } from 'playwright-core';
import { demoDataSeeded, reportSkipped, servicesOf, staffSessionInfo, type PublicServiceInfo } from './support/api';
import { CITIZENS, DESK_CLERK, OTHER_AGENCY_CLERK } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { asciiDigits } from './support/outbox';
import {
  cartableLoaded,
  check,
  citizenSignsIn,
  hasPersianDigits,
  pathname,
  staffSignsIn,
  visible,
} from './support/pages';
import { fillServiceForm } from './support/service-form';
import { snap } from './support/screenshots';

/**
 * The service-desk journey, in Persian, on a desktop and on a 360 px phone:
 *
 * a citizen signs in with a one-time code (read from the developer SMS outbox), opens a demo
 * service, fills its short form, submits and sees the tracking code at once; a desk clerk of that
 * agency finds the request in the cartable and approves it; a clerk of another agency does not
 * see it; the citizen sees the new status «تأیید شده».
 *
 * Needs the server in development mode (demo data, /dev/outbox); the demo accounts are in
 * support/demo.ts. Skipped, saying so, when the server has no demo data. Every page visited is
 * checked with axe; screenshots go to e2e/output/.
 */

/** The tracking code as the receipt shows it (Persian digits) → as the server stores it. */
async function readTrackingCode(page: Page): Promise<{ shown: string; code: string }> {
  const tracking = page.getByRole('group', { name: 'کد رهگیری' });
  await visible(tracking);
  const shown = (await tracking.locator('.tracking__code').innerText()).trim();
  return { shown, code: asciiDigits(shown) };
}

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('journey.e2e.ts', seeded);

for (const device of ['desktop', 'phone'] as const) {
  describe.skipIf(!seeded)(`service-desk journey on ${device}`, () => {
    test('a citizen applies with a one-time code, a clerk of the agency approves, the citizen sees it approved', async ({
      openPage,
      baseURL,
    }) => {
      const citizen = CITIZENS[device];

      // Set-up: the clerk's agency, one of its published services, and a clerk of another agency.
      const clerk = await staffSessionInfo(baseURL, DESK_CLERK.username, DESK_CLERK.password);
      expect(clerk.agency, `${DESK_CLERK.username} belongs to an agency`).not.toBeNull();
      const other = await staffSessionInfo(baseURL, OTHER_AGENCY_CLERK.username, OTHER_AGENCY_CLERK.password);
      expect(other.agency?.id, 'the other clerk works for another agency').not.toBe(clerk.agency!.id);
      const services = await servicesOf(baseURL, clerk.agency!.id);
      expect(services.length, `${clerk.agency!.name} publishes a demo service`).toBeGreaterThan(0);
      const service: PublicServiceInfo = services[0]!;

      // 1. The portal lists the agency and its service.
      const page = await openPage(device);
      await page.goto('/');
      await visible(page.getByRole('heading', { level: 1, name: 'درگاه' }));
      const catalogue = page.getByRole('region', { name: 'خدمات دستگاه‌ها' });
      const agencySection = catalogue.getByRole('region', { name: service.agencyName });
      const serviceLink = agencySection.getByRole('link', { name: service.title });
      await visible(serviceLink, 30_000);
      await check(page, device, 'portal fa');
      await snap(page, `${device}-portal-fa`);

      // 2. The service page: description, norm in working days (Persian digits), apply.
      await serviceLink.click();
      await visible(page.getByRole('heading', { level: 1, name: service.title }));
      expect(pathname(page)).toBe(`/services/${service.id}`);
      const norm = page.getByText(/روز کاری/).first();
      expect(await norm.innerText()).toMatch(hasPersianDigits);
      await check(page, device, 'service fa');
      await snap(page, `${device}-service-fa`);

      // 3. Applying asks for sign-in first, then comes back to the form.
      await page.getByRole('link', { name: 'درخواست این خدمت' }).click();
      await citizenSignsIn(page, device, baseURL, citizen);
      // The service's own title (which may itself begin with «درخواست»), under the kind of page.
      await visible(page.getByRole('heading', { level: 1, name: service.title, exact: true }));
      await visible(page.getByText('فرم درخواست خدمت', { exact: true }));
      expect(pathname(page)).toBe(`/me/services/${service.id}/apply`);
      // The session is shown in the header (folded behind the menu on a phone).
      await expect.poll(() => page.locator('.session-controls').count()).toBe(1);

      // 4. An empty submit lists the problems and focuses the first one (only if something is required).
      const submit = page.getByRole('button', { name: 'ثبت درخواست' });
      if (Array.isArray(service.formSchema.required) && service.formSchema.required.length > 0) {
        await submit.click();
        await visible(page.getByRole('alert').filter({ hasText: 'لطفاً این موارد را درست کنید' }));
        await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
        await check(page, device, 'apply errors fa');
      }

      // 5. Fill in the form and submit: the receipt shows the tracking code at once.
      await fillServiceForm(page, service.formSchema, citizen);
      await check(page, device, 'apply fa');
      await snap(page, `${device}-apply-fa`);
      await submit.click();
      await visible(page.getByRole('heading', { level: 1, name: 'رسید درخواست' }));
      await visible(page.getByText('درخواست شما ثبت شد'));
      const requestId = pathname(page).split('/').pop()!;
      expect(pathname(page)).toBe(`/me/requests/${requestId}`);
      const tracking = await readTrackingCode(page);
      expect(tracking.code.length).toBeGreaterThan(3);
      const facts = page.locator('.receipt-card');
      await visible(facts.getByText('ثبت‌شده', { exact: true }));
      const due = facts.locator('dt', { hasText: 'موعد پاسخ' }).locator('xpath=following-sibling::dd');
      expect(await due.innerText(), 'the answer date is Jalali with Persian digits').toMatch(hasPersianDigits);
      await visible(page.getByRole('button', { name: 'چاپ رسید' }));
      await check(page, device, 'receipt fa');
      await snap(page, `${device}-receipt-fa`);

      // 6. The citizen area lists the request with its status.
      await page.getByRole('link', { name: 'درخواست‌های من' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'میز شهروند' }));
      const mine = page.getByRole('region', { name: 'درخواست‌های من' });
      const row = mine.getByRole('listitem').filter({ hasText: tracking.shown });
      await visible(row);
      await visible(row.getByText('ثبت‌شده', { exact: true }));
      await check(page, device, 'citizen area fa');
      await snap(page, `${device}-citizen-area-fa`);

      // 7. A desk clerk of the agency finds it in the cartable and approves it.
      const desk = await openPage(device);
      await desk.goto('/staff');
      await staffSignsIn(desk, device, DESK_CLERK, 'clerk');
      const cartable = await cartableLoaded(desk);
      const item = cartable.getByRole('listitem').filter({ hasText: tracking.shown });
      await visible(item);
      await check(desk, device, 'cartable fa');
      await snap(desk, `${device}-cartable-fa`);

      await item.getByRole('link', { name: service.title }).click();
      await visible(desk.getByRole('heading', { level: 1, name: service.title }));
      expect(pathname(desk)).toBe(`/staff/requests/${requestId}`);
      const take = desk.getByRole('button', { name: 'برداشتن برای رسیدگی' });
      const approve = desk.getByRole('button', { name: 'تأیید درخواست' });
      await visible(approve);
      await check(desk, device, 'staff request fa');
      // Take it first (the clerk's work from now on), then decide.
      if (await take.isVisible()) {
        await take.click();
        await visible(desk.getByText('درخواست به کارتابل شما آمد', { exact: false }));
        await expect.poll(() => take.count()).toBe(0);
        await visible(desk.locator('main').getByText('در حال بررسی', { exact: true }).first());
      }
      await approve.click();
      const dialog = desk.getByRole('dialog', { name: 'تأیید درخواست' });
      await visible(dialog);
      await check(desk, device, 'approve dialog fa');
      await dialog.getByRole('button', { name: 'بله، تأیید شود' }).click();
      await visible(desk.getByText('درخواست تأیید شد و متقاضی وضعیت تازه را می‌بیند.'));
      await visible(desk.locator('main').getByText('تأیید شده', { exact: true }).first());
      await check(desk, device, 'staff request approved fa');
      await snap(desk, `${device}-staff-request-approved-fa`);

      // 8. A clerk of another agency does not see it.
      const elsewhere = await openPage(device);
      await elsewhere.goto('/staff');
      await staffSignsIn(elsewhere, device, OTHER_AGENCY_CLERK, 'other clerk');
      const otherCartable = await cartableLoaded(elsewhere);
      expect(await otherCartable.getByText(tracking.shown).count(), 'another agency sees the request').toBe(0);
      await check(elsewhere, device, 'other cartable fa');

      // 9. The citizen sees the new status on the receipt and in the list.
      await page.goto(`/me/requests/${requestId}`);
      await visible(page.getByRole('heading', { level: 1, name: 'رسید درخواست' }));
      await visible(page.locator('.receipt-card').getByText('تأیید شده', { exact: true }));
      await check(page, device, 'receipt approved fa');
      await snap(page, `${device}-receipt-approved-fa`);
      await page.getByRole('link', { name: 'درخواست‌های من' }).click();
      await visible(
        page
          .getByRole('region', { name: 'درخواست‌های من' })
          .getByRole('listitem')
          .filter({ hasText: tracking.shown })
          .getByText('تأیید شده', { exact: true }),
      );
    });
  });
}
