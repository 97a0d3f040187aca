import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openEmbeddedDatabase, openServerDatabase, type Database } from '../src/platform/db';

export interface TestDatabase {
  database: Database;
  /** Connection string of this file's database (server mode only). */
  url?: string;
  drop(): Promise<void>;
}

/** True when this run targets a PostgreSQL server (TEST_DATABASE_URL). */
export const onServer = Boolean(process.env.TEST_DATABASE_URL);

/** The connection string of a login role of this process that is a member of dargah_app (created once). */
export async function applicationRoleUrl(db: TestDatabase, name: string): Promise<string> {
  const role = `dargah_app_${name}_${process.pid}`;
  await db.database.query(`DO $$ BEGIN CREATE ROLE ${role} LOGIN IN ROLE dargah_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
  const u = new URL(db.url!);
  u.username = role;
  return u.toString();
}

/**
 * Runs `fn` on a connection of the application role (dargah_app), as production connects: a login
 * role of this process that is a member of it, then SET ROLE. PostgreSQL only (grants).
 */
export async function asApplicationRole<T>(db: TestDatabase, name: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: await applicationRoleUrl(db, name) });
  await c.connect();
  try {
    await c.query('SET ROLE dargah_app');
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh, migrated database of its own for the calling test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `dargah_t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
        break;
      } catch (err) {
        // Another file copying the template at the same moment: wait and try again.
        if (attempt > 20 || !/being accessed by other users/.test(String(err))) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openServerDatabase(u.toString(), 8);
    return {
      database,
      url: u.toString(),
      async drop() {
        await database.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const file = inject('pgliteTemplate');
  const database = await openEmbeddedDatabase({ loadDataDir: new Blob([fs.readFileSync(file)]) });
  return { database, drop: () => database.close() };
}

/**
 * Another connection to a test database, as a second app process would have: its own pool on a
 * PostgreSQL server; on the embedded database (one process only) the same instance. Dropping it
 * only closes what it opened.
 */
export async function shareTestDatabase(of: TestDatabase): Promise<TestDatabase> {
  if (!of.url) return { database: of.database, drop: async () => {} };
  const database = await openServerDatabase(of.url, 8);
  return { database, url: of.url, drop: () => database.close() };
}
