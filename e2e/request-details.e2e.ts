import type { Locator, Page } from 'playwright-core';
import { demoDataSeeded, reportSkipped, servicesOf, staffSessionInfo } from './support/api';
import { DESK_CLERK, type DemoCitizen } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { asciiDigits, readOutbox } from './support/outbox';
import { check, citizenSignsIn, hasPersianDigits, pathname, staffSignsIn, toPersianDigits, visible } from './support/pages';
import { snap } from './support/screenshots';
import { fillServiceForm } from './support/service-form';

/**
 * The details around a request, in Persian on a desktop and on a 360 px phone:
 *
 * a citizen with a name in the profile applies, typing a number with Persian digits; the receipt
 * shows it back in Persian digits, and the receipt SMS (tracking code, answer date) is in the
 * developer outbox; the desk clerk sees the applicant masked, reveals the national code and mobile
 * with one button (announced), takes the request, and the timeline names the applicant and the
 * clerk; in English the Persian names stay isolated in bdi elements.
 */

/** Citizens of this file only (valid national codes), so the per-person one-time-code limit is never shared. */
const CITIZENS = {
  desktop: { nationalCode: '۰۰۷۱۴۰۴۰۱۵', mobileTyped: '۰۹۱۲۰۰۰۲۴۰۴', mobile: '09120002404', name: 'پروین اعتصامی' },
  phone: { nationalCode: '۰۰۳۱۴۰۴۰۲۲', mobileTyped: '۰۹۳۵۰۰۰۲۴۰۴', mobile: '09350002404', name: 'سهراب سپهری' },
} as const satisfies Record<string, DemoCitizen & { name: string }>;

/** The masked form the request page shows: `001****419`, in Persian digits. */
const masked = (ascii: string, head: number, tail: number) =>
  toPersianDigits(`${ascii.slice(0, head)}${'*'.repeat(ascii.length - head - tail)}${ascii.slice(-tail)}`);

const factOf = (within: Page | Locator, label: string) => within.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd').first();

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('request-details.e2e.ts', seeded);

for (const device of ['desktop', 'phone'] as const) {
  describe.skipIf(!seeded)(`request details on ${device}`, () => {
    test('the receipt in Persian digits and by SMS; the clerk reveals the applicant; the timeline names people', async ({
      openPage,
      baseURL,
    }) => {
      const citizen = CITIZENS[device];
      const nationalCode = asciiDigits(citizen.nationalCode);
      const clerk = await staffSessionInfo(baseURL, DESK_CLERK.username, DESK_CLERK.password);
      const services = await servicesOf(baseURL, clerk.agency!.id);
      // A service whose form asks for a whole number (the labour complaint's unpaid months).
      const service = services.find((s) =>
        Object.values((s.formSchema.properties ?? {}) as Record<string, { type?: unknown }>).some((p) => p.type === 'integer'),
      );
      expect(service, `${clerk.agency!.name} has a service with a number in its form`).toBeDefined();
      const [numberField, numberProp] = Object.entries(service!.formSchema.properties as Record<string, { type?: unknown; title?: string }>).find(
        ([, p]) => p.type === 'integer',
      )!;

      // 1. The citizen signs in and enters a name once, in the profile.
      const page = await openPage(device);
      await page.goto('/me');
      await citizenSignsIn(page, device, baseURL, citizen);
      await visible(page.getByRole('heading', { level: 1, name: 'میز شهروند' }));
      await page.getByRole('button', { name: 'ویرایش مشخصات' }).click();
      await page.getByRole('textbox', { name: 'نام و نام خانوادگی' }).fill(citizen.name);
      await page.getByRole('button', { name: 'ذخیره', exact: true }).click();
      await visible(page.getByText('مشخصات شما ذخیره شد.'));

      // 2. Applies, typing the number with Persian digits.
      const since = new Date();
      await page.goto(`/me/services/${service!.id}/apply`);
      await visible(page.getByRole('heading', { level: 1, name: service!.title, exact: true }));
      await fillServiceForm(page, service!.formSchema, citizen);
      await page.locator('main form').getByRole('textbox', { name: new RegExp(`^\\s*${numberProp.title ?? numberField}`) }).fill('۱۲');
      await page.getByRole('button', { name: 'ثبت درخواست' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'رسید درخواست' }));
      const requestId = pathname(page).split('/').pop()!;
      const shownCode = (await page.locator('.tracking__code').innerText()).trim();
      const trackingCode = asciiDigits(shownCode);

      // The receipt shows the number back in Persian digits, and the applicant by name.
      const answers = page.getByRole('region', { name: 'پاسخ‌های فرم' });
      await expect.poll(() => factOf(answers, numberProp.title ?? numberField).innerText()).toBe('۱۲');
      await visible(page.locator('.receipt-card').getByText(citizen.name));
      expect(await factOf(page, 'کد ملی').innerText()).toBe(masked(nationalCode, 3, 3));
      await check(page, device, 'receipt with answers fa');
      await snap(page, `${device}-receipt-details-fa`);

      // 3. The receipt SMS: the tracking code in Persian digits and the Jalali answer date.
      await expect
        .poll(async () => (await readOutbox(baseURL)).filter((m) => m.recipient === citizen.mobile && m.channel === 'sms' && m.template === 'requests.received' && Date.parse(m.createdAt) >= since.getTime() - 1000).length, { timeout: 20_000 })
        .toBe(1);
      const sms = (await readOutbox(baseURL)).find((m) => m.recipient === citizen.mobile && m.channel === 'sms' && m.template === 'requests.received')!;
      expect(sms.body).toContain(toPersianDigits(trackingCode));
      expect(sms.body).toContain(service!.title);
      expect(sms.body).toMatch(/پاسخ تا [۰-۹]+ [^ ]+ [۰-۹]{4}/);
      expect(sms.body).not.toMatch(/[0-9]/);

      // The outbox page itself: styled, right to left, and no wider than a phone.
      const outbox = await openPage(device);
      await outbox.goto('/dev/outbox');
      await visible(outbox.getByRole('heading', { level: 1, name: 'صندوق پیام‌های شبیه‌ساز' }));
      await visible(outbox.getByText(toPersianDigits(trackingCode), { exact: false }).first());
      await check(outbox, device, 'dev outbox');
      await snap(outbox, `${device}-dev-outbox`);

      // 4. The clerk sees the applicant masked and reveals the full values with one button.
      const desk = await openPage(device);
      await desk.goto('/staff');
      await staffSignsIn(desk, device, DESK_CLERK, 'clerk');
      await desk.goto(`/staff/requests/${requestId}`);
      await visible(desk.getByRole('heading', { level: 1, name: service!.title }));
      const applicant = desk.getByRole('region', { name: 'متقاضی', exact: true });
      await visible(applicant.getByText(citizen.name));
      expect(await desk.getByTestId('applicant-national-code').innerText()).toBe(masked(nationalCode, 3, 3));
      expect(await desk.getByTestId('applicant-mobile').innerText()).toBe(masked(citizen.mobile, 4, 4));
      expect(await desk.content(), 'the full national code is not in the page before the reveal').not.toContain(citizen.nationalCode);
      await check(desk, device, 'staff request applicant masked fa');
      await applicant.getByRole('button', { name: 'نمایش کامل کد ملی و تلفن همراه' }).click();
      await visible(applicant.getByText('کد ملی و تلفن همراه کامل نمایش داده شد', { exact: false }));
      expect(await desk.getByTestId('applicant-national-code').innerText()).toBe(citizen.nationalCode);
      expect(await desk.getByTestId('applicant-mobile').innerText()).toBe(citizen.mobileTyped);
      await check(desk, device, 'staff request applicant revealed fa');

      // 5. Takes it: the timeline names the applicant and the clerk, each with the role.
      await desk.getByRole('button', { name: 'برداشتن برای رسیدگی' }).click();
      await visible(desk.getByText('درخواست به کارتابل شما آمد', { exact: false }));
      const history = desk.getByRole('region', { name: 'روند رسیدگی' });
      await visible(history.getByText(clerk.displayName));
      await visible(history.getByText(citizen.name));
      expect(await history.innerText()).toMatch(hasPersianDigits);
      await check(desk, device, 'staff request timeline fa');
      await snap(desk, `${device}-staff-request-people-fa`);

      // 6. In English, the Persian names stay isolated: each inside a bdi.
      await desk.evaluate(() => localStorage.setItem('dargah.lang', 'en'));
      await desk.reload();
      await visible(desk.getByRole('region', { name: 'Applicant', exact: true }));
      expect(await desk.evaluate(() => document.documentElement.dir)).toBe('ltr');
      const actor = desk.locator('.timeline__actor', { hasText: clerk.displayName });
      await visible(actor);
      expect(await actor.evaluate((el) => el.tagName)).toBe('BDI');
      const name = desk.getByRole('region', { name: 'Applicant', exact: true }).getByText(citizen.name, { exact: true });
      expect(await name.evaluate((el) => el.tagName)).toBe('BDI');
      await check(desk, device, 'staff request en');
      await snap(desk, `${device}-staff-request-en`);
    });
  });
}
