import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppConfigSchema, ConfigError, loadConfig } from '../src/config';

/**
 * The deployment files in ops/ (docs/operations/deployment.md) against the code they start: the
 * systemd units start npm scripts that exist, with the hardening the guide promises; the example
 * environment file is a configuration production accepts; nginx takes the bodies the app takes and
 * sends the headers TRUST_PROXY believes.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const OPS = path.join(ROOT, 'ops');
const read = (rel: string) => fs.readFileSync(path.join(OPS, rel), 'utf8');

type Unit = Map<string, Map<string, string[]>>;

/** A systemd unit file: sections of keys, each key with every value it is given, in order (comments and continuations as systemd reads them). */
function parseUnit(text: string): Unit {
  const unit: Unit = new Map();
  let section: Map<string, string[]> | undefined;
  for (const line of text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim())) {
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = unit.get(header[1]!) ?? new Map<string, string[]>();
      unit.set(header[1]!, section);
      continue;
    }
    const eq = line.indexOf('=');
    if (!section || eq < 1) throw new Error(`not a unit line: ${line}`);
    const key = line.slice(0, eq).trim();
    section.set(key, [...(section.get(key) ?? []), line.slice(eq + 1).trim()]);
  }
  return unit;
}

/** An EnvironmentFile as systemd reads it: KEY=VALUE lines, quotes removed, comments skipped. */
function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) throw new Error(`not an environment line: ${line}`);
    env[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
  }
  return env;
}

/** nginx sizes: 26m, 512k, 1g, or bytes. */
const nginxBytes = (v: string) => {
  const m = /^(\d+)([kmg]?)$/i.exec(v);
  if (!m) throw new Error(`not an nginx size: ${v}`);
  return Number(m[1]) * { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
};

const packageJson = (dir: string) => JSON.parse(fs.readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as { name: string; scripts?: Record<string, string>; workspaces?: string[] };
const root = packageJson('.');
const workspaces = new Map(root.workspaces!.map((w) => [packageJson(w).name, packageJson(w)]));

/** The npm script an ExecStart runs, or why it is not one: `/usr/bin/npm run SCRIPT [-w WORKSPACE]`. */
function npmScriptOf(execStart: string): { script: string; pkg: string; command: string } {
  const m = /^\/usr\/bin\/npm run ([\w:-]+)(?: (?:-w|--workspace) (\S+))?$/.exec(execStart);
  if (!m) throw new Error(`ExecStart is not "/usr/bin/npm run SCRIPT [-w WORKSPACE]": ${execStart}`);
  const pkg = m[2] ? workspaces.get(m[2]) : root;
  if (!pkg) throw new Error(`no workspace ${m[2]}`);
  const command = pkg.scripts?.[m[1]!];
  if (!command) throw new Error(`${pkg.name} has no script "${m[1]}"`);
  return { script: m[1]!, pkg: pkg.name, command };
}

const SERVICES = fs.readdirSync(path.join(OPS, 'systemd')).filter((f) => f.endsWith('.service')).sort();
const hardening = parseUnit(read('systemd/dargah-.service.d/hardening.conf'));
const example = parseEnvFile(read('systemd/dargah.env.example'));

describe('the systemd units', () => {
  it('are the app template, the worker and the migration, each starting an npm script that exists', () => {
    expect(SERVICES).toEqual(['dargah-api@.service', 'dargah-migrate.service', 'dargah-worker.service']);
    const started = SERVICES.map((f) => {
      const unit = parseUnit(read(`systemd/${f}`));
      expect(unit.get('Unit')?.get('Description'), f).toHaveLength(1);
      const exec = unit.get('Service')?.get('ExecStart');
      expect(exec, f).toHaveLength(1);
      return npmScriptOf(exec![0]!);
    });
    expect(started).toEqual([
      { script: 'start', pkg: '@dargah/api', command: 'tsx src/main.ts' },
      { script: 'db:migrate', pkg: 'dargah', command: 'npm run db:migrate -w @dargah/api' },
      { script: 'worker', pkg: 'dargah', command: 'npm run worker -w @dargah/api' },
    ]);
    // The path check is not vacuous.
    expect(() => npmScriptOf('/usr/bin/npm run serve -w @dargah/api')).toThrow(/no script "serve"/);
    expect(() => npmScriptOf('/usr/bin/node apps/api/src/main.ts')).toThrow(/not "\/usr\/bin\/npm run/);
    expect(() => npmScriptOf('/usr/bin/npm run start -w @dargah/nope')).toThrow(/no workspace/);
  });

  it('run each app process on the port its instance names, migrations left to dargah-migrate, which they require', () => {
    const api = parseUnit(read('systemd/dargah-api@.service'));
    const env = api.get('Service')!.get('Environment')!.join(' ').split(/\s+/);
    expect(env).toEqual(expect.arrayContaining(['NODE_ENV=production', 'PORT=%i', 'MIGRATE_ON_START=false']));
    // An EnvironmentFile overrides Environment=: the shared file must not set the port.
    expect(example).not.toHaveProperty('PORT');
    for (const f of ['dargah-api@.service', 'dargah-worker.service']) {
      const unit = parseUnit(read(`systemd/${f}`)).get('Unit')!;
      expect(unit.get('Requires'), f).toEqual(['dargah-migrate.service']);
      expect(unit.get('After')![0], f).toContain('dargah-migrate.service');
    }
    // The target starts the ports nginx sends requests to.
    const wanted = parseUnit(read('systemd/dargah.target')).get('Unit')!.get('Wants')![0]!.split(/\s+/);
    const upstream = [...read('nginx/dargah.conf').matchAll(/^\s*server 127\.0\.0\.1:(\d+)/gm)].map((m) => `dargah-api@${m[1]}.service`);
    expect(upstream.length).toBeGreaterThanOrEqual(2);
    expect(wanted).toEqual([...upstream, 'dargah-worker.service']);
  });

  it('share one hardening drop-in: no new privileges, a read-only system but the data folder, no capabilities', () => {
    // systemd applies dargah-.service.d/ to every unit whose name starts with "dargah-".
    for (const f of SERVICES) expect(f.startsWith('dargah-'), f).toBe(true);
    const s = hardening.get('Service')!;
    const one = (k: string) => s.get(k)?.at(-1);
    expect(one('NoNewPrivileges')).toBe('yes');
    expect(one('ProtectSystem')).toBe('strict');
    expect(one('ProtectHome')).toBe('yes');
    expect(one('PrivateTmp')).toBe('yes');
    expect(one('PrivateDevices')).toBe('yes');
    expect(one('RestrictSUIDSGID')).toBe('yes');
    expect(one('CapabilityBoundingSet')).toBe('');
    expect(one('User')).toBe('dargah');
    expect(one('SystemCallFilter')).toBe('@system-service');
    expect(one('RestrictAddressFamilies')!.split(' ').sort()).toEqual(['AF_INET', 'AF_INET6', 'AF_UNIX']);
    // The one folder it may write is the data folder the configuration names (StateDirectory makes it).
    expect(s.get('ReadWritePaths')).toEqual([example.DATA_DIR]);
    expect(`/var/lib/${one('StateDirectory')}`).toBe(example.DATA_DIR);
    expect(one('WorkingDirectory')).toBe('/opt/dargah');
    // V8 needs writable, executable memory for its JIT: this setting would stop Node at start.
    expect(s.has('MemoryDenyWriteExecute')).toBe(false);
    // No unit loosens what the drop-in sets (Environment= adds variables; it loosens nothing).
    for (const f of SERVICES) {
      const own = parseUnit(read(`systemd/${f}`)).get('Service')!;
      for (const k of s.keys()) if (k !== 'Environment') expect(own.has(k), `${f} sets ${k} itself`).toBe(false);
    }
  });

  const systemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;
  it.skipIf(!systemdAnalyze)('satisfy systemd-analyze verify, drop-in included: no unknown key, no bad value', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dargah-units-'));
    try {
      fs.cpSync(path.join(OPS, 'systemd'), dir, { recursive: true });
      fs.copyFileSync(path.join(dir, 'dargah-api@.service'), path.join(dir, 'dargah-api@3001.service'));
      const verify = (...units: string[]) =>
        spawnSync('systemd-analyze', ['verify', '--man=no', ...units.map((u) => path.join(dir, u))], { encoding: 'utf8', env: { ...process.env, SYSTEMD_UNIT_PATH: `${dir}:` } });
      const res = verify('dargah-api@3001.service', 'dargah-worker.service', 'dargah-migrate.service', 'dargah.target');
      expect(`${res.stdout}${res.stderr}`.trim()).toBe('');
      expect(res.status).toBe(0);
      // It reads the drop-in: a bad value there is reported for the unit.
      fs.appendFileSync(path.join(dir, 'dargah-.service.d/hardening.conf'), 'ProtectSystem=sometimes\n');
      expect(verify('dargah-worker.service').stderr).toMatch(/hardening\.conf:\d+: Failed to parse protect system value/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parse as systemd reads them, and refuse what is not a unit line', () => {
    const u = parseUnit('[Service]\nEnvironment=A=1\nEnvironment=B=2 \\\n  C=3\n# Environment=D=4\nExecStart=/usr/bin/npm run worker\n');
    expect(u.get('Service')!.get('Environment')).toEqual(['A=1', 'B=2    C=3']);
    expect(() => parseUnit('ExecStart=/bin/true')).toThrow(/not a unit line/);
    expect(() => parseUnit('[Service]\nnonsense')).toThrow(/not a unit line/);
  });
});

describe('the example environment file', () => {
  it('names only configuration keys, and is a configuration production accepts', () => {
    const keys = new Set(Object.keys(AppConfigSchema.shape));
    for (const k of Object.keys(example)) expect(keys.has(k), k).toBe(true);
    const config = loadConfig({ ...example, NODE_ENV: 'production', PORT: '3001' });
    expect(config.DATABASE_URL).toMatch(/^postgres:\/\//);
    expect(config.TRUST_PROXY).toBe(true);
    expect(config.runJobsInProcess).toBe(false);
    expect(config.MAIL_FROM).toBe('Dargah <no-reply@dargah.example.ir>');
  });

  it('holds every key production refuses to start without', () => {
    for (const k of ['ADMIN_API_TOKEN', 'AUDIT_SIGNING_KEY_FILE']) {
      const without: Record<string, string | undefined> = { ...example, NODE_ENV: 'production' };
      delete without[k];
      expect(() => loadConfig(without), k).toThrow(ConfigError);
    }
    expect(() => loadConfig({ ...example, NODE_ENV: 'production', ADMIN_API_TOKEN: 'short' })).toThrow(/ADMIN_API_TOKEN/);
  });
});

describe('the nginx example', () => {
  const conf = read('nginx/dargah.conf').replace(/#.*$/gm, '');
  const directives = (name: string) => [...conf.matchAll(new RegExp(`^\\s*${name}\\s+([^;]+);`, 'gm'))].map((m) => m[1]!.trim());
  const defaults = loadConfig({});

  it('takes the largest body the app takes (BLOB_MAX_BYTES and BODY_LIMIT_BYTES), so the app refuses more in its own envelope', () => {
    const limits = directives('client_max_body_size');
    expect(limits).toHaveLength(1);
    expect(nginxBytes(limits[0]!)).toBeGreaterThanOrEqual(defaults.BLOB_MAX_BYTES);
    expect(nginxBytes(limits[0]!)).toBeGreaterThanOrEqual(defaults.BODY_LIMIT_BYTES);
    expect(nginxBytes(limits[0]!)).toBeGreaterThanOrEqual(Number(example.BLOB_MAX_BYTES));
    expect(nginxBytes('26m')).toBe(26 * 1024 * 1024);
    expect(() => nginxBytes('26 MB')).toThrow();
  });

  it('serves TLS 1.2+ over HTTP/2 and sends the headers TRUST_PROXY believes, the client address replaced, never appended', () => {
    expect(conf).toMatch(/listen 443 ssl http2;/);
    expect(directives('ssl_protocols')).toEqual(['TLSv1.2 TLSv1.3']);
    const headers = directives('proxy_set_header');
    expect(headers).toContain('X-Forwarded-For $remote_addr');
    expect(headers).toContain('X-Forwarded-Proto $scheme');
    expect(headers).toContain('X-Request-Id $request_id');
    expect(conf).not.toContain('$proxy_add_x_forwarded_for');
    // Set once, before the locations, so each inherits them: a location with a proxy_set_header of
    // its own would inherit none and send the client's X-Forwarded-For on.
    expect(headers.filter((h) => h.startsWith('X-Forwarded-For '))).toHaveLength(1);
    const firstLocation = conf.search(/^\s*location\b/m);
    expect(firstLocation).toBeGreaterThan(0);
    expect(conf.slice(firstLocation)).not.toMatch(/proxy_set_header/);
    expect(directives('proxy_pass').length).toBeGreaterThanOrEqual(2);
    expect(directives('proxy_read_timeout')).toHaveLength(1);
  });
});
