import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { sealAuditNow } from '../../../test/audit';
import { buildAgency, buildStaff, linkToApprovedCard, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import { rows } from '../../platform/db';
import { createService } from '../services';

/*
 * Server drafts that resume on another device (row versions against silent overwrites, deleted by
 * the submission) and once-only prefill from the profile and earlier requests (issue 11 item 2).
 */

let t: TestApp;
let service: string;
let admin: Session;
const FORM = {
  type: 'object',
  required: ['reason'],
  properties: {
    fullName: { type: 'string', title: 'نام و نام خانوادگی' },
    nationalCode: { type: 'string', title: 'کد ملی', format: 'ir-national-code' },
    phone: { type: 'string', title: 'تلفن همراه', format: 'ir-mobile' },
    postalCode: { type: 'string', title: 'کد پستی', format: 'ir-postal-code' },
    employer: { type: 'string', title: 'کارفرما' },
    reason: { type: 'string', title: 'علت درخواست', maxLength: 100 },
  },
  additionalProperties: false,
};
const code = (res: { statusCode: number; json: () => { error?: { code: string } } }) => [res.statusCode, res.json().error?.code];
const draftUrl = (id = service) => `/api/v1/me/drafts/${id}`;
const put = (s: Session, body: object, ifMatch?: string | number) =>
  t.app.inject({ method: 'PUT', url: draftUrl(), headers: { ...s.headers, ...(ifMatch === undefined ? {} : { 'if-match': String(ifMatch) }) }, payload: body });
const get = (s: Session, id = service) => t.app.inject({ url: draftUrl(id), headers: s.headers });
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
const upload = async (s: Session) =>
  (await t.app.inject({ method: 'POST', url: `/api/v1/request-uploads?serviceId=${service}&name=a.pdf`, headers: { ...s.headers, 'content-type': 'application/pdf' }, payload: PDF })).json<{ id: string }>().id;

beforeAll(async () => {
  t = await buildTestApp();
  const a = await buildAgency(t, { nameFa: 'اداره کل الف' });
  service = await createService(
    t.ctx.database.db,
    { agencyId: a.id, titleFa: 'گواهی اشتغال', titleEn: null, descriptionFa: 'خدمت آزمایشی', recipients: 'G2C', normDays: 5, formSchema: FORM, published: true },
    t.clock.now(),
  );
  await linkToApprovedCard(t, service, { documents: [{ title: 'حکم کارگزینی', mandatory: true }] });
  admin = await signInStaff(t, (await buildStaff(t, a.id, ['agency_admin'])).username);
});
afterAll(() => t.close());

describe('server drafts', () => {
  it('resume on a second session of the same person (another device), with the uploads named; another person cannot read it', async () => {
    const phone = await signInCitizen(t);
    const laptop = await signInCitizen(t, phone.nationalCode, phone.mobile);
    const other = await signInCitizen(t);
    const uploadId = await upload(phone);
    const saved = await put(phone, { form: { reason: 'وام', employer: 'شرکت الف' }, documents: [{ document: 0, uploadId }] });
    expect(saved.statusCode).toBe(200);
    expect(saved.headers.etag).toBe('"1"');
    const resumed = await get(laptop);
    expect(resumed.json()).toMatchObject({
      serviceId: service,
      serviceVersion: 1,
      version: 1,
      form: { reason: 'وام', employer: 'شرکت الف' },
      documents: [expect.objectContaining({ id: uploadId, document: 0, mediaType: 'application/pdf' })],
      formChanged: false,
      droppedFields: [],
    });
    expect(code(await get(other))).toEqual([404, 'DRAFT_NOT_FOUND']);
    // The same answer as for a service never drafted or unknown: nothing is learnt.
    expect(code(await get(other, randomUUID()))).toEqual([404, 'DRAFT_NOT_FOUND']);
    expect(code(await t.app.inject({ method: 'DELETE', url: draftUrl(), headers: other.headers }))).toEqual([404, 'DRAFT_NOT_FOUND']);
    expect(code(await get(admin))).toEqual([403, 'FORBIDDEN']);
    // Another person cannot name the first person's upload in their own draft.
    expect(code(await put(other, { form: {}, documents: [{ document: 0, uploadId }] }))).toEqual([400, 'UPLOAD_UNUSABLE']);
    expect(code(await get(other))).toEqual([404, 'DRAFT_NOT_FOUND']);
    // The id typed in upper case names the same upload: kept as stored, and shown when resumed.
    const upper = await put(phone, { form: { reason: 'وام' }, documents: [{ document: 0, uploadId: uploadId.toUpperCase() }] }, '"1"');
    expect(upper.statusCode, upper.body).toBe(200);
    expect((await get(laptop)).json().documents).toEqual([expect.objectContaining({ id: uploadId, document: 0 })]);
  });

  it('never silently overwrites: a stale row version (or none when a draft exists) is DRAFT_CONFLICT; overwriting is explicit at the current version', async () => {
    const phone = await signInCitizen(t);
    const laptop = await signInCitizen(t, phone.nationalCode, phone.mobile);
    expect((await put(phone, { form: { reason: 'یک' } })).json().version).toBe(1);
    expect((await put(laptop, { form: { reason: 'دو' } }, '"1"')).json().version).toBe(2);
    const stale = await put(phone, { form: { reason: 'سه' } }, 1);
    expect(code(stale)).toEqual([409, 'DRAFT_CONFLICT']);
    expect(stale.json().error.details).toMatchObject({ version: 2 });
    expect(code(await put(phone, { form: { reason: 'سه' } }))).toEqual([409, 'DRAFT_CONFLICT']);
    expect((await get(phone)).json().form).toEqual({ reason: 'دو' });
    // The person chose to save over it: the current version named.
    expect((await put(phone, { form: { reason: 'سه' } }, 'W/"2"')).json()).toMatchObject({ version: 3, form: { reason: 'سه' } });
    expect(code(await put(phone, { form: {} }, 'abc'))).toEqual([400, 'VALIDATION_FAILED']);
    expect(code(await put(phone, { form: { reason: 'a\u0000b' } }, 3))).toEqual([400, 'TEXT_NOT_ALLOWED']);
    // 16 saves at the same version: exactly one lands.
    const all = await Promise.all(Array.from({ length: 16 }, (_, i) => put(phone, { form: { reason: `هم‌زمان ${i}` } }, 3)));
    expect(all.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(all.filter((r) => r.statusCode !== 200).map(code)).toEqual(Array(15).fill([409, 'DRAFT_CONFLICT']));
    expect((await get(phone)).json().version).toBe(4);
    expect(code(await t.app.inject({ method: 'DELETE', url: draftUrl(), headers: { ...phone.headers, 'if-match': '3' } }))).toEqual([409, 'DRAFT_CONFLICT']);
    expect((await t.app.inject({ method: 'DELETE', url: draftUrl(), headers: { ...phone.headers, 'if-match': '4' } })).statusCode).toBe(204);
    expect(code(await get(phone))).toEqual([404, 'DRAFT_NOT_FOUND']);
  });

  it('is deleted by the submission, in its transaction; a refused submission keeps it', async () => {
    const citizen = await signInCitizen(t);
    const uploadId = await upload(citizen);
    await put(citizen, { form: { reason: 'وام' }, documents: [{ document: 0, uploadId }] });
    const submit = (documents: object[]) => t.app.inject({ method: 'POST', url: '/api/v1/requests', headers: citizen.headers, payload: { serviceId: service, form: { reason: 'وام' }, documents } });
    expect(code(await submit([]))).toEqual([400, 'REQUEST_DOCUMENT_MISSING']);
    expect((await get(citizen)).statusCode).toBe(200);
    expect((await submit([{ document: 0, uploadId }])).statusCode).toBe(201);
    expect(code(await get(citizen))).toEqual([404, 'DRAFT_NOT_FOUND']);
    await sealAuditNow(t.ctx.database);
    const audits = await rows<{ action: string }>(t.ctx.database.db, sql`SELECT action FROM audit_entries WHERE actor_id = ${citizen.id} AND action LIKE 'request_draft.%' ORDER BY id`);
    expect(audits.map((a) => a.action)).toEqual(['request_draft.create', 'request_draft.submit']);
  });

  it('a draft saved on an older version of the service still opens, saying the form changed and which fields it no longer has', async () => {
    const citizen = await signInCitizen(t);
    await put(citizen, { form: { reason: 'وام', employer: 'شرکت الف' } });
    const call = (method: 'POST' | 'PUT', url: string, payload: object) => t.app.inject({ method, url: `/api/v1${url}`, headers: admin.headers, payload });
    const draft = (await call('POST', `/services/${service}/versions`, { changeNote: 'بی کارفرما' })).json<{ versionNo: number; rowVersion: number }>();
    const { employer: _dropped, ...properties } = FORM.properties;
    const edited = await call('PUT', `/services/${service}/versions/${draft.versionNo}`, { rowVersion: draft.rowVersion, formSchema: { ...FORM, properties } });
    expect(edited.statusCode).toBe(200);
    const published = await call('POST', `/services/${service}/versions/${draft.versionNo}/publish`, { rowVersion: edited.json<{ rowVersion: number }>().rowVersion });
    expect(published.statusCode).toBe(200);
    expect((await get(citizen)).json()).toMatchObject({ serviceVersion: 1, formChanged: true, droppedFields: ['employer'], form: { reason: 'وام', employer: 'شرکت الف' } });
    // Saved again, it is on the new version.
    expect((await put(citizen, { form: { reason: 'وام' } }, 1)).json()).toMatchObject({ serviceVersion: draft.versionNo, formChanged: false, droppedFields: [] });
  });
});

describe('once-only prefill', () => {
  it('fills the form from the person’s profile and their earlier request of the service, marked by source; never another person’s', async () => {
    const citizen = await signInCitizen(t);
    // In the form's field order as stored (jsonb orders keys): compared by field name.
    const byField = (fields: Array<{ field: string }>) => [...fields].sort((a, b) => a.field.localeCompare(b.field));
    const prefill = (s: Session) => t.app.inject({ url: `/api/v1/me/prefill?serviceId=${service}`, headers: s.headers });
    expect(byField((await prefill(citizen)).json().fields)).toEqual([
      { field: 'nationalCode', value: citizen.nationalCode, source: 'profile' },
      { field: 'phone', value: citizen.mobile, source: 'profile' },
    ]);
    const profile = await t.app.inject({ method: 'PATCH', url: '/api/v1/me/profile', headers: citizen.headers, payload: { name: 'زهرا احمدی', postalCode: '1193653471' } });
    expect(profile.statusCode).toBe(200);
    const uploadId = await upload(citizen);
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: citizen.headers,
      payload: { serviceId: service, form: { reason: 'وام مسکن', fullName: 'زهرا احمدی' }, documents: [{ document: 0, uploadId }] },
    });
    expect(submitted.statusCode).toBe(201);
    const known = byField((await prefill(citizen)).json().fields);
    expect(known).toEqual([
      { field: 'fullName', value: 'زهرا احمدی', source: 'profile' },
      { field: 'nationalCode', value: citizen.nationalCode, source: 'profile' },
      { field: 'phone', value: citizen.mobile, source: 'profile' },
      { field: 'postalCode', value: '1193653471', source: 'profile' },
      { field: 'reason', value: 'وام مسکن', source: 'earlier_request' },
    ]);
    // Another person sees only their own data.
    const other = await signInCitizen(t);
    const theirs = JSON.stringify((await prefill(other)).json());
    for (const leak of [citizen.nationalCode, citizen.mobile, 'زهرا', 'وام مسکن', '1193653471']) expect(theirs).not.toContain(leak);
    expect(code(await t.app.inject({ url: `/api/v1/me/prefill?serviceId=${randomUUID()}`, headers: other.headers }))).toEqual([404, 'SERVICE_NOT_FOUND']);
    expect(code(await t.app.inject({ url: `/api/v1/me/prefill?serviceId=${service}`, headers: admin.headers }))).toEqual([403, 'FORBIDDEN']);
  });

  it('looks into groups: a nested field by its dotted path, from the profile or an earlier request; a repeating group whole', async () => {
    const a = await buildAgency(t, { nameFa: 'اداره کل گروه‌ها' });
    const nested = await createService(
      t.ctx.database.db,
      {
        agencyId: a.id,
        titleFa: 'پروانه با گروه‌ها',
        titleEn: null,
        descriptionFa: 'خدمت آزمایشی',
        recipients: 'G2C',
        normDays: 5,
        published: true,
        formSchema: {
          type: 'object',
          required: ['reason'],
          properties: {
            reason: { type: 'string', title: 'علت' },
            applicant: {
              type: 'object',
              title: 'متقاضی',
              properties: {
                nationalCode: { type: 'string', title: 'کد ملی', format: 'ir-national-code' },
                workplace: { type: 'object', title: 'محل کار', properties: { employer: { type: 'string', title: 'کارفرما' }, mobile: { type: 'string', title: 'همراه', format: 'ir-mobile' } } },
              },
            },
            children: { type: 'array', title: 'فرزندان', items: { type: 'object', properties: { name: { type: 'string', title: 'نام' } } } },
          },
        },
      },
      t.clock.now(),
    );
    await linkToApprovedCard(t, nested);
    const citizen = await signInCitizen(t);
    const prefill = async () =>
      (await t.app.inject({ url: `/api/v1/me/prefill?serviceId=${nested}`, headers: citizen.headers })).json<{ fields: Array<{ field: string }> }>().fields.sort((x, y) => x.field.localeCompare(y.field));
    expect(await prefill()).toEqual([
      { field: 'applicant.nationalCode', value: citizen.nationalCode, source: 'profile' },
      { field: 'applicant.workplace.mobile', value: citizen.mobile, source: 'profile' },
    ]);
    const form = { reason: 'تمدید', applicant: { workplace: { employer: 'شرکت ب' } }, children: [{ name: 'سارا' }] };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/requests', headers: citizen.headers, payload: { serviceId: nested, form } })).statusCode).toBe(201);
    expect(await prefill()).toEqual([
      { field: 'applicant.nationalCode', value: citizen.nationalCode, source: 'profile' },
      { field: 'applicant.workplace.employer', value: 'شرکت ب', source: 'earlier_request' },
      { field: 'applicant.workplace.mobile', value: citizen.mobile, source: 'profile' },
      { field: 'children', value: [{ name: 'سارا' }], source: 'earlier_request' },
      { field: 'reason', value: 'تمدید', source: 'earlier_request' },
    ]);
  });
});
