import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { sealAuditNow } from '../../../test/audit';
import { arabicDigits, buildDeskService, decideDeskRequest, persianDigits, submitDeskRequest } from '../../../test/desk';
import { buildAgency, buildStaff, nextAddress, randomNationalCode, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import { rows } from '../../platform/db';
import { CALL_CENTRE_PER_MINUTE } from './request-tracking.service';
import { trackPerMinute } from './request-tracking.routes';
import { dammCheckDigit } from './tracking-code.model';

let t: TestApp;
let citizen: Awaited<ReturnType<typeof signInCitizen>>;
let receipt: { id: string; trackingCode: string; dueDateJalali: string };
let agencyA: string;
let agencyB: string;
let operatorA: Session;
let operatorB: Session;
let operatorAId: string;
let operatorBName: string;
let operatorAName: string;

/** A well-formed tracking code (right check digit) that no request has. */
function unknownCode(): string {
  for (;;) {
    const body = String(100_000_000 + Math.floor(Math.random() * 899_999_999));
    const code = `${body}${dammCheckDigit(body)}`;
    if (code !== receipt.trackingCode) return code;
  }
}

const track = (payload: object, remoteAddress = nextAddress(), headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/requests/track', payload, remoteAddress, headers });
const lookup = (s: Session, payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/call-centre/lookups', headers: s.headers, payload });

beforeAll(async () => {
  t = await buildTestApp();
  // Wednesday 1403/01/08, 10:00 in Tehran.
  t.clock.set('2024-03-27T06:30:00.000Z');
  agencyA = (await buildAgency(t, { nameFa: 'اداره کل الف' })).id;
  agencyB = (await buildAgency(t, { nameFa: 'اداره کل ب' })).id;
  const serviceId = await buildDeskService(t, agencyA);
  const clerk = await buildStaff(t, agencyA, ['desk_clerk'], { displayName: 'کارمند نام‌دار الف' });
  const opA = await buildStaff(t, agencyA, ['call_centre_operator']);
  operatorAId = opA.id;
  operatorAName = opA.username;
  operatorBName = (await buildStaff(t, agencyB, ['call_centre_operator'])).username;
  citizen = await signInCitizen(t);
  receipt = await submitDeskRequest(t, citizen, serviceId);
  t.clock.advance(3_600_000);
  const clerkSession = await signInStaff(t, clerk.username);
  const take = await t.app.inject({ method: 'POST', url: `/api/v1/requests/${receipt.id}/take`, headers: clerkSession.headers, payload: {} });
  expect(take.statusCode).toBe(200);
  t.clock.advance(600_000);
  await decideDeskRequest(t, clerkSession, receipt.id);
});
afterAll(() => t.close());

describe('public tracking (no sign-in)', () => {
  it('answers the status in words, the steps by role with Jalali dates, what is expected and the due date: nothing else', async () => {
    // Persian digits in the code, Arabic-Indic in the national code, spaces as typed.
    const res = await track({ trackingCode: persianDigits(`${receipt.trackingCode.slice(0, 5)} ${receipt.trackingCode.slice(5)}`), nationalCode: arabicDigits(citizen.nationalCode) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      trackingCode: receipt.trackingCode,
      serviceTitle: 'گواهی آزمایشی',
      status: 'approved',
      statusLabel: 'پذیرفته شد',
      expected: expect.stringContaining('پاسخ را در پیشخوان'),
      closed: true,
      dueDateJalali: receipt.dueDateJalali,
      dueAt: expect.any(String),
      overdue: false,
      steps: [
        { action: 'submitted', label: 'ثبت درخواست', actorLabel: 'متقاضی', at: '2024-03-27T06:30:00.000Z', dateJalali: '1403/01/08' },
        { action: 'taken', label: 'آغاز بررسی', actorLabel: 'کارمند پیشخوان دستگاه', at: '2024-03-27T07:30:00.000Z', dateJalali: '1403/01/08' },
        { action: 'approved', label: 'پذیرش درخواست', actorLabel: 'کارمند پیشخوان دستگاه', at: '2024-03-27T07:40:00.000Z', dateJalali: '1403/01/08' },
        // The decision issued its signed answer (ADR 0038): tracking says so and serves nothing of it.
        { action: 'answer_issued', label: 'صدور پاسخ امضاشده (برای بارگیری به پیشخوان خود وارد شوید)', actorLabel: 'کارمند پیشخوان دستگاه', at: '2024-03-27T07:40:00.000Z', dateJalali: '1403/01/08' },
      ],
    });
    // No staff name, no applicant data, no form.
    for (const secret of ['کارمند نام‌دار الف', citizen.id, citizen.mobile, 'ارائه به بانک', receipt.id]) expect(res.body).not.toContain(secret);
    const en = await track({ trackingCode: receipt.trackingCode, nationalCode: citizen.nationalCode }, nextAddress(), { 'accept-language': 'en' });
    expect(en.json()).toMatchObject({ statusLabel: 'Approved', steps: [{ label: 'Request submitted', actorLabel: 'Applicant' }, {}, {}, {}] });
  });

  it('a wrong national code and an unknown code answer exactly alike', async () => {
    const wrongPair = await track({ trackingCode: receipt.trackingCode, nationalCode: randomNationalCode() });
    const noSuchCode = await track({ trackingCode: unknownCode(), nationalCode: citizen.nationalCode });
    for (const res of [wrongPair, noSuchCode]) expect(res.statusCode).toBe(404);
    const strip = (body: string) => ({ ...(JSON.parse(body) as { error: Record<string, unknown> }).error, requestId: undefined });
    expect(strip(wrongPair.body)).toEqual(strip(noSuchCode.body));
    expect(strip(wrongPair.body)).toMatchObject({ code: 'TRACKING_NOT_FOUND', details: {} });
    expect(Object.keys(wrongPair.headers).sort()).toEqual(Object.keys(noSuchCode.headers).sort());
  });

  it('refuses malformed input with a code, before any lookup', async () => {
    const cases: Array<[object, string]> = [
      [{ trackingCode: receipt.trackingCode.slice(0, -1) + String((Number(receipt.trackingCode.at(-1)) + 1) % 10), nationalCode: citizen.nationalCode }, 'VALIDATION_FAILED'],
      [{ trackingCode: receipt.trackingCode, nationalCode: '1234567890' }, 'VALIDATION_FAILED'],
      [{ trackingCode: `${receipt.trackingCode}\u0000`, nationalCode: citizen.nationalCode }, 'TEXT_NOT_ALLOWED'],
      [{ trackingCode: receipt.trackingCode }, 'VALIDATION_FAILED'],
      [{ trackingCode: receipt.trackingCode, nationalCode: citizen.nationalCode, extra: 1 }, 'VALIDATION_FAILED'],
    ];
    for (const [payload, code] of cases) {
      const res = await track(payload);
      expect([res.statusCode, res.json().error.code]).toEqual([400, code]);
    }
  });

  it('limits each client address, with Retry-After; other addresses go on', async () => {
    const address = nextAddress();
    const TRACK_PER_MINUTE = trackPerMinute(t.ctx);
    expect(TRACK_PER_MINUTE).toBe(10);
    const answers = [];
    for (let i = 0; i < TRACK_PER_MINUTE + 1; i++) answers.push(await track({ trackingCode: unknownCode(), nationalCode: citizen.nationalCode }, address));
    expect(answers.slice(0, TRACK_PER_MINUTE).map((r) => r.statusCode)).toEqual(Array(TRACK_PER_MINUTE).fill(404));
    const limited = answers.at(-1)!;
    expect([limited.statusCode, limited.json().error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right pair waits: the limit comes before the lookup.
    expect((await track({ trackingCode: receipt.trackingCode, nationalCode: citizen.nationalCode }, address)).statusCode).toBe(429);
    expect((await track({ trackingCode: receipt.trackingCode, nationalCode: citizen.nationalCode })).statusCode).toBe(200);
    t.clock.advance(61_000);
    expect((await track({ trackingCode: receipt.trackingCode, nationalCode: citizen.nationalCode }, address)).statusCode).toBe(200);
  });
});

describe('the call centre', () => {
  const last4 = () => citizen.mobile.slice(-4);
  let citizenNow: Session;
  // Signed in now: the clock has moved past earlier sessions' idle timeout.
  beforeAll(async () => {
    operatorA = await signInStaff(t, operatorAName);
    operatorB = await signInStaff(t, operatorBName);
    citizenNow = await signInCitizen(t);
  });

  it('answers the status after the caller’s identity check, and audits every lookup', async () => {
    const ok = await lookup(operatorA, { trackingCode: persianDigits(receipt.trackingCode), nationalCode: citizen.nationalCode, mobileLast4: persianDigits(last4()) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ trackingCode: receipt.trackingCode, agencyName: 'اداره کل الف', status: 'approved', statusLabel: 'پذیرفته شد', steps: [{}, {}, {}, {}] });
    expect(ok.body).not.toContain('کارمند نام‌دار الف');

    const wrongMobile = await lookup(operatorA, { trackingCode: receipt.trackingCode, nationalCode: citizen.nationalCode, mobileLast4: String((Number(last4()) + 1) % 10_000).padStart(4, '0') });
    const wrongCode = await lookup(operatorA, { trackingCode: receipt.trackingCode, nationalCode: randomNationalCode(), mobileLast4: last4() });
    const noSuch = await lookup(operatorA, { trackingCode: unknownCode(), nationalCode: citizen.nationalCode, mobileLast4: last4() });
    // Another agency's operator: told the same as a wrong fact.
    const otherAgency = await lookup(operatorB, { trackingCode: receipt.trackingCode, nationalCode: citizen.nationalCode, mobileLast4: last4() });
    for (const res of [wrongMobile, wrongCode, noSuch, otherAgency]) expect([res.statusCode, res.json().error.code]).toEqual([404, 'CALLER_NOT_VERIFIED']);

    await sealAuditNow(t.ctx.database);
    const entries = await rows<{ actorId: string; objectId: string | null; details: { verified: boolean } }>(
      t.ctx.database.db,
      sql`SELECT actor_id AS "actorId", object_id AS "objectId", details FROM audit_entries WHERE action = 'service_request.call_centre_lookup' AND actor_id = ${operatorAId} ORDER BY id`,
    );
    expect(entries.map((e) => [e.objectId, e.details.verified])).toEqual([
      [receipt.id, true],
      [receipt.id, false],
      [receipt.id, false],
      [null, false],
    ]);
  });

  it('is for call-centre operators only', async () => {
    const clerk = await signInStaff(t, (await buildStaff(t, agencyA, ['desk_clerk'])).username);
    const payload = { trackingCode: receipt.trackingCode, nationalCode: citizen.nationalCode, mobileLast4: last4() };
    expect((await lookup(clerk, payload)).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/call-centre', headers: clerk.headers })).statusCode).toBe(403);
    expect((await lookup(citizenNow, payload)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/call-centre/lookups', payload })).statusCode).toBe(401);
    const desk = await t.app.inject({ url: '/api/v1/call-centre', headers: operatorA.headers });
    expect(desk.json()).toEqual({ agencies: [{ id: agencyA, name: 'اداره کل الف' }], lookupsPerMinute: CALL_CENTRE_PER_MINUTE });
    const nul = await lookup(operatorA, { ...payload, mobileLast4: '12\u000034' });
    expect([nul.statusCode, nul.json().error.code]).toEqual([400, 'TEXT_NOT_ALLOWED']);
  });

  it('limits each operator, whatever address they call from, with Retry-After', async () => {
    const op = await signInStaff(t, (await buildStaff(t, agencyA, ['call_centre_operator'])).username);
    const payload = { trackingCode: receipt.trackingCode, nationalCode: citizen.nationalCode, mobileLast4: last4() };
    const answers = [];
    for (let i = 0; i < CALL_CENTRE_PER_MINUTE + 1; i++) {
      answers.push(await t.app.inject({ method: 'POST', url: '/api/v1/call-centre/lookups', headers: op.headers, payload, remoteAddress: nextAddress() }));
    }
    expect(answers.slice(0, -1).every((r) => r.statusCode === 200)).toBe(true);
    const limited = answers.at(-1)!;
    expect([limited.statusCode, limited.json().error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another operator is not held back.
    expect((await lookup(operatorA, payload)).statusCode).toBe(200);
    t.clock.advance(61_000);
    expect((await lookup(op, payload)).statusCode).toBe(200);
  });
});
