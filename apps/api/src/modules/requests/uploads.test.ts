import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { sealAuditNow } from '../../../test/audit';
import { buildDeskService, DESK_FORM } from '../../../test/desk';
import { buildAgency, buildStaff, linkToApprovedCard, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import { rows } from '../../platform/db';

/*
 * Documents uploaded with a request (issue 11 item 2): the card's documents, uploads checked by
 * content, the submission naming which upload answers which document, each upload used once.
 */

let t: TestApp;
let service: string;
let clerkA: Session;
let clerkB: Session;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 1)]);
const code = (res: { statusCode: number; json: () => { error?: { code: string } } }) => [res.statusCode, res.json().error?.code];
const upload = (s: Session, bytes: Buffer, o: { type?: string; name?: string; serviceId?: string; key?: string } = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/request-uploads?serviceId=${o.serviceId ?? service}&name=${encodeURIComponent(o.name ?? 'کارت ملی.pdf')}`,
    headers: { ...s.headers, 'content-type': o.type ?? 'application/pdf', ...(o.key ? { 'idempotency-key': o.key } : {}) },
    payload: bytes,
  });
const uploadId = async (s: Session, bytes = PDF) => {
  const res = await upload(s, bytes);
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string }>().id;
};
const submit = (s: Session, documents: Array<{ document: number; uploadId: string }>, key?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: { ...s.headers, ...(key ? { 'idempotency-key': key } : {}) },
    payload: { serviceId: service, form: { reason: 'ارائه به بانک' }, documents },
  });
const count = async (table: 'service_requests' | 'request_uploads', where = sql`true`) =>
  (await rows<{ n: number }>(t.ctx.database.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE ${where}`))[0]!.n;

beforeAll(async () => {
  t = await buildTestApp();
  const a = await buildAgency(t, { nameFa: 'اداره کل الف' });
  const b = await buildAgency(t, { nameFa: 'اداره کل ب' });
  service = await buildDeskService(t, a.id, 'پروانه الف');
  await linkToApprovedCard(t, service, {
    documents: [
      { title: 'تصویر کارت ملی', mandatory: true },
      { title: 'گواهی اشتغال', mandatory: false },
      { title: 'شناسنامه', mandatory: true, byInquiry: true, evidenceType: 'شناسنامه', providerAgencyId: randomUUID() },
      { title: 'اجاره‌نامه', mandatory: true },
    ],
  });
  clerkA = await signInStaff(t, (await buildStaff(t, a.id, ['desk_clerk'])).username);
  clerkB = await signInStaff(t, (await buildStaff(t, b.id, ['desk_clerk'])).username);
});
afterAll(() => t.close());

describe('the documents a service asks for', () => {
  it('lists the card’s documents by their place in its list, leaving out those supplied by inquiry', async () => {
    const res = await t.app.inject({ url: `/api/v1/services/${service}/documents` });
    expect(res.json()).toEqual({
      items: [
        { index: 0, title: 'تصویر کارت ملی', mandatory: true },
        { index: 1, title: 'گواهی اشتغال', mandatory: false },
        { index: 3, title: 'اجاره‌نامه', mandatory: true },
      ],
    });
    expect(code(await t.app.inject({ url: `/api/v1/services/${randomUUID()}/documents` }))).toEqual([404, 'SERVICE_NOT_FOUND']);
  });
});

describe('uploads', () => {
  it('takes a PDF or PNG by its content; refuses a fake PDF, an oversized or empty file, a NUL in the name, staff and an unknown service — storing nothing', async () => {
    const citizen = await signInCitizen(t);
    const ok = await upload(citizen, PNG, { type: 'application/octet-stream', name: '../../etc/passwd' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ serviceId: service, mediaType: 'image/png', fileName: 'passwd', sizeBytes: PNG.length });
    const before = await count('request_uploads');
    // An executable named and declared as a PDF is refused by its bytes.
    expect(code(await upload(citizen, Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff'.repeat(50), 'latin1')))).toEqual([415, 'BLOB_TYPE_NOT_ALLOWED']);
    expect(code(await upload(citizen, Buffer.from('not a pdf at all, just text named .pdf')))).toEqual([415, 'BLOB_TYPE_NOT_ALLOWED']);
    expect(code(await upload(citizen, Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)])))).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(code(await upload(citizen, Buffer.alloc(0)))).toEqual([400, 'BLOB_EMPTY']);
    expect(code(await upload(citizen, PDF, { name: 'a\u0000b.pdf' }))).toEqual([400, 'TEXT_NOT_ALLOWED']);
    expect(code(await upload(clerkA, PDF))).toEqual([403, 'FORBIDDEN']);
    expect(code(await upload(citizen, PDF, { serviceId: randomUUID() }))).toEqual([404, 'SERVICE_NOT_FOUND']);
    expect(await count('request_uploads')).toBe(before);
  });

  it('an upload is its uploader’s alone before submission; a retry with the same Idempotency-Key stores one', async () => {
    const citizen = await signInCitizen(t);
    const other = await signInCitizen(t);
    const key = `upload-${randomUUID()}`;
    const all = await Promise.all(Array.from({ length: 16 }, () => upload(citizen, PDF, { key })));
    expect(new Set(all.map((r) => r.json<{ id: string }>().id)).size).toBe(1);
    const id = all[0]!.json<{ id: string }>().id;
    expect(await count('request_uploads', sql`citizen_id = ${citizen.id}`)).toBe(1);
    const mine = await t.app.inject({ url: `/api/v1/request-uploads/${id}`, headers: citizen.headers });
    expect([mine.statusCode, mine.headers['content-type'], mine.rawPayload.equals(PDF)]).toEqual([200, 'application/pdf', true]);
    expect(code(await t.app.inject({ url: `/api/v1/request-uploads/${id}`, headers: other.headers }))).toEqual([404, 'UPLOAD_NOT_FOUND']);
    expect(code(await t.app.inject({ url: `/api/v1/request-uploads/${id}`, headers: clerkA.headers }))).toEqual([403, 'FORBIDDEN']);
  });
});

describe('a submission with its documents', () => {
  it('refuses a missing mandatory document, at the document, storing nothing', async () => {
    const citizen = await signInCitizen(t);
    const id = await uploadId(citizen);
    const res = await submit(citizen, [{ document: 0, uploadId: id }]);
    expect(code(res)).toEqual([400, 'REQUEST_DOCUMENT_MISSING']);
    expect(res.json().error.details.documents).toEqual([{ field: 'documents.3', document: 3, title: 'اجاره‌نامه' }]);
    expect(res.json().error.message).toMatch(/مدرک/);
    expect(await count('service_requests', sql`applicant_id = ${citizen.id}`)).toBe(0);
    expect(await count('request_uploads', sql`id = ${id} AND request_id IS NULL`)).toBe(1);
  });

  it('refuses a document the card does not ask for (or asks by inquiry), and two uploads for one document', async () => {
    const citizen = await signInCitizen(t);
    const [u1, u2, u3] = [await uploadId(citizen), await uploadId(citizen), await uploadId(citizen)];
    expect(code(await submit(citizen, [{ document: 0, uploadId: u1 }, { document: 3, uploadId: u2 }, { document: 2, uploadId: u3 }]))).toEqual([400, 'REQUEST_DOCUMENT_UNKNOWN']);
    expect(code(await submit(citizen, [{ document: 0, uploadId: u1 }, { document: 3, uploadId: u2 }, { document: 0, uploadId: u3 }]))).toEqual([400, 'REQUEST_DOCUMENT_UNKNOWN']);
    expect(await count('service_requests', sql`applicant_id = ${citizen.id}`)).toBe(0);
  });

  it('refuses someone else’s upload and an upload for another service, storing nothing', async () => {
    const citizen = await signInCitizen(t);
    const other = await signInCitizen(t);
    const theirs = await uploadId(other);
    const mine = await uploadId(citizen);
    const res = await submit(citizen, [{ document: 0, uploadId: mine }, { document: 3, uploadId: theirs }]);
    expect(code(res)).toEqual([400, 'UPLOAD_UNUSABLE']);
    expect(res.json().error.details).toEqual({ uploadIds: [theirs] });
    const a = await buildAgency(t, { nameFa: 'اداره کل ج' });
    const elsewhere = await buildDeskService(t, a.id, 'خدمت دیگر');
    const foreign = (await upload(citizen, PDF, { serviceId: elsewhere })).json<{ id: string }>().id;
    expect(code(await submit(citizen, [{ document: 0, uploadId: mine }, { document: 3, uploadId: foreign }]))).toEqual([400, 'UPLOAD_UNUSABLE']);
    expect(await count('service_requests', sql`applicant_id = ${citizen.id}`)).toBe(0);
    expect(await count('request_uploads', sql`request_id IS NOT NULL AND id IN (${mine}, ${theirs}, ${foreign})`)).toBe(0);
  });

  it('links the documents to the request: its applicant and the agency’s staff list and download them; nobody else; an upload is used once', async () => {
    const citizen = await signInCitizen(t);
    const other = await signInCitizen(t);
    const card = await uploadId(citizen);
    const lease = await uploadId(citizen, PNG);
    const res = await submit(citizen, [{ document: 3, uploadId: lease }, { document: 0, uploadId: card }]);
    expect(res.statusCode).toBe(201);
    const r = res.json<{ id: string }>();
    for (const who of [citizen, clerkA]) {
      const list = await t.app.inject({ url: `/api/v1/requests/${r.id}/documents`, headers: who.headers });
      expect(list.json().items).toEqual([
        expect.objectContaining({ id: card, document: 0, title: 'تصویر کارت ملی', mediaType: 'application/pdf', fileName: 'کارت ملی.pdf' }),
        expect.objectContaining({ id: lease, document: 3, title: 'اجاره‌نامه', mediaType: 'image/png' }),
      ]);
      const file = await t.app.inject({ url: `/api/v1/requests/${r.id}/documents/${lease}`, headers: who.headers });
      expect([file.statusCode, file.headers['content-type'], file.headers['x-content-type-options'], file.rawPayload.equals(PNG)]).toEqual([200, 'image/png', 'nosniff', true]);
    }
    for (const who of [other, clerkB]) {
      expect(code(await t.app.inject({ url: `/api/v1/requests/${r.id}/documents`, headers: who.headers }))).toEqual([404, 'REQUEST_NOT_FOUND']);
      expect(code(await t.app.inject({ url: `/api/v1/requests/${r.id}/documents/${card}`, headers: who.headers }))).toEqual([404, 'REQUEST_NOT_FOUND']);
    }
    // An upload that is not this request's is not found through it.
    const loose = await uploadId(citizen);
    expect(code(await t.app.inject({ url: `/api/v1/requests/${r.id}/documents/${loose}`, headers: clerkA.headers }))).toEqual([404, 'UPLOAD_NOT_FOUND']);
    // Used once: a second submission naming the same uploads is refused.
    expect(code(await submit(citizen, [{ document: 3, uploadId: lease }, { document: 0, uploadId: card }]))).toEqual([400, 'UPLOAD_UNUSABLE']);
    expect(await count('service_requests', sql`applicant_id = ${citizen.id}`)).toBe(1);
    // The upload and the submission are recorded, in the agency's audit chain.
    await sealAuditNow(t.ctx.database);
    const audits = await rows<{ action: string }>(t.ctx.database.db, sql`SELECT action FROM audit_entries WHERE actor_id = ${citizen.id} ORDER BY id`);
    expect(audits.map((a) => a.action).filter((a) => a !== 'citizen.sign_in')).toEqual([
      'request_upload.upload',
      'request_upload.upload',
      'service_request.submit',
      'request_upload.upload',
    ]);
  });

  it('16 concurrent submissions with one Idempotency-Key: one request with its documents, the same receipt to all', async () => {
    const citizen = await signInCitizen(t);
    const docs = [{ document: 0, uploadId: await uploadId(citizen) }, { document: 3, uploadId: await uploadId(citizen) }];
    const key = `submit-${randomUUID()}`;
    const all = await Promise.all(Array.from({ length: 16 }, () => submit(citizen, docs, key)));
    expect(all.map((r) => r.statusCode)).toEqual(Array(16).fill(201));
    expect(new Set(all.map((r) => r.json<{ id: string }>().id)).size).toBe(1);
    expect(await count('service_requests', sql`applicant_id = ${citizen.id}`)).toBe(1);
    expect(await count('request_uploads', sql`request_id = ${all[0]!.json<{ id: string }>().id}`)).toBe(2);
  });

  it('16 concurrent submissions naming the same uploads without a key: exactly one is taken, the others are told the uploads are used', async () => {
    const citizen = await signInCitizen(t);
    const docs = [{ document: 0, uploadId: await uploadId(citizen) }, { document: 3, uploadId: await uploadId(citizen) }];
    const all = await Promise.all(Array.from({ length: 16 }, () => submit(citizen, docs)));
    expect(all.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(all.filter((r) => r.statusCode !== 201).map(code)).toEqual(Array(15).fill([400, 'UPLOAD_UNUSABLE']));
    expect(await count('service_requests', sql`applicant_id = ${citizen.id}`)).toBe(1);
  });

  it('a service whose card asks for no documents takes a submission without them, as before', async () => {
    const a = await buildAgency(t, { nameFa: 'اداره کل د' });
    const plain = await buildDeskService(t, a.id, 'گواهی ساده');
    const citizen = await signInCitizen(t);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/requests', headers: citizen.headers, payload: { serviceId: plain, form: { reason: 'x' } } });
    expect(res.statusCode).toBe(201);
    expect((await t.app.inject({ url: `/api/v1/requests/${res.json().id}/documents`, headers: citizen.headers })).json()).toEqual({ items: [] });
    expect(DESK_FORM.required).toEqual(['reason']);
  });
});
