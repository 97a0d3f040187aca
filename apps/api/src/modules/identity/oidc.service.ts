import { timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { RequestOrigin } from '../../platform/actor';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { withTransaction } from '../../platform/db';
import { startStaffSession, type NewSession } from './auth.service';
import * as org from '../organisation';
import { IdentityError } from './identity.errors';

/**
 * OpenID Connect sign-in for staff (authorization code flow with PKCE S256, state and nonce),
 * an alternative to passwords enabled by OIDC_ISSUER. A staff member is found by the `sub` of the
 * ID token (staff.oidc_subject); nobody is created on the fly.
 *
 * App processes are stateless: what the callback must check (state, nonce, PKCE verifier, where
 * to go back to) travels in a short-lived httpOnly cookie scoped to /api/v1/auth/oidc. It is not
 * signed: every value in it is a random secret this browser alone holds, compared with what the
 * provider sends back, and the path to go back to is checked again when the cookie is read. A
 * signature would not stop anyone who can plant cookies either, since a signed cookie of one's
 * own is one request to /start away.
 */

export const OIDC_COOKIE = 'dargah_oidc';
export const OIDC_COOKIE_PATH = '/api/v1/auth/oidc';
/** How long a started sign-in may take at the provider. */
export const OIDC_PENDING_TTL_MS = 10 * 60_000;
/** The staff sign-in page; refusals go back there with `?signin_error=CODE`. */
export const STAFF_SIGN_IN_PAGE = '/staff';
/** Seconds to wait for the provider (discovery, token endpoint). */
const PROVIDER_TIMEOUT_SECONDS = 10;

/** A path of this site (`/staff/inbox?x=1`), never another origin (`//evil`, `/\evil`, `https://…`). */
export function isSafeReturnTo(value: string): boolean {
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return false;
  // Control characters and backslashes can turn into another address in some parsers.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value) || value.length > 1000) return false;
  const base = 'http://dargah.invalid';
  return new URL(value, base).origin === base;
}

const Pending = z.object({
  v: z.literal(1),
  state: z.string().min(16).max(200),
  nonce: z.string().min(16).max(200),
  verifier: z.string().min(43).max(128),
  returnTo: z.string().refine(isSafeReturnTo),
  /** Milliseconds since the epoch, by the app's clock. */
  at: z.number().int(),
});
type Pending = z.infer<typeof Pending>;

const encodePending = (p: Pending) => Buffer.from(JSON.stringify(p)).toString('base64url');

function decodePending(raw: string | undefined): Pending | undefined {
  if (!raw || raw.length > 4096) return undefined;
  try {
    const parsed = Pending.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The confidential client authenticates at the token endpoint with HTTP Basic (the default a
 * client is registered with), or in the form body when the provider offers only that.
 */
function clientAuthentication(secret: string | undefined): oidc.ClientAuth {
  if (!secret) return oidc.None();
  const basic = oidc.ClientSecretBasic(secret);
  const post = oidc.ClientSecretPost(secret);
  return (as, client, body, headers) => {
    const offered = as.token_endpoint_auth_methods_supported;
    const onlyPost = offered && !offered.includes('client_secret_basic') && offered.includes('client_secret_post');
    (onlyPost ? post : basic)(as, client, body, headers);
  };
}

/** True for failures to reach the provider at all (network, timeout, 5xx), as opposed to refusals. */
function isUnreachable(err: unknown): boolean {
  if (err instanceof oidc.ClientError) {
    if (err.code === 'OAUTH_TIMEOUT' || err.code === 'OAUTH_ABORT') return true;
    return err.cause instanceof Response && err.cause.status >= 500;
  }
  return err instanceof TypeError && err.message === 'fetch failed';
}

/** What the service logs to (the request's logger). */
export type OidcLog = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface OidcStart {
  /** The provider's authorization endpoint with this sign-in's parameters. */
  url: string;
  /** The value of the OIDC_COOKIE cookie. */
  cookie: string;
}

export interface OidcCompleted {
  session: NewSession;
  returnTo: string;
}

export interface OidcSignIn {
  readonly enabled: boolean;
  readonly issuer: string | undefined;
  /** Starts a sign-in: where to send the browser and what it must bring back. */
  start(returnTo: string): Promise<OidcStart>;
  /**
   * Finishes a sign-in from the provider's redirect. Throws a DomainError whose code names the
   * refusal; `details.returnTo` carries where the person was going, when known.
   */
  complete(cookie: string | undefined, search: URLSearchParams, origin: RequestOrigin, log: OidcLog): Promise<OidcCompleted>;
}

/**
 * One per app instance (so per process): the provider's metadata is discovered on first use, not
 * at start-up (the provider may be down then), kept, and discovered again after a failure.
 */
export function createOidcSignIn(ctx: AppContext): OidcSignIn {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: secret, OIDC_REDIRECT_URI: redirectUri, NODE_ENV } = ctx.config;
  const enabled = Boolean(issuer && clientId && redirectUri);
  let discovered: Promise<oidc.Configuration> | undefined;

  const configuration = async (): Promise<oidc.Configuration> => {
    if (!enabled) throw new IdentityError('FEATURE_DISABLED');
    const server = new URL(issuer!);
    // Plain http only for a local provider outside production (tests, development).
    const insecure = server.protocol === 'http:' && NODE_ENV !== 'production';
    discovered ??= oidc
      .discovery(server, clientId!, undefined, clientAuthentication(secret), {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .catch((err: unknown) => {
        discovered = undefined; // the next sign-in tries again
        throw err;
      });
    try {
      return await discovered;
    } catch (err) {
      ctx.log.error({ err, issuer }, 'OpenID Connect discovery failed');
      throw new IdentityError('OIDC_PROVIDER_UNAVAILABLE');
    }
  };

  const refuse = async (origin: RequestOrigin, reason: string, staff: org.StaffRow | undefined, details: Record<string, unknown> = {}) => {
    const at = ctx.clock.now();
    await withTransaction(ctx.database, async (tx) => {
      audit(tx, {
        actor: { type: 'anonymous', id: null },
        origin,
        at,
        action: 'staff.login_failed',
        objectType: 'staff',
        objectId: staff?.id ?? null,
        agencyId: staff?.agencyId ?? null,
        details: { method: 'oidc', reason, ...details },
      });
    });
  };

  return {
    enabled,
    issuer,

    async start(returnTo) {
      if (!isSafeReturnTo(returnTo)) throw new IdentityError('VALIDATION_FAILED', { field: 'returnTo' });
      const config = await configuration();
      const pending: Pending = {
        v: 1,
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
        returnTo,
        at: ctx.clock.now().getTime(),
      };
      const url = oidc.buildAuthorizationUrl(config, {
        response_type: 'code',
        scope: 'openid',
        redirect_uri: redirectUri!,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, cookie: encodePending(pending) };
    },

    async complete(cookie, search, origin, log) {
      if (!enabled) throw new IdentityError('FEATURE_DISABLED');
      const pending = decodePending(cookie);
      const now = ctx.clock.now().getTime();
      if (!pending || now - pending.at > OIDC_PENDING_TTL_MS || now < pending.at - 60_000) {
        throw new IdentityError('OIDC_STATE_INVALID', { reason: pending ? 'expired' : 'no sign-in in progress' });
      }
      const back = { returnTo: pending.returnTo };
      const state = search.get('state');
      if (!state || !same(state, pending.state)) throw new IdentityError('OIDC_STATE_INVALID', { ...back, reason: 'state mismatch' });

      const error = search.get('error');
      if (error) {
        // No ID token, so no account to name: logged, not audited.
        log.info({ error, description: search.get('error_description')?.slice(0, 200) }, 'OpenID Connect provider refused the sign-in');
        throw new IdentityError(error === 'access_denied' ? 'OIDC_ACCESS_DENIED' : 'OIDC_PROVIDER_ERROR', { ...back, error: error.slice(0, 100) });
      }

      const config = await configuration();
      // The URL the provider redirected to, rebuilt from configuration rather than from Host
      // headers (the app may sit behind a proxy).
      const current = new URL(redirectUri!);
      current.search = search.toString();
      let subject: string | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        subject = tokens.claims()?.sub;
      } catch (err) {
        if (isUnreachable(err)) {
          log.error({ err }, 'OpenID Connect token endpoint unreachable');
          throw new IdentityError('OIDC_PROVIDER_UNAVAILABLE', back);
        }
        log.warn({ err }, 'OpenID Connect code exchange refused');
        throw new IdentityError('OIDC_SIGN_IN_FAILED', back);
      }
      if (!subject) throw new IdentityError('OIDC_SIGN_IN_FAILED', back);

      const staff = await org.findStaffByOidcSubject(ctx.database.db, subject);
      if (!staff) {
        // Audited with the subject: it is what an administrator links to the staff account.
        await refuse(origin, 'OIDC_UNKNOWN_ACCOUNT', undefined, { subject, issuer });
        throw new IdentityError('OIDC_UNKNOWN_ACCOUNT', back);
      }
      if (!staff.active) {
        await refuse(origin, 'OIDC_ACCOUNT_INACTIVE', staff);
        throw new IdentityError('OIDC_ACCOUNT_INACTIVE', back);
      }
      return { session: await startStaffSession(ctx, staff, origin, 'oidc'), returnTo: pending.returnTo };
    },
  };
}

/** Where a refused sign-in lands: the staff sign-in page, naming the refusal. */
export function signInErrorLocation(code: string, returnTo?: unknown): string {
  const q = new URLSearchParams({ signin_error: code });
  if (typeof returnTo === 'string' && returnTo !== STAFF_SIGN_IN_PAGE && isSafeReturnTo(returnTo)) q.set('returnTo', returnTo);
  return `${STAFF_SIGN_IN_PAGE}?${q.toString()}`;
}
