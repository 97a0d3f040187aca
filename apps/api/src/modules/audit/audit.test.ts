import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditChainStatus, AuditEntry, AuditEntryPage, AuditVerificationRecord } from '@dargah/contracts';
import { buildTestApp, type TestApp } from '../../../test/app';
import { asApplicationRole, onServer } from '../../../test/db';
import { buildAgency, buildStaff, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import type { ActorRef } from '../../platform/actor';
import { audit } from '../../platform/audit';
import { withTransaction } from '../../platform/db';

/*
 * The audit log screens' API: who reads which entries, the filters (with Jalali and ISO days in
 * any digits), keyset pages, one entry with names and without secrets, the CSV download, and the
 * chain's status and verification — including a chain someone tampered with.
 */

let t: TestApp;
const ag = {} as Record<'A' | 'B', string>;
type Who = 'auditor' | 'platform' | 'adminA' | 'clerkA' | 'citizen';
const s = {} as Record<Who, Session>;
const ids = {} as Record<'auditor' | 'adminA' | 'clerkA' | 'deputy', string>;

const get = (url: string, who?: Who, headers: Record<string, string> = {}) =>
  t.app.inject({ url: `/api/v1${url}`, headers: { ...(who ? s[who].headers : {}), ...headers } });
const page = async (url: string, who: Who) => {
  const res = await get(url, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AuditEntryPage>();
};

/** Writes one entry at a given time, as a module would in its transaction. */
async function write(at: string, e: { actor: ActorRef; action: string; objectType: string; objectId?: string; agencyId?: string | null; details?: Record<string, unknown> }) {
  await withTransaction(t.ctx.database, async (tx) => {
    audit(tx, { at: new Date(at), ...e });
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  ag.A = (await buildAgency(t, { nameFa: 'دستگاه الف', nameEn: 'Agency A' })).id;
  ag.B = (await buildAgency(t, { nameFa: 'دستگاه ب' })).id;
  const auditor = await buildStaff(t, ag.A, [{ role: 'oversight_auditor', includeSubagencies: true }], { displayName: 'حسابرس آزمایشی' });
  const platform = await buildStaff(t, ag.A, ['platform_admin']);
  const adminA = await buildStaff(t, ag.A, ['agency_admin'], { username: 'admin.a.audit', displayName: 'مدیر الف' });
  const clerkA = await buildStaff(t, ag.A, ['desk_clerk'], { username: 'clerk.a.audit', displayName: 'کارمند الف' });
  const deputy = await buildStaff(t, ag.A, ['desk_clerk'], { displayName: 'جانشین الف' });
  Object.assign(ids, { auditor: auditor.id, adminA: adminA.id, clerkA: clerkA.id, deputy: deputy.id });
  s.auditor = await signInStaff(t, auditor.username);
  s.platform = await signInStaff(t, platform.username);
  s.adminA = await signInStaff(t, adminA.username);
  s.clerkA = await signInStaff(t, clerkA.username);
  s.citizen = await signInCitizen(t);

  // Entries of agency A and B in 1404/01 (2025-03-21 …), and one of no agency.
  const clerk: ActorRef = { type: 'staff', id: clerkA.id, agencyId: ag.A };
  await write('2025-03-22T08:00:00Z', { actor: clerk, action: 'thing.create', objectType: 'thing', objectId: 'T-1', details: { title: 'یک' } });
  await write('2025-03-25T08:00:00Z', { actor: clerk, action: 'thing.update', objectType: 'thing', objectId: 'T-1', details: { password: 'hunter22', nested: { tokenHash: 'abc', list: [{ apiKey: 'k' }] }, note: 'dgh_abcdefghijklmnopqrstuvwxyz', code: 'DOM-1' } });
  await write('2025-03-26T21:00:00Z', { actor: { type: 'staff', id: deputy.id, onBehalfOfId: clerkA.id, agencyId: ag.A }, action: 'thing.approve', objectType: 'thing', objectId: 'T-1' });
  await write('2025-03-23T08:00:00Z', { actor: { type: 'staff', id: adminA.id }, action: 'other.create', objectType: 'other', objectId: '=HYPERLINK("x")', agencyId: ag.B });
  await write('2025-03-24T08:00:00Z', { actor: { type: 'system', id: 'system' }, action: 'job.retry', objectType: 'job', objectId: '7' });
});
afterAll(() => t.close());

describe('who reads which entries', () => {
  it('refuses nobody with 401, citizens and staff without a reading role with 403', async () => {
    expect((await get('/audit/entries')).statusCode).toBe(401);
    expect((await get('/audit/entries', 'citizen')).statusCode).toBe(403);
    const clerk = await get('/audit/entries', 'clerkA');
    expect(clerk.statusCode).toBe(403);
    expect(clerk.json().error.code).toBe('FORBIDDEN');
    expect((await get('/audit/entries/1', 'clerkA')).statusCode).toBe(403);
    expect((await get('/audit/status', 'adminA')).statusCode).toBe(403);
  });

  it('gives auditors and platform administrators every entry, newest first', async () => {
    for (const who of ['auditor', 'platform'] as const) {
      const { items } = await page('/audit/entries?limit=100', who);
      const ids = items.map((e) => e.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(items.map((e) => e.action)).toEqual(expect.arrayContaining(['thing.create', 'other.create', 'job.retry', 'staff.sign_in']));
    }
  });

  it('gives an agency administrator only the entries of the agencies they administer', async () => {
    const { items } = await page('/audit/entries?limit=100', 'adminA');
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((e) => e.agency?.id))).toEqual(new Set([ag.A]));
    // Asking for another agency's entries answers with none, not with an error that confirms them.
    expect((await page(`/audit/entries?agencyId=${ag.B}`, 'adminA')).items).toEqual([]);
    const other = (await page(`/audit/entries?agencyId=${ag.B}`, 'auditor')).items[0]!;
    const hidden = await get(`/audit/entries/${other.id}`, 'adminA');
    const missing = await get('/audit/entries/999999', 'adminA');
    expect([hidden.statusCode, hidden.json().error.code]).toEqual([404, 'AUDIT_ENTRY_NOT_FOUND']);
    expect(missing.json().error.code).toBe('AUDIT_ENTRY_NOT_FOUND');
  });
});

describe('filters', () => {
  const actions = async (query: string, who: Who = 'auditor') => (await page(`/audit/entries?limit=100&${query}`, who)).items.map((e) => e.action);

  it('by action, or a kind of action with a trailing dot', async () => {
    expect(await actions('action=thing.update')).toEqual(['thing.update']);
    expect(await actions('action=thing.')).toEqual(['thing.approve', 'thing.update', 'thing.create']);
    expect(await actions('action=thing')).toEqual([]);
  });

  it('by object, agency and actor (username or id; acting or acted for)', async () => {
    expect(await actions('objectType=thing&objectId=T-1')).toEqual(['thing.approve', 'thing.update', 'thing.create']);
    expect(await actions(`agencyId=${ag.B}`)).toEqual(['other.create']);
    expect(await actions('actor=clerk.a.audit&action=thing.')).toEqual(['thing.approve', 'thing.update', 'thing.create']);
    expect(await actions(`actor=${ids.deputy}`)).toEqual(['thing.approve']);
    expect(await actions(`actor=${ids.clerkA.toUpperCase()}&action=thing.create`)).toEqual(['thing.create']);
    expect(await actions('actor=no.such.person')).toEqual([]);
  });

  it('by period: Jalali or ISO days, in Persian, Arabic or Latin digits, whole days in Tehran time', async () => {
    // 1404/01/02 = 2025-03-22; 1404/01/05 = 2025-03-25; the approval at 21:00 UTC on the 26th is 00:30 on the 27th in Tehran.
    const jalali = await actions('action=thing.&from=۱۴۰۴/۰۱/۰۲&to=۱۴۰۴/۰۱/۰۵');
    expect(jalali).toEqual(['thing.update', 'thing.create']);
    expect(await actions('action=thing.&from=2025-03-22&to=2025-03-25')).toEqual(jalali);
    expect(await actions('action=thing.&from=٢٠٢٥-٠٣-٢٣')).toEqual(['thing.approve', 'thing.update']);
    expect(await actions('action=thing.&from=1404/01/07&to=1404/01/07')).toEqual(['thing.approve']);
  });

  it('refuses bad input with a stable code and Persian text, reading nothing', async () => {
    const bad = async (query: string) => {
      const res = await get(`/audit/entries?${query}`, 'auditor');
      expect([query, res.statusCode]).toEqual([query, 400]);
      return res.json<{ error: { code: string; message: string; details: { fields?: Array<{ field: string; code: string }> } } }>().error;
    };
    const date = await bad('from=1404/13/01');
    expect(date.code).toBe('VALIDATION_FAILED');
    expect(date.details.fields).toEqual([expect.objectContaining({ field: 'querystring.from', code: 'JALALI_DATE_INVALID' })]);
    expect(date.message).toMatch(/[\u0600-\u06FF]/);
    expect((await bad('from=1404/01/05&to=1404/01/02')).code).toBe('AUDIT_PERIOD_INVALID');
    for (const q of ['limit=101', 'limit=0', 'cursor=abc', 'cursor=%DB%B1%DB%B2', 'cursor=0', 'action=Thing%20Create', `agencyId=${ag.A}x`, 'objectType=a.b', 'format=pdf']) {
      expect((await bad(q)).code).toBe('VALIDATION_FAILED');
    }
    // A NUL is refused at the edge, before the filters are read.
    for (const q of ['objectId=a%00b', 'actor=%00']) expect((await bad(q)).code).toBe('TEXT_NOT_ALLOWED');
  });
});

describe('pages', () => {
  it('walk the whole list once, newest first, unmoved by entries written meanwhile', async () => {
    const all = (await page('/audit/entries?limit=100', 'auditor')).items.map((e) => e.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const p: AuditEntryPage = await page(`/audit/entries?limit=3${cursor ? `&cursor=${cursor}` : ''}`, 'auditor');
      seen.push(...p.items.map((e) => e.id));
      cursor = p.nextCursor;
      if (seen.length === 3) await write('2025-03-27T08:00:00Z', { actor: { type: 'system', id: 'system' }, action: 'job.retry', objectType: 'job', objectId: 'late' });
    } while (cursor);
    expect(seen).toEqual(all);
  });
});

describe('one entry', () => {
  it('names the actor, the principal and the agency, and hides secrets but nothing else', async () => {
    const [update] = (await page('/audit/entries?action=thing.update', 'auditor')).items;
    const res = await get(`/audit/entries/${update!.id}`, 'auditor');
    const e = res.json<AuditEntry>();
    expect(e).toMatchObject({
      action: 'thing.update',
      actor: { type: 'staff', id: ids.clerkA, name: 'کارمند الف', detail: 'clerk.a.audit' },
      agency: { id: ag.A, nameFa: 'دستگاه الف', nameEn: 'Agency A' },
      objectId: 'T-1',
    });
    expect(e.details).toEqual({ password: '[redacted]', nested: { tokenHash: '[redacted]', list: [{ apiKey: '[redacted]' }] }, note: '[redacted]', code: 'DOM-1' });
    expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    const [approve] = (await page('/audit/entries?action=thing.approve', 'auditor')).items;
    expect(approve!.onBehalfOf).toMatchObject({ type: 'staff', id: ids.clerkA, name: 'کارمند الف' });
    expect(approve!.actor.name).toBe('جانشین الف');
  });
});

describe('the CSV download', () => {
  it('holds the filtered entries with a BOM, Persian headers and formulas defused', async () => {
    const res = await get(`/audit/entries?format=csv&agencyId=${ag.B}`, 'auditor');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.body.startsWith('\uFEFFشماره,زمان,')).toBe(true);
    const lines = res.body.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[1]).toContain('مدیر الف — admin.a.audit');
    expect(lines[1]).toContain('1404/01/03');
  });

  it('follows the language and the reader’s scope', async () => {
    const en = await get('/audit/entries?format=csv&action=thing.create', 'auditor', { 'accept-language': 'en' });
    expect(en.body.startsWith('\uFEFFNo.,Time,')).toBe(true);
    expect(en.body).toContain('2025-03-22T08:00:00.000Z');
    const mine = await get(`/audit/entries?format=csv&agencyId=${ag.B}`, 'adminA');
    expect(mine.body.trim().split('\r\n')).toHaveLength(1);
    expect((await get('/audit/entries?format=csv', 'clerkA')).statusCode).toBe(403);
  });
});

describe('the chain: status and verification', () => {
  const status = async () => (await get('/audit/status', 'auditor')).json<AuditChainStatus>();
  const verify = (who: Who = 'auditor') =>
    t.app.inject({ method: 'POST', url: '/api/v1/audit/verifications', headers: s[who].headers, payload: {} });

  it('tells the chains\' length, then the verification an auditor asked for, by name', async () => {
    const before = await status();
    const [count] = await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_entries');
    const [chains] = await t.ctx.database.query<{ n: number }>('SELECT count(DISTINCT chain_id)::int AS n FROM audit_entries');
    expect(before).toMatchObject({ length: count!.n, chains: chains!.n, latestCheckpoint: null, lastVerification: null });

    const res = await verify();
    expect(res.statusCode).toBe(201);
    const walked = res.json<AuditVerificationRecord>();
    expect(walked).toMatchObject({ ok: true, entries: count!.n, chains: chains!.n, problems: [], requestedBy: { type: 'staff', id: ids.auditor, name: 'حسابرس آزمایشی' } });
    const after = await status();
    expect(after.lastVerification).toEqual(walked);
    // The walk is itself audited.
    expect(after.length).toBe(count!.n + 1);
    expect((await page('/audit/entries?action=audit_chain.verify', 'auditor')).items[0]).toMatchObject({ objectId: walked.id, details: { ok: true } });
  });

  it('refuses the walk to anyone but auditors and platform administrators', async () => {
    for (const who of ['adminA', 'clerkA', 'citizen'] as const) expect((await verify(who)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/audit/verifications', payload: {} })).statusCode).toBe(401);
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/audit/verifications', headers: { cookie: s.auditor.cookie }, payload: {} });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('shares a walk among callers who ask at once, recording each walk once', async () => {
    const [before] = await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_verifications');
    const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => verify(i % 2 ? 'auditor' : 'platform')));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(16).fill(201));
    const walks = new Set(answers.map((a) => a.json<AuditVerificationRecord>().id));
    const [after] = await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_verifications');
    expect(after!.n - before!.n).toBe(walks.size);
    expect(answers.every((a) => a.json<AuditVerificationRecord>().ok)).toBe(true);
  });

  it('records the operations endpoint’s walk too', async () => {
    const ops = await t.app.inject({ url: '/api/v1/operations/audit/verify', headers: t.admin });
    expect(ops.json()).toMatchObject({ ok: true });
    expect((await status()).lastVerification).toMatchObject({ ok: true, requestedBy: { type: 'system', id: 'operations-token' } });
  });

  it('reports a tampered chain with the first broken entry', async () => {
    const [victim] = (await page('/audit/entries?action=thing.create', 'auditor')).items;
    await t.ctx.database.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only');
    await t.ctx.database.query(`UPDATE audit_entries SET object_id = 'forged' WHERE id = ${victim!.id}`);
    await t.ctx.database.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only');
    const walked = (await verify()).json<AuditVerificationRecord>();
    const broken = { reason: 'HASH_MISMATCH', chain: victim!.chain, seq: victim!.chainSeq };
    expect(walked).toMatchObject({ ok: false, problems: [expect.objectContaining(broken)] });
    expect((await status()).lastVerification).toMatchObject({ ok: false, problems: [expect.objectContaining(broken)] });
  });
});

describe.runIf(onServer)('grants on PostgreSQL', () => {
  it('lets the application role record a walk and read it, never change it', async () => {
    await asApplicationRole(t.db, 'verify', async (c) => {
      const { rows } = await c.query<{ id: string }>(
        "INSERT INTO audit_verifications (started_at, finished_at, ok, entries, requested_by_type, requested_by_id) VALUES (now(), now(), true, 0, 'system', 'grants-test') RETURNING id",
      );
      expect(rows).toHaveLength(1);
      await expect(c.query('UPDATE audit_verifications SET ok = false')).rejects.toThrow(/permission denied/);
      await expect(c.query('DELETE FROM audit_verifications')).rejects.toThrow(/permission denied/);
    });
  });

});
