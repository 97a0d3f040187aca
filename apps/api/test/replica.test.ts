import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { createContext } from '../src/bootstrap';
import { ConfigError, loadConfig } from '../src/config';
import type { AppContext } from '../src/platform/context';
import { replicaReads, rows, type Db } from '../src/platform/db';
import { ADMIN_TOKEN } from './app';
import { createTestDatabase, onServer, type TestDatabase } from './db';
import { buildAgency } from './factories';
import { proxyTo } from './tcp-proxy';

/*
 * The read replica (issue 13, ADR 0026) against a real streaming replica of the test cluster:
 * scripts/replica-cluster.sh makes it (pg_createcluster + pg_basebackup), .ci/run runs it and sets
 * TEST_REPLICA_URL for the PostgreSQL run. Without a replica this file has nothing to test.
 */
const replicaUrl = process.env.TEST_REPLICA_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const standby = async (db: Db) => (await rows<{ r: boolean }>(db, sql`SELECT pg_is_in_recovery() AS r`))[0]?.r;

/** The test database's name on the replica's host and port. */
function onReplica(primaryUrl: string, host: string): string {
  const u = new URL(primaryUrl);
  u.host = host;
  return u.toString();
}

/** Waits until `check` holds (the replica replays within a second or so; CI is slower). */
async function eventually(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > until) throw new Error('timed out waiting for the replica');
    await sleep(100);
  }
}

describe('configuration', () => {
  it('refuses a replica without a server primary', () => {
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://r/x' })).toThrow(/DATABASE_READ_URL/);
  });
  it.skipIf(onServer)('refuses a replica beside the embedded database', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: 'postgres://p/x', DATABASE_READ_URL: 'postgres://r/x', DATA_DIR: os.tmpdir() });
    const t = await createTestDatabase();
    try {
      await expect(createContext(config, { database: t.database })).rejects.toBeInstanceOf(ConfigError);
    } finally {
      await t.drop();
    }
  });
});

describe.skipIf(!onServer || !replicaUrl)('read replica (ADR 0026)', () => {
  let t: TestDatabase;
  let ctx: AppContext;
  let app: FastifyInstance;
  let replicaAdmin: pg.Client;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dargah-replica-'));
  /** A context over this file's database whose reads go to `readUrl`. */
  const contextReadingFrom = (readUrl: string, maxLag?: string) =>
    createContext(
      loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ADMIN_API_TOKEN: ADMIN_TOKEN, DATABASE_URL: t.url, DATABASE_READ_URL: readUrl, ...(maxLag ? { DATABASE_READ_MAX_LAG_SECONDS: maxLag } : {}) }),
      { database: t.database },
    );

  beforeAll(async () => {
    t = await createTestDatabase();
    const replicaDb = onReplica(t.url!, new URL(replicaUrl!).host);
    replicaAdmin = new pg.Client({ connectionString: replicaUrl });
    await replicaAdmin.connect();
    // The new database reaches the replica with the WAL that created it.
    await eventually(async () => {
      const c = new pg.Client({ connectionString: replicaDb });
      await c.connect();
      await c.end();
      return true;
    });
    ctx = await contextReadingFrom(replicaDb, '600');
    app = await buildApp(ctx, { webDist: false });
  });
  afterAll(async () => {
    await replicaAdmin?.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
    await replicaAdmin?.end();
    await app?.close();
    await t?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends reads that may lag to the replica, writes to the primary, and /readyz says so', async () => {
    expect(await ctx.reads.read(standby)).toBe(true);
    expect(await standby(ctx.database.db)).toBe(false);
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks.replica).toMatchObject({ ok: true, serving: 'replica', maxLagSeconds: 600 });
    expect(typeof ready.json().checks.replica.lagSeconds).toBe('number');
  });

  it('serves the public catalogue from the replica: a change shows once replayed, not before', async () => {
    await replicaAdmin.query('SELECT pg_wal_replay_pause()');
    try {
      const agency = await buildAgency({ ctx, clock: { now: () => new Date() } as never });
      // Written and committed on the primary; the replica has not replayed it.
      const before = await app.inject({ url: `/api/v1/catalogue/agencies/${agency.id}/services` });
      expect(before.statusCode).toBe(404);
      expect(before.json().error.code).toBe('AGENCY_NOT_FOUND');
      await replicaAdmin.query('SELECT pg_wal_replay_resume()');
      await eventually(async () => (await app.inject({ url: `/api/v1/catalogue/agencies/${agency.id}/services` })).statusCode === 200);
    } finally {
      await replicaAdmin.query('SELECT pg_wal_replay_resume()');
    }
  });

  it('reads from the primary while the replica lags more than the limit, and returns to it once caught up', async () => {
    const reads = await replicaReads(t.database, onReplica(t.url!, new URL(replicaUrl!).host), { poolSize: 2, maxLagSeconds: 1, recheckMs: 0 });
    try {
      expect(await reads.read(standby)).toBe(true);
      await replicaAdmin.query('SELECT pg_wal_replay_pause()');
      await t.database.query(`INSERT INTO write_probes (label, created_at) VALUES ('lagging', now())`);
      await sleep(1_500);
      expect(await reads.status()).toMatchObject({ ok: false, serving: 'primary', reason: expect.stringMatching(/lagging/) });
      expect(await reads.read(standby)).toBe(false);
      await replicaAdmin.query('SELECT pg_wal_replay_resume()');
      await eventually(async () => (await reads.status())?.serving === 'replica');
      expect(await reads.read(standby)).toBe(true);
    } finally {
      await replicaAdmin.query('SELECT pg_wal_replay_resume()');
      await reads.close();
    }
  });

  it('falls back to the primary when the replica goes down, mid-read included, and /readyz says why', async () => {
    const proxy = await proxyTo(new URL(replicaUrl!));
    const viaProxy = onReplica(t.url!, `127.0.0.1:${proxy.port}`);
    const reads = await replicaReads(t.database, viaProxy, { poolSize: 2, maxLagSeconds: 600, recheckMs: 60_000 });
    try {
      expect(await reads.read(standby)).toBe(true);
      proxy.cut();
      // The state says "replica" (measured a moment ago): the failing read runs again on the primary.
      expect(await reads.read(standby)).toBe(false);
      expect(await reads.status()).toMatchObject({ ok: false, serving: 'primary', lagSeconds: null, reason: expect.stringMatching(/unreachable/) });
      expect(await reads.read(standby)).toBe(false);
    } finally {
      await reads.close();
    }
  });

  it('still starts, serves and is ready when the replica is down from the start', async () => {
    const proxy = await proxyTo(new URL(replicaUrl!));
    proxy.cut();
    const downCtx = await contextReadingFrom(onReplica(t.url!, `127.0.0.1:${proxy.port}`));
    const downApp = await buildApp(downCtx, { webDist: false });
    try {
      const ready = await downApp.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json().checks.replica).toMatchObject({ ok: false, serving: 'primary' });
      expect((await downApp.inject({ url: '/api/v1/catalogue/services' })).statusCode).toBe(200);
    } finally {
      await downApp.close();
    }
  });
});
