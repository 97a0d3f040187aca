import type { Page } from 'playwright-core';
import { demoDataSeeded, must, reportSkipped, servicesOf, staffClient, staffSessionInfo, type PublicServiceInfo } from './support/api';
import { expectAccessible } from './support/axe';
import { DEMO_SIGNER, type DemoCitizen, type DemoStaff, DEMO_PASSWORD } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { asciiDigits } from './support/outbox';
import { cartableLoaded, check, citizenSignsIn, pathname, staffSignsIn, toPersianDigits, visible } from './support/pages';
import { snap } from './support/screenshots';
import { fillServiceForm } from './support/service-form';

/**
 * The desk's work screens (issue 11 item 13, with items 5–7), in Persian: a citizen on a phone
 * applies to the organisation's duplicate-certificate service typing the certificate number in
 * Persian digits; its desk clerk (desktop) finds the request in the cartable by its tracking code
 * typed in Persian digits, claims it and asks for a correction of that number in the dialog; the
 * citizen corrects it and replies, and the history says what became of the answer date; the clerk
 * writes in the request's thread and the citizen sees the message with the writer's role; the
 * clerk approves in the decision dialog (she has no signing key: the answer waits for a signature,
 * as both pages say) and the unit manager (the demo signer) signs it with her PIN; the citizen downloads the signed answer (a PDF) and its verification page says valid; the clerk
 * then selects two new requests in the cartable and claims them after the confirmation, while a
 * colleague claims one of them first: the result of each is listed. axe on every new screen state.
 *
 * The thread comes before the decision: a decided request takes no new messages (the page says so).
 */

/** This file's citizen (DEMO_REGISTRY_PEOPLE in apps/api/src/seed/demo.ts registers the SIM). */
const CITIZEN = { nationalCode: '۰۰۱۱۴۰۸۰۱۴', mobileTyped: '۰۹۳۵۰۰۰۸۴۰۴', mobile: '09350008404' } as const satisfies DemoCitizen;
/** The organisation's desk clerk: works the duplicate-certificate service's requests. */
const ORG_CLERK: DemoStaff = { username: 'clerk.org', password: DEMO_PASSWORD };
const SERVICE_TITLE = 'صدور المثنی گواهی‌نامه مهارت';
const CODE_FIELD = 'شماره گواهی‌نامه';

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('desk-work.e2e.ts', seeded);

/** Applies on the service's page, the certificate number typed in Persian digits; returns the request's id and tracking code. */
async function apply(page: Page, service: PublicServiceInfo, certificate: string): Promise<{ id: string; code: string }> {
  await page.goto(`/me/services/${service.id}/apply`);
  await visible(page.getByRole('heading', { level: 1, name: service.title, exact: true }));
  await fillServiceForm(page, service.formSchema, CITIZEN);
  await page.locator('main form').getByRole('textbox', { name: new RegExp(`^\\s*${CODE_FIELD}`) }).fill(certificate);
  await page.getByRole('button', { name: 'ثبت درخواست' }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'رسید درخواست' }));
  const shown = (await page.locator('.tracking__code').innerText()).trim();
  return { id: pathname(page).split('/').pop()!, code: asciiDigits(shown) };
}

/** The cartable searched for a tracking code typed in Persian digits; returns the one row found. */
async function searchCartable(desk: Page, code: string) {
  await desk.goto('/staff');
  const cartable = await cartableLoaded(desk);
  await cartable.getByRole('searchbox', { name: 'جست‌وجو' }).fill(toPersianDigits(code));
  await cartable.getByRole('button', { name: 'جست‌وجو', exact: true }).click();
  await expect.poll(() => new URL(desk.url()).searchParams.get('q')).toBe(toPersianDigits(code));
  const list = cartable.getByRole('list', { name: 'درخواست‌های کارتابل' });
  await visible(list.getByText(toPersianDigits(code)));
  await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
  return list.getByRole('listitem').first();
}

describe.skipIf(!seeded)('the desk works a request: claim, correction, messages, signed answer, bulk claim', () => {
  test('a phone citizen and the organisation’s desk, in Persian', async ({ openPage, baseURL }) => {
    const clerk = await staffSessionInfo(baseURL, ORG_CLERK.username, ORG_CLERK.password);
    const service = (await servicesOf(baseURL, clerk.agency!.id)).find((s) => s.title === SERVICE_TITLE);
    expect(service, `${clerk.agency!.name} offers «${SERVICE_TITLE}»`).toBeDefined();

    // 1. The citizen, on a phone, applies typing the certificate number in Persian digits.
    const citizen = await openPage('phone');
    await citizen.goto('/me');
    await citizenSignsIn(citizen, 'phone', baseURL, CITIZEN);
    await visible(citizen.getByRole('heading', { level: 1, name: 'میز شهروند' }));
    const request = await apply(citizen, service!, '۱۲۳۴۵۶۷');
    expect(request.code).toMatch(/^\d+$/);
    expect(await citizen.locator('.tracking__code').innerText()).toBe(toPersianDigits(request.code));
    await check(citizen, 'phone', 'desk-work receipt');

    // 2. The clerk finds it by its tracking code in Persian digits, claims it, asks for a correction.
    const desk = await openPage('desktop');
    await desk.goto('/staff/sign-in');
    await staffSignsIn(desk, 'desktop', ORG_CLERK, 'org clerk');
    let row = await searchCartable(desk, request.code);
    await visible(row.getByText('برداشته نشده'));
    await check(desk, 'desktop', 'cartable searched by tracking code');
    await row.getByRole('button', { name: 'برداشتن', exact: true }).click();
    await visible(row.getByText('در دست شما'));
    await visible(row.getByRole('button', { name: 'رها کردن' }));
    await check(desk, 'desktop', 'cartable item claimed');
    await snap(desk, 'desktop-cartable-claimed-fa');

    await row.getByRole('link', { name: SERVICE_TITLE }).click();
    await visible(desk.getByRole('heading', { level: 1, name: SERVICE_TITLE }));
    expect(pathname(desk)).toBe(`/staff/requests/${request.id}`);
    // Claiming holds the work item; the workflow asks for a correction only in review, so the clerk takes it first.
    await desk.getByRole('button', { name: 'برداشتن برای رسیدگی' }).click();
    await visible(desk.getByText('درخواست به کارتابل شما آمد', { exact: false }));
    await desk.getByRole('button', { name: 'درخواست اصلاح از متقاضی' }).click();
    const ask = desk.getByRole('dialog', { name: 'درخواست اصلاح از متقاضی' });
    await visible(ask);
    await ask.getByRole('checkbox', { name: CODE_FIELD }).check();
    await ask.getByRole('textbox', { name: /پیام به متقاضی/ }).fill('شماره گواهی‌نامه با سوابق ما نمی‌خواند؛ لطفاً آن را از روی گواهی‌نامه بنویسید.');
    await expectAccessible(desk, 'desktop ask correction dialog');
    await ask.getByRole('button', { name: 'ارسال درخواست اصلاح' }).click();
    await visible(desk.getByText('در انتظار پاسخ متقاضی').first());
    await expect.poll(() => ask.isVisible()).toBe(false);
    await check(desk, 'desktop', 'staff request awaiting applicant');

    // 3. The citizen sees the correction on the request page, corrects the number and replies.
    await citizen.goto(`/me/requests/${request.id}`);
    const correction = citizen.getByRole('region', { name: 'اصلاح خواسته‌شده' });
    await visible(correction);
    await visible(correction.getByText('شماره گواهی‌نامه با سوابق ما نمی‌خواند', { exact: false }));
    const number = correction.getByRole('textbox', { name: new RegExp(`^\\s*${CODE_FIELD}`) });
    expect(asciiDigits(await number.inputValue())).toBe('1234567');
    await check(citizen, 'phone', 'correction asked');
    await snap(citizen, 'phone-correction-asked-fa');
    const dueBefore = await citizen.locator('dt', { hasText: 'موعد پاسخ' }).locator('xpath=following-sibling::dd').first().innerText();
    await number.fill('۷۶۵۴۳۲۱۰');
    await correction.getByRole('textbox', { name: /توضیح شما/ }).fill('شماره درست را نوشتم.');
    await correction.getByRole('button', { name: 'ارسال پاسخ' }).click();
    await expect.poll(() => correction.count()).toBe(0);
    const history = citizen.getByRole('region', { name: 'روند رسیدگی' });
    await visible(history.getByText('اصلاح یا مدرک از متقاضی خواسته شد'));
    const replied = history.getByRole('listitem').filter({ hasText: 'متقاضی پاسخ داد' });
    await visible(replied);
    // The answer date: moved by the working days paused (from and to), or, when the reply came
    // within the same working day, unchanged — the history says which, and the facts agree.
    const dueNow = await citizen.locator('dt', { hasText: 'موعد پاسخ' }).locator('xpath=following-sibling::dd').first().innerText();
    const dueNote = replied.locator('.timeline__note').filter({ hasText: 'موعد پاسخ' });
    await visible(dueNote);
    const said = await dueNote.innerText();
    const unchanged = /^موعد پاسخ همان (.+) ماند \(توقف کمتر از یک روز کاری بود\)\.$/.exec(said);
    if (unchanged) {
      expect(dueNow).toBe(dueBefore);
      expect(dueNow).toContain(unchanged[1]!.split('/').at(-1)!.replace(/^۰/, ''));
    } else {
      expect(said).toMatch(/^موعد پاسخ از [۰-۹/]+ به [۰-۹/]+ رفت \([۱-۹][۰-۹]* روز کاری توقف\)\.$/);
      expect(dueNow).not.toBe(dueBefore);
    }
    const answers = citizen.getByRole('region', { name: 'پاسخ‌های فرم' });
    await visible(answers.getByText('۷۶۵۴۳۲۱۰'));
    await check(citizen, 'phone', 'correction answered');

    // 5 (before the decision: a decided request takes no new messages). The clerk writes in the
    // thread; the citizen sees it with the writer's role.
    await desk.reload();
    const deskThread = desk.getByRole('region', { name: 'پیام‌ها', exact: true });
    await visible(deskThread);
    await deskThread.getByRole('textbox', { name: /پیام تازه/ }).fill('پاسخ شما رسید؛ درخواست در دست بررسی است.');
    await deskThread.getByRole('button', { name: 'ارسال پیام' }).click();
    await visible(deskThread.getByText('پاسخ شما رسید؛ درخواست در دست بررسی است.'));
    await check(desk, 'desktop', 'staff thread with a message');
    await citizen.reload();
    const thread = citizen.getByRole('region', { name: 'پیام‌ها', exact: true });
    const message = thread.getByRole('listitem').filter({ hasText: 'پاسخ شما رسید؛ درخواست در دست بررسی است.' });
    await visible(message);
    const author = (await message.locator('.timeline__actor').innerText()).trim();
    expect(author.length).toBeGreaterThan(1);
    expect(author).not.toContain(clerk.displayName);
    await check(citizen, 'phone', 'citizen thread with staff message');
    await snap(citizen, 'phone-thread-fa');

    // 4. The clerk approves in the decision dialog. She has no signing key (the PIN is optional):
    // the answer is issued and waits for a signature, as her page and the citizen's say.
    await desk.reload();
    await desk.getByRole('button', { name: 'تأیید درخواست' }).click();
    const decide = desk.getByRole('dialog', { name: 'تأیید درخواست و صدور پاسخ' });
    await visible(decide);
    await visible(decide.getByText('در «اسناد در انتظار امضا» می‌ماند', { exact: false }));
    await decide.getByRole('textbox', { name: /دلایل/ }).fill('شماره گواهی‌نامه با سوابق سازمان خواند.');
    await expectAccessible(desk, 'desktop decision dialog');
    await decide.getByRole('button', { name: 'بله، تأیید شود' }).click();
    await visible(desk.getByText('پاسخ صادر شد.'));
    const staffAnswer = desk.getByRole('region', { name: 'پاسخ امضاشده' });
    await visible(staffAnswer.getByText('در انتظار امضا', { exact: true }));
    await visible(staffAnswer.getByRole('link', { name: 'بارگیری پاسخ (PDF)' }));
    await check(desk, 'desktop', 'staff request answered, unsigned');
    await citizen.reload();
    const waiting = citizen.getByRole('region', { name: 'پاسخ امضاشده' });
    await visible(waiting.getByText('در انتظار امضای دستگاه است', { exact: false }));
    expect(await waiting.getByRole('link', { name: /بارگیری/ }).count()).toBe(0);
    await check(citizen, 'phone', 'citizen answer waiting for signature');

    // The organisation's unit manager (the demo signer) signs it from her documents with her PIN.
    const manager = await openPage('desktop');
    await manager.goto('/staff/sign-in');
    await staffSignsIn(manager, 'desktop', DEMO_SIGNER, 'signer');
    await manager.getByRole('link', { name: 'اسناد در انتظار امضا' }).click();
    const toSign = manager.getByRole('list', { name: 'اسناد در انتظار امضای من' });
    await visible(toSign);
    await toSign.getByRole('link', { name: 'پاسخ درخواست: تأیید' }).click();
    await visible(manager.getByRole('heading', { level: 1, name: 'پاسخ درخواست: تأیید' }));
    await manager.getByRole('button', { name: 'امضای سند' }).click();
    const sign = manager.getByRole('dialog');
    await sign.getByLabel('رمز امضا').fill(DEMO_SIGNER.pin);
    await sign.getByRole('button', { name: 'امضا می‌کنم' }).click();
    await visible(manager.getByText('سند امضا شد.'));
    await check(manager, 'desktop', 'answer document signed');
    await snap(manager, 'desktop-answer-signed-fa');

    // The citizen downloads the signed answer (a PDF) and its verification page says valid.
    await citizen.reload();
    const answer = citizen.getByRole('region', { name: 'پاسخ امضاشده' });
    await visible(answer.getByText('امضا شده', { exact: false }));
    await visible(citizen.getByText('تأیید شده').first());
    const pdfLink = answer.getByRole('link', { name: 'بارگیری پاسخ امضاشده (PDF)' });
    const pdf = await citizen.request.get((await pdfLink.getAttribute('href'))!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await visible(citizen.getByRole('region', { name: 'پیام‌ها', exact: true }).getByText('رسیدگی پایان یافته و پیام تازه پذیرفته نمی‌شود.'));
    await check(citizen, 'phone', 'citizen signed answer');
    await snap(citizen, 'phone-signed-answer-fa');
    await answer.getByRole('link', { name: 'تصدیق پاسخ' }).click();
    await visible(citizen.getByRole('heading', { level: 1, name: 'تصدیق سند' }));
    await expect.poll(() => citizen.locator('[data-verdict]').first().getAttribute('data-verdict')).toBe('valid');
    await visible(citizen.getByText('معتبر', { exact: true }).first());
    await visible(citizen.getByText(DEMO_SIGNER.name).first());
    await check(citizen, 'phone', 'answer verification valid');

    // 6. Two new requests; the clerk selects both in the cartable and claims them after confirming.
    const second = await apply(citizen, service!, '۲۲۲۳۳۳۴۴');
    const third = await apply(citizen, service!, '۳۳۳۴۴۴۵۵');
    await desk.goto('/staff?claim=unclaimed');
    const cartable = await cartableLoaded(desk);
    await visible(cartable.getByText(toPersianDigits(second.code)));
    await visible(cartable.getByText(toPersianDigits(third.code)));
    await cartable.getByRole('checkbox', { name: `انتخاب ${toPersianDigits(second.code)}` }).check();
    await cartable.getByRole('checkbox', { name: `انتخاب ${toPersianDigits(third.code)}` }).check();
    const selection = cartable.getByRole('group', { name: '۲ مورد انتخاب شده' });
    await visible(selection);
    await check(desk, 'desktop', 'cartable two selected');
    // Meanwhile a colleague (the organisation's expert) claims the third: that item alone fails.
    const colleague = await staffClient(baseURL, 'expert.org', DEMO_PASSWORD);
    const work = must(await colleague.api.GET('/api/v1/requests/{id}/work', { params: { path: { id: third.id } } }), 'the work item');
    must(
      await colleague.api.POST('/api/v1/requests/{id}/claim', {
        params: { path: { id: third.id }, header: { 'idempotency-key': `desk-work-${third.id}` } },
        body: { version: work.claimVersion },
      }),
      'the colleague’s claim',
    );
    await selection.getByRole('button', { name: 'برداشتن موارد انتخاب‌شده' }).click();
    const confirm = desk.getByRole('dialog', { name: 'برداشتن ۲ درخواست' });
    await visible(confirm);
    await visible(confirm.getByText('نتیجهٔ هر کدام را می‌بینید', { exact: false }));
    await expectAccessible(desk, 'desktop bulk claim dialog');
    await confirm.getByRole('button', { name: 'بله، انجام شود' }).click();
    const results = cartable.getByRole('status').or(cartable.locator('[aria-live="polite"]')).filter({ hasText: '۱ مورد انجام شد و ۱ مورد انجام نشد.' });
    await visible(results);
    // One line per item, by tracking code (the claimed rows have left the «unclaimed» list by now).
    const lines = results.getByRole('listitem');
    await expect.poll(() => lines.count()).toBe(2);
    expect(await lines.filter({ hasText: toPersianDigits(second.code) }).innerText()).toContain('انجام شد');
    const failed = await lines.filter({ hasText: toPersianDigits(third.code) }).innerText();
    expect(failed).toContain('همکار دیگری زودتر برداشته است');
    await check(desk, 'desktop', 'cartable bulk claim results');
    await snap(desk, 'desktop-cartable-bulk-claimed-fa');
    row = await searchCartable(desk, second.code);
    await visible(row.getByText('در دست شما'));
    row = await searchCartable(desk, third.code);
    await visible(row.getByText(colleague.me.displayName, { exact: false }));
  });
});
