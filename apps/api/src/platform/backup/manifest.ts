import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';

/** What a backup folder holds (ADR 0025): the database file, the blobs under their addresses, and their hashes. */
export const MANIFEST_FILE = 'manifest.json';
export const BLOBS_DIR = 'blobs';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const BackupManifest = z.object({
  format: z.literal('dargah-backup'),
  version: z.literal(1),
  createdAt: z.iso.datetime(),
  database: z.object({
    /** server: a pg_dump custom-format archive; embedded: PGlite's data-directory dump (tar, gzip). */
    kind: z.enum(['server', 'embedded']),
    file: z.enum(['database.dump', 'database.tar.gz']),
    sha256: Sha256,
    bytes: z.number().int().min(0),
    migrations: z.array(z.string()),
  }),
  blobs: z.array(z.object({ sha256: Sha256, size: z.number().int().min(0) })),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

/** The blob's place in a backup folder: the fs driver's fan-out, so the folder can also serve as a blob root. */
export const blobPath = (root: string, sha256: string) => path.join(root, BLOBS_DIR, sha256.slice(0, 2), sha256.slice(2, 4), sha256);

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** Whether a folder is absent or empty (a backup or a restore writes only into such a one). */
export async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await fs.readdir(dir)).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

/** libpq's variables for a connection URL, so neither pg_dump's nor pg_restore's command line carries the password. */
export function libpqEnv(url: string): Record<string, string> {
  const u = new URL(url);
  const env: Record<string, string> = {
    PGHOST: decodeURIComponent(u.hostname.replace(/^\[|\]$/g, '')),
    PGPORT: u.port || '5432',
    PGDATABASE: decodeURIComponent(u.pathname.replace(/^\//, '')),
  };
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}
