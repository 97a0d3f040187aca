import { apiOf, demoDataSeeded, must, reportSkipped } from './support/api';
import type { DemoCitizen } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { check, citizenSignsIn, visible } from './support/pages';
import { snap } from './support/screenshots';
import { fillServiceForm } from './support/service-form';

/**
 * A service's fee paid through the payment gateway (issue 11 item 1, ADR 0037), on a 360 px phone
 * with axe: the apply page shows the fee in rials with Persian digits and refuses to submit before
 * it is paid; the pay button goes to the gateway simulator's page (Persian, right to left); cancelling
 * there comes back with "cancelled"; paying comes back with the reference number, the draft typed
 * before leaving restored, and is still known when the page is opened again; the submission's receipt
 * shows the fee paid; «پرداخت‌های من» lists the cancelled payment and the paid one, linked to its request.
 */

/** This file's citizen (in the mobile registry simulator's seed). */
const CITIZEN = { nationalCode: '۰۰۴۲۰۰۴۲۰۹', mobileTyped: '۰۹۳۵۰۰۴۲۴۰۴', mobile: '09350042404' } as const satisfies DemoCitizen;
const WIDTH = 360;
const AMOUNT = '۱٬۵۰۰٬۰۰۰ ریال';

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('apply-payment.e2e.ts', seeded);

describe.skipIf(!seeded)('paying a service’s fee on a phone', () => {
  test('refuses to submit before paying, cancels then pays at the gateway simulator, and submits with the payment on the receipt', async ({ openPage, baseURL }) => {
    const services = must(await apiOf(baseURL).GET('/api/v1/services', { params: { query: { limit: 100 } } }), 'the desk services').items;
    const service = services.find((s) => s.fee.kind === 'fixed' && s.availability === 'open');
    expect(service, 'the demo seed has an open service with a fee').toBeDefined();

    const page = await openPage('phone', { width: WIDTH });
    await page.goto('/me');
    await citizenSignsIn(page, 'phone', baseURL, CITIZEN);
    await page.goto(`/me/services/${service!.id}/apply`);
    await visible(page.getByRole('heading', { level: 1, name: service!.title, exact: true }));
    const fee = page.getByRole('region', { name: 'هزینهٔ خدمت' });
    await visible(fee.getByText(AMOUNT, { exact: false }).first());

    // 1. Submitting before paying says so at the pay step and sends nothing.
    await fillServiceForm(page, service!.formSchema, CITIZEN);
    await visible(page.getByText(/^پیش‌نویس ذخیره شد/));
    await page.getByRole('button', { name: 'ثبت درخواست' }).click();
    await visible(fee.getByRole('alert').getByText('نخست هزینهٔ خدمت را بپردازید؛ سپس درخواست را ثبت کنید.'));
    expect(page.url()).toContain('/apply');
    await check(page, 'phone', 'apply fee to pay');
    await snap(page, 'phone-apply-fee');

    // 2. The gateway's page: the amount in Persian; cancelling comes back to the apply page, cancelled.
    await fee.getByRole('button', { name: `پرداخت ${AMOUNT}` }).click();
    await page.waitForURL(/\/sim\/payment-gateway\//);
    await visible(page.getByRole('heading', { level: 1, name: 'درگاه پرداخت اینترنتی (شبیه‌ساز)' }));
    await visible(page.getByText(AMOUNT));
    await check(page, 'phone', 'payment gateway simulator');
    await snap(page, 'phone-payment-gateway');
    await page.getByRole('button', { name: 'انصراف' }).click();
    await page.waitForURL(/\/apply\?payment=/);
    await visible(page.getByText('پرداخت را لغو کردید؛ مبلغی برداشته نشد.'));
    await check(page, 'phone', 'apply payment cancelled');

    // 3. Paying comes back paid, with the reference number, and the answers typed before leaving.
    await page.getByRole('region', { name: 'هزینهٔ خدمت' }).getByRole('button', { name: 'پرداخت دوباره' }).click();
    await page.waitForURL(/\/sim\/payment-gateway\//);
    await page.getByRole('button', { name: 'پرداخت', exact: true }).click();
    await page.waitForURL(/\/apply\?payment=/);
    await visible(page.getByText(`هزینه پرداخت شد: ${AMOUNT}`));
    await visible(page.getByText(/^شماره مرجع پرداخت: [۰-۹]{12}$/));
    await visible(page.getByText(/پیش‌نویسی که .* ذخیره کرده بودید باز شد/));
    await check(page, 'phone', 'apply fee paid');
    await snap(page, 'phone-apply-fee-paid');
    // Opened again later without the gateway's ?payment=, the page still knows the payment.
    await page.goto(`/me/services/${service!.id}/apply`);
    await visible(page.getByText(`هزینه پرداخت شد: ${AMOUNT}`));

    // 4. Submitted: the receipt shows the fee paid and its reference number.
    await page.getByRole('button', { name: 'ثبت درخواست' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'رسید درخواست' }));
    await visible(page.getByText('هزینهٔ پرداخت‌شده'));
    await visible(page.getByText(AMOUNT).first());
    await check(page, 'phone', 'receipt with the fee paid');
    await snap(page, 'phone-receipt-fee');

    // 5. «پرداخت‌های من» lists the cancelled payment and the one the request spent, with its tracking code.
    const receiptPath = new URL(page.url()).pathname;
    await page.goto('/me');
    await page.getByRole('link', { name: 'پرداخت‌های من' }).first().click();
    await visible(page.getByRole('heading', { level: 1, name: 'پرداخت‌های من' }));
    const rows = page.locator('.request-row').filter({ hasText: service!.title });
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    const paid = rows.filter({ hasText: 'پرداخت‌شده' }).first();
    await visible(paid.getByText(AMOUNT));
    await paid.getByRole('link').click();
    await page.waitForURL((u) => u.pathname === receiptPath);
    await visible(page.getByRole('heading', { level: 1, name: 'رسید درخواست' }));
    await page.goBack();
    await visible(rows.filter({ hasText: 'لغوشده' }).first());
    await check(page, 'phone', 'my payments');
    await snap(page, 'phone-my-payments');
  });
});
