import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { createContext } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { openServerDatabase, type Database } from '../src/platform/db';
import { ADMIN_TOKEN } from './app';
import { createTestDatabase, onServer, type TestDatabase } from './db';
import { proxyTo } from './tcp-proxy';

describe('database unreachable', () => {
  let t: TestDatabase;
  afterAll(() => t?.drop());

  it('answers /readyz 503 and writes 503 DATABASE_UNAVAILABLE, with nothing half-written', async () => {
    t = await createTestDatabase();
    let database: Database;
    let cut: () => void | Promise<void>;
    if (onServer) {
      const url = new URL(t.url!);
      const proxy = await proxyTo(url);
      const viaProxy = new URL(url);
      viaProxy.host = `127.0.0.1:${proxy.port}`;
      database = await openServerDatabase(viaProxy.toString(), 2);
      cut = proxy.cut;
    } else {
      database = t.database;
      cut = () => t.database.close();
    }
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ADMIN_API_TOKEN: ADMIN_TOKEN, DATA_DIR: '/tmp/dargah-unused' });
    const ctx = await createContext(config, { database });
    const app = await buildApp(ctx, { webDist: false });
    const before = await app.inject({ url: '/readyz' });
    expect(before.statusCode).toBe(200);

    await cut();
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'not_ready', checks: { database: { ok: false } } });
    const write = await app.inject({ method: 'POST', url: '/api/v1/operations/write-probes', headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, payload: { label: 'lost' } });
    expect(write.statusCode).toBe(503);
    expect(write.json().error.code).toBe('DATABASE_UNAVAILABLE');
    await app.close();
    if (onServer) {
      await database.close();
      expect(await t.database.query("SELECT 1 FROM write_probes WHERE label = 'lost'")).toHaveLength(0);
    }
  });
});
