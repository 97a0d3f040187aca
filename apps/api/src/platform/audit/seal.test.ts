import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, onServer, shareTestDatabase, type TestDatabase } from '../../../test/db';
import { withTransaction, type Database } from '../db';
import { recordChange } from '../events';
import { audit } from './audit';
import { generateAuditKey } from './keys';
import { AuditSealer, sealAudit, sealRound } from './seal';
import { actorIn, at } from './test-support';
import { verifyAudit } from './verify';

const key = generateAuditKey();
const verify = (database: Database, more: { maxSealDelaySeconds?: number; sealWaitMs?: number } = {}) => verifyAudit(database, { trustedKeys: [key], ...more });

/** One audited change through the real write path (the event and its intake row in one statement). */
const change = (database: Database, agencyId: string, id: string) =>
  withTransaction(database, (tx) =>
    recordChange(tx, { actor: actorIn(agencyId), origin: { requestId: 'r' }, at }, { stream: 'thing', id, event: 'created', audit: 'thing.create', agencyId, details: { id } }),
  );

const count = async (database: Database, table: 'audit_entries' | 'audit_intake' | 'audit_chains') =>
  (await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until every row in the intake is below the horizon, so one round seals them all: on a
 * shared PostgreSQL server another database's transaction can hold the horizon back a moment.
 */
async function sealable(database: Database) {
  for (let i = 0; i < 1000; i++) {
    const [r] = await database.query<{ ok: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM audit_intake WHERE xid >= pg_snapshot_xmin(pg_current_snapshot())) AS ok');
    if (r!.ok) return;
    await sleep(10);
  }
  throw new Error('the intake never fell below the horizon');
}

describe('sealing the intake into the chains', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('keeps an entry in the intake until sealed, then moves it under the same id with its seq and hash', async () => {
    await change(t.database, 'agency-s', 's-1');
    const [waiting] = await t.database.query<{ id: string; chain_id: string }>("SELECT id, chain_id FROM audit_intake WHERE content LIKE '%\"s-1\"%'");
    expect(waiting).toMatchObject({ chain_id: 'agency-s' });
    expect(await t.database.query("SELECT 1 FROM audit_entries WHERE object_id = 's-1'")).toEqual([]);
    await sealable(t.database);
    expect(await sealRound(t.database)).toMatchObject({ sealed: 1, full: false, busy: false });
    const [sealed] = await t.database.query<{ id: string; seq: string }>("SELECT id, seq FROM audit_entries WHERE object_id = 's-1'");
    expect([Number(sealed!.id), Number(sealed!.seq)]).toEqual([Number(waiting!.id), 1]);
    expect(await count(t.database, 'audit_intake')).toBe(0);
    expect(await sealRound(t.database)).toMatchObject({ sealed: 0, full: false, busy: false });
  });

  it('never seals the entry of a transaction that rolled back', async () => {
    await withTransaction(t.database, async (tx) => {
      await recordChange(tx, { actor: actorIn('agency-s'), origin: {}, at }, { stream: 'thing', id: 's-lost', event: 'created', audit: 'thing.create', agencyId: 'agency-s' });
      audit(tx, { actor: actorIn('agency-s'), at, action: 'thing.lost', objectType: 'thing', objectId: 's-lost' });
      throw new Error('rolled back');
    }).catch(() => undefined);
    expect(await sealAudit(t.database)).toBe(true);
    expect(await t.database.query("SELECT 1 FROM audit_entries WHERE object_id = 's-lost'")).toEqual([]);
    expect(await count(t.database, 'audit_intake')).toBe(0);
    expect(await verify(t.database)).toMatchObject({ ok: true, pending: { entries: 0 } });
  });

  it('refuses, in the writing transaction, an entry jsonb cannot store (400 VALUE_NOT_STORABLE), so it never reaches the sealer', async () => {
    for (const details of [{ v: 'a\u0000b' }, { v: 'x\uD800y' }, { ['k\u0000']: 1 }, { v: [{ w: '\uDC00' }] }]) {
      await expect(
        withTransaction(t.database, async (tx) => {
          audit(tx, { actor: actorIn('agency-s'), at, action: 'thing.bad', objectType: 'thing', details });
        }),
      ).rejects.toMatchObject({ code: '22P05' });
    }
    // A paired surrogate (an emoji) is fine.
    await withTransaction(t.database, async (tx) => {
      audit(tx, { actor: actorIn('agency-s'), at, action: 'thing.ok', objectType: 'thing', details: { v: '😀' } });
    });
    expect(await sealAudit(t.database)).toBe(true);
    expect(await count(t.database, 'audit_intake')).toBe(0);
  });

  it('rolls a failed round back whole: the intake stays as it was, the chains unchanged, and the next round seals it', async () => {
    const before = { entries: await count(t.database, 'audit_entries'), heads: await t.database.query('SELECT * FROM audit_chains ORDER BY chain_id') };
    for (const id of ['f-1', 'f-2', 'poison', 'f-4']) await change(t.database, id === 'f-4' ? 'agency-f2' : 'agency-f', id);
    await t.database.query(`CREATE FUNCTION fail_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      IF NEW.object_id = 'poison' THEN RAISE EXCEPTION 'disk full (simulated)'; END IF; RETURN NEW; END $$`);
    await t.database.query('CREATE TRIGGER fail_poison BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION fail_poison()');
    await sealable(t.database);
    const failed = await sealRound(t.database).then(
      () => 'sealed',
      (err: Error & { cause?: Error }) => (err.cause ?? err).message,
    );
    expect(failed).toMatch(/disk full/);
    expect(await count(t.database, 'audit_intake')).toBe(4);
    expect(await count(t.database, 'audit_entries')).toBe(before.entries);
    expect(await t.database.query('SELECT * FROM audit_chains ORDER BY chain_id')).toEqual(before.heads);
    // Verification still runs, and says the entries wait too long.
    const stalled = await verify(t.database, { maxSealDelaySeconds: 0, sealWaitMs: 50 });
    expect(stalled.pending.entries).toBe(4);
    expect(stalled.problems).toEqual([expect.objectContaining({ reason: 'SEAL_OVERDUE' })]);

    await t.database.query('DROP TRIGGER fail_poison ON audit_entries');
    expect(await sealRound(t.database)).toMatchObject({ sealed: 4 });
    const sealed = await t.database.query<{ object_id: string; chain_id: string; seq: string }>(
      "SELECT object_id, chain_id, seq FROM audit_entries WHERE chain_id IN ('agency-f', 'agency-f2') ORDER BY id",
    );
    expect(sealed.map((r) => [r.object_id, r.chain_id, Number(r.seq)])).toEqual([
      ['f-1', 'agency-f', 1],
      ['f-2', 'agency-f', 2],
      ['poison', 'agency-f', 3],
      ['f-4', 'agency-f2', 1],
    ]);
    expect(await verify(t.database)).toMatchObject({ ok: true, pending: { entries: 0 } });
  });

  it('seals in batches, in the order written, and a full batch says so', async () => {
    for (let i = 0; i < 7; i++) await change(t.database, 'agency-b', `b-${i}`);
    await sealable(t.database);
    expect(await sealRound(t.database, 3)).toMatchObject({ sealed: 3, full: true, busy: false });
    expect(await sealRound(t.database, 3)).toMatchObject({ sealed: 3, full: true, busy: false });
    expect(await sealRound(t.database, 3)).toMatchObject({ sealed: 1, full: false, busy: false });
    const chain = await t.database.query<{ object_id: string; seq: string }>("SELECT object_id, seq FROM audit_entries WHERE chain_id = 'agency-b' ORDER BY seq");
    expect(chain.map((r) => r.object_id)).toEqual(Array.from({ length: 7 }, (_, i) => `b-${i}`));
  });

  it('runs in the background until stopped, and a failing round does not stop it', async () => {
    const errors: unknown[] = [];
    const sealer = new AuditSealer(t.database, { error: (o: unknown) => errors.push(o) } as never, 20);
    sealer.start();
    sealer.start(); // a second start is ignored
    await change(t.database, 'agency-l', 'l-1');
    for (let i = 0; i < 100 && (await count(t.database, 'audit_intake')) > 0; i++) await sleep(20);
    expect(await t.database.query("SELECT 1 FROM audit_entries WHERE object_id = 'l-1'")).toHaveLength(1);
    await t.database.query(`CREATE OR REPLACE FUNCTION fail_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'down'; END $$`);
    await t.database.query('CREATE TRIGGER fail_all BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION fail_poison()');
    await change(t.database, 'agency-l', 'l-2');
    for (let i = 0; i < 100 && errors.length === 0; i++) await sleep(20);
    expect(errors.length).toBeGreaterThan(0);
    await t.database.query('DROP TRIGGER fail_all ON audit_entries');
    for (let i = 0; i < 100 && (await count(t.database, 'audit_intake')) > 0; i++) await sleep(20);
    expect(await count(t.database, 'audit_intake')).toBe(0);
    await sealer.stop();
    await change(t.database, 'agency-l', 'l-3');
    await sleep(100);
    expect(await count(t.database, 'audit_intake')).toBe(1);
    expect(await sealAudit(t.database)).toBe(true);
    expect(await verify(t.database)).toMatchObject({ ok: true });
  });
});

describe.runIf(onServer)('sealing beside concurrent writers (PostgreSQL)', () => {
  let t: TestDatabase;
  let other: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    other = await shareTestDatabase(t);
  });
  afterAll(async () => {
    await other.drop();
    await t.drop();
  });

  it('16 writers over 2 agencies while sealers run in two processes: every entry sealed exactly once, chains whole, intake empty', async () => {
    const sealers = [new AuditSealer(t.database, { error: () => undefined } as never, 5), new AuditSealer(other.database, { error: () => undefined } as never, 5)];
    for (const s of sealers) s.start();
    const perWriter = 40;
    await Promise.all(
      Array.from({ length: 16 }, async (_, w) => {
        for (let i = 0; i < perWriter; i++) await change(t.database, w % 2 ? 'agency-odd' : 'agency-even', `c-${w}-${i}`);
      }),
    );
    for (const s of sealers) await s.stop();
    expect(await sealAudit(t.database)).toBe(true);
    const [seen] = await t.database.query<{ n: number; distinct: number }>("SELECT count(*)::int AS n, count(DISTINCT object_id)::int AS distinct FROM audit_entries WHERE object_id LIKE 'c-%'");
    expect(seen).toEqual({ n: 16 * perWriter, distinct: 16 * perWriter });
    expect(await count(t.database, 'audit_intake')).toBe(0);
    const report = await verify(t.database);
    expect(report).toMatchObject({ ok: true, problems: [], pending: { entries: 0 } });
    expect(report.chains.map((c) => [c.chain, c.entries])).toEqual([
      ['agency-even', 8 * perWriter],
      ['agency-odd', 8 * perWriter],
    ]);
  });

  it('a transaction still open holds back the entries written after it; they seal after it commits, in (xid, id) order', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let written!: () => void;
    const wroteFirst = new Promise<void>((r) => (written = r));
    const long = withTransaction(t.database, async (tx) => {
      await recordChange(tx, { actor: actorIn('agency-h'), origin: {}, at }, { stream: 'thing', id: 'h-long', event: 'created', audit: 'thing.create', agencyId: 'agency-h' });
      written();
      await gate;
    });
    await wroteFirst;
    for (const id of ['h-2', 'h-3']) await change(t.database, 'agency-h', id);
    // Committed, but after a transaction still running: not sealable yet, and reported as waiting.
    expect(await sealRound(t.database)).toMatchObject({ sealed: 0 });
    expect(await sealAudit(t.database, { maxWaitMs: 100 })).toBe(false);
    const held = await verify(t.database, { maxSealDelaySeconds: 0, sealWaitMs: 100 });
    expect(held.pending.entries).toBe(2);
    expect(held.problems).toEqual([expect.objectContaining({ reason: 'SEAL_OVERDUE' })]);
    expect(await t.database.query("SELECT 1 FROM audit_entries WHERE chain_id = 'agency-h'")).toEqual([]);

    release();
    await long;
    expect(await sealAudit(t.database)).toBe(true);
    const chain = await t.database.query<{ object_id: string; seq: string }>("SELECT object_id, seq FROM audit_entries WHERE chain_id = 'agency-h' ORDER BY seq");
    expect(chain.map((r) => r.object_id)).toEqual(['h-long', 'h-2', 'h-3']);
    expect(await verify(t.database)).toMatchObject({ ok: true, pending: { entries: 0 } });
  });

  it('one sealer at a time: a round finding the lock taken does nothing, and racing rounds never seal an entry twice', async () => {
    for (let i = 0; i < 300; i++) await change(t.database, i % 3 ? 'agency-r' : 'agency-q', `r-${i}`);
    // Another process holds the sealing lock.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = other.database.db.transaction(async (tx) => {
      await tx.execute("SELECT pg_advisory_xact_lock(hashtext('dargah.audit.seal'))");
      locked();
      await gate;
    });
    await isLocked;
    expect(await sealRound(t.database)).toEqual({ sealed: 0, full: false, busy: true });
    release();
    await holder;
    // Racing rounds of two processes, small batches, until drained.
    await sealable(t.database);
    let sealed = 0;
    await Promise.all(
      [t.database, other.database, t.database, other.database].map(async (database) => {
        for (let idle = 0; idle < 3; ) {
          const r = await sealRound(database, 25);
          sealed += r.sealed;
          idle = r.sealed === 0 && !r.busy ? idle + 1 : 0;
        }
      }),
    );
    expect(sealed).toBe(300);
    expect(await count(t.database, 'audit_intake')).toBe(0);
    const [dupes] = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM (SELECT object_id FROM audit_entries WHERE object_id LIKE 'r-%' GROUP BY object_id HAVING count(*) > 1) d");
    expect(dupes!.n).toBe(0);
    expect(await verify(t.database)).toMatchObject({ ok: true });
  });
});
