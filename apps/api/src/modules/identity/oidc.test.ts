import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
// @ts-expect-error -- oidc-provider ships no type declarations, and @types/oidc-provider is not installed
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff } from '../../../test/factories';
import { sealAuditNow } from '../../../test/audit';

/**
 * Staff sign-in with OpenID Connect against a real provider (oidc-provider) on a local port. The
 * browser is played by fetch with a cookie jar, following redirects by hand; Dargah's routes are
 * reached with inject (the provider never calls Dargah, Dargah calls the provider over HTTP).
 */

const CLIENT_ID = 'dargah-staff';
const CLIENT_SECRET = 'dargah-test-client-secret-0123456789';
// Registered at the provider and never contacted: the test hands the redirect to Dargah by inject.
const REDIRECT_URI = 'https://dargah.example/api/v1/auth/oidc/callback';

let server: http.Server;
let issuer: string;
/** While false the "provider" answers 503, as an identity service that is down. */
let providerUp = false;
let t: TestApp;

beforeAll(async () => {
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end('down');
  server = http.createServer((req, res) => (providerUp ? handler(req, res) : res.writeHead(503).end('down')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT_URI], grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), use: 'sig', alg: 'RS256', kid: 'test' }] },
    cookies: { keys: ['oidc-test-cookie-key-0123456789'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    // Any login name is an account whose subject is that name.
    findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub }) }),
  });
  handler = provider.callback();

  // Built while the provider is down: start-up does not depend on it.
  t = await buildTestApp({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET, OIDC_REDIRECT_URI: REDIRECT_URI });
});

afterAll(async () => {
  await t?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/** A browser's cookies at the provider (one host; path scoping does not matter here). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]!).getTime() < Date.now()));
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** The value a Set-Cookie header of an inject response gives a cookie ('' when it clears it). */
function setCookie(res: { headers: Record<string, unknown> }, name: string): string | undefined {
  const all = [res.headers['set-cookie'] ?? []].flat().map(String);
  const c = all.find((x) => x.startsWith(`${name}=`));
  return c === undefined ? undefined : c.slice(name.length + 1).split(';')[0];
}

interface Started {
  authorizeUrl: URL;
  pending: string;
}

async function start(returnTo = '/staff/inbox'): Promise<Started> {
  const res = await t.app.inject({ url: `/api/v1/auth/oidc/start?${new URLSearchParams({ returnTo }).toString()}` });
  expect(res.statusCode, res.body).toBe(302);
  const pending = setCookie(res, 'dargah_oidc');
  expect(pending).toBeTruthy();
  const raw = [res.headers['set-cookie']].flat().map(String).find((c) => c.startsWith('dargah_oidc='))!;
  for (const attr of [/; Path=\/api\/v1\/auth\/oidc(;|$)/, /; HttpOnly/, /; SameSite=Lax/, /; Max-Age=600/]) expect(raw).toMatch(attr);
  return { authorizeUrl: new URL(res.headers.location!), pending: pending! };
}

/**
 * Plays the person at the provider: follows redirects, signs in as `login` on the login form
 * and grants consent, or cancels; returns the URL the provider sends the browser back to.
 */
async function atProvider(authorizeUrl: URL, act: { login: string } | 'cancel'): Promise<URL> {
  const jar = new CookieJar();
  let url = authorizeUrl;
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 12; step++) {
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(body ? { body: body.toString() } : {}),
    });
    jar.take(res);
    body = undefined;
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      await res.arrayBuffer();
      if (next.href.startsWith(REDIRECT_URI)) return next;
      url = next;
      continue;
    }
    const html = await res.text();
    expect(res.status, html.slice(0, 500)).toBe(200);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (act === 'cancel') {
      url = new URL(`${url.pathname}/abort`, url);
    } else if (prompt === 'login') {
      body = new URLSearchParams({ prompt: 'login', login: act.login, password: 'anything' });
    } else if (prompt === 'consent') {
      body = new URLSearchParams({ prompt: 'consent' });
    } else {
      throw new Error(`unexpected page at the provider: ${html.slice(0, 300)}`);
    }
  }
  throw new Error('too many steps at the provider');
}

async function callback(back: URL, pending: string | undefined) {
  return t.app.inject({ url: `${back.pathname}${back.search}`, ...(pending ? { cookies: { dargah_oidc: pending } } : {}) });
}

function signinError(res: { statusCode: number; headers: Record<string, unknown> }) {
  expect(res.statusCode).toBe(302);
  const loc = new URL(String(res.headers.location), 'http://dargah.invalid');
  expect(loc.pathname).toBe('/staff');
  return { code: loc.searchParams.get('signin_error'), returnTo: loc.searchParams.get('returnTo') };
}

async function linkedStaff(subject: string) {
  const agency = await buildAgency(t);
  const staff = await buildStaff(t, agency.id, ['expert']);
  await t.ctx.database.query('UPDATE staff SET oidc_subject = $1 WHERE id = $2', [subject, staff.id]);
  return staff;
}

async function auditEntries(action: string) {
  await sealAuditNow(t.ctx.database);
  return t.ctx.database.query<{ object_id: string | null; details: Record<string, unknown> }>('SELECT object_id, details FROM audit_entries WHERE action = $1 ORDER BY id', [action]);
}

describe('OpenID Connect sign-in for staff', () => {
  it('needs no provider at start-up, discovers it on first use and tries again after a failure', async () => {
    expect(t.ctx.integrations.list()).toContainEqual(expect.objectContaining({ name: 'oidc', mode: 'live' }));
    const config = await t.app.inject({ url: '/api/v1/auth/oidc/config' });
    expect(config.json()).toEqual({ enabled: true });

    const down = await t.app.inject({ url: '/api/v1/auth/oidc/start?returnTo=/staff/inbox' });
    expect(signinError(down)).toEqual({ code: 'OIDC_PROVIDER_UNAVAILABLE', returnTo: '/staff/inbox' });
    expect(setCookie(down, 'dargah_oidc')).toBeUndefined();

    providerUp = true;
    const { authorizeUrl } = await start();
    expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(`${issuer}/auth`);
  });

  it('signs a linked staff member in: code flow with PKCE, state and nonce, then a Dargah session', async () => {
    const staff = await linkedStaff('oidc-user-1');
    const { authorizeUrl, pending } = await start('/staff/inbox?tab=mine');
    const p = authorizeUrl.searchParams;
    expect(Object.fromEntries(p)).toMatchObject({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, scope: 'openid', code_challenge_method: 'S256' });
    expect(p.get('state')).toMatch(/^[\w-]{43}$/);
    expect(p.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(p.get('code_challenge')).toMatch(/^[\w-]{43}$/);

    const back = await atProvider(authorizeUrl, { login: 'oidc-user-1' });
    expect(back.searchParams.get('code')).toBeTruthy();
    const res = await callback(back, pending);
    expect(res.statusCode, res.body).toBe(302);
    expect(res.headers.location).toBe('/staff/inbox?tab=mine');
    expect(setCookie(res, 'dargah_oidc')).toBe('');
    const raw = [res.headers['set-cookie']].flat().map(String).find((c) => c.startsWith('dargah_session='))!;
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Lax/i);
    expect(raw).toMatch(/Path=\//);

    const me = await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie: raw.split(';')[0]! } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ kind: 'staff', id: staff.id, roles: [{ role: 'expert', agencyId: staff.agencyId }] });
    const signIns = await auditEntries('staff.sign_in');
    expect(signIns.at(-1)).toMatchObject({ object_id: staff.id, details: { method: 'oidc' } });

    // The same code a second time is refused by the provider.
    const replay = await callback(back, pending);
    expect(signinError(replay).code).toBe('OIDC_SIGN_IN_FAILED');
    expect(setCookie(replay, 'dargah_session')).toBeUndefined();
  });

  it('refuses an identity linked to no staff account, and records its subject', async () => {
    const { authorizeUrl, pending } = await start('/staff');
    const res = await callback(await atProvider(authorizeUrl, { login: 'stranger-42' }), pending);
    expect(signinError(res)).toEqual({ code: 'OIDC_UNKNOWN_ACCOUNT', returnTo: null });
    expect(setCookie(res, 'dargah_session')).toBeUndefined();
    expect((await auditEntries('staff.login_failed')).at(-1)).toMatchObject({ object_id: null, details: { method: 'oidc', reason: 'OIDC_UNKNOWN_ACCOUNT', subject: 'stranger-42' } });
  });

  it('refuses a deactivated staff member, audited as a failed sign-in', async () => {
    const staff = await linkedStaff('oidc-user-gone');
    await t.ctx.database.query('UPDATE staff SET active = false WHERE id = $1', [staff.id]);
    const { authorizeUrl, pending } = await start();
    const res = await callback(await atProvider(authorizeUrl, { login: 'oidc-user-gone' }), pending);
    expect(signinError(res)).toEqual({ code: 'OIDC_ACCOUNT_INACTIVE', returnTo: '/staff/inbox' });
    expect(setCookie(res, 'dargah_session')).toBeUndefined();
    expect((await auditEntries('staff.login_failed')).at(-1)).toMatchObject({ object_id: staff.id, details: { method: 'oidc', reason: 'OIDC_ACCOUNT_INACTIVE' } });
  });

  it('refuses a tampered state, or a callback without the sign-in cookie, before redeeming the code', async () => {
    const staff = await linkedStaff('oidc-user-2');
    const { authorizeUrl, pending } = await start();
    const back = await atProvider(authorizeUrl, { login: 'oidc-user-2' });

    const tampered = new URL(back);
    tampered.searchParams.set('state', `${back.searchParams.get('state')!.slice(0, -2)}xx`);
    const r1 = await callback(tampered, pending);
    expect(signinError(r1).code).toBe('OIDC_STATE_INVALID');
    expect(setCookie(r1, 'dargah_session')).toBeUndefined();
    expect(setCookie(r1, 'dargah_oidc')).toBeUndefined(); // the real sign-in stays usable

    const r2 = await callback(back, undefined);
    expect(signinError(r2).code).toBe('OIDC_STATE_INVALID');
    const r3 = await callback(back, Buffer.from('{"v":1,"state":"x"}').toString('base64url'));
    expect(signinError(r3).code).toBe('OIDC_STATE_INVALID');

    // The code was never sent to the provider, so the genuine callback still succeeds.
    const ok = await callback(back, pending);
    expect(ok.headers.location).toBe('/staff/inbox');
    const me = await t.app.inject({ url: '/api/v1/auth/session', cookies: { dargah_session: setCookie(ok, 'dargah_session')! } });
    expect(me.json()).toMatchObject({ kind: 'staff', id: staff.id });
  });

  it('reports a sign-in cancelled at the provider', async () => {
    const { authorizeUrl, pending } = await start();
    const back = await atProvider(authorizeUrl, 'cancel');
    expect(back.searchParams.get('error')).toBe('access_denied');
    const res = await callback(back, pending);
    expect(signinError(res).code).toBe('OIDC_ACCESS_DENIED');
    expect(setCookie(res, 'dargah_oidc')).toBe('');
  });

  it('accepts only a path of this site to go back to', async () => {
    for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'staff', '/staff\n/x']) {
      const res = await t.app.inject({ url: `/api/v1/auth/oidc/start?${new URLSearchParams({ returnTo }).toString()}` });
      expect(res.statusCode, returnTo).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    const res = await t.app.inject({ url: '/api/v1/auth/oidc/start' });
    expect(res.statusCode).toBe(302);
  });

  it('refuses a sign-in that took longer than ten minutes', async () => {
    await linkedStaff('oidc-user-slow');
    const { authorizeUrl, pending } = await start();
    const back = await atProvider(authorizeUrl, { login: 'oidc-user-slow' });
    t.clock.advance(11 * 60_000);
    const res = await callback(back, pending);
    expect(signinError(res).code).toBe('OIDC_STATE_INVALID');
    expect(setCookie(res, 'dargah_session')).toBeUndefined();
  });
});

describe('OpenID Connect disabled (no OIDC_ISSUER)', () => {
  let off: TestApp;
  beforeAll(async () => {
    off = await buildTestApp();
  });
  afterAll(() => off.close());

  it('says so, and its routes answer 404 FEATURE_DISABLED', async () => {
    expect((await off.app.inject({ url: '/api/v1/auth/oidc/config' })).json()).toEqual({ enabled: false });
    expect(off.ctx.integrations.list().map((i) => i.name)).not.toContain('oidc');
    for (const url of ['/api/v1/auth/oidc/start?returnTo=/staff', '/api/v1/auth/oidc/start?returnTo=//evil', '/api/v1/auth/oidc/callback?code=x&state=y']) {
      const res = await off.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('FEATURE_DISABLED');
    }
  });
});
