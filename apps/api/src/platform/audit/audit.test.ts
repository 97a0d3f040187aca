import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { ManualClock } from '../clock';
import { withTransaction, type Database } from '../db';
import { audit, rowToContent } from './audit';
import { actorIn, at, tamper, write } from './test-support';
import { canonicalJson, chainHash, GENESIS_HASH } from './chain';
import { createCheckpoint } from './checkpoints';
import { generateAuditKey } from './keys';
import { sealAudit } from './seal';
import { verifyAudit } from './verify';

const key = generateAuditKey();
const verify = (database: Database) => verifyAudit(database, { trustedKeys: [key] });

const entriesOf = (database: Database, chain: string) =>
  database.query<{ seq: string; action: string }>('SELECT seq, action FROM audit_entries WHERE chain_id = $1 ORDER BY seq', [chain]);

describe('canonical JSON and the chain hash', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: null }], c: 'ی' }, u: undefined })).toBe('{"a":{"c":"ی","d":[3,{"y":null,"z":1}]},"b":1}');
  });
  it('is SHA-256 of the previous hash followed by the canonical JSON', () => {
    const content = { occurredAt: at.toISOString(), actorType: 'system', actorId: null, onBehalfOfId: null, action: 'a', objectType: 'o', objectId: null, agencyId: null, requestId: null, ip: null, userAgent: null, details: {} };
    expect(chainHash(GENESIS_HASH, content)).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, content)).not.toBe(chainHash('1'.repeat(64), content));
  });
});

describe('one chain per agency, one for the platform', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('links each agency\'s entries in its own chain, written one after another and concurrently', async () => {
    await write(t.database, 3, 'agency-a', 'seq');
    await Promise.all(Array.from({ length: 12 }, (_, i) => write(t.database, 1, i % 2 ? 'agency-a' : 'agency-b', `par${i}-`)));
    await write(t.database, 2, null, 'platform');
    const report = await verify(t.database);
    expect(report).toMatchObject({ ok: true, entries: 17, problems: [] });
    expect(report.chains.map((c) => [c.chain, c.entries])).toEqual([
      ['agency-a', 9],
      ['agency-b', 6],
      ['platform', 2],
    ]);
    expect((await entriesOf(t.database, 'agency-b')).map((e) => Number(e.seq))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('appends a transaction\'s entries for two agencies to both chains, in the order they were recorded per chain', async () => {
    await withTransaction(t.database, async (tx) => {
      audit(tx, { actor: actorIn('agency-b'), at, action: 'transfer.out', objectType: 'file', objectId: 'f1' });
      audit(tx, { actor: actorIn('agency-a'), at, action: 'transfer.in', objectType: 'file', objectId: 'f1' });
      audit(tx, { actor: actorIn('agency-b'), at, action: 'transfer.noted', objectType: 'file', objectId: 'f1' });
    });
    expect(await sealAudit(t.database)).toBe(true);
    expect((await entriesOf(t.database, 'agency-b')).slice(-2).map((e) => e.action)).toEqual(['transfer.out', 'transfer.noted']);
    expect((await entriesOf(t.database, 'agency-a')).at(-1)?.action).toBe('transfer.in');
    expect(await verify(t.database)).toMatchObject({ ok: true, entries: 20 });
  });

  it('writes nothing when the transaction rolls back, leaving no gap', async () => {
    await withTransaction(t.database, async (tx) => {
      audit(tx, { actor: actorIn('agency-a'), at, action: 'never', objectType: 'thing' });
      throw new Error('rolled back');
    }).catch(() => undefined);
    expect(await sealAudit(t.database)).toBe(true);
    expect(await t.database.query("SELECT 1 FROM audit_entries WHERE action = 'never'")).toHaveLength(0);
    expect(await t.database.query('SELECT 1 FROM audit_intake')).toHaveLength(0);
    await write(t.database, 1, 'agency-a', 'after');
    expect(await verify(t.database)).toMatchObject({ ok: true, entries: 21 });
  });

  it('records delegation as the actor on behalf of another person', async () => {
    await withTransaction(t.database, async (tx) => {
      audit(tx, { actor: { type: 'staff', id: 'deputy', onBehalfOfId: 'manager', agencyId: 'agency-a' }, at, action: 'letter.sign', objectType: 'letter', objectId: 'L1' });
    });
    await sealAudit(t.database);
    const [row] = await t.database.query<{ actor_id: string; on_behalf_of_id: string }>("SELECT actor_id, on_behalf_of_id FROM audit_entries WHERE action = 'letter.sign'");
    expect(row).toEqual({ actor_id: 'deputy', on_behalf_of_id: 'manager' });
  });

  it('refuses UPDATE and DELETE of entries and checkpoints through the append-only triggers', async () => {
    await expect(t.database.query("UPDATE audit_entries SET action = 'forged' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(t.database.query('DELETE FROM audit_entries WHERE seq = 1')).rejects.toThrow(/append-only/);
    await createCheckpoint(t.database, key, new ManualClock(at));
    await expect(t.database.query("UPDATE audit_checkpoints SET body = '{}'")).rejects.toThrow(/append-only/);
    await expect(t.database.query('DELETE FROM audit_checkpoints')).rejects.toThrow(/append-only/);
  });
});

describe('tampering with a chain is detected and named', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());
  // Each case gets chains of its own, so one forgery does not mask the next.
  let n = 0;
  const fresh = async () => {
    const agency = `victim-${++n}`;
    await write(t.database, 6, agency);
    await write(t.database, 2, `bystander-${n}`);
    return agency;
  };
  const problemsOf = async (chain: string) => (await verify(t.database)).problems.filter((p) => 'chain' in p && p.chain === chain);

  it('an altered entry', async () => {
    const a = await fresh();
    await tamper(t.database, `UPDATE audit_entries SET details = jsonb_set(details, '{name}', '"رضا"') WHERE chain_id = '${a}' AND seq = 4`);
    expect(await problemsOf(a)).toEqual([expect.objectContaining({ seq: 4, reason: 'HASH_MISMATCH' })]);
    expect(await problemsOf(`bystander-${n}`)).toEqual([]);
  });

  it('an entry whose hash was recomputed to hide a change (the next link breaks)', async () => {
    const a = await fresh();
    const [row] = await t.database.query<Record<string, unknown>>(`SELECT * FROM audit_entries WHERE chain_id = '${a}' AND seq = 4`);
    const altered = { ...rowToContent(row as never), action: 'thing.forged' };
    await tamper(t.database, `UPDATE audit_entries SET action = 'thing.forged', hash = '${chainHash(String(row!.prev_hash), altered)}' WHERE chain_id = '${a}' AND seq = 4`);
    expect(await problemsOf(a)).toEqual([expect.objectContaining({ seq: 5, reason: 'PREV_HASH_MISMATCH' })]);
  });

  it('a removed entry and a removed tail', async () => {
    const a = await fresh();
    await tamper(t.database, `DELETE FROM audit_entries WHERE chain_id = '${a}' AND seq >= 5`);
    expect(await problemsOf(a)).toEqual([expect.objectContaining({ seq: 5, reason: 'HEAD_MISMATCH' })]);
    await tamper(t.database, `DELETE FROM audit_entries WHERE chain_id = '${a}' AND seq = 2`);
    expect(await problemsOf(a)).toEqual([expect.objectContaining({ seq: 2, reason: 'SEQUENCE_GAP' })]);
  });

  it('a reordered pair', async () => {
    const a = await fresh();
    await tamper(
      t.database,
      `UPDATE audit_entries SET seq = -1 WHERE chain_id = '${a}' AND seq = 3`,
      `UPDATE audit_entries SET seq = 3 WHERE chain_id = '${a}' AND seq = 4`,
      `UPDATE audit_entries SET seq = 4 WHERE chain_id = '${a}' AND seq = -1`,
    );
    expect(await problemsOf(a)).toEqual([expect.objectContaining({ seq: 3, reason: 'PREV_HASH_MISMATCH' })]);
  });

  it('an entry moved into another agency\'s chain', async () => {
    const a = await fresh();
    await tamper(t.database, `UPDATE audit_entries SET chain_id = '${a}', seq = 7 WHERE chain_id = 'bystander-${n}' AND seq = 2`);
    await t.database.query(`UPDATE audit_chains SET seq = 7 WHERE chain_id = '${a}'`);
    expect(await problemsOf(a)).toEqual([expect.objectContaining({ seq: 7, reason: 'WRONG_CHAIN' })]);
  });
});

describe('signed checkpoints', () => {
  let t: TestDatabase;
  const clock = new ManualClock(at);
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('signs every chain\'s head, and signs nothing when nothing was appended since', async () => {
    await write(t.database, 3, 'agency-a');
    await write(t.database, 2, null);
    const first = await createCheckpoint(t.database, key, clock);
    expect(first).toBeDefined();
    expect(JSON.parse(first!.body)).toMatchObject({ n: 1, previous: GENESIS_HASH, chains: [{ chain: 'agency-a', seq: 3 }, { chain: 'platform', seq: 2 }] });
    expect(await createCheckpoint(t.database, key, clock)).toBeUndefined();
    await write(t.database, 1, 'agency-b');
    const second = await createCheckpoint(t.database, key, clock);
    expect(JSON.parse(second!.body)).toMatchObject({ n: 2, chains: [{ chain: 'agency-a' }, { chain: 'agency-b', seq: 1 }, { chain: 'platform' }] });
    expect(await verify(t.database)).toMatchObject({ ok: true, checkpoints: { count: 2, latest: 2 } });
  });

  it('names a checkpoint whose signature is forged or whose key is not trusted', async () => {
    const other = generateAuditKey();
    expect((await verifyAudit(t.database, { trustedKeys: [other] })).problems).toEqual([
      expect.objectContaining({ checkpoint: 1, reason: 'SIGNATURE_INVALID' }),
      expect.objectContaining({ checkpoint: 2, reason: 'SIGNATURE_INVALID' }),
    ]);
    await t.database.query('ALTER TABLE audit_checkpoints DISABLE TRIGGER audit_checkpoints_append_only');
    await t.database.query(`UPDATE audit_checkpoints SET body = replace(body, '"n":2', '"n":2 ') WHERE id = (SELECT max(id) FROM audit_checkpoints)`);
    await t.database.query('ALTER TABLE audit_checkpoints ENABLE TRIGGER audit_checkpoints_append_only');
    expect((await verify(t.database)).problems).toEqual([expect.objectContaining({ checkpoint: 2, reason: 'SIGNATURE_INVALID' })]);
  });
});
