import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, randomLegalId, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import { rows } from '../../platform/db';
import { createService } from '../services';
import { maskMobile, maskNationalCode } from '@dargah/persian';
import { applicantName } from './request-people.model';
import { sealAuditNow } from '../../../test/audit';

/**
 * Who applied and who acted: the clerk sees the applicant masked and reveals the full national code
 * and mobile through an audited call; the timeline names people; the receipt goes out by SMS once.
 */
let t: TestApp;
let agencyA: { id: string };
let serviceId: string;
let g2bServiceId: string;
const staff: Record<string, { id: string; username: string }> = {};

const FORM = {
  type: 'object',
  required: ['reason'],
  properties: { reason: { type: 'string', title: 'علت', minLength: 2 }, count: { type: 'integer', title: 'تعداد', minimum: 1 } },
  additionalProperties: false,
};

beforeAll(async () => {
  t = await buildTestApp();
  agencyA = await buildAgency(t, { nameFa: 'اداره کل الف' });
  const agencyB = await buildAgency(t, { nameFa: 'اداره کل ب' });
  const db = t.ctx.database.db;
  const base = { agencyId: agencyA.id, titleEn: 'Test', descriptionFa: 'آزمایشی', normDays: 5, formSchema: FORM, published: true };
  serviceId = await createService(db, { ...base, titleFa: 'درخواست گواهی آزمایشی', recipients: 'G2C' }, t.clock.now());
  g2bServiceId = await createService(db, { ...base, titleFa: 'خدمت شرکت‌ها', recipients: 'G2B' }, t.clock.now());
  staff.clerkA = await buildStaff(t, agencyA.id, ['desk_clerk'], { displayName: 'مریم کارمند' });
  staff.managerA = await buildStaff(t, agencyA.id, ['unit_manager'], { displayName: 'رضا مدیر' });
  staff.delegateA = await buildStaff(t, agencyA.id, [], { displayName: 'سارا جانشین' });
  staff.adminA = await buildStaff(t, agencyA.id, ['agency_admin']);
  staff.clerkB = await buildStaff(t, agencyB.id, ['desk_clerk']);
});
afterAll(() => t.close());

const as = (name: string) => signInStaff(t, staff[name]!.username);
const inject = (method: 'GET' | 'POST', url: string, s?: Session | null, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: { ...(s ? s.headers : {}), ...headers }, ...(payload ? { payload } : {}) });
const submit = (s: Session, id = serviceId, headers: Record<string, string> = {}) => inject('POST', '/api/v1/requests', s, { serviceId: id, form: { reason: 'ارائه به بانک' } }, headers);
const reveal = (id: string, s?: Session | null) => inject('POST', `/api/v1/requests/${id}/applicant/reveal`, s, {});
const reveals = async (requestId: string) => {
  await sealAuditNow(t.ctx.database);
  return rows<{ actorId: string; details: unknown; agencyId: string }>(
    t.ctx.database.db,
    sql`SELECT actor_id AS "actorId", details, agency_id AS "agencyId" FROM audit_entries WHERE action = 'service_request.applicant_reveal' AND object_id = ${requestId} ORDER BY seq`,
  );
};
const parse = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : (v as Record<string, unknown>));

async function namedCitizen(name: string) {
  const c = await signInCitizen(t);
  expect((await t.app.inject({ method: 'PATCH', url: '/api/v1/me/profile', headers: c.headers, payload: { name } })).statusCode).toBe(200);
  return c;
}

describe('masking', () => {
  it('keeps the first and last digits of national codes and mobiles, and hides short values whole', () => {
    expect(maskNationalCode('0013542419')).toBe('001****419');
    expect(maskMobile('09121234567')).toBe('0912***4567');
    expect(maskNationalCode('12345')).toBe('*****');
    expect(applicantName({ personName: null, personNationalCode: '0013542419', companyName: 'شرکت' })).toBe('شرکت — 001****419');
  });
});

describe('the applicant on the request page', () => {
  it('is shown masked to the clerk and the applicant; the full values never leave the server without the reveal', async () => {
    const citizen = await namedCitizen('علی رضایی');
    const submitted = await submit(citizen);
    expect(submitted.statusCode).toBe(201);
    const id = submitted.json().id as string;
    const masked = { name: 'علی رضایی', nationalCode: maskNationalCode(citizen.nationalCode), mobile: maskMobile(citizen.mobile) };

    const clerk = await as('clerkA');
    const page = await inject('GET', `/api/v1/requests/${id}`, clerk);
    expect(page.json().applicant).toEqual({ person: masked, company: null, revealable: true });
    const mine = await inject('GET', `/api/v1/requests/${id}`, citizen);
    expect(mine.json().applicant).toEqual({ person: masked, company: null, revealable: false });
    const cartable = await inject('GET', '/api/v1/cartable?status=all&limit=100', clerk);
    for (const body of [page.body, mine.body, submitted.body, cartable.body, (await inject('GET', '/api/v1/requests/mine', citizen)).body]) {
      expect(body).not.toContain(citizen.nationalCode);
      expect(body).not.toContain(citizen.mobile);
      expect(body).not.toContain(citizen.mobile.slice(1)); // not even without the leading zero
    }

    const shown = await reveal(id, clerk);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({ nationalCode: citizen.nationalCode, mobile: citizen.mobile });
    const [entry] = await reveals(id);
    expect(entry).toMatchObject({ actorId: staff.clerkA!.id, agencyId: agencyA.id });
    expect(parse(entry!.details)).toMatchObject({ applicantId: citizen.id, trackingCode: submitted.json().trackingCode, fields: ['nationalCode', 'mobile'] });
  });

  it('names the company and its representative for a G2B request', async () => {
    const citizen = await namedCitizen('زهرا محمدی');
    const legalId = randomLegalId();
    const [company] = await rows<{ id: string }>(t.ctx.database.db, sql`
      INSERT INTO citizens (kind, legal_id, name, created_at, updated_at) VALUES ('company', ${legalId}, 'شرکت نمونه', now(), now()) RETURNING id`);
    const companyId = company!.id;
    await rows(t.ctx.database.db, sql`INSERT INTO company_representatives (company_id, person_id, title, created_at) VALUES (${companyId}, ${citizen.id}, 'مدیرعامل', now())`);
    expect((await inject('POST', '/api/v1/auth/act-for', citizen, { id: companyId })).statusCode).toBe(200);
    const r = await submit(citizen, g2bServiceId);
    expect(r.statusCode).toBe(201);
    expect(r.json().applicant).toMatchObject({ person: { name: 'زهرا محمدی' }, company: { name: 'شرکت نمونه', legalId } });
    // The submission is the representative's, for the company.
    expect(r.json().history).toMatchObject([{ actorLabel: 'شما', actorName: null, onBehalfOfName: 'شرکت نمونه' }]);
    const seen = (await inject('GET', `/api/v1/requests/${r.json().id}`, await as('clerkA'))).json();
    expect(seen.history).toMatchObject([{ actorLabel: 'نماینده شرکت', actorName: 'زهرا محمدی', onBehalfOfName: 'شرکت نمونه' }]);
  });

  it('is revealed only to desk staff of the agency: another agency 404 like a missing request, a citizen 403, nobody 401', async () => {
    const citizen = await signInCitizen(t);
    const id = (await submit(citizen)).json().id as string;
    const other = await as('clerkB');
    const mine = await reveal(id, other);
    const missing = await reveal(randomUUID(), other);
    expect([mine.statusCode, mine.json().error.code]).toEqual([404, 'REQUEST_NOT_FOUND']);
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'REQUEST_NOT_FOUND']);
    // An administrator of the same agency without a desk role does not work requests either.
    expect((await reveal(id, await as('adminA'))).statusCode).toBe(404);
    expect((await reveal(id, citizen)).statusCode).toBe(403);
    expect((await reveal(id, null)).statusCode).toBe(401);
    // A malformed id, a NUL character: refused at the edge, nothing audited.
    expect((await reveal('not-a-uuid\u0000', await as('clerkA'))).statusCode).toBe(400);
    expect(await reveals(id)).toEqual([]);
  });

  it('writes one audit entry per reveal: 16 at once are 16 entries, and the chain still verifies', async () => {
    const citizen = await signInCitizen(t);
    const id = (await submit(citizen)).json().id as string;
    const clerk = await as('clerkA');
    const answers = await Promise.all(Array.from({ length: 16 }, () => reveal(id, clerk)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(16).fill(200));
    expect(answers.every((a) => a.json().nationalCode === citizen.nationalCode)).toBe(true);
    expect(await reveals(id)).toHaveLength(16);
    expect((await t.app.inject({ url: '/api/v1/operations/audit/verify', headers: t.admin })).json()).toMatchObject({ ok: true });
  });
});

describe('the timeline names the people who acted', () => {
  it('staff see names (a delegate on behalf of the principal); the applicant sees roles for staff', async () => {
    const citizen = await namedCitizen('نرگس احمدی');
    const id = (await submit(citizen)).json().id as string;
    const clerk = await as('clerkA');
    expect((await inject('POST', `/api/v1/requests/${id}/take`, clerk, {})).statusCode).toBe(200);
    // The manager is away: the delegate decides on the manager's behalf.
    const [from, to] = [t.clock.now(), new Date(t.clock.now().getTime() + 86_400_000)].map((d) => d.toISOString());
    await rows(t.ctx.database.db, sql`
      INSERT INTO delegations (principal_id, delegate_id, starts_at, ends_at, reason, created_by, created_at)
      VALUES (${staff.managerA!.id}, ${staff.delegateA!.id}, ${from}::timestamptz, ${to}::timestamptz, 'مرخصی', ${staff.managerA!.id}, ${from}::timestamptz)`);
    const delegate = await as('delegateA');
    expect((await inject('POST', '/api/v1/auth/act-for', delegate, { id: staff.managerA!.id })).statusCode).toBe(200);
    expect((await inject('POST', `/api/v1/requests/${id}/decide`, delegate, { decision: 'approve' })).statusCode).toBe(200);

    const forStaff = (await inject('GET', `/api/v1/requests/${id}`, clerk)).json();
    expect(forStaff.history).toMatchObject([
      { action: 'submitted', actorLabel: 'متقاضی', actorName: 'نرگس احمدی', onBehalfOfName: null },
      { action: 'taken', actorLabel: 'کارمند پیشخوان دستگاه', actorName: 'مریم کارمند', onBehalfOfName: null },
      { action: 'approved', actorLabel: 'مدیر واحد دستگاه', actorName: 'سارا جانشین', onBehalfOfName: 'رضا مدیر' },
      { action: 'answer_issued', actorName: 'سارا جانشین', onBehalfOfName: 'رضا مدیر' },
    ]);
    const forApplicant = await inject('GET', `/api/v1/requests/${id}`, citizen);
    expect(forApplicant.json().history.map((h: { actorName: unknown; onBehalfOfName: unknown }) => [h.actorName, h.onBehalfOfName])).toEqual([
      [null, null],
      [null, null],
      [null, null],
      [null, null],
    ]);
    for (const name of ['مریم کارمند', 'سارا جانشین', 'رضا مدیر']) expect(forApplicant.body).not.toContain(name);
  });
});

describe('the receipt by SMS', () => {
  const texts = (mobile: string) =>
    rows<{ body: string }>(t.ctx.database.db, sql`SELECT body FROM notifications WHERE recipient = ${mobile} AND channel = 'sms' AND template_id LIKE 'requests.%' ORDER BY seq`);

  it('is queued in the submission transaction with the tracking code in Persian digits and the Jalali answer date', async () => {
    t.clock.set('2024-03-27T06:30:00.000Z'); // Wednesday 1403/01/08: 5 working days → 1403/01/19
    const citizen = await signInCitizen(t);
    const r = (await submit(citizen)).json();
    const [sms, ...more] = await texts(citizen.mobile);
    expect(more).toEqual([]);
    const persian = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    expect(sms!.body).toContain(persian(r.trackingCode));
    expect(sms!.body).toContain('۱۹ فروردین ۱۴۰۳');
    expect(sms!.body).toContain('«درخواست گواهی آزمایشی»');
    expect(sms!.body).not.toMatch(/[0-9]/);
  });

  it('is queued once per request, however often the same submission is retried (in turn or at once)', async () => {
    const citizen = await signInCitizen(t);
    const key = { 'idempotency-key': `submit-${randomUUID()}` };
    const first = await submit(citizen, serviceId, key);
    const again = await submit(citizen, serviceId, key);
    expect(again.json().id).toBe(first.json().id);
    expect(await texts(citizen.mobile)).toHaveLength(1);

    const other = await signInCitizen(t);
    const key2 = { 'idempotency-key': `submit-${randomUUID()}` };
    const burst = await Promise.all(Array.from({ length: 16 }, () => submit(other, serviceId, key2)));
    expect(new Set(burst.filter((b) => b.statusCode === 201).map((b) => b.json<{ id: string }>().id)).size).toBe(1);
    expect(await texts(other.mobile)).toHaveLength(1);
    const [n] = await rows<{ n: number }>(t.ctx.database.db, sql`SELECT count(*)::int AS n FROM service_requests WHERE applicant_id = ${other.id}`);
    expect(n!.n).toBe(1);
  });

  it('is not sent for a refused submission', async () => {
    const citizen = await signInCitizen(t);
    const bad = await inject('POST', '/api/v1/requests', citizen, { serviceId, form: { reason: 'x' } });
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(bad.statusCode).toBe(400);
    expect(await texts(citizen.mobile)).toEqual([]);
  });
});
