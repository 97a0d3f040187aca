import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { withTransaction } from '../../platform/db';
import { checkAccess } from '../../platform/http/access';
import type { DomainError } from '../../platform/http/errors';
import { csrfMatches, resolveApiToken, resolveSession, type ResolvedSession } from './auth.service';
import { IdentityError } from './identity.errors';

export const SESSION_COOKIE = 'dargah_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The session behind the cookie, when it is valid. */
    session: ResolvedSession | null;
  }
}

export function sessionCookieOptions(ctx: AppContext, expires?: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.NODE_ENV === 'production',
    ...(expires ? { expires } : {}),
  };
}

/**
 * Resolves the actor of every request: an API token (Authorization: Bearer dgh_…) or a session
 * cookie. Writes with a cookie must carry the session's CSRF token in X-CSRF-Token. A refusal of an
 * API client (outside its agency or scopes) is audited.
 */
export async function registerAuth(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (req: FastifyRequest) => {
    req.session = null;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer dgh_')) {
      const actor = await resolveApiToken(ctx, auth.slice(7));
      if (!actor) throw new IdentityError('UNAUTHENTICATED', { reason: 'unknown or revoked API token' });
      req.actor = actor;
      return;
    }

    const token = req.cookies[SESSION_COOKIE];
    const session = token ? await resolveSession(ctx, token) : undefined;
    if (session) {
      req.session = session;
      req.actor = session.actor;
    } // else: no cookie, or a tampered, revoked or expired one — simply signed out
  });

  // Route-level access class, before the body is parsed or validated.
  app.addHook('onRequest', async (req) => checkAccess(req.routeOptions.config.access, req.actor));

  app.addHook('preHandler', async (req) => {
    // The server-rendered pages' form posts (ADR 0018) carry their own double-submit token and are
    // checked by platform/http/pages.ts (Origin, Sec-Fetch-Site, token); the API calls they make
    // as the visitor come back through here with the session's token.
    if (!req.url.startsWith('/api/')) return;
    if (req.session && UNSAFE.has(req.method) && !csrfMatches(req.session.csrfToken, req.headers['x-csrf-token'] as string | undefined)) {
      throw new IdentityError('CSRF_TOKEN_INVALID');
    }
  });

  app.addHook('onError', async (req, _reply, err) => {
    const actor = req.actor;
    if (actor?.type !== 'api_client' || (err as DomainError).code !== 'FORBIDDEN') return;
    const at = ctx.clock.now();
    await withTransaction(ctx.database, async (tx) => {
      audit(tx, { actor, origin: req.origin, at, action: 'api_token.refused', objectType: 'api_token', objectId: actor.id, details: { method: req.method, path: req.url.split('?')[0] } });
    }).catch((e: unknown) => req.log.error({ err: e }, 'could not audit an API token refusal'));
  });
}
