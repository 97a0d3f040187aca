import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { sealAuditNow } from '../../../test/audit';
import { buildDeskService, decideDeskRequest, submitDeskRequest } from '../../../test/desk';
import { buildAgency, buildStaff, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import * as orgRepo from '../organisation/organisation.repository';
import { rows } from '../../platform/db';

let t: TestApp;
let agencyA: string;
let agencyB: string;
let serviceA: string;
let serviceA2: string;
let serviceB: string;
const usernames: Record<string, string> = {};

const as = (name: string) => signInStaff(t, usernames[name]!);
const rate = (s: Session, id: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1/requests/${id}/feedback`, headers: s.headers, payload });

/** A citizen's request to the service, decided by the agency's clerk. */
async function closedRequest(serviceId: string, clerk: string, decision: 'approve' | 'reject' = 'approve') {
  const citizen = await signInCitizen(t);
  const r = await submitDeskRequest(t, citizen, serviceId);
  await decideDeskRequest(t, await as(clerk), r.id, decision);
  return { citizen, r };
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set('2024-03-27T06:30:00.000Z');
  agencyA = (await buildAgency(t, { nameFa: 'اداره کل الف' })).id;
  agencyB = (await buildAgency(t, { nameFa: 'اداره کل ب' })).id;
  serviceA = await buildDeskService(t, agencyA, 'گواهی الف');
  serviceA2 = await buildDeskService(t, agencyA, 'پروانه الف');
  serviceB = await buildDeskService(t, agencyB, 'گواهی ب');
  const unit = (await orgRepo.insertUnit(t.ctx.database.db, { agencyId: agencyA, parentId: null, nameFa: 'واحد شمال', nameEn: null, kind: 'operational', code: null }, t.clock.now())).id;
  for (const [name, agency, roles] of [
    ['clerkA', agencyA, ['desk_clerk']],
    ['clerkB', agencyB, ['desk_clerk']],
    ['managerA', agencyA, ['unit_manager']],
    ['unitManagerA', agencyA, [{ role: 'unit_manager', unitId: unit }]],
    ['adminA', agencyA, ['agency_admin']],
    ['managerB', agencyB, ['unit_manager']],
    ['expertA', agencyA, ['expert']],
  ] as const) {
    usernames[name] = (await buildStaff(t, agency, [...roles] as Parameters<typeof buildStaff>[2])).username;
  }
});
afterAll(() => t.close());

describe('an applicant rates a closed request', () => {
  it('once the request is closed, once, with the comment normalised; its event and audit entry commit with it', async () => {
    const citizen = await signInCitizen(t);
    const r = await submitDeskRequest(t, citizen, serviceA);
    // Open: refused with a code, nothing stored.
    const open = await rate(citizen, r.id, { rating: 5 });
    expect([open.statusCode, open.json().error.code]).toEqual([409, 'FEEDBACK_REQUEST_OPEN']);
    expect((await t.app.inject({ url: `/api/v1/requests/${r.id}/feedback`, headers: citizen.headers })).json()).toEqual({ feedback: null, mayRate: false });

    await decideDeskRequest(t, await as('clerkA'), r.id);
    expect((await t.app.inject({ url: `/api/v1/requests/${r.id}/feedback`, headers: citizen.headers })).json()).toEqual({ feedback: null, mayRate: true });
    const given = await rate(citizen, r.id, { rating: 2, comment: '  پاسخ   دير   رسيد ' });
    expect(given.statusCode).toBe(201);
    expect(given.json()).toEqual({ requestId: r.id, rating: 2, comment: 'پاسخ دیر رسید', givenAt: t.clock.now().toISOString() });

    // A second rating is refused; the first stays.
    const again = await rate(citizen, r.id, { rating: 5 });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'FEEDBACK_ALREADY_GIVEN']);
    expect((await t.app.inject({ url: `/api/v1/requests/${r.id}/feedback`, headers: citizen.headers })).json()).toMatchObject({ feedback: { rating: 2 }, mayRate: false });

    await sealAuditNow(t.ctx.database);
    const audits = await rows<{ action: string; details: Record<string, unknown> }>(t.ctx.database.db, sql`SELECT action, details FROM audit_entries WHERE object_id = ${r.id} AND action LIKE 'request_feedback.%'`);
    expect(audits).toEqual([{ action: 'request_feedback.give', details: { trackingCode: r.trackingCode, rating: 2, withComment: true } }]);
    const events = await rows<{ action: string }>(t.ctx.database.db, sql`SELECT action FROM events WHERE stream_type = 'request_feedback' AND stream_id = ${r.id}`);
    expect(events.map((e) => e.action)).toEqual(['given']);
  });

  it('16 concurrent ratings of one request: one stored, the others told it was given', async () => {
    const { citizen, r } = await closedRequest(serviceA, 'clerkA', 'reject');
    const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => rate(citizen, r.id, { rating: (i % 5) + 1 })));
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode !== 201).map((a) => a.json<{ error: { code: string } }>().error.code)).toEqual(Array(15).fill('FEEDBACK_ALREADY_GIVEN'));
    const stored = await rows<{ n: number }>(t.ctx.database.db, sql`SELECT count(*)::int AS n FROM request_feedback WHERE request_id = ${r.id}`);
    expect(Number(stored[0]!.n)).toBe(1);
  });

  it('refuses another citizen (404), staff (403), NUL, out-of-range ratings, a string for a number and an overlong comment', async () => {
    const { citizen, r } = await closedRequest(serviceA, 'clerkA');
    const other = await signInCitizen(t);
    const notYours = await rate(other, r.id, { rating: 5 });
    expect([notYours.statusCode, notYours.json().error.code]).toEqual([404, 'REQUEST_NOT_FOUND']);
    expect((await t.app.inject({ url: `/api/v1/requests/${r.id}/feedback`, headers: other.headers })).statusCode).toBe(404);
    expect((await rate(other, '00000000-0000-4000-8000-000000000000', { rating: 5 })).statusCode).toBe(404);
    expect((await rate(await as('clerkA'), r.id, { rating: 5 })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/requests/${r.id}/feedback`, payload: { rating: 5 } })).statusCode).toBe(401);
    const bad: Array<[object, string]> = [
      [{ rating: 4, comment: 'خوب\u0000بود' }, 'TEXT_NOT_ALLOWED'],
      [{ rating: 0 }, 'VALIDATION_FAILED'],
      [{ rating: 6 }, 'VALIDATION_FAILED'],
      [{ rating: 2.5 }, 'VALIDATION_FAILED'],
      [{ rating: '5' }, 'VALIDATION_FAILED'],
      [{ rating: 5, comment: 'ا'.repeat(1001) }, 'VALIDATION_FAILED'],
      [{ rating: 5, extra: true }, 'VALIDATION_FAILED'],
    ];
    for (const [payload, code] of bad) {
      const res = await rate(citizen, r.id, payload);
      expect([JSON.stringify(payload).slice(0, 40), res.statusCode, res.json().error.code]).toEqual([JSON.stringify(payload).slice(0, 40), 400, code]);
    }
    // Nothing was stored by any of them; a blank comment counts as none.
    const ok = await rate(citizen, r.id, { rating: 5, comment: ' \u200c ' });
    expect(ok.json()).toMatchObject({ rating: 5, comment: null });
  });
});

describe('the ratings for staff', () => {
  beforeAll(async () => {
    // Two more of agency A (another service too) and one of agency B.
    const more: Array<[string, string, number, string?]> = [
      [serviceA, 'clerkA', 5],
      [serviceA2, 'clerkA', 1, 'کسی پاسخ تلفن را نداد'],
      [serviceB, 'clerkB', 1, 'راز دستگاه ب'],
    ];
    for (const [service, clerk, rating, comment] of more) {
      const { citizen, r } = await closedRequest(service, clerk);
      expect((await rate(citizen, r.id, { rating, ...(comment ? { comment } : {}) })).statusCode).toBe(201);
    }
  });

  it('aggregates per agency, service and office for unit managers and administrators, only their agencies', async () => {
    const summary = await t.app.inject({ url: '/api/v1/feedback/summary', headers: (await as('adminA')).headers });
    expect(summary.statusCode).toBe(200);
    const s = summary.json();
    // Agency A: the earlier tests' 2, 5 (the concurrent one: any of 1–5), 5, then 5 and 1 here.
    expect(s.agencies).toHaveLength(1);
    expect(s.agencies[0]).toMatchObject({ agencyId: agencyA, agencyName: 'اداره کل الف', count: 5 });
    const a2 = s.services.find((x: { serviceId: string }) => x.serviceId === serviceA2);
    expect(a2).toEqual({ serviceId: serviceA2, serviceTitle: 'پروانه الف', agencyId: agencyA, count: 1, mean: 1, stars: [1, 0, 0, 0, 0] });
    expect(s.units).toEqual([expect.objectContaining({ agencyId: agencyA, unitId: null, count: 5 })]);
    expect(summary.body).not.toContain('گواهی ب');
    const stars: number[] = s.agencies[0].stars;
    expect(stars.reduce((x, y) => x + y, 0)).toBe(5);
    expect(s.agencies[0].mean).toBe(Math.round((stars.reduce((x, c, i) => x + c * (i + 1), 0) / 5) * 100) / 100);

    // A period with nothing in it; a period the wrong way round.
    const empty = await t.app.inject({ url: '/api/v1/feedback/summary?from=2020-01-01T00:00:00.000Z&to=2020-02-01T00:00:00.000Z', headers: (await as('managerA')).headers });
    expect(empty.json()).toEqual({ agencies: [], services: [], units: [] });
    const backwards = await t.app.inject({ url: '/api/v1/feedback/summary?from=2024-02-01T00:00:00.000Z&to=2024-01-01T00:00:00.000Z', headers: (await as('managerA')).headers });
    expect(backwards.statusCode).toBe(400);

    for (const name of ['clerkA', 'expertA']) expect((await t.app.inject({ url: '/api/v1/feedback/summary', headers: (await as(name)).headers })).statusCode).toBe(403);
    const citizen = await signInCitizen(t);
    expect((await t.app.inject({ url: '/api/v1/feedback/summary', headers: citizen.headers })).statusCode).toBe(403);
  });

  it('low ratings with their comments go to the unit managers of the agency, not to other agencies or administrators', async () => {
    const low = await t.app.inject({ url: '/api/v1/feedback/low', headers: (await as('managerA')).headers });
    expect(low.statusCode).toBe(200);
    const items = low.json().items as Array<{ rating: number; comment: string | null; serviceTitle: string; trackingCode: string }>;
    expect(items.every((i) => i.rating <= 2)).toBe(true);
    expect(items.map((i) => i.comment)).toContain('کسی پاسخ تلفن را نداد');
    expect(items.map((i) => i.comment)).toContain('پاسخ دیر رسید');
    expect(low.body).not.toContain('راز دستگاه ب');
    expect(items.every((i) => /^[1-9]\d{9}$/.test(i.trackingCode))).toBe(true);
    // A manager of one unit sees the agency's requests not tied to a unit (today: all of them).
    const unitManager = await t.app.inject({ url: '/api/v1/feedback/low', headers: (await as('unitManagerA')).headers });
    expect(unitManager.json().items.length).toBe(items.length);
    // Paging: one at a time, the same rows.
    const first = (await t.app.inject({ url: '/api/v1/feedback/low?limit=1', headers: (await as('managerA')).headers })).json();
    expect(first.items).toHaveLength(1);
    const second = (await t.app.inject({ url: `/api/v1/feedback/low?limit=100&cursor=${first.nextCursor}`, headers: (await as('managerA')).headers })).json();
    expect([...first.items, ...second.items]).toEqual(items);
    expect((await t.app.inject({ url: '/api/v1/feedback/low?cursor=bad', headers: (await as('managerA')).headers })).statusCode).toBe(400);

    const managerB = (await t.app.inject({ url: '/api/v1/feedback/low', headers: (await as('managerB')).headers })).json();
    expect(managerB.items.map((i: { comment: string }) => i.comment)).toEqual(['راز دستگاه ب']);
    for (const name of ['adminA', 'clerkA']) expect((await t.app.inject({ url: '/api/v1/feedback/low', headers: (await as(name)).headers })).statusCode).toBe(403);
  });
});
