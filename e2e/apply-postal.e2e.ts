import type { Page } from 'playwright-core';
import { demoDataSeeded, reportSkipped, servicesOf, staffSessionInfo } from './support/api';
import { DEMO_PASSWORD, DEMO_SIGNER, type DemoCitizen, type DemoStaff } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { asciiDigits } from './support/outbox';
import { check, citizenSignsIn, pathname, staffSignsIn, visible } from './support/pages';
import { snap } from './support/screenshots';
import { fillServiceForm } from './support/service-form';

/**
 * The answer by post (issue 11 item 9, ADR 0039), on a 360 px phone with axe: a citizen puts an
 * address in their profile and applies to the organisation's duplicate-certificate service (the
 * demo's service with postal delivery) choosing «پاسخ را با پست دریافت می‌کنم» to the profile's
 * address; the receipt shows the postal choice, the postal code masked in Persian digits; the
 * organisation's unit manager approves with the answer, signed with her PIN; the postal job (the server runs its jobs)
 * hands the answer to the post's simulator, and both the staff's request page and the citizen's
 * show it handed over, with the postal tracking number.
 */

/** This file's citizen (DEMO_REGISTRY_PEOPLE in apps/api/src/seed/demo.ts registers the SIM). */
const CITIZEN = { nationalCode: '۰۰۴۶۰۰۴۶۰۲', mobileTyped: '۰۹۳۵۰۰۴۶۴۰۴', mobile: '09350046404' } as const satisfies DemoCitizen;
/** The organisation's desk clerk: works the duplicate-certificate service's requests. */
const ORG_CLERK: DemoStaff = { username: 'clerk.org', password: DEMO_PASSWORD };
const WIDTH = 360;
const PROFILE = { name: 'پریسا نادری', postalCode: '۱۶۱۹۷۳۵۷۴۴', address: 'تهران، خیابان آزادی، کوچهٔ یکم، پلاک ۲' };
const CODE_FIELD = 'شماره گواهی‌نامه';

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('apply-postal.e2e.ts', seeded);

/** The request page's «channel and delivery of the answer», reloaded until it says `status`. */
async function postalSays(page: Page, status: string) {
  const facts = page.getByRole('region', { name: 'راه ثبت و ارسال پاسخ' });
  await expect
    .poll(
      async () => {
        await page.reload();
        await visible(facts);
        return facts.getByText(status, { exact: false }).count();
      },
      { timeout: 30_000, interval: 1000 },
    )
    .toBeGreaterThan(0);
  return facts;
}

describe.skipIf(!seeded)('the answer by post, on a phone', () => {
  test('a citizen chooses postal delivery to the profile’s address; the desk answers; the answer is handed to the post with its tracking number', async ({ openPage, baseURL }) => {
    const clerk = await staffSessionInfo(baseURL, ORG_CLERK.username, ORG_CLERK.password);
    const service = (await servicesOf(baseURL, clerk.agency!.id)).find((s) => s.postalDelivery && s.fee.kind === 'none');
    expect(service, `${clerk.agency!.name} offers a service with postal delivery`).toBeDefined();

    // 1. The citizen signs in and puts a name and an address in the profile.
    const page = await openPage('phone', { width: WIDTH });
    await page.goto('/me');
    await citizenSignsIn(page, 'phone', baseURL, CITIZEN);
    await visible(page.getByRole('heading', { level: 1, name: 'میز شهروند' }));
    await page.getByRole('button', { name: 'ویرایش مشخصات' }).click();
    await page.getByRole('textbox', { name: 'نام و نام خانوادگی' }).fill(PROFILE.name);
    await page.getByRole('textbox', { name: /^\s*کد پستی/ }).fill(PROFILE.postalCode);
    await page.getByRole('textbox', { name: /^\s*نشانی/ }).fill(PROFILE.address);
    await page.getByRole('button', { name: 'ذخیره', exact: true }).click();
    await visible(page.getByText('مشخصات شما ذخیره شد.'));

    // 2. Applies choosing the answer by post, to the profile's address (shown, Persian digits).
    await page.goto(`/me/services/${service!.id}/apply`);
    await visible(page.getByRole('heading', { level: 1, name: service!.title, exact: true }));
    await fillServiceForm(page, service!.formSchema, CITIZEN);
    await page.locator('main form').getByRole('textbox', { name: new RegExp(`^\\s*${CODE_FIELD}`) }).fill('۱۲۳۴۵۶۷');
    await page.getByRole('checkbox', { name: 'پاسخ را با پست دریافت می‌کنم' }).check();
    const toProfile = page.getByRole('radio', { name: /به نشانی نمایهٔ من/ });
    await visible(toProfile);
    expect(await toProfile.isChecked()).toBe(true);
    await visible(page.getByText(PROFILE.address).first());
    await visible(page.getByText(PROFILE.postalCode).first());
    await check(page, 'phone', 'apply with postal delivery');
    await snap(page, 'phone-apply-postal');
    await page.getByRole('button', { name: 'ثبت درخواست' }).click();

    // 3. The receipt shows the postal choice: sent once the answer is issued, the postal code masked.
    await visible(page.getByRole('heading', { level: 1, name: 'رسید درخواست' }));
    const requestId = pathname(page).split('/').pop()!;
    const trackingShown = (await page.locator('.tracking__code').innerText()).trim();
    const facts = page.getByRole('region', { name: 'راه ثبت و ارسال پاسخ' });
    await visible(facts.getByText('ارسال پاسخ با پست'));
    await visible(facts.getByText('پس از صدور و امضای پاسخ فرستاده می‌شود'));
    await visible(facts.getByText('۱۶******۴۴'));
    await check(page, 'phone', 'receipt with postal delivery');
    await snap(page, 'phone-receipt-postal');

    // 4. The organisation's unit manager (the demo signer) takes it and approves with the answer,
    // signed at once with her PIN: the post gets an answer only once it is signed.
    const desk = await openPage('phone', { width: WIDTH });
    await desk.goto('/staff/sign-in');
    await staffSignsIn(desk, 'phone', DEMO_SIGNER, 'signer');
    await desk.goto(`/staff/requests/${requestId}`);
    await visible(desk.getByRole('heading', { level: 1, name: service!.title }));
    await visible(desk.getByText(trackingShown).first());
    await visible(desk.getByRole('region', { name: 'راه ثبت و ارسال پاسخ' }).getByText('پس از صدور و امضای پاسخ فرستاده می‌شود'));
    const take = desk.getByRole('button', { name: 'برداشتن برای رسیدگی' });
    if (await take.isVisible()) {
      await take.click();
      await visible(desk.getByText('درخواست به کارتابل شما آمد', { exact: false }));
      await expect.poll(() => take.count()).toBe(0);
    }
    await desk.getByRole('button', { name: 'تأیید درخواست' }).click();
    const decide = desk.getByRole('dialog', { name: 'تأیید درخواست' });
    await visible(decide);
    const reasons = decide.getByRole('textbox', { name: /دلایل/ });
    if ((await reasons.count()) > 0) await reasons.fill('شماره گواهی‌نامه با سوابق سازمان خواند.');
    await decide.getByLabel(/رمز امضا/).fill(DEMO_SIGNER.pin);
    await decide.getByRole('button', { name: 'بله، تأیید شود' }).click();
    await visible(desk.getByText('پاسخ صادر شد.'));

    // 5. The server's postal job hands it to the post (its simulator): the staff's page and the
    // citizen's say so, with the postal tracking number in Persian digits.
    const deskFacts = await postalSays(desk, 'به پست سپرده شد');
    const tracking = deskFacts.locator('dt', { hasText: 'کد رهگیری پستی' }).locator('xpath=following-sibling::dd[1]');
    const trackingNumber = (await tracking.innerText()).trim();
    expect(trackingNumber).toMatch(/^[۱-۹][۰-۹]{23}$/);
    // Handed over: nothing to send again.
    expect(await deskFacts.getByRole('button', { name: 'ارسال دوباره با پست' }).count()).toBe(0);
    await check(desk, 'phone', 'staff request with the answer handed to the post');
    await snap(desk, 'phone-staff-postal-dispatched');

    await page.goto(`/me/requests/${requestId}`);
    const citizenFacts = await postalSays(page, 'به پست سپرده شد');
    await visible(citizenFacts.getByText(trackingNumber));
    expect(asciiDigits(trackingNumber)).toMatch(/^\d{24}$/);
    await check(page, 'phone', 'receipt with the answer handed to the post');
    await snap(page, 'phone-receipt-postal-dispatched');
  });
});
