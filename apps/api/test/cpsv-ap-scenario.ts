import { expect } from 'vitest';
import { insertCategory, insertTerm } from '../src/modules/service-architecture/architecture.repository';
import { syncCatalogueEntries } from '../src/modules/catalogue/catalogue-public.service';
import type { TestApp } from './app';
import { buildAgency, buildStaff, signInStaff, type Session } from './factories';

/*
 * Approved services of every kind the CPSV-AP export maps, for the tests that validate it: fees
 * (one free), documents (mandatory, optional, supplied by another agency's inquiry), every channel,
 * offices with and without hours, a not-yet-electronic service, a national agency without an
 * English name, an exemption.
 */

export interface ExportScenario {
  ids: Record<'full' | 'planned' | 'national' | 'exempt', string>;
  lawId: string;
  agencies: { provincial: string; national: string };
  /** The macro domain and category the full service is classified under. */
  architecture: { domainId: string; categoryId: string };
}

const inPerson = { information: ['in_person'], request: ['in_person'], delivery: ['in_person'] };
const card = (lawId: string, o: Record<string, unknown>) => ({
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

export async function approveServices(t: TestApp): Promise<ExportScenario> {
  const call = (url: string, who: Session, payload: unknown) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.headers, payload: payload as object });
  async function approve(author: Session, central: Session, agencyId: string, content: object): Promise<string> {
    const created = await call('/catalogue/cards', author, { agencyId, content });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const sub = await call(`/catalogue/cards/${id}/submit`, author, { version: 1 });
    expect(sub.json(), sub.body).toMatchObject({ status: 'central_review' });
    const ok = await call(`/catalogue/cards/${id}/approve`, central, { version: 2 });
    expect(ok.json(), ok.body).toMatchObject({ status: 'approved' });
    return ok.json().serviceId as string;
  }

  const provincial = await buildAgency(t, {
    nameFa: 'اداره کل راه و شهرسازی',
    nameEn: 'Roads and Urban Development Office',
    province: 'فارس',
  });
  const national = await buildAgency(t, { nameFa: 'سازمان ملی زمین و مسکن', nameEn: null, province: null });
  const centralAgency = await buildAgency(t, { nameFa: 'سازمان اداری و استخدامی', kind: 'central_body' });
  const central = await signInStaff(t, (await buildStaff(t, centralAgency.id, ['central_reviewer'])).username);
  const law = await call('/catalogue/laws', central, {
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
  const lawId = law.json().id as string;
  const term = { description: null, sort: 0 };
  const domain = await insertTerm(
    t.ctx.database.db,
    'service_domains',
    { ...term, code: 'urban', titleFa: 'شهرسازی و عمران', titleEn: null },
    t.clock.now(),
  );
  const category = await insertCategory(
    t.ctx.database.db,
    domain!.id,
    { ...term, code: 'permits', titleFa: 'پروانه‌های ساختمانی', titleEn: 'Building permits' },
    t.clock.now(),
  );
  const author = await signInStaff(t, (await buildStaff(t, provincial.id, ['expert', 'agency_admin'])).username);
  const nationalAuthor = await signInStaff(t, (await buildStaff(t, national.id, ['expert', 'agency_admin'])).username);

  const full = await approve(
    author,
    central,
    provincial.id,
    card(lawId, {
      title: 'صدور پروانه ساختمان',
      classification: { categoryId: category!.id },
      lifeEvents: ['housing', 'business'],
      recipients: ['G2C', 'G2B'],
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
  const planned = await approve(
    author,
    central,
    provincial.id,
    card(lawId, {
      title: 'بازدید میدانی ملک',
      lifeEvents: [],
      channels: inPerson,
      inPersonVisits: { count: 1, reason: 'بازدید از ملک' },
      maturity: { level: 'non_electronic', plannedDate: '1405/06/31', reason: 'نیاز به بازدید میدانی' },
      offices: [{ name: 'دفتر مرکزی شیراز', hours: 'همه روزه ۸ تا ۱۲' }],
    }),
  );
  // A national agency without an English name: no fees, documents or offices.
  const nationalId = await approve(
    nationalAuthor,
    central,
    national.id,
    card(lawId, { title: 'ثبت‌نام طرح ملی مسکن', level: 'national', recipients: ['G2C', 'G2B'] }),
  );
  // Informational with an approved exemption.
  const exempt = await approve(
    nationalAuthor,
    central,
    national.id,
    card(lawId, {
      title: 'تحویل اصل سند واگذاری',
      level: 'national',
      recipients: ['G2G'],
      channels: { ...inPerson, information: ['web'], eServiceUrl: 'https://example.gov.ir/info' },
      maturity: { level: 'informational', exemption: { reference: 'مصوبه ۱۲۳/الف', approvedOn: '1403/02/10' } },
    }),
  );
  await syncCatalogueEntries(t.ctx);
  return {
    ids: { full, planned, national: nationalId, exempt },
    lawId,
    agencies: { provincial: provincial.id, national: national.id },
    architecture: { domainId: domain!.id, categoryId: category!.id },
  };
}
