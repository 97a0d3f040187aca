import type { Page } from 'playwright-core';
import { demoDataSeeded, reportSkipped } from './support/api';
import {
  CENTRAL_REVIEWER,
  EXPIRED_CARD_TITLE,
  EXPIRING_CARD_TITLE,
  MINISTRY_ADMIN,
  ORG_ADMIN,
  PLATFORM_ADMIN,
  type DemoStaff,
} from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { asciiDigits } from './support/outbox';
import { check, hasPersianDigits, pathname, staffSignsIn, toPersianDigits, visible } from './support/pages';
import { snap } from './support/screenshots';

/**
 * The card's life after drafting, in Persian: the organisation's administrator submits a complete
 * card (set up through the API); the ministry (its parent) finds it in the review queue with its
 * one-week due date and forwards it; the central reviewer approves it and sees the service id; a
 * second, stale page of the reviewer is told someone acted first. Then a change request: edited
 * through the API, submitted in the dialog with the change basis and the head's approval (an API
 * field error shown first); the reviewer sees the field-by-field diff and approves; the card is
 * renewed unchanged and the renewal approved. The seeded expired card shows «منقضی شده», also on a
 * phone. Separation of duties: a central reviewer whose roles are in the card's agency line is
 * offered no review step (and refused by the API); the central body's reviewer is. Every page is
 * checked with axe. (Over 400 lines: the review journeys share their set-up helpers here.)
 */

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('catalogue-review.e2e.ts', seeded);

const QUEUE = '/staff/catalogue/review';
const QUEUE_TITLE = 'کارتابل بررسی شناسنامه‌ها';

interface CardView {
  id: string;
  status: string;
  version: number;
  currentVersion: number;
  serviceId: string | null;
  content: Record<string, unknown>;
}

/** The API as the signed-in page (its cookie), with the session's CSRF token on writes, as lib/api.ts sends it. */
async function apiOf(page: Page) {
  const session = await page.request.get('/api/v1/auth/session');
  expect(session.status(), 'signed in').toBe(200);
  const { csrfToken, id, agency } = (await session.json()) as {
    csrfToken: string;
    id: string;
    agency: { id: string } | null;
  };
  const headers = { 'x-csrf-token': csrfToken, 'accept-language': 'fa' };
  const call = async <T>(method: 'GET' | 'POST' | 'PUT', url: string, data?: unknown): Promise<T> => {
    const res = await page.request.fetch(`/api/v1${url}`, {
      method,
      headers,
      ...(data === undefined ? {} : { data }),
    });
    const text = await res.text();
    if (!res.ok()) throw new Error(`${method} ${url} answered ${res.status()}: ${text.slice(0, 600)}`);
    return JSON.parse(text) as T;
  };
  return {
    staffId: id,
    agencyId: agency!.id,
    get: <T>(url: string) => call<T>('GET', url),
    post: <T>(url: string, data: unknown) => call<T>('POST', url, data),
    put: <T>(url: string, data: unknown) => call<T>('PUT', url, data),
  };
}

/** Opens a page on `path` (a staff page), signing in on the way. */
async function signedIn(page: Page, staff: DemoStaff, path: string, landsOn: string, label: string) {
  await page.goto(path);
  await staffSignsIn(page, 'desktop', staff, label, landsOn);
  expect(pathname(page)).toBe(path);
}

const SHEBA = 'IR820540102680020817909002';

/** A card with every field the submission checks (as completeCard in catalogue.test.ts). */
function completeCard(title: string, lawId: string, otherAgencyId: string) {
  return {
    title,
    subServices: [{ title: 'صدور المثنی' }],
    description: 'صدور گواهی مهارت برای دارندگان مدرک آموزش فنی و حرفه‌ای، پس از آزمون.',
    recipients: ['G2C'],
    nature: 'sovereign',
    level: 'national',
    lifeEvents: ['education', 'employment'],
    startMode: 'on_request',
    legalBasis: [{ lawId, article: '29' }],
    documents: [
      { title: 'کارت ملی', mandatory: true },
      {
        title: 'گواهی سابقهٔ کار',
        mandatory: true,
        byInquiry: true,
        evidenceType: 'گواهی سابقهٔ کار',
        providerAgencyId: otherAgencyId,
      },
    ],
    inquiries: [{ agencyId: otherAgencyId, data: 'سابقهٔ اشتغال', mode: 'instant' }],
    identity: { personTypes: ['real'], assuranceLevel: 'substantial' },
    fees: [{ title: 'هزینهٔ صدور', amountRials: 500_000, legalBasis: [{ lawId, article: '8' }], sheba: SHEBA }],
    inPersonVisits: { count: 0 },
    channels: {
      information: ['web', 'call_centre'],
      request: ['web', 'counter'],
      delivery: ['post'],
      eServiceUrl: 'https://example.gov.ir/skills',
    },
    process: {
      start: { description: 'ثبت درخواست' },
      production: { description: 'بررسی و صدور' },
      delivery: { description: 'ارسال پستی' },
      legalDeadlineDays: 10,
      normDays: 7,
      extensionAllowed: false,
    },
    complaintRoute: 'سامانهٔ ۱۱۱',
    maturity: { level: 'transactional' },
  };
}

/** The actions region of the card page, and a step's button in it. */
const actions = (page: Page) => page.getByRole('region', { name: 'اقدام‌ها' });
const statusIs = (page: Page, status: string) =>
  visible(page.getByRole('region', { name: 'وضعیت و تاریخ‌ها' }).getByText(status, { exact: true }));

/** Opens a step's dialog from the actions region and confirms it (typing a comment when given). */
async function takeStep(page: Page, button: string, dialogTitle: string, comment?: string) {
  await actions(page).getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: dialogTitle });
  await visible(dialog);
  if (comment !== undefined) await dialog.getByRole('textbox', { name: /توضیح/ }).fill(comment);
  await dialog.getByRole('button', { name: button, exact: true }).click();
  return dialog;
}

describe.skipIf(!seeded)('catalogue review on desktop', () => {
  test('parent review, central approval with a service id, a stale reviewer told, a change request with diff, renewal', async ({
    openPage,
  }) => {
    // Set-up through the API, signed in as the organisation's administrator: a complete card, submitted.
    const org = await openPage('desktop');
    await signedIn(org, ORG_ADMIN, QUEUE, QUEUE_TITLE, 'org admin');
    const orgApi = await apiOf(org);
    const laws =
      await orgApi.get<Array<{ id: string; title: string; articles: Array<{ number: string }> }>>(
        '/catalogue/laws?limit=100',
      );
    const law = laws.find((l) => l.title === 'قانون مدیریت خدمات کشوری');
    expect(law, 'the demo laws register has قانون مدیریت خدمات کشوری').toBeDefined();
    const agencies = await orgApi.get<Array<{ id: string; parentId: string | null }>>('/agencies');
    const ministryId = agencies.find((a) => a.id === orgApi.agencyId)!.parentId;
    expect(ministryId, 'the organisation has a parent (the ministry)').not.toBeNull();

    const title = `صدور گواهی مهارت آزمون بررسی ${toPersianDigits(String(Date.now()).slice(-6))}`;
    const created = await orgApi.post<CardView>('/catalogue/cards', {
      agencyId: orgApi.agencyId,
      content: completeCard(title, law!.id, ministryId!),
    });
    const submitted = await orgApi.post<CardView>(`/catalogue/cards/${created.id}/submit`, {
      version: created.version,
    });
    expect(submitted.status).toBe('parent_review');
    const cardPath = `/staff/catalogue/${created.id}`;

    // 1. The ministry's administrator finds it in the review queue, due within the week, and forwards it.
    const ministry = await openPage('desktop');
    await signedIn(ministry, MINISTRY_ADMIN, QUEUE, QUEUE_TITLE, 'ministry admin');
    const queue = ministry.getByRole('list', { name: 'فهرست شناسنامه‌های منتظر بررسی' });
    const row = queue.getByRole('listitem').filter({ has: ministry.getByRole('link', { name: title }) });
    await visible(row);
    await visible(row.getByText('در بررسی دستگاه مادر'));
    const due = row.locator('dt', { hasText: 'مهلت بررسی دستگاه مادر' }).locator('xpath=following-sibling::dd');
    const dueText = await due.innerText();
    expect(dueText, 'the due date in Jalali with Persian digits').toMatch(hasPersianDigits);
    expect(dueText).not.toContain('—');
    // The seeded notices: the expired card and the one expiring in 20 days (the 30-day reminder).
    const notices = ministry.getByRole('list', { name: 'اعلان‌ها' });
    await visible(notices.getByRole('listitem').filter({ hasText: EXPIRED_CARD_TITLE }).getByText('منقضی شد'));
    await visible(
      notices
        .getByRole('listitem')
        .filter({ hasText: EXPIRING_CARD_TITLE })
        .getByText(`${toPersianDigits('30')} روز تا انقضا`),
    );
    await check(ministry, 'desktop', 'review queue (parent)');
    await snap(ministry, 'desktop-catalogue-review-queue');

    await row.getByRole('link', { name: title }).click();
    await visible(ministry.getByRole('heading', { level: 1, name: title }));
    await statusIs(ministry, 'در بررسی دستگاه مادر');
    await visible(ministry.getByRole('heading', { level: 3, name: 'مبنای قانونی' }));
    await visible(ministry.getByText('قانون مدیریت خدمات کشوری').first());
    await check(ministry, 'desktop', 'card page (parent review)');
    await takeStep(ministry, 'ارسال به بررسی مرکزی', 'ارسال به بررسی مرکزی');
    await visible(ministry.getByText('شناسنامه به بررسی مرکزی ارسال شد.'));
    await statusIs(ministry, 'در بررسی مرکزی');

    // 2. The central reviewer, on two pages of the same card: the first approves, the stale second is told.
    const reviewer = await openPage('desktop');
    await signedIn(reviewer, CENTRAL_REVIEWER, QUEUE, QUEUE_TITLE, 'central reviewer');
    await reviewer
      .getByRole('list', { name: 'فهرست شناسنامه‌های منتظر بررسی' })
      .getByRole('link', { name: title })
      .click();
    await visible(reviewer.getByRole('heading', { level: 1, name: title }));
    expect(pathname(reviewer)).toBe(cardPath);
    const stale = await reviewer.context().newPage();
    await stale.goto(cardPath);
    await visible(stale.getByRole('heading', { level: 1, name: title }));
    await visible(actions(stale).getByRole('button', { name: 'رد', exact: true }));

    await check(reviewer, 'desktop', 'card page (central review)');
    await takeStep(reviewer, 'تأیید', 'تأیید شناسنامه');
    await visible(reviewer.getByText('شناسنامه تأیید شد.'));
    await statusIs(reviewer, 'تأیید شده');
    const idShown = reviewer.locator('[data-service-id]');
    await visible(idShown);
    const serviceId = (await idShown.getAttribute('data-service-id'))!;
    expect(serviceId).toMatch(/^\d{11}$/);
    expect(asciiDigits(await idShown.innerText())).toBe(serviceId);
    await visible(reviewer.getByRole('button', { name: 'کپی شناسهٔ خدمت' }));
    // The history names who approved it: the reviewer of another agency than the card's.
    await visible(reviewer.locator('.timeline__meta', { hasText: 'محمد صادقی' }).last());
    await check(reviewer, 'desktop', 'card page (approved)');
    await snap(reviewer, 'desktop-catalogue-card-approved');

    const reason = 'مدارک کافی نیست؛ دوباره بررسی شود.';
    const staleDialog = await takeStep(stale, 'رد', 'رد شناسنامه', reason);
    await visible(stale.getByText('کارشناس دیگری هم‌زمان روی این شناسنامه اقدام کرد؛ وضعیت تازه را ببینید'));
    expect(await staleDialog.isVisible()).toBe(false);
    // What the reviewer typed is kept, and the page shows the card as it now is.
    await visible(stale.getByText(reason, { exact: true }));
    await statusIs(stale, 'تأیید شده');
    expect(await actions(stale).getByRole('button', { name: 'رد', exact: true }).count()).toBe(0);
    await check(stale, 'desktop', 'card page (conflict)');
    const afterConflict = await orgApi.get<CardView>(`/catalogue/cards/${created.id}`);
    expect(afterConflict).toMatchObject({ status: 'approved', serviceId });
    await stale.close();

    // 3. A change request: opened and edited through the API, submitted in the dialog.
    const opened = await orgApi.post<CardView>(`/catalogue/cards/${created.id}/change-requests`, {
      version: afterConflict.version,
    });
    const changedContent = {
      ...opened.content,
      process: { ...(opened.content.process as object), normDays: 5 },
    };
    const edited = await orgApi.put<CardView>(`/catalogue/cards/${created.id}`, {
      version: opened.version,
      content: changedContent,
    });
    expect(edited.currentVersion).toBe(2);

    await org.goto(cardPath);
    await visible(org.getByRole('heading', { level: 1, name: title }));
    await statusIs(org, 'پیش‌نویس');
    await actions(org).getByRole('button', { name: 'ارسال برای بررسی', exact: true }).click();
    const submit = org.getByRole('dialog', { name: 'ارسال شناسنامه برای بررسی' });
    await visible(submit);
    await submit.getByRole('combobox', { name: /قانون یا مقررهٔ تغییریافته/ }).selectOption({ label: law!.title });
    await submit.getByRole('checkbox', { name: /مادهٔ ۸/ }).check();
    await submit
      .getByRole('textbox', { name: /دلیل تغییر/ })
      .fill('کاهش زمان استاندارد به‌دنبال اصلاح آیین‌نامهٔ اجرایی');
    await submit.getByRole('textbox', { name: /شمارهٔ نامه یا مرجع/ }).fill('۱۲۳۴/ص/۱۴۰۴');
    // A date in the future: the API refuses it at its field, and nothing else typed is lost.
    const date = submit.getByRole('textbox', { name: /تاریخ تأیید/ });
    await date.fill('۱۴۹۹/۰۱/۰۱');
    await submit.getByRole('button', { name: 'ارسال برای بررسی', exact: true }).click();
    await visible(submit.getByText('تاریخ نمی‌تواند در آینده باشد.').first());
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    expect(await submit.getByRole('textbox', { name: /دلیل تغییر/ }).inputValue()).toContain('کاهش زمان استاندارد');
    await check(org, 'desktop', 'submit change request dialog');
    await date.fill('۱۴۰۳/۰۱/۱۵');
    await submit.getByRole('button', { name: 'ارسال برای بررسی', exact: true }).click();
    await visible(org.getByText('شناسنامه برای بررسی ارسال شد.'));
    await statusIs(org, 'در بررسی دستگاه مادر');
    await visible(org.getByRole('region', { name: 'مبنای درخواست تغییر' }).getByText('قانون مدیریت خدمات کشوری'));

    // The ministry forwards it (API); the reviewer sees the diff at once and approves.
    const ministryApi = await apiOf(ministry);
    const inParent = await ministryApi.get<CardView>(`/catalogue/cards/${created.id}`);
    await ministryApi.post(`/catalogue/cards/${created.id}/forward`, { version: inParent.version });

    await reviewer.goto(QUEUE);
    const changeRow = reviewer
      .getByRole('list', { name: 'فهرست شناسنامه‌های منتظر بررسی' })
      .getByRole('listitem')
      .filter({ has: reviewer.getByRole('link', { name: title }) });
    await visible(changeRow.getByText('درخواست تغییر'));
    await changeRow.getByRole('link', { name: title }).click();
    const diff = reviewer.getByRole('table', { name: /تغییرات از نسخهٔ ۱ به نسخهٔ ۲/ });
    await visible(diff);
    const changed = diff.getByRole('row').filter({ hasText: 'زمان استاندارد ارائه (روز کاری)' });
    await visible(changed);
    expect(await changed.getByRole('cell').nth(0).innerText()).toBe('۷');
    expect(await changed.getByRole('cell').nth(1).innerText()).toBe('۵');
    expect(await diff.getByRole('row').count(), 'one header row and the one changed field').toBe(2);
    await check(reviewer, 'desktop', 'card page (change request diff)');
    await snap(reviewer, 'desktop-catalogue-card-diff');
    await takeStep(reviewer, 'تأیید', 'تأیید شناسنامه');
    await visible(reviewer.getByText('شناسنامه تأیید شد.'));
    await statusIs(reviewer, 'تأیید شده');
    expect(await reviewer.locator('[data-service-id]').getAttribute('data-service-id')).toBe(serviceId);

    // 4. Renewal: the organisation confirms the card unchanged; the reviewer approves the renewal.
    await org.goto(cardPath);
    await statusIs(org, 'تأیید شده');
    await actions(org).getByRole('button', { name: 'تمدید', exact: true }).click();
    const renew = org.getByRole('dialog', { name: 'تمدید شناسنامه' });
    await visible(renew);
    expect(await renew.getByRole('radio', { name: /تأیید بدون تغییر/ }).isChecked()).toBe(true);
    await check(org, 'desktop', 'renew dialog');
    await renew.getByRole('button', { name: 'تمدید', exact: true }).click();
    await visible(org.getByText('درخواست تمدید برای بررسی مرکزی ارسال شد.'));
    await statusIs(org, 'در بررسی تمدید');

    await reviewer.goto(QUEUE);
    const renewalRow = reviewer
      .getByRole('list', { name: 'فهرست شناسنامه‌های منتظر بررسی' })
      .getByRole('listitem')
      .filter({ has: reviewer.getByRole('link', { name: title }) });
    await visible(renewalRow.getByText('تمدید', { exact: true }));
    await renewalRow.getByRole('link', { name: title }).click();
    await statusIs(reviewer, 'در بررسی تمدید');
    await takeStep(reviewer, 'تأیید', 'تأیید شناسنامه');
    await statusIs(reviewer, 'تأیید شده');
    const history = reviewer.getByRole('region', { name: 'سابقهٔ شناسنامه' });
    await visible(history.getByText('تأیید تمدید').first());
    await visible(history.getByText('درخواست تغییر').first());
    await visible(history.getByText('درخواست تمدید').first());
    // The stale rejection never happened.
    expect(await history.getByText(reason).count()).toBe(0);
  });
});

describe.skipIf(!seeded)('catalogue review: an expired card', () => {
  for (const device of ['desktop', 'phone'] as const)
    test(`shows «منقضی شده» on ${device}`, async ({ openPage }) => {
      const page = await openPage(device);
      await page.goto(QUEUE);
      await staffSignsIn(page, device, MINISTRY_ADMIN, `ministry admin ${device}`, QUEUE_TITLE);
      await check(page, device, 'review queue');
      await page
        .getByRole('list', { name: 'اعلان‌ها' })
        .getByRole('link', { name: EXPIRED_CARD_TITLE })
        .first()
        .click();
      await visible(page.getByRole('heading', { level: 1, name: EXPIRED_CARD_TITLE }));
      await visible(page.getByText('منقضی شده', { exact: true }).first());
      await visible(page.getByText(/اعتبار یک‌سالهٔ این شناسنامه در .* به پایان رسیده است/));
      await visible(actions(page).getByRole('button', { name: 'تمدید', exact: true }));
      await visible(page.locator('[data-service-id]'));
      await check(page, device, 'card page (expired)');
      await snap(page, `${device}-catalogue-card-expired`);
    });
});

describe.skipIf(!seeded)('catalogue review: separation of duties', () => {
  test('a central reviewer of the owning agency’s line is offered no approve, return or reject; an independent one is', async ({
    openPage,
  }) => {
    // Set-up through the API: the organisation's card, submitted, and forwarded by the ministry.
    const org = await openPage('desktop');
    await signedIn(org, ORG_ADMIN, QUEUE, QUEUE_TITLE, 'org admin (separation)');
    const orgApi = await apiOf(org);
    const laws = await orgApi.get<Array<{ id: string; title: string }>>('/catalogue/laws?limit=100');
    const law = laws.find((l) => l.title === 'قانون مدیریت خدمات کشوری')!;
    const agencies = await orgApi.get<Array<{ id: string; parentId: string | null }>>('/agencies');
    const ministryId = agencies.find((a) => a.id === orgApi.agencyId)!.parentId!;
    const title = `صدور گواهی تفکیک وظایف ${toPersianDigits(String(Date.now()).slice(-6))}`;
    const created = await orgApi.post<CardView>('/catalogue/cards', {
      agencyId: orgApi.agencyId,
      content: completeCard(title, law.id, ministryId),
    });
    await orgApi.post<CardView>(`/catalogue/cards/${created.id}/submit`, { version: created.version });
    const ministry = await openPage('desktop');
    await signedIn(ministry, MINISTRY_ADMIN, QUEUE, QUEUE_TITLE, 'ministry admin (separation)');
    const ministryApi = await apiOf(ministry);
    const parentViewed = await ministryApi.get<CardView>(`/catalogue/cards/${created.id}`);
    const forwarded = await ministryApi.post<CardView>(`/catalogue/cards/${created.id}/forward`, {
      version: parentViewed.version,
    });
    expect(forwarded.status).toBe('central_review');
    const cardPath = `/staff/catalogue/${created.id}`;
    const reviewSteps = ['تأیید', 'بازگرداندن برای اصلاح', 'رد'];

    // The platform administrator reviews centrally, but holds their roles in the ministry, the organisation's parent.
    const inLine = await openPage('desktop');
    await signedIn(inLine, PLATFORM_ADMIN, cardPath, title, 'platform admin (separation)');
    await statusIs(inLine, 'در بررسی مرکزی');
    await visible(actions(inLine).getByText('بررسی آن با شما نیست', { exact: false }));
    for (const step of reviewSteps)
      expect(await actions(inLine).getByRole('button', { name: step, exact: true }).count(), step).toBe(0);
    await check(inLine, 'desktop', 'card page (reviewer of the owning line)');
    await snap(inLine, 'desktop-catalogue-card-conflict-of-interest');
    // The server says the same: its capabilities, and the step itself refused with its code.
    const caps = await inLine.request.get(`/api/v1/catalogue/cards/${created.id}/capabilities`);
    expect(await caps.json()).toMatchObject({ approve: false, return: false, reject: false });
    const session = (await (await inLine.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
    const refused = await inLine.request.post(`/api/v1/catalogue/cards/${created.id}/approve`, {
      headers: { 'x-csrf-token': session.csrfToken },
      data: { version: forwarded.version },
    });
    expect([refused.status(), ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([
      403,
      'REVIEWER_CONFLICT_OF_INTEREST',
    ]);

    // The central body's reviewer is offered all three.
    const independent = await openPage('desktop');
    await signedIn(independent, CENTRAL_REVIEWER, cardPath, title, 'central reviewer (separation)');
    for (const step of reviewSteps)
      await visible(actions(independent).getByRole('button', { name: step, exact: true }));
  });
});
