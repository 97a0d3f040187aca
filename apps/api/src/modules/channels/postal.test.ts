import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPostalSimulator, dispatchByPost, type PostalSimulator } from '../../platform/integrations/postal';
import { withTransaction } from '../../platform/db';
import { buildTestApp, type TestApp } from '../../../test/app';
import { sealAuditNow } from '../../../test/audit';
import { buildDeskService } from '../../../test/desk';
import { buildAgency, buildStaff, nextAddress, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import * as repo from './channels.repository';
import { postalBackoffMs, runPostalDispatches } from './postal.service';

/*
 * Postal delivery of the answer for online applicants (ADR 0039): the choice at submission, and
 * the outbox — the answer's first signature marks the dispatch due, the postal job hands it to the post
 * outside any transaction, retries with backoff, fails it after POSTAL_MAX_ATTEMPTS, and hands each
 * dispatch over once however many runs overlap.
 */
let t: TestApp;
let post: PostalSimulator;
let managerName: string;
let clerk: Session;
let clerkName: string;
let otherClerkName: string;
let adminName: string;
/** The applicant of the last request answeredByPost made. */
let applicant: Session;
const ids: Record<string, string> = {};
const MAX_ATTEMPTS = 3;
const PIN = '482915';

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, who?: Session, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { ...who?.headers, ...headers }, remoteAddress: nextAddress(), ...(payload ? { payload } : {}) });
const form = { reason: 'ارائه به بانک' };
const address = { postalCode: '1619735744', address: 'تهران، خیابان آزادی، کوچهٔ یکم، پلاک ۲' };

/** A citizen with the address on their profile (or none). */
async function citizen(withAddress = true) {
  const c = await signInCitizen(t);
  if (withAddress) {
    const patch = await call('PATCH', '/me/profile', c, { name: 'مریم احمدی', ...address });
    expect(patch.statusCode, patch.body).toBe(200);
  }
  return c;
}

const requestsOf = async (c: { id: string }) =>
  (await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM service_requests WHERE applicant_id = $1', [c.id]))[0]!.n;
const dispatchesOf = async (c: { id: string }) =>
  (await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM postal_dispatches p JOIN service_requests r ON r.id = p.request_id WHERE r.applicant_id = $1', [c.id]))[0]!.n;
const dispatchRow = async (requestId: string) =>
  (await t.ctx.database.query<{ status: string; attempts: number; postal_tracking: string | null; last_error: string | null; next_attempt_at: Date | null; retries: number; postal_code: string; address: string }>(
    'SELECT status, attempts, postal_tracking, last_error, next_attempt_at, retries, postal_code, address FROM postal_dispatches WHERE request_id = $1',
    [requestId],
  ))[0]!;
const eventsOf = async (requestId: string) =>
  (await t.ctx.database.query<{ action: string }>("SELECT action FROM events WHERE stream_type = 'postal_dispatch' AND stream_id = $1 ORDER BY id", [requestId])).map((e) => e.action);
const handOversOf = (requestId: string) => post.handOvers.filter((i) => i.reference === requestId);

/** An online request with postal delivery to the profile's address, answered and (unless `signed` is false) signed: its dispatch due. */
async function answeredByPost(signed = true): Promise<string> {
  const c = await citizen();
  applicant = c;
  const res = await call('POST', '/requests', c, { serviceId: ids.postal, form, postal: {} });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json<{ id: string }>().id;
  // Signed in afresh: the tests move the clock past a session's idle time.
  const answered = await call('POST', `/requests/${id}/answer`, await signInStaff(t, managerName), { decision: 'approve', ...(signed ? { pin: PIN } : {}) });
  clerk = await signInStaff(t, clerkName);
  expect(answered.statusCode, answered.body).toBe(200);
  expect(answered.json().signatureCount).toBe(signed ? 1 : 0);
  return id;
}

beforeAll(async () => {
  t = await buildTestApp({ POSTAL_MAX_ATTEMPTS: String(MAX_ATTEMPTS) });
  const agency = (await buildAgency(t, { nameFa: 'ادارهٔ ثبت پستی' })).id;
  const other = (await buildAgency(t, { nameFa: 'ادارهٔ دیگر' })).id;
  otherClerkName = (await buildStaff(t, other, ['desk_clerk', 'unit_manager', 'agency_admin'])).username;
  adminName = (await buildStaff(t, agency, ['agency_admin'])).username;
  ids.postal = await buildDeskService(t, agency, 'گواهی با پاسخ پستی');
  ids.plain = await buildDeskService(t, agency, 'گواهی بی پست');
  await t.ctx.database.query('UPDATE service_versions SET postal_delivery = true WHERE service_id = $1', [ids.postal]);
  managerName = (await buildStaff(t, agency, ['unit_manager'])).username;
  // The manager signs the answers: the post gets an answer only once it is signed.
  const enrolled = await call('POST', '/documents/signer-keys', await signInStaff(t, managerName), { pin: PIN });
  expect(enrolled.statusCode, enrolled.body).toBe(201);
  clerkName = (await buildStaff(t, agency, ['desk_clerk'])).username;
});
afterAll(() => t?.close());
beforeEach(() => {
  // A fresh simulator per test, injected where the app and the job find the post.
  post = createPostalSimulator({ latencyMs: 1 });
  t.ctx.postal = post;
});

describe('an online applicant chooses postal delivery', () => {
  it('is refused where the version does not offer it: POSTAL_NOT_OFFERED, nothing stored', async () => {
    const c = await citizen();
    const res = await call('POST', '/requests', c, { serviceId: ids.plain, form, postal: {} });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('POSTAL_NOT_OFFERED');
    expect(await requestsOf(c)).toBe(0);
    expect(await dispatchesOf(c)).toBe(0);
  });

  it('without an address on the profile or given: POSTAL_ADDRESS_MISSING at its fields, nothing stored', async () => {
    const c = await citizen(false);
    const res = await call('POST', '/requests', c, { serviceId: ids.postal, form, postal: {} });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'POSTAL_ADDRESS_MISSING', details: { fields: expect.arrayContaining(['postal.postalCode', 'postal.address']) } });
    expect(res.json().error.message).toContain('نشانی');
    expect(await requestsOf(c)).toBe(0);
    // Given, the address is kept (and the name on the profile, or the one given).
    const given = await call('POST', '/requests', c, { serviceId: ids.postal, form, postal: { ...address, recipientName: 'علی رضایی' } });
    expect(given.statusCode, given.body).toBe(201);
    const [kept] = await t.ctx.database.query<{ recipient_name: string; postal_code: string; status: string }>('SELECT recipient_name, postal_code, status FROM postal_dispatches WHERE request_id = $1', [given.json().id]);
    expect(kept).toEqual({ recipient_name: 'علی رضایی', postal_code: address.postalCode, status: 'awaiting_answer' });
  });

  it('refuses NUL, a malformed postal code and unknown keys in the choice, storing nothing', async () => {
    const c = await citizen();
    for (const postal of [{ ...address, address: 'تهران\u0000 پلاک ۲' }, { ...address, recipientName: 'a\u0000' }, { ...address, postalCode: '0123456789' }, { ...address, extra: 1 }, { ...address, address: 'x'.repeat(501) }]) {
      const res = await call('POST', '/requests', c, { serviceId: ids.postal, form, postal });
      expect(res.statusCode, JSON.stringify(postal)).toBe(400);
    }
    expect(await requestsOf(c)).toBe(0);
  });

  it('to the profile’s address: kept awaiting the answer; the applicant and the desk staff see it, the applicant no error text', async () => {
    const c = await citizen();
    clerk = await signInStaff(t, clerkName);
    const res = await call('POST', '/requests', c, { serviceId: ids.postal, form, postal: {} });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string }>().id;
    const seen = (await call('GET', `/requests/${id}/channel`, c)).json();
    expect(seen).toMatchObject({ channel: 'online', postal: { status: 'awaiting_answer', postalCodeMasked: '16******44', attempts: 0, postalTracking: null, lastError: null } });
    expect((await call('GET', `/requests/${id}/channel`, clerk)).statusCode).toBe(200);
    expect((await call('GET', `/requests/${id}/channel`, await citizen())).statusCode).toBe(404);
  });
});

describe('the postal outbox', () => {
  it('an answer waiting for its signature stays with the agency; its signature makes the dispatch due and the job hands it over', async () => {
    const id = await answeredByPost(false);
    const [noted] = await t.ctx.database.query<{ status: string; document_id: string | null }>('SELECT status, document_id FROM postal_dispatches WHERE request_id = $1', [id]);
    expect(noted).toMatchObject({ status: 'awaiting_answer', document_id: expect.any(String) });
    await t.ctx.runner!.runDue();
    expect(await runPostalDispatches(t.ctx)).toEqual({ dispatched: 0, retrying: 0, failed: 0 });
    expect(handOversOf(id)).toHaveLength(0);
    expect(await eventsOf(id)).toEqual([]);
    // The signer signs it from the inbox: the signature's transaction makes the dispatch due.
    const signed = await call('POST', `/documents/${noted!.document_id}/sign`, await signInStaff(t, managerName), { pin: PIN });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(await dispatchRow(id)).toMatchObject({ status: 'due' });
    await t.ctx.runner!.runDue();
    expect(await dispatchRow(id)).toMatchObject({ status: 'dispatched' });
    expect(handOversOf(id)).toHaveLength(1);
    expect(await eventsOf(id)).toEqual(['due', 'dispatched']);
  });

  it('the answer’s signature only marks the dispatch due; the job hands it over once, with event and audit entry', async () => {
    const id = await answeredByPost();
    expect(handOversOf(id)).toHaveLength(0);
    expect(await dispatchRow(id)).toMatchObject({ status: 'due', attempts: 0 });
    expect(await eventsOf(id)).toEqual(['due']);
    await t.ctx.runner!.runDue();
    const row = await dispatchRow(id);
    expect(row).toMatchObject({ status: 'dispatched', attempts: 1, postal_tracking: expect.stringMatching(/^[1-9]\d{23}$/) });
    expect(handOversOf(id)).toHaveLength(1);
    expect(handOversOf(id)[0]).toMatchObject({ reference: id, postalCode: address.postalCode, recipientName: 'مریم احمدی' });
    expect(await eventsOf(id)).toEqual(['due', 'dispatched']);
    await sealAuditNow(t.ctx.database);
    const audits = await t.ctx.database.query<{ action: string; actor_type: string; details: Record<string, unknown> }>("SELECT action, actor_type, details FROM audit_entries WHERE object_id = $1 AND object_type = 'postal_dispatch' ORDER BY seq", [id]);
    expect(audits.map((a) => [a.action, a.actor_type])).toEqual([['postal_dispatch.due', 'staff'], ['postal_dispatch.dispatch', 'system']]);
    expect(audits[1]!.details).toMatchObject({ postalTracking: row.postal_tracking });
    // Another run finds nothing to do.
    expect(await runPostalDispatches(t.ctx)).toEqual({ dispatched: 0, retrying: 0, failed: 0 });
  });

  it('the post failing twice then taking it: retried after 1 then 2 minutes, dispatched once with one tracking number', async () => {
    const id = await answeredByPost();
    post.failNext(2);
    expect(await runPostalDispatches(t.ctx)).toEqual({ dispatched: 0, retrying: 1, failed: 0 });
    const first = await dispatchRow(id);
    expect(first).toMatchObject({ status: 'due', attempts: 1, last_error: expect.stringContaining('unavailable') });
    expect(new Date(first.next_attempt_at!).getTime()).toBe(t.clock.now().getTime() + postalBackoffMs(1));
    // The retry is asked of the job queue for that time (the ten-minute sweep is only a safety net).
    const [retry] = await t.ctx.database.query<{ run_at: Date }>('SELECT run_at FROM jobs WHERE dedupe_key = $1', [`channels.postal_dispatch:${id}:1`]);
    expect(new Date(retry!.run_at).getTime()).toBe(new Date(first.next_attempt_at!).getTime());
    // The staff see the attempts and the error; the applicant the attempts, not the error.
    expect((await call('GET', `/requests/${id}/channel`, clerk)).json().postal).toMatchObject({ status: 'due', attempts: 1, lastError: expect.stringContaining('unavailable'), nextAttemptAt: expect.any(String) });
    // Before the backoff has passed nothing is tried.
    t.clock.advance(postalBackoffMs(1) - 1000);
    expect(await runPostalDispatches(t.ctx)).toEqual({ dispatched: 0, retrying: 0, failed: 0 });
    t.clock.advance(1000);
    expect(await runPostalDispatches(t.ctx)).toEqual({ dispatched: 0, retrying: 1, failed: 0 });
    t.clock.advance(postalBackoffMs(2));
    expect(await runPostalDispatches(t.ctx)).toEqual({ dispatched: 1, retrying: 0, failed: 0 });
    expect(handOversOf(id)).toHaveLength(3);
    const row = await dispatchRow(id);
    expect(row).toMatchObject({ status: 'dispatched', attempts: 3, last_error: null });
    expect(await eventsOf(id)).toEqual(['due', 'attempt_failed', 'attempt_failed', 'dispatched']);
    const tracking = await t.ctx.database.query<{ n: number }>("SELECT count(DISTINCT payload->>'postalTracking')::int AS n FROM events WHERE stream_type = 'postal_dispatch' AND stream_id = $1 AND action = 'dispatched'", [id]);
    expect(tracking[0]!.n).toBe(1);
    t.clock.advance(postalBackoffMs(8));
    expect(await runPostalDispatches(t.ctx)).toEqual({ dispatched: 0, retrying: 0, failed: 0 });
  });

  it('after POSTAL_MAX_ATTEMPTS failures the dispatch is failed, with event and audit entry, and the desk staff see it', async () => {
    const id = await answeredByPost();
    post.failNext(100);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const run = await runPostalDispatches(t.ctx);
      expect(run).toEqual(attempt < MAX_ATTEMPTS ? { dispatched: 0, retrying: 1, failed: 0 } : { dispatched: 0, retrying: 0, failed: 1 });
      t.clock.advance(postalBackoffMs(attempt));
    }
    expect(await dispatchRow(id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, next_attempt_at: null, postal_tracking: null });
    expect(await eventsOf(id)).toEqual(['due', 'attempt_failed', 'attempt_failed', 'failed']);
    expect((await call('GET', `/requests/${id}/channel`, clerk)).json().postal).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastError: expect.any(String), nextAttemptAt: null });
    await sealAuditNow(t.ctx.database);
    const [entry] = await t.ctx.database.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_entries WHERE object_id = $1 AND action = 'postal_dispatch.fail'", [id]);
    expect(entry!.details).toMatchObject({ attempt: MAX_ATTEMPTS });
    // Failed is for good: no later run hands it over.
    t.clock.advance(postalBackoffMs(10));
    expect(await runPostalDispatches(t.ctx)).toEqual({ dispatched: 0, retrying: 0, failed: 0 });
    expect(handOversOf(id)).toHaveLength(MAX_ATTEMPTS);
  });

  it('sixteen overlapping runs hand a dispatch over once', async () => {
    const id = await answeredByPost();
    const runs = await Promise.all(Array.from({ length: 16 }, () => runPostalDispatches(t.ctx)));
    expect(runs.reduce((n, r) => n + r.dispatched, 0)).toBe(1);
    expect(handOversOf(id)).toHaveLength(1);
    expect(await eventsOf(id)).toEqual(['due', 'dispatched']);
    expect(await dispatchRow(id)).toMatchObject({ status: 'dispatched', attempts: 1 });
  });

  it('a crash between the hand-over and its record: after the lease the item is handed over again with the same reference, and the post’s first tracking number is recorded once', async () => {
    const id = await answeredByPost();
    // A run claims the dispatch and hands it to the post, then dies before recording anything.
    const now = t.clock.now();
    const [claimed] = await withTransaction(t.ctx.database, (tx) => repo.claimDue(tx.db, 10, now, new Date(now.getTime() + t.ctx.config.POSTAL_TIMEOUT_MS + 60_000)));
    expect(claimed?.requestId).toBe(id);
    const first = await dispatchByPost(post, { reference: id, recipientName: claimed!.recipientName, postalCode: claimed!.postalCode, address: claimed!.address }, 1000);
    // While its lease holds no other run takes it.
    expect(await runPostalDispatches(t.ctx)).toEqual({ dispatched: 0, retrying: 0, failed: 0 });
    t.clock.advance(t.ctx.config.POSTAL_TIMEOUT_MS + 60_000);
    expect(await runPostalDispatches(t.ctx)).toEqual({ dispatched: 1, retrying: 0, failed: 0 });
    // Handed over twice (at least once, not exactly once); the post knows the reference and gives the same number.
    expect(handOversOf(id)).toHaveLength(2);
    expect(await dispatchRow(id)).toMatchObject({ status: 'dispatched', attempts: 2, postal_tracking: first.trackingNumber });
    expect(await eventsOf(id)).toEqual(['due', 'dispatched']);
    // The dead run's late record is refused: the attempt is no longer its own.
    expect(await withTransaction(t.ctx.database, (tx) => repo.markDispatched(tx.db, id, 1, '1'.repeat(24), t.clock.now()))).toBe(false);
  });
});

describe('the desk staff send a failed dispatch again', () => {
  /** An answered postal request whose dispatch has failed POSTAL_MAX_ATTEMPTS times. */
  async function failedDispatch(): Promise<string> {
    const id = await answeredByPost();
    post.failNext(MAX_ATTEMPTS);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await runPostalDispatches(t.ctx);
      t.clock.advance(postalBackoffMs(attempt));
    }
    expect(await dispatchRow(id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    return id;
  }
  const retry = (id: string, who: Session, body: object = {}, headers: Record<string, string> = {}) => call('POST', `/requests/${id}/channel/postal-retry`, who, body, headers);
  const retryEvents = async (id: string) => (await eventsOf(id)).filter((e) => e === 'retried').length;

  it('failed → retried: due now with a fresh round, event and audit entry by the staff member, and the next run hands it over once', async () => {
    const id = await failedDispatch();
    const before = (await call('GET', `/requests/${id}/channel`, clerk)).json().postal;
    expect(before).toMatchObject({ status: 'failed', mayRetry: true, retries: 0 });
    // The applicant sees the failure, but may not send it again.
    expect((await call('GET', `/requests/${id}/channel`, applicant)).json().postal).toMatchObject({ status: 'failed', mayRetry: false, lastError: null });
    const res = await retry(id, clerk);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().postal).toMatchObject({ status: 'due', attempts: MAX_ATTEMPTS, retries: 1, mayRetry: false, nextAttemptAt: t.clock.now().toISOString() });
    expect(await dispatchRow(id)).toMatchObject({ status: 'due', retries: 1, address: address.address });
    // The job is asked to run at once.
    const [job] = await t.ctx.database.query<{ run_at: Date }>('SELECT run_at FROM jobs WHERE dedupe_key = $1', [`channels.postal_dispatch:${id}:retry:1`]);
    expect(new Date(job!.run_at).getTime()).toBe(t.clock.now().getTime());
    await sealAuditNow(t.ctx.database);
    const [entry] = await t.ctx.database.query<{ actor_type: string; actor_id: string; details: Record<string, unknown> }>("SELECT actor_type, actor_id, details FROM audit_entries WHERE object_id = $1 AND action = 'postal_dispatch.retry'", [id]);
    expect(entry).toMatchObject({ actor_type: 'staff', details: { retry: 1, attemptsBefore: MAX_ATTEMPTS, corrected: [], reference: id } });
    await t.ctx.runner!.runDue();
    expect(await dispatchRow(id)).toMatchObject({ status: 'dispatched', attempts: MAX_ATTEMPTS + 1, postal_tracking: expect.stringMatching(/^\d{24}$/) });
    expect(handOversOf(id)).toHaveLength(MAX_ATTEMPTS + 1);
    expect(await eventsOf(id)).toEqual(['due', 'attempt_failed', 'attempt_failed', 'failed', 'retried', 'dispatched']);
    // Dispatched: nothing more to send.
    const again = await retry(id, clerk);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'POSTAL_NOT_FAILED']);
  });

  it('a fresh round: POSTAL_MAX_ATTEMPTS more attempts with the backoff from one minute, then failed again', async () => {
    const id = await failedDispatch();
    expect((await retry(id, clerk)).statusCode).toBe(200);
    post.failNext(100);
    expect(await runPostalDispatches(t.ctx)).toEqual({ dispatched: 0, retrying: 1, failed: 0 });
    expect(new Date((await dispatchRow(id)).next_attempt_at!).getTime()).toBe(t.clock.now().getTime() + postalBackoffMs(1));
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      t.clock.advance(postalBackoffMs(attempt - 1));
      await runPostalDispatches(t.ctx);
    }
    expect(await dispatchRow(id)).toMatchObject({ status: 'failed', attempts: 2 * MAX_ATTEMPTS, retries: 1 });
    expect((await call('GET', `/requests/${id}/channel`, clerk)).json().postal).toMatchObject({ status: 'failed', mayRetry: true });
  });

  it('to a corrected address (Persian digits): the post gets the new address under a new reference; the correction is audited by field, not value', async () => {
    const id = await failedDispatch();
    const corrected = { postalCode: '۱۴۱۵۶۶۳۱۱۱', address: 'تهران، خیابان انقلاب، پلاک ۹' };
    const res = await retry(id, clerk, corrected);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().postal.postalCodeMasked).toBe('14******11');
    expect(await dispatchRow(id)).toMatchObject({ postal_code: '1415663111', address: corrected.address });
    await runPostalDispatches(t.ctx);
    expect(handOversOf(`${id}/1`)).toEqual([{ reference: `${id}/1`, recipientName: 'مریم احمدی', postalCode: '1415663111', address: corrected.address }]);
    await sealAuditNow(t.ctx.database);
    const [entry] = await t.ctx.database.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_entries WHERE object_id = $1 AND action = 'postal_dispatch.retry'", [id]);
    expect(entry!.details).toEqual({ retry: 1, attemptsBefore: MAX_ATTEMPTS, corrected: ['postalCode', 'address'], reference: `${id}/1` });
    expect(JSON.stringify(entry!.details)).not.toContain('1415663111');
  });

  it('refuses a malformed correction (NUL, bad postal code, unknown keys, oversize) and changes nothing', async () => {
    const id = await failedDispatch();
    for (const body of [{ address: 'تهران\u0000 پلاک ۲' }, { recipientName: 'a\u0000' }, { postalCode: '0123456789' }, { extra: 1 }, { address: 'x'.repeat(501) }]) {
      const res = await retry(id, clerk, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await dispatchRow(id)).toMatchObject({ status: 'failed', retries: 0, postal_code: address.postalCode, address: address.address });
    expect(await retryEvents(id)).toBe(0);
  });

  it('refuses a dispatch that is not failed (awaiting the answer, due, none at all) with POSTAL_NOT_FAILED, changing nothing', async () => {
    const c = await citizen();
    const awaiting = (await call('POST', '/requests', c, { serviceId: ids.postal, form, postal: {} })).json<{ id: string }>().id;
    const none = (await call('POST', '/requests', c, { serviceId: ids.plain, form })).json<{ id: string }>().id;
    const due = await answeredByPost();
    for (const id of [awaiting, due, none]) {
      const res = await retry(id, clerk, { postalCode: '1415663111' });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'POSTAL_NOT_FAILED', message: expect.stringContaining('ناموفق') });
      expect(await retryEvents(id)).toBe(0);
    }
    expect(await dispatchRow(awaiting)).toMatchObject({ status: 'awaiting_answer', retries: 0, postal_code: address.postalCode });
    expect(await dispatchRow(due)).toMatchObject({ status: 'due', retries: 0, attempts: 0, postal_code: address.postalCode });
    const en = await call('POST', `/requests/${due}/channel/postal-retry`, clerk, {}, { 'accept-language': 'en' });
    expect(en.json().error.message).toContain('has not failed');
    // Handed over now, so that no later test's run finds it due.
    await runPostalDispatches(t.ctx);
  });

  it('another agency’s staff, the agency’s administrator without a desk role and an unknown id: REQUEST_NOT_FOUND; a citizen: FORBIDDEN; nothing changes', async () => {
    const id = await failedDispatch();
    for (const who of [await signInStaff(t, otherClerkName), await signInStaff(t, adminName)]) {
      const res = await retry(id, who);
      expect([res.statusCode, res.json().error.code]).toEqual([404, 'REQUEST_NOT_FOUND']);
    }
    const unknown = await retry('00000000-0000-4000-8000-000000000000', clerk);
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'REQUEST_NOT_FOUND']);
    // A citizen is refused at the route (staff only), before anything is read: 403 as on every staff route.
    const other = await retry(id, await citizen());
    expect([other.statusCode, other.json().error.code]).toEqual([403, 'FORBIDDEN']);
    expect(await dispatchRow(id)).toMatchObject({ status: 'failed', retries: 0 });
    expect(await retryEvents(id)).toBe(0);
  });

  it('sixteen concurrent retries: one retry event and one hand-over; the same Idempotency-Key replays the first answer', async () => {
    const id = await failedDispatch();
    const results = await Promise.all(Array.from({ length: 16 }, () => retry(id, clerk)));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'POSTAL_NOT_FAILED')).toBe(true);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(15);
    expect(await retryEvents(id)).toBe(1);
    await Promise.all(Array.from({ length: 16 }, () => runPostalDispatches(t.ctx)));
    expect(handOversOf(id)).toHaveLength(MAX_ATTEMPTS + 1);
    expect(await dispatchRow(id)).toMatchObject({ status: 'dispatched', retries: 1 });

    const keyed = await failedDispatch();
    const headers = { 'idempotency-key': `postal-retry-${keyed}` };
    const replies = await Promise.all(Array.from({ length: 16 }, () => retry(keyed, clerk, {}, headers)));
    expect(replies.map((r) => r.statusCode)).toEqual(Array.from({ length: 16 }, () => 200));
    expect(replies.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(15);
    expect(await retryEvents(keyed)).toBe(1);
    // The same key with another body is refused.
    const reused = await retry(keyed, clerk, { postalCode: '1415663111' }, headers);
    expect([reused.statusCode, reused.json().error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });
});
