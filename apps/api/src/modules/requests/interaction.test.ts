import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { sealAuditNow } from '../../../test/audit';
import { buildDeskService, submitDeskRequest } from '../../../test/desk';
import { buildAgency, buildStaff, randomLegalId, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import { rows } from '../../platform/db';

/*
 * Interaction during the work (issue 11 item 6): staff ask for a correction, the SLA clock pauses,
 * the applicant replies and the answer date moves by the working days paused; the thread with files.
 * Dates: Saturday 1403/01/25 (2024-04-13) in Tehran, a five-working-day norm (Saturday–Wednesday).
 */

let t: TestApp;
let agencyA: string;
let serviceA: string;
const usernames: Record<string, string> = {};
const as = (name: string) => signInStaff(t, usernames[name]!);
const inject = (method: 'GET' | 'POST', url: string, s: Session, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: { ...s.headers, ...headers }, ...(payload ? { payload } : {}) });
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const upload = (s: Session, id: string, bytes: Buffer, type = 'application/pdf', name = 'اجاره‌نامه.pdf') =>
  t.app.inject({ method: 'POST', url: `/api/v1/requests/${id}/attachments?name=${encodeURIComponent(name)}`, headers: { ...s.headers, 'content-type': type }, payload: bytes });
const ask = (s: Session, id: string, body: object) => inject('POST', `/api/v1/requests/${id}/corrections`, s, body);
const reply = (s: Session, id: string, body: object) => inject('POST', `/api/v1/requests/${id}/corrections/reply`, s, body);
const code = (res: { statusCode: number; json: () => { error?: { code: string } } }) => [res.statusCode, res.json().error?.code];

/** A citizen's request taken into review by clerkA. */
async function inReview() {
  const citizen = await signInCitizen(t);
  const r = await submitDeskRequest(t, citizen, serviceA);
  const taken = await inject('POST', `/api/v1/requests/${r.id}/take`, await as('clerkA'), {});
  expect(taken.statusCode).toBe(200);
  return { citizen, r, version: taken.json().version as number };
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set('2024-04-13T06:30:00.000Z');
  agencyA = (await buildAgency(t, { nameFa: 'اداره کل الف' })).id;
  const agencyB = (await buildAgency(t, { nameFa: 'اداره کل ب' })).id;
  serviceA = await buildDeskService(t, agencyA, 'گواهی الف');
  for (const [name, agency, roles] of [
    ['clerkA', agencyA, ['desk_clerk']],
    ['expertA', agencyA, ['expert']],
    ['adminA', agencyA, ['agency_admin']],
    ['clerkB', agencyB, ['desk_clerk']],
  ] as const) {
    usernames[name] = (await buildStaff(t, agency, [...roles] as Parameters<typeof buildStaff>[2], { displayName: 'مریم کارمند' })).username;
  }
});
afterAll(() => t.close());

describe('a correction pauses the SLA clock and the reply moves the answer date', () => {
  it('staff ask, the request waits for the applicant; the reply corrects the form, returns it to review and moves the due date by 3 working days', async () => {
    const { citizen: applicant, r, version } = await inReview();
    expect(r.dueDateJalali).toBe('1403/02/01'); // five working days after Saturday 1403/01/25
    const asked = await ask(await as('expertA'), r.id, { fields: ['reason'], documents: ['تصویر اجاره‌نامه'], message: 'علت را کامل بنویسید و اجاره‌نامه را پیوست کنید.', version });
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toMatchObject({ status: 'awaiting_applicant', actions: [] });

    // The applicant sees the fields to change with their current values, and who asked as a role.
    const list = await inject('GET', `/api/v1/requests/${r.id}/corrections`, applicant);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        fields: [{ name: 'reason', title: 'علت درخواست', current: 'ارائه به بانک' }],
        documents: ['تصویر اجاره‌نامه'],
        askedByLabel: 'کارشناس دستگاه',
        answeredAt: null,
        pausedWorkingDays: null,
      }),
    ]);
    expect(JSON.stringify(list.json())).not.toContain('مریم');

    // Tuesday 1403/01/28: Sunday, Monday and Tuesday were paused.
    t.clock.set('2024-04-16T07:00:00.000Z');
    const citizen = await signInCitizen(t, applicant.nationalCode, applicant.mobile); // the first session has expired
    const expert = await as('expertA');
    const file = await upload(citizen, r.id, PDF);
    expect(file.statusCode).toBe(201);
    expect(file.json()).toMatchObject({ mediaType: 'application/pdf', fileName: 'اجاره‌نامه.pdf' });
    const done = await reply(citizen, r.id, { form: { reason: 'ارائه به بانک ملی برای وام مسکن' }, attachmentIds: [file.json().id] });
    expect(done.statusCode).toBe(200);
    const view = done.json();
    expect(view).toMatchObject({ status: 'in_review', dueDateJalali: '1403/02/04', form: { reason: 'ارائه به بانک ملی برای وام مسکن' } });
    expect(view.history.map((h: { action: string }) => h.action)).toEqual(['submitted', 'taken', 'information_requested', 'applicant_replied']);
    expect(view.history[3].dueChange).toMatchObject({ fromJalali: '1403/02/01', toJalali: '1403/02/04', pausedWorkingDays: 3 });
    expect(view.history[2].note).toBe('علت را کامل بنویسید و اجاره‌نامه را پیوست کنید.');

    // The pause is on record for the reports.
    const [pause] = await rows<{ paused: number; answered: boolean }>(
      t.ctx.database.db,
      sql`SELECT paused_working_days AS paused, answered_at IS NOT NULL AS answered FROM request_corrections WHERE request_id = ${r.id}`,
    );
    expect(pause).toEqual({ paused: 3, answered: true });

    // The reply's message with the document is in the thread, for both sides.
    const thread = await inject('GET', `/api/v1/requests/${r.id}/messages`, expert);
    expect(thread.json().items).toEqual([expect.objectContaining({ side: 'applicant', authorLabel: 'متقاضی', attachments: [expect.objectContaining({ id: file.json().id })] })]);

    // Event and audit entry of each step; the applicant was told by SMS and in the inbox.
    await sealAuditNow(t.ctx.database);
    const audits = await rows<{ action: string }>(t.ctx.database.db, sql`SELECT action FROM audit_entries WHERE object_id = ${r.id} ORDER BY seq`);
    expect(audits.map((a) => a.action)).toEqual(['service_request.submit', 'service_request.take', 'service_request.request_information', 'service_request.reply']);
    const sent = await rows<{ template: string; channel: string }>(t.ctx.database.db, sql`SELECT template_id AS template, channel FROM notifications WHERE reference = ${r.id} ORDER BY seq`);
    expect(sent.filter((m) => m.template === 'requests.correction_requested').map((m) => m.channel).sort()).toEqual(['in_app', 'sms']);

    // A second reply is refused: nothing is awaited any more.
    expect(code(await reply(citizen, r.id, { form: { reason: 'دوباره' } }))).toEqual([409, 'REQUEST_NOT_AWAITING_APPLICANT']);
    t.clock.set('2024-04-13T06:30:00.000Z');
  });

  it('asked and answered the same day: the answer date stays', async () => {
    const { citizen, r } = await inReview();
    expect((await ask(await as('clerkA'), r.id, { fields: ['reason'], message: 'اصلاح کنید' })).statusCode).toBe(200);
    const done = await reply(citizen, r.id, { form: { reason: 'علت تازه' } });
    expect(done.json()).toMatchObject({ status: 'in_review', dueDateJalali: r.dueDateJalali });
    expect(done.json().history.at(-1).dueChange).toMatchObject({ pausedWorkingDays: 0 });
  });

  it('refuses unknown fields, an empty correction, a missing message, another agency, the wrong role, a stale version — changing nothing', async () => {
    const { citizen, r, version } = await inReview();
    const expert = await as('expertA');
    const unknown = await ask(expert, r.id, { fields: ['reason', 'salary', '__proto__'], message: 'اصلاح' });
    expect(code(unknown)).toEqual([400, 'CORRECTION_FIELDS_UNKNOWN']);
    expect(unknown.json().error.details.fields).toEqual(['salary', '__proto__']);
    expect(code(await ask(expert, r.id, { message: 'هیچ' }))).toEqual([400, 'CORRECTION_EMPTY']);
    expect(code(await ask(expert, r.id, { fields: ['reason'], message: '   ' }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(code(await ask(expert, r.id, { fields: ['reason'], message: 'a\u0000b' }))).toEqual([400, 'TEXT_NOT_ALLOWED']);
    expect(code(await ask(expert, r.id, { fields: ['reason'], message: 'ب'.repeat(2001) }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(code(await ask(await as('clerkB'), r.id, { fields: ['reason'], message: 'اصلاح' }))).toEqual([404, 'REQUEST_NOT_FOUND']);
    expect(code(await ask(await as('adminA'), r.id, { fields: ['reason'], message: 'اصلاح' }))).toEqual([404, 'REQUEST_NOT_FOUND']);
    expect(code(await ask(citizen, r.id, { fields: ['reason'], message: 'اصلاح' }))).toEqual([403, 'FORBIDDEN']);
    expect(code(await ask(expert, r.id, { fields: ['reason'], message: 'اصلاح', version: version - 1 }))).toEqual([409, 'CONFLICT']);
    // Replying when nothing is asked.
    expect(code(await reply(citizen, r.id, { form: { reason: 'x' } }))).toEqual([409, 'REQUEST_NOT_AWAITING_APPLICANT']);
    const after = await inject('GET', `/api/v1/requests/${r.id}`, citizen);
    expect(after.json()).toMatchObject({ status: 'in_review', version });
    const [n] = await rows<{ n: number }>(t.ctx.database.db, sql`SELECT count(*)::int AS n FROM request_corrections WHERE request_id = ${r.id}`);
    expect(n!.n).toBe(0);
  });

  it('a submitted request (not taken) cannot be sent back: the action belongs to review', async () => {
    const citizen = await signInCitizen(t);
    const r = await submitDeskRequest(t, citizen, serviceA);
    expect(code(await ask(await as('expertA'), r.id, { fields: ['reason'], message: 'اصلاح' }))).toEqual([409, 'REQUEST_ACTION_NOT_ALLOWED']);
  });

  it('the reply: only the applicant, only the asked fields, checked like a submission, documents when asked, a stale version refused', async () => {
    const { citizen, r } = await inReview();
    expect((await ask(await as('expertA'), r.id, { fields: ['reason'], documents: ['گواهی کار'], message: 'اصلاح' })).statusCode).toBe(200);
    const other = await signInCitizen(t);
    expect(code(await reply(other, r.id, { form: { reason: 'x' } }))).toEqual([404, 'REQUEST_NOT_FOUND']);
    expect(code(await reply(await as('clerkA'), r.id, { form: { reason: 'x' } }))).toEqual([403, 'FORBIDDEN']);
    expect(code(await reply(citizen, r.id, { form: { reason: 'x', extra: 1 }, attachmentIds: [] }))).toEqual([400, 'REPLY_FIELDS_NOT_ASKED']);
    expect(code(await reply(citizen, r.id, { form: { reason: 'x' } }))).toEqual([400, 'REPLY_DOCUMENTS_REQUIRED']);
    const file = (await upload(citizen, r.id, PDF)).json().id as string;
    const tooLong = await reply(citizen, r.id, { form: { reason: 'ب'.repeat(101) }, attachmentIds: [file] });
    expect(code(tooLong)).toEqual([400, 'VALIDATION_FAILED']);
    expect(tooLong.json().error.details.fields[0].field).toBe('body.form.reason');
    const cleared = await reply(citizen, r.id, { form: { reason: '' }, attachmentIds: [file] });
    expect(code(cleared)).toEqual([400, 'VALIDATION_FAILED']); // required, like at submission
    expect(code(await reply(citizen, r.id, { form: { reason: 'x' }, attachmentIds: [file], version: 1 }))).toEqual([409, 'CONFLICT']);
    // Someone else's upload cannot be the document.
    const clerkFile = (await upload(await as('clerkA'), r.id, PDF)).json().id as string;
    expect(code(await reply(citizen, r.id, { form: { reason: 'x' }, attachmentIds: [clerkFile] }))).toEqual([400, 'ATTACHMENT_UNUSABLE']);
    const still = await inject('GET', `/api/v1/requests/${r.id}`, citizen);
    expect(still.json()).toMatchObject({ status: 'awaiting_applicant', form: { reason: 'ارائه به بانک' } });
  });

  it('16 concurrent replies: exactly one wins, the answer date moves once', async () => {
    const { citizen: applicant, r } = await inReview();
    expect((await ask(await as('expertA'), r.id, { fields: ['reason'], message: 'اصلاح' })).statusCode).toBe(200);
    t.clock.set('2024-04-15T07:00:00.000Z'); // Monday: two working days paused
    const citizen = await signInCitizen(t, applicant.nationalCode, applicant.mobile);
    const all = await Promise.all(Array.from({ length: 16 }, (_, i) => reply(citizen, r.id, { form: { reason: `پاسخ ${i}` } })));
    expect(all.filter((x) => x.statusCode === 200)).toHaveLength(1);
    // The others are refused: after the winner commits (nothing awaited), or while it is in flight (PostgreSQL: the row changed).
    for (const x of all.filter((y) => y.statusCode !== 200)) expect([['409', 'REQUEST_NOT_AWAITING_APPLICANT'], ['409', 'CONFLICT']]).toContainEqual(code(x).map(String));
    const view = (await inject('GET', `/api/v1/requests/${r.id}`, citizen)).json();
    expect(view.dueDateJalali).toBe('1403/02/03');
    expect(view.history.filter((h: { action: string }) => h.action === 'applicant_replied')).toHaveLength(1);
    t.clock.set('2024-04-13T06:30:00.000Z');
  });

  it('a company’s request: another representative of the company replies', async () => {
    const [company] = await rows<{ id: string }>(t.ctx.database.db, sql`
      INSERT INTO citizens (kind, legal_id, name, created_at, updated_at) VALUES ('company', ${randomLegalId()}, 'شرکت آزمایشی', now(), now()) RETURNING id`);
    const reps = [await signInCitizen(t), await signInCitizen(t)];
    for (const rep of reps) {
      await rows(t.ctx.database.db, sql`INSERT INTO company_representatives (company_id, person_id, title, created_at) VALUES (${company!.id}, ${rep.id}, 'مدیرعامل', now())`);
      expect((await inject('POST', '/api/v1/auth/act-for', rep, { id: company!.id })).statusCode).toBe(200);
    }
    const { createService } = await import('../services');
    const service = await createService(
      t.ctx.database.db,
      { agencyId: agencyA, titleFa: 'خدمت شرکت‌ها', titleEn: 'B', descriptionFa: 'آزمایشی', recipients: 'G2B', normDays: 5, formSchema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string', title: 'علت' } } }, published: true },
      t.clock.now(),
    );
    const submitted = await inject('POST', '/api/v1/requests', reps[0]!, { serviceId: service, form: { reason: 'پروانه' } });
    expect(submitted.statusCode).toBe(201);
    const id = submitted.json().id as string;
    expect((await inject('POST', `/api/v1/requests/${id}/take`, await as('clerkA'), {})).statusCode).toBe(200);
    expect((await ask(await as('clerkA'), id, { fields: ['reason'], message: 'اصلاح' })).statusCode).toBe(200);
    const done = await reply(reps[1]!, id, { form: { reason: 'پروانه کسب' } });
    expect(done.statusCode).toBe(200);
    expect(done.json().history.at(-1).actorLabel).toBe('شما');
  });
});

describe('the thread', () => {
  it('both sides write; staff appear by role, the applicant is notified of each staff message; pages by cursor', async () => {
    const { citizen, r } = await inReview();
    const clerk = await as('clerkA');
    const first = await inject('POST', `/api/v1/requests/${r.id}/messages`, citizen, { body: 'سلام، پرونده من کی بررسی می‌شود؟' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ side: 'applicant', authorLabel: 'شما', mine: true, attachments: [] });
    const file = await upload(clerk, r.id, PDF, 'application/octet-stream', '../../etc/passwd');
    expect(file.json()).toMatchObject({ fileName: 'passwd', mediaType: 'application/pdf' });
    t.clock.advance?.(1000);
    const second = await inject('POST', `/api/v1/requests/${r.id}/messages`, clerk, { body: 'فرم را پیوست کردم.', attachmentIds: [file.json().id] });
    expect(second.statusCode).toBe(201);
    const page1 = await inject('GET', `/api/v1/requests/${r.id}/messages?limit=1`, citizen);
    expect(page1.json().items).toHaveLength(1);
    expect(page1.json().nextCursor).not.toBeNull();
    const page2 = await inject('GET', `/api/v1/requests/${r.id}/messages?limit=1&cursor=${page1.json().nextCursor}`, citizen);
    expect(page2.json().items).toEqual([expect.objectContaining({ side: 'agency', authorLabel: 'کارمند پیشخوان دستگاه', mine: false })]);
    expect(JSON.stringify(page2.json())).not.toContain('مریم');
    expect(page2.json().nextCursor).toBeNull();
    // The applicant downloads the staff file once it is on a message; its type is the detected one.
    const got = await inject('GET', `/api/v1/requests/${r.id}/attachments/${file.json().id}`, citizen);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.rawPayload.equals(PDF)).toBe(true);
    const sent = await rows<{ template: string }>(t.ctx.database.db, sql`SELECT template_id AS template FROM notifications WHERE reference = ${r.id} AND template_id = 'requests.staff_message'`);
    expect(sent).toHaveLength(2); // in the inbox and by SMS, for the one staff message
    await sealAuditNow(t.ctx.database);
    const audits = await rows<{ action: string }>(t.ctx.database.db, sql`SELECT action FROM audit_entries WHERE details->>'requestId' = ${r.id} ORDER BY seq`);
    expect(audits.map((a) => a.action)).toEqual(['request_message.post', 'request_attachment.upload', 'request_message.post']);
  });

  it('refuses another citizen, another agency, a fake PDF, an oversized file, NUL and oversized text; an unsent upload is its uploader’s alone', async () => {
    const { citizen, r } = await inReview();
    const other = await signInCitizen(t);
    const clerkB = await as('clerkB');
    expect(code(await inject('POST', `/api/v1/requests/${r.id}/messages`, other, { body: 'سلام' }))).toEqual([404, 'REQUEST_NOT_FOUND']);
    expect(code(await inject('POST', `/api/v1/requests/${r.id}/messages`, clerkB, { body: 'سلام' }))).toEqual([404, 'REQUEST_NOT_FOUND']);
    expect(code(await inject('GET', `/api/v1/requests/${r.id}/messages`, other))).toEqual([404, 'REQUEST_NOT_FOUND']);
    expect(code(await upload(other, r.id, PDF))).toEqual([404, 'REQUEST_NOT_FOUND']);
    expect(code(await inject('POST', `/api/v1/requests/${r.id}/messages`, citizen, { body: 'a\u0000b' }))).toEqual([400, 'TEXT_NOT_ALLOWED']);
    expect(code(await inject('POST', `/api/v1/requests/${r.id}/messages`, citizen, { body: 'ب'.repeat(4001) }))).toEqual([400, 'VALIDATION_FAILED']);
    // An executable named and declared as a PDF is refused by its bytes.
    const fake = await upload(citizen, r.id, Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff'.repeat(50), 'latin1'));
    expect(code(fake)).toEqual([415, 'BLOB_TYPE_NOT_ALLOWED']);
    expect(code(await upload(citizen, r.id, Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)])))).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(code(await upload(citizen, r.id, Buffer.alloc(0)))).toEqual([400, 'BLOB_EMPTY']);
    const mine = (await upload(citizen, r.id, PDF)).json().id as string;
    expect(code(await inject('GET', `/api/v1/requests/${r.id}/attachments/${mine}`, await as('clerkA')))).toEqual([404, 'ATTACHMENT_NOT_FOUND']);
    expect((await inject('GET', `/api/v1/requests/${r.id}/attachments/${mine}`, citizen)).statusCode).toBe(200);
    expect(code(await inject('GET', `/api/v1/requests/${r.id}/attachments/${mine}`, other))).toEqual([404, 'REQUEST_NOT_FOUND']);
    const [n] = await rows<{ n: number }>(t.ctx.database.db, sql`SELECT count(*)::int AS n FROM request_attachments WHERE request_id = ${r.id}`);
    expect(n!.n).toBe(1);
  });

  it('a decided request takes no new messages; 16 concurrent posts with one Idempotency-Key write one message', async () => {
    const { citizen, r } = await inReview();
    const key = { 'idempotency-key': `thread-${r.id}` };
    const all = await Promise.all(Array.from({ length: 16 }, () => inject('POST', `/api/v1/requests/${r.id}/messages`, citizen, { body: 'یک بار' }, key)));
    expect(new Set(all.map((x) => x.json<{ id: string }>().id)).size).toBe(1);
    const [n] = await rows<{ n: number }>(t.ctx.database.db, sql`SELECT count(*)::int AS n FROM request_messages WHERE request_id = ${r.id}`);
    expect(n!.n).toBe(1);
    expect((await inject('POST', `/api/v1/requests/${r.id}/decide`, await as('clerkA'), { decision: 'approve' })).statusCode).toBe(200);
    expect(code(await inject('POST', `/api/v1/requests/${r.id}/messages`, citizen, { body: 'بعد از تصمیم' }))).toEqual([409, 'REQUEST_THREAD_CLOSED']);
    expect((await inject('GET', `/api/v1/requests/${r.id}/messages`, citizen)).json().items).toHaveLength(1);
  });
});
