import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from '../src/app';
import { createContext, createRunner } from '../src/bootstrap';
import { loadConfig, type AppConfigInput } from '../src/config';
import { generateAuditKey } from '../src/platform/audit';
import { ManualClock } from '../src/platform/clock';
import type { AppContext } from '../src/platform/context';
import { createTestDatabase, shareTestDatabase, type TestDatabase } from './db';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: ManualClock;
  db: TestDatabase;
  /** Authorization header for operations endpoints. */
  admin: { authorization: string };
  close(): Promise<void>;
}

/**
 * The whole app on this file's own database, with a manual clock and a temporary data folder.
 * `sharing`: a second app process over another test app's database (and clock), as two app
 * processes behind a load balancer share one PostgreSQL; closing it leaves the database.
 * `webDist`: serve a built web app from this folder, as production does (none by default).
 * `pages`: render the public pages with this renderer (ADR 0018; none by default, whatever is built).
 * `modules`: the modules to register instead of the composition root's.
 */
export async function buildTestApp(env: Partial<Record<keyof AppConfigInput, string>> = {}, sharing?: TestApp, webDist: BuildOptions['webDist'] = false, pages: BuildOptions['pages'] = false, modules?: BuildOptions['modules']): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dargah-test-'));
  // A checkpoint key of this app's own, as production requires one.
  const keyFile = path.join(dataDir, 'audit-signing-key.pem');
  fs.writeFileSync(keyFile, generateAuditKey().privateKey!.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ADMIN_API_TOKEN: ADMIN_TOKEN, AUDIT_SIGNING_KEY_FILE: keyFile, ...env });
  const db: TestDatabase = sharing ? await shareTestDatabase(sharing.db) : await createTestDatabase();
  const clock = sharing?.clock ?? new ManualClock();
  const ctx = await createContext(config, { database: db.database, clock });
  ctx.runner = createRunner(ctx, 'test-worker');
  const app = await buildApp(ctx, { webDist, pages, ...(modules ? { modules } : {}) });
  await app.ready();
  return {
    app,
    ctx,
    clock,
    db,
    admin: { authorization: `Bearer ${ADMIN_TOKEN}` },
    async close() {
      await app.close();
      await ctx.runner?.stop();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
