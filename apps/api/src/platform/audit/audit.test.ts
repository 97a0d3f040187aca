import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, onServer, type TestDatabase } from '../../../test/db';
import type { ActorRef } from '../actor';
import { openEmbeddedDatabase, withTransaction, migrate, type Database } from '../db';
import { audit, verifyAuditChain } from './audit';
import { canonicalJson, chainHash, GENESIS_HASH } from './chain';

const run = promisify(execFile);
const actor: ActorRef = { type: 'staff', id: 'u-1', agencyId: 'a-1' };
const at = new Date('2025-03-20T08:00:00.000Z');

async function write(database: Database, n: number, label = 'x') {
  for (let i = 0; i < n; i++) {
    await withTransaction(database, async (tx) => {
      audit(tx, { actor, at, action: 'thing.create', objectType: 'thing', objectId: `${label}${i}`, details: { i, name: 'علی', nested: { b: 1, a: [1, 'ک'] } }, origin: { ip: '127.0.0.1', requestId: 'r' } });
    });
  }
}

/** Simulates a DBA with direct access: the append-only trigger is bypassed, the chain is not. */
async function tamper(database: Database, statement: string) {
  await database.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only');
  await database.query(statement);
  await database.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only');
}

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

describe('audit chain', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('links entries written in separate and concurrent transactions', async () => {
    await write(t.database, 3, 'seq');
    await Promise.all(Array.from({ length: 12 }, (_, i) => write(t.database, 1, `par${i}-`)));
    const result = await verifyAuditChain(t.database);
    expect(result).toMatchObject({ ok: true, entries: 15 });
    const seqs = await t.database.query<{ seq: string }>('SELECT seq FROM audit_entries ORDER BY seq');
    expect(seqs.map((s) => Number(s.seq))).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  });

  it('writes nothing when the transaction rolls back, leaving no gap', async () => {
    await withTransaction(t.database, async (tx) => {
      audit(tx, { actor, at, action: 'never', objectType: 'thing' });
      throw new Error('rolled back');
    }).catch(() => undefined);
    const rows = await t.database.query("SELECT 1 FROM audit_entries WHERE action = 'never'");
    expect(rows).toHaveLength(0);
    await write(t.database, 1, 'after');
    expect(await verifyAuditChain(t.database)).toMatchObject({ ok: true, entries: 16 });
  });

  it('records delegation as the actor on behalf of another person', async () => {
    await withTransaction(t.database, async (tx) => {
      audit(tx, { actor: { type: 'staff', id: 'deputy', onBehalfOfId: 'manager' }, at, action: 'letter.sign', objectType: 'letter', objectId: 'L1' });
    });
    const [row] = await t.database.query<{ actor_id: string; on_behalf_of_id: string }>("SELECT actor_id, on_behalf_of_id FROM audit_entries WHERE action = 'letter.sign'");
    expect(row).toEqual({ actor_id: 'deputy', on_behalf_of_id: 'manager' });
  });

  it('refuses UPDATE and DELETE through the append-only trigger', async () => {
    await expect(t.database.query("UPDATE audit_entries SET action = 'forged' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(t.database.query('DELETE FROM audit_entries WHERE seq = 1')).rejects.toThrow(/append-only/);
  });
});

describe('tampering is detected and named', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await write(t.database, 6);
  });
  afterAll(() => t.drop());

  it('names an entry whose content was altered', async () => {
    await tamper(t.database, `UPDATE audit_entries SET details = jsonb_set(details, '{name}', '"رضا"') WHERE seq = 4`);
    expect(await verifyAuditChain(t.database)).toMatchObject({ ok: false, brokenAt: 4, reason: 'HASH_MISMATCH' });
  });

  it('names an entry whose hash was recomputed to hide a change (the next link breaks)', async () => {
    const [row] = await t.database.query<Record<string, unknown>>('SELECT * FROM audit_entries WHERE seq = 4');
    const { rowToContent } = await import('./audit');
    const forged = chainHash(String(row!.prev_hash), rowToContent(row as never));
    await tamper(t.database, `UPDATE audit_entries SET hash = '${forged}' WHERE seq = 4`);
    expect(await verifyAuditChain(t.database)).toMatchObject({ ok: false, brokenAt: 5, reason: 'PREV_HASH_MISMATCH' });
  });

  it('names a removed entry and a removed tail', async () => {
    await tamper(t.database, 'DELETE FROM audit_entries WHERE seq >= 4');
    expect(await verifyAuditChain(t.database)).toMatchObject({ ok: false, brokenAt: 4, reason: 'HEAD_MISMATCH' });
    await tamper(t.database, 'DELETE FROM audit_entries WHERE seq = 2');
    expect(await verifyAuditChain(t.database)).toMatchObject({ ok: false, brokenAt: 2, reason: 'SEQUENCE_GAP' });
  });
});

describe('npm run audit:verify', () => {
  const cli = path.resolve(__dirname, '../../cli/audit-verify.ts');
  const tsx = path.resolve(__dirname, '../../../../../node_modules/.bin/tsx');

  async function verifyWith(env: Record<string, string>) {
    try {
      const { stdout } = await run(tsx, [cli], { env: { ...process.env, LOG_LEVEL: 'silent', ...env } });
      return { code: 0, stdout };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout + e.stderr };
    }
  }

  it('passes on an intact chain and fails naming the tampered entry', async () => {
    let env: Record<string, string>;
    let database: Database;
    let cleanup: () => Promise<void>;
    if (onServer) {
      const t = await createTestDatabase();
      database = t.database;
      env = { DATABASE_URL: t.url! };
      cleanup = () => t.drop();
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dargah-audit-'));
      database = await openEmbeddedDatabase({ dataDir: dir });
      await migrate(database);
      env = { DATA_DIR: dir };
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
    await write(database, 5);
    const reopen = async () => {
      if (!onServer) await database.close();
    };
    await reopen();
    const good = await verifyWith(env);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/intact: 5 entries/);
    if (!onServer) {
      database = await openEmbeddedDatabase({ dataDir: env.DATA_DIR! });
    }
    await tamper(database, `UPDATE audit_entries SET actor_id = 'someone-else' WHERE seq = 3`);
    await reopen();
    const bad = await verifyWith(env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/BROKEN at entry 3 \(HASH_MISMATCH\)/);
    await cleanup();
  }, 60_000);
});

describe.runIf(onServer)('grants on PostgreSQL', () => {
  it('lets the application role only read and append the audit trail', async () => {
    const t = await createTestDatabase();
    try {
      await write(t.database, 1);
      const role = `dargah_app_test_${process.pid}`;
      await t.database.query(`DO $$ BEGIN CREATE ROLE ${role} LOGIN IN ROLE dargah_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
      const u = new URL(t.url!);
      u.username = role;
      const c = new pg.Client({ connectionString: u.toString() });
      await c.connect();
      try {
        await c.query('SET ROLE dargah_app');
        expect((await c.query('SELECT count(*)::int AS n FROM audit_entries')).rows[0].n).toBe(1);
        await expect(c.query("UPDATE audit_entries SET action = 'x'")).rejects.toThrow(/permission denied/);
        await expect(c.query('DELETE FROM audit_entries')).rejects.toThrow(/permission denied/);
        await expect(c.query('TRUNCATE audit_entries')).rejects.toThrow(/permission denied/);
      } finally {
        await c.end();
      }
    } finally {
      await t.drop();
    }
  });
});
