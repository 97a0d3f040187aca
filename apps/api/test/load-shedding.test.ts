import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { OVERLOADED_RETRY_SECONDS } from '../src/platform/http/load-shedding';
import { sealAuditNow } from './audit';
import { buildTestApp, type TestApp } from './app';

declare module 'fastify' {
  interface FastifyInstance {
    isUnderPressure(): boolean;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Holds the event loop, as a burst of CPU-bound work would. */
const block = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until);
};

describe('load shedding (issue 13)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ LOAD_SHED_EVENT_LOOP_DELAY_MS: '100' });
  });
  afterAll(() => t?.close());
  const countEntries = async () => (await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_entries'))[0]?.n;

  it('is on by default outside tests and off under NODE_ENV=test unless set', () => {
    expect(loadConfig({ NODE_ENV: 'production', ADMIN_API_TOKEN: 'x'.repeat(32), AUDIT_SIGNING_KEY_FILE: '/k' }).LOAD_SHED_EVENT_LOOP_DELAY_MS).toBe(1000);
    expect(loadConfig({ NODE_ENV: 'development' }).LOAD_SHED_EVENT_LOOP_DELAY_MS).toBe(1000);
    expect(loadConfig({ NODE_ENV: 'test' }).LOAD_SHED_EVENT_LOOP_DELAY_MS).toBe(0);
    expect(loadConfig({ NODE_ENV: 'production', ADMIN_API_TOKEN: 'x'.repeat(32), AUDIT_SIGNING_KEY_FILE: '/k', LOAD_SHED_EVENT_LOOP_DELAY_MS: '0' }).LOAD_SHED_EVENT_LOOP_DELAY_MS).toBe(0);
    expect(() => loadConfig({ LOAD_SHED_EVENT_LOOP_DELAY_MS: '-1' })).toThrow(/LOAD_SHED_EVENT_LOOP_DELAY_MS/);
  });

  it('answers 503 OVERLOADED with Retry-After while the event loop lags, writes nothing, keeps /healthz, and recovers', async () => {
    const before = await t.app.inject({ url: '/api/v1/catalogue/services' });
    expect(before.statusCode).toBe(200);
    await sealAuditNow(t.ctx.database);
    const entriesBefore = await countEntries();

    // Lag the loop until the next sample sees it (a sample a second).
    for (let i = 0; i < 40 && !t.app.isUnderPressure(); i++) {
      block(300);
      await sleep(5);
    }
    expect(t.app.isUnderPressure()).toBe(true);

    const shed = await t.app.inject({ url: '/api/v1/catalogue/services' });
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe(String(OVERLOADED_RETRY_SECONDS));
    expect(shed.json().error.code).toBe('OVERLOADED');
    expect(shed.json().error.message).toMatch(/[\u0600-\u06FF]/);
    const english = await t.app.inject({ url: '/api/v1/catalogue/services', headers: { 'accept-language': 'en' } });
    expect(english.json().error.message).toMatch(/overloaded/i);
    // A sign-in attempt is refused before it is read: no session, no audit entry, no counter.
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username: 'nobody', password: 'x'.repeat(12) } });
    expect(login.statusCode).toBe(503);
    expect(login.headers['set-cookie']).toBeUndefined();
    // Liveness still answers (the process is alive); readiness does not (send traffic elsewhere).
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'not_ready', checks: { load: { ok: false }, database: { ok: true } } });

    for (let i = 0; i < 100 && t.app.isUnderPressure(); i++) await sleep(50);
    expect(t.app.isUnderPressure()).toBe(false);
    expect((await t.app.inject({ url: '/api/v1/catalogue/services' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'ready', checks: { load: { ok: true } } });
    await sealAuditNow(t.ctx.database);
    const entriesAfter = await countEntries();
    expect(entriesAfter).toBe(entriesBefore);
  });
});
