import { spawn, type ChildProcess } from 'node:child_process';
import { dargahClient } from '@dargah/api-client';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureOutputDir, REPO_ROOT } from './paths';

/**
 * Starts the real Dargah server for a test run: `node --import tsx apps/api/src/main.ts` from the
 * repository root, on a free port, with NODE_ENV=development (demo data, `/dev/outbox`), a fresh
 * data folder (embedded PGlite) or the PostgreSQL server named by E2E_DATABASE_URL. Its output goes
 * to `e2e/output/server.log`.
 */

export const API_ENTRY = 'apps/api/src/main.ts';

export interface RunningServer {
  baseURL: string;
  /** Bearer token of the operations endpoints of this server. */
  adminApiToken: string;
  logFile: string;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** How long to wait for `GET /readyz` to answer 200. Default 60 s. */
  readyTimeoutMs?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  if (!existsSync(join(REPO_ROOT, API_ENTRY))) {
    throw new Error(
      `${API_ENTRY} does not exist yet. Set E2E_BASE_URL to run the browser tests against a server you started (e.g. \`npx vite preview\` in apps/web).`,
    );
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'dargah-e2e-'));
  const adminApiToken = process.env.E2E_ADMIN_API_TOKEN ?? randomBytes(24).toString('base64url');
  const logFile = join(ensureOutputDir(), 'server.log');
  const log = createWriteStream(logFile, { flags: 'w' });
  await new Promise((resolve) => log.once('open', resolve));

  // Development mode: the demo agencies, services and staff are seeded and `/dev/outbox` shows the
  // simulated text messages (one-time codes). A fixed operations token keeps the token out of the log.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ADMIN_API_TOKEN: adminApiToken,
    // The server's own address: the payment gateway (its simulator) sends the browser back to it (ADR 0037).
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    // Every journey signs in from 127.0.0.1: the per-address limit meant for the internet would
    // refuse the suite's own sign-ins. Account lockout and one-time-code limits still apply.
    SIGN_IN_RATE_PER_MINUTE: '1000',
    // The demo citizens sign in in many journeys within minutes: more codes per person than a real one needs.
    OTP_SENDS_PER_10_MINUTES: '100',
    // Likewise the growing delays after wrong passwords from one address (the per-username ones apply).
    LOGIN_DELAY_AFTER_PER_ADDRESS: '1000',
    // The server runs the jobs itself on either database (on a PostgreSQL server it would otherwise
    // leave them to a separate worker, `npm run worker`): the journeys see the post take an answer.
    JOBS_IN_PROCESS: 'true',
  };
  delete env.DATABASE_URL;
  if (process.env.E2E_DATABASE_URL) env.DATABASE_URL = process.env.E2E_DATABASE_URL;

  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', API_ENTRY], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });

  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  // Never leave a server behind if the test process dies first.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const baseURL = `http://127.0.0.1:${port}`;

  async function stop(): Promise<void> {
    process.off('exit', killOnExit);
    if (!exited) {
      child.kill('SIGTERM');
      const stopped = await Promise.race([exitPromise.then(() => true), sleep(10_000).then(() => false)]);
      if (!stopped) {
        child.kill('SIGKILL');
        await exitPromise;
      }
    }
    await new Promise((resolve) => log.end(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited) {
      await stop();
      throw new Error(
        `The Dargah server exited before it was ready (code ${exited.code}, signal ${exited.signal}). Last lines of ${logFile}:\n${tail(logFile)}`,
      );
    }
    try {
      const { response, error } = await dargahClient(baseURL).GET('/readyz', { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return { baseURL, adminApiToken, logFile, stop };
      lastProblem = `GET /readyz answered ${response.status}: ${JSON.stringify(error ?? null).slice(0, 500)}`;
    } catch (error) {
      lastProblem = String(error);
    }
    await sleep(250);
  }
  await stop();
  throw new Error(
    `The Dargah server was not ready within the timeout (${lastProblem}). Last lines of ${logFile}:\n${tail(logFile)}`,
  );
}

/**
 * Fails fast, with one clear message, when the server does not serve the built web app: the
 * shell page at `/`, a client-side route (SPA fallback) and the scripts and styles it links.
 */
export async function assertServesWebApp(baseURL: string): Promise<void> {
  const problems: string[] = [];
  const home = await fetch(`${baseURL}/`, { headers: { accept: 'text/html' } });
  const html = await home.text();
  if (!home.ok || !html.includes('id="root"')) problems.push(`GET / answered ${home.status} without the app shell`);
  const deep = await fetch(`${baseURL}/staff`, { headers: { accept: 'text/html' } });
  if (!deep.ok || !(await deep.text()).includes('id="root"')) {
    problems.push(`GET /staff answered ${deep.status} without the app shell (SPA fallback)`);
  }
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  if (home.ok && assets.length === 0) problems.push('GET / links no /assets/*.js or *.css');
  for (const asset of assets) {
    const response = await fetch(`${baseURL}${asset}`);
    const type = response.headers.get('content-type') ?? '';
    const expected = asset.endsWith('.js') ? /javascript/ : /text\/css/;
    if (!response.ok || !expected.test(type)) problems.push(`GET ${asset} answered ${response.status} (${type})`);
    await response.body?.cancel();
  }
  if (problems.length) {
    throw new Error(`The server at ${baseURL} does not serve the web app correctly:\n  - ${problems.join('\n  - ')}`);
  }
}
