import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationRoleUrl, asApplicationRole, createTestDatabase, onServer, type TestDatabase } from '../../../test/db';
import { ManualClock } from '../clock';
import { migrate, openEmbeddedDatabase, openServerDatabase, withTransaction, type Database } from '../db';
import { audit, rowToContent, type AuditRow } from './audit';
import { chainHash, GENESIS_HASH } from './chain';
import { createCheckpoint, exportedKey, listCheckpoints } from './checkpoints';
import { generateAuditKey } from './keys';
import { actorIn, at, tamper, write } from './test-support';
import { verifyAudit } from './verify';

const run = promisify(execFile);
const key = generateAuditKey();
const clock = new ManualClock(at);

/** The latest checkpoint as an outsider keeps it (what GET /api/v1/audit/checkpoints/latest answers). */
async function outsiderCopy(database: Database) {
  const [latest] = await listCheckpoints(database, { limit: 1 });
  return { checkpoint: { body: latest!.body, keyId: latest!.keyId, signature: latest!.signature }, key };
}

/** A superuser rewrites entries from..to of a chain with the project's own hash function and moves the head. */
async function rewriteAndRehash(database: Database, chain: string, from: number, to: number) {
  const entries = await database.query<AuditRow & Record<string, unknown>>('SELECT * FROM audit_entries WHERE chain_id = $1 ORDER BY seq', [chain]);
  let prev = GENESIS_HASH;
  const statements: string[] = [];
  for (const e of entries) {
    const seq = Number(e.seq);
    const content = seq >= from && seq <= to ? { ...rowToContent(e), action: 'thing.whitewashed' } : rowToContent(e);
    const hash = chainHash(prev, content);
    statements.push(`UPDATE audit_entries SET action = '${content.action}', prev_hash = '${prev}', hash = '${hash}' WHERE chain_id = '${chain}' AND seq = ${seq}`);
    prev = hash;
  }
  // Hashes are unique: clear them first so the rewrite does not collide with itself.
  await tamper(database, `UPDATE audit_entries SET hash = md5(random()::text) || md5(random()::text) WHERE chain_id = '${chain}'`, ...statements);
  await database.query('UPDATE audit_chains SET hash = $2 WHERE chain_id = $1', [chain, prev]);
}

describe('a superuser rewriting history is caught by the checkpoints', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('deleting the last entry and moving the head back: the chain looks whole, the checkpoint does not', async () => {
    await write(t.database, 10, 'agency-del');
    await createCheckpoint(t.database, key, clock);
    const copy = await outsiderCopy(t.database);
    const [head] = await t.database.query<{ prev_hash: string }>("SELECT prev_hash FROM audit_chains WHERE chain_id = 'agency-del'");
    await tamper(t.database, "DELETE FROM audit_entries WHERE chain_id = 'agency-del' AND seq = 10");
    await t.database.query("UPDATE audit_chains SET seq = 9, hash = $1 WHERE chain_id = 'agency-del'", [head!.prev_hash]);

    const withoutCheckpoints = await verifyAudit(t.database, { trustedKeys: [] });
    expect(withoutCheckpoints.problems.filter((p) => 'chain' in p && p.reason !== 'SIGNATURE_INVALID')).toEqual([]);
    expect((await verifyAudit(t.database, { trustedKeys: [key] })).problems).toEqual([
      expect.objectContaining({ checkpoint: 1, chain: 'agency-del', seq: 10, reason: 'CHAIN_TRUNCATED' }),
    ]);
    // The superuser also deletes the checkpoints from the database: the outsider's copy still tells.
    await t.database.query('ALTER TABLE audit_checkpoints DISABLE TRIGGER audit_checkpoints_no_truncate');
    await t.database.query('TRUNCATE audit_checkpoints');
    await t.database.query('ALTER TABLE audit_checkpoints ENABLE TRIGGER audit_checkpoints_no_truncate');
    expect((await verifyAudit(t.database, { trustedKeys: [key] })).ok).toBe(true);
    expect((await verifyAudit(t.database, { trustedKeys: [key], against: copy })).problems).toEqual([
      expect.objectContaining({ chain: 'agency-del', seq: 10, reason: 'CHAIN_TRUNCATED' }),
    ]);
  });

  it('rewriting 51 entries and recomputing every hash with the project\'s own function', async () => {
    await write(t.database, 60, 'agency-rw');
    await createCheckpoint(t.database, key, clock);
    const copy = await outsiderCopy(t.database);
    await write(t.database, 5, 'agency-rw', 'later');
    await rewriteAndRehash(t.database, 'agency-rw', 5, 55);

    const plain = await verifyAudit(t.database, { trustedKeys: [] });
    expect(plain.problems.filter((p) => 'chain' in p && p.chain === 'agency-rw')).toEqual([]);
    expect((await verifyAudit(t.database, { trustedKeys: [key], against: copy })).problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ chain: 'agency-rw', seq: 60, reason: 'CHAIN_REWRITTEN' })]),
    );
  });

  it('refuses an outsider\'s copy that was not signed by the key they trust', async () => {
    const copy = await outsiderCopy(t.database);
    const forged = { checkpoint: { ...copy.checkpoint, body: copy.checkpoint.body.replace('"n":', '"n": ') }, key };
    expect((await verifyAudit(t.database, { trustedKeys: [key], against: forged })).problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ reason: 'SIGNATURE_INVALID' })]),
    );
  });
});

describe('verification while the platform writes', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await write(t.database, 20, 'agency-a');
  });
  afterAll(() => t.drop());

  it('reports no false alarm under concurrent writes to many chains (one snapshot)', async () => {
    let writing = true;
    const writers = Array.from({ length: 6 }, async (_, w) => {
      for (let i = 0; writing; i++) await write(t.database, 1, `agency-${(w + i) % 4}`, `w${w}-${i}-`);
    });
    const reports = [];
    for (let i = 0; i < 15; i++) {
      reports.push(await verifyAudit(t.database, { trustedKeys: [key], pageSize: 7 }));
      if (i % 5 === 0) await createCheckpoint(t.database, key, clock);
    }
    writing = false;
    await Promise.all(writers);
    expect(reports.filter((r) => !r.ok)).toEqual([]);
    expect(reports.at(-1)!.entries).toBeGreaterThan(20);
  });
});

describe.runIf(onServer)('two transactions touching the same two agencies in opposite order (PostgreSQL)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('never deadlock: each transaction runs once, both chains stay whole', async () => {
    let attempts = 0;
    const pairs = 25;
    const both = (first: string, second: string, gate: Promise<void>, arrive: () => void) =>
      withTransaction(t.database, async (tx) => {
        attempts++;
        // Both transactions reach COMMIT together (under ADR 0012 each then took the two heads'
        // locks, in a fixed order; now they take none: the sealer links their entries later).
        tx.beforeCommit(async () => {
          arrive();
          await gate;
        });
        audit(tx, { actor: actorIn(first), at, action: 'exchange.send', objectType: 'letter', objectId: first });
        audit(tx, { actor: actorIn(second), at, action: 'exchange.receive', objectType: 'letter', objectId: second });
      });
    for (let i = 0; i < pairs; i++) {
      let arrived = 0;
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const arrive = () => {
        if (++arrived === 2) open();
      };
      await Promise.all([both('agency-x', 'agency-y', gate, arrive), both('agency-y', 'agency-x', gate, arrive)]);
    }
    expect(attempts).toBe(pairs * 2);
    expect(await verifyAudit(t.database, { trustedKeys: [key] })).toMatchObject({ ok: true, entries: pairs * 4 });
  });
});

describe('npm run audit:verify', () => {
  const cli = path.resolve(__dirname, '../../cli/audit-verify.ts');
  const tsx = path.resolve(__dirname, '../../../../../node_modules/.bin/tsx');
  const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dargah-audit-key-')), 'key.pem');
  fs.writeFileSync(keyFile, key.privateKey!.export({ type: 'pkcs8', format: 'pem' }));

  async function verifyWith(env: Record<string, string>, args: string[] = []) {
    try {
      const { stdout } = await run(tsx, [cli, ...args], { env: { ...process.env, LOG_LEVEL: 'silent', AUDIT_SIGNING_KEY_FILE: keyFile, ...env } });
      return { code: 0, stdout };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout + e.stderr };
    }
  }

  it('passes on intact chains, fails naming the tampered entry, and checks an outsider\'s copy', async () => {
    let env: Record<string, string>;
    let database: Database;
    let cleanup: () => Promise<void>;
    if (onServer) {
      const tdb = await createTestDatabase();
      database = tdb.database;
      env = { DATABASE_URL: tdb.url! };
      cleanup = () => tdb.drop();
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dargah-audit-'));
      database = await openEmbeddedDatabase({ dataDir: dir });
      await migrate(database);
      env = { DATA_DIR: dir };
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
    // The embedded database serves one process: close it while the CLI runs.
    const handOver = async () => {
      if (!onServer) await database.close();
    };
    const takeBack = async () => {
      if (!onServer) database = await openEmbeddedDatabase({ dataDir: env.DATA_DIR! });
    };
    await write(database, 5, 'agency-a');
    await write(database, 2, null);
    await createCheckpoint(database, key, clock);
    const copyFile = path.join(path.dirname(keyFile), 'checkpoint.json');
    const [latest] = await listCheckpoints(database, { limit: 1 });
    fs.writeFileSync(copyFile, JSON.stringify({ ...latest, publicKeyPem: exportedKey(key).publicKeyPem }));
    await handOver();

    const good = await verifyWith(env, ['--against', copyFile]);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/audit intact: 7 entries in 2 chains, 1 checkpoints verified/);

    await takeBack();
    await tamper(database, `UPDATE audit_entries SET actor_id = 'someone-else' WHERE chain_id = 'agency-a' AND seq = 3`);
    await handOver();
    const bad = await verifyWith(env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/HASH_MISMATCH: chain agency-a: entry 3 was altered/);

    await takeBack();
    await rewriteAndRehash(database, 'agency-a', 1, 5);
    await database.query('ALTER TABLE audit_checkpoints DISABLE TRIGGER audit_checkpoints_no_truncate');
    await database.query('TRUNCATE audit_checkpoints');
    await database.query('ALTER TABLE audit_checkpoints ENABLE TRIGGER audit_checkpoints_no_truncate');
    await handOver();
    const outsider = await verifyWith(env, ['--against', copyFile]);
    expect(outsider.code).toBe(1);
    expect(outsider.stdout).toMatch(/CHAIN_REWRITTEN: the given checkpoint 1: chain agency-a entry 5/);
    await takeBack();
    await handOver();
    await cleanup();
  }, 180_000);
});

describe.runIf(onServer)('grants on PostgreSQL', () => {
  it('lets the application role only read and append the audit trail and its checkpoints, and fill, seal and empty the intake', async () => {
    const t = await createTestDatabase();
    try {
      await write(t.database, 1, 'agency-a');
      await createCheckpoint(t.database, key, clock);
      await asApplicationRole(t, 'test', async (c) => {
        expect((await c.query('SELECT count(*)::int AS n FROM audit_entries')).rows[0].n).toBe(1);
        for (const [table, column] of [['audit_entries', 'action'], ['audit_checkpoints', 'body']]) {
          await expect(c.query(`UPDATE ${table} SET ${column} = 'x'`)).rejects.toThrow(/permission denied/);
          await expect(c.query(`DELETE FROM ${table}`)).rejects.toThrow(/permission denied/);
          await expect(c.query(`TRUNCATE ${table}`)).rejects.toThrow(/permission denied/);
        }
        // The intake: written and emptied by the app (its writers and its sealer), never rewritten.
        await expect(c.query("UPDATE audit_intake SET content = 'x'")).rejects.toThrow(/permission denied/);
        await expect(c.query('TRUNCATE audit_intake')).rejects.toThrow(/permission denied/);
      });
      // The app's own role writes entries and seals them.
      const app = await openServerDatabase(await applicationRoleUrl(t, 'test'), 2);
      try {
        await write(app, 2, 'agency-b');
        expect(await app.query("SELECT count(*)::int AS n FROM audit_entries WHERE chain_id = 'agency-b'")).toEqual([{ n: 2 }]);
        expect(await verifyAudit(app, { trustedKeys: [key] })).toMatchObject({ ok: true, pending: { entries: 0 } });
      } finally {
        await app.close();
      }
    } finally {
      await t.drop();
    }
  });
});
