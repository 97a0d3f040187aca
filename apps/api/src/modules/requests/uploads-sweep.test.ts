import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { asApplicationRole, onServer } from '../../../test/db';
import { sealAuditNow } from '../../../test/audit';
import { buildDeskService } from '../../../test/desk';
import { buildAgency, linkToApprovedCard, signInCitizen, type Session } from '../../../test/factories';
import { rows } from '../../platform/db';
import { DEFAULT_BLOB_GC_GRACE_MS } from '../../platform/files';
import { sweepUnusedUploads, UPLOAD_RETENTION_MS } from './uploads.service';

/*
 * The sweep of unused uploads (ADR 0036, "Unused uploads"): an upload no request used is deleted
 * after the retention period unless a draft of its uploader names it, its blob reference released in
 * the same transaction (the content goes with blobs.gc once nothing references it), once however
 * many runs overlap.
 */

let t: TestApp;
let service: string;
const DAY = 86_400_000;
/** A PDF of its own content (its own blob), unless the same bytes are given again. */
const pdf = () => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(randomBytes(16).toString('hex')), Buffer.from('\n%%EOF\n')]);
const code = (res: { statusCode: number; json: () => { error?: { code: string } } }) => [res.statusCode, res.json().error?.code];
async function upload(s: Session, bytes = pdf()): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/request-uploads?serviceId=${service}&name=a.pdf`,
    headers: { ...s.headers, 'content-type': 'application/pdf' },
    payload: bytes,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}
const submit = (s: Session, documents: Array<{ document: number; uploadId: string }>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/requests', headers: s.headers, payload: { serviceId: service, form: { reason: 'ارائه به بانک' }, documents } });
const putDraft = (s: Session, documents: Array<{ document: number; uploadId: string }>) =>
  t.app.inject({ method: 'PUT', url: `/api/v1/me/drafts/${service}`, headers: s.headers, payload: { form: {}, documents } });
const sweep = () => sweepUnusedUploads(t.ctx);
/** The same person signed in again (a session lapses while the clock moves days on). */
const again = (c: { nationalCode: string; mobile: string }) => signInCitizen(t, c.nationalCode, c.mobile);
const exists = async (id: string) => (await rows(t.ctx.database.db, sql`SELECT 1 FROM request_uploads WHERE id = ${id}`)).length === 1;
const shaOf = async (id: string) => (await rows<{ sha256: string }>(t.ctx.database.db, sql`SELECT sha256 FROM request_uploads WHERE id = ${id}`))[0]!.sha256;
const blob = async (sha256: string) => (await rows<{ refs: number }>(t.ctx.database.db, sql`SELECT ref_count AS refs FROM blobs WHERE sha256 = ${sha256}`))[0]?.refs ?? null;
const events = async (id: string) =>
  (await rows<{ action: string; actor_type: string }>(t.ctx.database.db, sql`SELECT action, actor_type FROM events WHERE stream_type = 'request_upload' AND stream_id = ${id} ORDER BY id`)).map((e) => [e.action, e.actor_type]);
/** Sweeps until nothing is left to sweep now (uploads other tests left behind go too). */
async function sweepAll() {
  while ((await sweep()).swept > 0);
}

beforeAll(async () => {
  t = await buildTestApp();
  const a = await buildAgency(t, { nameFa: 'اداره کل الف' });
  service = await buildDeskService(t, a.id, 'پروانه الف');
  await linkToApprovedCard(t, service, { documents: [{ title: 'تصویر کارت ملی', mandatory: true }] });
});
afterAll(() => t?.close());

describe('the sweep of unused uploads', () => {
  it('runs as the worker’s recurring job; blobs.gc then removes the content nothing references', async () => {
    expect(t.ctx.jobs.kinds()).toContain('requests.uploads_sweep');
    const citizen = await signInCitizen(t);
    const id = await upload(citizen);
    const sha256 = await shaOf(id);
    t.clock.advance(UPLOAD_RETENTION_MS + 1);
    await t.ctx.runner!.scheduleRecurring();
    await t.ctx.runner!.runDue();
    expect(await exists(id)).toBe(false);
    expect(await blob(sha256)).toBe(0);
    const [job] = await rows<{ status: string }>(t.ctx.database.db, sql`SELECT status FROM jobs WHERE kind = 'requests.uploads_sweep' ORDER BY id DESC LIMIT 1`);
    expect(job!.status).toBe('succeeded');
    t.clock.advance(DEFAULT_BLOB_GC_GRACE_MS + 1);
    await t.ctx.runner!.scheduleRecurring();
    await t.ctx.runner!.runDue();
    expect(await blob(sha256)).toBeNull();
    await expect(t.ctx.blobs.open(sha256)).rejects.toMatchObject({ code: 'BLOB_NOT_FOUND' });
  });

  it('deletes an old unused upload, releasing its blob, with an event and a system audit entry; keeps a recent one and a used one', async () => {
    const citizen = await signInCitizen(t);
    const used = await upload(citizen);
    const old = await upload(citizen);
    expect((await submit(citizen, [{ document: 0, uploadId: used }])).statusCode).toBe(201);
    t.clock.advance(UPLOAD_RETENTION_MS - DAY);
    const recent = await upload(await again(citizen));
    t.clock.advance(DAY);
    // Exactly at the retention period it stays; a moment later it goes.
    await sweepAll();
    expect(await exists(old)).toBe(true);
    t.clock.advance(1);
    const oldSha = await shaOf(old);
    await sweepAll();
    expect([await exists(old), await exists(recent), await exists(used)]).toEqual([false, true, true]);
    expect(await blob(oldSha)).toBe(0);
    expect(await blob(await shaOf(used))).toBe(1);
    expect(await blob(await shaOf(recent))).toBe(1);
    expect(await events(old)).toEqual([
      ['uploaded', 'citizen'],
      ['swept', 'system'],
    ]);
    await sealAuditNow(t.ctx.database);
    const [audit] = await rows<{ actor_type: string; details: Record<string, unknown> }>(
      t.ctx.database.db,
      sql`SELECT actor_type, details FROM audit_entries WHERE object_type = 'request_upload' AND object_id = ${old} AND action = 'request_upload.sweep'`,
    );
    expect(audit).toMatchObject({ actor_type: 'system', details: { serviceId: service, sha256: oldSha } });
    // Gone for its uploader too, and no longer usable.
    const back = await again(citizen);
    expect(code(await t.app.inject({ url: `/api/v1/request-uploads/${old}`, headers: back.headers }))).toEqual([404, 'UPLOAD_NOT_FOUND']);
    expect(code(await submit(back, [{ document: 0, uploadId: old }]))).toEqual([400, 'UPLOAD_UNUSABLE']);
    // The used upload's request still serves it.
    const docs = await rows<{ request_id: string }>(t.ctx.database.db, sql`SELECT request_id FROM request_uploads WHERE id = ${used}`);
    const file = await t.app.inject({ url: `/api/v1/requests/${docs[0]!.request_id}/documents/${used}`, headers: back.headers });
    expect(file.statusCode).toBe(200);
  });

  it('keeps an upload the person’s draft names (however the id was spelt) as long as the draft lives; another person’s draft does not keep it', async () => {
    const citizen = await signInCitizen(t);
    const other = await signInCitizen(t);
    const named = await upload(citizen);
    const loose = await upload(citizen);
    expect((await putDraft(citizen, [{ document: 0, uploadId: named.toUpperCase() }])).statusCode).toBe(200);
    // A draft of someone else naming the upload (not possible through the API) protects nothing.
    await t.ctx.database.db.execute(sql`
      INSERT INTO request_drafts (citizen_id, service_id, service_version, form, documents, created_at, updated_at)
      VALUES (${other.id}, ${service}, 1, '{}', ${JSON.stringify([{ document: 0, uploadId: loose }])}::jsonb, now(), now())`);
    t.clock.advance(UPLOAD_RETENTION_MS * 4);
    await sweepAll();
    expect([await exists(named), await exists(loose)]).toEqual([true, false]);
    // Once the draft is deleted the upload is swept at the next run.
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/me/drafts/${service}`, headers: (await again(citizen)).headers })).statusCode).toBe(204);
    await sweepAll();
    expect(await exists(named)).toBe(false);
  });

  it('the same content uploaded twice: sweeping one keeps the blob for the other; the content goes only once both are swept', async () => {
    const citizen = await signInCitizen(t);
    const bytes = pdf();
    const first = await upload(citizen, bytes);
    t.clock.advance(UPLOAD_RETENTION_MS / 2);
    const second = await upload(await again(citizen), bytes);
    const sha256 = await shaOf(first);
    expect([await shaOf(second), await blob(sha256)]).toEqual([sha256, 2]);
    t.clock.advance(UPLOAD_RETENTION_MS / 2 + 1);
    await sweepAll();
    expect([await exists(first), await exists(second), await blob(sha256)]).toEqual([false, true, 1]);
    t.clock.advance(DEFAULT_BLOB_GC_GRACE_MS + 1);
    await t.ctx.runner!.scheduleRecurring();
    await t.ctx.runner!.runDue();
    const mine = await t.app.inject({ url: `/api/v1/request-uploads/${second}`, headers: (await again(citizen)).headers });
    expect([mine.statusCode, mine.rawPayload.equals(bytes)]).toEqual([200, true]);
    t.clock.advance(UPLOAD_RETENTION_MS);
    await sweepAll();
    expect(await blob(sha256)).toBe(0);
  });

  it('sixteen overlapping sweeps delete each upload once and release each reference once', async () => {
    // What earlier tests left behind goes first: only this test's uploads are due below.
    t.clock.advance(UPLOAD_RETENTION_MS + 1);
    await sweepAll();
    const citizen = await signInCitizen(t);
    const bytes = pdf();
    const ids = [await upload(citizen, bytes), await upload(citizen, bytes), await upload(citizen), await upload(citizen), await upload(citizen)];
    const shas = await Promise.all(ids.map(shaOf));
    // Another holder of each content: a second release of one reference would take this one too.
    for (const sha256 of new Set(shas)) await t.ctx.blobs.addRef(t.ctx.database.db, sha256);
    t.clock.advance(UPLOAD_RETENTION_MS + 1);
    const runs = await Promise.all(Array.from({ length: 16 }, () => sweep()));
    expect(runs.reduce((n, r) => n + r.swept, 0)).toBe(ids.length);
    expect(await Promise.all(ids.map(exists))).toEqual(Array(ids.length).fill(false));
    expect(await Promise.all([...new Set(shas)].map(blob))).toEqual([1, 1, 1, 1]);
    expect(await Promise.all(ids.map(events))).toEqual(Array(ids.length).fill([['uploaded', 'citizen'], ['swept', 'system']]));
    expect((await sweep()).swept).toBe(0);
  });

  it('racing draft saves and submissions: each either keeps its upload or is told it is gone; no draft names a swept upload', async () => {
    t.clock.advance(UPLOAD_RETENTION_MS + 1);
    await sweepAll();
    const people = await Promise.all(Array.from({ length: 8 }, () => signInCitizen(t)));
    const ids = await Promise.all(people.map((p) => upload(p)));
    t.clock.advance(UPLOAD_RETENTION_MS + 1);
    const sessions = await Promise.all(people.map(again));
    const saves = sessions.map((s, i) => (i % 2 === 0 ? putDraft(s, [{ document: 0, uploadId: ids[i]! }]) : submit(s, [{ document: 0, uploadId: ids[i]! }])));
    const answers = await Promise.all([...saves, ...Array.from({ length: 8 }, () => sweep())]);
    for (const [i, res] of answers.slice(0, 8).entries()) {
      const kept = await exists(ids[i]!);
      const r = res as Awaited<ReturnType<typeof submit>>;
      expect([r.statusCode < 300, kept], `person ${i}: ${r.body}`).toEqual([kept, kept]);
      if (!kept) expect(code(r)).toEqual([400, 'UPLOAD_UNUSABLE']);
    }
    const dangling = await rows(t.ctx.database.db, sql`
      SELECT 1 FROM request_drafts d, jsonb_array_elements(d.documents) e
       WHERE NOT EXISTS (SELECT 1 FROM request_uploads u WHERE u.id::text = lower(e->>'uploadId')) AND e ? 'uploadId'
         AND d.citizen_id = ANY(${`{${people.map((p) => p.id).join(',')}}`}::uuid[])`);
    expect(dangling).toEqual([]);
  });

  it('an unknown id in a draft, or a draft with no documents, does not stop the sweep', async () => {
    const citizen = await signInCitizen(t);
    const id = await upload(citizen);
    await t.ctx.database.db.execute(sql`
      INSERT INTO request_drafts (citizen_id, service_id, service_version, form, documents, created_at, updated_at)
      VALUES (${citizen.id}, ${service}, 1, '{}', ${JSON.stringify([{ document: 0, uploadId: randomUUID() }, { document: 1 }])}::jsonb, now(), now())`);
    t.clock.advance(UPLOAD_RETENTION_MS + 1);
    await sweepAll();
    expect(await exists(id)).toBe(false);
  });
});

describe.runIf(onServer)('grants on PostgreSQL', () => {
  it('lets the application role delete an unused upload (the sweep’s statement)', async () => {
    await asApplicationRole(t.db, 'sweep', async (c) => {
      const { rowCount } = await c.query(
        'DELETE FROM request_uploads WHERE id IN (SELECT id FROM request_uploads WHERE request_id IS NULL AND id = gen_random_uuid() FOR UPDATE SKIP LOCKED)',
      );
      expect(rowCount).toBe(0);
    });
  });

});
