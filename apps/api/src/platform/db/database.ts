import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { acquireDirLock } from './lockfile';

/** Drizzle handle: the database itself or an open transaction. Repositories accept either. */
export type Db = PgDatabase<PgQueryResultHKT>;

/** Runs one parameterised statement inside a snapshot (see Database.readSnapshot). */
export type SnapshotQuery = <T extends Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** A connection to PostgreSQL: embedded PGlite or a server through a `pg` pool. */
export interface Database {
  readonly kind: 'embedded' | 'server';
  readonly db: Db;
  /** Runs a multi-statement SQL script (no parameters) in one transaction. */
  execScriptInTransaction(script: string, after?: { sql: string; params: unknown[] }): Promise<void>;
  /** Runs one parameterised statement outside any transaction. */
  query<T extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * Runs fn's statements in one read-only REPEATABLE READ transaction on one connection: every
   * statement sees the same snapshot, whatever commits meanwhile (verifiers reading page by page).
   */
  readSnapshot<T>(fn: (query: SnapshotQuery) => Promise<T>): Promise<T>;
  /** Runs fn while holding a session-level advisory lock (a no-op lock on the embedded database). */
  withAdvisoryLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Embedded only: a copy of the data directory (tests start each file from a migrated one). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

const extensions = { pgcrypto, pg_trgm };

export interface EmbeddedOptions {
  /** Folder for the data files; undefined keeps everything in memory (tests). */
  dataDir?: string;
  /** A data-directory dump (PGlite dumpDataDir) to start from: tests load a migrated template. */
  loadDataDir?: Blob | File;
}

/**
 * Planner costs for solid-state storage, set on every connection of the app: with PostgreSQL's
 * default random_page_cost (4, tuned for spinning disks) the planner scans a whole table rather
 * than a trigram index for a word found in a tenth of its rows, three times slower (the public
 * catalogue search). A deployment that sets it for the database already loses nothing.
 */
export const PLANNER_SETTINGS = { random_page_cost: '1.1' } as const;
const plannerOptions = Object.entries(PLANNER_SETTINGS)
  .map(([k, v]) => `-c ${k}=${v}`)
  .join(' ');

/** Opens the embedded PGlite database, taking a lockfile so a second process fails at once. */
export async function openEmbeddedDatabase(opts: EmbeddedOptions = {}): Promise<Database> {
  const release = opts.dataDir ? acquireDirLock(opts.dataDir) : () => undefined;
  let client: PGlite;
  try {
    client = new PGlite({
      ...(opts.dataDir ? { dataDir: path.join(opts.dataDir, 'pgdata') } : {}),
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
      extensions,
    });
    await client.waitReady;
    for (const [k, v] of Object.entries(PLANNER_SETTINGS)) await client.exec(`SET ${k} = ${v}`);
  } catch (err) {
    release();
    throw err;
  }
  const db = drizzlePglite({ client }) as unknown as Db;
  let closed = false;
  return {
    kind: 'embedded',
    db,
    async execScriptInTransaction(script, after) {
      await client.transaction(async (tx) => {
        await tx.exec(script);
        if (after) await tx.query(after.sql, after.params);
      });
    },
    async query<T extends Record<string, unknown>>(text: string, params: unknown[] = []) {
      return (await client.query<T>(text, params)).rows;
    },
    readSnapshot: (fn) =>
      client.transaction(async (tx) => {
        await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        return fn(async (text, params = []) => (await tx.query<never>(text, params)).rows);
      }),
    withAdvisoryLock: (_key, fn) => fn(),
    dumpDataDir: async () => await client.dumpDataDir('none'),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

/**
 * Connects to a PostgreSQL server. Fails fast when the server cannot be reached, unless `probe` is
 * false (a read replica: the app starts without it and reads from the primary meanwhile).
 */
export async function openServerDatabase(url: string, poolSize: number, opts: { probe?: boolean } = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'dargah',
    options: plannerOptions,
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  if (opts.probe ?? true) (await pool.connect()).release();
  const db = drizzlePg({ client: pool }) as unknown as Db;
  let closed = false;
  return {
    kind: 'server',
    db,
    async execScriptInTransaction(script, after) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query(script);
        if (after) await c.query(after.sql, after.params);
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    },
    async query<T extends Record<string, unknown>>(text: string, params: unknown[] = []) {
      return (await pool.query<T>(text, params)).rows;
    },
    async readSnapshot(fn) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const result = await fn(async (text, params = []) => (await c.query<never>(text, params)).rows);
        await c.query('COMMIT');
        return result;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    },
    async withAdvisoryLock(key, fn) {
      const c = await pool.connect();
      try {
        await c.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
        try {
          return await fn();
        } finally {
          await c.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
        }
      } finally {
        c.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** Opens the database the configuration names: a server when DATABASE_URL is set, else embedded. */
export function openDatabase(cfg: {
  DATABASE_URL?: string | undefined;
  DATABASE_POOL_SIZE: number;
  dataDir: string;
}): Promise<Database> {
  return cfg.DATABASE_URL
    ? openServerDatabase(cfg.DATABASE_URL, cfg.DATABASE_POOL_SIZE)
    : openEmbeddedDatabase({ dataDir: cfg.dataDir });
}
