import { demoDataSeeded, reportSkipped, servicesOf, staffClient, staffSessionInfo } from './support/api';
import { CALL_CENTRE, DESK_CLERK, MINISTRY_ADMIN, type DemoCitizen } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { asciiDigits } from './support/outbox';
import { check, citizenSignsIn, hasPersianDigits, pathname, staffSignsIn, toPersianDigits, visible } from './support/pages';
import { snap } from './support/screenshots';
import { fillServiceForm } from './support/service-form';

/**
 * The applicant's side of a request after the desk (issue 11 §8–10), on a 390 px phone with axe:
 *
 * a citizen applies and the desk approves; the receipt then offers the 1–5 rating (a radio group in
 * words and Persian digits), given once; anyone follows the request at `/track?code=…` by typing the
 * national code in Persian digits (the page loads no script), and a wrong national code is told
 * nothing; a call-centre operator finds it after checking the caller; the ministry's administrator
 * sees the rating in the aggregates.
 */

/** This file's citizen (in the mobile registry simulator's seed). */
const CITIZEN = { nationalCode: '۰۰۱۱۴۰۷۰۱۸', mobileTyped: '۰۹۳۵۰۰۰۷۴۰۴', mobile: '09350007404' } as const satisfies DemoCitizen;
const WIDTH = 390;

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('tracking-feedback.e2e.ts', seeded);

describe.skipIf(!seeded)('tracking, rating and the call centre on a phone', () => {
  test('a closed request is rated once, tracked without signing in, and found by the call centre', async ({ openPage, baseURL }) => {
    const clerk = await staffSessionInfo(baseURL, DESK_CLERK.username, DESK_CLERK.password);
    const service = (await servicesOf(baseURL, clerk.agency!.id)).find((s) => s.availability === 'open');
    expect(service, `${clerk.agency!.name} has an open service`).toBeDefined();

    // 1. The citizen applies.
    const page = await openPage('phone', { width: WIDTH });
    await page.goto('/me');
    await citizenSignsIn(page, 'phone', baseURL, CITIZEN);
    await page.goto(`/me/services/${service!.id}/apply`);
    await visible(page.getByRole('heading', { level: 1, name: service!.title, exact: true }));
    await fillServiceForm(page, service!.formSchema, CITIZEN);
    await page.getByRole('button', { name: 'ثبت درخواست' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'رسید درخواست' }));
    const requestId = pathname(page).split('/').pop()!;
    const trackingCode = asciiDigits((await page.locator('.tracking__code').innerText()).trim());
    // Open: no rating offered yet.
    expect(await page.getByRole('region', { name: 'نظر شما دربارهٔ این خدمت' }).count()).toBe(0);

    // 2. The desk approves (through the API: the desk's own screens have their journeys).
    const { api } = await staffClient(baseURL, DESK_CLERK.username, DESK_CLERK.password);
    const decided = await api.POST('/api/v1/requests/{id}/decide', { params: { path: { id: requestId } }, body: { decision: 'approve' } });
    expect(decided.response.status).toBe(200);

    // 3. The receipt offers the rating: a radio group, each option in words and Persian digits.
    await page.reload();
    const rating = page.getByRole('region', { name: 'نظر شما دربارهٔ این خدمت' });
    await visible(rating);
    const group = rating.getByRole('group', { name: 'امتیاز شما' });
    await visible(group);
    expect(await group.getByRole('radio').count()).toBe(5);
    await check(page, 'phone', 'rating form');
    // Sending without a choice says so at the group.
    await rating.getByRole('button', { name: 'ثبت نظر' }).click();
    await visible(rating.getByText('یکی از امتیازها را برگزینید.'));
    await group.getByRole('radio', { name: /۴ ستاره/ }).check();
    await rating.getByRole('textbox', { name: /توضیح/ }).fill('پاسخ به‌موقع رسید؛ سپاس.');
    await rating.getByRole('button', { name: 'ثبت نظر' }).click();
    await visible(rating.getByText('نظر شما ثبت شد؛ سپاس‌گزاریم.'));
    expect(await rating.getByRole('radio').count()).toBe(0);
    await check(page, 'phone', 'rating given');
    await snap(page, 'phone-rating-given');
    // Given once: after a reload it is shown, not offered again.
    await page.reload();
    await visible(page.getByRole('region', { name: 'نظر شما دربارهٔ این خدمت' }).getByText('پاسخ به‌موقع رسید؛ سپاس.'));
    expect(await page.getByRole('region', { name: 'نظر شما دربارهٔ این خدمت' }).getByRole('radio').count()).toBe(0);

    // 4. Public tracking, without signing in: the code prefilled from the address. The page loads no
    // script (the server renders it and answers its form); axe is injected by the test.
    const visitor = await openPage('phone', { width: WIDTH });
    await visitor.goto(`/track?code=${trackingCode}`);
    await visible(visitor.getByRole('heading', { level: 1, name: 'پیگیری درخواست' }));
    expect(await visitor.locator('script').count()).toBe(0);
    expect(await visitor.getByRole('textbox', { name: /کد رهگیری/ }).inputValue()).toBe(trackingCode);
    await check(visitor, 'phone', 'track form');
    // A wrong national code: told nothing about the request.
    await visitor.getByRole('textbox', { name: /کد ملی متقاضی/ }).fill('۰۰۱۳۵۴۲۴۱۹');
    await visitor.getByRole('button', { name: 'پیگیری', exact: true }).click();
    await visible(visitor.getByText('درخواستی با این کد رهگیری و کد ملی پیدا نشد', { exact: false }));
    expect(await visitor.content()).not.toContain(service!.title);
    // The right one, in Persian digits.
    await visitor.getByRole('textbox', { name: /کد ملی متقاضی/ }).fill(CITIZEN.nationalCode);
    await visitor.getByRole('button', { name: 'پیگیری', exact: true }).click();
    const result = visitor.getByRole('region', { name: service!.title });
    await visible(result);
    await visible(result.getByText('پذیرفته شد').first());
    await visible(result.getByText('ثبت درخواست'));
    expect(await result.innerText()).toMatch(hasPersianDigits);
    expect(await result.innerText()).toContain(toPersianDigits(trackingCode));
    expect(await result.innerText()).not.toContain(clerk.displayName);
    await check(visitor, 'phone', 'track result');
    await snap(visitor, 'phone-track-result');

    // 5. The call centre finds it after checking the caller.
    const operator = await openPage('phone', { width: WIDTH });
    await operator.goto('/staff');
    await staffSignsIn(operator, 'phone', CALL_CENTRE, 'call centre');
    await operator.getByRole('link', { name: 'مرکز تماس' }).click();
    await visible(operator.getByRole('heading', { level: 1, name: 'پاسخ‌گویی مرکز تماس' }));
    await operator.getByRole('textbox', { name: /کد رهگیری/ }).fill(toPersianDigits(trackingCode));
    await operator.getByRole('textbox', { name: /کد ملی تماس‌گیرنده/ }).fill(CITIZEN.nationalCode);
    await operator.getByRole('textbox', { name: /چهار رقم آخر/ }).fill(CITIZEN.mobileTyped.slice(-4));
    await operator.getByRole('button', { name: 'بررسی و نمایش وضعیت' }).click();
    await visible(operator.getByText('مشخصات تماس‌گیرنده با درخواست می‌خواند.'));
    await visible(operator.getByRole('region', { name: service!.title }).getByText('پذیرفته شد').first());
    await check(operator, 'phone', 'call centre result');
    await snap(operator, 'phone-call-centre');

    // 6. The ministry's administrator sees the rating in the aggregates.
    const admin = await openPage('phone', { width: WIDTH });
    await admin.goto('/staff/feedback');
    await staffSignsIn(admin, 'phone', MINISTRY_ADMIN, 'ministry admin', 'نظر متقاضیان');
    const byService = admin.getByTestId('by-service');
    await visible(byService.getByText(service!.title));
    await check(admin, 'phone', 'feedback aggregates');
    await snap(admin, 'phone-feedback');
  });
});
