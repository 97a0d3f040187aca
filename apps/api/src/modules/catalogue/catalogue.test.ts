import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, signInStaff, type Session } from '../../../test/factories';
import { expectKeyReuseRefused, expectReplayedCreate } from '../../../test/idempotency';
import { isValidServiceId } from '.';
import { sealAuditNow } from '../../../test/audit';

let t: TestApp;
let parent: string;
let child: string;
let lone: string;
let other: string;
let lawId: string;
const s: Record<
  'expertC' | 'adminC' | 'adminP' | 'adminLone' | 'central1' | 'central2' | 'otherStaff' | 'auditor',
  Session
> = {} as never;

const SHEBA = 'IR820540102680020817909002';

beforeAll(async () => {
  t = await buildTestApp();
  parent = (await buildAgency(t, { nameFa: 'وزارت آزمایشی', kind: 'ministry' })).id;
  child = (await buildAgency(t, { nameFa: 'سازمان زیرمجموعه', parentId: parent })).id;
  lone = (await buildAgency(t, { nameFa: 'سازمان مستقل' })).id;
  other = (await buildAgency(t, { nameFa: 'دستگاه دیگر' })).id;
  const central = (await buildAgency(t, { nameFa: 'سازمان اداری و استخدامی', kind: 'central_body' })).id;
  const sign = async (agencyId: string, roles: Parameters<typeof buildStaff>[2]) =>
    signInStaff(t, (await buildStaff(t, agencyId, roles)).username);
  s.expertC = await sign(child, ['expert']);
  s.adminC = await sign(child, ['expert', 'agency_admin']);
  s.adminP = await sign(parent, ['agency_admin']);
  s.adminLone = await sign(lone, ['agency_admin']);
  s.central1 = await sign(central, ['central_reviewer']);
  s.central2 = await sign(central, ['central_reviewer']);
  s.otherStaff = await sign(other, ['expert', 'agency_admin']);
  s.auditor = await sign(central, ['oversight_auditor']);
});
afterAll(() => t.close());

const call = (
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  who?: Session,
  payload?: unknown,
  lang?: string,
) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...(who?.headers ?? {}), ...(lang ? { 'accept-language': lang } : {}) },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const completeCard = () => ({
  title: 'صدور گواهی آزمایشی',
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
      providerAgencyId: other,
    },
  ],
  inquiries: [{ agencyId: other, data: 'وضعیت نظام وظیفه', mode: 'instant' }],
  identity: { personTypes: ['real'], assuranceLevel: 'substantial' },
  fees: [{ title: 'هزینه صدور', amountRials: 500_000, legalBasis: [{ lawId, article: '2' }], sheba: SHEBA }],
  inPersonVisits: { count: 0 },
  channels: {
    information: ['web', 'call_centre'],
    request: ['web', 'counter'],
    delivery: ['post'],
    eServiceUrl: 'https://example.gov.ir/service',
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
});

// The cards below cite a registered law (articles 1 and 2); the laws register has its tests in laws/.
beforeAll(async () => {
  const res = await call('POST', '/catalogue/laws', s.central1, {
    title: 'قانون آزمایشی خدمات',
    kind: 'law',
    approvingBody: 'مجلس شورای اسلامی',
    approvedOn: '۱۳۸۲/۱۰/۱۷',
    articles: [
      { number: '1', text: 'متن ماده یک' },
      { number: '2', text: 'متن ماده دو' },
    ],
  });
  expect(res.statusCode).toBe(201);
  lawId = res.json().id;
});

describe('service identity cards', () => {
  let cardId: string;

  it('saves an incomplete draft, and refuses its submission with every problem at its field, in Persian', async () => {
    const res = await call('POST', '/catalogue/cards', s.expertC, {
      agencyId: child,
      content: { title: 'صدور گواهی آزمایشی', fees: [] },
    });
    expect(res.statusCode).toBe(201);
    const card = res.json();
    cardId = card.id;
    expect(card).toMatchObject({
      status: 'draft',
      currentVersion: 1,
      frozen: false,
      serviceId: null,
      agencyId: child,
      parentAgencyId: parent,
      version: 1,
    });
    expect(card.actions).toEqual(['edit']);

    expect((await call('POST', `/catalogue/cards/${cardId}/submit`, s.expertC, { version: 1 })).statusCode).toBe(403);
    const sub = await call('POST', `/catalogue/cards/${cardId}/submit`, s.adminC, { version: 1 });
    expect(sub.statusCode).toBe(400);
    const err = sub.json().error;
    expect(err.code).toBe('CARD_INCOMPLETE');
    expect(err.message).toBe('شناسنامه خدمت کامل نیست؛ موارد مشخص‌شده را تکمیل یا اصلاح کنید.');
    const fields = err.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'content.description',
        'content.recipients',
        'content.legalBasis',
        'content.documents',
        'content.process.normDays',
        'content.maturity.level',
        'content.complaintRoute',
      ]),
    );
    expect(fields).not.toContain('content.title');
    expect(fields).not.toContain('content.fees');
    expect(err.details.fields[0]).toEqual({
      field: 'content.description',
      code: 'REQUIRED',
      message: 'این فیلد الزامی است.',
    });
  });

  it('refuses a norm above the legal deadline and an invalid Sheba with their codes', async () => {
    const content = completeCard();
    content.process.normDays = 12;
    content.fees[0]!.sheba = 'IR820540102680020817909003';
    const res = await call('PUT', `/catalogue/cards/${cardId}`, s.expertC, { version: 1, content });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toEqual([
      { field: 'body.content.fees.0.sheba', code: 'SHEBA_INVALID', message: 'شماره شبا با IR و ۲۴ رقم نوشته می‌شود و رقم‌های کنترلش باید درست باشد؛ آن را از کارت یا برگه حساب بانکی بردارید.' },
    ]);
    content.fees[0]!.sheba = SHEBA;
    const norm = await call('PUT', `/catalogue/cards/${cardId}`, s.expertC, { version: 1, content });
    expect(norm.json().error.details.fields).toEqual([
      {
        field: 'body.content.process.normDays',
        code: 'NORM_EXCEEDS_DEADLINE',
        message: 'زمان استاندارد (نُرم) ارائه خدمت نباید از مهلت قانونی بیشتر باشد.',
      },
    ]);
  });

  it('hides the card from another agency’s staff: they can neither see nor edit it', async () => {
    expect((await call('GET', `/catalogue/cards/${cardId}`, s.otherStaff)).json().error.code).toBe('CARD_NOT_FOUND');
    expect(
      (await call('PUT', `/catalogue/cards/${cardId}`, s.otherStaff, { version: 1, content: completeCard() }))
        .statusCode,
    ).toBe(404);
    expect((await call('POST', `/catalogue/cards/${cardId}/submit`, s.otherStaff, { version: 1 })).statusCode).toBe(
      404,
    );
    expect((await call('GET', `/catalogue/cards/${cardId}/diff?from=1&to=1`, s.otherStaff)).statusCode).toBe(404);
    expect((await call('GET', '/catalogue/cards', s.otherStaff)).json()).toEqual([]);
    expect((await call('POST', '/catalogue/cards', s.otherStaff, { agencyId: child, content: {} })).statusCode).toBe(
      403,
    );
  });

  it('goes draft -> parent review (due in a week) -> returned with a comment -> new version -> resubmitted', async () => {
    const saved = await call('PUT', `/catalogue/cards/${cardId}`, s.expertC, { version: 1, content: completeCard() });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ status: 'draft', currentVersion: 1, version: 2 });

    const sub = await call('POST', `/catalogue/cards/${cardId}/submit`, s.adminC, { version: 2 });
    expect(sub.statusCode).toBe(200);
    const submitted = sub.json();
    expect(submitted).toMatchObject({ status: 'parent_review', frozen: true, currentVersion: 1, version: 3 });
    expect(new Date(submitted.reviewDueAt).getTime() - new Date(submitted.submittedAt).getTime()).toBe(7 * 86_400_000);
    expect(
      (await call('PUT', `/catalogue/cards/${cardId}`, s.adminC, { version: 3, content: completeCard() })).json().error
        .code,
    ).toBe('CARD_NOT_EDITABLE');

    // The parent's administrator sees it in the review cartable; the central reviewer does not yet.
    expect((await call('GET', '/catalogue/review-queue', s.adminP)).json().map((c: { id: string }) => c.id)).toEqual([
      cardId,
    ]);
    expect((await call('GET', '/catalogue/review-queue', s.central1)).json()).toEqual([]);
    expect((await call('GET', `/catalogue/cards/${cardId}`, s.adminP)).json().actions).toEqual(['forward', 'return']);
    expect((await call('POST', `/catalogue/cards/${cardId}/forward`, s.adminC, { version: 3 })).statusCode).toBe(403);
    expect(
      (await call('POST', `/catalogue/cards/${cardId}/approve`, s.central1, { version: 3 })).json().error.code,
    ).toBe('CARD_ACTION_NOT_ALLOWED');

    const noComment = await call('POST', `/catalogue/cards/${cardId}/return`, s.adminP, { version: 3 });
    expect(noComment.json().error.details.fields).toEqual([
      { field: 'body.comment', code: 'REQUIRED', message: 'این فیلد الزامی است.' },
    ]);
    const ret = await call('POST', `/catalogue/cards/${cardId}/return`, s.adminP, {
      version: 3,
      comment: 'مهلت قانونی را با متن قانون تطبیق دهید.',
    });
    expect(ret.json()).toMatchObject({
      status: 'returned',
      lastComment: 'مهلت قانونی را با متن قانون تطبیق دهید.',
      reviewDueAt: null,
    });

    const content = completeCard();
    content.process.legalDeadlineDays = 15;
    content.description = 'شرح اصلاح‌شده';
    const edited = await call('PUT', `/catalogue/cards/${cardId}`, s.expertC, { version: 4, content });
    expect(edited.json()).toMatchObject({ status: 'draft', currentVersion: 2, frozen: false });

    const diff = await call('GET', `/catalogue/cards/${cardId}/diff?from=1&to=2`, s.adminC);
    expect(diff.json()).toEqual({
      from: 1,
      to: 2,
      changes: [
        { path: 'description', before: 'شرح کامل خدمت', after: 'شرح اصلاح‌شده' },
        { path: 'process.legalDeadlineDays', before: 10, after: 15 },
      ],
    });
    expect((await call('GET', `/catalogue/cards/${cardId}/diff?from=1&to=9`, s.adminC)).json().error.code).toBe(
      'CARD_VERSION_NOT_FOUND',
    );

    const again = await call('POST', `/catalogue/cards/${cardId}/submit`, s.adminC, { version: 5 });
    expect(again.json()).toMatchObject({ status: 'parent_review', currentVersion: 2, frozen: true });
    const fwd = await call('POST', `/catalogue/cards/${cardId}/forward`, s.adminP, { version: 6 });
    expect(fwd.json()).toMatchObject({ status: 'central_review', reviewDueAt: null, version: 7 });
  });

  it('lets exactly one of two central reviewers approving at once win; the other gets 409', async () => {
    expect((await call('GET', '/catalogue/review-queue', s.central1)).json().map((c: { id: string }) => c.id)).toEqual([
      cardId,
    ]);
    const [a, b] = await Promise.all([
      call('POST', `/catalogue/cards/${cardId}/approve`, s.central1, { version: 7 }),
      call('POST', `/catalogue/cards/${cardId}/approve`, s.central2, { version: 7 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('CONFLICT');
  });

  it('approval assigns an 11-digit service id with a valid check digit, freezes the version and expires in a year', async () => {
    const card = (await call('GET', `/catalogue/cards/${cardId}`, s.adminC)).json();
    // The agency administrator may now open a change request or renew (catalogue-lifecycle.test.ts).
    expect(card).toMatchObject({ status: 'approved', currentVersion: 2, frozen: true, actions: ['change', 'renew'] });
    expect(card.serviceId).toMatch(/^\d{11}$/);
    expect(isValidServiceId(card.serviceId)).toBe(true);
    const approved = new Date(card.approvedAt);
    const expires = new Date(card.expiresAt);
    expect(expires.getUTCFullYear() - approved.getUTCFullYear()).toBe(1);
    expect([expires.getUTCMonth(), expires.getUTCDate()]).toEqual([approved.getUTCMonth(), approved.getUTCDate()]);
    expect(card.history.map((h: { action: string }) => h.action)).toEqual([
      'created',
      'edited',
      'submitted',
      'returned',
      'edited',
      'submitted',
      'forwarded',
      'approved',
    ]);
    // A frozen version cannot be changed even by SQL.
    await expect(
      t.ctx.database.query(`UPDATE service_card_versions SET content = '{}' WHERE card_id = $1`, [cardId]),
    ).rejects.toThrow(/frozen/);
    // The audit trail holds every step.
await sealAuditNow(t.ctx.database);
    const audits = await t.ctx.database.query<{ action: string }>(
      `SELECT action FROM audit_entries WHERE object_id = $1 ORDER BY id`,
      [cardId],
    );
    expect(audits.map((x) => x.action)).toEqual([
      'service_card.create',
      'service_card.edit',
      'service_card.submit',
      'service_card.return',
      'service_card.edit',
      'service_card.submit',
      'service_card.forward',
      'service_card.approve',
    ]);
  });

  it('sends a card of an agency without a parent straight to central review, where it can be returned or rejected', async () => {
    const created = (
      await call('POST', '/catalogue/cards', s.adminLone, { agencyId: lone, content: completeCard() })
    ).json();
    const sub = (await call('POST', `/catalogue/cards/${created.id}/submit`, s.adminLone, { version: 1 })).json();
    expect(sub).toMatchObject({ status: 'central_review', reviewDueAt: null, parentAgencyId: null });
    const rej = await call('POST', `/catalogue/cards/${created.id}/reject`, s.central2, {
      version: 2,
      comment: 'خدمت تکراری است.',
    });
    expect(rej.json()).toMatchObject({ status: 'rejected', serviceId: null, actions: [] });
  });

  it('lists cards within scope, and keeps the review cartable to reviewers', async () => {
    expect((await call('GET', '/catalogue/cards', s.expertC)).json().map((c: { id: string }) => c.id)).toEqual([
      cardId,
    ]);
    expect((await call('GET', '/catalogue/cards', s.adminP)).json().map((c: { id: string }) => c.id)).toEqual([cardId]);
    const all = (await call('GET', '/catalogue/cards?status=approved', s.auditor)).json();
    expect(all).toEqual([
      expect.objectContaining({ id: cardId, title: 'صدور گواهی آزمایشی', agencyName: 'سازمان زیرمجموعه' }),
    ]);
    expect((await call('GET', '/catalogue/review-queue', s.expertC)).statusCode).toBe(403);
    expect((await call('GET', '/catalogue/cards')).statusCode).toBe(401);
  });
});

describe('retrying a create with an Idempotency-Key', () => {
  const cardCall = () => ({
    url: '/catalogue/cards',
    headers: s.otherStaff.headers,
    payload: { agencyId: other, content: { title: 'خدمت تکرار' } },
    table: 'service_cards',
    stream: 'service_card',
  });

  it('starts a card once, with one version', async () => {
    const versions = async () =>
      (await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM service_card_versions'))[0]!.n;
    const before = await versions();
    const { body } = await expectReplayedCreate<{ id: string; status: string }>(t, cardCall());
    expect(body.status).toBe('draft');
    expect(await versions()).toBe(before + 1);
  });

  it('refuses the same key with another body, changing nothing', async () => {
    await expectKeyReuseRefused(t, cardCall(), { agencyId: other, content: { title: 'خدمت دیگر' } });
  });

  it('keeps a key to its caller: another author with the same key and body starts their own card', async () => {
    const payload = { agencyId: child, content: { title: 'خدمت دو نویسنده' } };
    const send = (who: Session) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/catalogue/cards',
        headers: { ...who.headers, 'idempotency-key': 'shared-key-0001' },
        payload,
      });
    const a = await send(s.expertC);
    const b = await send(s.adminC);
    expect([a.statusCode, b.statusCode, b.headers['idempotent-replayed']]).toEqual([201, 201, undefined]);
    expect(b.json().id).not.toBe(a.json().id);
  });
});
