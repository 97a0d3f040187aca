import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../src/config';
import { acquireDirLock, DataDirLockedError } from '../src/platform/db';

const apiDir = path.resolve(__dirname, '..');
const tsx = path.resolve(apiDir, '../../node_modules/.bin/tsx');

function start(script: string, env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let out = '';
  const child = spawn(tsx, [path.join(apiDir, 'src', script)], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

async function waitReady(port: number, timeoutMs = 45_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become ready');
}

describe('configuration', () => {
  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    } catch (err) {
      expect((err as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(expect.arrayContaining(['PORT', 'LOG_LEVEL', 'DATABASE_URL']));
    }
  });

  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './data', NODE_ENV: 'development', LOG_LEVEL: 'info', runJobsInProcess: true });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).runJobsInProcess).toBe(false);
  });

  it('requires an operations token in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/ADMIN_API_TOKEN/);
  });

  it('renders the pages from source (WEB_DEV_PAGES) in development only', () => {
    expect(loadConfig({ WEB_DEV_PAGES: 'true' }).WEB_DEV_PAGES).toBe(true);
    expect(loadConfig({}).WEB_DEV_PAGES).toBe(false);
    expect(() => loadConfig({ WEB_DEV_PAGES: 'sometimes' })).toThrow(/WEB_DEV_PAGES/);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', ADMIN_API_TOKEN: 'x'.repeat(32), AUDIT_SIGNING_KEY_FILE: '/k', WEB_DEV_PAGES: '1' }),
    ).toThrow(/WEB_DEV_PAGES: development only/);
  });

  it('requires the audit checkpoint key in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ADMIN_API_TOKEN: 'x'.repeat(32) })).toThrow(/AUDIT_SIGNING_KEY_FILE/);
  });

  it('stops the process with a message naming the variable', async () => {
    const p = start('main.ts', { PORT: 'not-a-port' });
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/PORT/);
  }, 30_000);
});

describe('data folder lock', () => {
  it('refuses a second holder in the same process', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dargah-lock-'));
    const release = acquireDirLock(dir);
    expect(() => acquireDirLock(dir)).toThrow(DataDirLockedError);
    release();
    acquireDirLock(dir)();
  });

  it('takes over a lock left by a dead process', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dargah-lock-'));
    fs.writeFileSync(path.join(dir, 'dargah.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), startedAt: '' }));
    const release = acquireDirLock(dir);
    release();
  });
});

describe('the server process', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dargah-proc-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('starts on an embedded database, refuses a second process on its folder, and shuts down cleanly', async () => {
    const port = await freePort();
    const first = start('main.ts', { PORT: String(port), DATA_DIR: dir });
    try {
      await waitReady(port);
      const docs = await fetch(`http://127.0.0.1:${port}/api/docs`);
      expect(docs.status).toBe(200);

      const second = start('main.ts', { PORT: String(await freePort()), DATA_DIR: dir });
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(/in use by another Dargah process/);

      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(fs.existsSync(path.join(dir, 'dargah.lock'))).toBe(false);
    } finally {
      first.child.kill('SIGKILL');
    }
  }, 90_000);
});
