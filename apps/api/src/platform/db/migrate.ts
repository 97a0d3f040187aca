import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';

/** apps/api/migrations: forward-only SQL files named NNNN_description.sql. */
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export interface MigrationFile {
  version: string;
  name: string;
  checksum: string;
  sql: string;
}

export function listMigrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: file.slice(0, 4),
        name: file.slice(5, -4),
        checksum: createHash('sha256').update(sql).digest('hex'),
        sql,
      };
    });
}

const BOOKKEEPING = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version text PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

export class MigrationChecksumError extends Error {
  constructor(readonly version: string) {
    super(
      `Migration ${version} was changed after it was applied. Migrations are forward-only: add a new file instead.`,
    );
    this.name = 'MigrationChecksumError';
  }
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

export async function migrationStatus(database: Database, files = listMigrationFiles()): Promise<MigrationStatus> {
  const exists = await database.query<{ t: string | null }>(
    "SELECT to_regclass('public.schema_migrations')::text AS t",
  );
  const rows = exists[0]?.t
    ? await database.query<{ version: string; checksum: string }>('SELECT version, checksum FROM schema_migrations')
    : [];
  const applied = new Map(rows.map((r) => [r.version, r.checksum]));
  for (const f of files) {
    const sum = applied.get(f.version);
    if (sum !== undefined && sum !== f.checksum) throw new MigrationChecksumError(f.version);
  }
  return {
    applied: files.filter((f) => applied.has(f.version)).map((f) => f.version),
    pending: files.filter((f) => !applied.has(f.version)).map((f) => f.version),
  };
}

/**
 * Applies every pending migration, each in its own transaction with its bookkeeping row.
 * On a server, an advisory lock makes concurrent starters wait for one another.
 */
export async function migrate(database: Database, files = listMigrationFiles()): Promise<string[]> {
  return database.withAdvisoryLock('dargah:migrate', async () => {
    await database.query(BOOKKEEPING);
    const { pending } = await migrationStatus(database, files);
    for (const version of pending) {
      const f = files.find((m) => m.version === version)!;
      await database.execScriptInTransaction(f.sql, {
        sql: 'INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)',
        params: [f.version, f.name, f.checksum],
      });
    }
    return pending;
  });
}
