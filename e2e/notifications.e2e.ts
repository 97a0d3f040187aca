import { demoDataSeeded, reportSkipped, servicesOf, staffSessionInfo } from './support/api';
import { DESK_CLERK, type DemoCitizen } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { asciiDigits, readOutbox } from './support/outbox';
import { check, citizenSignsIn, pathname, staffSignsIn, toPersianDigits, visible } from './support/pages';
import { snap } from './support/screenshots';
import { fillServiceForm } from './support/service-form';

/**
 * Notifications in the web app: a citizen applies, the receipt arrives in «پیام‌های من» with the
 * unread count in the navigation; they mark it read, put an e-mail address on file with the code
 * sent to it, and choose e-mail for request messages; the desk clerk sees, on the request's page,
 * that the messages were sent (channel, message, masked recipient, status).
 */

/** This file's citizen (a SIM the registry simulator knows: DEMO_REGISTRY_PEOPLE). */
const CITIZEN: DemoCitizen = { nationalCode: '۰۰۷۱۴۰۵۰۹۷', mobileTyped: '۰۹۱۲۰۰۰۵۴۰۴', mobile: '09120005404' };
const EMAIL = `notify.e2e.${Date.now()}@example.ir`;

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('notifications.e2e.ts', seeded);

describe.skipIf(!seeded)('notifications', () => {
  test('the inbox, the unread badge, the preferences with an e-mail on file, and the delivery status on the desk', async ({ openPage, baseURL }) => {
    const device = 'desktop';
    const clerk = await staffSessionInfo(baseURL, DESK_CLERK.username, DESK_CLERK.password);
    const service = (await servicesOf(baseURL, clerk.agency!.id))[0];
    expect(service, `${clerk.agency!.name} publishes a service`).toBeDefined();

    // 1. The citizen signs in and applies.
    const page = await openPage(device);
    await page.goto('/me');
    await citizenSignsIn(page, device, baseURL, CITIZEN);
    await visible(page.getByRole('heading', { level: 1, name: 'میز شهروند' }));
    await page.goto(`/me/services/${service!.id}/apply`);
    await fillServiceForm(page, service!.formSchema, CITIZEN);
    await page.getByRole('button', { name: 'ثبت درخواست' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'رسید درخواست' }));
    const requestId = pathname(page).split('/').pop()!;
    const trackingCode = asciiDigits((await page.locator('.tracking__code').innerText()).trim());

    // 2. The navigation shows one unread message; the inbox lists the receipt, new, with a Jalali time.
    await page.goto('/me');
    const nav = page.getByRole('navigation', { name: 'ناوبری اصلی' });
    const badge = nav.getByTestId('unread-badge');
    await visible(badge);
    expect(await badge.innerText()).toContain('۱');
    await page.getByRole('link', { name: /پیام‌های من/ }).first().click();
    await visible(page.getByRole('heading', { level: 1, name: 'پیام‌های من' }));
    const message = page.locator('.inbox-item', { hasText: toPersianDigits(trackingCode) });
    await visible(message);
    await visible(message.getByText('درخواست شما ثبت شد'));
    await visible(message.getByText('تازه', { exact: true }));
    expect(await message.locator('time').innerText()).toMatch(/[۰-۹]/);
    await visible(page.getByRole('status').filter({ hasText: '۱ پیام نخوانده' }));
    await check(page, device, 'inbox unread fa');
    await snap(page, `${device}-inbox-fa`);

    // 3. Marks it read: the badge goes.
    await message.getByRole('button', { name: /علامت خوانده‌شده/ }).click();
    await visible(message.getByText('خوانده شد', { exact: true }));
    await visible(page.getByText('همهٔ پیام‌ها خوانده شده‌اند'));
    await expect.poll(() => nav.getByTestId('unread-badge').count()).toBe(0);

    // 4. Preferences: SMS to the masked mobile; e-mail not offered until an address is verified.
    await page.getByRole('link', { name: 'تنظیم راه‌های دریافت پیام' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'راه‌های دریافت پیام' }));
    const sms = page.getByRole('checkbox', { name: /پیامک به/ });
    await visible(sms);
    expect(await sms.isChecked()).toBe(true);
    expect(await sms.evaluate((el) => el.parentElement!.textContent)).toContain(toPersianDigits('0912***5404'));
    expect(await page.getByRole('checkbox', { name: /ایمیل/ }).isDisabled()).toBe(true);
    await check(page, device, 'notification preferences fa');

    // 5. An e-mail address on file: a code goes to it (the developer outbox shows e-mail too).
    const since = Date.now();
    await page.getByRole('textbox', { name: 'نشانی ایمیل' }).fill(EMAIL);
    await page.getByRole('button', { name: 'فرستادن کد تأیید' }).click();
    await visible(page.getByText('کد تأیید به', { exact: false }));
    let code = '';
    await expect
      .poll(async () => {
        const mail = (await readOutbox(baseURL)).find((m) => m.recipient === EMAIL && m.channel === 'email' && m.template === 'identity.email-verify' && Date.parse(m.createdAt) >= since - 1000);
        code = /\b(\d{6})\b/.exec(mail?.body ?? '')?.[1] ?? '';
        return code;
      }, { timeout: 20_000 })
      .toMatch(/^\d{6}$/);
    await check(page, device, 'e-mail code fa');
    await page.getByRole('textbox', { name: 'کد تأیید' }).fill(toPersianDigits(code));
    await page.getByRole('button', { name: 'تأیید نشانی' }).click();
    await visible(page.getByText('نشانی ایمیل شما تأیید و ثبت شد.'));
    await visible(page.getByText('n***@example.ir', { exact: false }).first());

    // 6. Now e-mail is offered: choose it besides SMS and save.
    const email = page.getByRole('checkbox', { name: /ایمیل به/ });
    await expect.poll(() => email.isDisabled()).toBe(false);
    await email.check();
    await page.getByRole('button', { name: 'ذخیرهٔ انتخاب' }).click();
    await visible(page.getByText('انتخاب شما ذخیره شد.'));
    await page.reload();
    await expect.poll(() => page.getByRole('checkbox', { name: /ایمیل به/ }).isChecked()).toBe(true);
    await check(page, device, 'notification preferences saved fa');
    await snap(page, `${device}-notification-preferences-fa`);

    // 7. The clerk sees the delivery of the request's messages on its page, recipients masked.
    const desk = await openPage(device);
    await desk.goto('/staff');
    await staffSignsIn(desk, device, DESK_CLERK, 'clerk');
    await desk.goto(`/staff/requests/${requestId}`);
    const deliveries = desk.getByRole('region', { name: 'پیام‌های فرستاده‌شده به متقاضی' });
    await visible(deliveries);
    const table = deliveries.getByTestId('request-deliveries');
    await visible(table);
    const smsRow = table.locator('tr', { hasText: 'پیامک' });
    await visible(smsRow.getByText('رسید ثبت درخواست'));
    await expect.poll(() => smsRow.innerText(), { timeout: 20_000 }).toContain(toPersianDigits('0912***5404'));
    await visible(table.locator('tr', { hasText: 'درون درگاه' }).getByText('رسید', { exact: true }));
    expect(await desk.content(), 'the full mobile is not on the page').not.toContain(CITIZEN.mobile);
    await check(desk, device, 'staff request deliveries fa');
    await snap(desk, `${device}-staff-request-deliveries-fa`);
  });
});
