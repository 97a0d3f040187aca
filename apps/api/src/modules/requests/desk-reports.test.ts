import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import { rows } from '../../platform/db';
import * as orgRepo from '../organisation/organisation.repository';
import { createService } from '../services';
import { createWorkingCalendar } from '@dargah/persian';
import { answerDaysJob } from './requests.jobs';
import * as repo from './requests.repository';
import { dueDate } from './requests.service';

/*
 * The desk reports over a handful of requests whose figures are worked out by hand below. Mehr
 * 1404 starts on Tuesday 2025-09-23; the week works Saturday to Wednesday (Thursday and Friday
 * off), and Mehr and early Aban have no fixed holiday. Every request is submitted and decided at
 * 10:00 Tehran time (06:30Z); the service's norm is 2 working days.
 *
 *   R1 Wed  2 Mehr -> Sat  5 Mehr  1 working day (Sat), 3 calendar days  headquarters (across the weekend)
 *   R2 Tue  1 Mehr -> Tue  1 Mehr  0, 0                                  headquarters
 *   R3 Wed  2 Mehr -> Wed  9 Mehr  5 (Sat–Wed), 7; due end of Sun 6 Mehr: late   operational
 *   R4 Sat  5 Mehr -> Sun  6 Mehr  1, 1                                  operational
 *   R5 Wed 30 Mehr -> Sat  3 Aban  1 (Sat), 3                            no unit (decided agency-wide)
 *   R6 Sat 12 Mehr, open: due end of Mon 14 Mehr, overdue on 10 Aban
 *   R7 Sat 10 Aban 09:00, open: due end of Mon 12 Aban, not overdue at 10 Aban 10:00
 *   (and one request of agency B, answered in Mehr, that agency A's reports never count)
 *
 * Mehr:  accepted 6 (R1–R6), answered 4 (R1–R4), late 1 (R3), pending 1 (R6), overdue 1.
 *        working days 0,1,1,5: mean 1.75, p50 1, p90 = 1 + 0.7 × (5 − 1) = 3.8
 *        calendar days 0,1,3,7: mean 2.75, p50 2, p90 = 3 + 0.7 × (7 − 3) = 5.8
 * Aban:  accepted 1 (R7), answered 1 (R5), pending 1, overdue 0; 1 working day, 3 calendar days.
 * Year:  accepted 7, answered 5, late 1, pending 2, overdue 1;
 *        working days 0,1,1,1,5: mean 1.6, p50 1, p90 = 1 + 0.6 × 4 = 3.4
 *        calendar days 0,1,3,3,7: mean 2.8, p50 3, p90 = 3 + 0.6 × 4 = 5.4
 * Headquarters: accepted 2, answered 2, working days 0,1: mean 0.5, p50 0.5, p90 0.9.
 * Operational:  accepted 2, answered 2, working days 1,5: mean 3, p50 3, p90 = 1 + 0.9 × 4 = 4.6.
 * No unit:      accepted 3 (R5–R7), answered 1 (R5).
 */

let t: TestApp;
const ag = {} as Record<'a' | 'b', string>;
const unit = {} as Record<'hq' | 'ops' | 'bOps', string>;
let serviceA: string;
let serviceB: string;
let applicantId: string;
const people = {} as Record<'clerkHq' | 'clerkOps' | 'clerkAgency' | 'clerkB' | 'managerA' | 'adminA' | 'clerkOnly' | 'central', { username: string }>;
const sessions = new Map<string, Session>();

async function as(name: keyof typeof people): Promise<Session> {
  // Signed in again each time: the manual clock jumps across days between the steps.
  const s = await signInStaff(t, people[name].username);
  sessions.set(name, s);
  return s;
}

const NOW = '2025-11-01T06:30:00.000Z'; // Sat 10 Aban 1404, 10:00 Tehran

async function submitted(service: string, agencyId: string, at: string): Promise<string> {
  const submittedAt = new Date(at);
  const id = await repo.insertRequest(t.ctx.database.db, {
    trackingCode: String(1_000_000_000 + Math.floor(Math.random() * 8_999_999_999)).slice(0, 10),
    serviceId: service,
    serviceVersion: 1,
    agencyId,
    applicantId,
    onBehalfOfId: null,
    status: 'submitted',
    form: {},
    submittedAt,
    dueAt: dueDate(createWorkingCalendar(), submittedAt, 2).dueAt,
  });
  return id!;
}

async function decide(id: string, by: keyof typeof people, at: string, decision: 'approve' | 'reject' = 'approve') {
  t.clock.set(at);
  const s = await as(by);
  const payload = decision === 'reject' ? { decision, note: 'مدارک ناقص است.' } : { decision };
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/requests/${id}/decide`, headers: s.headers, payload });
  expect(res.statusCode, res.body).toBe(200);
}

const report = async (who: keyof typeof people, query: string) => {
  const s = sessions.get(who) ?? (await as(who));
  return t.app.inject({ url: `/api/v1/desk-reports?${query}`, headers: s.headers });
};

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set('2025-09-01T06:30:00.000Z');
  const db = t.ctx.database.db;
  ag.a = (await buildAgency(t, { nameFa: 'اداره کل گزارش الف', province: 'یزد' })).id;
  ag.b = (await buildAgency(t, { nameFa: 'اداره کل گزارش ب', province: 'کرمان' })).id;
  const u = (agencyId: string, nameFa: string, kind: 'headquarters' | 'operational') =>
    orgRepo.insertUnit(db, { agencyId, parentId: null, nameFa, nameEn: null, kind, code: null }, t.clock.now());
  unit.hq = (await u(ag.a, 'ستاد اداره کل', 'headquarters')).id;
  unit.ops = (await u(ag.a, 'اداره شهرستان میبد', 'operational')).id;
  unit.bOps = (await u(ag.b, 'اداره شهرستان بم', 'operational')).id;
  const svc = { titleEn: null, descriptionFa: '', recipients: 'G2C' as const, normDays: 2, formSchema: { type: 'object' }, published: true };
  serviceA = await createService(db, { ...svc, agencyId: ag.a, titleFa: 'صدور گواهی آزمایشی' }, t.clock.now());
  serviceB = await createService(db, { ...svc, agencyId: ag.b, titleFa: 'خدمت دستگاه ب' }, t.clock.now());
  people.clerkHq = await buildStaff(t, ag.a, [{ role: 'desk_clerk', unitId: unit.hq }]);
  people.clerkOps = await buildStaff(t, ag.a, [{ role: 'expert', unitId: unit.ops }]);
  people.clerkAgency = await buildStaff(t, ag.a, ['desk_clerk']);
  people.clerkB = await buildStaff(t, ag.b, ['desk_clerk']);
  people.managerA = await buildStaff(t, ag.a, [{ role: 'unit_manager', unitId: unit.hq }]);
  people.adminA = await buildStaff(t, ag.a, ['agency_admin']);
  people.clerkOnly = await buildStaff(t, ag.a, ['desk_clerk']);
  people.central = await buildStaff(t, ag.b, ['central_reviewer']);
  applicantId = (await signInCitizen(t)).id;

  const r1 = await submitted(serviceA, ag.a, '2025-09-24T06:30:00.000Z');
  const r2 = await submitted(serviceA, ag.a, '2025-09-23T06:30:00.000Z');
  const r3 = await submitted(serviceA, ag.a, '2025-09-24T06:30:00.000Z');
  const r4 = await submitted(serviceA, ag.a, '2025-09-27T06:30:00.000Z');
  const r5 = await submitted(serviceA, ag.a, '2025-10-22T06:30:00.000Z');
  await submitted(serviceA, ag.a, '2025-10-04T06:30:00.000Z'); // R6
  await submitted(serviceA, ag.a, '2025-11-01T05:30:00.000Z'); // R7
  const rb = await submitted(serviceB, ag.b, '2025-09-23T06:30:00.000Z');
  await decide(r2, 'clerkHq', '2025-09-23T06:30:00.000Z');
  await decide(rb, 'clerkB', '2025-09-23T07:30:00.000Z');
  await decide(r1, 'clerkHq', '2025-09-27T06:30:00.000Z', 'reject');
  await decide(r4, 'clerkOps', '2025-09-28T06:30:00.000Z');
  await decide(r3, 'clerkOps', '2025-10-01T06:30:00.000Z');
  await decide(r5, 'clerkAgency', '2025-10-25T06:30:00.000Z');
  t.clock.set(NOW);
  sessions.clear();
});
afterAll(() => t.close());

const stats = (mean: number | null, p50: number | null, p90: number | null) => ({ mean, p50, p90 });

describe('the decision stores the time from acceptance to answer', () => {
  it('working and calendar days, and the office of whoever decided', async () => {
    const found = await rows<{ submitted: string; w: number | null; c: number | null; unit: string | null }>(
      t.ctx.database.db,
      sql`SELECT submitted_at::text AS submitted, answer_working_days AS w, answer_calendar_days AS c, unit_id::text AS unit
            FROM service_requests WHERE agency_id = ${ag.a} AND decided_at IS NOT NULL ORDER BY decided_at`,
    );
    expect(found.map((r) => [r.w, r.c, r.unit])).toEqual([
      [0, 0, unit.hq], // R2
      [1, 3, unit.hq], // R1, across the weekend
      [1, 1, unit.ops], // R4
      [5, 7, unit.ops], // R3
      [1, 3, null], // R5: decided by a clerk without a unit
    ]);
  });

  it('the daily job counts the working days of requests decided before the reports existed, once', async () => {
    const db = t.ctx.database.db;
    await db.execute(sql`UPDATE service_requests SET answer_working_days = NULL WHERE agency_id = ${ag.a} AND answer_calendar_days = 7`);
    await answerDaysJob(async () => createWorkingCalendar()).handle({}, { jobId: '1', attempt: 1, database: t.ctx.database, clock: t.clock, log: t.ctx.log });
    const [r3] = await rows<{ w: number }>(db, sql`SELECT answer_working_days AS w FROM service_requests WHERE agency_id = ${ag.a} AND answer_calendar_days = 7`);
    expect(r3!.w).toBe(5);
    const [left] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM service_requests WHERE decided_at IS NOT NULL AND answer_working_days IS NULL`);
    expect(left!.n).toBe(0);
  });
});

describe('GET /desk-reports', () => {
  it('by month: counts, late, pending, overdue, mean and percentiles in working and calendar days', async () => {
    const res = await report('managerA', 'year=1404&groupBy=month');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.agencyIds).toEqual([ag.a]);
    expect(body.rows).toHaveLength(12);
    expect(body.rows.map((r: { key: string }) => r.key).slice(5, 9)).toEqual(['1404-06', '1404-07', '1404-08', '1404-09']);
    expect(body.rows[6]).toEqual({
      key: '1404-07',
      label: null,
      period: 7,
      officeKind: null,
      accepted: 6,
      answered: 4,
      answeredLate: 1,
      pending: 1,
      overdue: 1,
      workingDays: stats(1.75, 1, 3.8),
      calendarDays: stats(2.75, 2, 5.8),
    });
    expect(body.rows[7]).toMatchObject({ key: '1404-08', accepted: 1, answered: 1, answeredLate: 0, pending: 1, overdue: 0, workingDays: stats(1, 1, 1), calendarDays: stats(3, 3, 3) });
    expect(body.rows[0]).toMatchObject({ accepted: 0, answered: 0, workingDays: stats(null, null, null) });
    expect(body.total).toEqual({
      accepted: 7,
      answered: 5,
      answeredLate: 1,
      pending: 2,
      overdue: 1,
      workingDays: stats(1.6, 1, 3.4),
      calendarDays: stats(2.8, 3, 5.4),
    });
  });

  it('by quarter and by year: Mehr and Aban fall in the third quarter', async () => {
    const q = (await report('managerA', 'year=1404&groupBy=quarter')).json();
    expect(q.rows.map((r: { key: string; accepted: number; answered: number }) => [r.key, r.accepted, r.answered])).toEqual([
      ['1404-Q1', 0, 0],
      ['1404-Q2', 0, 0],
      ['1404-Q3', 7, 5],
      ['1404-Q4', 0, 0],
    ]);
    expect(q.rows[2].workingDays).toEqual(stats(1.6, 1, 3.4));
    const y = (await report('managerA', 'year=1404&groupBy=year')).json();
    expect(y.rows).toHaveLength(1);
    expect(y.rows[0]).toMatchObject({ key: '1404', accepted: 7, answered: 5, calendarDays: stats(2.8, 3, 5.4) });
  });

  it('headquarters against operational units, and office against office', async () => {
    const kinds = (await report('adminA', 'groupBy=officeKind')).json();
    expect(kinds.year).toBe(1404);
    expect(kinds.rows.map((r: { key: string; accepted: number; answered: number }) => [r.key, r.accepted, r.answered])).toEqual([
      ['headquarters', 2, 2],
      ['operational', 2, 2],
      ['unassigned', 3, 1],
    ]);
    expect(kinds.rows[0].workingDays).toEqual(stats(0.5, 0.5, 0.9));
    expect(kinds.rows[1].workingDays).toEqual(stats(3, 3, 4.6));
    const offices = (await report('adminA', 'groupBy=office')).json();
    expect(offices.rows.map((r: { key: string; label: string; officeKind: string }) => [r.key, r.label, r.officeKind])).toEqual([
      // In the order of their names (ا before س); requests no office serves yet last.
      [unit.ops, 'اداره شهرستان میبد', 'operational'],
      [unit.hq, 'ستاد اداره کل', 'headquarters'],
      ['unassigned', 'بدون واحد', 'unassigned'],
    ]);
    const oneOffice = (await report('adminA', `groupBy=year&unitId=${unit.ops}`)).json();
    expect(oneOffice.total).toMatchObject({ accepted: 2, answered: 2, answeredLate: 1, workingDays: stats(3, 3, 4.6) });
    const hq = (await report('adminA', 'groupBy=year&officeKind=headquarters')).json();
    expect(hq.total).toMatchObject({ accepted: 2, answered: 2, calendarDays: stats(1.5, 1.5, 2.7) });
  });

  it('by service, and filtered by a service', async () => {
    const bySvc = (await report('managerA', 'groupBy=service')).json();
    expect(bySvc.rows).toHaveLength(1);
    expect(bySvc.rows[0]).toMatchObject({ key: serviceA, label: 'صدور گواهی آزمایشی', accepted: 7, answered: 5 });
    const other = (await report('central', `groupBy=year&serviceId=${serviceB}`)).json();
    expect(other.total).toMatchObject({ accepted: 1, answered: 1 });
  });

  it('central roles see every agency, or one province’s', async () => {
    const all = (await report('central', 'groupBy=year')).json();
    expect(all.agencyIds).toBeNull();
    expect(all.total.accepted).toBeGreaterThanOrEqual(8);
    const yazd = (await report('central', `groupBy=year&province=${encodeURIComponent('یزد')}`)).json();
    expect(yazd.agencyIds).toEqual([ag.a]);
    expect(yazd.total).toMatchObject({ accepted: 7, answered: 5 });
    const b = (await report('central', `groupBy=year&agencyId=${ag.b}`)).json();
    expect(b.total).toMatchObject({ accepted: 1, answered: 1, workingDays: stats(0, 0, 0) });
  });

  it('CSV: spreadsheet-safe, Persian header, a line per month and the total', async () => {
    const res = await report('managerA', 'year=1404&groupBy=month&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="desk-report-1404-month.csv"');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'ماه,پذیرفته,پاسخ‌داده,پاسخ پس از موعد,در انتظار,گذشته از موعد,میانگین روز کاری,میانه روز کاری,صدک ۹۰ روز کاری,میانگین روز تقویمی,میانه روز تقویمی,صدک ۹۰ روز تقویمی',
    );
    expect(lines[7]).toBe('مهر 1404,6,4,1,1,1,1.75,1,3.8,2.75,2,5.8');
    expect(lines[1]).toBe('فروردین 1404,0,0,0,0,0,,,,,,');
    expect(lines.at(-1)).toBe('جمع,7,5,1,2,1,1.6,1,3.4,2.8,3,5.4');
    expect(lines).toHaveLength(14);
  });

  it('XLSX: opens, right to left, the same figures', async () => {
    const res = await report('managerA', 'year=1404&groupBy=officeKind&format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.views[0]?.rightToLeft).toBe(true);
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1).slice(0, 3)).toEqual(['نوع واحد', 'پذیرفته', 'پاسخ‌داده']);
    expect(values(3)).toEqual(['صف (واحد عملیاتی)', 2, 2, 1, 0, 0, 3, 3, 4.6, 4, 4, 6.4]);
    expect(values(5).slice(0, 3)).toEqual(['جمع', 7, 5]);
  });
});

describe('GET /desk-reports refuses', () => {
  it('staff without a reporting role, and citizens', async () => {
    const clerk = await report('clerkOnly', 'groupBy=month');
    expect(clerk.statusCode).toBe(403);
    expect(clerk.json().error.code).toBe('FORBIDDEN');
    const citizen = await signInCitizen(t);
    const res = await t.app.inject({ url: '/api/v1/desk-reports', headers: citizen.headers });
    expect([401, 403]).toContain(res.statusCode);
    expect((await t.app.inject({ url: '/api/v1/desk-reports' })).statusCode).toBe(401);
  });

  it('another agency’s report, by agency or by office; another province gives nothing', async () => {
    const other = await report('managerA', `agencyId=${ag.b}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('DESK_REPORT_AGENCY_NOT_ALLOWED');
    expect(other.json().error.message).toBe('شما اجازه دیدن گزارش میز خدمت این دستگاه را ندارید.');
    const office = await report('managerA', `unitId=${unit.bOps}`);
    expect(office.statusCode).toBe(404);
    expect(office.json().error.code).toBe('DESK_REPORT_OFFICE_NOT_FOUND');
    const kerman = (await report('managerA', `groupBy=year&province=${encodeURIComponent('کرمان')}`)).json();
    expect(kerman.agencyIds).toEqual([]);
    expect(kerman.total).toMatchObject({ accepted: 0, answered: 0 });
    // The manager's own report never counts agency B's request (answered in Mehr too).
    expect((await report('managerA', 'groupBy=year')).json().total.answered).toBe(5);
  });

  it('a year out of range, in English too', async () => {
    const future = await t.app.inject({ url: '/api/v1/desk-reports?year=1405', headers: { ...(await as('managerA')).headers, 'accept-language': 'en' } });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.code).toBe('DESK_REPORT_YEAR_OUT_OF_RANGE');
    expect(future.json().error.message).toBe('Desk reports are not available for this year; choose a year from 1390 to the current one.');
    expect((await report('managerA', 'year=1389')).json().error.code).toBe('DESK_REPORT_YEAR_OUT_OF_RANGE');
    const absurd = await report('managerA', 'year=99999');
    expect(absurd.statusCode).toBe(400);
    expect(absurd.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('NUL characters, malformed ids and unknown groups in the filters; an office and a kind together', async () => {
    const nul = await report('central', 'province=%00%D9%8A%D8%B2%D8%AF');
    expect(nul.statusCode).toBe(400);
    expect(['TEXT_NOT_ALLOWED', 'VALIDATION_FAILED']).toContain(nul.json().error.code);
    expect((await report('central', `agencyId=${ag.a}%00`)).statusCode).toBe(400);
    expect((await report('central', 'groupBy=week')).json().error.code).toBe('VALIDATION_FAILED');
    const both = await report('adminA', `unitId=${unit.hq}&officeKind=operational`);
    expect(both.statusCode).toBe(400);
    expect(both.json().error.code).toBe('DESK_REPORT_FILTERS_CONFLICT');
  });
});

describe('GET /desk-reports/options', () => {
  it('the viewer’s agencies with their offices and services; another agency refused', async () => {
    const res = await t.app.inject({ url: '/api/v1/desk-reports/options', headers: (await as('managerA')).headers });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.agencies).toEqual([{ id: ag.a, name: 'اداره کل گزارش الف' }]);
    expect(body.offices.map((o: { id: string; kind: string }) => [o.id, o.kind]).sort()).toEqual([[unit.ops, 'operational'], [unit.hq, 'headquarters']].sort());
    expect(body.services).toEqual([{ id: serviceA, agencyId: ag.a, title: 'صدور گواهی آزمایشی' }]);
    expect(body.years).toEqual({ first: 1390, last: 1404 });
    const other = await t.app.inject({ url: `/api/v1/desk-reports/options?agencyId=${ag.b}`, headers: (await as('managerA')).headers });
    expect(other.statusCode).toBe(403);
  });
});
