import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, signInStaff, type Session } from '../../../test/factories';
import { recordExpiryNotices } from './catalogue.jobs';
import { sealAuditNow } from '../../../test/audit';

/*
 * After first approval: change requests (law basis + head approval, the approved version stays in
 * force), yearly expiry with reminders driven by the daily catalogue.expiry job, and renewal.
 */

let t: TestApp;
let agency: string;
let lawId: string;
let otherLawId: string;
const DAY = 86_400_000;
type Who = 'expert' | 'admin' | 'head' | 'otherAdmin' | 'central';
const users = {} as Record<Who, { id: string; username: string }>;
const sessions = new Map<Who, { at: number; s: Session }>();

/** A session for the user, signed in again whenever the clock has moved (sessions expire). */
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

/** Runs the recurring jobs due now, as a worker would. */
async function runJobs() {
  await t.ctx.runner!.scheduleRecurring();
  await t.ctx.runner!.runDue();
}

const SHEBA = 'IR820540102680020817909002';
const completeCard = (title = 'صدور پروانه آزمایشی', amountRials = 500_000) => ({
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
  fees: [{ title: 'هزینه صدور', amountRials, legalBasis: [{ lawId, article: '2' }], sheba: SHEBA }],
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
});

interface View {
  id: string;
  status: string;
  serviceId: string | null;
  currentVersion: number;
  approvedVersion: number | null;
  expiresAt: string | null;
  expired: boolean;
  version: number;
  content: Record<string, unknown>;
  actions: string[];
  history: Array<{ action: string }>;
}

/** A card of the agency, submitted and approved centrally (the agency has no parent). */
async function approvedCard(title?: string): Promise<View> {
  const created = await call('POST', '/catalogue/cards', 'admin', { agencyId: agency, content: completeCard(title) });
  expect(created.statusCode).toBe(201);
  const id = created.json<View>().id;
  const sub = await call('POST', `/catalogue/cards/${id}/submit`, 'admin', { version: created.json<View>().version });
  expect(sub.json()).toMatchObject({ status: 'central_review' });
  const ok = await call('POST', `/catalogue/cards/${id}/approve`, 'central', { version: sub.json<View>().version });
  expect(ok.json()).toMatchObject({ status: 'approved', approvedVersion: 1, expired: false });
  return ok.json<View>();
}

const basis = () => ({ lawId: otherLawId, articles: ['3'], reason: 'اصلاح تعرفه به موجب مصوبه جدید' });
const headApproval = () => ({
  approvedBy: users.head.id,
  approvedAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString(),
  reference: '۱۲۳۴/ص/۱۴۰۴',
});

beforeAll(async () => {
  t = await buildTestApp();
  agency = (await buildAgency(t, { nameFa: 'سازمان مستقل آزمایشی' })).id;
  const other = (await buildAgency(t, { nameFa: 'دستگاه دیگر' })).id;
  const central = (await buildAgency(t, { nameFa: 'سازمان اداری و استخدامی', kind: 'central_body' })).id;
  users.expert = await buildStaff(t, agency, ['expert']);
  users.admin = await buildStaff(t, agency, ['expert', 'agency_admin']);
  users.head = await buildStaff(t, agency, ['agency_admin']);
  users.otherAdmin = await buildStaff(t, other, ['agency_admin']);
  users.central = await buildStaff(t, central, ['central_reviewer']);
  const law = (number: string, articles: string[]) =>
    call('POST', '/catalogue/laws', 'central', {
      title: `قانون آزمایشی ${number}`,
      kind: 'law',
      approvingBody: 'مجلس شورای اسلامی',
      number,
      approvedOn: '1400/01/15',
      articles: articles.map((n) => ({ number: n, text: `ماده ${n}` })),
    });
  lawId = (await law('1', ['1', '2'])).json<{ id: string }>().id;
  otherLawId = (await law('2', ['3'])).json<{ id: string }>().id;
});
afterAll(() => t.close());

describe('change requests on an approved card', () => {
  let card: View;
  it('opens a new draft version while the approved one stays in force', async () => {
    card = await approvedCard();
    expect(
      (await call('POST', `/catalogue/cards/${card.id}/change-requests`, 'expert', { version: card.version }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('POST', `/catalogue/cards/${card.id}/change-requests`, 'admin', { version: card.version - 1 }))
        .statusCode,
    ).toBe(409);
    const res = await call('POST', `/catalogue/cards/${card.id}/change-requests`, 'admin', { version: card.version });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'draft',
      serviceId: card.serviceId,
      currentVersion: 2,
      approvedVersion: 1,
      expiresAt: card.expiresAt,
      frozen: false,
      content: card.content,
    });
    expect(res.json<View>().history.map((h) => h.action)).toContain('change_requested');
    // A change request is not itself changeable or renewable, and cannot be opened twice.
    expect(
      (
        await call('POST', `/catalogue/cards/${card.id}/change-requests`, 'admin', {
          version: res.json<View>().version,
        })
      ).json(),
    ).toMatchObject({
      error: { code: 'CARD_ACTION_NOT_ALLOWED' },
    });
    const edited = await call('PUT', `/catalogue/cards/${card.id}`, 'expert', {
      version: res.json<View>().version,
      content: completeCard('صدور پروانه آزمایشی (اصلاحی)', 750_000),
    });
    expect(edited.json()).toMatchObject({ status: 'draft', currentVersion: 2, approvedVersion: 1 });
    card = edited.json<View>();
  });

  it('refuses to submit without a change basis and the head’s approval, each at its field', async () => {
    const none = await call('POST', `/catalogue/cards/${card.id}/submit`, 'admin', { version: card.version });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details.fields).toEqual([
      { field: 'body.changeBasis', code: 'CHANGE_BASIS_REQUIRED', message: expect.any(String) },
      { field: 'body.headApproval', code: 'HEAD_APPROVAL_REQUIRED', message: expect.any(String) },
    ]);
    const onlyBasis = await call('POST', `/catalogue/cards/${card.id}/submit`, 'admin', {
      version: card.version,
      changeBasis: basis(),
    });
    expect(onlyBasis.json().error.details.fields.map((f: { code: string }) => f.code)).toEqual([
      'HEAD_APPROVAL_REQUIRED',
    ]);
    const onlyHead = await call('POST', `/catalogue/cards/${card.id}/submit`, 'admin', {
      version: card.version,
      headApproval: headApproval(),
    });
    expect(onlyHead.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['body.changeBasis']);

    const bad = await call('POST', `/catalogue/cards/${card.id}/submit`, 'admin', {
      version: card.version,
      changeBasis: { ...basis(), articles: ['3', '99'] },
      headApproval: { ...headApproval(), approvedBy: users.otherAdmin.id },
    });
    expect(bad.json().error.details.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)).toEqual(
      ['body.changeBasis.articles.1:LAW_ARTICLE_NOT_FOUND', 'body.headApproval.approvedBy:HEAD_APPROVER_INVALID'],
    );
    const unknownLaw = await call('POST', `/catalogue/cards/${card.id}/submit`, 'admin', {
      version: card.version,
      changeBasis: { ...basis(), lawId: '00000000-0000-4000-8000-000000000000' },
      headApproval: { ...headApproval(), approvedAt: new Date(t.clock.now().getTime() + DAY).toISOString() },
    });
    expect(
      unknownLaw.json().error.details.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`),
    ).toEqual(['body.changeBasis.lawId:LAW_NOT_REGISTERED', 'body.headApproval.approvedAt:DATE_IN_FUTURE']);
    // Nothing moved: still a draft at the same version.
    expect((await call('GET', `/catalogue/cards/${card.id}`, 'admin')).json()).toMatchObject({
      status: 'draft',
      version: card.version,
    });
  });

  it('accepts them, shows the reviewer the diff, and on approval puts the new version in force under the same service id', async () => {
    const sub = await call('POST', `/catalogue/cards/${card.id}/submit`, 'admin', {
      version: card.version,
      changeBasis: basis(),
      headApproval: headApproval(),
    });
    expect(sub.statusCode).toBe(200);
    expect(sub.json()).toMatchObject({
      status: 'central_review',
      currentVersion: 2,
      approvedVersion: 1,
      frozen: true,
      changeBasis: basis(),
      headApproval: { approvedBy: users.head.id, reference: '۱۲۳۴/ص/۱۴۰۴' },
    });
    const queue = await call('GET', '/catalogue/review-queue', 'central');
    expect(queue.json().map((c: { id: string }) => c.id)).toContain(card.id);
    const listed = (await call('GET', '/catalogue/cards', 'admin'))
      .json()
      .find((c: { id: string }) => c.id === card.id);
    expect(listed).toMatchObject({ status: 'central_review', approvedVersion: 1, serviceId: card.serviceId });

    const diff = await call('GET', `/catalogue/cards/${card.id}/diff?from=1&to=2`, 'central');
    expect(diff.statusCode).toBe(200);
    expect(diff.json()).toEqual({
      from: 1,
      to: 2,
      changes: [
        { path: 'fees.0.amountRials', before: 500_000, after: 750_000 },
        { path: 'title', before: 'صدور پروانه آزمایشی', after: 'صدور پروانه آزمایشی (اصلاحی)' },
      ],
    });

    const ok = await call('POST', `/catalogue/cards/${card.id}/approve`, 'central', {
      version: sub.json<View>().version,
    });
    expect(ok.json()).toMatchObject({
      status: 'approved',
      serviceId: card.serviceId,
      currentVersion: 2,
      approvedVersion: 2,
      content: { title: 'صدور پروانه آزمایشی (اصلاحی)' },
    });
    expect(new Date(ok.json<View>().expiresAt!).getTime()).toBeGreaterThanOrEqual(new Date(card.expiresAt!).getTime());
    expect(ok.json<View>().history.map((h) => h.action)).toEqual([
      'created',
      'submitted',
      'approved',
      'change_requested',
      'edited',
      'submitted',
      'approved',
    ]);
    card = ok.json<View>();
  });

  it('leaves the approved version in force when a change request is rejected', async () => {
    const open = await call('POST', `/catalogue/cards/${card.id}/change-requests`, 'admin', { version: card.version });
    expect(open.json()).toMatchObject({ currentVersion: 3, approvedVersion: 2 });
    const sub = await call('POST', `/catalogue/cards/${card.id}/submit`, 'admin', {
      version: open.json<View>().version,
      changeBasis: basis(),
      headApproval: headApproval(),
    });
    const rej = await call('POST', `/catalogue/cards/${card.id}/reject`, 'central', {
      version: sub.json<View>().version,
      comment: 'مستند کافی نیست',
    });
    expect(rej.json()).toMatchObject({
      status: 'approved',
      serviceId: card.serviceId,
      currentVersion: 2,
      approvedVersion: 2,
      expiresAt: card.expiresAt,
      content: { title: 'صدور پروانه آزمایشی (اصلاحی)' },
    });
    // The next change request gets a fresh version number; the rejected one stays in history.
    const again = await call('POST', `/catalogue/cards/${card.id}/change-requests`, 'admin', {
      version: rej.json<View>().version,
    });
    expect(again.json()).toMatchObject({ currentVersion: 4, approvedVersion: 2 });
    expect((await call('GET', `/catalogue/cards/${card.id}/diff?from=2&to=3`, 'admin')).json().changes).toEqual([]);
  });
});

describe('expiry and renewal', () => {
  let card: View;
  let expiresAt: Date;
  const noticesOf = async (id: string) =>
    (await call('GET', '/catalogue/notifications', 'admin'))
      .json<Array<{ cardId: string; kind: string; daysBefore: number }>>()
      .filter((n) => n.cardId === id)
      .map((n) => `${n.kind}:${n.daysBefore}`);

  it('expires a year after approval', async () => {
    card = await approvedCard('خدمت با انقضا');
    expiresAt = new Date(card.expiresAt!);
    const approvedAt = t.clock.now();
    const inAYear = new Date(approvedAt);
    inAYear.setUTCFullYear(inAYear.getUTCFullYear() + 1);
    expect(expiresAt.toISOString()).toBe(inAYear.toISOString());
    expect((await call('GET', '/catalogue/notifications', 'central')).statusCode).toBe(403);
  });

  it('reminds the agency administrators at 60, 30 and 7 days, once each, with an event and an audit entry', async () => {
    t.clock.set(new Date(expiresAt.getTime() - 61 * DAY));
    await runJobs();
    expect(await noticesOf(card.id)).toEqual([]);
    for (const days of [60, 30, 7]) {
      t.clock.set(new Date(expiresAt.getTime() - days * DAY));
      await runJobs();
      await runJobs();
      expect(await recordExpiryNotices(t.ctx.database, t.clock.now())).toBe(0); // a second run records nothing
      t.clock.advance(3_600_000);
      await runJobs();
    }
    expect(await noticesOf(card.id)).toEqual(['expiry_reminder:7', 'expiry_reminder:30', 'expiry_reminder:60']);
    const reminders = await t.ctx.database.query<{ days_before: number }>(
      'SELECT days_before FROM card_reminders WHERE card_id = $1 ORDER BY days_before',
      [card.id],
    );
    expect(reminders.map((r) => r.days_before)).toEqual([7, 30, 60]);
await sealAuditNow(t.ctx.database);
    const audits = await t.ctx.database.query<{ n: number | string }>(
      "SELECT count(*) AS n FROM audit_entries WHERE object_id = $1 AND action = 'service_card.remind_expiry'",
      [card.id],
    );
    expect(Number(audits[0]!.n)).toBe(3);
    const view = (await call('GET', `/catalogue/cards/${card.id}`, 'admin')).json<View>();
    expect(view.history.filter((h) => h.action === 'expiry_reminded')).toHaveLength(3);
    expect(view).toMatchObject({ status: 'approved', expired: false });
  });

  it('shows a card past its expiry as expired in the card and in every list', async () => {
    t.clock.set(new Date(expiresAt.getTime() + 3_600_000));
    await runJobs();
    expect(await recordExpiryNotices(t.ctx.database, t.clock.now())).toBe(0);
    expect((await noticesOf(card.id))[0]).toBe('expired:0');
    for (const who of ['admin', 'expert', 'central'] as const) {
      const view = (await call('GET', `/catalogue/cards/${card.id}`, who)).json<View>();
      expect(view).toMatchObject({ status: 'approved', expired: true, serviceId: card.serviceId });
      const listed = (await call('GET', '/catalogue/cards', who)).json().find((c: { id: string }) => c.id === card.id);
      expect(listed).toMatchObject({ expired: true, expiresAt: expiresAt.toISOString() });
    }
    const view = (await call('GET', `/catalogue/cards/${card.id}`, 'admin')).json<View>();
    expect(view.actions).toEqual(['change', 'renew']);
    expect(view.history.map((h) => h.action).at(-1)).toBe('expired');
    card = view;
  });

  it('renews a card confirmed unchanged: central approval sets expiry a year on and starts fresh reminders', async () => {
    const renew = await call('POST', `/catalogue/cards/${card.id}/renew`, 'admin', {
      version: card.version,
      mode: 'confirm',
    });
    expect(renew.statusCode).toBe(200);
    expect(renew.json()).toMatchObject({ status: 'renewal_review', expired: true, approvedVersion: 1 });
    expect((await call('GET', '/catalogue/review-queue', 'central')).json().map((c: { id: string }) => c.id)).toContain(
      card.id,
    );
    const noComment = await call('POST', `/catalogue/cards/${card.id}/return`, 'central', {
      version: renew.json<View>().version,
    });
    expect(noComment.statusCode).toBe(400);
    const ok = await call('POST', `/catalogue/cards/${card.id}/approve`, 'central', {
      version: renew.json<View>().version,
    });
    const inAYear = t.clock.now();
    inAYear.setUTCFullYear(inAYear.getUTCFullYear() + 1);
    expect(ok.json()).toMatchObject({
      status: 'approved',
      expired: false,
      serviceId: card.serviceId,
      approvedVersion: 1,
      currentVersion: 1,
      expiresAt: inAYear.toISOString(),
    });
    expect(
      ok
        .json<View>()
        .history.map((h) => h.action)
        .slice(-2),
    ).toEqual(['renewal_requested', 'renewal_approved']);
    const listed = (await call('GET', '/catalogue/cards', 'admin'))
      .json()
      .find((c: { id: string }) => c.id === card.id);
    expect(listed).toMatchObject({ expired: false, expiresAt: inAYear.toISOString() });

    await runJobs();
    expect(await noticesOf(card.id)).toHaveLength(4);
    t.clock.set(new Date(inAYear.getTime() - 60 * DAY));
    await runJobs();
    expect((await noticesOf(card.id))[0]).toBe('expiry_reminder:60');
    card = (await call('GET', `/catalogue/cards/${card.id}`, 'admin')).json<View>();
  });

  it('renews through a change request too, and a returned renewal leaves the card as it was', async () => {
    const renew = await call('POST', `/catalogue/cards/${card.id}/renew`, 'admin', {
      version: card.version,
      mode: 'confirm',
    });
    const back = await call('POST', `/catalogue/cards/${card.id}/return`, 'central', {
      version: renew.json<View>().version,
      comment: 'قوانین تغییر کرده است؛ درخواست تغییر ثبت کنید',
    });
    expect(back.json()).toMatchObject({
      status: 'approved',
      expiresAt: card.expiresAt,
      lastComment: expect.any(String),
    });
    expect(
      (
        await call('POST', `/catalogue/cards/${card.id}/renew`, 'expert', {
          version: back.json<View>().version,
          mode: 'change',
        })
      ).statusCode,
    ).toBe(403);
    const change = await call('POST', `/catalogue/cards/${card.id}/renew`, 'admin', {
      version: back.json<View>().version,
      mode: 'change',
    });
    expect(change.json()).toMatchObject({
      status: 'draft',
      currentVersion: 2,
      approvedVersion: 1,
      serviceId: card.serviceId,
    });
    const sub = await call('POST', `/catalogue/cards/${card.id}/submit`, 'admin', {
      version: change.json<View>().version,
      changeBasis: basis(),
      headApproval: headApproval(),
    });
    const ok = await call('POST', `/catalogue/cards/${card.id}/approve`, 'central', {
      version: sub.json<View>().version,
    });
    const inAYear = t.clock.now();
    inAYear.setUTCFullYear(inAYear.getUTCFullYear() + 1);
    expect(ok.json()).toMatchObject({
      status: 'approved',
      approvedVersion: 2,
      expiresAt: inAYear.toISOString(),
      serviceId: card.serviceId,
    });
  });
});
