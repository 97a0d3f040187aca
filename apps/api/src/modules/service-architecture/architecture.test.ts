import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, signInStaff, type Session } from '../../../test/factories';
import { expectKeyReuseRefused, expectReplayedCreate } from '../../../test/idempotency';
import { syncCatalogueEntries } from '../catalogue';
import { sealAuditNow } from '../../../test/audit';

/*
 * The service architecture through the API: the taxonomy (central reviewers edit it, everyone reads
 * it), classification checked at submission, deletion refused while a card uses a term, marks on
 * approved services and the gaps per domain computed from cards approved through the API, and the
 * public search filtered by category and domain.
 */

let t: TestApp;
let agency: string;
let otherAgency: string;
let lawId: string;
type Who = 'admin' | 'otherAdmin' | 'expert' | 'central' | 'central2' | 'auditor';
const s = {} as Record<Who, Session>;

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who?: Who, payload?: unknown) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who ? s[who].headers : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
const code = (res: { json(): unknown }) => (res.json() as { error?: { code: string } }).error?.code;

const SHEBA = 'IR820540102680020817909002';
const completeCard = (title: string, classification?: { categoryId?: string; layerId?: string }) => ({
  title,
  description: 'شرح کامل خدمت',
  recipients: ['G2C'],
  nature: 'sovereign',
  level: 'national',
  lifeEvents: ['education'],
  startMode: 'on_request',
  legalBasis: [{ lawId, article: '1' }],
  documents: [{ title: 'کارت ملی', mandatory: true }],
  inquiries: [],
  identity: { personTypes: ['real'], assuranceLevel: 'substantial' },
  fees: [{ title: 'هزینه صدور', amountRials: 100_000, legalBasis: [{ lawId, article: '1' }], sheba: SHEBA }],
  inPersonVisits: { count: 0 },
  channels: { information: ['web'], request: ['web'], delivery: ['post'], eServiceUrl: 'https://example.gov.ir/s' },
  process: {
    start: { description: 'ثبت درخواست' },
    production: { description: 'بررسی و صدور' },
    delivery: { description: 'ارسال پستی' },
    legalDeadlineDays: 10,
    normDays: 7,
    extensionAllowed: false,
  },
  complaintRoute: 'سامانه ۱۱۱',
  maturity: { level: 'transactional' },
  ...(classification ? { classification } : {}),
});

interface Card {
  id: string;
  version: number;
  status: string;
  serviceId: string | null;
}
/** A card of the agency created by its administrator (a draft). */
async function draftCard(
  title: string,
  classification?: { categoryId?: string; layerId?: string },
  who: Who = 'admin',
) {
  const res = await call('POST', '/catalogue/cards', who, {
    agencyId: who === 'otherAdmin' ? otherAgency : agency,
    content: completeCard(title, classification),
  });
  expect(res.statusCode).toBe(201);
  return res.json<Card>();
}
/** A card submitted and approved centrally (the agencies have no parent). */
async function approvedCard(
  title: string,
  classification?: { categoryId?: string; layerId?: string },
  who: Who = 'admin',
) {
  const d = await draftCard(title, classification, who);
  const sub = await call('POST', `/catalogue/cards/${d.id}/submit`, who, { version: d.version });
  expect(sub.json()).toMatchObject({ status: 'central_review' });
  const ok = await call('POST', `/catalogue/cards/${d.id}/approve`, 'central', { version: sub.json<Card>().version });
  expect(ok.json()).toMatchObject({ status: 'approved' });
  return ok.json<Card>();
}

interface Term {
  id: string;
  code: string;
  titleFa: string;
  version: number;
  domainId?: string;
}
const eventsOf = (streamId: string) =>
  t.ctx.database.query<{ action: string; stream_type: string }>(
    'SELECT action, stream_type FROM events WHERE stream_id = $1 ORDER BY id',
    [streamId],
  );
const auditsOf = async (objectId: string) => {
  await sealAuditNow(t.ctx.database);
  return t.ctx.database.query<{ action: string }>('SELECT action FROM audit_entries WHERE object_id = $1 ORDER BY id', [objectId]);
};

beforeAll(async () => {
  t = await buildTestApp();
  agency = (await buildAgency(t, { nameFa: 'سازمان ثبت اسناد آزمایشی' })).id;
  otherAgency = (await buildAgency(t, { nameFa: 'سازمان دیگر آزمایشی' })).id;
  const central = (await buildAgency(t, { nameFa: 'سازمان اداری و استخدامی', kind: 'central_body' })).id;
  const sign = async (a: string, roles: Parameters<typeof buildStaff>[2]) =>
    signInStaff(t, (await buildStaff(t, a, roles)).username);
  s.admin = await sign(agency, ['expert', 'agency_admin']);
  s.otherAdmin = await sign(otherAgency, ['expert', 'agency_admin']);
  s.expert = await sign(agency, ['expert']);
  s.central = await sign(central, ['central_reviewer']);
  s.central2 = await sign(central, ['central_reviewer']);
  s.auditor = await sign(central, ['oversight_auditor']);
  const law = await call('POST', '/catalogue/laws', 'central', {
    title: 'قانون آزمایشی معماری',
    kind: 'law',
    approvingBody: 'مجلس شورای اسلامی',
    number: '7',
    approvedOn: '1401/02/10',
    articles: [{ number: '1', text: 'ماده ۱' }],
  });
  lawId = law.json<{ id: string }>().id;
});
afterAll(() => t.close());

describe('the taxonomy', () => {
  let health: Term;
  let education: Term;
  let clinics: Term;
  let national: Term;

  it('central reviewers add domains, categories and layers; the public reads them in order', async () => {
    const d1 = await call('POST', '/catalogue/architecture/domains', 'central', {
      code: 'Health',
      titleFa: 'سلامت',
      titleEn: 'Health',
      sort: 2,
    });
    expect(d1.statusCode).toBe(201);
    health = d1.json<Term>();
    expect(health).toMatchObject({ code: 'health', titleFa: 'سلامت', version: 1 });
    education = (
      await call('POST', '/catalogue/architecture/domains', 'central', { code: 'education', titleFa: 'آموزش', sort: 1 })
    ).json<Term>();
    const c = await call('POST', '/catalogue/architecture/categories', 'central', {
      domainId: health.id,
      code: 'clinics',
      titleFa: 'درمانگاه‌ها',
    });
    expect(c.statusCode).toBe(201);
    clinics = c.json<Term>();
    const l = await call('POST', '/catalogue/architecture/layers', 'central', {
      code: 'national',
      titleFa: 'ملی',
      titleEn: 'National',
    });
    expect(l.statusCode).toBe(201);
    national = l.json<Term>();

    const pub = await call('GET', '/catalogue/architecture');
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toEqual({
      domains: [
        { id: education.id, code: 'education', title: 'آموزش', titleEn: null, categories: [] },
        {
          id: health.id,
          code: 'health',
          title: 'سلامت',
          titleEn: 'Health',
          categories: [{ id: clinics.id, code: 'clinics', title: 'درمانگاه‌ها', titleEn: null }],
        },
      ],
      layers: [{ id: national.id, code: 'national', title: 'ملی', titleEn: 'National' }],
    });
    expect((await eventsOf(clinics.id)).map((e) => [e.stream_type, e.action])).toEqual([
      ['service_category', 'created'],
    ]);
    expect((await auditsOf(health.id)).map((a) => a.action)).toEqual(['service_domain.create']);
  });

  it('refuses anyone else, a taken code and a bad one, changing nothing', async () => {
    const before = (await call('GET', '/catalogue/architecture')).json();
    for (const who of ['admin', 'expert', 'auditor'] as const) {
      const res = await call('POST', '/catalogue/architecture/domains', who, { code: 'x1', titleFa: 'حوزه' });
      expect([who, res.statusCode, code(res)]).toEqual([who, 403, 'FORBIDDEN']);
    }
    expect(
      (await call('POST', '/catalogue/architecture/domains', undefined, { code: 'x1', titleFa: 'حوزه' })).statusCode,
    ).toBe(401);
    const taken = await call('POST', '/catalogue/architecture/domains', 'central', { code: 'health', titleFa: 'دیگر' });
    expect([taken.statusCode, code(taken)]).toEqual([409, 'TAXONOMY_CODE_TAKEN']);
    const takenCat = await call('POST', '/catalogue/architecture/categories', 'central', {
      domainId: health.id,
      code: 'clinics',
      titleFa: 'تکراری',
    });
    expect([takenCat.statusCode, code(takenCat)]).toEqual([409, 'TAXONOMY_CODE_TAKEN']);
    const bad = await call('POST', '/catalogue/architecture/domains', 'central', { code: 'سلامت', titleFa: 'س' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['body.code', 'body.titleFa']);
    const noDomain = await call('POST', '/catalogue/architecture/categories', 'central', {
      domainId: '00000000-0000-4000-8000-000000000000',
      code: 'x',
      titleFa: 'دسته',
    });
    expect([noDomain.statusCode, code(noDomain)]).toEqual([404, 'DOMAIN_NOT_FOUND']);
    expect((await call('GET', '/catalogue/architecture')).json()).toEqual(before);
  });

  it('the same category code may be used in another domain', async () => {
    const res = await call('POST', '/catalogue/architecture/categories', 'central', {
      domainId: education.id,
      code: 'clinics',
      titleFa: 'درمانگاه‌های آموزشی',
    });
    expect(res.statusCode).toBe(201);
    const del = await call('DELETE', `/catalogue/architecture/categories/${res.json<Term>().id}?version=1`, 'central');
    expect(del.statusCode).toBe(204);
  });

  it('edits at the version read: of two reviewers one wins, the other gets 409 and nothing is lost', async () => {
    const first = await call('PUT', `/catalogue/architecture/domains/${health.id}`, 'central', {
      code: 'health',
      titleFa: 'سلامت و درمان',
      titleEn: 'Health',
      sort: 2,
      version: health.version,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ titleFa: 'سلامت و درمان', version: 2 });
    const second = await call('PUT', `/catalogue/architecture/domains/${health.id}`, 'central2', {
      code: 'health',
      titleFa: 'بهداشت',
      version: health.version,
    });
    expect([second.statusCode, code(second)]).toEqual([409, 'CONFLICT']);
    const staleDelete = await call('DELETE', `/catalogue/architecture/domains/${health.id}?version=1`, 'central');
    expect([staleDelete.statusCode, code(staleDelete)]).toEqual([409, 'CONFLICT']);
    const pub = (await call('GET', '/catalogue/architecture')).json<{
      domains: Array<{ id: string; title: string }>;
    }>();
    expect(pub.domains.find((d) => d.id === health.id)?.title).toBe('سلامت و درمان');
    health = first.json<Term>();
    // A code another domain has is refused on edit too.
    const clash = await call('PUT', `/catalogue/architecture/domains/${education.id}`, 'central', {
      code: 'health',
      titleFa: 'آموزش',
      version: education.version,
    });
    expect([clash.statusCode, code(clash)]).toEqual([409, 'TAXONOMY_CODE_TAKEN']);
    const missing = await call('PUT', `/catalogue/architecture/layers/${health.id}`, 'central', {
      code: 'x',
      titleFa: 'لایه',
      version: 1,
    });
    expect([missing.statusCode, code(missing)]).toEqual([404, 'LAYER_NOT_FOUND']);
  });

  it('a card naming an unknown category or layer cannot be submitted; the problem is at its field', async () => {
    const d = await draftCard('خدمت با دسته ناشناخته', {
      categoryId: '00000000-0000-4000-8000-000000000001',
      layerId: '00000000-0000-4000-8000-000000000002',
    });
    const sub = await call('POST', `/catalogue/cards/${d.id}/submit`, 'admin', { version: d.version });
    expect([sub.statusCode, code(sub)]).toEqual([400, 'CARD_INCOMPLETE']);
    const fields = sub.json().error.details.fields as Array<{ field: string; code: string; message: string }>;
    expect(fields.map((f) => [f.field, f.code])).toEqual([
      ['content.classification.categoryId', 'CATEGORY_NOT_REGISTERED'],
      ['content.classification.layerId', 'LAYER_NOT_REGISTERED'],
    ]);
    expect(fields[0]!.message).toContain('دسته');
    expect((await call('GET', `/catalogue/cards/${d.id}`, 'admin')).json()).toMatchObject({ status: 'draft' });
  });

  it('refuses to delete a category, domain or layer a card uses', async () => {
    await draftCard('خدمت درمانگاهی پیش‌نویس', { categoryId: clinics.id, layerId: national.id });
    const c = await call(
      'DELETE',
      `/catalogue/architecture/categories/${clinics.id}?version=${clinics.version}`,
      'central',
    );
    expect([c.statusCode, code(c)]).toEqual([409, 'CATEGORY_IN_USE']);
    const d = await call('DELETE', `/catalogue/architecture/domains/${health.id}?version=${health.version}`, 'central');
    expect([d.statusCode, code(d)]).toEqual([409, 'DOMAIN_IN_USE']);
    const l = await call(
      'DELETE',
      `/catalogue/architecture/layers/${national.id}?version=${national.version}`,
      'central',
    );
    expect([l.statusCode, code(l)]).toEqual([409, 'LAYER_IN_USE']);
    const pub = (await call('GET', '/catalogue/architecture')).json<{
      domains: Array<{ id: string; categories: unknown[] }>;
      layers: unknown[];
    }>();
    expect(pub.domains.find((x) => x.id === health.id)?.categories).toHaveLength(1);
    expect(pub.layers).toHaveLength(1);
  });

  it('deletes an unused domain with its categories', async () => {
    const dom = (
      await call('POST', '/catalogue/architecture/domains', 'central', { code: 'tmp', titleFa: 'موقت' })
    ).json<Term>();
    await call('POST', '/catalogue/architecture/categories', 'central', {
      domainId: dom.id,
      code: 'a',
      titleFa: 'الف',
    });
    expect((await call('DELETE', `/catalogue/architecture/domains/${dom.id}?version=1`, 'expert')).statusCode).toBe(
      403,
    );
    expect((await call('DELETE', `/catalogue/architecture/domains/${dom.id}?version=1`, 'central')).statusCode).toBe(
      204,
    );
    const terms = (await call('GET', '/catalogue/architecture/terms', 'auditor')).json<{ domains: Term[] }>();
    expect(terms.domains.map((x) => x.id)).not.toContain(dom.id);
    expect((await eventsOf(dom.id)).map((e) => e.action)).toEqual(['created', 'deleted']);
    const gone = await call('DELETE', `/catalogue/architecture/domains/${dom.id}?version=1`, 'central');
    expect([gone.statusCode, code(gone)]).toEqual([404, 'DOMAIN_NOT_FOUND']);
  });
});

describe('gaps, search by category, and marks', () => {
  interface Gaps {
    domains: Array<{
      id: string;
      code: string;
      approvedServices: number;
      openMarks: number;
      categories: Array<{ id: string; code: string; approvedServices: number }>;
      gaps: Array<{ code: string }>;
    }>;
    unclassified: Array<{ agency: { id: string; name: string }; count: number }>;
    unclassifiedTotal: number;
  }
  const tax: Record<string, string> = {};
  const cards: Record<string, Card> = {};

  beforeAll(async () => {
    const dom = async (c: string, titleFa: string) =>
      (tax[c] = (
        await call('POST', '/catalogue/architecture/domains', 'central', { code: c, titleFa })
      ).json<Term>().id);
    const cat = async (d: string, c: string, titleFa: string) =>
      (tax[`${d}.${c}`] = (
        await call('POST', '/catalogue/architecture/categories', 'central', { domainId: tax[d], code: c, titleFa })
      ).json<Term>().id);
    await dom('business', 'کسب‌وکار و اشتغال');
    await cat('business', 'licences', 'مجوزهای کسب‌وکار');
    await cat('business', 'jobs', 'اشتغال');
    await cat('business', 'insurance', 'بیمه کارفرمایان');
    await dom('housing', 'مسکن و شهرسازی');
    await cat('housing', 'permits', 'پروانه ساختمانی');
    cards.licence = await approvedCard('صدور مجوز کسب‌وکار خانگی', { categoryId: tax['business.licences'] });
    cards.licence2 = await approvedCard('صدور مجوز کسب خانگی', { categoryId: tax['business.licences'] });
    cards.jobs = await approvedCard('ثبت‌نام جویندگان کار', { categoryId: tax['business.jobs'] }, 'otherAdmin');
    cards.plain = await approvedCard('خدمت طبقه‌بندی‌نشده');
    cards.plain2 = await approvedCard('خدمت دیگر بی‌دسته', undefined, 'otherAdmin');
    cards.plain3 = await approvedCard('خدمت سوم بی‌دسته', undefined, 'otherAdmin');
    // Drafts and cards under review are not approved services.
    await draftCard('پیش‌نویس پروانه ساختمانی', { categoryId: tax['housing.permits'] });
  });

  it('counts approved services per domain and category; the empty categories are the gaps', async () => {
    expect((await call('GET', '/catalogue/architecture/gaps', 'admin')).statusCode).toBe(403);
    const res = await call('GET', '/catalogue/architecture/gaps', 'auditor');
    expect(res.statusCode).toBe(200);
    const g = res.json<Gaps>();
    const business = g.domains.find((d) => d.code === 'business')!;
    expect(business.approvedServices).toBe(3);
    expect(business.categories.map((c) => [c.code, c.approvedServices])).toEqual([
      // By Persian title: اشتغال, بیمه…, مجوزها…
      ['jobs', 1],
      ['insurance', 0],
      ['licences', 2],
    ]);
    expect(business.gaps.map((c) => c.code)).toEqual(['insurance']);
    const housing = g.domains.find((d) => d.code === 'housing')!;
    expect([housing.approvedServices, housing.gaps.map((c) => c.code)]).toEqual([0, ['permits']]);
    expect(g.unclassifiedTotal).toBe(3);
    expect(g.unclassified.map((u) => [u.agency.id, u.count])).toEqual([
      [otherAgency, 2],
      [agency, 1],
    ]);
  });

  it('filters the public search by category and domain and shows both on each result and the package', async () => {
    await syncCatalogueEntries(t.ctx);
    const search = async (qs: string) => {
      const res = await call('GET', `/catalogue/services?${qs}`);
      expect(res.statusCode).toBe(200);
      return res.json<{
        items: Array<{ serviceId: string; category: { id: string; title: string } | null; domain: unknown }>;
      }>().items;
    };
    const byCat = await search(`category=${tax['business.licences']}`);
    expect(byCat.map((i) => i.serviceId).sort()).toEqual([cards.licence!.serviceId, cards.licence2!.serviceId].sort());
    expect(byCat[0]).toMatchObject({
      category: { id: tax['business.licences'], title: 'مجوزهای کسب‌وکار' },
      domain: { id: tax.business, title: 'کسب‌وکار و اشتغال' },
    });
    expect((await search(`domain=${tax.business}`)).map((i) => i.serviceId).sort()).toEqual(
      [cards.licence!.serviceId, cards.licence2!.serviceId, cards.jobs!.serviceId].sort(),
    );
    expect(await search(`domain=${tax.housing}`)).toEqual([]);
    expect((await search(`q=${encodeURIComponent('مجوز')}&category=${tax['business.jobs']}`)).length).toBe(0);
    const plain = (await search(`q=${encodeURIComponent('طبقه‌بندی‌نشده')}`))[0]!;
    expect([plain.category, plain.domain]).toEqual([null, null]);
    expect((await call('GET', '/catalogue/services?category=not-a-uuid')).statusCode).toBe(400);
    const info = await call('GET', `/catalogue/services/${cards.jobs!.serviceId}`);
    expect(info.json()).toMatchObject({
      category: { id: tax['business.jobs'], title: 'اشتغال' },
      domain: { id: tax.business, title: 'کسب‌وکار و اشتغال' },
    });
  });

  it('moving a category to another domain moves its services in the domain filter', async () => {
    const terms = (await call('GET', '/catalogue/architecture/terms', 'central')).json<{
      domains: Array<Term & { categories: Term[] }>;
    }>();
    const jobs = terms.domains.flatMap((d) => d.categories).find((c) => c.id === tax['business.jobs'])!;
    const moved = await call('PUT', `/catalogue/architecture/categories/${jobs.id}`, 'central', {
      domainId: tax.housing,
      code: jobs.code,
      titleFa: jobs.titleFa,
      version: jobs.version,
    });
    expect(moved.json()).toMatchObject({ domainId: tax.housing, version: jobs.version + 1 });
    const ids = async (d: string) =>
      (await call('GET', `/catalogue/services?domain=${d}`))
        .json<{ items: Array<{ serviceId: string }> }>()
        .items.map((i) => i.serviceId);
    expect(await ids(tax.housing!)).toEqual([cards.jobs!.serviceId]);
    expect(await ids(tax.business!)).not.toContain(cards.jobs!.serviceId);
    // …and back, so the other tests see the original taxonomy.
    const back = await call('PUT', `/catalogue/architecture/categories/${jobs.id}`, 'central', {
      domainId: tax.business,
      code: jobs.code,
      titleFa: jobs.titleFa,
      version: jobs.version + 1,
    });
    expect(back.statusCode).toBe(200);
  });

  interface Mark {
    id: string;
    kind: string;
    status: string;
    version: number;
    service: { cardId: string; title: string; serviceId: string; agency: { id: string; name: string } };
    related: { cardId: string; title: string; serviceId: string; agency: { id: string; name: string } } | null;
    resolutionNote: string | null;
  }
  let dup: Mark;

  it('refuses marks that break the rules, changing nothing', async () => {
    const cases: Array<[Who, object, number, string]> = [
      ['admin', { serviceId: cards.licence!.serviceId, kind: 'removable' }, 403, 'FORBIDDEN'],
      ['auditor', { serviceId: cards.licence!.serviceId, kind: 'removable' }, 403, 'FORBIDDEN'],
      ['central', { serviceId: cards.licence!.serviceId, kind: 'duplicate' }, 400, 'MARK_RELATED_REQUIRED'],
      ['central', { serviceId: cards.licence!.serviceId, kind: 'merge' }, 400, 'MARK_RELATED_REQUIRED'],
      [
        'central',
        { serviceId: cards.licence!.serviceId, kind: 'duplicate', relatedServiceId: cards.licence!.serviceId },
        400,
        'MARK_RELATED_SAME',
      ],
      ['central', { serviceId: '10000000001', kind: 'removable' }, 404, 'MARK_SERVICE_NOT_FOUND'],
      [
        'central',
        { serviceId: cards.licence!.serviceId, kind: 'duplicate', relatedServiceId: '10000000001' },
        404,
        'MARK_SERVICE_NOT_FOUND',
      ],
      ['central', { serviceId: '123', kind: 'removable' }, 400, 'VALIDATION_FAILED'],
      ['central', { serviceId: cards.licence!.serviceId, kind: 'stale' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [who, body, status, c] of cases) {
      const res = await call('POST', '/catalogue/marks', who, body);
      expect([who, body, res.statusCode, code(res)]).toEqual([who, body, status, c]);
    }
    expect((await call('GET', '/catalogue/marks', 'central')).json()).toEqual({ items: [], total: 0 });
  });

  it('marks a service duplicate of another, once while open; other kinds may be open beside it', async () => {
    const res = await call('POST', '/catalogue/marks', 'central', {
      serviceId: cards.licence2!.serviceId,
      kind: 'duplicate',
      relatedServiceId: cards.licence!.serviceId,
      note: 'همان خدمت با عنوان دیگر',
    });
    expect(res.statusCode).toBe(201);
    dup = res.json<Mark>();
    expect(dup).toMatchObject({
      kind: 'duplicate',
      status: 'open',
      service: {
        cardId: cards.licence2!.id,
        title: 'صدور مجوز کسب خانگی',
        serviceId: cards.licence2!.serviceId,
        agency: { id: agency, name: 'سازمان ثبت اسناد آزمایشی' },
      },
      related: {
        cardId: cards.licence!.id,
        title: 'صدور مجوز کسب‌وکار خانگی',
        serviceId: cards.licence!.serviceId,
      },
    });
    const again = await call('POST', '/catalogue/marks', 'central2', {
      serviceId: cards.licence2!.serviceId,
      kind: 'duplicate',
      relatedServiceId: cards.jobs!.serviceId,
    });
    expect([again.statusCode, code(again)]).toEqual([409, 'MARK_ALREADY_OPEN']);
    const removable = await call('POST', '/catalogue/marks', 'central', {
      serviceId: cards.licence2!.serviceId,
      kind: 'removable',
      relatedServiceId: cards.jobs!.serviceId,
    });
    expect(removable.statusCode).toBe(201);
    expect(removable.json<Mark>().related).toBeNull();
    const merge = await call('POST', '/catalogue/marks', 'central', {
      serviceId: cards.plain!.serviceId,
      kind: 'merge',
      // Typed with Persian digits, as a reviewer may.
      relatedServiceId: cards.plain2!.serviceId!.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!),
    });
    expect(merge.json<Mark>().related?.agency.id).toBe(otherAgency);
    expect((await eventsOf(dup.id)).map((e) => [e.stream_type, e.action])).toEqual([['service_mark', 'created']]);

    const g = (await call('GET', '/catalogue/architecture/gaps', 'central')).json<Gaps>();
    expect(g.domains.find((d) => d.code === 'business')!.openMarks).toBe(2);
    expect(g.domains.find((d) => d.code === 'housing')!.openMarks).toBe(0);
  });

  it('lists marks by status and kind, paginated, for reviewers and auditors', async () => {
    const list = async (qs: string, who: Who = 'auditor') =>
      (await call('GET', `/catalogue/marks?${qs}`, who)).json<{ items: Mark[]; total: number }>();
    expect((await call('GET', '/catalogue/marks', 'admin')).statusCode).toBe(403);
    expect((await list('status=open')).total).toBe(3);
    expect((await list('kind=duplicate')).items.map((m) => m.id)).toEqual([dup.id]);
    const page1 = await list('limit=2');
    const page2 = await list('limit=2&offset=2');
    expect([page1.items.length, page2.items.length, page1.total]).toEqual([2, 1, 3]);
    expect(new Set([...page1.items, ...page2.items].map((m) => m.id)).size).toBe(3);
    expect((await call('GET', '/catalogue/marks?status=closed', 'central')).statusCode).toBe(400);
  });

  it('resolves a mark at the version read, once; then a new mark of the kind may be opened', async () => {
    const noNote = await call('POST', `/catalogue/marks/${dup.id}/resolve`, 'central', { version: dup.version });
    expect(noNote.statusCode).toBe(400);
    const notAllowed = await call('POST', `/catalogue/marks/${dup.id}/resolve`, 'auditor', {
      version: dup.version,
      note: 'x',
    });
    expect(notAllowed.statusCode).toBe(403);
    const stale = await call('POST', `/catalogue/marks/${dup.id}/resolve`, 'central', {
      version: dup.version + 1,
      note: 'ادغام شد',
    });
    expect([stale.statusCode, code(stale)]).toEqual([409, 'CONFLICT']);
    const ok = await call('POST', `/catalogue/marks/${dup.id}/resolve`, 'central2', {
      version: dup.version,
      note: 'به دستگاه برای حذف یکی از دو شناسنامه اعلام شد',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'resolved',
      resolutionNote: 'به دستگاه برای حذف یکی از دو شناسنامه اعلام شد',
    });
    const twice = await call('POST', `/catalogue/marks/${dup.id}/resolve`, 'central', {
      version: ok.json<Mark>().version,
      note: 'دوباره',
    });
    expect([twice.statusCode, code(twice)]).toEqual([409, 'MARK_ALREADY_RESOLVED']);
    const missing = await call('POST', `/catalogue/marks/00000000-0000-4000-8000-000000000000/resolve`, 'central', {
      version: 1,
      note: 'x',
    });
    expect([missing.statusCode, code(missing)]).toEqual([404, 'MARK_NOT_FOUND']);
    expect((await auditsOf(dup.id)).map((a) => a.action)).toEqual(['service_mark.create', 'service_mark.resolve']);
    const reopened = await call('POST', '/catalogue/marks', 'central', {
      serviceId: cards.licence2!.serviceId,
      kind: 'duplicate',
      relatedServiceId: cards.licence!.serviceId,
    });
    expect(reopened.statusCode).toBe(201);
    const resolved = (await call('GET', '/catalogue/marks?status=resolved', 'central')).json<{ items: Mark[] }>();
    expect(resolved.items.map((m) => m.id)).toEqual([dup.id]);
  });
});

describe('retrying a taxonomy create or a mark with an Idempotency-Key', () => {
  const term = (path: 'domains' | 'layers', table: string, stream: string, code: string) => ({
    url: `/catalogue/architecture/${path}`,
    headers: s.central.headers,
    payload: { code, titleFa: `عنوان ${code}` },
    table,
    stream,
  });
  const markCall = (serviceId: string, note: string) => ({
    url: '/catalogue/marks',
    headers: s.central.headers,
    payload: { serviceId, kind: 'removable', note },
    table: 'service_marks',
    stream: 'service_mark',
  });

  it('adds a domain, a category in it and a layer once each', async () => {
    const domain = await expectReplayedCreate<Term>(t, term('domains', 'service_domains', 'service_domain', 'retry-d'));
    expect(domain.body).toMatchObject({ code: 'retry-d', version: 1 });
    const category = await expectReplayedCreate<Term>(t, {
      url: '/catalogue/architecture/categories',
      headers: s.central.headers,
      payload: { domainId: domain.body.id, code: 'retry-c', titleFa: 'دسته تکرار' },
      table: 'service_categories',
      stream: 'service_category',
    });
    expect(category.body).toMatchObject({ domainId: domain.body.id, code: 'retry-c' });
    await expectReplayedCreate(t, term('layers', 'service_layers', 'service_layer', 'retry-l'));
  });

  it('marks a service once', async () => {
    const card = await approvedCard('خدمت نشان تکرار');
    const { body } = await expectReplayedCreate<{ id: string }>(t, markCall(card.serviceId!, 'حذف شود'));
    expect((await eventsOf(body.id)).map((e) => e.action)).toEqual(['created']);
  });

  it('refuses the same key with another body, changing nothing', async () => {
    const d = term('domains', 'service_domains', 'service_domain', 'retry-d2');
    await expectKeyReuseRefused(t, d, { code: 'retry-d3', titleFa: 'عنوان دیگر' });
    const card = await approvedCard('خدمت نشان کلید');
    await expectKeyReuseRefused(t, markCall(card.serviceId!, 'یک'), markCall(card.serviceId!, 'دو').payload);
  });
});
