import { demoDataSeeded, reportSkipped, staffClient } from './support/api';
import { COUNTER_OPERATOR, DESK_CLERK, MINISTRY_ADMIN, type DemoCitizen } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { asciiDigits, readOtp } from './support/outbox';
import { check, citizenSignsIn, staffSignsIn, toPersianDigits, visible } from './support/pages';
import { snap } from './support/screenshots';
import { fillServiceForm } from './support/service-form';

/**
 * Every channel, attributed (issue 11 item 9), on a 390 px phone with axe on each page: the Tehran
 * counter office's operator lands on a home that leads to the counter page, sends the citizen a
 * consent code (read here from `/dev/outbox`, as the citizen would read it out), fills the
 * delegated service's form and submits; the citizen later signs in and finds the request in their
 * requests; the ministry's administrator sees it in the counters' work; the ministry's desk clerk
 * registers a walk-in request having seen the national card.
 */

/** This file's citizen (in the mobile registry simulator's seed). */
const CITIZEN = { nationalCode: '۰۰۱۱۴۰۹۰۱۰', mobileTyped: '۰۹۳۵۰۰۰۹۴۰۴', mobile: '09350009404' } as const satisfies DemoCitizen;
const WIDTH = 390;

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('counter.e2e.ts', seeded);

describe.skipIf(!seeded)('the counter office, the in-person desk and the agency’s oversight on a phone', () => {
  test('the operator submits for a citizen with their SMS code; the citizen finds it; the agency oversees it; a walk-in is registered', async ({ openPage, baseURL }) => {
    const { api } = await staffClient(baseURL, COUNTER_OPERATOR.username, COUNTER_OPERATOR.password);
    const desk = await api.GET('/api/v1/counter');
    expect(desk.response.status).toBe(200);
    const service = desk.data!.services[0]!;

    // 1. The operator signs in and lands on a home whose first section is the counter page.
    const page = await openPage('phone', { width: WIDTH });
    await page.goto('/staff');
    await staffSignsIn(page, 'phone', COUNTER_OPERATOR, 'counter operator');
    await check(page, 'phone', 'counter operator home');
    await page.getByRole('link', { name: 'ثبت درخواست در پیشخوان' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'ثبت درخواست در دفتر پیشخوان' }));
    await check(page, 'phone', 'counter page');

    // 2. The citizen's consent: a code to the mobile registered to them, read out.
    const since = new Date();
    await page.getByRole('textbox', { name: 'کد ملی شهروند' }).fill(CITIZEN.nationalCode);
    await page.getByRole('textbox', { name: 'شمارهٔ همراه شهروند' }).fill(CITIZEN.mobileTyped);
    await page.getByRole('button', { name: 'فرستادن کد' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'کد به' }));
    const code = await readOtp(baseURL, CITIZEN.mobile, { since, template: 'channels.consent-code' });
    await page.getByRole('textbox', { name: 'کد شش‌رقمی که شهروند می‌خواند' }).fill(toPersianDigits(code));
    await check(page, 'phone', 'counter consent sent');

    // 3. The delegated service's form, filled for the citizen, and submitted.
    await fillServiceForm(page, service.formSchema, CITIZEN);
    await page.getByRole('button', { name: 'ثبت درخواست برای شهروند' }).click();
    const done = page.getByRole('status').filter({ hasText: 'درخواست ثبت شد' });
    await visible(done);
    const shown = /کد رهگیری: ([۰-۹]+)/.exec(await done.innerText())?.[1];
    expect(shown, 'the tracking code in Persian digits').toBeDefined();
    await check(page, 'phone', 'counter submitted');
    await snap(page, 'phone-counter-submitted');

    // 4. The citizen signs in later: the request is in their requests.
    const citizen = await openPage('phone', { width: WIDTH });
    await citizen.goto('/me');
    await citizenSignsIn(citizen, 'phone', baseURL, CITIZEN);
    const mine = citizen.getByRole('region', { name: 'درخواست‌های من' });
    await visible(mine.getByRole('listitem').filter({ hasText: shown! }));
    await check(citizen, 'phone', 'citizen sees the counter request');

    // 5. The ministry's administrator oversees the counters' work.
    const admin = await openPage('phone', { width: WIDTH });
    await admin.goto('/staff');
    await staffSignsIn(admin, 'phone', MINISTRY_ADMIN, 'ministry admin');
    await admin.getByRole('link', { name: 'کار دفاتر پیشخوان' }).click();
    await visible(admin.getByRole('heading', { level: 1, name: 'کار دفاتر پیشخوان' }));
    const table = admin.getByRole('table', { name: /درخواست‌های ثبت‌شده در پیشخوان/ });
    await visible(table.getByRole('row').filter({ hasText: shown! }));
    await visible(table.getByRole('row').filter({ hasText: 'کامران نیک‌نام' }).first());
    await check(admin, 'phone', 'counter work');

    // 6. The ministry's desk clerk registers a walk-in, having seen the original national card.
    const clerk = await openPage('phone', { width: WIDTH });
    await clerk.goto('/staff');
    await staffSignsIn(clerk, 'phone', DESK_CLERK, 'desk clerk');
    await clerk.getByRole('link', { name: 'میز خدمت حضوری' }).click();
    await visible(clerk.getByRole('heading', { level: 1, name: 'ثبت درخواست حضوری' }));
    await check(clerk, 'phone', 'walk-in page');
    const who = clerk.getByRole('region', { name: 'شناسایی مراجعه‌کننده' });
    await who.getByRole('radio', { name: 'اصل کارت ملی را دیدم' }).check();
    // Identified by the card: no code is asked for.
    await expect.poll(() => clerk.getByRole('region', { name: '۱. رضایت شهروند' }).count()).toBe(0);
    await who.getByRole('textbox', { name: 'کد ملی شهروند' }).fill(CITIZEN.nationalCode);
    await who.getByRole('checkbox', { name: /گواهی می‌کنم/ }).check();
    const walkInService = (await (await staffClient(baseURL, DESK_CLERK.username, DESK_CLERK.password)).api.GET('/api/v1/walk-in')).data!.services[0]!;
    await fillServiceForm(clerk, walkInService.formSchema, CITIZEN);
    await clerk.getByRole('button', { name: 'ثبت درخواست برای شهروند' }).click();
    await visible(clerk.getByRole('status').filter({ hasText: 'درخواست ثبت شد' }));
    await check(clerk, 'phone', 'walk-in submitted');
    expect(asciiDigits(shown!)).toMatch(/^\d{10}$/);
  });
});
