import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, signInCitizen, signInStaff, uploadCardDocuments, type Session } from '../../../test/factories';
import { expectKeyReuseRefused, expectReplayedCreate } from '../../../test/idempotency';
import { createService } from '../services';
import { sealAuditNow } from '../../../test/audit';

/*
 * Delivery against the catalogue, built through the API: cards approved centrally, desk services
 * linked by their agency's administrator, requests submitted by citizens, a provincial office's
 * yearly report reviewed centrally, and the clock moved past a card's expiry. Each section of the
 * discrepancy report is checked row by row, with its filters, access rules and exports.
 */

let t: TestApp;
const DAY = 86_400_000;
const T0 = '2025-03-26T06:30:00.000Z'; // 1404/01/06, 10:00 Tehran
type Who = 'adminM' | 'adminP' | 'adminO' | 'expertM' | 'central' | 'auditor';
const users = {} as Record<Who, { username: string }>;
const sessions = new Map<Who, { at: number; s: Session }>();
const ag = {} as Record<'M' | 'P' | 'O' | 'C', string>;
const desk = {} as Record<'dM1' | 'dM2' | 'dMU' | 'dP' | 'dO', string>;
const card = {} as Record<'M1' | 'M2' | 'M3' | 'M4' | 'M5' | 'O1', { id: string; serviceId: string }>;
let lawId: string;

async function as(who: Who): Promise<Session> {
  const now = t.clock.now().getTime();
  const cached = sessions.get(who);
  if (cached && cached.at === now) return cached.s;
  const s = await signInStaff(t, users[who].username);
  sessions.set(who, { at: now, s });
  return s;
}
const call = async (method: 'GET' | 'POST' | 'PUT', url: string, who?: Who, payload?: unknown) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who ? (await as(who)).headers : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const completeCard = (title: string) => ({
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
  fees: [],
  inPersonVisits: { count: 0 },
  channels: { information: ['web'], request: ['web'], delivery: ['post'], eServiceUrl: 'https://example.gov.ir/s' },
  process: {
    start: { description: 'ثبت' },
    production: { description: 'بررسی' },
    delivery: { description: 'ارسال' },
    legalDeadlineDays: 10,
    normDays: 7,
    extensionAllowed: false,
  },
  complaintRoute: 'سامانه ۱۱۱',
  maturity: { level: 'transactional' },
});

async function approve(agencyId: string, admin: Who, title: string): Promise<{ id: string; serviceId: string }> {
  const created = await call('POST', '/catalogue/cards', admin, { agencyId, content: completeCard(title) });
  expect(created.statusCode, created.body).toBe(201);
  const { id, version } = created.json<{ id: string; version: number }>();
  const sub = await call('POST', `/catalogue/cards/${id}/submit`, admin, { version });
  expect(sub.json()).toMatchObject({ status: 'central_review' });
  const ok = await call('POST', `/catalogue/cards/${id}/approve`, 'central', {
    version: sub.json<{ version: number }>().version,
  });
  expect(ok.statusCode, ok.body).toBe(200);
  return { id, serviceId: ok.json<{ serviceId: string }>().serviceId };
}

const FORM = {
  type: 'object',
  required: ['note'],
  properties: { note: { type: 'string', title: 'یادداشت' } },
  additionalProperties: false,
};
const deskService = (agencyId: string, titleFa: string) =>
  createService(
    t.ctx.database.db,
    {
      agencyId,
      titleFa,
      titleEn: null,
      descriptionFa: 'شرح',
      recipients: 'G2C',
      normDays: 5,
      formSchema: FORM,
      published: true,
    },
    t.clock.now(),
  );

async function link(who: Who, deskId: string, serviceId: string | null, version?: number) {
  const v =
    version ?? (await call('GET', `/services/${deskId}/catalogue-link`, who)).json<{ version: number }>().version;
  return call('PUT', `/services/${deskId}/catalogue-link`, who, { serviceId, version: v });
}

/** Citizens' requests to a desk service, now. */
async function requests(deskId: string, n: number) {
  const citizen = await signInCitizen(t);
  for (let i = 0; i < n; i++) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: citizen.headers,
      payload: { serviceId: deskId, form: { note: `درخواست ${i}` }, documents: await uploadCardDocuments(t, citizen, deskId) },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}

/** Requests as an older desk (or an import) left them, submitted now, bypassing today's checks. */
async function legacyRequests(deskId: string, applicantId: string, n: number) {
  const at = t.clock.now();
  const due = new Date(at.getTime() + 5 * DAY);
  for (let i = 0; i < n; i++)
    await t.ctx.database.query(
      `INSERT INTO service_requests (tracking_code, service_id, service_version, agency_id, applicant_id, status, form, submitted_at, due_at, created_at, updated_at)
       SELECT $1, s.id, 1, s.agency_id, $3, 'submitted', '{}'::jsonb, $4, $5, $4, $4 FROM services s WHERE s.id = $2`,
      [String(1_000_000_000 + Math.floor(Math.random() * 8_999_999_999)), deskId, applicantId, at.toISOString(), due.toISOString()],
    );
}

const PERIOD = 'from=1404/07/01&to=1405/01/31';
const report = async (who: Who, q = '') => {
  const res = await call('GET', `/catalogue/reports/discrepancies?${PERIOD}${q}`, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    period: { from: string; to: string; fromJalali: string; toJalali: string };
    summary: Record<string, number>;
    byAgency: Array<{ agencyId: string; withoutId: number; neverDelivered: number; expiredDelivered: number }>;
    sections: Record<
      'withoutId' | 'neverDelivered' | 'expiredDelivered',
      { items: Array<Record<string, unknown>>; total: number; offset: number }
    >;
  }>();
};
const pick = (items: Array<Record<string, unknown>>, ...keys: string[]) =>
  items.map((i) => Object.fromEntries(keys.map((k) => [k, i[k]])));

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(T0);
  ag.M = (await buildAgency(t, { nameFa: 'الف وزارت آزمایشی', kind: 'ministry' })).id;
  ag.P = (
    await buildAgency(t, {
      nameFa: 'ب اداره کل استان تهران',
      kind: 'provincial_office',
      parentId: ag.M,
      province: 'تهران',
    })
  ).id;
  ag.O = (await buildAgency(t, { nameFa: 'پ سازمان دیگر', kind: 'organisation', province: 'فارس' })).id;
  ag.C = (await buildAgency(t, { nameFa: 'سازمان اداری و استخدامی', kind: 'central_body' })).id;
  users.adminM = await buildStaff(t, ag.M, ['expert', 'agency_admin']);
  users.adminP = await buildStaff(t, ag.P, ['expert', 'agency_admin']);
  users.adminO = await buildStaff(t, ag.O, ['expert', 'agency_admin']);
  users.expertM = await buildStaff(t, ag.M, ['expert']);
  users.central = await buildStaff(t, ag.C, ['central_reviewer']);
  users.auditor = await buildStaff(t, ag.C, ['oversight_auditor']);
  const law = await call('POST', '/catalogue/laws', 'central', {
    title: 'قانون آزمایشی',
    kind: 'law',
    approvingBody: 'مجلس شورای اسلامی',
    number: '1',
    approvedOn: '1400/01/15',
    articles: [{ number: '1', text: 'ماده ۱' }],
  });
  lawId = law.json<{ id: string }>().id;

  // T0: the card that will expire, and the desk services.
  card.M4 = await approve(ag.M, 'adminM', 'خدمت منقضی‌شونده');
  desk.dM1 = await deskService(ag.M, 'الف خدمت پیشخوان یک');
  desk.dM2 = await deskService(ag.M, 'ب خدمت پیشخوان منقضی');
  desk.dMU = await deskService(ag.M, 'پ خدمت بدون شناسه');
  desk.dP = await deskService(ag.P, 'خدمت استانی');
  desk.dO = await deskService(ag.O, 'خدمت دستگاه دیگر');
  expect((await link('adminM', desk.dM2, card.M4.serviceId)).statusCode).toBe(200);

  // T0 + 200 days (1404/07/20): the other cards and links, then requests a day later.
  t.clock.advance(200 * DAY);
  card.M1 = await approve(ag.M, 'adminM', 'خدمت یک');
  card.M2 = await approve(ag.M, 'adminM', 'خدمت دو');
  card.M3 = await approve(ag.M, 'adminM', 'خدمت سه');
  card.M5 = await approve(ag.M, 'adminM', 'خدمت پنج');
  card.O1 = await approve(ag.O, 'adminO', 'خدمت دستگاه دیگر مصوب');
  expect((await link('adminM', desk.dM1, card.M1.serviceId)).statusCode).toBe(200);
  expect((await link('adminO', desk.dO, card.O1.serviceId)).statusCode).toBe(200);
  t.clock.advance(DAY);
  await requests(desk.dM1, 2);
  await requests(desk.dMU, 1);
  await requests(desk.dO, 1);
  await requests(desk.dM2, 1);
}, 120_000);
afterAll(() => t.close());

describe('linking a desk service to its catalogue service id', () => {
  it('lets a provincial office link to its parent ministry’s approved card, and shows the id to citizens', async () => {
    const res = await link('adminP', desk.dP, card.M2.serviceId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: desk.dP,
      catalogueServiceId: card.M2.serviceId,
      card: { title: 'خدمت دو', expired: false },
    });
    const pub = await t.app.inject({ url: `/api/v1/services/${desk.dP}` });
    expect(pub.json()).toMatchObject({ catalogueServiceId: card.M2.serviceId });
    const [ev] = await t.ctx.database.query<{ action: string }>(
      "SELECT action FROM events WHERE stream_type = 'service' AND stream_id = $1 ORDER BY id DESC LIMIT 1",
      [desk.dP],
    );
    expect(ev?.action).toBe('catalogue_linked');
await sealAuditNow(t.ctx.database);
    const [au] = await t.ctx.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_entries WHERE action = 'service.catalogue_linked' AND object_id = $1",
      [desk.dP],
    );
    expect(au?.n).toBe(1);
  });

  it('refuses another agency’s id, an unknown id, a stale version, non-administrators and other agencies — changing nothing', async () => {
    const before = (await call('GET', `/services/${desk.dM1}/catalogue-link`, 'adminM')).json<{
      version: number;
      catalogueServiceId: string;
    }>();
    const cases: Array<[Who, string | null, number, number, string]> = [
      ['adminM', card.O1.serviceId, before.version, 422, 'CATALOGUE_SERVICE_OTHER_AGENCY'],
      ['adminM', '12345678901', before.version, 422, 'CATALOGUE_SERVICE_NOT_APPROVED'],
      ['adminM', card.M3.serviceId, before.version - 1, 409, 'CONFLICT'],
      ['expertM', card.M3.serviceId, before.version, 403, 'FORBIDDEN'],
      ['adminO', card.M3.serviceId, before.version, 404, 'SERVICE_NOT_FOUND'],
    ];
    for (const [who, serviceId, version, status, code] of cases) {
      const res = await link(who, desk.dM1, serviceId, version);
      expect([who, res.statusCode, res.json().error?.code]).toEqual([who, status, code]);
    }
    const [ev] = await t.ctx.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM events WHERE stream_type = 'service' AND stream_id = $1",
      [desk.dM1],
    );
    expect(ev?.n).toBe(1);
    const after = (await call('GET', `/services/${desk.dM1}/catalogue-link`, 'adminM')).json();
    expect(after).toMatchObject({ version: before.version, catalogueServiceId: card.M1.serviceId });
    expect(
      (await call('PUT', `/services/${desk.dM1}/catalogue-link`, 'adminM', { serviceId: 'abc', version: 1 }))
        .statusCode,
    ).toBe(400);
  });
});

describe('provincial yearly delivery reports', () => {
  const rows = () => [
    { title: 'خدمت دو در استان', deliveredCount: 50, serviceId: card.M2.serviceId },
    { title: 'خدمت بی‌شناسهٔ الف', deliveredCount: 10 },
    { title: 'خدمت بی‌شناسهٔ ب', deliveredCount: 5 },
    { title: 'خدمت بی‌شناسهٔ ج', deliveredCount: 3, serviceId: null },
  ];
  let reportId: string;
  let version: number;

  it('refuses a non-provincial agency, another agency’s administrator, a future year and a bad service id, creating nothing', async () => {
    const cases: Array<[Who, object, number, string]> = [
      ['adminM', { agencyId: ag.M, year: 1404, rows: rows() }, 422, 'DELIVERY_REPORT_NOT_PROVINCIAL'],
      ['adminO', { agencyId: ag.P, year: 1404, rows: rows() }, 403, 'FORBIDDEN'],
      ['adminP', { agencyId: ag.P, year: 1406, rows: rows() }, 422, 'DELIVERY_YEAR_IN_FUTURE'],
      [
        'adminP',
        {
          agencyId: ag.P,
          year: 1404,
          rows: [...rows(), { title: 'خدمت دیگر', deliveredCount: 1, serviceId: card.O1.serviceId }],
        },
        422,
        'CATALOGUE_SERVICE_OTHER_AGENCY',
      ],
    ];
    for (const [who, body, status, code] of cases) {
      const res = await call('POST', '/catalogue/delivery-reports', who, body);
      expect([who, res.statusCode, res.json().error?.code]).toEqual([who, status, code]);
    }
    const bad = await call('POST', '/catalogue/delivery-reports', 'adminP', {
      agencyId: ag.P,
      year: 1404,
      rows: [...rows(), { title: 'خدمت دیگر', deliveredCount: 1, serviceId: card.O1.serviceId }],
    });
    expect(bad.json().error.details.fields).toEqual([
      {
        field: 'body.rows.4.serviceId',
        code: 'CATALOGUE_SERVICE_OTHER_AGENCY',
        message: 'این شناسه خدمت متعلق به دستگاه دیگری است.',
      },
    ]);
    const [n] = await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM delivery_reports');
    expect(n?.n).toBe(0);
  });

  it('takes one report per agency and year; a correction replaces it and keeps the old one in history', async () => {
    const first = await call('POST', '/catalogue/delivery-reports', 'adminP', {
      agencyId: ag.P,
      year: 1404,
      rows: rows().slice(0, 2),
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      agencyId: ag.P,
      year: 1404,
      revision: 1,
      current: true,
      rows: [{ status: 'counted' }, { status: 'pending' }],
    });
    const again = await call('POST', '/catalogue/delivery-reports', 'adminP', {
      agencyId: ag.P,
      year: 1404,
      rows: rows(),
    });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'DELIVERY_REPORT_EXISTS']);
    const id1 = first.json<{ id: string; version: number }>().id;
    const stale = await call('POST', `/catalogue/delivery-reports/${id1}/corrections`, 'adminP', {
      version: 99,
      rows: rows(),
    });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'CONFLICT']);
    const corrected = await call('POST', `/catalogue/delivery-reports/${id1}/corrections`, 'adminP', {
      version: first.json<{ version: number }>().version,
      rows: rows(),
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.json()).toMatchObject({ revision: 2, replacesId: id1, current: true });
    expect(corrected.json().rows.map((r: { status: string }) => r.status)).toEqual([
      'counted',
      'pending',
      'pending',
      'pending',
    ]);
    reportId = corrected.json<{ id: string; version: number }>().id;
    version = corrected.json<{ version: number }>().version;
    const old = await call('GET', `/catalogue/delivery-reports/${id1}`, 'adminP');
    expect(old.json()).toMatchObject({ current: false, revision: 1 });
    const twice = await call('POST', `/catalogue/delivery-reports/${id1}/corrections`, 'adminP', {
      version: old.json<{ version: number }>().version,
      rows: rows(),
    });
    expect(twice.json().error.code).toBe('DELIVERY_REPORT_SUPERSEDED');
    const history = (await call('GET', `/catalogue/delivery-reports?agencyId=${ag.P}&history=true`, 'central')).json();
    expect(history.items.map((r: { revision: number; current: boolean }) => [r.revision, r.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect((await call('GET', '/catalogue/delivery-reports', 'adminP')).json().total).toBe(1);
    // Another agency's administrator learns nothing of it.
    expect((await call('GET', `/catalogue/delivery-reports/${reportId}`, 'adminO')).json().error.code).toBe(
      'DELIVERY_REPORT_NOT_FOUND',
    );
    expect((await call('GET', '/catalogue/delivery-reports', 'adminO')).json()).toEqual({ items: [], total: 0 });
    expect(version).toBeGreaterThan(0);
  });
});

describe('the discrepancy report', () => {
  it('before review: each section has exactly the expected rows', async () => {
    const r = await report('central');
    expect(r.period).toMatchObject({ fromJalali: '1404/07/01', toJalali: '1405/01/31' });
    expect(
      pick(r.sections.withoutId.items, 'source', 'agencyId', 'title', 'reason', 'count', 'deskServiceId', 'year'),
    ).toEqual([
      {
        source: 'desk',
        agencyId: ag.M,
        title: 'پ خدمت بدون شناسه',
        reason: 'no_link',
        count: 1,
        deskServiceId: desk.dMU,
        year: null,
      },
      {
        source: 'provincial',
        agencyId: ag.P,
        title: 'خدمت بی‌شناسهٔ الف',
        reason: 'review_pending',
        count: 10,
        deskServiceId: null,
        year: 1404,
      },
      {
        source: 'provincial',
        agencyId: ag.P,
        title: 'خدمت بی‌شناسهٔ ب',
        reason: 'review_pending',
        count: 5,
        deskServiceId: null,
        year: 1404,
      },
      {
        source: 'provincial',
        agencyId: ag.P,
        title: 'خدمت بی‌شناسهٔ ج',
        reason: 'review_pending',
        count: 3,
        deskServiceId: null,
        year: 1404,
      },
    ]);
    // M2 is delivered through the provincial report (counted row), M1/M4/O1 through the desk.
    expect(pick(r.sections.neverDelivered.items, 'serviceId', 'title')).toEqual(
      [
        { serviceId: card.M3.serviceId, title: 'خدمت سه' },
        { serviceId: card.M5.serviceId, title: 'خدمت پنج' },
      ].sort((a, b) => (a.title < b.title ? -1 : 1)),
    );
    expect(r.sections.expiredDelivered.items).toEqual([]);
    expect(r.summary).toEqual({ withoutId: 4, neverDelivered: 2, expiredDelivered: 0 });
  });

  it('a central reviewer resolves rows without an id: linked, card required, dismissed', async () => {
    const list = await call('GET', '/catalogue/delivery-review', 'central');
    expect(list.json().total).toBe(3);
    const [a, b, c] = list.json<{ items: Array<{ id: string; version: number; title: string }> }>().items;
    expect([a!.title, b!.title, c!.title]).toEqual(['خدمت بی‌شناسهٔ الف', 'خدمت بی‌شناسهٔ ب', 'خدمت بی‌شناسهٔ ج']);
    // Not a reviewer, an other agency's id, a stale version: refused, the row unchanged.
    expect(
      (
        await call('POST', `/catalogue/delivery-report-rows/${a!.id}/resolve`, 'adminP', {
          resolution: 'linked',
          serviceId: card.M3.serviceId,
          version: a!.version,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call('POST', `/catalogue/delivery-report-rows/${a!.id}/resolve`, 'central', {
          resolution: 'linked',
          serviceId: card.O1.serviceId,
          version: a!.version,
        })
      ).json().error.code,
    ).toBe('CATALOGUE_SERVICE_OTHER_AGENCY');
    expect(
      (
        await call('POST', `/catalogue/delivery-report-rows/${a!.id}/resolve`, 'central', {
          resolution: 'dismissed',
          reason: 'تکراری',
          version: a!.version + 1,
        })
      ).json().error.code,
    ).toBe('CONFLICT');
    expect(
      (
        await call('POST', `/catalogue/delivery-report-rows/${a!.id}/resolve`, 'central', {
          resolution: 'dismissed',
          version: a!.version,
        })
      ).statusCode,
    ).toBe(400);
    expect((await call('GET', '/catalogue/delivery-review', 'central')).json().total).toBe(3);

    const linked = await call('POST', `/catalogue/delivery-report-rows/${a!.id}/resolve`, 'central', {
      resolution: 'linked',
      serviceId: card.M3.serviceId,
      version: a!.version,
    });
    expect(linked.json()).toMatchObject({ status: 'linked', resolvedServiceId: card.M3.serviceId });
    const cardRequired = await call('POST', `/catalogue/delivery-report-rows/${b!.id}/resolve`, 'central', {
      resolution: 'card_required',
      version: b!.version,
    });
    expect(cardRequired.json()).toMatchObject({ status: 'card_required' });
    const dismissed = await call('POST', `/catalogue/delivery-report-rows/${c!.id}/resolve`, 'central', {
      resolution: 'dismissed',
      reason: 'خدمت تکراری است',
      version: c!.version,
    });
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', resolutionNote: 'خدمت تکراری است' });
    const again = await call('POST', `/catalogue/delivery-report-rows/${c!.id}/resolve`, 'central', {
      resolution: 'card_required',
      version: dismissed.json<{ version: number }>().version,
    });
    expect(again.json().error.code).toBe('DELIVERY_ROW_NOT_RESOLVABLE');
    expect((await call('GET', '/catalogue/delivery-review', 'central')).json().total).toBe(0);
    expect(
      (await call('GET', '/catalogue/delivery-review?status=card_required', 'auditor'))
        .json()
        .items.map((x: { id: string }) => x.id),
    ).toEqual([b!.id]);
    const [ev] = await t.ctx.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM events WHERE stream_type = 'delivery_report_row'",
    );
    expect(ev?.n).toBe(3);
  });

  it('after the expiry of a card: expired but still delivered, with count and last date', async () => {
    t.clock.set(new Date(new Date(T0).getTime() + 370 * DAY)); // 1405/01/11, past M4's expiry (1405/01/06)
    // The desk takes no new request for a service whose card has expired: refused with its code, nothing created…
    const citizen = await signInCitizen(t);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: citizen.headers,
      payload: { serviceId: desk.dM2, form: { note: 'پس از انقضا' } },
    });
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'SERVICE_CARD_EXPIRED']);
    // …so what this section finds are requests taken before that rule, or imported: two, written as they were.
    await legacyRequests(desk.dM2, citizen.id, 2);
    const last = t.clock.now().toISOString();
    await requests(desk.dM1, 1);
    // An expired card can no longer be linked.
    expect((await link('adminM', desk.dMU, card.M4.serviceId)).json().error.code).toBe('CATALOGUE_SERVICE_EXPIRED');

    const r = await report('central');
    expect(pick(r.sections.withoutId.items, 'source', 'title', 'reason', 'count')).toEqual([
      { source: 'desk', title: 'پ خدمت بدون شناسه', reason: 'no_link', count: 1 },
      { source: 'provincial', title: 'خدمت بی‌شناسهٔ ب', reason: 'card_required', count: 5 },
    ]);
    expect(pick(r.sections.neverDelivered.items, 'serviceId')).toEqual([{ serviceId: card.M5.serviceId }]);
    expect(
      pick(r.sections.expiredDelivered.items, 'deskServiceId', 'serviceId', 'count', 'lastAt', 'agencyId'),
    ).toEqual([{ deskServiceId: desk.dM2, serviceId: card.M4.serviceId, count: 2, lastAt: last, agencyId: ag.M }]);
    expect(r.sections.expiredDelivered.items[0]!.expiresAt).toBe(
      new Date(new Date(T0).getTime() + 365 * DAY).toISOString(),
    );
    expect(r.summary).toEqual({ withoutId: 2, neverDelivered: 1, expiredDelivered: 1 });
    expect(r.byAgency).toEqual([
      { agencyId: ag.M, agencyName: 'الف وزارت آزمایشی', withoutId: 1, neverDelivered: 1, expiredDelivered: 1 },
      { agencyId: ag.P, agencyName: 'ب اداره کل استان تهران', withoutId: 1, neverDelivered: 0, expiredDelivered: 0 },
    ]);
  });

  it('filters by agency, province and period (ISO or Jalali), and pages each section', async () => {
    expect((await report('central', `&agencyId=${ag.P}`)).summary).toEqual({
      withoutId: 1,
      neverDelivered: 0,
      expiredDelivered: 0,
    });
    expect((await report('central', `&province=${encodeURIComponent('تهران')}`)).summary).toEqual({
      withoutId: 1,
      neverDelivered: 0,
      expiredDelivered: 0,
    });
    expect((await report('central', `&province=${encodeURIComponent('فارس')}`)).summary).toEqual({
      withoutId: 0,
      neverDelivered: 0,
      expiredDelivered: 0,
    });
    // The same period in ISO dates.
    const iso = await call('GET', '/catalogue/reports/discrepancies?from=2025-09-23&to=2026-04-20', 'central');
    expect(iso.json().period).toMatchObject({ fromJalali: '1404/07/01', toJalali: '1405/01/31' });
    expect(iso.json().summary).toEqual({ withoutId: 2, neverDelivered: 1, expiredDelivered: 1 });
    // Only the expired deliveries fall after 1405/01/06; before 1404/07/01 nothing was delivered and only M4 was approved.
    const early = (
      await call('GET', '/catalogue/reports/discrepancies?from=1404/01/01&to=1404/06/31', 'central')
    ).json();
    expect(early.summary).toEqual({ withoutId: 1, neverDelivered: 1, expiredDelivered: 0 });
    expect(early.sections.withoutId.items.map((i: { title: string }) => i.title)).toEqual(['خدمت بی‌شناسهٔ ب']);
    expect(early.sections.neverDelivered.items.map((i: { serviceId: string }) => i.serviceId)).toEqual([
      card.M4.serviceId,
    ]);
    const page = await report('central', '&limit=1&withoutIdOffset=1');
    expect(page.sections.withoutId).toMatchObject({ total: 2, offset: 1, items: [{ title: 'خدمت بی‌شناسهٔ ب' }] });
    expect(page.sections.neverDelivered.items).toHaveLength(1);
    const beyond = await report('central', '&withoutIdOffset=10');
    expect(beyond.sections.withoutId).toMatchObject({ total: 2, items: [] });
    for (const bad of ['from=1404/13/01', 'from=2025-02-30', 'from=1405/01/10&to=1405/01/01']) {
      const res = await call('GET', `/catalogue/reports/discrepancies?${bad}`, 'central');
      expect([bad, res.statusCode]).toEqual([bad, 400]);
    }
  });

  it('shows an agency administrator only their agencies’ rows, and refuses other staff', async () => {
    expect((await report('adminP')).summary).toEqual({ withoutId: 1, neverDelivered: 0, expiredDelivered: 0 });
    const m = await report('adminM');
    expect(m.summary).toEqual({ withoutId: 1, neverDelivered: 1, expiredDelivered: 1 });
    expect(m.byAgency.map((a) => a.agencyId)).toEqual([ag.M]);
    // Asking for another agency gives nothing of it.
    expect((await report('adminO', `&agencyId=${ag.M}`)).summary).toEqual({
      withoutId: 0,
      neverDelivered: 0,
      expiredDelivered: 0,
    });
    expect((await report('auditor')).summary).toEqual({ withoutId: 2, neverDelivered: 1, expiredDelivered: 1 });
    const expert = await call('GET', `/catalogue/reports/discrepancies?${PERIOD}`, 'expertM');
    expect([expert.statusCode, expert.json().error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await t.app.inject({ url: `/api/v1/catalogue/reports/discrepancies?${PERIOD}` })).statusCode).toBe(401);
  });

  it('exports CSV (UTF-8 with BOM, Persian headers) and XLSX (a sheet per section)', async () => {
    const csv = await call('GET', `/catalogue/reports/discrepancies?${PERIOD}&format=csv`, 'central');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain('discrepancies-14040701-14050131.csv');
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.rawPayload
      .toString('utf8')
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(lines[0]).toEqual([
      'بخش',
      'دستگاه',
      'استان',
      'منبع',
      'عنوان خدمت',
      'شناسه خدمت',
      'علت',
      'سال گزارش',
      'تعداد',
      'آخرین درخواست',
      'تاریخ انقضا',
    ]);
    expect(lines.slice(1).map((l) => [l[0], l[4], l[5], l[8]])).toEqual([
      ['ارائه‌شده بدون شناسه مصوب', 'پ خدمت بدون شناسه', '', '1'],
      ['ارائه‌شده بدون شناسه مصوب', 'خدمت بی‌شناسهٔ ب', '', '5'],
      ['مصوب ولی ارائه‌نشده', 'خدمت پنج', card.M5.serviceId, '0'],
      ['منقضی ولی همچنان ارائه‌شده', 'ب خدمت پیشخوان منقضی', card.M4.serviceId, '2'],
    ]);
    expect(lines[4]![9]).toBe('1405/01/11');
    expect(lines[4]![10]).toBe('1405/01/06');

    const xlsx = await call('GET', `/catalogue/reports/discrepancies?${PERIOD}&format=xlsx`, 'adminM');
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => [w.name, w.rowCount])).toEqual([
      ['ارائه‌شده بدون شناسه مصوب', 2],
      ['مصوب ولی ارائه‌نشده', 2],
      ['منقضی ولی همچنان ارائه‌شده', 2],
    ]);
    const sheet = book.worksheets[2]!;
    expect(sheet.getRow(1).getCell(4).value).toBe('عنوان خدمت');
    expect(sheet.getRow(2).getCell(4).value).toBe('ب خدمت پیشخوان منقضی');
    expect(sheet.getRow(2).getCell(8).value).toBe(2);
    expect(sheet.views[0]).toMatchObject({ rightToLeft: true });
  });
});

describe('retrying a yearly delivery report with an Idempotency-Key', () => {
  /** A provincial office of its own, so the reports above are untouched. */
  async function office(province: string) {
    const agencyId = (
      await buildAgency(t, { nameFa: `اداره کل ${province}`, kind: 'provincial_office', parentId: ag.M, province })
    ).id;
    const admin = await signInStaff(t, (await buildStaff(t, agencyId, ['agency_admin'])).username);
    const submit = (title: string) => ({
      url: '/catalogue/delivery-reports',
      headers: admin.headers,
      payload: { agencyId, year: 1404, rows: [{ title, deliveredCount: 7 }] },
      table: 'delivery_reports',
      stream: 'delivery_report',
    });
    return { agencyId, submit };
  }

  it('submits the report once, with its rows once', async () => {
    const { agencyId, submit } = await office('اصفهان');
    const rowsOf = async () =>
      (
        await t.ctx.database.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM delivery_report_rows WHERE agency_id = $1',
          [agencyId],
        )
      )[0]!.n;
    const { body } = await expectReplayedCreate<{ revision: number; rows: unknown[] }>(t, submit('خدمت تکرار'));
    expect(body).toMatchObject({
      agencyId,
      year: 1404,
      revision: 1,
      rows: [{ title: 'خدمت تکرار', status: 'pending' }],
    });
    expect(await rowsOf()).toBe(1);
  });

  it('refuses the same key with another body, changing nothing', async () => {
    const { submit } = await office('یزد');
    await expectKeyReuseRefused(t, submit('خدمت یک'), submit('خدمت دو').payload);
  });

  it('takes one of two submissions racing for the same year and tells the other, with its code', async () => {
    const { agencyId, submit } = await office('کرمان');
    const send = (title: string) => {
      const { url, headers, payload } = submit(title);
      return t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });
    };
    const answers = await Promise.all([send('خدمت نخست'), send('خدمت دوم')]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.statusCode === 409)!.json().error.code).toBe('DELIVERY_REPORT_EXISTS');
    const [n] = await t.ctx.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM delivery_reports WHERE agency_id = $1',
      [agencyId],
    );
    expect(n?.n).toBe(1);
  });
});
