import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabase, startServer } from './server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The machine's Debian Chromium; never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Headless, and off the (closed) network: no background updates or sync. */
export const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface PublicPage {
  name: string;
  path: string;
}

export interface WebServer {
  url: string;
  pages: PublicPage[];
  stop(): Promise<void>;
}

/**
 * Builds the web app as a release does (`vite build`: precompressed copies, no source maps; skip
 * with BENCH_SKIP_BUILD=1) and serves it from Dargah on PostgreSQL with the demo data, so the
 * catalogue and a service's information package have something to show. Development mode: the
 * demo data, and no `upgrade-insecure-requests` (the bench speaks plain HTTP on 127.0.0.1); the
 * built files and their compression are the same as in production.
 */
export async function startWebServer(): Promise<WebServer> {
  if (process.env.BENCH_SKIP_BUILD !== '1')
    execFileSync('npm', ['run', 'build', '-w', '@dargah/web'], { cwd: root, stdio: 'ignore' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dargah-bench-web-'));
  const server = await startServer(
    { NODE_ENV: 'development', DATABASE_URL: await freshDatabase('dargah_bench_web'), DATA_DIR: dataDir },
    { quiet: true },
  );
  const list = (await (await fetch(`${server.url}/api/v1/catalogue/services`)).json()) as {
    items?: { serviceId?: string }[];
  };
  const serviceId = list.items?.[0]?.serviceId;
  if (!serviceId) throw new Error('the demo catalogue has no service to open');
  return {
    url: server.url,
    pages: [
      { name: 'home', path: '/' },
      { name: 'catalogue', path: '/catalogue' },
      { name: 'information package', path: `/catalogue/${serviceId}` },
      { name: 'sign-in', path: '/me/sign-in' },
    ],
    async stop() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
