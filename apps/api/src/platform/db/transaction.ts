import type { SQL } from 'drizzle-orm';
import { inSpan } from '../telemetry/tracing';
import type { Database, Db } from './database';

/** What a use case gets inside a transaction. */
export interface Tx {
  /** Drizzle handle bound to the open transaction. */
  readonly db: Db;
  /** Runs after a successful commit (never on rollback): nudges, cache invalidation. */
  afterCommit(fn: () => void): void;
  /**
   * Runs last inside the transaction, just before COMMIT, in registration order. `audit` uses it
   * to write all of a transaction's queued entries to the audit intake in one statement.
   */
  beforeCommit(fn: (db: Db) => Promise<void>): void;
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/**
 * Runs fn in one transaction: the state change, its event, its audit entry and any queued job
 * commit together or not at all. Retries a serialization failure or deadlock up to twice.
 * Never await network or file I/O inside: the embedded database runs one transaction at a time.
 */
export async function withTransaction<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  // One span around the whole transaction (its statements are spans inside it on a server).
  return inSpan('db transaction', { 'db.system.name': 'postgresql' }, () => transact(database, fn));
}

async function transact<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const after: Array<() => void> = [];
    try {
      const result = await database.db.transaction(async (dtx) => {
        const before: Array<(db: Db) => Promise<void>> = [];
        const tx: Tx = {
          db: dtx,
          afterCommit: (f) => after.push(f),
          beforeCommit: (f) => before.push(f),
        };
        const value = await fn(tx);
        for (const f of before) await f(tx.db);
        return value;
      });
      for (const f of after) f();
      return result;
    } catch (err) {
      const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
      if (attempt < 2 && code && RETRYABLE.has(code)) continue;
      throw err;
    }
  }
}

/** Runs one statement and returns its rows (the same shape on PGlite and node-postgres). */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const res: unknown = await db.execute(query);
  return (res as { rows: T[] }).rows;
}
