import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { DomainError } from '../../platform/http/errors';
import { limitPerAddress } from '../../platform/rate-limit';
import { SESSION_COOKIE, sessionCookieOptions } from './auth.hooks';
import { createOidcSignIn, isSafeReturnTo, OIDC_COOKIE, OIDC_COOKIE_PATH, OIDC_PENDING_TTL_MS, signInErrorLocation, STAFF_SIGN_IN_PAGE } from './oidc.service';
import { IdentityError } from './identity.errors';

const tags = ['identity'];

const OidcStartQuery = z.object({
  returnTo: z
    .string()
    .refine(isSafeReturnTo, { message: 'must be a path of this site', params: { code: 'RETURN_TO_INVALID' } })
    .default(STAFF_SIGN_IN_PAGE),
});

const OidcCallbackQuery = z.looseObject({
  code: z.string().optional(),
  state: z.string().optional(),
  iss: z.string().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});

const OidcConfig = z.object({ enabled: z.boolean() });

/**
 * Staff sign-in with OpenID Connect. Both browser-facing routes answer with redirects: to the
 * provider, back to where the person was going, or to the sign-in page with `?signin_error=CODE`.
 * When OIDC_ISSUER is unset they answer 404 FEATURE_DISABLED.
 */
export async function oidcRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const signIn = createOidcSignIn(ctx);
  if (signIn.enabled) {
    ctx.integrations.register({ name: 'oidc', mode: 'live', description: `OpenID Connect sign-in for staff at ${signIn.issuer}` });
  }

  // Before validation, so a disabled feature is reported as such whatever the query says.
  const requireEnabled = async () => {
    if (!signIn.enabled) throw new IdentityError('FEATURE_DISABLED', { feature: 'oidc' });
  };
  // Per-address limits, counted in the database.
  const limited = limitPerAddress(ctx, 'rate:oidc', 30);
  const pendingCookie = (maxAgeMs?: number) => ({
    path: OIDC_COOKIE_PATH,
    httpOnly: true,
    // Lax: the cookie comes back on the provider's top-level redirect to the callback.
    sameSite: 'lax' as const,
    secure: ctx.config.NODE_ENV === 'production',
    ...(maxAgeMs ? { maxAge: Math.floor(maxAgeMs / 1000) } : {}),
  });
  const refused = (req: FastifyRequest, reply: FastifyReply, err: unknown) => {
    if (!(err instanceof DomainError)) req.log.error({ err }, 'OpenID Connect sign-in failed');
    const code = err instanceof DomainError ? err.code : 'OIDC_SIGN_IN_FAILED';
    const returnTo = err instanceof DomainError ? err.details.returnTo : undefined;
    return reply.redirect(signInErrorLocation(code, returnTo), 302);
  };

  r.get('/auth/oidc/config', { config: { access: 'public' }, schema: { tags, summary: 'Whether staff may sign in with OpenID Connect', response: { 200: OidcConfig } } }, async () => ({
    enabled: signIn.enabled,
  }));

  r.get(
    '/auth/oidc/start',
    {
      config: { access: 'public', errors: ['FEATURE_DISABLED'] },
      onRequest: [requireEnabled, limited],
      schema: { tags, summary: 'Start a staff sign-in at the OpenID Connect provider (redirects there)', querystring: OidcStartQuery },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      try {
        const { url, cookie } = await signIn.start(req.query.returnTo);
        reply.setCookie(OIDC_COOKIE, cookie, pendingCookie(OIDC_PENDING_TTL_MS));
        return await reply.redirect(url, 302);
      } catch (err) {
        return refused(req, reply, err instanceof DomainError ? err.withDetails({ returnTo: req.query.returnTo }) : err);
      }
    },
  );

  r.get(
    '/auth/oidc/callback',
    {
      config: { access: 'public', errors: ['FEATURE_DISABLED'] },
      onRequest: [requireEnabled, limited],
      schema: { tags, summary: 'Where the OpenID Connect provider sends the browser back; signs the staff member in', querystring: OidcCallbackQuery },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const q = req.url.indexOf('?');
      const search = new URLSearchParams(q >= 0 ? req.url.slice(q + 1) : '');
      try {
        const { session, returnTo } = await signIn.complete(req.cookies[OIDC_COOKIE], search, req.origin, req.log);
        reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(ctx, session.expiresAt));
        reply.clearCookie(OIDC_COOKIE, pendingCookie());
        return await reply.redirect(returnTo, 302);
      } catch (err) {
        // A mismatched state may be someone else's crafted link: the sign-in this browser has in
        // progress stays usable. Any other outcome ends it.
        if (!(err instanceof DomainError && err.code === 'OIDC_STATE_INVALID')) reply.clearCookie(OIDC_COOKIE, pendingCookie());
        return refused(req, reply, err);
      }
    },
  );
}
