import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildDeskService, submitDeskRequest } from '../../../test/desk';
import { buildAgency, buildStaff, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import { rows } from '../../platform/db';

/*
 * The desk reports count the agency's time only (issue 11 items 6 and 11): the days a request
 * waited for its applicant to answer a correction are not in its time from acceptance to answer.
 *
 *   P: submitted Sat 1403/01/25 (2024-04-13), correction asked the same day, replied Tue 1403/01/28,
 *      decided Wed 1403/01/29: 4 working days (Sun–Wed) less 3 paused (Sun–Tue) = 1;
 *      4 calendar days less 3 paused = 1.
 *   U: submitted Sat 1403/01/25, never paused, decided Wed 1403/01/29: 4 and 4 (unchanged).
 * Farvardin 1403: working days 1, 4: mean 2.5, p50 2.5, p90 = 1 + 0.9 × 3 = 3.7; calendar days the same.
 */
let t: TestApp;
let serviceId: string;
const names: Record<'clerk' | 'manager', string> = { clerk: '', manager: '' };
const as = (who: keyof typeof names) => signInStaff(t, names[who]);
const post = (s: Session, url: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: s.headers, payload });
const SAT = '2024-04-13T06:30:00.000Z';
const TUE = '2024-04-16T06:30:00.000Z';
const WED = '2024-04-17T06:30:00.000Z';
const ids = { paused: '', unpaused: '' };

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(SAT);
  const agency = (await buildAgency(t, { nameFa: 'اداره کل مکث' })).id;
  serviceId = await buildDeskService(t, agency, 'گواهی با اصلاح');
  names.clerk = (await buildStaff(t, agency, ['desk_clerk'])).username;
  names.manager = (await buildStaff(t, agency, ['unit_manager'])).username;
  const citizen = await signInCitizen(t);
  const p = await submitDeskRequest(t, citizen, serviceId);
  const u = await submitDeskRequest(t, citizen, serviceId);
  ids.paused = p.id;
  ids.unpaused = u.id;
  const clerk = await as('clerk');
  for (const id of [p.id, u.id]) expect((await post(clerk, `/requests/${id}/take`, {})).statusCode).toBe(200);
  expect((await post(clerk, `/requests/${p.id}/corrections`, { fields: ['reason'], message: 'علت را کامل بنویسید.' })).statusCode).toBe(200);
  t.clock.set(TUE);
  const again = await signInCitizen(t, citizen.nationalCode, citizen.mobile);
  const replied = await post(again, `/requests/${p.id}/corrections/reply`, { form: { reason: 'ارائه به بانک ملی' } });
  expect(replied.statusCode, replied.body).toBe(200);
  expect(replied.json().history.at(-1).dueChange).toMatchObject({ pausedWorkingDays: 3 });
  t.clock.set(WED);
  const clerkWed = await as('clerk');
  for (const id of [p.id, u.id]) {
    const decided = await post(clerkWed, `/requests/${id}/decide`, { decision: 'approve' });
    expect(decided.statusCode, decided.body).toBe(200);
  }
});
afterAll(() => t?.close());

describe('durations exclude the days paused for the applicant', () => {
  it('the pause is summed on the request in the reply’s transaction, and the decision stores the duration less it', async () => {
    const found = await rows<{ id: string; pw: number; pc: number; w: number; c: number }>(
      t.ctx.database.db,
      sql`SELECT id, paused_working_days AS pw, paused_calendar_days AS pc, answer_working_days AS w, answer_calendar_days AS c
            FROM service_requests WHERE id IN (${ids.paused}, ${ids.unpaused})`,
    );
    const by = new Map(found.map((r) => [r.id, r]));
    expect(by.get(ids.paused)).toMatchObject({ pw: 3, pc: 3, w: 1, c: 1 });
    expect(by.get(ids.unpaused)).toMatchObject({ pw: 0, pc: 0, w: 4, c: 4 });
  });

  it('the report’s mean and percentiles are of the durations less the pauses', async () => {
    const res = await t.app.inject({ url: '/api/v1/desk-reports?year=1403&groupBy=month', headers: (await as('manager')).headers });
    expect(res.statusCode, res.body).toBe(200);
    const farvardin = res.json().rows[0];
    expect(farvardin).toMatchObject({ key: '1403-01', accepted: 2, answered: 2, answeredLate: 0 });
    expect(farvardin.workingDays).toEqual({ mean: 2.5, p50: 2.5, p90: 3.7 });
    expect(farvardin.calendarDays).toEqual({ mean: 2.5, p50: 2.5, p90: 3.7 });
  });
});
