import { demoDataSeeded, reportSkipped } from './support/api';
import { CENTRAL_REVIEWER, DESK_CLERK, MINISTRY_ADMIN, type DemoStaff } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { check, staffSignsIn, visible } from './support/pages';
import { snap } from './support/screenshots';

/**
 * The service architecture, in Persian: a central reviewer adds a category to a macro domain and
 * sees it as a gap, then marks one approved service as a duplicate of another, found by searching
 * the catalogue; the page passes axe on a desktop and a phone. Staff without the role are told
 * plainly. Two approved services are set up through the API (drafted by the ministry's
 * administrator, approved by the central reviewer). Needs the demo data (NODE_ENV=development).
 */

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('catalogue-architecture.e2e.ts', seeded);

const PAGE_TITLE = 'معماری خدمات';

interface ApiSession {
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
  agencyId: string;
}

async function apiSession(baseURL: string, staff: DemoStaff): Promise<ApiSession> {
  const login = await fetch(`${baseURL}/api/v1/auth/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: staff.username, password: staff.password }),
  });
  const info = (await login.json()) as { csrfToken: string; agency: { id: string } };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  return {
    agencyId: info.agency.id,
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${baseURL}/api/v1${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': info.csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 400)}`);
      return JSON.parse(text) as T;
    },
  };
}

/** Two approved services of the ministry with titles carrying `suffix`; waits until the search finds both. */
async function approvedServices(baseURL: string, suffix: string): Promise<[string, string]> {
  const admin = await apiSession(baseURL, MINISTRY_ADMIN);
  const reviewer = await apiSession(baseURL, CENTRAL_REVIEWER);
  const [law] = await admin.call<Array<{ id: string; articles: Array<{ number: string }> }>>('GET', '/catalogue/laws');
  const ref = { lawId: law!.id, article: law!.articles[0]!.number };
  const titles = [`صدور پروانهٔ آزمایشی معماری ${suffix}`, `صدور مجوز آزمایشی معماری ${suffix}`] as const;
  for (const title of titles) {
    const card = await admin.call<{ id: string; version: number }>('POST', '/catalogue/cards', {
      agencyId: admin.agencyId,
      content: {
        title,
        description: 'خدمت آزمایشی برای معماری خدمات',
        recipients: ['G2B'],
        nature: 'sovereign',
        level: 'national',
        lifeEvents: ['business'],
        startMode: 'on_request',
        legalBasis: [ref],
        documents: [{ title: 'کارت ملی', mandatory: true }],
        inquiries: [],
        identity: { personTypes: ['real'], assuranceLevel: 'substantial' },
        fees: [],
        inPersonVisits: { count: 0 },
        channels: {
          information: ['web'],
          request: ['web'],
          delivery: ['web'],
          eServiceUrl: 'https://example.gov.ir/x',
        },
        process: {
          start: { description: 'ثبت درخواست' },
          production: { description: 'بررسی' },
          delivery: { description: 'صدور' },
          legalDeadlineDays: 10,
          normDays: 5,
          extensionAllowed: false,
        },
        complaintRoute: 'سامانه ۱۱۱',
        maturity: { level: 'transactional' },
      },
    });
    const sub = await admin.call<{ version: number; status: string }>('POST', `/catalogue/cards/${card.id}/submit`, {
      version: card.version,
    });
    expect(sub.status).toBe('central_review');
    await reviewer.call('POST', `/catalogue/cards/${card.id}/approve`, { version: sub.version });
  }
  // The public search refreshes its projection at most every two seconds.
  await expect
    .poll(
      async () => {
        const res = await fetch(`${baseURL}/api/v1/catalogue/services?${new URLSearchParams({ q: suffix })}`);
        return ((await res.json()) as { items: unknown[] }).items.length;
      },
      { timeout: 15_000, interval: 500 },
    )
    .toBe(2);
  return [titles[0], titles[1]];
}

describe.skipIf(!seeded)('service architecture', () => {
  test('a central reviewer adds a category, sees it as a gap and marks a service duplicate', async ({
    openPage,
    baseURL,
  }) => {
    const suffix = `e2e${Date.now().toString(36)}`;
    const [original, duplicate] = await approvedServices(baseURL, suffix);

    const page = await openPage('desktop');
    await page.goto('/staff/catalogue/architecture');
    await staffSignsIn(page, 'desktop', CENTRAL_REVIEWER, 'architecture', PAGE_TITLE);
    const taxonomy = page.getByRole('region', { name: 'کلان‌حوزه‌ها و دسته‌ها' });
    await visible(taxonomy.getByRole('heading', { level: 3, name: /سلامت/ }));
    await check(page, 'desktop', 'architecture fa');
    await snap(page, 'desktop-architecture-fa');

    // A new category in the health domain: a wrong code is stopped at its field first.
    await taxonomy.getByRole('button', { name: 'دستهٔ تازه در سلامت' }).click();
    const form = page.getByRole('region', { name: 'دستهٔ تازه' });
    const category = `دستهٔ آزمایشی ${suffix}`;
    await form.getByRole('textbox', { name: 'عنوان فارسی' }).fill(category);
    const code = form.getByRole('textbox', { name: 'کد' });
    await code.fill('کد فارسی');
    await form.getByRole('button', { name: 'ثبت', exact: true }).click();
    await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true');
    await check(page, 'desktop', 'architecture category errors fa');
    await code.fill(suffix);
    await form.getByRole('button', { name: 'ثبت', exact: true }).click();
    await visible(taxonomy.getByText(category, { exact: true }));

    // The gaps table lists it as a gap of the health domain.
    const gaps = page.getByRole('region', { name: 'شکاف‌ها به تفکیک کلان‌حوزه' });
    const healthRow = gaps.getByRole('row', { name: /^سلامت/ });
    const gapItem = healthRow.getByRole('cell').nth(2).getByRole('listitem').filter({ hasText: category });
    await visible(gapItem.getByText('شکاف', { exact: true }));

    // Mark the second service as a duplicate of the first, found by searching the catalogue.
    const markForm = page.getByRole('region', { name: 'نشانه‌گذاری خدمت' });
    await markForm.getByRole('button', { name: 'ثبت نشانه' }).click();
    await visible(markForm.getByText('خدمت را از نتیجه‌های جستجو انتخاب کنید.').first());
    await markForm.getByRole('searchbox', { name: /^خدمت — / }).fill(suffix);
    await markForm.getByRole('button', { name: 'جستجوی خدمت', exact: true }).click();
    await markForm
      .getByRole('list', { name: 'نتیجه‌های جستجو برای خدمت', exact: true })
      .getByRole('button', { name: duplicate })
      .click();
    await expect(markForm.getByRole('combobox', { name: 'نوع نشانه' }).inputValue()).resolves.toBe('duplicate');
    await markForm.getByRole('searchbox', { name: /^خدمت مرتبط — / }).fill(suffix);
    await markForm.getByRole('button', { name: 'جستجوی خدمت مرتبط' }).click();
    await markForm
      .getByRole('list', { name: 'نتیجه‌های جستجو برای خدمت مرتبط' })
      .getByRole('button', { name: original })
      .click();
    await markForm.getByRole('textbox', { name: 'یادداشت' }).fill('دو شناسنامه برای یک خدمت');
    await markForm.getByRole('button', { name: 'ثبت نشانه' }).click();
    await visible(markForm.getByText('نشانه ثبت شد.'));

    const marks = page.getByRole('list', { name: 'فهرست نشانه‌گذاری‌ها' });
    const mark = marks.getByRole('listitem').filter({ hasText: duplicate });
    await visible(mark);
    await visible(mark.getByText('تکراری', { exact: true }));
    await visible(mark.getByText(original, { exact: false }));
    await check(page, 'desktop', 'architecture marked fa');
    await snap(page, 'desktop-architecture-marked-fa');

    // A second open duplicate mark on the same service is refused, with the server's message.
    await markForm.getByRole('searchbox', { name: /^خدمت — / }).fill(suffix);
    await markForm.getByRole('button', { name: 'جستجوی خدمت', exact: true }).click();
    await markForm
      .getByRole('list', { name: 'نتیجه‌های جستجو برای خدمت', exact: true })
      .getByRole('button', { name: duplicate })
      .click();
    await markForm.getByRole('searchbox', { name: /^خدمت مرتبط — / }).fill(suffix);
    await markForm.getByRole('button', { name: 'جستجوی خدمت مرتبط' }).click();
    await markForm
      .getByRole('list', { name: 'نتیجه‌های جستجو برای خدمت مرتبط' })
      .getByRole('button', { name: original })
      .click();
    await markForm.getByRole('button', { name: 'ثبت نشانه' }).click();
    await visible(markForm.getByText('از قبل نشانه‌گذاری بازی از همین نوع دارد', { exact: false }));
  });

  test('on a phone the page reads well and passes axe', async ({ openPage }) => {
    const page = await openPage('phone');
    await page.goto('/staff/catalogue/architecture');
    await staffSignsIn(page, 'phone', CENTRAL_REVIEWER, 'architecture phone', PAGE_TITLE);
    await visible(page.getByRole('region', { name: 'شکاف‌ها به تفکیک کلان‌حوزه' }).getByRole('table').first());
    await check(page, 'phone', 'architecture fa');
    await snap(page, 'phone-architecture-fa');
  });

  test('staff without the central reviewer role are told they may not use it', async ({ openPage }) => {
    const page = await openPage('desktop');
    await page.goto('/staff/catalogue/architecture');
    await staffSignsIn(page, 'desktop', DESK_CLERK, 'architecture clerk', PAGE_TITLE);
    await visible(page.getByText('اجازهٔ دسترسی ندارید'));
    expect(await page.getByRole('button', { name: 'کلان‌حوزهٔ تازه' }).count()).toBe(0);
    await check(page, 'desktop', 'architecture not permitted fa');
  });
});
