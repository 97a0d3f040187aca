// Over 450 lines: one shared fixture (two units, eleven staff, the SLA requests) serves every cartable scenario; split files would each rebuild it.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { sealAuditNow } from '../../../test/audit';
import {
  arabicDigits,
  buildDeskService,
  decideDeskRequest,
  persianDigits,
  submitDeskRequest,
} from '../../../test/desk';
import {
  buildAgency,
  buildStaff,
  nextAddress,
  signInCitizen,
  signInStaff,
  type Session,
} from '../../../test/factories';
import { expectReplayedCreate } from '../../../test/idempotency';
import { rows } from '../../platform/db';
import { calendarFor } from '../calendar';
import * as orgRepo from '../organisation/organisation.repository';
import * as repo from './requests.repository';
import { dueDate } from './requests.service';

/*
 * The cartable's work items (issue 11 item 5): claim, release, assign, refer, internal notes,
 * filters and search, SLA badges, bulk actions and the unit's load. Agency A has two units; its
 * clerks of unit 1 are managed by a unit manager of unit 1. The clock stands at Saturday
 * 10 Aban 1404, 10:00 Tehran.
 */

let t: TestApp;
const ag = {} as Record<'a' | 'b', string>;
let serviceA: string;
let serviceA2: string;
let serviceB: string;
type Who = 'clerk1' | 'clerk2' | 'clerk3' | 'manager' | 'clerkB' | 'inactive' | 'admin' | 'c1' | 'c2' | 'c3' | 'c4';
const staff = {} as Record<Who, { id: string; username: string }>;
const sessions = {} as Record<Who, Session>;
let citizen: Session & { nationalCode: string; id: string };
let other: Session & { nationalCode: string; id: string };
const NOW = '2025-11-01T06:30:00.000Z';

const get = (who: Who, url: string) => t.app.inject({ url: `/api/v1${url}`, headers: sessions[who].headers });
const post = (who: Who, url: string, payload: object = {}, key?: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    headers: { ...sessions[who].headers, ...(key ? { 'idempotency-key': key } : {}) },
    payload,
  });
const code = (res: { json(): unknown }) => (res.json() as { error?: { code: string } }).error?.code;
interface Row {
  id: string;
  trackingCode: string;
  sla: string | null;
  claim: { holderId: string; mine: boolean; via: string } | null;
  actions: string[];
}
const cartable = async (who: Who, query = '') => {
  const res = await get(who, `/cartable?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Row[]; nextCursor: string | null }>();
};
const rowOf = async (who: Who, id: string, query = 'status=all&limit=100') =>
  (await cartable(who, query)).items.find((r) => r.id === id);

/** A request of the agency inserted with a given due date (for the SLA badges). */
async function due(serviceId: string, agencyId: string, dueAt: Date, applicantId = citizen.id): Promise<string> {
  const id = await repo.insertRequest(t.ctx.database.db, {
    trackingCode: String(1_000_000_000 + Math.floor(Math.random() * 8_999_999_999)).slice(0, 10),
    serviceId,
    serviceVersion: 1,
    agencyId,
    applicantId,
    onBehalfOfId: null,
    status: 'submitted',
    form: {},
    submittedAt: new Date(Math.min(dueAt.getTime(), Date.parse(NOW)) - 86_400_000),
    dueAt,
  });
  return id!;
}
const fresh = async () => (await submitDeskRequest(t, citizen, serviceA)).id;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(NOW);
  const db = t.ctx.database.db;
  ag.a = (await buildAgency(t, { nameFa: 'اداره کل کارتابل الف' })).id;
  ag.b = (await buildAgency(t, { nameFa: 'اداره کل کارتابل ب' })).id;
  const unit = (nameFa: string) =>
    orgRepo.insertUnit(
      db,
      { agencyId: ag.a, parentId: null, nameFa, nameEn: null, kind: 'operational', code: null },
      t.clock.now(),
    );
  const u1 = (await unit('واحد یک')).id;
  const u2 = (await unit('واحد دو')).id;
  serviceA = await buildDeskService(t, ag.a);
  serviceA2 = await buildDeskService(t, ag.a, 'خدمت دوم الف');
  serviceB = await buildDeskService(t, ag.b, 'خدمت ب');
  staff.clerk1 = await buildStaff(t, ag.a, [{ role: 'desk_clerk', unitId: u1 }], { displayName: 'زهرا کارمند یک' });
  staff.clerk2 = await buildStaff(t, ag.a, [{ role: 'expert', unitId: u1 }], { displayName: 'رضا کارشناس دو' });
  staff.clerk3 = await buildStaff(t, ag.a, [{ role: 'desk_clerk', unitId: u2 }], {
    displayName: 'مینا کارمند واحد دو',
  });
  staff.manager = await buildStaff(t, ag.a, [{ role: 'unit_manager', unitId: u1 }], { displayName: 'مدیر واحد یک' });
  staff.clerkB = await buildStaff(t, ag.b, ['desk_clerk']);
  staff.inactive = await buildStaff(t, ag.a, [{ role: 'desk_clerk', unitId: u1 }]);
  staff.admin = await buildStaff(t, ag.a, ['agency_admin']);
  for (const c of ['c1', 'c2', 'c3', 'c4'] as const)
    staff[c] = await buildStaff(t, ag.a, [{ role: 'desk_clerk', unitId: u2 }]);
  for (const w of Object.keys(staff) as Who[]) sessions[w] = await signInStaff(t, staff[w].username);
  await db.execute(sql`UPDATE staff SET active = false WHERE id = ${staff.inactive.id}`);
  citizen = await signInCitizen(t);
  other = await signInCitizen(t);
  // The applicant's name as stored with Arabic yeh and kaf: a search typed with Persian letters finds it.
  await db.execute(sql`UPDATE citizens SET name = ${'علي كريمي‌نژاد'} WHERE id = ${citizen.id}`);
  await db.execute(sql`UPDATE citizens SET name = ${'سارا احمدی'} WHERE id = ${other.id}`);
});
afterAll(() => t.close());

describe('claim and release', () => {
  it('a claimed item is its holder’s: others see who holds it, cannot take or claim it; the holder releases it', async () => {
    const id = await fresh();
    const before = await rowOf('clerk2', id);
    expect(before).toMatchObject({ claim: null, claimVersion: 0, actions: ['claim', 'note'], sla: 'on_time' });
    expect((await rowOf('manager', id))!.actions).toEqual(['claim', 'assign', 'note']);

    const claimed = await post('clerk1', `/requests/${id}/claim`, { version: 0 });
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(claimed.json()).toMatchObject({
      claim: { holderId: staff.clerk1.id, holderName: 'زهرا کارمند یک', mine: true, via: 'claim' },
      claimVersion: 1,
      actions: ['release', 'refer', 'note'],
    });

    const seen = await rowOf('clerk2', id);
    expect(seen).toMatchObject({ claim: { holderName: 'زهرا کارمند یک', mine: false }, actions: ['note'] });
    // Another clerk may not work it: no workflow actions, take refused, claim refused.
    expect((await get('clerk2', `/requests/${id}`)).json().actions).toEqual([]);
    expect((await get('clerk1', `/requests/${id}`)).json().actions).toEqual(['take', 'approve', 'reject']);
    const take = await post('clerk2', `/requests/${id}/take`);
    expect([take.statusCode, code(take)]).toEqual([409, 'CARTABLE_HELD_BY_OTHER']);
    const again = await post('clerk2', `/requests/${id}/claim`);
    expect([again.statusCode, code(again)]).toEqual([409, 'CARTABLE_ALREADY_CLAIMED']);
    const twice = await post('clerk1', `/requests/${id}/claim`);
    expect([twice.statusCode, code(twice)]).toEqual([409, 'CARTABLE_ALREADY_CLAIMED']);
    const notHers = await post('clerk2', `/requests/${id}/release`);
    expect([notHers.statusCode, code(notHers)]).toEqual([409, 'CARTABLE_NOT_HOLDER']);
    const stale = await post('clerk1', `/requests/${id}/release`, { version: 0 });
    expect([stale.statusCode, code(stale)]).toEqual([409, 'CONFLICT']);

    const released = await post('clerk1', `/requests/${id}/release`, { version: 1 });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({ claim: null, claimVersion: 2, actions: ['claim', 'note'] });
    expect((await post('clerk2', `/requests/${id}/take`)).statusCode).toBe(200);

    await sealAuditNow(t.ctx.database);
    const audit = await rows<{ action: string; actorId: string }>(
      t.ctx.database.db,
      sql`
      SELECT action, actor_id AS "actorId" FROM audit_entries WHERE object_id = ${id} AND action IN ('service_request.claim', 'service_request.release') ORDER BY id`,
    );
    expect(audit).toEqual([
      { action: 'service_request.claim', actorId: staff.clerk1.id },
      { action: 'service_request.release', actorId: staff.clerk1.id },
    ]);
    const history = (await get('clerk2', `/requests/${id}/work`)).json().history;
    expect(history.map((h: { action: string; actorName: string }) => [h.action, h.actorName])).toEqual([
      ['claimed', 'زهرا کارمند یک'],
      ['released', 'زهرا کارمند یک'],
    ]);
  });

  it('16 concurrent claims by four clerks: exactly one wins, the others get CARTABLE_ALREADY_CLAIMED', async () => {
    const id = await fresh();
    const who = ['c1', 'c2', 'c3', 'c4'] as const;
    const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => post(who[i % 4]!, `/requests/${id}/claim`)));
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode !== 200).map(code)).toEqual(Array(15).fill('CARTABLE_ALREADY_CLAIMED'));
    const [claim] = await rows<{ version: number }>(
      t.ctx.database.db,
      sql`SELECT version FROM cartable_claims WHERE request_id = ${id}`,
    );
    expect(claim!.version).toBe(1);
    const [events] = await rows<{ n: number }>(
      t.ctx.database.db,
      sql`SELECT count(*)::int AS n FROM events WHERE stream_type = 'service_request_work' AND stream_id = ${id}`,
    );
    expect(events!.n).toBe(1);
  });

  it('refuses a stale version, a closed request, another agency’s staff (404) and a non-desk role', async () => {
    const id = await fresh();
    const stale = await post('clerk1', `/requests/${id}/claim`, { version: 3 });
    expect([stale.statusCode, code(stale)]).toEqual([409, 'CONFLICT']);
    const b = await post('clerkB', `/requests/${id}/claim`);
    expect([b.statusCode, code(b)]).toEqual([404, 'REQUEST_NOT_FOUND']);
    const admin = await post('admin', `/requests/${id}/claim`);
    expect([admin.statusCode, code(admin)]).toEqual([404, 'REQUEST_NOT_FOUND']);
    const extra = await post('clerk1', `/requests/${id}/claim`, { version: 0, holderId: staff.clerk2.id });
    expect([extra.statusCode, code(extra)]).toEqual([400, 'VALIDATION_FAILED']);
    await decideDeskRequest(t, sessions.clerk1, id);
    const closed = await post('clerk1', `/requests/${id}/claim`);
    expect([closed.statusCode, code(closed)]).toEqual([409, 'CARTABLE_NOT_OPEN']);
    const [n] = await rows<{ n: number }>(
      t.ctx.database.db,
      sql`SELECT count(*)::int AS n FROM cartable_claims WHERE request_id = ${id}`,
    );
    expect(n!.n).toBe(0);
  });
});

describe('assign, reassign and refer', () => {
  it('the unit manager assigns to a qualified colleague of the unit, and reassigns; nobody else assigns', async () => {
    const id = await fresh();
    const byClerk = await post('clerk1', `/requests/${id}/assign`, { staffId: staff.clerk2.id });
    expect([byClerk.statusCode, code(byClerk)]).toEqual([403, 'FORBIDDEN']);
    for (const target of ['clerkB', 'inactive', 'admin', 'clerk3'] as const) {
      const res = await post('manager', `/requests/${id}/assign`, { staffId: staff[target].id });
      expect([target, res.statusCode, code(res)]).toEqual([target, 422, 'CARTABLE_ASSIGNEE_NOT_QUALIFIED']);
    }
    const assigned = await post('manager', `/requests/${id}/assign`, { staffId: staff.clerk2.id, version: 0 });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({
      claim: { holderId: staff.clerk2.id, via: 'assign', mine: false },
      actions: ['assign', 'note'],
    });
    const stale = await post('manager', `/requests/${id}/assign`, { staffId: staff.clerk1.id, version: 0 });
    expect([stale.statusCode, code(stale)]).toEqual([409, 'CONFLICT']);
    const reassigned = await post('manager', `/requests/${id}/assign`, { staffId: staff.clerk1.id, version: 1 });
    expect(reassigned.json()).toMatchObject({ claim: { holderId: staff.clerk1.id, via: 'assign' }, claimVersion: 2 });
    // The former holder no longer works it.
    const take = await post('clerk2', `/requests/${id}/take`);
    expect(code(take)).toBe('CARTABLE_HELD_BY_OTHER');
    expect((await post('clerk1', `/requests/${id}/take`)).statusCode).toBe(200);
    await sealAuditNow(t.ctx.database);
    const audit = await rows<{ details: Record<string, unknown> }>(
      t.ctx.database.db,
      sql`
      SELECT details FROM audit_entries WHERE object_id = ${id} AND action = 'service_request.assign' ORDER BY id`,
    );
    expect(audit.map((a) => [a.details.holderId, a.details.fromHolderId])).toEqual([
      [staff.clerk2.id, undefined],
      [staff.clerk1.id, staff.clerk2.id],
    ]);
  });

  it('the holder refers the item to a colleague with a note; it shows in the internal notes and history', async () => {
    const id = await fresh();
    expect((await post('clerk1', `/requests/${id}/claim`)).statusCode).toBe(200);
    const notHolder = await post('clerk2', `/requests/${id}/refer`, {
      staffId: staff.clerk3.id,
      note: 'لطفا بررسی کنید',
    });
    expect([notHolder.statusCode, code(notHolder)]).toEqual([409, 'CARTABLE_HELD_BY_OTHER']);
    for (const [note, refusal] of [
      ['', 'VALIDATION_FAILED'],
      ['a\u0000b', 'TEXT_NOT_ALLOWED'],
      ['ی'.repeat(2001), 'VALIDATION_FAILED'],
    ]) {
      const bad = await post('clerk1', `/requests/${id}/refer`, { staffId: staff.clerk3.id, note });
      expect([bad.statusCode, code(bad)]).toEqual([400, refusal]);
    }
    const toB = await post('clerk1', `/requests/${id}/refer`, { staffId: staff.clerkB.id, note: 'یادداشت' });
    expect(code(toB)).toBe('CARTABLE_ASSIGNEE_NOT_QUALIFIED');
    const referred = await post('clerk1', `/requests/${id}/refer`, {
      staffId: staff.clerk3.id,
      note: '  مدارك هويتی را بررسی کنید  ',
    });
    expect(referred.statusCode, referred.body).toBe(200);
    const item = referred.json();
    expect(item.claim).toMatchObject({ holderId: staff.clerk3.id, via: 'refer' });
    expect(item.notes).toEqual([
      expect.objectContaining({
        kind: 'referral',
        authorName: 'زهرا کارمند یک',
        toName: 'مینا کارمند واحد دو',
        body: 'مدارک هویتی را بررسی کنید',
        mine: true,
      }),
    ]);
    expect(item.history.map((h: { action: string; holderName: string | null }) => [h.action, h.holderName])).toEqual([
      ['claimed', 'زهرا کارمند یک'],
      ['referred', 'مینا کارمند واحد دو'],
    ]);
    const [stored] = await rows<{ n: number }>(
      t.ctx.database.db,
      sql`SELECT count(*)::int AS n FROM request_internal_notes WHERE request_id = ${id}`,
    );
    expect(stored!.n).toBe(1);
  });
});

describe('internal notes', () => {
  it('staff add notes (idempotent create); the applicant’s views and public tracking never contain them', async () => {
    const receipt = await submitDeskRequest(t, citizen, serviceA);
    const secret = 'یادداشت محرمانه کارمندان ۱۲۳';
    await expectReplayedCreate(t, {
      url: `/requests/${receipt.id}/internal-notes`,
      headers: sessions.clerk2.headers,
      payload: { body: secret },
      table: 'request_internal_notes',
      stream: 'service_request_work',
    });
    expect((await post('clerk1', `/requests/${receipt.id}/claim`)).statusCode).toBe(200);
    expect(
      (await post('clerk1', `/requests/${receipt.id}/refer`, { staffId: staff.clerk2.id, note: `${secret} ارجاع` }))
        .statusCode,
    ).toBe(200);
    const notes = (await get('clerk1', `/requests/${receipt.id}/work`)).json().notes;
    expect(notes.map((n: { body: string; mine: boolean }) => [n.body, n.mine])).toEqual([
      [secret, false],
      [`${secret} ارجاع`, true],
    ]);

    const mine = await t.app.inject({ url: `/api/v1/requests/${receipt.id}`, headers: citizen.headers });
    expect(mine.statusCode).toBe(200);
    expect(mine.body).not.toContain('محرمانه');
    expect(mine.body).not.toContain('زهرا');
    expect(mine.json().history.map((h: { action: string }) => h.action)).toEqual(['submitted']);
    const list = await t.app.inject({ url: '/api/v1/requests/mine', headers: citizen.headers });
    expect(list.body).not.toContain('محرمانه');
    const tracked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests/track',
      remoteAddress: nextAddress(),
      payload: { trackingCode: receipt.trackingCode, nationalCode: citizen.nationalCode },
    });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.body).not.toContain('محرمانه');
    expect(tracked.json().steps).toHaveLength(1);
    // The citizen is refused the staff routes; another agency's staff are told nothing exists.
    expect(
      (await t.app.inject({ url: `/api/v1/requests/${receipt.id}/work`, headers: citizen.headers })).statusCode,
    ).toBe(403);
    expect(code(await get('clerkB', `/requests/${receipt.id}/work`))).toBe('REQUEST_NOT_FOUND');
    expect(code(await post('clerkB', `/requests/${receipt.id}/internal-notes`, { body: 'x' }))).toBe(
      'REQUEST_NOT_FOUND',
    );
    for (const body of ['   ', 'a\u0000', 'ب'.repeat(2001)])
      expect((await post('clerk1', `/requests/${receipt.id}/internal-notes`, { body })).statusCode).toBe(400);
  });
});

describe('filters, search and SLA badges', () => {
  const ids = {} as Record<'overdue' | 'soon' | 'onTime' | 'other' | 'otherService' | 'mine', string>;
  beforeAll(async () => {
    const now = t.clock.now();
    const cal = await calendarFor(t.ctx, ag.a);
    ids.overdue = await due(serviceA, ag.a, new Date(now.getTime() - 3_600_000));
    // Due at the end of the second working day from today: still "due soon"; the third: on time.
    ids.soon = await due(serviceA, ag.a, dueDate(cal, now, 2).dueAt);
    ids.onTime = await due(serviceA, ag.a, dueDate(cal, now, 3).dueAt);
    ids.other = await due(serviceA, ag.a, dueDate(cal, now, 10).dueAt, other.id);
    ids.otherService = await due(serviceA2, ag.a, dueDate(cal, now, 10).dueAt, other.id);
    ids.mine = await due(serviceA2, ag.a, dueDate(cal, now, 10).dueAt, other.id);
    await due(serviceB, ag.b, dueDate(cal, now, 1).dueAt, other.id);
    expect((await post('c4', `/requests/${ids.mine}/claim`)).statusCode).toBe(200);
  });
  const idsOf = async (who: Who, query: string) => (await cartable(who, `${query}&limit=100`)).items.map((r) => r.id);

  it('SLA badges on every open row, and the sla filter', async () => {
    expect(await rowOf('c1', ids.overdue)).toMatchObject({ sla: 'overdue', overdue: true });
    expect((await rowOf('c1', ids.soon))!.sla).toBe('due_soon');
    expect((await rowOf('c1', ids.onTime))!.sla).toBe('on_time');
    const overdue = await idsOf('c1', 'sla=overdue');
    expect(overdue).toContain(ids.overdue);
    expect(overdue).not.toContain(ids.soon);
    const soon = await idsOf('c1', 'sla=due_soon');
    expect(soon).toContain(ids.soon);
    expect(soon).not.toContain(ids.onTime);
    expect(soon).not.toContain(ids.overdue);
    const onTime = await idsOf('c1', 'sla=on_time');
    expect(onTime).toContain(ids.onTime);
    expect(onTime).not.toContain(ids.soon);
  });

  it('claimed by me, unclaimed, service', async () => {
    // Each holds only what it claimed (one of the 16 concurrent claims may be either's: on PostgreSQL any of the four may win).
    const c4 = (await cartable('c4', 'claim=mine&limit=100')).items;
    expect(c4.every((r) => r.claim?.holderId === staff.c4.id)).toBe(true);
    expect(c4.map((r) => r.id)).toContain(ids.mine);
    const c1 = (await cartable('c1', 'claim=mine&limit=100')).items;
    expect(c1.every((r) => r.claim?.holderId === staff.c1.id)).toBe(true);
    expect(c1.map((r) => r.id)).not.toContain(ids.mine);
    expect(await idsOf('c1', 'claim=unclaimed')).not.toContain(ids.mine);
    expect(await idsOf('c1', 'claim=all')).toContain(ids.mine);
    expect((await idsOf('c1', `serviceId=${serviceA2}`)).sort()).toEqual([ids.otherService, ids.mine].sort());
  });

  it('search by tracking code (Persian digits), national code (Arabic-Indic digits) or name (ي/ك folded)', async () => {
    const row = (await rowOf('c1', ids.onTime))!;
    expect(await idsOf('c1', `q=${encodeURIComponent(persianDigits(row.trackingCode))}`)).toEqual([ids.onTime]);
    const byCode = await idsOf('c1', `q=${encodeURIComponent(arabicDigits(other.nationalCode))}`);
    expect(byCode.sort()).toEqual([ids.other, ids.otherService, ids.mine].sort());
    const byName = await idsOf('c1', `q=${encodeURIComponent('کریمی')}`);
    expect(byName).toContain(ids.onTime);
    expect(byName).not.toContain(ids.other);
    expect(await idsOf('c1', `q=${encodeURIComponent('كريمي‌نژاد')}`)).toContain(ids.onTime);
    expect(await idsOf('c1', `q=${encodeURIComponent('احمدی')}&serviceId=${serviceA}`)).toEqual([ids.other]);
    // Another agency's requests never match.
    expect(await idsOf('clerkB', `q=${encodeURIComponent('کریمی')}`)).toEqual([]);
    expect(await idsOf('c1', 'q=nobody-here')).toEqual([]);
    for (const q of ['ک', 'x'.repeat(101)])
      expect(code(await get('c1', `/cartable?q=${encodeURIComponent(q)}`))).toBe('VALIDATION_FAILED');
    expect(code(await get('c1', `/cartable?q=${encodeURIComponent('a\u0000b')}`))).toBe('TEXT_NOT_ALLOWED');
    expect((await get('c1', '/cartable?sla=late')).statusCode).toBe(400);
  });

  it('keyset pagination keeps the filters', async () => {
    const all = await idsOf('c1', `q=${encodeURIComponent(other.nationalCode)}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = await cartable(
        'c1',
        `q=${other.nationalCode}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(seen).toHaveLength(3);
  });
});

describe('bulk actions', () => {
  it('claims several: per-item results, each its own event; not all-or-nothing', async () => {
    const [a, b, c] = [await fresh(), await fresh(), await fresh()];
    expect((await post('clerk2', `/requests/${b}/claim`)).statusCode).toBe(200);
    const bOfOther = await due(serviceB, ag.b, new Date(Date.parse(NOW) + 10 * 86_400_000));
    const res = await post('clerk1', '/cartable/bulk', { action: 'claim', requestIds: [a, b, bOfOther, c] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      allOrNothing: false,
      succeeded: 2,
      failed: 2,
      results: [
        { requestId: a, ok: true, code: null, message: null },
        { requestId: b, ok: false, code: 'CARTABLE_ALREADY_CLAIMED', message: expect.stringContaining('همکار دیگری') },
        { requestId: bOfOther, ok: false, code: 'REQUEST_NOT_FOUND', message: 'درخواست پیدا نشد.' },
        { requestId: c, ok: true, code: null, message: null },
      ],
    });
    const events = await rows<{ streamId: string }>(
      t.ctx.database.db,
      sql`
      SELECT stream_id AS "streamId" FROM events WHERE stream_type = 'service_request_work' AND actor_id = ${staff.clerk1.id} AND stream_id IN (${a}, ${c}) ORDER BY id`,
    );
    expect(events.map((e) => e.streamId)).toEqual([a, c]);
  });

  it('assigns several (unit manager only); refuses an oversized or malformed batch', async () => {
    const [a, b] = [await fresh(), await fresh()];
    const byClerk = await post('clerk1', '/cartable/bulk', {
      action: 'assign',
      requestIds: [a, b],
      staffId: staff.clerk2.id,
    });
    expect(byClerk.json().results.map((r: { code: string }) => r.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const res = await post('manager', '/cartable/bulk', {
      action: 'assign',
      requestIds: [a, b, a],
      staffId: staff.clerk2.id,
    });
    expect(res.json()).toMatchObject({ succeeded: 2, failed: 0 });
    expect((await rowOf('clerk2', a))!.claim).toMatchObject({ mine: true, via: 'assign' });
    const notQualified = await post('manager', '/cartable/bulk', {
      action: 'assign',
      requestIds: [a],
      staffId: staff.clerkB.id,
    });
    expect(notQualified.json().results[0].code).toBe('CARTABLE_ASSIGNEE_NOT_QUALIFIED');
    const tooMany = await post('manager', '/cartable/bulk', {
      action: 'claim',
      requestIds: Array.from({ length: 51 }, () => a),
    });
    expect(tooMany.statusCode).toBe(400);
    expect((await post('manager', '/cartable/bulk', { action: 'assign', requestIds: [a] })).statusCode).toBe(400);
    expect((await post('manager', '/cartable/bulk', { action: 'claim', requestIds: ['x\u0000'] })).statusCode).toBe(
      400,
    );
  });
});

describe('the supervisor view and colleagues', () => {
  it('the unit manager sees per colleague of the unit the open items held and overdue; the unclaimed count', async () => {
    const id = await due(serviceA, ag.a, new Date(Date.parse(NOW) - 60_000));
    expect((await post('manager', `/requests/${id}/assign`, { staffId: staff.clerk2.id })).statusCode).toBe(200);
    const res = await get('manager', '/cartable/load');
    expect(res.statusCode, res.body).toBe(200);
    const load = res.json();
    expect(load.agencyId).toBe(ag.a);
    // Unit 1's desk staff, the manager included (not unit 2's, not the inactive account).
    expect(load.colleagues.map((c: { id: string }) => c.id).sort()).toEqual(
      [staff.clerk1.id, staff.clerk2.id, staff.manager.id].sort(),
    );
    const [held] = await rows<{ open: number; overdue: number }>(
      t.ctx.database.db,
      sql`
      SELECT count(*)::int AS open, (count(*) FILTER (WHERE r.due_at <= ${NOW}::timestamptz))::int AS overdue
        FROM cartable_claims c JOIN service_requests r ON r.id = c.request_id
       WHERE c.holder_id = ${staff.clerk2.id} AND r.status IN ('submitted', 'in_review')`,
    );
    expect(load.colleagues.find((c: { id: string }) => c.id === staff.clerk2.id)).toMatchObject({
      name: 'رضا کارشناس دو',
      open: held!.open,
      overdue: held!.overdue,
    });
    expect(held!.overdue).toBeGreaterThanOrEqual(1);
    const [unclaimed] = await rows<{ n: number }>(
      t.ctx.database.db,
      sql`
      SELECT count(*)::int AS n FROM service_requests r LEFT JOIN cartable_claims c ON c.request_id = r.id
       WHERE r.agency_id = ${ag.a} AND r.status IN ('submitted', 'in_review') AND c.holder_id IS NULL`,
    );
    expect(load.unclaimed).toBe(unclaimed!.n);
    expect(code(await get('clerk1', '/cartable/load'))).toBe('FORBIDDEN');
    expect(code(await get('manager', `/cartable/load?agencyId=${ag.b}`))).toBe('FORBIDDEN');
  });

  it('colleagues: every active desk colleague to refer to; assignable only in the manager’s unit', async () => {
    const forManager = (await get('manager', '/cartable/colleagues')).json().items as Array<{
      id: string;
      assignable: boolean;
    }>;
    expect(forManager.find((c) => c.id === staff.clerk1.id)!.assignable).toBe(true);
    expect(forManager.find((c) => c.id === staff.clerk3.id)!.assignable).toBe(false);
    expect(
      forManager.some((c) => c.id === staff.inactive.id || c.id === staff.clerkB.id || c.id === staff.admin.id),
    ).toBe(false);
    const forClerk = (await get('clerk1', '/cartable/colleagues')).json().items as Array<{
      id: string;
      assignable: boolean;
    }>;
    expect(forClerk.every((c) => !c.assignable && c.id !== staff.clerk1.id)).toBe(true);
    expect(code(await get('admin', '/cartable/colleagues'))).toBe('FORBIDDEN');
  });
});
