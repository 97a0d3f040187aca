import { AsyncResource } from 'node:async_hooks';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { dbSpan, failSpan, inSpan, tracer, tracingEnabled } from '../telemetry/tracing';
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
  /** Embedded only: a copy of the data directory, a tar (tests start each file from a migrated one) or gzipped (backups). */
  dumpDataDir?(compression?: 'none' | 'gzip'): Promise<Blob>;
  /** Server only: the connection pool's use and the waits for a connection (/metrics). */
  readonly pool?: PoolMonitor;
  close(): Promise<void>;
}

/** A connection pool as /metrics sees it. */
export interface PoolMonitor {
  stats(): { max: number; total: number; idle: number; waiting: number };
  /** Calls listener with the seconds each checkout waited for a connection; returns the unsubscribe. */
  onWait(listener: (seconds: number) => void): () => void;
}

type Connect = pg.Pool['connect'];

/**
 * Measures how long each checkout waits for a pooled connection. pg-pool's own query() checks out
 * through this.connect(callback), so wrapping the instance's connect sees every statement's wait
 * (and binds each callback to its caller's async context).
 */
function monitorPool(pool: pg.Pool, max: number): PoolMonitor {
  const listeners = new Set<(seconds: number) => void>();
  const connect = pool.connect.bind(pool) as (cb?: (...a: unknown[]) => void) => unknown;
  const observe = (started: number) => {
    const seconds = (performance.now() - started) / 1000;
    for (const l of listeners) l(seconds);
  };
  pool.connect = ((cb?: (...a: unknown[]) => void) => {
    const started = performance.now();
    if (cb) {
      // Bound (while tracing) to the caller's async context: pg-pool may call back from another caller's release(),
      // and the statement (its span, its log lines) belongs to this caller.
      const done = (...a: unknown[]) => {
        observe(started);
        cb(...a);
      };
      return connect(tracingEnabled() ? AsyncResource.bind(done) : done);
    }
    return (connect() as Promise<pg.PoolClient>).finally(() => observe(started));
  }) as Connect;
  return {
    stats: () => ({ max, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    onWait(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
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

type QueryFn = (...args: unknown[]) => unknown;

/** A statement's text, from any of the drivers' argument shapes. */
const textOf = (arg: unknown): string | undefined => (typeof arg === 'string' ? arg : typeof (arg as { text?: unknown })?.text === 'string' ? (arg as { text: string }).text : undefined);

/**
 * Wraps a driver's query function in a span per statement while tracing is on (a plain call when
 * off); streaming calls are passed through untouched.
 */
function tracedQuery(query: QueryFn): QueryFn {
  return (...args: unknown[]) => {
    if (!tracingEnabled() || typeof (args[0] as { submit?: unknown })?.submit === 'function') return query(...args);
    const { name, attributes } = dbSpan(textOf(args[0]));
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      // pg-pool's own query() calls back: the span ends with the callback.
      const span = tracer().startSpan(name, { attributes });
      args[args.length - 1] = (err: unknown, res: unknown) => {
        if (err) failSpan(span, err);
        span.end();
        (callback as (e: unknown, r: unknown) => void)(err, res);
      };
      return query(...args);
    }
    return inSpan(name, attributes, () => query(...args) as Promise<unknown>);
  };
}

/** What Drizzle sees of PGlite: the same instance with its query and exec traced (the instance itself is left alone). */
function tracedPglite(client: PGlite): PGlite {
  const traced = new Map<PropertyKey, QueryFn>();
  return new Proxy(client, {
    get(target, key) {
      const v: unknown = Reflect.get(target, key, target);
      if (typeof v !== 'function') return v;
      const bound = (v as QueryFn).bind(target);
      if (key !== 'query' && key !== 'exec') return bound;
      if (!traced.has(key)) traced.set(key, tracedQuery(bound));
      return traced.get(key);
    },
  });
}

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
  const db = drizzlePglite({ client: tracedPglite(client) }) as unknown as Db;
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
      const { name, attributes } = dbSpan(text);
      return inSpan(name, attributes, async () => (await client.query<T>(text, params)).rows);
    },
    readSnapshot: (fn) =>
      client.transaction(async (tx) => {
        await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        return fn(async (text, params = []) => (await tx.query<never>(text, params)).rows);
      }),
    withAdvisoryLock: (_key, fn) => fn(),
    dumpDataDir: async (compression = 'none') => await client.dumpDataDir(compression),
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
  // Every statement (the pool's own, Drizzle's, a transaction's) runs on a client's query: traced there.
  pool.on('connect', (client) => {
    client.query = tracedQuery(client.query.bind(client)) as typeof client.query;
  });
  const monitor = monitorPool(pool, poolSize);
  if (opts.probe ?? true) (await pool.connect()).release();
  const db = drizzlePg({ client: pool }) as unknown as Db;
  let closed = false;
  return {
    kind: 'server',
    db,
    pool: monitor,
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
