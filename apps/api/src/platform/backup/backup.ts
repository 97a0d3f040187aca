import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { migrationStatus, type Database } from '../db';
import type { BlobDriver } from '../files';
import { blobPath, isEmptyDir, libpqEnv, MANIFEST_FILE, sha256File, type BackupManifest } from './manifest';
import { listBlobs } from './blobs';

const run = promisify(execFile);

/** Present while a backup is being written into its folder. */
const IN_PROGRESS = '.backup-in-progress';

/** A backup or restore that cannot go on; `code` is stable, the message names what to do. */
export class BackupError extends Error {
  constructor(
    readonly code: 'BACKUP_TARGET_NOT_EMPTY' | 'BACKUP_BLOB_MISSING' | 'BACKUP_BLOB_CORRUPT' | 'BACKUP_DAMAGED' | 'RESTORE_TARGET_NOT_EMPTY' | 'RESTORE_KIND_MISMATCH' | 'TOOL_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupOptions {
  /** The database to back up (open); embedded: dumped through PGlite, server: with pg_dump from `url`. */
  database: Database;
  /** The server database's URL (pg_dump connects on its own). */
  url?: string | undefined;
  /** Where the blobs are read from (fs or s3). */
  blobs: BlobDriver;
  /** A new or empty folder. */
  out: string;
  now?: Date;
}

/** Copies one blob into the backup, hashing as it goes; false when the store does not have it. */
async function copyBlob(driver: BlobDriver, sha256: string, target: string): Promise<'copied' | 'missing' | 'corrupt'> {
  if (!(await driver.exists(sha256))) return 'missing';
  await fs.mkdir(path.dirname(target), { recursive: true });
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  await pipeline(await driver.read(sha256), tap, createWriteStream(target, { flags: 'wx', mode: 0o640, flush: true }));
  return hash.digest('hex') === sha256 ? 'copied' : 'corrupt';
}

/**
 * Writes a backup folder (ADR 0025): the database (pg_dump custom format on a server; PGlite's
 * data-directory dump when embedded), then every blob the database knows, each under its address,
 * and a manifest with every file's SHA-256. A referenced blob the store lacks, or whose bytes no
 * longer hash to their address, fails the backup naming it (unreferenced ones awaiting collection
 * are left out). The database is dumped first, so every blob its dump references is still stored
 * when the blobs are copied (the collector waits a day before deleting unreferenced content).
 */
export async function createBackup(opts: BackupOptions): Promise<BackupManifest> {
  const out = path.resolve(opts.out);
  const notEmpty = () => new BackupError('BACKUP_TARGET_NOT_EMPTY', `the backup folder ${out} is not empty: give a new or empty folder`);
  if (!(await isEmptyDir(out))) throw notEmpty();
  await fs.mkdir(out, { recursive: true });
  // Claimed by creating a marker exclusively: of two backups started into one folder, one goes on.
  const marker = path.join(out, IN_PROGRESS);
  await fs.writeFile(marker, '', { flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
    throw err.code === 'EEXIST' ? notEmpty() : err;
  });
  const { kind } = opts.database;
  const file = kind === 'server' ? 'database.dump' : 'database.tar.gz';
  const dbFile = path.join(out, file);
  const { applied } = await migrationStatus(opts.database);
  if (kind === 'server') {
    if (!opts.url) throw new Error('a server backup needs the database URL');
    try {
      await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${dbFile}`], { env: { ...process.env, ...libpqEnv(opts.url) }, maxBuffer: 16 * 1024 * 1024 });
    } catch (err) {
      throw new BackupError('TOOL_FAILED', `pg_dump failed: ${(err as { stderr?: string }).stderr?.trim() || String(err)}`);
    }
  } else {
    const dump = await opts.database.dumpDataDir!('gzip');
    await fs.writeFile(dbFile, Buffer.from(await dump.arrayBuffer()), { mode: 0o640, flush: true });
  }
  const blobs: BackupManifest['blobs'] = [];
  for (const b of await listBlobs(opts.database)) {
    const outcome = await copyBlob(opts.blobs, b.sha256, blobPath(out, b.sha256));
    if (outcome === 'copied') blobs.push({ sha256: b.sha256, size: b.size });
    else if (b.referenced) {
      throw new BackupError(outcome === 'missing' ? 'BACKUP_BLOB_MISSING' : 'BACKUP_BLOB_CORRUPT', `blob ${b.sha256} is referenced but ${outcome === 'missing' ? 'missing from' : 'corrupt in'} the blob store`);
    }
  }
  const stat = await fs.stat(dbFile);
  const manifest: BackupManifest = {
    format: 'dargah-backup',
    version: 1,
    createdAt: (opts.now ?? new Date()).toISOString(),
    database: { kind, file, sha256: await sha256File(dbFile), bytes: stat.size, migrations: applied },
    blobs,
  };
  // The manifest last: a folder without one is an unfinished backup, which restore refuses.
  await fs.writeFile(path.join(out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o640, flush: true });
  await fs.rm(marker);
  return manifest;
}
