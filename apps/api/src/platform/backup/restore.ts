import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { openEmbeddedDatabase, openServerDatabase, type Database } from '../db';
import type { BlobDriver } from '../files';
import { BackupError } from './backup';
import { BackupManifest, blobPath, isEmptyDir, libpqEnv, MANIFEST_FILE, sha256File } from './manifest';

const run = promisify(execFile);

export interface RestoreTarget {
  /** A fresh, empty server database; unset: the embedded database under dataDir. */
  url?: string | undefined;
  poolSize?: number;
  dataDir: string;
  /** The blob store to fill (a fresh one). */
  blobs: BlobDriver;
  /** The fs store's folder, checked to be empty first (unset for S3). */
  blobRoot?: string | undefined;
}

export interface Restored {
  manifest: BackupManifest;
  /** The restored database, open. */
  database: Database;
  blobsRestored: number;
  /** Blobs the manifest lists that the backup folder lacks, or holds with other bytes. */
  missingInBackup: string[];
  corruptInBackup: string[];
}

export async function readManifest(from: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await fs.readFile(path.join(from, MANIFEST_FILE), 'utf8');
  } catch {
    throw new BackupError('BACKUP_DAMAGED', `${from} has no ${MANIFEST_FILE}: not a Dargah backup folder`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BackupError('BACKUP_DAMAGED', `${MANIFEST_FILE} is not JSON`);
  }
  const manifest = BackupManifest.safeParse(parsed);
  if (!manifest.success) throw new BackupError('BACKUP_DAMAGED', `${MANIFEST_FILE} is not a Dargah backup manifest: ${manifest.error.issues[0]?.path.join('.')}`);
  return manifest.data;
}

async function serverIsEmpty(url: string): Promise<boolean> {
  const probe = await openServerDatabase(url, 1);
  try {
    const [r] = await probe.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`);
    return Number(r?.n ?? 0) === 0;
  } finally {
    await probe.close();
  }
}

/**
 * Restores a backup folder into a fresh database and blob store (ADR 0025), refusing a target that
 * holds anything, a damaged manifest or database file, and a server dump for the embedded database
 * (or the other way round). Blobs are put back through the target's driver, which hashes them: one
 * whose bytes no longer match its address, or that the folder lost, is left out and named (the
 * restore check then fails on every referenced one).
 */
export async function restoreBackup(from: string, target: RestoreTarget): Promise<Restored> {
  const manifest = await readManifest(from);
  const dbFile = path.join(from, manifest.database.file);
  const actual = await sha256File(dbFile).catch(() => undefined);
  if (actual !== manifest.database.sha256) throw new BackupError('BACKUP_DAMAGED', `${manifest.database.file} is ${actual ? 'not the file the manifest names (its SHA-256 differs)' : 'missing'}`);
  const kind = target.url ? 'server' : 'embedded';
  if (manifest.database.kind !== kind) throw new BackupError('RESTORE_KIND_MISMATCH', `the backup is of the ${manifest.database.kind} database; the target is the ${kind} one`);
  if (target.blobRoot && !(await isEmptyDir(target.blobRoot))) throw new BackupError('RESTORE_TARGET_NOT_EMPTY', `the blob folder ${target.blobRoot} is not empty: restore into a fresh one`);

  let database: Database;
  if (target.url) {
    if (!(await serverIsEmpty(target.url))) throw new BackupError('RESTORE_TARGET_NOT_EMPTY', 'the target database has tables: restore into a freshly created, empty database');
    try {
      await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${libpqEnv(target.url).PGDATABASE}`, dbFile], { env: { ...process.env, ...libpqEnv(target.url) }, maxBuffer: 16 * 1024 * 1024 });
    } catch (err) {
      throw new BackupError('TOOL_FAILED', `pg_restore failed: ${(err as { stderr?: string }).stderr?.trim() || String(err)}`);
    }
    database = await openServerDatabase(target.url, target.poolSize ?? 4);
  } else {
    const pgdata = path.join(target.dataDir, 'pgdata');
    if (!(await isEmptyDir(pgdata))) throw new BackupError('RESTORE_TARGET_NOT_EMPTY', `${pgdata} is not empty: restore into a fresh DATA_DIR`);
    database = await openEmbeddedDatabase({ dataDir: target.dataDir, loadDataDir: new Blob([await fs.readFile(dbFile)], { type: 'application/x-gzip' }) });
  }

  const missingInBackup: string[] = [];
  const corruptInBackup: string[] = [];
  let blobsRestored = 0;
  for (const b of manifest.blobs) {
    const file = blobPath(from, b.sha256);
    try {
      await fs.access(file);
    } catch {
      missingInBackup.push(b.sha256);
      continue;
    }
    const staged = await target.blobs.stage(createReadStream(file), Number.MAX_SAFE_INTEGER);
    if (staged.sha256 !== b.sha256) {
      await staged.discard();
      corruptInBackup.push(b.sha256);
      continue;
    }
    await staged.commit();
    blobsRestored++;
  }
  return { manifest, database, blobsRestored, missingInBackup, corruptInBackup };
}
