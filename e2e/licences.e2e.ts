import type { Page } from 'playwright-core';
import { demoDataSeeded, reportSkipped, staffSessionInfo } from './support/api';
import { CENTRAL_REVIEWER, MINISTRY_ADMIN, type DemoStaff } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { check, staffSignsIn, toPersianDigits, visible } from './support/pages';
import { snap } from './support/screenshots';

/**
 * The licence register, in Persian: the ministry's agency administrator registers a licence (the
 * form first stops an empty one at its fields), finds it in the report of licences without a
 * service id, maps it to an approved service id of the ministry, and a second licence mapped to
 * the same service id is refused with the server's message. Every page and dialog is checked with
 * axe, on a desktop and (the list) on a phone. Needs the demo data (NODE_ENV=development).
 */

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('licences.e2e.ts', seeded);

/** A separate API session (not the browser's) for set-up: fetch with its cookie and CSRF token. */
async function apiAs(baseURL: string, who: DemoStaff) {
  const login = await fetch(`${baseURL}/api/v1/auth/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(who),
  });
  if (!login.ok) throw new Error(`sign-in of ${who.username}: ${login.status}`);
  const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseURL}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 400)}`);
    return JSON.parse(text) as T;
  };
}

interface Law {
  id: string;
  articles: Array<{ number: string }>;
}

/**
 * An approved service id of the ministry that no licence holds yet: from the public catalogue when
 * the demo has one, else a card submitted by the ministry's administrator and approved centrally.
 */
async function freeMinistryServiceId(baseURL: string, ministryId: string): Promise<string> {
  const get = async <T>(path: string) => (await (await fetch(`${baseURL}/api/v1${path}`)).json()) as T;
  const services = await get<{ items: Array<{ serviceId: string }> }>(
    `/catalogue/services?agencyId=${ministryId}&limit=100`,
  );
  const licensed = new Set(
    (await get<{ items: Array<{ serviceId: string | null }> }>('/catalogue/public/licences?limit=100')).items.map(
      (l) => l.serviceId,
    ),
  );
  const free = services.items.find((s) => !licensed.has(s.serviceId));
  if (free) return free.serviceId;

  const law = (await get<Law[]>('/catalogue/laws?limit=100')).find((l) => l.articles.length > 0)!;
  const ref = [{ lawId: law.id, article: law.articles[0]!.number }];
  const admin = await apiAs(baseURL, MINISTRY_ADMIN);
  const card = await admin<{ id: string; version: number }>('POST', '/catalogue/cards', {
    agencyId: ministryId,
    content: {
      title: `صدور مجوز آزمایشی ${Date.now().toString(36)}`,
      description: 'شرح کامل خدمت',
      recipients: ['G2B'],
      nature: 'sovereign',
      level: 'national',
      lifeEvents: ['business'],
      startMode: 'on_request',
      legalBasis: ref,
      documents: [{ title: 'کارت ملی', mandatory: true }],
      inquiries: [],
      identity: { personTypes: ['real'], assuranceLevel: 'substantial' },
      fees: [{ title: 'هزینه صدور', amountRials: 100_000, legalBasis: ref, sheba: 'IR820540102680020817909002' }],
      inPersonVisits: { count: 0 },
      channels: { information: ['web'], request: ['web'], delivery: ['post'], eServiceUrl: 'https://example.gov.ir/s' },
      process: {
        start: { description: 'ثبت درخواست' },
        production: { description: 'بررسی' },
        delivery: { description: 'ارسال' },
        legalDeadlineDays: 10,
        normDays: 7,
        extensionAllowed: false,
      },
      complaintRoute: 'سامانه ۱۱۱',
      maturity: { level: 'transactional' },
    },
  });
  const submitted = await admin<{ version: number }>('POST', `/catalogue/cards/${card.id}/submit`, {
    version: card.version,
  });
  const reviewer = await apiAs(baseURL, CENTRAL_REVIEWER);
  const approved = await reviewer<{ serviceId: string }>('POST', `/catalogue/cards/${card.id}/approve`, {
    version: submitted.version,
  });
  return approved.serviceId;
}

const region = (page: Page, name: string) => page.getByRole('region', { name });

describe.skipIf(!seeded)('licences', () => {
  test('the ministry’s administrator registers a licence, maps it to an approved service id, and a second mapping is refused', async ({
    openPage,
    baseURL,
  }) => {
    const admin = await staffSessionInfo(baseURL, MINISTRY_ADMIN.username, MINISTRY_ADMIN.password);
    const ministryId = admin.agency!.id;
    const serviceId = await freeMinistryServiceId(baseURL, ministryId);
    const suffix = Date.now().toString(36);
    const title = `پروانه آزمایشی ${suffix}`;

    const page = await openPage('desktop');
    await page.goto('/staff/catalogue/licences');
    await staffSignsIn(page, 'desktop', MINISTRY_ADMIN, 'licences', 'مجوزها');
    const list = region(page, 'فهرست مجوزها');
    await visible(list.getByRole('list', { name: 'فهرست مجوزها' }));
    await check(page, 'desktop', 'licences list fa');
    await snap(page, 'desktop-licences-fa');

    // An empty licence is stopped at its fields, before anything is sent.
    await page.getByRole('button', { name: 'مجوز تازه' }).click();
    const form = region(page, 'مجوز تازه');
    await form.getByRole('button', { name: 'ثبت مجوز' }).click();
    const titleBox = form.getByRole('textbox', { name: 'عنوان مجوز' });
    await expect.poll(() => titleBox.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => titleBox.evaluate((el) => el === document.activeElement)).toBe(true);
    await visible(form.getByRole('alert').filter({ hasText: 'شرایط ابطال' }));
    await check(page, 'desktop', 'licences form errors fa');

    // The licence, with its legal basis, a document and the terms.
    await form.getByRole('combobox', { name: 'دستگاه صادرکننده' }).selectOption({ label: admin.agency!.name });
    await titleBox.fill(title);
    await form.getByRole('textbox', { name: 'نوع مجوز' }).fill('پروانه کسب');
    await form.getByRole('combobox', { name: 'قانون ردیف ۱' }).selectOption({ index: 1 });
    await form.getByRole('combobox', { name: 'ماده ردیف ۱' }).selectOption({ index: 1 });
    await form.getByRole('button', { name: 'افزودن مدرک' }).click();
    await form.getByRole('textbox', { name: 'عنوان مدرک ردیف ۱' }).fill('کارت ملی');
    await form.getByRole('textbox', { name: 'مدت صدور (روز کاری)' }).fill('۱۰');
    await form.getByRole('textbox', { name: 'مدت اعتبار (ماه)' }).fill('۱۲');
    await form.getByRole('textbox', { name: 'شرایط ابطال' }).fill('تخلف از ضوابط صدور');
    await form.getByRole('button', { name: 'ثبت مجوز' }).click();
    await visible(page.getByRole('status').filter({ hasText: `مجوز «${title}» ثبت شد.` }));

    // It is in the report of licences without a service id.
    await page.getByRole('button', { name: 'مجوزهای بدون شناسه خدمت' }).click();
    const report = region(page, 'مجوزهای بدون شناسه خدمت');
    await visible(report.getByRole('heading', { level: 3, name: title }));
    await visible(report.getByRole('table').getByRole('rowheader', { name: admin.agency!.name }));
    await visible(report.getByRole('link', { name: 'دریافت CSV' }));
    await check(page, 'desktop', 'licences unmapped report fa');
    await snap(page, 'desktop-licences-unmapped-fa');

    // Mapped to the approved service id (typed with Persian digits): it leaves the report.
    await report.getByRole('button', { name: `نگاشت به شناسه خدمت «${title}»` }).click();
    const dialog = page.getByRole('dialog', { name: `نگاشت «${title}» به شناسه خدمت` });
    await dialog.getByRole('textbox', { name: 'شناسه خدمت' }).fill(toPersianDigits(serviceId));
    await check(page, 'desktop', 'licences map dialog fa');
    await page.getByRole('button', { name: 'ثبت نگاشت' }).click();
    await visible(page.getByRole('status').filter({ hasText: `مجوز «${title}» به شناسه خدمت ${serviceId} نگاشت شد.` }));
    await expect.poll(() => report.getByRole('heading', { level: 3, name: title }).count()).toBe(0);

    // A second licence on the same service id: refused, with the server's message, and left unmapped.
    const second = `مجوز دوم ${suffix}`;
    const api = await apiAs(baseURL, MINISTRY_ADMIN);
    const law = ((await (await fetch(`${baseURL}/api/v1/catalogue/laws?limit=100`)).json()) as Law[]).find(
      (l) => l.articles.length > 0,
    )!;
    await api('POST', '/catalogue/licences', {
      agencyId: ministryId,
      title: second,
      kind: 'مجوز تأسیس',
      legalBasis: [{ lawId: law.id, article: law.articles[0]!.number }],
      issueDays: 5,
      validityMonths: null,
      costRials: 0,
      cancellationConditions: 'تخلف',
    });
    await page.reload();
    await visible(page.getByRole('heading', { level: 1, name: 'مجوزها' }));
    await page.getByRole('button', { name: 'مجوزهای بدون شناسه خدمت' }).click();
    await report.getByRole('button', { name: `نگاشت به شناسه خدمت «${second}»` }).click();
    const again = page.getByRole('dialog', { name: `نگاشت «${second}» به شناسه خدمت` });
    await again.getByRole('textbox', { name: 'شناسه خدمت' }).fill(serviceId);
    await page.getByRole('button', { name: 'ثبت نگاشت' }).click();
    await visible(again.getByRole('alert').filter({ hasText: 'این شناسه خدمت به مجوز دیگری نگاشت شده است' }));
    await check(page, 'desktop', 'licences map refused fa');
    await snap(page, 'desktop-licences-map-refused-fa');
    await again.getByRole('button', { name: 'بستن' }).click();
    await visible(report.getByRole('heading', { level: 3, name: second }));

    // On a phone: the list, filtered to mapped licences, shows the mapped one with its service id.
    const phone = await openPage('phone');
    await phone.goto('/staff/catalogue/licences');
    await staffSignsIn(phone, 'phone', MINISTRY_ADMIN, 'licences phone', 'مجوزها');
    const phoneList = region(phone, 'فهرست مجوزها');
    await phoneList.getByRole('searchbox', { name: 'جستجو در عنوان، نوع یا شناسه خدمت' }).fill(title);
    await phoneList.getByRole('combobox', { name: 'شناسه خدمت' }).selectOption('yes');
    await phoneList.getByRole('button', { name: 'اعمال' }).click();
    const item = phoneList.getByRole('listitem').filter({ has: phone.getByRole('heading', { name: title }) });
    await visible(item.getByText(toPersianDigits(serviceId)));
    await check(phone, 'phone', 'licences list fa');
  });
});
