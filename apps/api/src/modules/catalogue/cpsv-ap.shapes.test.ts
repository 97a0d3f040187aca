import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, signInStaff, type Session } from '../../../test/factories';
import { syncCatalogueEntries } from './catalogue-public.service';
import {
  ATU_CLASS,
  checkShapes,
  CLASSES,
  collectNodes,
  CPSV_AP_SHAPES,
  formatViolations,
  NS,
  type PropertyShape,
} from './cpsv-ap.shapes';

/*
 * The CPSV-AP 3.2 export against the published shapes (cpsv-ap.shapes.ts): approved services of
 * every kind are exported, the document is expanded with jsonld (the context is inline; any attempt
 * to load a remote document fails the test) and every node of each class is checked.
 */

let t: TestApp;
let lawId: string;
const ids: Record<'full' | 'planned' | 'national' | 'exempt', string> = {} as never;

const call = (method: 'GET' | 'POST', url: string, who?: Session, payload?: unknown) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who?.headers ?? {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const noNetwork = (url: string): never => {
  throw new Error(`the CPSV-AP export made the JSON-LD processor fetch ${url}`);
};

/** Safe mode: a term missing from the context is an error instead of being dropped silently. */
const expand = (doc: object) =>
  jsonld.expand(doc, { documentLoader: noNetwork, safe: true } as unknown as jsonld.Options.Expand);

/** The export, expanded to absolute IRIs. */
async function expandedExport(): Promise<unknown[]> {
  const res = await call('GET', '/catalogue/cpsv-ap.jsonld');
  expect(res.statusCode, res.body).toBe(200);
  return expand(res.json());
}

const inPerson = { information: ['in_person'], request: ['in_person'], delivery: ['in_person'] };
const card = (o: Record<string, unknown>) => ({
  subServices: [{ title: 'صدور المثنی' }],
  description: 'شرح کامل خدمت',
  recipients: ['G2C'],
  nature: 'sovereign',
  level: 'provincial',
  lifeEvents: ['housing'],
  startMode: 'on_request',
  legalBasis: [{ lawId, article: '1' }],
  documents: [],
  inquiries: [],
  identity: { personTypes: ['real'], assuranceLevel: 'substantial' },
  fees: [],
  inPersonVisits: { count: 0 },
  channels: { information: ['web'], request: ['web'], delivery: ['web'], eServiceUrl: 'https://example.gov.ir/s' },
  process: {
    start: { description: 'ثبت درخواست' },
    production: { description: 'بررسی و صدور' },
    delivery: { description: 'تحویل' },
    legalDeadlineDays: 10,
    normDays: 5,
    extensionAllowed: false,
  },
  complaintRoute: 'سامانه ۱۱۱',
  maturity: { level: 'transactional' },
  ...o,
});

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

beforeAll(async () => {
  t = await buildTestApp();
  const provincial = await buildAgency(t, {
    nameFa: 'اداره کل راه و شهرسازی',
    nameEn: 'Roads and Urban Development Office',
    province: 'فارس',
  });
  const national = await buildAgency(t, { nameFa: 'سازمان ملی زمین و مسکن', nameEn: null, province: null });
  const centralAgency = await buildAgency(t, { nameFa: 'سازمان اداری و استخدامی', kind: 'central_body' });
  const central = await signInStaff(t, (await buildStaff(t, centralAgency.id, ['central_reviewer'])).username);
  const law = await call('POST', '/catalogue/laws', central, {
    title: 'قانون ساماندهی و حمایت از تولید و عرضه مسکن',
    kind: 'law',
    approvingBody: 'مجلس شورای اسلامی',
    number: '۱۲۳۴',
    approvedOn: '1387/02/25',
    articles: [
      { number: '1', text: 'ماده یک' },
      { number: '2', text: 'ماده دو' },
    ],
    link: 'https://qavanin.ir/Law/TreeText/?IDS=123',
  });
  expect(law.statusCode, law.body).toBe(201);
  lawId = law.json().id;
  const author = await signInStaff(t, (await buildStaff(t, provincial.id, ['expert', 'agency_admin'])).username);
  const nationalAuthor = await signInStaff(t, (await buildStaff(t, national.id, ['expert', 'agency_admin'])).username);

  // Fees (one free), documents with evidence supplied by inquiry, every kind of channel, offices.
  ids.full = await approve(
    author,
    central,
    provincial.id,
    card({
      title: 'صدور پروانه ساختمان',
      lifeEvents: ['housing', 'business'],
      legalBasis: [
        { lawId, article: '1' },
        { lawId, article: '2' },
      ],
      documents: [
        { title: 'کارت ملی', mandatory: true },
        {
          title: 'سند مالکیت',
          mandatory: true,
          byInquiry: true,
          evidenceType: 'سند تک‌برگ',
          providerAgencyId: national.id,
        },
        { title: 'نقشه معماری', mandatory: false },
      ],
      fees: [
        {
          title: 'عوارض صدور',
          amountRials: 2_500_000,
          legalBasis: [{ lawId, article: '2' }],
          sheba: 'IR820540102680020817909002',
        },
        { title: 'بررسی اولیه', amountRials: 0, legalBasis: [{ lawId, article: '1' }] },
      ],
      channels: {
        information: ['web', 'sms', 'call_centre'],
        request: ['web', 'mobile_app', 'counter'],
        delivery: ['post', 'in_person'],
        eServiceUrl: 'https://example.gov.ir/permit',
      },
      offices: [
        {
          name: 'دفتر خدمات شیراز',
          address: 'شیراز، بلوار زند، پلاک ۴',
          hours: 'شنبه تا چهارشنبه ۸ تا ۱۴',
          phone: '071-32345678',
          province: 'فارس',
        },
        { name: 'دفتر خدمات مرودشت' },
      ],
    }),
  );
  // Not yet electronic: in person only, with the planned date and reason; no life event.
  ids.planned = await approve(
    author,
    central,
    provincial.id,
    card({
      title: 'بازدید میدانی ملک',
      lifeEvents: [],
      channels: inPerson,
      inPersonVisits: { count: 1, reason: 'بازدید از ملک' },
      maturity: { level: 'non_electronic', plannedDate: '1405/06/31', reason: 'نیاز به بازدید میدانی' },
      offices: [{ name: 'دفتر مرکزی شیراز', hours: 'همه روزه ۸ تا ۱۲' }],
    }),
  );
  // An agency without a province (national), without an English name; a service without legal
  // basis in the register? No: legal basis is required, but no fees, documents or offices.
  ids.national = await approve(
    nationalAuthor,
    central,
    national.id,
    card({ title: 'ثبت‌نام طرح ملی مسکن', level: 'national', recipients: ['G2C', 'G2B'] }),
  );
  // Informational with an approved exemption.
  ids.exempt = await approve(
    nationalAuthor,
    central,
    national.id,
    card({
      title: 'تحویل اصل سند واگذاری',
      level: 'national',
      channels: { ...inPerson, information: ['web'], eServiceUrl: 'https://example.gov.ir/info' },
      maturity: { level: 'informational', exemption: { reference: 'مصوبه ۱۲۳/الف', approvedOn: '1403/02/10' } },
    }),
  );
  await syncCatalogueEntries(t.ctx);
});
afterAll(() => t.close());

describe('CPSV-AP 3.2 export against the published shapes', () => {
  it('has every mandatory property, respects maxCount and the kinds, for every node of every class', async () => {
    const expanded = await expandedExport();
    expect(formatViolations(checkShapes(expanded))).toBe('');
    const nodes = [...collectNodes(expanded).values()];
    const ofClass = (cls: string) => nodes.filter((n) => n.types.has(cls));
    // Every approved service is there, and every class the export uses is exercised.
    expect(
      ofClass(CLASSES.PublicService)
        .map((n) => n.props.get(`${NS.dct}identifier`)?.[0])
        .map((v) => (v?.kind === 'literal' ? v.value : null))
        .sort(),
    ).toEqual(Object.values(ids).sort());
    for (const cls of Object.values(CLASSES)) expect(ofClass(cls).length, `no node of ${cls}`).toBeGreaterThan(0);
    expect(ofClass(CLASSES.PublicOrganisation)).toHaveLength(2);
  });

  it('describes services with what the card says', async () => {
    const nodes = collectNodes(await expandedExport());
    const service = (id: string) => [...nodes.values()].find((n) => n.id.endsWith(`/services/${id}`))!;
    const count = (n: { props: Map<string, unknown[]> }, p: string) => n.props.get(p)?.length ?? 0;
    const full = service(ids.full);
    expect(count(full, `${NS.cv}hasCost`)).toBe(2);
    expect(count(full, `${NS.cv}holdsRequirement`)).toBe(3);
    expect(count(full, `${NS.cv}hasChannel`)).toBe(9); // 7 kinds and 2 offices
    expect(count(full, `${NS.cv}isGroupedBy`)).toBe(2);
    const cost = nodes.get(`urn:ir:dargah/services/${ids.full}#cost-1`)!;
    expect(cost.props.get(`${NS.cv}hasValue`)).toEqual([
      { kind: 'literal', value: 2_500_000, datatype: `${NS.xsd}double` },
    ]);
    expect(cost.props.get(`${NS.cv}currency`)).toEqual([
      { kind: 'resource', id: 'http://publications.europa.eu/resource/authority/currency/IRR', blank: false },
    ]);
    expect(nodes.get('urn:ir:dargah/life-events/housing')!.props.get(`${NS.dct}title`)).toEqual([
      { kind: 'literal', value: 'مسکن', datatype: `${NS.rdf}langString` },
      { kind: 'literal', value: 'Housing', datatype: `${NS.rdf}langString` },
    ]);
    const web = nodes.get(`urn:ir:dargah/services/${ids.full}#channel-web`)!;
    expect(web.props.get(`${NS.dct}type`)).toEqual([
      { kind: 'resource', id: 'urn:ir:dargah/channel-types/web', blank: false },
    ]);
    const planned = service(ids.planned);
    expect(count(planned, `${NS.cv}hasCost`)).toBe(0);
    expect(count(planned, `${NS.cv}hasChannel`)).toBe(2); // in person, and the office
    // The national agency covers the whole country.
    const agency = [...nodes.values()].find(
      (n) =>
        n.types.has(CLASSES.PublicOrganisation) &&
        service(ids.national)
          .props.get(`${NS.cv}hasCompetentAuthority`)
          ?.some((v) => v.kind === 'resource' && v.id === n.id),
    )!;
    expect(agency.props.get(`${NS.dct}spatial`)).toEqual([
      { kind: 'resource', id: 'http://publications.europa.eu/resource/authority/country/IRN', blank: false },
    ]);
  });
});

describe('the shape checker', () => {
  it('expands without network access and without dropping unknown terms', async () => {
    await expect(expand({ '@context': 'https://example.org/context.jsonld', name: 'x' })).rejects.toMatchObject({
      details: { cause: { message: expect.stringContaining('processor fetch https://example.org/context.jsonld') } },
    });
    await expect(
      expand({ '@context': { name: 'http://purl.org/dc/terms/title' }, '@id': 'urn:x', name: 'x', colour: 'red' }),
    ).rejects.toThrow(/Safe mode validation error/);
    expect(await expand({ '@context': { name: 'http://purl.org/dc/terms/title' }, '@id': 'urn:x', name: 'x' })).toEqual(
      [{ '@id': 'urn:x', 'http://purl.org/dc/terms/title': [{ '@value': 'x' }] }],
    );
  });

  const ex = 'http://example.org/';
  const shapes: Record<string, readonly PropertyShape[]> = {
    [`${ex}Thing`]: [
      { path: `${ex}name`, minCount: 1, kind: 'literal', datatype: `${NS.rdf}langString` },
      { path: `${ex}code`, minCount: 0, maxCount: 1 },
      { path: `${ex}part`, minCount: 0, kind: 'node', class: `${ex}Part` },
      { path: `${ex}home`, minCount: 0, kind: 'iri' },
    ],
  };
  const thing = (o: Record<string, unknown>) => [{ '@id': `${ex}t1`, '@type': [`${ex}Thing`], ...o }];
  const name = { [`${ex}name`]: [{ '@value': 'نام', '@language': 'fa' }] };

  it('accepts a conforming node', () => {
    expect(
      checkShapes(
        thing({
          ...name,
          [`${ex}code`]: [{ '@value': 'A1' }],
          [`${ex}part`]: [{ '@type': [`${ex}Part`] }, { '@id': 'http://other.org/external' }],
          [`${ex}home`]: [{ '@id': 'https://example.org/home' }],
        }),
        shapes,
      ),
    ).toEqual([]);
  });

  it('reports a missing mandatory property', () => {
    expect(checkShapes(thing({}), shapes)).toEqual([
      { node: `${ex}t1`, class: `${ex}Thing`, path: `${ex}name`, message: 'needs at least 1 value(s), has 0' },
    ]);
  });

  it('reports values beyond maxCount, counting a node described twice once per distinct value', () => {
    const twice = [
      ...thing({ ...name, [`${ex}code`]: [{ '@value': 'A1' }] }),
      ...thing({ [`${ex}code`]: [{ '@value': 'A1' }, { '@value': 'B2' }] }),
    ];
    expect(checkShapes(twice, shapes)).toEqual([
      expect.objectContaining({ path: `${ex}code`, message: 'allows at most 1 value(s), has 2' }),
    ]);
  });

  it('reports wrong kinds, datatypes and classes', () => {
    const messages = checkShapes(
      thing({
        [`${ex}name`]: [{ '@value': 'plain' }, { '@id': `${ex}n` }],
        [`${ex}part`]: [{ '@value': 'text' }, { '@type': [`${ex}Other`] }, {}],
        [`${ex}home`]: [{ '@type': [`${ex}Page`] }],
      }),
      shapes,
    ).map((v) => `${v.path.slice(ex.length)}: ${v.message}`);
    expect(messages).toEqual([
      'name: "plain" must be a rdf:langString, is a xsd:string',
      `name: ${ex}n must be a literal, is a resource`,
      'part: "text" must be a resource, is a literal',
      expect.stringMatching(/^part: _:b\d+ .* must be a http:\/\/example\.org\/Part, is http:\/\/example\.org\/Other$/),
      expect.stringMatching(/^part: _:b\d+ .* must be a http:\/\/example\.org\/Part, is untyped$/),
      expect.stringMatching(/^home: _:b\d+ .* must be an IRI, is a blank node$/),
    ]);
  });

  it('knows the mandatory properties of the published profile', () => {
    const mandatory = (cls: string) =>
      CPSV_AP_SHAPES[cls]!.filter((p) => p.minCount > 0)
        .map((p) => p.path)
        .sort();
    expect(mandatory(CLASSES.PublicService)).toEqual(
      [`${NS.dct}identifier`, `${NS.dct}title`, `${NS.dct}description`, `${NS.cv}hasCompetentAuthority`].sort(),
    );
    expect(mandatory(CLASSES.PublicOrganisation)).toEqual([`${NS.dct}spatial`, `${NS.skos}prefLabel`]);
    for (const cls of [CLASSES.Channel, CLASSES.Cost]) expect(mandatory(cls)).toEqual([`${NS.dct}identifier`]);
    for (const cls of [CLASSES.Requirement, CLASSES.Evidence, CLASSES.Event])
      expect(mandatory(cls)).toEqual([`${NS.dct}identifier`, `${NS.dct}title`]);
    expect(CPSV_AP_SHAPES[CLASSES.PublicOrganisation]!.find((p) => p.path === `${NS.dct}spatial`)?.class).toBe(
      ATU_CLASS,
    );
  });
});
