// Over 450 lines: the proxy, the processes, the clients and the checks are one run's parts, each
// small, kept together so the whole fault scenario reads in one place.
/**
 * The soak test with faults (issue 13, item 6): `npm run bench -- soak` (SOAK_SECONDS, default 300).
 *
 * Two app processes and a worker on a fresh PostgreSQL database, reached through a TCP proxy this
 * script can cut. Clients run a mix of the journeys that exist: citizens submitting requests, desk
 * clerks taking and deciding them, and public catalogue searches; every write carries an
 * Idempotency-Key and is retried with it (on the other process when one is down) until it is
 * acknowledged. Meanwhile, at random moments, one app process or the worker is killed with SIGKILL
 * (and started again), or every database connection is cut for a moment.
 *
 * At the end (faults stopped, processes back) it checks what was promised: every acknowledged
 * submission is stored exactly once (its marker is in one request), no submission is stored twice,
 * every acknowledged decision holds, the audit chains verify (sealed, signed checkpoints), and no
 * job is stuck. It prints p50/p95 per journey and the error budget spent (attempts that failed and
 * had to be retried, against a budget of 1 %), and exits non-zero when a promise does not hold.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, freshDatabase } from './lib/server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

/** Citizens the mobile-registry simulator knows (apps/api/src/seed/demo.ts DEMO_REGISTRY_PEOPLE). */
const CITIZENS = [
  { nationalCode: '0010000011', mobile: '09120001417' },
  { nationalCode: '0010000070', mobile: '09350001417' },
  { nationalCode: '0071404015', mobile: '09120002404' },
  { nationalCode: '0031404022', mobile: '09350002404' },
];
const CLERK = { username: 'clerk.ministry', password: 'Dargah-demo-1404' };
const SEARCHES = ['گواهی', 'کارت ملی', 'مجوز', 'شکایت', 'آموزشگاه'];
/** Failed attempts the run may spend, as a share of all attempts. */
const ERROR_BUDGET = 0.01;

// The database behind a proxy that can be cut ---------------------------------------------------
function faultProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) return void client.destroy();
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  return {
    listen: async () => {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return (server.address() as net.AddressInfo).port;
    },
    /** Every connection dropped, and new ones refused for `ms`. */
    cut(ms: number) {
      refusing = true;
      for (const s of sockets) s.destroy();
      sockets.clear();
      setTimeout(() => (refusing = false), ms);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

// Processes -----------------------------------------------------------------------------------
interface Proc {
  name: string;
  url?: string;
  child?: ChildProcess;
  up: boolean;
}

async function waitReady(url: string, ms = 90_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      /* starting */
    }
    await sleep(200);
  }
  throw new Error(`${url} did not become ready`);
}

function spawnProc(p: Proc, script: string, env: Record<string, string>): void {
  // Node itself with tsx's loader, not the tsx command: SIGKILL must reach the process that serves.
  p.child = spawn(process.execPath, ['--import', 'tsx', path.join(root, script)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const child = p.child;
  // Only this child's exit says the process is down (not an earlier one's, killed before it).
  child.once('exit', () => {
    if (p.child === child) p.up = false;
  });
  p.up = true;
}

// Clients ---------------------------------------------------------------------------------------
interface Session {
  cookie: string;
  csrf: string;
}

class Stats {
  latencies = new Map<string, number[]>();
  attempts = 0;
  failedAttempts = 0;
  /** Failed attempts by what answered: no connection, or the status and error code. */
  failures = new Map<string, number>();
  gaveUp = 0;
  fail(why: string) {
    this.failedAttempts++;
    this.failures.set(why, (this.failures.get(why) ?? 0) + 1);
  }
  record(journey: string, ms: number) {
    const l = this.latencies.get(journey) ?? [];
    l.push(ms);
    this.latencies.set(journey, l);
  }
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]!) : 0;
};

/** Processes a refused connection took out of the rotation, until when. */
const downUntil = new Map<Proc, number>();
let turn = 0;
/** The next process in turn among those not known to be down (all of them when none is up). */
function route(apps: Proc[]): Proc {
  const now = Date.now();
  const up = apps.filter((a) => (downUntil.get(a) ?? 0) <= now);
  const from = up.length ? up : apps;
  return from[turn++ % from.length]!;
}

/**
 * One call, retried until it is answered by a process that is up and has its database: a refused
 * connection, a reset, a 502/503 (a process starting or shedding load, the database cut) are tried
 * again after a pause, on the other process. The Idempotency-Key makes a write's retry safe.
 */
async function call(
  apps: Proc[],
  stats: Stats,
  method: string,
  url: string,
  o: { session?: Session; body?: unknown; idem?: string; file?: { bytes: Uint8Array; type: string } } = {},
  giveUpMs = 60_000,
): Promise<Response> {
  const until = Date.now() + giveUpMs;
  for (;;) {
    const app = route(apps);
    stats.attempts++;
    try {
      const headers: Record<string, string> = { accept: 'application/json', 'accept-language': 'fa' };
      if (o.body !== undefined) headers['content-type'] = 'application/json';
      if (o.file) headers['content-type'] = o.file.type;
      if (o.session) Object.assign(headers, { cookie: o.session.cookie, 'x-csrf-token': o.session.csrf });
      if (o.idem) headers['idempotency-key'] = o.idem;
      const res = await fetch(`${app.url}${url}`, {
        method,
        headers,
        body: o.file ? o.file.bytes : o.body === undefined ? undefined : JSON.stringify(o.body),
        signal: AbortSignal.timeout(15_000),
      });
      if (res.status !== 502 && res.status !== 503) return res;
      const code = ((await res.json().catch(() => ({}))) as { error?: { code?: string } }).error?.code;
      stats.fail(`${res.status} ${code ?? ''}`.trim());
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') stats.fail('no answer in 15 s');
      else {
        // Refused or reset: the process was killed (or is starting again). Like a load balancer's
        // passive health check, send the next attempts to the other process for a while.
        stats.fail('no connection');
        downUntil.set(app, Date.now() + 3_000);
      }
    }
    if (Date.now() > until) {
      stats.gaveUp++;
      throw new Error(`${method} ${url}: no answer within ${giveUpMs} ms`);
    }
    await sleep(100 + Math.random() * 300);
  }
}

async function expectOk<T>(res: Response, what: string): Promise<T> {
  const body: unknown = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${what}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body as T;
}

const sessionOf = (res: Response, body: { csrfToken: string }): Session => ({
  cookie: res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; '),
  csrf: body.csrfToken,
});

async function signInCitizen(apps: Proc[], stats: Stats, c: (typeof CITIZENS)[number]): Promise<Session> {
  const since = Date.now();
  const challenge = await expectOk<{ challengeId: string }>(
    await call(apps, stats, 'POST', '/api/v1/auth/citizen/otp', { body: c }),
    'otp',
  );
  for (const until = Date.now() + 60_000; Date.now() < until; await sleep(250)) {
    const outbox = await expectOk<{
      items: Array<{ recipient: string; template: string; body: string; createdAt: string }>;
    }>(await call(apps, stats, 'GET', '/dev/outbox'), 'outbox');
    const msg = outbox.items.find(
      (m) => m.recipient === c.mobile && m.template === 'identity.otp' && Date.parse(m.createdAt) >= since - 1000,
    );
    const code = msg && /(\d{6})/.exec(msg.body.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)))?.[1];
    if (!code) continue;
    const res = await call(apps, stats, 'POST', '/api/v1/auth/citizen/verify', {
      body: { challengeId: challenge.challengeId, code },
    });
    return sessionOf(res, await expectOk<{ csrfToken: string }>(res, 'verify'));
  }
  throw new Error(`no one-time code for ${c.mobile}`);
}

async function signInStaff(apps: Proc[], stats: Stats): Promise<Session & { agencyId: string }> {
  const res = await call(apps, stats, 'POST', '/api/v1/auth/staff/login', { body: CLERK });
  const body = await expectOk<{ csrfToken: string; agency: { id: string } }>(res, 'staff login');
  return { ...sessionOf(res, body), agencyId: body.agency.id };
}

// The run ---------------------------------------------------------------------------------------
export interface SoakReport {
  name: string;
  seconds: number;
  faults: Record<string, number>;
  acknowledged: { submissions: number; decisions: number };
  found: { submissions: number; decisions: number };
  duplicates: number;
  /** Stored requests without their submission's event, or acknowledged decisions without theirs. */
  withoutEvents: number;
  auditVerified: boolean;
  auditEntries: number;
  stuckJobs: number;
  deadJobs: number;
  latencyMs: Record<string, { n: number; p50: number; p95: number }>;
  attempts: number;
  failedAttempts: number;
  failures: Record<string, number>;
  errorBudgetSpent: number;
  ok: boolean;
}

export async function soak(seconds = Number(process.env.SOAK_SECONDS ?? 300)): Promise<SoakReport> {
  const dbUrl = new URL(await freshDatabase('dargah_soak'));
  const proxy = faultProxy(dbUrl);
  const proxied = new URL(dbUrl);
  proxied.host = `127.0.0.1:${await proxy.listen()}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dargah-soak-'));
  const keyFile = path.join(dataDir, 'audit-key.pem');
  fs.writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
  });
  const env = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    DATABASE_URL: proxied.toString(),
    DATA_DIR: dataDir,
    JOBS_IN_PROCESS: 'false',
    AUDIT_SIGNING_KEY_FILE: keyFile,
    AUDIT_CHECKPOINT_MINUTES: '1',
    SIGN_IN_RATE_PER_MINUTE: '100000',
    OTP_SENDS_PER_10_MINUTES: '1000',
    SEARCH_RATE_PER_MINUTE: '1000000',
  };
  const apps: Proc[] = [
    { name: 'app-a', up: false },
    { name: 'app-b', up: false },
  ];
  const worker: Proc = { name: 'worker', up: false };
  const startApp = async (p: Proc) => {
    p.url ??= `http://127.0.0.1:${await freePort()}`;
    spawnProc(p, 'apps/api/src/main.ts', { ...env, PORT: new URL(p.url).port });
    await waitReady(p.url);
  };
  try {
    return await run();
  } finally {
    for (const p of [...apps, worker]) p.child?.kill('SIGTERM');
    await sleep(1_000);
    for (const p of [...apps, worker]) if (p.up) p.child?.kill('SIGKILL');
    await proxy.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  async function run(): Promise<SoakReport> {
    // The first seeds the demo data and applies the migrations; then the second and the worker.
    await startApp(apps[0]!);
    await startApp(apps[1]!);
    spawnProc(worker, 'apps/api/src/worker.ts', env);

    const stats = new Stats();
    const faults: Record<string, number> = { 'kill app': 0, 'kill worker': 0, 'cut database': 0 };
    const acknowledged = { submissions: new Map<string, string>(), decisions: new Map<string, 'approve' | 'reject'>() };
    const problems: string[] = [];
    let running = true;

    const staff = await signInStaff(apps, stats);
    type Service = { id: string; availability: string; formSchema: { required?: string[] } };
    const services = await expectOk<{ items: Service[] }>(
      await call(apps, stats, 'GET', `/api/v1/services?agencyId=${staff.agencyId}&limit=100`),
      'services',
    );
    // The demo's employment record certificate: the one open service whose form asks a reason and the last employer.
    const service = services.items.find(
      (s) => s.availability === 'open' && ['reason', 'employerName'].every((f) => s.formSchema.required?.includes(f)),
    );
    if (!service) throw new Error('the demo service "Employment record certificate" (reason, employerName) is missing');
    const citizens = await Promise.all(CITIZENS.map((c) => signInCitizen(apps, stats, c)));
    // The documents its card asks for: each submission uploads one small PDF per mandatory document (ADR 0036).
    const asked = await expectOk<{ items: Array<{ index: number; mandatory: boolean }> }>(
      await call(apps, stats, 'GET', `/api/v1/services/${service.id}/documents`),
      'documents',
    );
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

    const journeys = {
      async submit() {
        const marker = `soak-${randomUUID()}`;
        const session = pick(citizens);
        const documents = [];
        for (const d of asked.items.filter((x) => x.mandatory)) {
          const up = await call(apps, stats, 'POST', `/api/v1/request-uploads?serviceId=${service.id}&name=${encodeURIComponent(`سند-${d.index}.pdf`)}`, {
            session,
            idem: randomUUID(),
            file: { bytes: pdf, type: 'application/pdf' },
          });
          documents.push({ document: d.index, uploadId: (await expectOk<{ id: string }>(up, 'upload')).id });
        }
        const res = await call(apps, stats, 'POST', '/api/v1/requests', {
          session,
          idem: randomUUID(),
          body: { serviceId: service.id, form: { reason: 'ارائه به بانک', employerName: marker }, documents },
        });
        const body = await expectOk<{ trackingCode: string }>(res, 'submit');
        acknowledged.submissions.set(marker, body.trackingCode);
      },
      async decide() {
        const open = await expectOk<{ items: Array<{ id: string }> }>(
          await call(apps, stats, 'GET', '/api/v1/cartable?status=submitted&limit=20', { session: staff }),
          'cartable',
        );
        const row = open.items[Math.floor(Math.random() * open.items.length)];
        if (!row) return;
        const take = await call(apps, stats, 'POST', `/api/v1/requests/${row.id}/take`, {
          session: staff,
          idem: randomUUID(),
          body: {},
        });
        // Another clerk loop took it first: a refusal with a code, not a fault.
        if (take.status >= 400 && take.status < 500) return void (await take.body?.cancel());
        await expectOk(take, 'take');
        const decision = Math.random() < 0.8 ? 'approve' : 'reject';
        await expectOk(
          await call(apps, stats, 'POST', `/api/v1/requests/${row.id}/decide`, {
            session: staff,
            idem: randomUUID(),
            body: { decision, note: 'بررسی شد' },
          }),
          'decide',
        );
        acknowledged.decisions.set(row.id, decision);
      },
      async search() {
        await expectOk(
          await call(apps, stats, 'GET', `/api/v1/catalogue/services?q=${encodeURIComponent(pick(SEARCHES))}`),
          'search',
        );
      },
    };
    const mix: Array<keyof typeof journeys> = ['submit', 'submit', 'submit', 'decide', 'decide', 'search', 'search'];

    const client = async () => {
      while (running) {
        const j = pick(mix);
        const t0 = performance.now();
        try {
          await journeys[j]();
          stats.record(j, performance.now() - t0);
        } catch (err) {
          problems.push(`${j}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    };
    const chaos = async () => {
      const until = Date.now() + seconds * 1000;
      while (Date.now() < until - 15_000) {
        await sleep(8_000 + Math.random() * 12_000);
        const fault = pick(['kill app', 'kill app', 'kill worker', 'cut database'] as const);
        faults[fault]!++;
        if (fault === 'kill app') {
          const victim = pick(apps);
          victim.child?.kill('SIGKILL');
          await sleep(500);
          await startApp(victim);
        } else if (fault === 'kill worker') {
          worker.child?.kill('SIGKILL');
          await sleep(500);
          spawnProc(worker, 'apps/api/src/worker.ts', env);
        } else {
          proxy.cut(500 + Math.random() * 1500);
        }
      }
    };
    const clients = Array.from({ length: 8 }, () => client());
    const chaosDone = chaos();
    await sleep(seconds * 1000);
    running = false;
    await Promise.all(clients);
    await chaosDone;

    // Settle: every process up, the queue drained, the intake sealed; then the checks.
    for (const a of apps) if (!a.up) await startApp(a);
    if (!worker.up) spawnProc(worker, 'apps/api/src/worker.ts', env);
    const db = new pg.Client({ connectionString: dbUrl.toString() });
    await db.connect();
    const markers = [...acknowledged.submissions.keys()];
    const stored = await db.query<{ marker: string; n: number }>(
      `SELECT form->>'employerName' AS marker, count(*)::int AS n FROM service_requests WHERE form->>'employerName' LIKE 'soak-%' GROUP BY 1`,
    );
    const storedBy = new Map(stored.rows.map((r) => [r.marker, r.n]));
    const foundSubmissions = markers.filter((m) => storedBy.get(m) === 1).length;
    const duplicates = stored.rows.filter((r) => r.n > 1).length;
    const decided = await db.query<{ id: string; status: string }>(
      `SELECT id::text, status FROM service_requests WHERE id = ANY($1::uuid[])`,
      [[...acknowledged.decisions.keys()]],
    );
    const foundDecisions = decided.rows.filter(
      (r) => r.status === (acknowledged.decisions.get(r.id) === 'approve' ? 'approved' : 'rejected'),
    ).length;
    // Each stored request has the event of its submission, each acknowledged decision its own: the
    // state and its history were committed together.
    const [unevented] = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM service_requests r
          WHERE (r.form->>'employerName' LIKE 'soak-%'
                 AND NOT EXISTS (SELECT 1 FROM events e WHERE e.stream_type = 'service_request' AND e.stream_id = r.id::text AND e.action = 'submitted'))
             OR (r.id = ANY($1::uuid[])
                 AND NOT EXISTS (SELECT 1 FROM events e WHERE e.stream_type = 'service_request' AND e.stream_id = r.id::text AND e.action IN ('approved', 'rejected')))`,
        [[...acknowledged.decisions.keys()]],
      )
    ).rows;
    const withoutEvents = unevented!.n;
    // Jobs: none queued and due for long, none running past its lease (every process is back).
    let stuckJobs = Infinity;
    for (const until = Date.now() + 60_000; Date.now() < until && stuckJobs > 0; await sleep(1_000)) {
      const [s] = (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM jobs WHERE (status = 'queued' AND run_at < now() - interval '30 seconds') OR (status = 'running' AND locked_until < now())`,
        )
      ).rows;
      stuckJobs = s!.n;
    }
    const [dead] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE status = 'dead'`)).rows;
    await db.end();
    const verify = await new Promise<{ ok: boolean; out: string }>((resolve) => {
      const child = spawn(
        path.join(root, 'node_modules/.bin/tsx'),
        [path.join(root, 'apps/api/src/cli/audit-verify.ts')],
        { env: { ...process.env, ...env, DATABASE_URL: dbUrl.toString() } },
      );
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.once('exit', (code) => resolve({ ok: code === 0, out }));
    });
    const auditEntries = Number(/(\d+) entries in/.exec(verify.out)?.[1] ?? 0);

    const latencyMs = Object.fromEntries(
      [...stats.latencies].map(([j, xs]) => [j, { n: xs.length, p50: quantile(xs, 0.5), p95: quantile(xs, 0.95) }]),
    );
    const errorBudgetSpent = Number((stats.failedAttempts / Math.max(1, stats.attempts) / ERROR_BUDGET).toFixed(2));
    const ok =
      foundSubmissions === markers.length &&
      duplicates === 0 &&
      withoutEvents === 0 &&
      foundDecisions === acknowledged.decisions.size &&
      verify.ok &&
      stuckJobs === 0;
    if (!verify.ok) problems.push(`audit:verify: ${verify.out.trim().slice(0, 2000)}`);
    if (problems.length)
      console.error(
        `soak: ${problems.length} journey(s) ended in error; the first:\n  ${problems.slice(0, 5).join('\n  ')}`,
      );
    return {
      name: 'soak with faults: 2 app processes + worker on PostgreSQL, SIGKILLs and database cuts',
      seconds,
      faults,
      acknowledged: { submissions: markers.length, decisions: acknowledged.decisions.size },
      found: { submissions: foundSubmissions, decisions: foundDecisions },
      duplicates,
      withoutEvents,
      auditVerified: verify.ok,
      auditEntries,
      stuckJobs,
      deadJobs: dead!.n,
      latencyMs,
      attempts: stats.attempts,
      failedAttempts: stats.failedAttempts,
      failures: Object.fromEntries(stats.failures),
      errorBudgetSpent,
      ok,
    };
  }
}

export function printSoak(r: SoakReport): string {
  console.log(`\n${r.name}, ${r.seconds}s`);
  console.log(
    `  faults: ${Object.entries(r.faults)
      .map(([k, v]) => `${k} ×${v}`)
      .join(', ')}`,
  );
  console.log(
    `  submissions: ${r.acknowledged.submissions} acknowledged, ${r.found.submissions} found; decisions: ${r.acknowledged.decisions} acknowledged, ${r.found.decisions} found`,
  );
  console.log(
    `  duplicates: ${r.duplicates}; without their events: ${r.withoutEvents}; audit chain ${r.auditVerified ? 'verifies' : 'BROKEN'} (${r.auditEntries} entries); stuck jobs: ${r.stuckJobs}; dead jobs: ${r.deadJobs}`,
  );
  for (const [j, l] of Object.entries(r.latencyMs))
    console.log(`  ${j.padEnd(8)} n=${l.n}  p50 ${l.p50} ms  p95 ${l.p95} ms`);
  console.log(
    `  error budget (${ERROR_BUDGET * 100}% of ${r.attempts} attempts): ${r.failedAttempts} failed attempts (${
      Object.entries(r.failures)
        .map(([k, v]) => `${k} ×${v}`)
        .join(', ') || 'none'
    }), ${Math.round(r.errorBudgetSpent * 100)}% spent`,
  );
  console.log(`  ${r.ok ? 'OK: nothing lost, nothing doubled' : 'FAILED'}`);
  return `soak ${r.seconds}s: ${r.acknowledged.submissions} acknowledged, ${r.found.submissions} found, ${r.duplicates} duplicates, chain ${r.auditVerified ? 'verifies' : 'BROKEN'}, ${r.ok ? 'OK' : 'FAILED'}`;
}
