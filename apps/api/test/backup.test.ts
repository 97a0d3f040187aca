import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type AppConfig } from '../src/config';
import { createCheckpoint, generateAuditKey } from '../src/platform/audit';
import { BackupError, blobPath, createBackup, MANIFEST_FILE, restoreBackup, type BackupManifest, type Restored } from '../src/platform/backup';
import { withTransaction } from '../src/platform/db';
import { createBlobDriverFromConfig, TEXT_PLAIN } from '../src/platform/files';
import { checkRestored } from '../src/restore-check';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from './app';
import { sealAuditNow } from './audit';
import { onServer } from './db';

let t: TestApp;
let out: string;
let manifest: BackupManifest;
let blobSha: string;
const temp: string[] = [];
const databases: string[] = [];
const mkTemp = (p: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), p));
  temp.push(d);
  return d;
};

/** A fresh, empty target: a new server database created here (on PostgreSQL) and a new data folder. */
async function freshTarget(): Promise<{ config: AppConfig; url?: string }> {
  const dataDir = mkTemp('dargah-restore-');
  let url: string | undefined;
  if (onServer) {
    const name = `dargah_restore_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    databases.push(name);
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ADMIN_API_TOKEN: ADMIN_TOKEN, AUDIT_SIGNING_KEY_FILE: t.ctx.config.AUDIT_SIGNING_KEY_FILE, ...(url ? { DATABASE_URL: url } : {}) });
  return { config, ...(url ? { url } : {}) };
}

async function restoreInto(from: string, target: { config: AppConfig; url?: string }): Promise<Restored> {
  return restoreBackup(from, { url: target.url, dataDir: target.config.dataDir, blobs: createBlobDriverFromConfig(target.config), blobRoot: path.join(target.config.dataDir, 'blobs') });
}

async function sourceEntries(): Promise<number> {
  await sealAuditNow(t.ctx.database);
  const [r] = await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_entries');
  return Number(r!.n);
}

beforeAll(async () => {
  t = await buildTestApp();
  // Audit entries in chains, a referenced blob, and a signed checkpoint over them.
  for (const label of ['one', 'two', 'three']) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/operations/write-probes', headers: t.admin, payload: { label } });
    expect(res.statusCode).toBe(201);
  }
  const info = await t.ctx.blobs.put(Readable.from([Buffer.from(`a blob worth keeping ${Date.now()}`)]), { allowedTypes: [TEXT_PLAIN] });
  await withTransaction(t.ctx.database, (tx) => t.ctx.blobs.addRef(tx.db, info.sha256));
  blobSha = info.sha256;
  expect(await createCheckpoint(t.ctx.database, t.ctx.auditKey, t.clock)).toBeDefined();
  out = path.join(mkTemp('dargah-backup-'), 'backup');
  manifest = await createBackup({ database: t.ctx.database, url: t.db.url, blobs: createBlobDriverFromConfig(t.ctx.config), out, now: t.clock.now() });
});

afterAll(async () => {
  await t.close();
  if (databases.length) {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  for (const d of temp) fs.rmSync(d, { recursive: true, force: true });
});

describe(`backup and restore (${onServer ? 'PostgreSQL: pg_dump and pg_restore' : 'embedded PGlite: its data-directory dump'})`, () => {
  it('writes the database, every blob under its address and a manifest of their hashes', () => {
    expect(manifest.database.kind).toBe(t.ctx.database.kind);
    expect(fs.existsSync(path.join(out, manifest.database.file))).toBe(true);
    expect(manifest.database.migrations.length).toBeGreaterThan(10);
    expect(manifest.blobs).toContainEqual({ sha256: blobSha, size: expect.any(Number) });
    expect(fs.existsSync(blobPath(out, blobSha))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(out, MANIFEST_FILE), 'utf8'))).toEqual(manifest);
  });

  it('restores into a fresh database and blob folder and proves it whole: audit, blobs, the app serving a tracked request', async () => {
    const entries = await sourceEntries();
    const target = await freshTarget();
    const restored = await restoreInto(out, target);
    try {
      expect(restored.blobsRestored).toBe(manifest.blobs.length);
      expect(restored.missingInBackup).toEqual([]);
      const check = await checkRestored({ config: target.config, database: restored.database, blobs: createBlobDriverFromConfig(target.config), trustedKeys: [t.ctx.auditKey], clock: t.clock });
      expect(check.problems).toEqual([]);
      expect(check.ok).toBe(true);
      expect(check.blobs).toEqual({ referenced: 1, checked: 1 });
      expect(check.app).toEqual({ readyz: 200, writeProbe: 201 });
      // Everything the source had, plus the check's own write probe, chained on from the restored head.
      expect(check.audit.entries).toBe(entries + 1);
      expect(check.audit.checkpoints).toBeGreaterThanOrEqual(1);

      // Checkpoints signed by another key do not verify: the check says so.
      const wrongKey = await checkRestored({ config: target.config, database: restored.database, blobs: createBlobDriverFromConfig(target.config), trustedKeys: [generateAuditKey()], clock: t.clock });
      expect(wrongKey.ok).toBe(false);
      expect(wrongKey.problems.map((p) => p.reason)).toContain('AUDIT_BROKEN');
    } finally {
      await restored.database.close();
    }
    // The same target again: it is no longer fresh.
    await expect(restoreInto(out, target)).rejects.toMatchObject({ code: 'RESTORE_TARGET_NOT_EMPTY' });
  });

  it('fails the check naming the blob a backup lost', async () => {
    const damaged = path.join(mkTemp('dargah-backup-lost-'), 'backup');
    fs.cpSync(out, damaged, { recursive: true });
    fs.rmSync(blobPath(damaged, blobSha));
    const target = await freshTarget();
    const restored = await restoreInto(damaged, target);
    try {
      expect(restored.missingInBackup).toEqual([blobSha]);
      const check = await checkRestored({ config: target.config, database: restored.database, blobs: createBlobDriverFromConfig(target.config), trustedKeys: [t.ctx.auditKey], clock: t.clock });
      expect(check.ok).toBe(false);
      expect(check.problems).toContainEqual(expect.objectContaining({ reason: 'BLOB_MISSING', sha256: blobSha }));
      expect(check.problems.find((p) => p.reason === 'BLOB_MISSING')!.message).toContain(blobSha);
    } finally {
      await restored.database.close();
    }

    // npm run restore says the same and exits 1.
    const cli = await freshTarget();
    const api = path.resolve(import.meta.dirname, '..');
    const run = spawnSync(path.join(api, '../../node_modules/.bin/tsx'), ['src/cli/restore.ts', '--from', damaged], {
      cwd: api,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: cli.config.dataDir, DATABASE_URL: cli.url ?? '', ADMIN_API_TOKEN: ADMIN_TOKEN, AUDIT_SIGNING_KEY_FILE: t.ctx.config.AUDIT_SIGNING_KEY_FILE! },
    });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain(`BLOB_MISSING: blob ${blobSha}`);
    expect(run.stdout).toContain('RESTORE CHECK FAILED');
  }, 120_000);

  it('leaves out a blob whose bytes in the backup were changed, and the check names it', async () => {
    const damaged = path.join(mkTemp('dargah-backup-changed-'), 'backup');
    fs.cpSync(out, damaged, { recursive: true });
    fs.appendFileSync(blobPath(damaged, blobSha), 'tampered');
    const target = await freshTarget();
    const restored = await restoreInto(damaged, target);
    try {
      expect(restored.corruptInBackup).toEqual([blobSha]);
      const check = await checkRestored({ config: target.config, database: restored.database, blobs: createBlobDriverFromConfig(target.config), trustedKeys: [t.ctx.auditKey], clock: t.clock });
      expect(check.problems).toContainEqual(expect.objectContaining({ reason: 'BLOB_MISSING', sha256: blobSha }));
    } finally {
      await restored.database.close();
    }
  });

  it('refuses a damaged backup, a backup of the other database kind and a backup folder in use, changing nothing', async () => {
    const copy = (name: string) => {
      const d = path.join(mkTemp(`dargah-backup-${name}-`), 'backup');
      fs.cpSync(out, d, { recursive: true });
      return d;
    };
    const target = await freshTarget();
    const blobRoot = path.join(target.config.dataDir, 'blobs');

    const changedDb = copy('db');
    fs.appendFileSync(path.join(changedDb, manifest.database.file), Buffer.from([0]));
    await expect(restoreInto(changedDb, target)).rejects.toMatchObject({ code: 'BACKUP_DAMAGED' });

    const badManifest = copy('manifest');
    for (const text of ['not json', '{"format":"dargah-backup","version":1}', `${JSON.stringify({ ...manifest, createdAt: 'x\u0000' })}`, JSON.stringify({ ...manifest, blobs: [{ sha256: '../../etc/passwd', size: 1 }] })]) {
      fs.writeFileSync(path.join(badManifest, MANIFEST_FILE), text);
      await expect(restoreInto(badManifest, target)).rejects.toMatchObject({ code: 'BACKUP_DAMAGED' });
    }
    await expect(restoreInto(mkTemp('dargah-not-a-backup-'), target)).rejects.toMatchObject({ code: 'BACKUP_DAMAGED' });

    const otherKind = copy('kind');
    fs.writeFileSync(path.join(otherKind, MANIFEST_FILE), JSON.stringify({ ...manifest, database: { ...manifest.database, kind: onServer ? 'embedded' : 'server' } }));
    await expect(restoreInto(otherKind, target)).rejects.toMatchObject({ code: 'RESTORE_KIND_MISMATCH' });

    // Nothing was written to the target by any refusal.
    expect(fs.existsSync(blobRoot) ? fs.readdirSync(blobRoot) : []).toEqual([]);
    expect(fs.existsSync(path.join(target.config.dataDir, 'pgdata'))).toBe(false);

    // A backup into a folder that holds something is refused too.
    await expect(createBackup({ database: t.ctx.database, url: t.db.url, blobs: createBlobDriverFromConfig(t.ctx.config), out })).rejects.toBeInstanceOf(BackupError);
  });

  it('lets one of two backups started into the same folder go on, and refuses the other', async () => {
    const folder = path.join(mkTemp('dargah-backup-twice-'), 'backup');
    const backup = () => createBackup({ database: t.ctx.database, url: t.db.url, blobs: createBlobDriverFromConfig(t.ctx.config), out: folder });
    const results = await Promise.allSettled([backup(), backup()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'BACKUP_TARGET_NOT_EMPTY' });
    expect(fs.readdirSync(folder).sort()).toEqual(['blobs', manifest.database.file, MANIFEST_FILE].sort());
  });
});
