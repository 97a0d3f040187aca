import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, signInStaff, type Session } from '../../../test/factories';
import { expectKeyReuseRefused, expectReplayedCreate } from '../../../test/idempotency';
import { serviceIdFromNumber } from '../catalogue';
import { sealAuditNow } from '../../../test/audit';

/*
 * The licence register: who may do what, the checks of a licence (laws, cost basis, inquiries,
 * prerequisites without cycles), mapping to exactly one approved service id with its refusals
 * (each changing nothing), cancellation, the unmapped report (JSON and CSV) and the public register.
 */

let t: TestApp;
let parent: string;
let child: string;
let other: string;
let lawId: string;
type Who = 'admin' | 'expert' | 'childAdmin' | 'otherAdmin' | 'central' | 'auditor' | 'platform';
const users = {} as Record<Who, { id: string; username: string }>;
const sessions = new Map<Who, Session>();
async function as(who: Who): Promise<Session> {
  let s = sessions.get(who);
  if (!s) sessions.set(who, (s = await signInStaff(t, users[who].username)));
  return s;
}

const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who?: Who, payload?: unknown) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who ? (await as(who)).headers : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

interface View {
  id: string;
  agencyId: string;
  title: string;
  status: string;
  serviceId: string | null;
  serviceTitle: string | null;
  version: number;
  editable: boolean;
  prerequisites: Array<{ id: string; title: string }>;
  legalBasis: Array<{ lawId: string; article: string; lawTitle: string | null }>;
}
interface Problem {
  field: string;
  code: string;
  message: string;
}

const licence = (o: Record<string, unknown> = {}) => ({
  agencyId: parent,
  title: 'پروانه فعالیت مؤسسه کاریابی',
  kind: 'پروانه کسب',
  legalBasis: [{ lawId, article: '1' }],
  conditions: ['داشتن مدرک کارشناسی'],
  documents: [{ title: 'کارت ملی', mandatory: true }],
  inquiries: [{ agencyId: other, data: 'سوابق بیمه' }],
  prerequisiteIds: [],
  issueDays: 10,
  validityMonths: 36,
  costRials: 5_000_000,
  costLegalBasis: [{ lawId, article: '2' }],
  renewalTerms: 'تمدید سه‌ساله',
  amendmentTerms: 'اصلاح با درخواست',
  cancellationConditions: 'تخلف از آیین‌نامه',
  ...o,
});
/** The body of an edit: the licence again (without its agency) at a version. */
const update = (o: Record<string, unknown>) => ({ ...licence(), ...o, agencyId: undefined });

async function create(o: Record<string, unknown> = {}, who: Who = 'admin'): Promise<View> {
  const res = await call('POST', '/catalogue/licences', who, licence(o));
  expect(res.statusCode, res.body).toBe(201);
  return res.json<View>();
}
const get = async (id: string) => (await call('GET', `/catalogue/licences/${id}`, 'admin')).json<View>();
const eventCount = async (id: string) =>
  (
    await t.ctx.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM events WHERE stream_type = 'licence' AND stream_id = $1",
      [id],
    )
  )[0]!.n;

const SHEBA = 'IR820540102680020817909002';
const completeCard = (title: string) => ({
  title,
  description: 'شرح کامل خدمت',
  recipients: ['G2B'],
  nature: 'sovereign',
  level: 'national',
  lifeEvents: ['business'],
  startMode: 'on_request',
  legalBasis: [{ lawId, article: '1' }],
  documents: [{ title: 'کارت ملی', mandatory: true }],
  inquiries: [],
  identity: { personTypes: ['real'], assuranceLevel: 'substantial' },
  fees: [{ title: 'هزینه صدور', amountRials: 100_000, legalBasis: [{ lawId, article: '2' }], sheba: SHEBA }],
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
});

/** An approved card of the agency; a sub-agency's goes through its parent's review first. */
async function approvedService(agency: 'parent' | 'child' | 'other', title: string): Promise<string> {
  const admin: Who = agency === 'parent' ? 'admin' : agency === 'child' ? 'childAdmin' : 'otherAdmin';
  const agencyId = agency === 'parent' ? parent : agency === 'child' ? child : other;
  const c = await call('POST', '/catalogue/cards', admin, { agencyId, content: completeCard(title) });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json<View>().id;
  let v = (
    await call('POST', `/catalogue/cards/${id}/submit`, admin, { version: c.json<View>().version })
  ).json<View>();
  if (agency === 'child')
    v = (await call('POST', `/catalogue/cards/${id}/forward`, 'admin', { version: v.version })).json<View>();
  const ok = await call('POST', `/catalogue/cards/${id}/approve`, 'central', { version: v.version });
  expect(ok.json()).toMatchObject({ status: 'approved' });
  return ok.json<View>().serviceId!;
}

beforeAll(async () => {
  t = await buildTestApp();
  parent = (await buildAgency(t, { nameFa: 'وزارت آزمایشی' })).id;
  child = (await buildAgency(t, { nameFa: 'سازمان تابع آزمایشی', parentId: parent })).id;
  other = (await buildAgency(t, { nameFa: 'دستگاه دیگر' })).id;
  const central = (await buildAgency(t, { nameFa: 'سازمان اداری و استخدامی', kind: 'central_body' })).id;
  users.admin = await buildStaff(t, parent, ['expert', 'agency_admin']);
  users.expert = await buildStaff(t, parent, ['expert']);
  users.childAdmin = await buildStaff(t, child, ['expert', 'agency_admin']);
  users.otherAdmin = await buildStaff(t, other, ['expert', 'agency_admin']);
  users.central = await buildStaff(t, central, ['central_reviewer']);
  users.auditor = await buildStaff(t, central, ['oversight_auditor']);
  users.platform = await buildStaff(t, central, ['platform_admin']);
  lawId = (
    await call('POST', '/catalogue/laws', 'central', {
      title: 'قانون بهبود مستمر محیط کسب‌وکار',
      kind: 'law',
      approvingBody: 'مجلس شورای اسلامی',
      approvedOn: '1390/02/01',
      articles: [
        { number: '1', text: 'ماده یک' },
        { number: '2', text: 'ماده دو' },
      ],
    })
  ).json<{ id: string }>().id;
});
afterAll(() => t.close());

describe('registering and editing a licence', () => {
  it('creates a licence with every field, its event and audit entry', async () => {
    const l = await create();
    expect(l).toMatchObject({
      agencyId: parent,
      title: 'پروانه فعالیت مؤسسه کاریابی',
      kind: 'پروانه کسب',
      status: 'active',
      serviceId: null,
      issueDays: 10,
      validityMonths: 36,
      costRials: 5_000_000,
      renewalTerms: 'تمدید سه‌ساله',
      amendmentTerms: 'اصلاح با درخواست',
      cancellationConditions: 'تخلف از آیین‌نامه',
      conditions: ['داشتن مدرک کارشناسی'],
      documents: [{ title: 'کارت ملی', mandatory: true }],
      inquiries: [{ agencyId: other, agencyName: 'دستگاه دیگر', data: 'سوابق بیمه' }],
      legalBasis: [{ lawId, article: '1', lawTitle: 'قانون بهبود مستمر محیط کسب‌وکار' }],
      costLegalBasis: [{ lawId, article: '2' }],
      version: 1,
      editable: true,
    });
    expect(await eventCount(l.id)).toBe(1);
await sealAuditNow(t.ctx.database);
    const [a] = await t.ctx.database.query<{ action: string; agency_id: string }>(
      "SELECT action, agency_id FROM audit_entries WHERE object_type = 'licence' AND object_id = $1",
      [l.id],
    );
    expect(a).toEqual({ action: 'licence.created', agency_id: parent });
    // A permanent, free licence: no validity, no cost basis needed.
    const free = await create({ title: 'مجوز رایگان دائم', validityMonths: null, costRials: 0, costLegalBasis: [] });
    expect(free).toMatchObject({ validityMonths: null, costRials: 0 });
  });

  it('only the agency administrators (and platform administrators) create; others are refused', async () => {
    for (const who of ['expert', 'otherAdmin', 'central', 'auditor'] as const) {
      const res = await call('POST', '/catalogue/licences', who, licence({ title: `مجوز ${who}` }));
      expect([who, res.statusCode, res.json().error.code]).toEqual([who, 403, 'FORBIDDEN']);
    }
    expect((await call('POST', '/catalogue/licences', 'platform', licence({ title: 'مجوز سکو' }))).statusCode).toBe(
      201,
    );
    expect((await call('POST', '/catalogue/licences', undefined, licence())).statusCode).toBe(401);
    const list = await call('GET', `/catalogue/licences?q=${encodeURIComponent('مجوز expert')}`, 'central');
    expect(list.json().total).toBe(0);
  });

  it('refuses unregistered law articles, a cost without its basis, an unknown inquiry agency and unknown prerequisites, at their fields', async () => {
    const before = (await call('GET', '/catalogue/licences?limit=1', 'central')).json().total as number;
    const res = await call(
      'POST',
      '/catalogue/licences',
      'admin',
      licence({
        legalBasis: [
          { lawId, article: '99' },
          { lawId: crypto.randomUUID(), article: '1' },
        ],
        costLegalBasis: [],
        inquiries: [{ agencyId: crypto.randomUUID(), data: 'داده' }],
        prerequisiteIds: [crypto.randomUUID()],
      }),
    );
    expect(res.statusCode).toBe(400);
    const fields = res.json<{ error: { code: string; details: { fields: Problem[] } } }>().error;
    expect(fields.code).toBe('VALIDATION_FAILED');
    expect(fields.details.fields.map((f) => [f.field, f.code])).toEqual([
      ['body.legalBasis.0.article', 'LAW_ARTICLE_NOT_FOUND'],
      ['body.legalBasis.1.lawId', 'LAW_NOT_REGISTERED'],
      ['body.costLegalBasis', 'COST_BASIS_REQUIRED'],
      ['body.inquiries.0.agencyId', 'AGENCY_REF_NOT_FOUND'],
      ['body.prerequisiteIds.0', 'PREREQUISITE_NOT_FOUND'],
    ]);
    expect(fields.details.fields[2]!.message).toContain('مبنای قانونی هزینه');
    // Shape errors come from the schema: a negative issue time, a missing cancellation condition.
    const bad = await call(
      'POST',
      '/catalogue/licences',
      'admin',
      licence({ issueDays: -1, cancellationConditions: undefined }),
    );
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.fields.map((f: Problem) => f.field)
        .sort(),
    ).toEqual(['body.cancellationConditions', 'body.issueDays']);
    expect((await call('GET', '/catalogue/licences?limit=1', 'central')).json().total).toBe(before);
  });

  it('edits at the version read; a stale version is 409 and changes nothing', async () => {
    const l = await create({ title: 'مجوز ویرایشی' });
    const ok = await call(
      'PUT',
      `/catalogue/licences/${l.id}`,
      'admin',
      update({ version: 1, title: 'مجوز ویرایش‌شده', issueDays: 12 }),
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ title: 'مجوز ویرایش‌شده', issueDays: 12, version: 2 });
    const stale = await call('PUT', `/catalogue/licences/${l.id}`, 'admin', update({ version: 1, title: 'دیرهنگام' }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
    expect(await get(l.id)).toMatchObject({ title: 'مجوز ویرایش‌شده', version: 2 });
    expect(await eventCount(l.id)).toBe(2);
    // The agency's expert reads it but may not edit it; another agency's administrator is told it does not exist.
    const expertView = await call('GET', `/catalogue/licences/${l.id}`, 'expert');
    expect(expertView.json()).toMatchObject({ editable: false });
    expect((await call('PUT', `/catalogue/licences/${l.id}`, 'expert', update({ version: 2 }))).json().error.code).toBe(
      'FORBIDDEN',
    );
    for (const method of ['GET', 'PUT'] as const) {
      const res = await call(
        method,
        `/catalogue/licences/${l.id}`,
        'otherAdmin',
        method === 'PUT' ? update({ version: 2 }) : undefined,
      );
      expect([method, res.statusCode, res.json().error.code]).toEqual([method, 404, 'LICENCE_NOT_FOUND']);
    }
  });
});

describe('prerequisite licences', () => {
  it('must exist, never the licence itself, never a cycle (direct or through others); a refusal changes nothing', async () => {
    const a = await create({ title: 'مجوز الف' });
    const b = await create({ title: 'مجوز ب', prerequisiteIds: [a.id] });
    const c = await create({ title: 'مجوز ج', prerequisiteIds: [b.id] });
    expect(c.prerequisites).toEqual([{ id: b.id, title: 'مجوز ب', status: 'active' }]);

    const codeOf = async (id: string, prerequisiteIds: string[]) => {
      const res = await call(
        'PUT',
        `/catalogue/licences/${id}`,
        'admin',
        update({ version: 1, title: 'مجوز الف', prerequisiteIds }),
      );
      expect(res.statusCode).toBe(400);
      return res
        .json<{ error: { details: { fields: Problem[] } } }>()
        .error.details.fields.map((f) => [f.field, f.code]);
    };
    expect(await codeOf(a.id, [a.id])).toEqual([['body.prerequisiteIds.0', 'PREREQUISITE_SELF']]);
    expect(await codeOf(a.id, [b.id])).toEqual([['body.prerequisiteIds.0', 'PREREQUISITE_CYCLE']]);
    // a <- b <- c: making c a prerequisite of a closes a cycle through b.
    expect(await codeOf(a.id, [c.id])).toEqual([['body.prerequisiteIds.0', 'PREREQUISITE_CYCLE']]);
    const other2 = await create({ title: 'مجوز د' });
    expect(await codeOf(a.id, [other2.id, other2.id])).toEqual([['body.prerequisiteIds.1', 'PREREQUISITE_DUPLICATE']]);
    expect(await get(a.id)).toMatchObject({ version: 1, prerequisites: [] });
    // An acyclic edit is kept, in the order given.
    const ok = await call(
      'PUT',
      `/catalogue/licences/${c.id}`,
      'admin',
      update({ version: 1, title: 'مجوز ج', prerequisiteIds: [other2.id, b.id] }),
    );
    expect(ok.json<View>().prerequisites.map((p) => p.id)).toEqual([other2.id, b.id]);
  });
});

describe('mapping a licence to an approved service id', () => {
  let serviceA: string;
  let serviceB: string;
  let childService: string;
  let otherService: string;
  beforeAll(async () => {
    serviceA = await approvedService('parent', 'صدور پروانه کاریابی');
    serviceB = await approvedService('parent', 'صدور مجوز تأسیس');
    childService = await approvedService('child', 'خدمت سازمان تابع');
    otherService = await approvedService('other', 'خدمت دستگاه دیگر');
  });

  const map = (id: string, serviceId: string, version: number, who: Who = 'admin') =>
    call('PUT', `/catalogue/licences/${id}/service`, who, { serviceId, version });

  it('maps to an approved service id of the agency (Persian digits accepted) and shows its title', async () => {
    const l = await create({ title: 'مجوز نگاشتی' });
    const persian = serviceA.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    const res = await map(l.id, persian, 1);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ serviceId: serviceA, serviceTitle: 'صدور پروانه کاریابی', version: 2 });
    expect(await eventCount(l.id)).toBe(2);
  });

  it('refuses a second mapping of the same licence, and another licence on a mapped service id, changing nothing', async () => {
    const [holder] = (await call('GET', `/catalogue/licences?q=${serviceA}`, 'admin')).json<{ items: View[] }>().items;
    expect(holder!.serviceId).toBe(serviceA);
    const again = await map(holder!.id, serviceB, holder!.version);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('LICENCE_ALREADY_MAPPED');
    expect(again.json().error.message).toContain('نخست نگاشت فعلی را بردارید');
    const second = await create({ title: 'مجوز دوم' });
    const taken = await map(second.id, serviceA, 1);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('SERVICE_ALREADY_LICENSED');
    expect(await get(holder!.id)).toMatchObject({ serviceId: serviceA, version: holder!.version });
    expect(await get(second.id)).toMatchObject({ serviceId: null, version: 1 });
    expect(await eventCount(second.id)).toBe(1);
  });

  it('refuses an invalid id, an id of no approved card and another agency’s service; a sub-agency’s is fine', async () => {
    const l = await create({ title: 'مجوز سوم' });
    const wrongDigit = `${serviceB.slice(0, 10)}${(Number(serviceB[10]) + 1) % 10}`;
    const invalid = await map(l.id, wrongDigit, 1);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details.fields).toEqual([
      expect.objectContaining({ field: 'body.serviceId', code: 'SERVICE_ID_INVALID' }),
    ]);
    for (const id of [serviceIdFromNumber(9_999_999_000), otherService]) {
      const res = await map(l.id, id, 1);
      expect([id, res.statusCode, res.json().error.code]).toEqual([id, 409, 'SERVICE_NOT_APPROVED']);
    }
    // The sub-agency's administrator may not map the parent's licence, nor anyone who cannot see it.
    expect((await map(l.id, childService, 1, 'childAdmin')).json().error.code).toBe('LICENCE_NOT_FOUND');
    expect((await map(l.id, childService, 1, 'central')).json().error.code).toBe('FORBIDDEN');
    expect((await map(l.id, childService, 0 + 1, 'otherAdmin')).json().error.code).toBe('LICENCE_NOT_FOUND');
    expect(await get(l.id)).toMatchObject({ serviceId: null, version: 1 });
    expect(await eventCount(l.id)).toBe(1);
    const ok = await map(l.id, childService, 1);
    expect(ok.json()).toMatchObject({ serviceId: childService, serviceTitle: 'خدمت سازمان تابع' });
  });

  it('of two racing mappings of one service id, exactly one wins; the database index holds it too', async () => {
    const x = await create({ title: 'مجوز هم‌زمان یک' });
    const y = await create({ title: 'مجوز هم‌زمان دو' });
    const [rx, ry] = await Promise.all([map(x.id, serviceB, 1), map(y.id, serviceB, 1)]);
    expect([rx.statusCode, ry.statusCode].sort()).toEqual([200, 409]);
    expect([rx, ry].find((r) => r.statusCode === 409)!.json().error.code).toBe('SERVICE_ALREADY_LICENSED');
    const holders = await t.ctx.database.query<{ id: string }>('SELECT id FROM licences WHERE service_id = $1', [
      serviceB,
    ]);
    expect(holders).toHaveLength(1);
    const loser = holders[0]!.id === x.id ? y.id : x.id;
    await expect(
      t.ctx.database.query('UPDATE licences SET service_id = $1 WHERE id = $2', [serviceB, loser]),
    ).rejects.toThrow();
  });

  it('a stale version is refused; unmap frees the service id for another licence', async () => {
    const l = await create({ title: 'مجوز جابه‌جایی' });
    const stale = await map(l.id, otherService, 7);
    expect(stale.json().error.code).toBe('CONFLICT');
    const notMapped = await call('DELETE', `/catalogue/licences/${l.id}/service?version=1`, 'admin');
    expect(notMapped.statusCode).toBe(409);
    expect(notMapped.json().error.code).toBe('LICENCE_NOT_MAPPED');

    const [holder] = (await call('GET', `/catalogue/licences?q=${serviceA}`, 'admin')).json<{ items: View[] }>().items;
    expect(
      (await call('DELETE', `/catalogue/licences/${holder!.id}/service?version=${holder!.version}`, 'expert'))
        .statusCode,
    ).toBe(403);
    const unmapped = await call(
      'DELETE',
      `/catalogue/licences/${holder!.id}/service?version=${holder!.version}`,
      'admin',
    );
    expect(unmapped.statusCode, unmapped.body).toBe(200);
    expect(unmapped.json()).toMatchObject({ serviceId: null, serviceTitle: null });
    expect((await map(l.id, serviceA, 1)).json()).toMatchObject({ serviceId: serviceA });
  });
});

describe('cancelling a licence', () => {
  it('needs a reason; releases the service id; a cancelled licence changes no more and leaves the public register', async () => {
    const serviceId = await approvedService('parent', 'خدمت لغوشدنی');
    const l = await create({ title: 'مجوز لغوشدنی' });
    const mapped = (
      await call('PUT', `/catalogue/licences/${l.id}/service`, 'admin', { serviceId, version: 1 })
    ).json<View>();
    expect((await call('GET', `/catalogue/public/licences/${l.id}`)).json()).toMatchObject({ serviceId });

    expect((await call('POST', `/catalogue/licences/${l.id}/cancel`, 'admin', { version: 2 })).statusCode).toBe(400);
    expect(
      (await call('POST', `/catalogue/licences/${l.id}/cancel`, 'auditor', { version: 2, reason: 'تخلف' })).statusCode,
    ).toBe(403);
    const res = await call('POST', `/catalogue/licences/${l.id}/cancel`, 'admin', {
      version: mapped.version,
      reason: 'تخلف مکرر دارنده',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'cancelled',
      serviceId: null,
      cancelReason: 'تخلف مکرر دارنده',
      editable: false,
    });
    for (const [method, url, body] of [
      ['PUT', `/catalogue/licences/${l.id}`, update({ version: 3 })],
      ['POST', `/catalogue/licences/${l.id}/cancel`, { version: 3, reason: 'دوباره' }],
      ['PUT', `/catalogue/licences/${l.id}/service`, { serviceId, version: 3 }],
    ] as const) {
      const r = await call(method, url, 'admin', body);
      expect([url, r.statusCode, r.json().error.code]).toEqual([url, 409, 'LICENCE_CANCELLED']);
    }
    expect((await call('GET', `/catalogue/public/licences/${l.id}`)).statusCode).toBe(404);
    // The released service id can carry another licence.
    const next = await create({ title: 'مجوز جایگزین' });
    expect(
      (await call('PUT', `/catalogue/licences/${next.id}/service`, 'admin', { serviceId, version: 1 })).statusCode,
    ).toBe(200);
  });
});

describe('a cancelled prerequisite', () => {
  it('cannot be required by a licence any more, and leaves the public view of those that required it', async () => {
    const base = await create({ title: 'مجوز پایهٔ لغوشدنی' });
    const dependent = await create({ title: 'مجوز وابسته', prerequisiteIds: [base.id] });
    const cancelled = await call('POST', `/catalogue/licences/${base.id}/cancel`, 'admin', {
      version: base.version,
      reason: 'لغو به حکم مرجع صادرکننده',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await get(dependent.id)).prerequisites).toEqual([
      expect.objectContaining({ id: base.id, status: 'cancelled' }),
    ]);
    expect((await call('GET', `/catalogue/public/licences/${dependent.id}`)).json()).toMatchObject({
      prerequisites: [],
    });
    const refused = await call('POST', '/catalogue/licences', 'admin', licence({ prerequisiteIds: [base.id] }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.fields).toContainEqual(
      expect.objectContaining({ field: 'body.prerequisiteIds.0', code: 'PREREQUISITE_NOT_FOUND' }),
    );
  });
});

describe('lists and the report of licences without a service id', () => {
  let childLicence: View;
  let otherLicence: View;
  beforeAll(async () => {
    childLicence = await create({ agencyId: child, title: 'مجوز سازمان تابع', inquiries: [] }, 'childAdmin');
    otherLicence = await create({ agencyId: other, title: 'مجوز دستگاه دیگر', inquiries: [] }, 'otherAdmin');
  });

  it('lists what the actor may see, with filters and pages', async () => {
    const all = (await call('GET', '/catalogue/licences?limit=100', 'central')).json<{
      items: View[];
      total: number;
    }>();
    expect(all.items.map((l) => l.id)).toEqual(expect.arrayContaining([childLicence.id, otherLicence.id]));
    expect((await call('GET', '/catalogue/licences?limit=100', 'auditor')).json().total).toBe(all.total);
    const mine = (await call('GET', '/catalogue/licences?limit=100', 'otherAdmin')).json<{ items: View[] }>();
    expect(mine.items.map((l) => l.id)).toEqual([otherLicence.id]);
    // Another agency asked for by name: nothing.
    expect((await call('GET', `/catalogue/licences?agencyId=${parent}`, 'otherAdmin')).json().total).toBe(0);
    // The agency administrator's grant covers the parent only here (no sub-agencies).
    const admin = (await call('GET', '/catalogue/licences?limit=100', 'admin')).json<{ items: View[] }>();
    expect(admin.items.every((l) => l.agencyId === parent)).toBe(true);

    const mapped = (await call('GET', '/catalogue/licences?mapped=yes&limit=100', 'central')).json<{ items: View[] }>();
    expect(mapped.items.length).toBeGreaterThan(0);
    expect(mapped.items.every((l) => l.serviceId !== null)).toBe(true);
    const unmapped = (await call('GET', '/catalogue/licences?mapped=no&limit=100', 'central')).json<{
      items: View[];
    }>();
    expect(unmapped.items.every((l) => l.serviceId === null)).toBe(true);
    expect(mapped.items.length + unmapped.items.length).toBe(all.total);
    // Persian-normalised search: Arabic ي and ك find ی and ک.
    const q = (await call('GET', `/catalogue/licences?q=${encodeURIComponent('مؤسسه كاريابي')}`, 'central')).json<{
      items: View[];
    }>();
    expect(q.items.length).toBeGreaterThan(0);
    expect(q.items.every((l) => l.title.includes('کاریابی'))).toBe(true);
    // Pages.
    const p1 = (await call('GET', '/catalogue/licences?limit=2', 'central')).json<{
      items: View[];
      nextOffset: number;
    }>();
    expect(p1.items).toHaveLength(2);
    expect(p1.nextOffset).toBe(2);
    const p2 = (await call('GET', '/catalogue/licences?limit=2&offset=2', 'central')).json<{ items: View[] }>();
    expect(p2.items[0]!.id).toBe(all.items[2]!.id);
    expect((await call('GET', '/catalogue/licences?mapped=maybe', 'central')).statusCode).toBe(400);
  });

  it('reports active licences without a service id per agency, within scope', async () => {
    const report = (await call('GET', '/catalogue/licences/unmapped?limit=100', 'central')).json<{
      total: number;
      agencies: Array<{ agencyId: string; agencyName: string; count: number }>;
      items: View[];
    }>();
    const [{ n }] = (await t.ctx.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM licences WHERE service_id IS NULL AND status = 'active'",
    )) as [{ n: number }];
    expect(report.total).toBe(n);
    expect(report.items).toHaveLength(n);
    expect(report.items.every((l) => l.serviceId === null && l.status === 'active')).toBe(true);
    expect(report.agencies.reduce((s, a) => s + a.count, 0)).toBe(n);
    expect(report.agencies.find((a) => a.agencyId === other)).toEqual({
      agencyId: other,
      agencyName: 'دستگاه دیگر',
      count: 1,
    });
    const scoped = (await call('GET', '/catalogue/licences/unmapped', 'otherAdmin')).json();
    expect(scoped).toMatchObject({
      total: 1,
      agencies: [{ agencyId: other, count: 1 }],
      items: [{ id: otherLicence.id }],
    });
    // Mapping a licence takes it off the report.
    const sid = await approvedService('other', 'خدمت نگاشت گزارش');
    await call('PUT', `/catalogue/licences/${otherLicence.id}/service`, 'otherAdmin', { serviceId: sid, version: 1 });
    expect((await call('GET', '/catalogue/licences/unmapped', 'otherAdmin')).json()).toMatchObject({
      total: 0,
      agencies: [],
      items: [],
    });
    expect((await call('GET', '/catalogue/licences/unmapped')).statusCode).toBe(401);
  });

  it('downloads the report as CSV with a UTF-8 byte-order mark', async () => {
    const res = await call('GET', '/catalogue/licences/unmapped?format=csv', 'central');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('attachment');
    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toContain('"عنوان مجوز"');
    const report = (await call('GET', '/catalogue/licences/unmapped?limit=100', 'central')).json<{ total: number }>();
    expect(lines).toHaveLength(report.total + 1);
    expect(lines.some((l) => l.includes('"مجوز سازمان تابع"') && l.includes('"سازمان تابع آزمایشی"'))).toBe(true);
  });
});

describe('the public licence register', () => {
  it('lists and shows active licences with their service id and title, to anyone', async () => {
    const list = (await call('GET', `/catalogue/public/licences?q=${encodeURIComponent('نگاشتی')}`)).json<{
      items: View[];
    }>();
    expect(list.items).toHaveLength(1);
    const one = await call('GET', `/catalogue/public/licences/${list.items[0]!.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ title: 'مجوز نگاشتی', serviceId: null });
    expect(one.json()).not.toHaveProperty('version');
    const mapped = (await call('GET', '/catalogue/public/licences?limit=100'))
      .json<{ items: View[] }>()
      .items.filter((l) => l.serviceId);
    expect(mapped.length).toBeGreaterThan(0);
    expect(mapped.every((l) => l.serviceTitle)).toBe(true);
    expect((await call('GET', `/catalogue/public/licences/${crypto.randomUUID()}`)).json().error.code).toBe(
      'LICENCE_NOT_FOUND',
    );
  });
});

describe('retrying a licence registration with an Idempotency-Key', () => {
  const licenceCall = async (o: Record<string, unknown>) => ({
    url: '/catalogue/licences',
    headers: (await as('otherAdmin')).headers,
    payload: licence({ agencyId: other, inquiries: [], ...o }),
    table: 'licences',
    stream: 'licence',
  });

  it('registers a licence once, with its prerequisites once', async () => {
    const prior = await create({ agencyId: other, inquiries: [], title: 'مجوز پیش‌نیاز تکرار' }, 'otherAdmin');
    const links = async () =>
      (await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM licence_prerequisites'))[0]!.n;
    const before = await links();
    const { body } = await expectReplayedCreate<View>(
      t,
      await licenceCall({ title: 'مجوز تکرار', prerequisiteIds: [prior.id] }),
    );
    expect(body.prerequisites).toEqual([expect.objectContaining({ id: prior.id, title: 'مجوز پیش‌نیاز تکرار' })]);
    expect(await links()).toBe(before + 1);
    expect(await eventCount(body.id)).toBe(1);
  });

  it('refuses the same key with another body, changing nothing', async () => {
    await expectKeyReuseRefused(
      t,
      await licenceCall({ title: 'مجوز کلید' }),
      licence({ agencyId: other, inquiries: [], title: 'مجوز دیگر' }),
    );
  });
});
