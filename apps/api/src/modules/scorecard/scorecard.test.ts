import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildDeskService, decideDeskRequest, submitDeskRequest } from '../../../test/desk';
import { buildAgency, buildStaff, linkToApprovedCard, nextAddress, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import { createService } from '../services';

/*
 * The desk scorecard over data made through the modules (services, cards, requests, answers,
 * ratings), its figures worked out by hand:
 *
 * Agency A (province P1): desk services S1 (published, card in force, requested online), S2
 * (published, card in force, card says not electronic), S3 (unpublished, card in force), S4
 * (published, no card).
 *   catalogued 3 (S1–S3's cards), offered at the desk 2 (S1, S2), electronic request 1 (S1);
 *   published desk services 3 (S1, S2, S4), linked to a card in force 2.
 *   Requests to S1 on Tue 1 Mehr 1404 (norm 5 working days): r1 answered with a signed answer
 *   the next day, r2 decided the next day (no signed answer), r3 decided 20 days on (late), r4 open
 *   and overdue by now; r5 submitted now (open, in norm). The applicant rates r1 5 and r2 2.
 *   accepted 5, receipt 5, tracking code 5, decided 3, electronic answer 1, in norm 2, rated 2,
 *   satisfied 1, open 2, open in norm 1.
 *   shares: 2/3, 1/3, 1, 1, 1/3, 2/3, 2/3, 2/3, 1/2, 1/2; total = 6.3333/10 = 0.6333.
 * Agency B (province P2): S5 with a card; one request decided the next day, not rated.
 *   catalogued 1, offered 1, electronic 1, desk 1/1; accepted 1, decided 1 in norm, open 0.
 *   shares: 1, 1, 1, 1, 0/1, 0/1, 1, 1, null (nothing open), null (nothing rated): total 6/8 = 0.75.
 * Agency C (province P1): nothing at all: every criterion null, total null.
 */

let t: TestApp;
const P1 = 'استان آزمون یک';
const P2 = 'استان آزمون دو';
const ag = {} as Record<'a' | 'b' | 'c', string>;
const people = {} as Record<'adminA' | 'managerA' | 'signerA' | 'clerkA' | 'clerkB' | 'central' | 'auditor' | 'evaluatorP1', string>;
const PIN = '246810';
const T0 = '2025-09-23T06:30:00.000Z'; // Tue 1 Mehr 1404, 10:00 Tehran
const NEXT_DAY = '2025-09-24T06:30:00.000Z';
const NOW = '2025-10-13T06:30:00.000Z'; // Mon 21 Mehr 1404

const as = async (who: keyof typeof people): Promise<Session> => signInStaff(t, people[who]);
const get = async (who: keyof typeof people | Session | null, query = '', path = '/api/v1/desk-scorecard', headers: Record<string, string> = {}) => {
  const s = who === null ? null : typeof who === 'string' ? await as(who) : who;
  return t.app.inject({ url: `${path}${query ? `?${query}` : ''}`, headers: { ...(s?.headers ?? {}), ...headers }, remoteAddress: nextAddress() });
};
type Row = { key: string; name: string; total: number | null; measured: number; criteria: Array<{ criterion: string; value: number | null; numerator: number; denominator: number; note: string | null; evidence: string }> };
const shares = (r: Row) => r.criteria.map((c) => [c.criterion, c.numerator, c.denominator, c.value]);

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(T0);
  const db = t.ctx.database.db;
  ag.a = (await buildAgency(t, { nameFa: 'اداره کل ارزیابی الف', province: P1 })).id;
  ag.b = (await buildAgency(t, { nameFa: 'اداره کل ارزیابی ب', province: P2 })).id;
  ag.c = (await buildAgency(t, { nameFa: 'اداره کل ارزیابی ج', province: P1 })).id;
  people.adminA = (await buildStaff(t, ag.a, ['agency_admin'])).username;
  people.managerA = (await buildStaff(t, ag.a, ['unit_manager'])).username;
  people.signerA = (await buildStaff(t, ag.a, ['unit_manager'], { displayName: 'امضاکنندهٔ آزمون' })).username;
  people.clerkA = (await buildStaff(t, ag.a, ['desk_clerk'])).username;
  people.clerkB = (await buildStaff(t, ag.b, ['desk_clerk'])).username;
  people.central = (await buildStaff(t, ag.b, ['central_reviewer'])).username;
  people.auditor = (await buildStaff(t, ag.c, ['oversight_auditor'])).username;
  // The provincial evaluator works at an agency of P1 (standing in for P1's planning organisation).
  people.evaluatorP1 = (await buildStaff(t, ag.c, ['provincial_evaluator'])).username;

  const s1 = await buildDeskService(t, ag.a, 'خدمت برخط الف');
  const s2 = await buildDeskService(t, ag.a, 'خدمت حضوری الف');
  const s3 = await createService(
    db,
    { agencyId: ag.a, titleFa: 'خدمت منتشرنشده الف', titleEn: null, descriptionFa: '', recipients: 'G2C', normDays: 5, formSchema: { type: 'object' }, published: false },
    t.clock.now(),
  );
  await buildDeskService(t, ag.a, 'خدمت بی‌شناسه الف');
  const s5 = await buildDeskService(t, ag.b, 'خدمت برخط ب');
  await linkToApprovedCard(t, s1);
  await linkToApprovedCard(t, s2, { maturity: 'non_electronic' });
  await linkToApprovedCard(t, s3);
  await linkToApprovedCard(t, s5);

  const applicant = await signInCitizen(t);
  const [r1, r2, r3] = [await submitDeskRequest(t, applicant, s1), await submitDeskRequest(t, applicant, s1), await submitDeskRequest(t, applicant, s1)];
  await submitDeskRequest(t, applicant, s1); // r4: stays open, overdue by NOW
  const rb = await submitDeskRequest(t, applicant, s5);

  t.clock.set(NEXT_DAY);
  const signer = await as('signerA');
  expect((await t.app.inject({ method: 'POST', url: '/api/v1/documents/signer-keys', headers: signer.headers, payload: { pin: PIN } })).statusCode).toBe(201);
  const answered = await t.app.inject({ method: 'POST', url: `/api/v1/requests/${r1.id}/answer`, headers: signer.headers, payload: { decision: 'approve', pin: PIN } });
  expect(answered.statusCode, answered.body).toBe(200);
  await decideDeskRequest(t, await as('clerkA'), r2.id);
  await decideDeskRequest(t, await as('clerkB'), rb.id);
  t.clock.set(NOW);
  await decideDeskRequest(t, await as('clerkA'), r3.id, 'reject');
  const citizen = await signInCitizen(t, applicant.nationalCode, applicant.mobile);
  for (const [r, rating] of [[r1, 5], [r2, 2]] as const) {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/requests/${r.id}/feedback`, headers: citizen.headers, payload: { rating } });
    expect(res.statusCode, res.body).toBe(201);
  }
  await submitDeskRequest(t, citizen, s1); // r5: submitted now, in norm
});
afterAll(() => t?.close());

describe('GET /desk-scorecard', () => {
  it('scores each agency’s ten criteria from its data, with numerators, denominators and evidence', async () => {
    const res = await get('central', 'year=1404');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ scope: string; agencies: Row[]; provinces: Row[]; total: Row; year: number }>();
    expect([body.scope, body.year]).toEqual(['central', 1404]);
    const a = body.agencies.find((r) => r.key === ag.a)!;
    expect(shares(a)).toEqual([
      ['offeredAtDesk', 2, 3, 0.6667],
      ['electronicRequest', 1, 3, 0.3333],
      ['immediateReceipt', 5, 5, 1],
      ['trackingCode', 5, 5, 1],
      ['answeredElectronically', 1, 3, 0.3333],
      ['feedbackCollected', 2, 3, 0.6667],
      ['answeredWithinNorm', 2, 3, 0.6667],
      ['linkedToCatalogue', 2, 3, 0.6667],
      ['openWithinNorm', 1, 2, 0.5],
      ['satisfaction', 1, 2, 0.5],
    ]);
    expect([a.total, a.measured]).toEqual([0.6333, 10]);
    expect(a.criteria[0]!.evidence).toMatch(/^خدمات شناسنامه‌دار/);
    expect(a.criteria[2]!.note).toMatch(/رسید/);
    expect(a.criteria[0]!.note).toBeNull();

    const b = body.agencies.find((r) => r.key === ag.b)!;
    expect(b.criteria.map((c) => c.value)).toEqual([1, 1, 1, 1, 0, 0, 1, 1, null, null]);
    expect([b.total, b.measured]).toEqual([0.75, 8]);
    expect(b.criteria[8]!.note).toMatch(/^سنجش‌پذیر نیست/);

    const c = body.agencies.find((r) => r.key === ag.c)!;
    expect(c.criteria.every((x) => x.value === null && x.denominator === 0 && x.note !== null)).toBe(true);
    expect([c.total, c.measured]).toEqual([null, 0]);
  });

  it('compares provinces: the sums of their agencies’ counts, not a mean of their shares', async () => {
    const body = (await get('auditor', 'year=1404')).json<{ provinces: Row[] }>();
    const p1 = body.provinces.find((r) => r.key === P1)!;
    expect(shares(p1)[0]).toEqual(['offeredAtDesk', 2, 3, 0.6667]);
    expect(p1.total).toBe(0.6333); // agency C adds nothing to count
    const p2 = body.provinces.find((r) => r.key === P2)!;
    expect(p2.total).toBe(0.75);
  });

  it('narrows to one province; the total is the sum of what is shown', async () => {
    const body = (await get('central', `year=1404&province=${encodeURIComponent(P1)}`)).json<{ agencies: Row[]; provinces: Row[]; total: Row; province: string }>();
    expect(body.province).toBe(P1);
    expect(body.agencies.map((r) => r.key).sort()).toEqual([ag.a, ag.c].sort());
    expect(body.provinces.map((r) => r.key)).toEqual([P1]);
    expect(shares(body.total)).toEqual(shares(body.agencies.find((r) => r.key === ag.a)!));
  });

  it('an agency administrator sees their own agency only, without provinces', async () => {
    const body = (await get('adminA', 'year=1404')).json<{ scope: string; agencies: Row[]; provinces: Row[]; total: Row }>();
    expect(body.scope).toBe('agency');
    expect(body.agencies.map((r) => r.key)).toEqual([ag.a]);
    expect(body.provinces).toEqual([]);
    expect(body.total.total).toBe(0.6333);
    const other = (await get('adminA', `year=1404&province=${encodeURIComponent(P2)}`)).json<{ agencies: Row[]; total: Row }>();
    expect(other.agencies).toEqual([]);
    expect(other.total.measured).toBe(0);
  });

  it('an empty period: nothing counted, nothing scored (1403: before every card and request)', async () => {
    const body = (await get('central', 'year=1403')).json<{ agencies: Row[]; total: Row }>();
    const mine = body.agencies.filter((r) => [ag.a, ag.b, ag.c].includes(r.key));
    expect(mine).toHaveLength(3);
    for (const r of mine) expect([r.total, r.measured, r.criteria.every((c) => c.value === null)]).toEqual([null, 0, true]);
  });

  it('a provincial evaluator compares the agencies of their province, and no other', async () => {
    const body = (await get('evaluatorP1', 'year=1404')).json<{ scope: string; agencies: Row[]; provinces: Row[]; total: Row }>();
    expect(body.scope).toBe('province');
    expect(body.agencies.map((r) => r.key).sort()).toEqual([ag.a, ag.c].sort());
    expect(body.provinces.map((r) => r.key)).toEqual([P1]);
    expect(body.total.total).toBe(0.6333);
    // Asking for another province shows nothing of it.
    const other = (await get('evaluatorP1', `year=1404&province=${encodeURIComponent(P2)}`)).json<{ agencies: Row[]; provinces: Row[]; total: Row }>();
    expect([other.agencies, other.provinces, other.total.measured]).toEqual([[], [], 0]);
    // Their exports hold the same rows.
    const csv = await get('evaluatorP1', 'year=1404&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('اداره کل ارزیابی الف');
    expect(csv.body).not.toContain('اداره کل ارزیابی ب');
  });

  it('the current year by default; English evidence and notes', async () => {
    const res = await get('adminA', '', '/api/v1/desk-scorecard', { 'accept-language': 'en' });
    const body = res.json<{ year: number; agencies: Row[]; total: Row }>();
    expect(body.year).toBe(1404);
    expect(body.agencies[0]!.criteria[0]!.evidence).toMatch(/^Approved catalogue services/);
    expect(body.total.name).toBe('Total');
  });
});

describe('GET /desk-scorecard refuses', () => {
  it('a unit manager, a clerk, a citizen and anyone signed out', async () => {
    for (const who of ['managerA', 'clerkA'] as const) {
      const res = await get(who, 'year=1404');
      expect([who, res.statusCode, res.json().error.code]).toEqual([who, 403, 'FORBIDDEN']);
    }
    const citizen = await signInCitizen(t);
    expect([401, 403]).toContain((await get(citizen, 'year=1404')).statusCode);
    expect((await get(null, 'year=1404')).statusCode).toBe(401);
    expect((await get(null, 'year=1404&format=csv', '/api/v1/desk-scorecard')).statusCode).toBe(401);
    expect((await get('clerkA', 'year=1404&format=csv', '/api/v1/desk-scorecard')).statusCode).toBe(403);
  });

  it('a year out of range (in English too), NUL characters, oversized and malformed input', async () => {
    const future = await get('central', 'year=1405', '/api/v1/desk-scorecard', { 'accept-language': 'en' });
    expect([future.statusCode, future.json().error.code]).toEqual([422, 'DESK_SCORECARD_YEAR_OUT_OF_RANGE']);
    expect(future.json().error.message).toBe('The desk scorecard is not available for this year; choose a year from 1390 to the current one.');
    expect((await get('central', 'year=1389')).json().error.message).toMatch(/^کارنامهٔ ارزیابی/);
    const nul = await get('central', 'province=%00%D9%8A%D8%B2%D8%AF');
    expect(nul.statusCode).toBe(400);
    expect(['TEXT_NOT_ALLOWED', 'VALIDATION_FAILED']).toContain(nul.json().error.code);
    expect((await get('central', `province=${'ا'.repeat(101)}`)).statusCode).toBe(400);
    expect((await get('central', 'year=abc')).json().error.code).toBe('VALIDATION_FAILED');
    expect((await get('central', 'year=1404.5')).statusCode).toBe(400);
    expect((await get('central', 'format=pdf', '/api/v1/desk-scorecard')).statusCode).toBe(400);
  });
});

describe('GET /desk-scorecard?format=csv|xlsx', () => {
  it('CSV: one line per agency, per province and the total, shares with their counts', async () => {
    const res = await get('adminA', 'year=1404&format=csv', '/api/v1/desk-scorecard');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="desk-scorecard-1404.csv"');
    const lines = res.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(3); // header, agency A, total
    expect(lines[0]).toMatch(/^ردیف,نام,استان,ارائه در میز خدمت,/);
    expect(lines[1]!.startsWith(`دستگاه,اداره کل ارزیابی الف,${P1},0.6667,2,3,0.3333,1,3,1,5,5`)).toBe(true);
    expect(lines[1]!.endsWith(',0.6333,10')).toBe(true);
  });

  it('XLSX: a right-to-left sheet with the same rows; unmeasured shares are empty cells', async () => {
    const res = await get('central', `year=1404&format=xlsx&province=${encodeURIComponent(P1)}`, '/api/v1/desk-scorecard');
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.views[0]!.rightToLeft).toBe(true);
    const names = sheet.getColumn(2).values.slice(2);
    expect(names).toEqual(['اداره کل ارزیابی الف', 'اداره کل ارزیابی ج', P1, 'جمع']);
    expect(sheet.getRow(3).getCell(4).value).toBeNull(); // agency C: offered at the desk, not measured
    expect(sheet.getRow(2).getCell(4).value).toBe(0.6667);
  });
});
