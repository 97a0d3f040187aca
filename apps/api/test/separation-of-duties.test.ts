import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../src/modules/services';
import { buildTestApp, type TestApp } from './app';
import {
  buildAgency,
  buildStaff,
  completeCardContent,
  linkToApprovedCard,
  randomNationalCode,
  signInCitizen,
  signInStaff,
  type Session,
} from './factories';
import { sealAuditNow } from './audit';

/*
 * Separation of duties, across every review in Dargah: whoever submitted a card, a change request,
 * a renewal, a delivery report, a mark — or applied for a request — cannot approve, return or
 * reject it; a central reviewer of the owning agency or of an agency above it cannot either. Each
 * attempt is refused with its stable code and changes nothing (events, audit entries and the row
 * are as before), and the capabilities the review screens ask for say false for it.
 */

let t: TestApp;
const ag = {} as Record<'M' | 'O' | 'X' | 'P' | 'C', string>;
type Who =
  | 'adminO'
  | 'adminM'
  | 'adminM2'
  | 'adminX'
  | 'headX'
  | 'central'
  | 'central2'
  | 'centralOfM'
  | 'centralInO'
  | 'adminXReviewer'
  | 'adminP'
  | 'adminPReviewer'
  | 'clerk'
  | 'clerk2';
const users = {} as Record<Who, { id: string; username: string }>;
const sessions = new Map<Who, Session>();
let lawId: string;

async function as(who: Who): Promise<Session> {
  let s = sessions.get(who);
  if (!s) sessions.set(who, (s = await signInStaff(t, users[who].username)));
  return s;
}
const call = async (method: 'GET' | 'POST' | 'PUT', url: string, who: Who, payload?: unknown) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: (await as(who)).headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

/** The rows a refused review must leave as they were: every event, every audit entry, and the object itself. */
async function snapshot(table: string, id: string) {
  const q = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
    t.ctx.database.query<T>(text, params);
  await sealAuditNow(t.ctx.database);
  const [events] = await q<{ n: number }>('SELECT count(*)::int AS n FROM events');
  const [audit] = await q<{ n: number }>('SELECT count(*)::int AS n FROM audit_entries');
  const [row] = await q<Record<string, unknown>>(`SELECT * FROM ${table} WHERE id = $1`, [id]);
  return { events: events!.n, audit: audit!.n, row };
}

/** Expects the call refused with this code (403) and nothing changed. */
async function refusedUnchanged(table: string, id: string, attempt: () => Promise<{ statusCode: number; json(): unknown }>, code: string) {
  const before = await snapshot(table, id);
  const res = await attempt();
  expect([res.statusCode, (res.json() as { error?: { code: string } }).error?.code]).toEqual([403, code]);
  expect(await snapshot(table, id)).toEqual(before);
}

interface Card {
  id: string;
  status: string;
  version: number;
  actions: string[];
  serviceId: string | null;
}
async function newCard(agencyId: string, who: Who, title: string): Promise<Card> {
  const res = await call('POST', '/catalogue/cards', who, { agencyId, content: completeCardContent(lawId, { title }) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Card>();
}
async function step(card: Card, action: string, who: Who, body: object = {}): Promise<Card> {
  const res = await call('POST', `/catalogue/cards/${card.id}/${action}`, who, { version: card.version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Card>();
}
const capabilities = async (card: Card, who: Who) =>
  (await call('GET', `/catalogue/cards/${card.id}/capabilities`, who)).json<Record<string, boolean>>();
const REVIEW = { approve: false, return: false, reject: false };

beforeAll(async () => {
  t = await buildTestApp();
  ag.M = (await buildAgency(t, { nameFa: 'وزارت آزمایشی', kind: 'ministry' })).id;
  ag.O = (await buildAgency(t, { nameFa: 'سازمان زیرمجموعه', kind: 'organisation', parentId: ag.M })).id;
  ag.P = (
    await buildAgency(t, { nameFa: 'اداره کل استان', kind: 'provincial_office', parentId: ag.M, province: 'تهران' })
  ).id;
  ag.X = (await buildAgency(t, { nameFa: 'سازمان مستقل', kind: 'organisation' })).id;
  ag.C = (await buildAgency(t, { nameFa: 'سازمان اداری و استخدامی', kind: 'central_body' })).id;
  users.adminO = await buildStaff(t, ag.O, ['agency_admin']);
  // The ministry's administrator with its sub-agencies: may submit the organisation's cards, and review them as parent.
  users.adminM = await buildStaff(t, ag.M, [{ role: 'agency_admin', includeSubagencies: true }]);
  users.adminM2 = await buildStaff(t, ag.M, ['agency_admin']);
  users.adminX = await buildStaff(t, ag.X, ['agency_admin']);
  users.headX = await buildStaff(t, ag.X, ['agency_admin']);
  users.central = await buildStaff(t, ag.C, ['central_reviewer']);
  users.central2 = await buildStaff(t, ag.C, ['central_reviewer']);
  // A central reviewer whose home agency is the ministry, parent of the organisation.
  users.centralOfM = await buildStaff(t, ag.M, [{ role: 'central_reviewer', agencyId: ag.C }]);
  // A central reviewer who also holds a role in the organisation.
  users.centralInO = await buildStaff(t, ag.C, ['central_reviewer', { role: 'expert', agencyId: ag.O }]);
  // An administrator of the independent agency who is also a central reviewer.
  users.adminXReviewer = await buildStaff(t, ag.X, ['agency_admin', { role: 'central_reviewer', agencyId: ag.C }]);
  users.adminP = await buildStaff(t, ag.P, ['agency_admin']);
  users.adminPReviewer = await buildStaff(t, ag.P, ['agency_admin', { role: 'central_reviewer', agencyId: ag.C }]);
  const law = await call('POST', '/catalogue/laws', 'central', {
    title: 'قانون آزمایشی',
    kind: 'law',
    approvingBody: 'مجلس شورای اسلامی',
    number: '1',
    approvedOn: '1400/01/15',
    articles: [
      { number: '1', text: 'ماده ۱' },
      { number: '2', text: 'ماده ۲' },
    ],
  });
  lawId = law.json<{ id: string }>().id;
});
afterAll(() => t.close());

describe('a service card’s central review', () => {
  it('refuses a central reviewer of the owning agency’s parent, or one holding a role in it; another approves', async () => {
    let card = await newCard(ag.O, 'adminO', 'خدمت زیرمجموعه');
    card = await step(card, 'submit', 'adminO');
    expect(card.status).toBe('parent_review');
    card = await step(card, 'forward', 'adminM2');
    expect(card.status).toBe('central_review');

    for (const who of ['centralOfM', 'centralInO'] as const) {
      expect(await capabilities(card, who)).toMatchObject(REVIEW);
      expect((await call('GET', `/catalogue/cards/${card.id}`, who)).json<Card>().actions).toEqual([]);
      for (const action of ['approve', 'return', 'reject'])
        await refusedUnchanged(
          'service_cards',
          card.id,
          () => call('POST', `/catalogue/cards/${card.id}/${action}`, who, { version: card.version, comment: 'نظر' }),
          'REVIEWER_CONFLICT_OF_INTEREST',
        );
    }
    // The message names the rule in Persian and in English.
    const fa = await call('POST', `/catalogue/cards/${card.id}/approve`, 'centralOfM', { version: card.version });
    expect(fa.json().error.message).toContain('دستگاه خود');
    expect(await capabilities(card, 'central')).toMatchObject({ approve: true, return: true, reject: true });
    expect((await call('GET', `/catalogue/cards/${card.id}`, 'central')).json<Card>().actions).toEqual([
      'return',
      'approve',
      'reject',
    ]);
    expect((await step(card, 'approve', 'central')).status).toBe('approved');
  });

  it('refuses the submitter who is also a central reviewer, whatever they send', async () => {
    let card = await newCard(ag.X, 'adminXReviewer', 'خدمت مستقل');
    card = await step(card, 'submit', 'adminXReviewer');
    expect(card.status).toBe('central_review');
    expect(await capabilities(card, 'adminXReviewer')).toMatchObject(REVIEW);
    for (const action of ['approve', 'return', 'reject'])
      await refusedUnchanged(
        'service_cards',
        card.id,
        () => call('POST', `/catalogue/cards/${card.id}/${action}`, 'adminXReviewer', { version: card.version, comment: 'x' }),
        'SELF_REVIEW_FORBIDDEN',
      );
    // A stale version or a lying client changes nothing either: the version check comes first, then the rule.
    const stale = await call('POST', `/catalogue/cards/${card.id}/approve`, 'adminXReviewer', { version: 999 });
    expect(stale.statusCode).toBe(409);
    expect((await step(card, 'approve', 'central')).status).toBe('approved');
  });

  it('refuses the parent agency’s administrator who submitted the sub-agency’s card; another administrator forwards it', async () => {
    let card = await newCard(ag.O, 'adminM', 'خدمت فرستاده بالادستی');
    card = await step(card, 'submit', 'adminM');
    expect(card.status).toBe('parent_review');
    expect(await capabilities(card, 'adminM')).toMatchObject({ forward: false, return: false });
    for (const action of ['forward', 'return'])
      await refusedUnchanged(
        'service_cards',
        card.id,
        () => call('POST', `/catalogue/cards/${card.id}/${action}`, 'adminM', { version: card.version, comment: 'x' }),
        'SELF_REVIEW_FORBIDDEN',
      );
    expect(await capabilities(card, 'adminM2')).toMatchObject({ forward: true, return: true });
    expect((await step(card, 'forward', 'adminM2')).status).toBe('central_review');
  });

  it('refuses the submitter of a change request and of a renewal', async () => {
    let card = await newCard(ag.X, 'adminX', 'خدمت با درخواست تغییر');
    card = await step(card, 'submit', 'adminX');
    card = await step(card, 'approve', 'central');
    // A change request opened and submitted by the administrator who is also a central reviewer.
    const opened = await call('POST', `/catalogue/cards/${card.id}/change-requests`, 'adminXReviewer', {
      version: card.version,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    card = await step(opened.json<Card>(), 'submit', 'adminXReviewer', {
      changeBasis: { lawId, articles: ['2'], reason: 'اصلاح به موجب مادهٔ ۲' },
      headApproval: { approvedBy: users.headX.id, approvedAt: t.clock.now().toISOString(), reference: '۱۲/ص' },
    });
    expect(card.status).toBe('central_review');
    expect(await capabilities(card, 'adminXReviewer')).toMatchObject(REVIEW);
    await refusedUnchanged(
      'service_cards',
      card.id,
      () => call('POST', `/catalogue/cards/${card.id}/approve`, 'adminXReviewer', { version: card.version }),
      'SELF_REVIEW_FORBIDDEN',
    );
    card = await step(card, 'approve', 'central');
    expect(card.status).toBe('approved');

    // A renewal confirmed by them: they may not approve or return it either.
    const renewed = await call('POST', `/catalogue/cards/${card.id}/renew`, 'adminXReviewer', {
      version: card.version,
      mode: 'confirm',
    });
    card = renewed.json<Card>();
    expect(card.status).toBe('renewal_review');
    expect(await capabilities(card, 'adminXReviewer')).toMatchObject({ approve: false, return: false });
    for (const action of ['approve', 'return'])
      await refusedUnchanged(
        'service_cards',
        card.id,
        () => call('POST', `/catalogue/cards/${card.id}/${action}`, 'adminXReviewer', { version: card.version, comment: 'x' }),
        'SELF_REVIEW_FORBIDDEN',
      );
    expect(await capabilities(card, 'central')).toMatchObject({ approve: true, return: true });
    expect((await step(card, 'approve', 'central')).status).toBe('approved');
  });

  it('answers capabilities for another agency’s card as if it did not exist', async () => {
    const card = await newCard(ag.X, 'adminX', 'خدمت پنهان');
    expect((await call('GET', `/catalogue/cards/${card.id}/capabilities`, 'adminO')).json().error.code).toBe(
      'CARD_NOT_FOUND',
    );
  });
});

describe('card capabilities and operations agree', () => {
  it('for several actors, at parent and at central review: true is never refused, false always is', async () => {
    const actors: Who[] = ['adminO', 'adminM', 'adminM2', 'central', 'centralOfM', 'centralInO'];
    const cases = [
      { at: 'parent_review', actions: ['forward', 'return'] },
      { at: 'central_review', actions: ['approve', 'return', 'reject'] },
    ] as const;
    const seen = new Map<string, Set<boolean>>();
    for (const c of cases)
      for (const action of c.actions)
        for (const who of actors) {
          // A fresh card of the organisation, submitted by the ministry's administrator (with its sub-agencies).
          let card = await newCard(ag.O, 'adminM', `خدمت ${c.at} ${action} ${who}`);
          card = await step(card, 'submit', 'adminM');
          if (c.at === 'central_review') card = await step(card, 'forward', 'adminM2');
          const may = (await capabilities(card, who))[action] === true;
          const res = await call('POST', `/catalogue/cards/${card.id}/${action}`, who, {
            version: card.version,
            comment: 'نظر بررسی‌کننده',
          });
          const refused = [403, 404, 409].includes(res.statusCode);
          expect({ c: c.at, action, who, may, status: res.statusCode }).toEqual({
            c: c.at,
            action,
            who,
            may,
            status: may ? 200 : res.statusCode,
          });
          expect(refused).toBe(!may);
          seen.set(`${c.at} ${action}`, (seen.get(`${c.at} ${action}`) ?? new Set()).add(may));
        }
    // Each step was both allowed to someone and refused to someone.
    for (const [k, v] of seen) expect([k, [...v].sort()]).toEqual([k, [false, true]]);
  }, 120_000);
});

describe('a delivery report row’s central review', () => {
  it('refuses the report’s submitter and a reviewer of its agency’s parent; another reviewer resolves it', async () => {
    const submit = async (who: Who, year: number) => {
      const res = await call('POST', '/catalogue/delivery-reports', who, {
        agencyId: ag.P,
        year,
        rows: [{ title: 'خدمت بی‌شناسه', deliveredCount: 3 }],
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ rows: Array<{ id: string; version: number }> }>().rows[0]!;
    };
    const own = await submit('adminPReviewer', 1402);
    const resolve = (who: Who, row: { id: string; version: number }) =>
      call('POST', `/catalogue/delivery-report-rows/${row.id}/resolve`, who, {
        resolution: 'dismissed',
        reason: 'تکراری است',
        version: row.version,
      });
    const caps = async (who: Who, id: string) =>
      (await call('GET', `/catalogue/delivery-report-rows/${id}/capabilities`, who)).json<{ resolve: boolean }>();
    expect(await caps('adminPReviewer', own.id)).toEqual({ resolve: false });
    await refusedUnchanged('delivery_report_rows', own.id, () => resolve('adminPReviewer', own), 'SELF_REVIEW_FORBIDDEN');

    const other = await submit('adminP', 1403);
    expect(await caps('centralOfM', other.id)).toEqual({ resolve: false });
    await refusedUnchanged(
      'delivery_report_rows',
      other.id,
      () => resolve('centralOfM', other),
      'REVIEWER_CONFLICT_OF_INTEREST',
    );
    expect(await caps('central', other.id)).toEqual({ resolve: true });
    expect((await resolve('central', other)).statusCode).toBe(200);
    expect(await caps('central', other.id)).toEqual({ resolve: false }); // resolved: nothing more to do
  });
});

describe('a service mark', () => {
  it('is not made by a reviewer of the service’s agency, nor resolved by whoever made it', async () => {
    let card = await newCard(ag.O, 'adminO', 'خدمت علامت‌خورده');
    card = await step(card, 'submit', 'adminO');
    card = await step(card, 'forward', 'adminM2');
    card = await step(card, 'approve', 'central');
    const mark = (who: Who) =>
      call('POST', '/catalogue/marks', who, { serviceId: card.serviceId, kind: 'removable', note: 'دیگر لازم نیست' });
    const [marks] = await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM service_marks');
    const refused = await mark('centralOfM');
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'REVIEWER_CONFLICT_OF_INTEREST']);
    const [after] = await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM service_marks');
    expect(after!.n).toBe(marks!.n);

    const made = await mark('central');
    expect(made.statusCode, made.body).toBe(201);
    const m = made.json<{ id: string; version: number }>();
    const caps = async (who: Who) => (await call('GET', `/catalogue/marks/${m.id}/capabilities`, who)).json<{ resolve: boolean }>();
    expect(await caps('central')).toEqual({ resolve: false });
    expect(await caps('centralInO')).toEqual({ resolve: false });
    const resolve = (who: Who) =>
      call('POST', `/catalogue/marks/${m.id}/resolve`, who, { version: m.version, note: 'بررسی شد' });
    await refusedUnchanged('service_marks', m.id, () => resolve('central'), 'SELF_REVIEW_FORBIDDEN');
    await refusedUnchanged('service_marks', m.id, () => resolve('centralInO'), 'REVIEWER_CONFLICT_OF_INTEREST');
    expect(await caps('central2')).toEqual({ resolve: true });
    expect((await resolve('central2')).statusCode).toBe(200);
  });
});

describe('a desk request', () => {
  it('is not decided by a staff member who is its applicant (the same national code)', async () => {
    const db = t.ctx.database.db;
    const serviceId = await createService(
      db,
      {
        agencyId: ag.X,
        titleFa: 'خدمت پیشخوان',
        titleEn: null,
        descriptionFa: 'شرح',
        recipients: 'G2C',
        normDays: 5,
        formSchema: { type: 'object', properties: { note: { type: 'string', title: 'یادداشت' } } },
        published: true,
      },
      t.clock.now(),
    );
    await linkToApprovedCard(t, serviceId);
    const nationalCode = randomNationalCode();
    users.clerk = await buildStaff(t, ag.X, ['desk_clerk']);
    users.clerk2 = await buildStaff(t, ag.X, ['desk_clerk']);
    // Staff and citizens are different tables: the same person is matched by national code.
    await t.ctx.database.query('UPDATE staff SET national_code = $1 WHERE id = $2', [nationalCode, users.clerk.id]);
    const citizen = await signInCitizen(t, nationalCode);
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: citizen.headers,
      payload: { serviceId, form: { note: 'برای خودم' } },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const request = submitted.json<{ id: string; version: number }>();

    // The cartable lists it, but the request offers them nothing, and every decision is refused.
    expect((await call('GET', `/requests/${request.id}`, 'clerk')).json().actions).toEqual([]);
    for (const decision of ['approve', 'reject'])
      await refusedUnchanged(
        'service_requests',
        request.id,
        () => call('POST', `/requests/${request.id}/decide`, 'clerk', { decision, note: 'تأیید خودم' }),
        'SELF_REVIEW_FORBIDDEN',
      );
    expect((await call('GET', `/requests/${request.id}`, 'clerk2')).json().actions).toContain('approve');
    const decided = await call('POST', `/requests/${request.id}/decide`, 'clerk2', { decision: 'approve' });
    expect(decided.json().status).toBe('approved');
  });
});
