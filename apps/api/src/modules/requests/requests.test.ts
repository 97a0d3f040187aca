import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, deliveredCode, randomLegalId, randomMobile, randomNationalCode, registerMobile, signInStaff, type Session } from '../../../test/factories';
import { rows } from '../../platform/db';
import { createService, type NewService } from '../services';
import { isValidTrackingCode } from './tracking-code.model';
import { sealAuditNow } from '../../../test/audit';

let t: TestApp;
let agencyA: { id: string };
let agencyB: { id: string };
let serviceId: string;
let g2bServiceId: string;
let hiddenServiceId: string;
const staff: Record<string, { id: string; username: string }> = {};

/** A certificate request: a reason from a list, a count, a certificate number and notes. */
const FORM = {
  type: 'object',
  required: ['reason', 'count', 'certificateNumber'],
  properties: {
    reason: { type: 'string', title: 'علت درخواست', enum: ['ارائه به بانک', 'ارائه به سفارت', 'سایر'] },
    count: { type: 'integer', title: 'تعداد نسخه', minimum: 1, maximum: 5 },
    certificateNumber: { type: 'string', title: 'شماره گواهی', pattern: '^[0-9]{6,12}$' },
    notes: { type: 'string', title: 'توضیحات', maxLength: 20 },
  },
  additionalProperties: false,
};
const GOOD = { reason: 'ارائه به بانک', count: 2, certificateNumber: '1234567' };

const service = (agencyId: string, o: Partial<NewService> = {}): NewService => ({
  agencyId,
  titleFa: 'درخواست گواهی آزمایشی',
  titleEn: 'Test certificate',
  descriptionFa: 'خدمت آزمایشی',
  recipients: 'G2C',
  normDays: 5,
  formSchema: FORM,
  published: true,
  ...o,
});

beforeAll(async () => {
  t = await buildTestApp();
  agencyA = await buildAgency(t, { nameFa: 'اداره کل الف' });
  agencyB = await buildAgency(t, { nameFa: 'اداره کل ب' });
  const db = t.ctx.database.db;
  serviceId = await createService(db, service(agencyA.id), t.clock.now());
  g2bServiceId = await createService(db, service(agencyA.id, { titleFa: 'خدمت شرکت‌ها', recipients: 'G2B', normDays: 10 }), t.clock.now());
  hiddenServiceId = await createService(db, service(agencyA.id, { published: false }), t.clock.now());
  staff.clerkA = await buildStaff(t, agencyA.id, ['desk_clerk'], { displayName: 'کارمند نام‌دار الف' });
  staff.expertA = await buildStaff(t, agencyA.id, ['expert'], { displayName: 'کارشناس نام‌دار الف' });
  staff.managerA = await buildStaff(t, agencyA.id, ['unit_manager']);
  staff.secretariatA = await buildStaff(t, agencyA.id, ['secretariat']);
  staff.clerkB = await buildStaff(t, agencyB.id, ['desk_clerk']);
});
afterAll(() => t.close());

/**
 * A citizen signed in by one-time code, each from an address of their own: this file signs in
 * more citizens than the per-address sign-in limit allows in a minute.
 */
let address = 0;
async function signInCitizen(_t: TestApp): Promise<Session & { nationalCode: string; mobile: string; id: string }> {
  const [nationalCode, mobile, remoteAddress] = [randomNationalCode(), randomMobile(), `10.0.0.${++address}`];
  await registerMobile(t, nationalCode, mobile);
  const otp = await t.app.inject({ method: 'POST', url: '/api/v1/auth/citizen/otp', remoteAddress, payload: { nationalCode, mobile } });
  const code = await deliveredCode(t, mobile);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/citizen/verify', remoteAddress, payload: { challengeId: otp.json().challengeId, code } });
  const cookie = String([res.headers['set-cookie']].flat().find((c) => String(c).startsWith('dargah_session='))).split(';')[0]!;
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf }, nationalCode, mobile, id: res.json().id };
}

/** A staff session, signed in again once the test clock has moved past its idle timeout. */
const sessions = new Map<string, { s: Session; at: number }>();
async function as(name: string): Promise<Session> {
  const now = t.clock.now().getTime();
  const cached = sessions.get(name);
  if (cached && now >= cached.at && now - cached.at < 20 * 60_000) return cached.s;
  const s = await signInStaff(t, staff[name]!.username);
  sessions.set(name, { s, at: now });
  return s;
}
const inject = (method: 'GET' | 'POST' | 'PUT', url: string, s?: Session | null, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: { ...(s ? s.headers : {}), ...headers }, ...(payload ? { payload } : {}) });
const submit = (s: Session, form: object = GOOD, headers: Record<string, string> = {}, id = serviceId) => inject('POST', '/api/v1/requests', s, { serviceId: id, form }, headers);

describe('the first journey, end to end', () => {
  it('a citizen submits, a clerk of the agency takes and approves, the citizen sees the decision', async () => {
    // Wednesday 1403/01/08, 10:00 in Tehran.
    t.clock.set('2024-03-27T06:30:00.000Z');
    const citizen = await signInCitizen(t);

    const catalogue = await inject('GET', `/api/v1/services?agencyId=${agencyA.id}`, citizen);
    expect(catalogue.json().items.map((s: { id: string }) => s.id)).toContain(serviceId);

    // Persian digits in a code, Arabic yeh in the text (a number is a JSON number: ADR 0010).
    const res = await submit(citizen, { reason: 'ارائه به بانک', count: 2, certificateNumber: '۱۲۳۴۵۶۷', notes: 'با سپاس ي' });
    expect(res.statusCode).toBe(201);
    const receipt = res.json();
    expect(isValidTrackingCode(receipt.trackingCode)).toBe(true);
    expect(receipt).toMatchObject({
      serviceId,
      serviceTitle: 'درخواست گواهی آزمایشی',
      agencyId: agencyA.id,
      agencyName: 'اداره کل الف',
      status: 'submitted',
      form: { reason: 'ارائه به بانک', count: 2, certificateNumber: '1234567', notes: 'با سپاس ی' },
      submittedAt: '2024-03-27T06:30:00.000Z',
      // 5 working days from Wed 1403/01/08 (Thursdays, Fridays and 1/12, 1/13 off): Sun 1403/01/19 (iran.md §3).
      dueDateJalali: '1403/01/19',
      dueAt: '2024-04-07T20:30:00.000Z',
      decisionNote: null,
      history: [{ action: 'submitted', at: '2024-03-27T06:30:00.000Z', actorLabel: 'شما', note: null }],
      actions: [],
    });
    const url = `/api/v1/requests/${receipt.id}`;

    // Nobody signed in: 401. Another citizen, a clerk of another agency, a non-desk role: 404.
    expect((await inject('GET', url)).statusCode).toBe(401);
    const other = await signInCitizen(t);
    for (const s of [other, await as('clerkB'), await as('secretariatA')]) {
      const r = await inject('GET', url, s);
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('REQUEST_NOT_FOUND');
    }
    expect((await inject('GET', `/api/v1/requests/track/${receipt.trackingCode}`, other)).statusCode).toBe(404);
    expect((await inject('GET', '/api/v1/requests/mine', other)).json().items).toEqual([]);
    expect((await inject('GET', '/api/v1/cartable', await as('clerkB'))).json().items).toEqual([]);
    expect((await inject('POST', `${url}/take`, await as('clerkB'), {})).statusCode).toBe(404);

    // The clerk of agency A finds it in the cartable.
    const clerk = await as('clerkA');
    const cartable = (await inject('GET', '/api/v1/cartable', clerk)).json();
    expect(cartable.items).toEqual([
      {
        id: receipt.id,
        trackingCode: receipt.trackingCode,
        serviceTitle: 'درخواست گواهی آزمایشی',
        // No name in the profile yet: the national code, masked (the full one only through the audited reveal).
        applicantName: `${citizen.nationalCode.slice(0, 3)}****${citizen.nationalCode.slice(-3)}`,
        status: 'submitted',
        statusLabel: 'ثبت‌شده',
        submittedAt: receipt.submittedAt,
        dueAt: receipt.dueAt,
        overdue: false,
        agencyId: agencyA.id,
        dueDateJalali: '1403/01/19',
        version: 1,
        // The cartable's work item: nobody holds it yet (cartable.test.ts covers the rest).
        serviceId: receipt.serviceId,
        sla: 'on_time',
        claim: null,
        claimVersion: 0,
        actions: ['claim', 'note'],
      },
    ]);
    const seen = (await inject('GET', url, clerk)).json();
    expect(seen).toMatchObject({ status: 'submitted', actions: ['take', 'approve', 'reject'], history: [{ actorLabel: 'متقاضی' }] });

    t.clock.advance(600_000);
    const taken = await inject('POST', `${url}/take`, clerk, {});
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({ status: 'in_review', version: 2, actions: ['approve', 'reject', 'request_information'] });

    t.clock.advance(600_000);
    const decided = await inject('POST', `${url}/decide`, clerk, { decision: 'approve', note: 'گواهی صادر شد.' });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'approved', decisionNote: 'گواهی صادر شد.', actions: [] });
    expect((await inject('GET', '/api/v1/cartable', clerk)).json().items).toEqual([]);
    expect((await inject('GET', '/api/v1/cartable?status=approved', clerk)).json().items).toMatchObject([{ id: receipt.id, status: 'approved', overdue: false }]);

    // The citizen sees the new status and the history, with roles but no staff personal data.
    const mine = await inject('GET', url, citizen);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      status: 'approved',
      decisionNote: 'گواهی صادر شد.',
      history: [
        { action: 'submitted', actorLabel: 'شما', note: null, at: '2024-03-27T06:30:00.000Z' },
        { action: 'taken', actorLabel: 'کارمند پیشخوان دستگاه', note: null, at: '2024-03-27T06:40:00.000Z' },
        { action: 'approved', actorLabel: 'کارمند پیشخوان دستگاه', note: 'گواهی صادر شد.', at: '2024-03-27T06:50:00.000Z' },
        // The decision issued its signed answer (ADR 0038), in the same transaction.
        { action: 'answer_issued', actorLabel: 'کارمند پیشخوان دستگاه', note: null, at: '2024-03-27T06:50:00.000Z' },
      ],
    });
    for (const secret of ['کارمند نام‌دار الف', staff.clerkA!.username, staff.clerkA!.id]) expect(mine.body).not.toContain(secret);
    const english = (await inject('GET', url, citizen, undefined, { 'accept-language': 'en' })).json();
    expect(english.history.map((h: { actorLabel: string }) => h.actorLabel)).toEqual(['You', 'Agency desk clerk', 'Agency desk clerk', 'Agency desk clerk']);

    // By tracking code, typed in Persian digits; and in the citizen's list.
    const persianCode = receipt.trackingCode.replace(/\d/g, (d: string) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    const tracked = await inject('GET', `/api/v1/requests/track/${encodeURIComponent(persianCode)}`, citizen);
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json().id).toBe(receipt.id);
    expect((await inject('GET', '/api/v1/requests/mine', citizen)).json()).toMatchObject({ items: [{ id: receipt.id, status: 'approved' }], nextCursor: null });

    // The receipt and the decision went to the applicant by SMS (through the job queue) and into
    // their in-app inbox, each with the request as its reference.
    const messages = sql`SELECT template_id AS "template", channel, recipient, body, status, reference FROM notifications
                          WHERE reference = ${receipt.id} ORDER BY seq`;
    type Message = { template: string; channel: string; recipient: string; body: string; status: string; reference: string };
    const sent = await rows<Message>(t.ctx.database.db, messages);
    expect(sent.map((m) => [m.template, m.channel, m.recipient])).toEqual([
      ['requests.received', 'in_app', citizen.id],
      ['requests.received', 'sms', citizen.mobile],
      ['requests.approved', 'in_app', citizen.id],
      ['requests.approved', 'sms', citizen.mobile],
    ]);
    // In-app messages arrive at once; the decision's SMS waits for its delivery job.
    expect(sent.map((m) => m.status)).toEqual(['delivered', expect.stringMatching(/^(created|delivered)$/), 'delivered', 'created']);
    expect(sent[1]!.body).toContain('ثبت شد');
    expect(sent[3]!.body).toContain('تأیید شد');
    for (const m of sent) expect(m.body).not.toMatch(/[0-9]/); // the tracking code and the date in Persian digits
    await t.ctx.runner!.runDue();
    const after = await rows<Message>(t.ctx.database.db, messages);
    expect(after.filter((m) => m.channel === 'sms').map((m) => m.status)).toEqual(['delivered', 'delivered']);

    // Every change is in the event stream and the audit chain, which still verifies.
await sealAuditNow(t.ctx.database);
    const audits = await rows<{ action: string }>(t.ctx.database.db, sql`SELECT action FROM audit_entries WHERE object_id = ${receipt.id} ORDER BY id`);
    expect(audits.map((a) => a.action)).toEqual(['service_request.submit', 'service_request.take', 'service_request.approve', 'service_request.answer']);
    const verify = await t.app.inject({ url: '/api/v1/operations/audit/verify', headers: t.admin });
    expect(verify.json()).toMatchObject({ ok: true });
  });

  it('refuses the journey to the wrong people', async () => {
    expect((await inject('POST', '/api/v1/requests', null, { serviceId, form: GOOD })).statusCode).toBe(401);
    expect((await inject('GET', '/api/v1/requests/mine')).statusCode).toBe(401);
    expect((await inject('GET', '/api/v1/cartable')).statusCode).toBe(401);
    const clerk = await as('clerkA');
    expect((await submit(clerk)).json().error.code).toBe('FORBIDDEN');
    expect((await inject('GET', '/api/v1/requests/mine', clerk)).statusCode).toBe(403);
    const citizen = await signInCitizen(t);
    expect((await inject('GET', '/api/v1/cartable', citizen)).statusCode).toBe(403);
    expect((await inject('GET', '/api/v1/cartable', await as('secretariatA'))).statusCode).toBe(403);
    const hidden = await submit(citizen, GOOD, {}, hiddenServiceId);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('SERVICE_NOT_FOUND');
    const bad = await inject('GET', '/api/v1/requests/track/1234567890', citizen);
    expect(bad.statusCode).toBe(isValidTrackingCode('1234567890') ? 404 : 400);
  });
});

describe('submitting', () => {
  it('is idempotent: the same key returns the first receipt, another body with it is refused', async () => {
    const citizen = await signInCitizen(t);
    const key = { 'idempotency-key': 'submit-key-0001' };
    const first = await submit(citizen, GOOD, key);
    const again = await submit(citizen, GOOD, key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const [n] = await rows<{ n: number }>(t.ctx.database.db, sql`SELECT count(*)::int AS n FROM service_requests WHERE applicant_id = ${citizen.id}`);
    expect(n!.n).toBe(1);
    const other = await submit(citizen, { ...GOOD, count: 3 }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // The key is per citizen: another citizen may use the same one.
    expect((await submit(await signInCitizen(t), GOOD, key)).statusCode).toBe(201);
  });

  it('names every problem of the form by field, in Persian', async () => {
    const citizen = await signInCitizen(t);
    const res = await submit(citizen, { reason: 'چیز دیگر', count: 'سه', certificateNumber: '۱۲', notes: 'ا'.repeat(21), extra: 1 });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('برخی از مقادیر ارسال‌شده معتبر نیست.');
    expect(error.details.fields).toEqual(
      expect.arrayContaining([
        { field: 'body.form.reason', code: 'invalid_value', message: 'یکی از گزینه‌های فهرست را انتخاب کنید.' },
        { field: 'body.form.count', code: 'invalid_type', message: 'یک عدد صحیح وارد کنید.' },
        { field: 'body.form.certificateNumber', code: 'invalid_format', message: 'قالب مقدار درست نیست.' },
        { field: 'body.form.notes', code: 'too_big', message: 'حداکثر ۲۰ نویسه مجاز است.' },
        { field: 'body.form.extra', code: 'unrecognized_keys', message: 'این فیلد در فرم این خدمت وجود ندارد.' },
      ]),
    );
    expect(error.details.fields).toHaveLength(5);
    const missing = (await submit(citizen, { reason: 'سایر', count: 9, certificateNumber: '   ' })).json().error.details.fields;
    expect(missing).toEqual([
      { field: 'body.form.certificateNumber', code: 'REQUIRED', message: 'این فیلد الزامی است.' },
      { field: 'body.form.count', code: 'too_big', message: 'مقدار باید حداکثر ۵ باشد.' },
    ].sort((a, b) => (a.code === 'REQUIRED' ? -1 : b.code === 'REQUIRED' ? 1 : 0)));
    const english = await submit(citizen, { reason: 'سایر', count: 1 }, { 'accept-language': 'en' });
    expect(english.json().error.details.fields).toEqual([{ field: 'body.form.certificateNumber', code: 'REQUIRED', message: 'This field is required.' }]);
    const [n] = await rows<{ n: number }>(t.ctx.database.db, sql`SELECT count(*)::int AS n FROM service_requests WHERE applicant_id = ${citizen.id}`);
    expect(n!.n).toBe(0);
  });

  it('counts the norm in working days: weekends and the Nowruz holidays do not count', async () => {
    // Tuesday 1403/12/28 at 13:00 Tehran; then 12/29 and 12/30 (leap year), 1404/01/01–04 are
    // holidays and Thursday–Friday are off: the norm's 5 working days are 1404/01/05, 06, 09, 10 and 11.
    t.clock.set('2025-03-18T09:30:00.000Z');
    const citizen = await signInCitizen(t);
    const r = (await submit(citizen)).json();
    expect(r.dueDateJalali).toBe('1404/01/11');
    expect(r.dueAt).toBe('2025-03-31T20:30:00.000Z');
  });

  it("counts in the agency's calendar: the lunar holidays of the published table do not count", async () => {
    // Monday 1403/01/20, 10:00 Tehran, before and after the central organisation publishes Eid
    // al-Fitr (1403/01/22–23): Tue 01/27 without it, Tue 01/28 with it (iran.md §3's vector).
    t.clock.set('2024-04-08T06:30:00.000Z');
    const before = (await submit(await signInCitizen(t))).json();
    expect(before.dueDateJalali).toBe('1403/01/27');
    const central = await signInStaff(t, (await buildStaff(t, agencyB.id, ['central_reviewer'])).username);
    const eid = [
      { date: '1403/01/22', titleFa: 'عید سعید فطر', kind: 'lunar' },
      { date: '1403/01/23', titleFa: 'تعطیل به مناسبت عید سعید فطر', kind: 'lunar' },
    ];
    expect((await inject('PUT', '/api/v1/calendar/holidays/1403', central, { version: 0, holidays: eid })).statusCode).toBe(200);
    const after = (await submit(await signInCitizen(t))).json();
    expect(after.dueDateJalali).toBe('1403/01/28');
    expect(after.dueAt).toBe('2024-04-16T20:30:00.000Z');
  });

  it('takes G2B requests only from a representative acting for the company, and lists them for the company', async () => {
    const citizen = await signInCitizen(t);
    const asSelf = await submit(citizen, GOOD, {}, g2bServiceId);
    expect(asSelf.statusCode).toBe(403);
    expect(asSelf.json().error).toMatchObject({ code: 'SERVICE_NOT_FOR_APPLICANT', details: { recipients: 'G2B' } });
    const [company] = await rows<{ id: string }>(t.ctx.database.db, sql`
      INSERT INTO citizens (kind, legal_id, name, created_at, updated_at) VALUES ('company', ${randomLegalId()}, 'شرکت آزمایشی', now(), now()) RETURNING id`);
    const companyId = company!.id;
    await rows(t.ctx.database.db, sql`INSERT INTO company_representatives (company_id, person_id, title, created_at) VALUES (${companyId}, ${citizen.id}, 'مدیرعامل', now())`);
    const personal = (await submit(citizen)).json();
    expect((await inject('POST', '/api/v1/auth/act-for', citizen, { id: companyId })).statusCode).toBe(200);
    const forCompany = await submit(citizen, GOOD, {}, g2bServiceId);
    expect(forCompany.statusCode).toBe(201);
    expect((await submit(citizen)).json().error.code).toBe('SERVICE_NOT_FOR_APPLICANT');
    const mine = (await inject('GET', '/api/v1/requests/mine', citizen)).json().items.map((r: { id: string }) => r.id);
    expect(mine).toEqual([forCompany.json().id]);
    const cartable = (await inject('GET', '/api/v1/cartable', await as('clerkA'))).json().items;
    expect(cartable.find((i: { id: string }) => i.id === forCompany.json().id).applicantName).toBe(`شرکت آزمایشی — ${citizen.nationalCode.slice(0, 3)}****${citizen.nationalCode.slice(-3)}`);
    await inject('POST', '/api/v1/auth/act-for', citizen, { id: null });
    expect((await inject('GET', '/api/v1/requests/mine', citizen)).json().items.map((r: { id: string }) => r.id)).toEqual([personal.id]);
  });
});

describe('the cartable and deciding', () => {
  it('pages oldest first and flags overdue requests from the day after the due date', async () => {
    const agency = await buildAgency(t);
    const sid = await createService(t.ctx.database.db, service(agency.id, { normDays: 1 }), t.clock.now());
    const expert = await buildStaff(t, agency.id, ['expert']);
    t.clock.set('2024-05-04T06:30:00.000Z'); // Saturday 1403/02/15: due Sunday 1403/02/16
    let clerk = await signInStaff(t, expert.username);
    const citizen = await signInCitizen(t);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await submit(citizen, GOOD, {}, sid)).json().id);
      t.clock.advance(60_000);
    }
    const p1 = (await inject('GET', '/api/v1/cartable?limit=2', clerk)).json();
    expect(p1.items.map((i: { id: string }) => i.id)).toEqual(ids.slice(0, 2));
    const p2 = (await inject('GET', `/api/v1/cartable?limit=2&cursor=${p1.nextCursor}`, clerk)).json();
    expect(p2).toMatchObject({ items: [{ id: ids[2] }], nextCursor: null });
    expect(p1.items[0]).toMatchObject({ dueDateJalali: '1403/02/16', overdue: false });

    t.clock.set('2024-05-05T20:29:59.999Z'); // the last instant of 1403/02/16 in Tehran
    clerk = await signInStaff(t, expert.username);
    expect((await inject('GET', '/api/v1/cartable', clerk)).json().items.every((i: { overdue: boolean }) => !i.overdue)).toBe(true);
    await inject('POST', `/api/v1/requests/${ids[0]}/decide`, clerk, { decision: 'reject', note: 'مدارک ناقص است.' });
    t.clock.set('2024-05-05T20:30:00.000Z');
    const late = (await inject('GET', '/api/v1/cartable', clerk)).json().items;
    expect(late.map((i: { id: string; overdue: boolean }) => [i.id, i.overdue])).toEqual([
      [ids[1], true],
      [ids[2], true],
    ]);
    expect((await inject('GET', '/api/v1/cartable?status=rejected', clerk)).json().items).toMatchObject([{ id: ids[0], overdue: false }]);
    const all = (await inject('GET', '/api/v1/cartable?status=all', clerk)).json().items;
    expect(all.map((i: { id: string }) => i.id)).toEqual(ids);
    expect((await inject('GET', '/api/v1/cartable?status=open', clerk)).json().items).toHaveLength(2);
    // Statuses are the workflow definitions' state ids (ADR 0034): one nobody is in lists nothing; a malformed one is refused.
    expect((await inject('GET', '/api/v1/cartable?status=shelved', clerk)).json().items).toEqual([]);
    expect((await inject('GET', '/api/v1/cartable?status=Closed!', clerk)).statusCode).toBe(400);
    const rejected = (await inject('GET', `/api/v1/requests/${ids[0]}`, clerk)).json();
    expect(rejected).toMatchObject({ status: 'rejected', decisionNote: 'مدارک ناقص است.', history: [{ action: 'submitted', actorLabel: 'متقاضی' }, { action: 'rejected', actorLabel: 'کارشناس دستگاه', note: 'مدارک ناقص است.' }, { action: 'answer_issued', actorLabel: 'کارشناس دستگاه' }] });
  });

  it('lets one of two clerks deciding at once win; the other gets 409', async () => {
    const citizen = await signInCitizen(t);
    const [clerk, expert] = [await as('clerkA'), await as('expertA')];
    // With the version they both read: the loser always gets CONFLICT.
    const a = (await submit(citizen)).json();
    const withVersion = await Promise.all([
      inject('POST', `/api/v1/requests/${a.id}/decide`, clerk, { decision: 'approve', version: a.version }),
      inject('POST', `/api/v1/requests/${a.id}/decide`, expert, { decision: 'reject', note: 'مدارک ناقص است.', version: a.version }),
    ]);
    expect(withVersion.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const lost = withVersion.find((r) => r.statusCode === 409)!.json().error;
    expect(lost).toMatchObject({ code: 'CONFLICT', message: 'این مورد هم‌زمان تغییر کرده است؛ دوباره بارگذاری کنید.' });
    // Without a version: the row's version guards the update, or the workflow refuses a decided request.
    const b = (await submit(citizen)).json();
    const without = await Promise.all([
      inject('POST', `/api/v1/requests/${b.id}/decide`, clerk, { decision: 'approve' }),
      inject('POST', `/api/v1/requests/${b.id}/decide`, expert, { decision: 'reject', note: 'مدارک ناقص است.' }),
    ]);
    expect(without.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(['CONFLICT', 'REQUEST_ACTION_NOT_ALLOWED']).toContain(without.find((r) => r.statusCode === 409)!.json().error.code);
    const events = await rows<{ n: number }>(t.ctx.database.db, sql`SELECT count(*)::int AS n FROM events WHERE stream_type = 'service_request' AND stream_id IN (${a.id}, ${b.id})`);
    expect(events[0]!.n).toBe(6); // two submits, one decision each with its signed answer
  });

  it('follows the workflow table: what it does not allow is 409, a role it does not name is 403', async () => {
    const citizen = await signInCitizen(t);
    const r = (await submit(citizen)).json();
    const url = `/api/v1/requests/${r.id}`;
    const manager = await as('managerA');
    const take = await inject('POST', `${url}/take`, manager, {});
    expect(take.statusCode).toBe(403);
    const stale = await inject('POST', `${url}/take`, await as('expertA'), { version: 7 });
    expect(stale.json().error).toMatchObject({ code: 'CONFLICT', details: { version: 1 } });
    expect((await inject('POST', `${url}/decide`, manager, { decision: 'approve' })).statusCode).toBe(200);
    for (const [path, body] of [['take', {}], ['decide', { decision: 'reject', note: 'مدارک ناقص است.' }]] as const) {
      const res = await inject('POST', `${url}/${path}`, await as('clerkA'), body, { 'accept-language': 'en' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'REQUEST_ACTION_NOT_ALLOWED',
        message: 'This action is not possible in the request’s current status; reload the page.',
        details: { status: 'approved' },
      });
    }
    const fa = await inject('POST', `${url}/decide`, await as('clerkA'), { decision: 'approve' });
    expect(fa.json().error.message).toBe('این اقدام در وضعیت کنونی درخواست ممکن نیست؛ صفحه را دوباره بارگذاری کنید.');
    expect((await inject('POST', `${url}/decide`, await as('clerkA'), { decision: 'maybe' })).statusCode).toBe(400);
    expect((await inject('POST', `${url}/decide`, citizen, { decision: 'approve' })).statusCode).toBe(403);
  });

  it('replays a decision sent twice with the same Idempotency-Key', async () => {
    const r = (await submit(await signInCitizen(t))).json();
    const clerk = await as('clerkA');
    const key = { 'idempotency-key': `decide-${r.id}` };
    const first = await inject('POST', `/api/v1/requests/${r.id}/decide`, clerk, { decision: 'approve' }, key);
    const again = await inject('POST', `/api/v1/requests/${r.id}/decide`, clerk, { decision: 'approve' }, key);
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
  });
});
