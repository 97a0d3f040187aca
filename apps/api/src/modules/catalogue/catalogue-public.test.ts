import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, signInStaff, type Session } from '../../../test/factories';
import { refreshCatalogueEntry } from './catalogue-entries.service';
import { syncCatalogueEntries } from './catalogue-public.service';

let t: TestApp;
let tehran: string;
let isfahan: string;
let lawId: string;
const users: Record<'tehran' | 'isfahan' | 'central', string> = {} as never;
const ids: Record<'exam' | 'library' | 'permit', string> = {} as never;

const call = (method: 'GET' | 'POST', url: string, who?: Session, payload?: unknown) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who?.headers ?? {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const card = (o: Record<string, unknown>) => ({
  subServices: [{ title: 'صدور المثنی' }],
  description: 'شرح کامل خدمت',
  recipients: ['G2C'],
  nature: 'sovereign',
  level: 'national',
  lifeEvents: ['education'],
  startMode: 'on_request',
  legalBasis: [{ lawId, article: '1' }],
  documents: [
    { title: 'کارت ملی', mandatory: true },
    {
      title: 'گواهی پایان خدمت',
      mandatory: true,
      byInquiry: true,
      evidenceType: 'گواهی پایان خدمت',
      providerAgencyId: isfahan,
    },
  ],
  inquiries: [],
  identity: { personTypes: ['real'], assuranceLevel: 'substantial' },
  fees: [
    {
      title: 'هزینه صدور',
      amountRials: 500_000,
      legalBasis: [{ lawId, article: '2' }],
      sheba: 'IR820540102680020817909002',
    },
  ],
  inPersonVisits: { count: 0 },
  channels: {
    information: ['web'],
    request: ['web', 'counter'],
    delivery: ['post'],
    eServiceUrl: 'https://example.gov.ir/s',
  },
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
  ...o,
});

/** Creates, submits and approves a card of an agency without a parent (straight to central review). */
async function approve(author: Session, central: Session, agencyId: string, content: object): Promise<string> {
  const created = await call('POST', '/catalogue/cards', author, { agencyId, content });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const sub = await call('POST', `/catalogue/cards/${id}/submit`, author, { version: 1 });
  expect(sub.json(), sub.body).toMatchObject({ status: 'central_review' });
  const ok = await call('POST', `/catalogue/cards/${id}/approve`, central, { version: 2 });
  expect(ok.json(), ok.body).toMatchObject({ status: 'approved' });
  return ok.json().serviceId as string;
}

const search = async (qs: string) => {
  const res = await call('GET', `/catalogue/services?${qs}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    match: string;
    items: Array<{ serviceId: string; title: string; expired: boolean }>;
    nextCursor: string | null;
  }>();
};
const found = async (qs: string) => (await search(qs)).items.map((i) => i.serviceId).sort();
const q = (s: string) => `q=${encodeURIComponent(s)}`;

beforeAll(async () => {
  t = await buildTestApp();
  tehran = (
    await buildAgency(t, {
      nameFa: 'سازمان سنجش آموزش کشور',
      nameEn: 'Education Measurement Organisation',
      province: 'تهران',
    })
  ).id;
  isfahan = (await buildAgency(t, { nameFa: 'اداره کل کتابخانه‌های عمومی', province: 'اصفهان' })).id;
  const central = (await buildAgency(t, { nameFa: 'سازمان اداری و استخدامی', kind: 'central_body' })).id;
  users.tehran = (await buildStaff(t, tehran, ['expert', 'agency_admin'])).username;
  users.isfahan = (await buildStaff(t, isfahan, ['expert', 'agency_admin'])).username;
  users.central = (await buildStaff(t, central, ['central_reviewer'])).username;

  let c = await signInStaff(t, users.central);
  const law = await call('POST', '/catalogue/laws', c, {
    title: 'قانون خدمات آموزشی',
    kind: 'law',
    approvingBody: 'مجلس شورای اسلامی',
    approvedOn: '1390/01/01',
    articles: [
      { number: '1', text: 'ماده یک' },
      { number: '2', text: 'ماده دو' },
    ],
  });
  lawId = law.json().id;

  // Approved more than a year ago: expired by now.
  ids.permit = await approve(
    await signInStaff(t, users.isfahan),
    c,
    isfahan,
    card({ title: 'تمدید پروانه کتابفروشی' }),
  );
  t.clock.advance(400 * 24 * 3600 * 1000);
  c = await signInStaff(t, users.central);
  ids.exam = await approve(
    await signInStaff(t, users.tehran),
    c,
    tehran,
    card({ title: 'صدور گواهی ثبت‌نام آزمون ۱۴۰۴' }),
  );
  ids.library = await approve(
    await signInStaff(t, users.isfahan),
    c,
    isfahan,
    card({
      title: 'امانت کتاب از کتابخانه',
      recipients: ['G2B'],
      lifeEvents: ['other'],
      maturity: { level: 'integrated' },
      fees: [],
      legalBasis: [{ lawId, article: '2' }],
    }),
  );
  // A draft never reaches the public catalogue.
  await call('POST', '/catalogue/cards', await signInStaff(t, users.tehran), {
    agencyId: tehran,
    content: { title: 'کتاب پیش‌نویس' },
  });
});
afterAll(() => t.close());

describe('public catalogue search', () => {
  it('writes each approved card into the search projection with its approval; the catch-up brings a renamed agency up to date', async () => {
    const entries = async () =>
      (
        await t.ctx.database.query<{ service_id: string }>(
          'SELECT service_id FROM catalogue_entries ORDER BY service_id',
        )
      ).map((r) => r.service_id);
    expect(await entries()).toEqual(Object.values(ids).sort());
    expect(await syncCatalogueEntries(t.ctx)).toBe(0); // nothing left behind by the approvals
    // The identity module renames the agency: the entries catch up on the next run, once.
    await t.ctx.database.query(
      "UPDATE agencies SET name_fa = 'نهاد کتابخانه‌های عمومی کشور', version = version + 1 WHERE id = $1",
      [isfahan],
    );
    expect(await found('q=نهاد')).toEqual([]);
    expect(await syncCatalogueEntries(t.ctx)).toBe(2); // its two services
    expect(await syncCatalogueEntries(t.ctx)).toBe(0);
    expect(await found('q=نهاد')).toEqual([ids.library, ids.permit].sort());
    await t.ctx.database.query(
      "UPDATE agencies SET name_fa = 'اداره کل کتابخانه‌های عمومی', version = version + 1 WHERE id = $1",
      [isfahan],
    );
    expect(await syncCatalogueEntries(t.ctx)).toBe(2);
    await refreshCatalogueEntry(
      t.ctx.database.db,
      (await t.ctx.database.query<{ card_id: string }>('SELECT card_id FROM catalogue_entries LIMIT 1'))[0]!.card_id,
    );
    expect(await syncCatalogueEntries(t.ctx)).toBe(0);
  });

  it('matches Arabic ي/ك, ZWNJ or its absence, and Persian or ASCII digits', async () => {
    expect(await found(q('كتاب'))).toEqual([ids.library, ids.permit].sort()); // Arabic kaf
    expect(await found(q('گواهي'))).toContain(ids.exam); // Arabic yeh
    expect(await found(q('ثبتنام'))).toEqual([ids.exam]); // no ZWNJ
    expect(await found(q('ثبت‌نام آزمون'))).toEqual([ids.exam]); // with ZWNJ
    expect(await found(q('1404'))).toEqual([ids.exam]);
    expect(await found(q('١٤٠٤'))).toEqual([ids.exam]); // Arabic-Indic digits
    expect(await found(q('سنجش'))).toEqual([ids.exam]); // agency name
    expect(await found(q('هواپیما'))).toEqual([]);
    // A typo finds nothing exactly, so similar titles are offered.
    const typo = await search(q('امانت کتابب'));
    expect(typo).toMatchObject({ match: 'fuzzy', items: [{ serviceId: ids.library }] });
    expect((await search(q('امانت'))).match).toBe('exact');
  });

  it('ranks the closest title first, flags expired cards and lists everything without q by title', async () => {
    const hits = (await search(q('امانت کتاب'))).items;
    expect(hits[0]).toMatchObject({ serviceId: ids.library, expired: false });
    const all = (await search('')).items;
    expect(all.map((i) => i.title)).toEqual([
      'امانت کتاب از کتابخانه',
      'تمدید پروانه کتابفروشی',
      'صدور گواهی ثبت‌نام آزمون ۱۴۰۴',
    ]);
    expect(all.find((i) => i.serviceId === ids.permit)).toMatchObject({ expired: true });
  });

  it('filters by agency, province, life event, recipients and maturity', async () => {
    expect(await found(`agencyId=${tehran}`)).toEqual([ids.exam]);
    expect(await found(`province=${encodeURIComponent('اصفهان')}`)).toEqual([ids.library, ids.permit].sort());
    expect(await found('lifeEvent=other')).toEqual([ids.library]);
    expect(await found('recipients=G2C')).toEqual([ids.exam, ids.permit].sort());
    expect(await found(`maturity=integrated&${q('كتاب')}`)).toEqual([ids.library]);
    expect((await call('GET', '/catalogue/services?lifeEvent=flying')).statusCode).toBe(400);
  });

  it('pages with a cursor', async () => {
    const p1 = await search('limit=2');
    expect(p1.items).toHaveLength(2);
    const p2 = await search(`limit=2&cursor=${p1.nextCursor}`);
    expect(p2).toMatchObject({ nextCursor: null });
    expect([...p1.items, ...p2.items].map((i) => i.serviceId).sort()).toEqual(Object.values(ids).sort());
    expect((await call('GET', '/catalogue/services?cursor=garbage')).statusCode).toBe(400);
  });
});

describe('service information package', () => {
  it('gives how to apply, documents, time, fees, channels, legal basis and agency', async () => {
    const res = await call('GET', `/catalogue/services/${ids.exam}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      serviceId: ids.exam,
      title: 'صدور گواهی ثبت‌نام آزمون ۱۴۰۴',
      agency: { id: tehran, name: 'سازمان سنجش آموزش کشور', province: 'تهران' },
      howToApply: {
        startMode: 'on_request',
        steps: [{ stage: 'start' }, { stage: 'production' }, { stage: 'delivery' }],
      },
      documents: [
        { title: 'کارت ملی', mandatory: true, byInquiry: false },
        { title: 'گواهی پایان خدمت', byInquiry: true, providerAgency: 'اداره کل کتابخانه‌های عمومی' },
      ],
      time: { normDays: 7, legalDeadlineDays: 10, processingTime: 'P7D' },
      fees: [{ amountRials: 500_000, legalBasis: [{ lawId, article: '2', lawTitle: 'قانون خدمات آموزشی' }] }],
      channels: { request: ['web', 'counter'], eServiceUrl: 'https://example.gov.ir/s' },
      legalBasis: [{ lawId, article: '1', lawTitle: 'قانون خدمات آموزشی' }],
      expired: false,
    });
    expect(JSON.stringify(res.json())).not.toContain('IR82'); // the payee account is not published
  });

  it('accepts a Persian-digit id, and 404s an unknown service', async () => {
    const fa = ids.exam.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    expect((await call('GET', `/catalogue/services/${encodeURIComponent(fa)}`)).json().serviceId).toBe(ids.exam);
    const missing = await call('GET', '/catalogue/services/00000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('SERVICE_NOT_FOUND');
    expect((await call('GET', '/catalogue/services/123')).statusCode).toBe(400);
  });
});

type LangString = { '@value': string; '@language': string };
interface PublicServiceNode {
  '@type': string;
  identifier: string;
  name: LangString[];
  description: LangString[];
  hasCompetentAuthority: { '@type': string; identifier: string; prefLabel: LangString[] };
  processingTime?: string;
  hasLegalResource: Array<Record<string, unknown>>;
  holdsRequirement: Array<Record<string, unknown>>;
  hasChannel: Array<{ '@type': string }>;
  isGroupedBy: Array<{ '@type': string[] }>;
  spatial?: unknown;
  hasCost?: unknown[];
}

describe('CPSV-AP 3.2 export', () => {
  it('publishes every approved service as a PublicService with the required properties', async () => {
    const res = await call('GET', '/catalogue/cpsv-ap.jsonld');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const doc = res.json<{ '@context': Record<string, unknown>; '@graph': PublicServiceNode[] }>();
    expect(Object.keys(doc['@context'])).toEqual(expect.arrayContaining(['cpsv', 'dct', 'cv', 'foaf', 'schema']));
    expect(doc['@context'].PublicService).toBe('cpsv:PublicService');
    // The services come first; the concepts they use follow them (cpsv-ap.shacl.test.ts checks those).
    const graph = doc['@graph'].filter((n) => n['@type'] === 'PublicService');
    expect(doc['@graph'].slice(0, graph.length)).toEqual(graph);
    expect(graph.map((s) => s.identifier).sort()).toEqual(Object.values(ids).sort());
    for (const s of graph) {
      expect(s['@type']).toBe('PublicService');
      expect(s.identifier).toMatch(/^\d{11}$/);
      expect(s.name).toEqual([{ '@value': expect.any(String), '@language': 'fa' }]);
      expect(s.description[0]).toMatchObject({ '@language': 'fa', '@value': expect.any(String) });
      expect(s.hasCompetentAuthority).toMatchObject({
        '@type': 'PublicOrganisation',
        identifier: expect.stringMatching(/^\d{11}$/),
        prefLabel: expect.arrayContaining([{ '@value': expect.any(String), '@language': 'fa' }]),
      });
      expect(s.processingTime).toBe('P7D');
      expect(s.hasLegalResource[0]).toMatchObject({
        '@type': 'LegalResource',
        name: [{ '@value': 'قانون خدمات آموزشی' }],
      });
      expect(s.holdsRequirement[0]).toMatchObject({
        '@type': 'Requirement',
        hasSupportingEvidence: [{ '@type': 'Evidence' }],
      });
      for (const ch of s.hasChannel) expect(ch['@type']).toBe('Channel');
      expect(s.isGroupedBy[0]?.['@type']).toContain('LifeEvent');
      expect(s.spatial).toMatchObject({ '@type': 'Location' });
    }
    const exam = graph.find((s) => s.identifier === ids.exam)!;
    expect(exam.hasCompetentAuthority.prefLabel).toContainEqual({
      '@value': 'Education Measurement Organisation',
      '@language': 'en',
    });
    expect(exam.hasCost).toEqual([expect.objectContaining({ '@type': 'Cost', value: 500_000 })]);
    expect(graph.find((s) => s.identifier === ids.library)!.hasCost).toBeUndefined(); // free
  });
});

// Runs last: it approves more services, which the counts above do not expect.
describe("an agency's electronic and not-yet-electronic services", () => {
  let registry: string;
  const mine: Record<'online' | 'planned' | 'exempt', string> = {} as never;
  const inPerson = { information: ['in_person'], request: ['in_person'], delivery: ['in_person'] };
  const office = {
    name: 'دفتر مرکزی ثبت',
    address: 'تهران، خیابان ولیعصر، پلاک ۱۲',
    hours: 'شنبه تا چهارشنبه ۸ تا ۱۴',
    phone: '021-88776655',
    province: 'تهران',
  };

  beforeAll(async () => {
    registry = (
      await buildAgency(t, { nameFa: 'اداره کل ثبت اسناد', nameEn: 'Registration Office', province: 'تهران' })
    ).id;
    const author = await signInStaff(t, (await buildStaff(t, registry, ['expert', 'agency_admin'])).username);
    const central = await signInStaff(t, users.central);
    mine.online = await approve(author, central, registry, card({ title: 'ثبت سند الکترونیک', offices: [office] }));
    mine.planned = await approve(
      author,
      central,
      registry,
      card({
        title: 'پلاک‌کوبی ملک',
        channels: inPerson,
        maturity: { level: 'non_electronic', plannedDate: '۱۴۰۵/۰۶/۳۱', reason: 'نیاز به بازدید میدانی' },
      }),
    );
    mine.exempt = await approve(
      author,
      central,
      registry,
      card({
        title: 'تحویل اصل سند',
        channels: { ...inPerson, information: ['web', 'in_person'], eServiceUrl: 'https://example.gov.ir/sabt' },
        maturity: { level: 'informational', exemption: { reference: 'مصوبه ۱۲۳/الف', approvedOn: '1403/02/10' } },
      }),
    );
    // A draft of the agency is not listed.
    await call('POST', '/catalogue/cards', author, { agencyId: registry, content: { title: 'خدمت پیش‌نویس' } });
    await syncCatalogueEntries(t.ctx); // the routes sync at most every two seconds
  });

  it('lists the electronic ones apart from those not yet electronic, with the planned date or the exemption', async () => {
    const res = await call('GET', `/catalogue/agencies/${registry}/services`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.agency).toEqual({
      id: registry,
      name: 'اداره کل ثبت اسناد',
      nameEn: 'Registration Office',
      province: 'تهران',
    });
    expect(body.electronic).toEqual([
      expect.objectContaining({ serviceId: mine.online, title: 'ثبت سند الکترونیک', maturity: 'transactional' }),
    ]);
    expect(body.notYetElectronic).toHaveLength(2);
    expect(body.notYetElectronic).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          serviceId: mine.planned,
          maturity: 'non_electronic',
          plannedDate: '1405/06/31',
          reason: 'نیاز به بازدید میدانی',
          exemption: null,
        }),
        expect.objectContaining({
          serviceId: mine.exempt,
          maturity: 'informational',
          plannedDate: null,
          exemption: { reference: 'مصوبه ۱۲۳/الف', approvedOn: '1403/02/10' },
        }),
      ]),
    );
    // Another agency's services are not mixed in; an agency without approved services has two empty lists.
    const other = (await call('GET', `/catalogue/agencies/${isfahan}/services`)).json();
    expect(
      [...other.electronic, ...other.notYetElectronic].map((s: { serviceId: string }) => s.serviceId).sort(),
    ).toEqual([ids.library, ids.permit].sort());
    const empty = await buildAgency(t, { nameFa: 'دستگاه بی‌خدمت' });
    expect((await call('GET', `/catalogue/agencies/${empty.id}/services`)).json()).toMatchObject({
      electronic: [],
      notYetElectronic: [],
    });
  });

  it('404s an unknown agency and refuses a malformed id', async () => {
    const missing = await call('GET', '/catalogue/agencies/00000000-0000-4000-8000-000000000000/services');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('AGENCY_NOT_FOUND');
    expect((await call('GET', '/catalogue/agencies/not-a-uuid/services')).statusCode).toBe(400);
  });

  it('gives the offices and the maturity plan in the information package and the offices in CPSV-AP', async () => {
    const online = (await call('GET', `/catalogue/services/${mine.online}`)).json();
    expect(online.offices).toEqual([office]);
    expect(online.maturityPlan).toEqual({ plannedDate: null, reason: null, exemption: null });
    const planned = (await call('GET', `/catalogue/services/${mine.planned}`)).json();
    expect(planned).toMatchObject({
      offices: [],
      maturity: 'non_electronic',
      maturityPlan: { plannedDate: '1405/06/31', reason: 'نیاز به بازدید میدانی' },
    });
    const graph = (await call('GET', '/catalogue/cpsv-ap.jsonld')).json()['@graph'] as Array<{
      identifier: string;
      hasChannel: Array<Record<string, unknown>>;
      contactPoint?: Array<Record<string, unknown>>;
    }>;
    const exported = graph.find((s) => s.identifier === mine.online)!;
    const service = `urn:ir:dargah/services/${mine.online}`;
    expect(exported.hasChannel).toContainEqual({
      '@id': `${service}#office-1`,
      '@type': 'Channel',
      identifier: `${mine.online}-office-1`,
      type: 'http://127.0.0.1:3000/api/v1/catalogue/vocabularies/channel-types#in_person',
      name: [{ '@value': office.name, '@language': 'fa' }],
      openingHours: [
        {
          '@id': `${service}#office-1-hours`,
          '@type': 'TemporalEntity',
          description: [{ '@value': office.hours, '@language': 'fa' }],
        },
      ],
      address: {
        '@type': 'Address',
        fullAddress: [{ '@value': office.address, '@language': 'fa' }],
        adminUnitL2: [{ '@value': 'تهران', '@language': 'fa' }],
      },
      telephone: office.phone,
    });
    // The office is also where to reach the service: its phone and the same opening hours.
    expect(exported.contactPoint).toEqual([
      {
        '@id': `${service}#contact-1`,
        '@type': 'ContactPoint',
        contactTelephone: office.phone,
        openingHours: [{ '@id': `${service}#office-1-hours` }],
      },
    ]);
  });

  it('refuses a card whose office has no proper name, and creates nothing', async () => {
    const author = await signInStaff(t, (await buildStaff(t, registry, ['expert'])).username);
    const before = await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM service_cards');
    const res = await call('POST', '/catalogue/cards', author, {
      agencyId: registry,
      content: { title: 'خدمت آزمایشی', offices: [{ name: 'x', hours: '۸ تا ۱۴' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().error.details)).toContain('offices');
    const after = await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM service_cards');
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
