import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { createContext } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { createTestDatabase } from './db';

describe('graceful shutdown', () => {
  it('drains a request in flight before closing, and refuses new connections after', async () => {
    const t = await createTestDatabase();
    const ctx = await createContext(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/dargah-unused' }), { database: t.database });
    const app = await buildApp(ctx, { webDist: false });
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    app.get('/slow', async () => {
      entered();
      await new Promise((r) => setTimeout(r, 300));
      return { done: true };
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const pending = fetch(`${address}/slow`).then(async (r) => ({ status: r.status, body: (await r.json()) }));
    await inside;
    const closing = app.close();
    expect(await pending).toEqual({ status: 200, body: { done: true } });
    await closing;
    await expect(fetch(`${address}/healthz`)).rejects.toThrow();
    await t.drop();
  });
});
