import type { AppModule } from '../../platform/module';
import { authRoutes } from './auth.routes';
import { citizenEmailRoutes } from './citizen-email.routes';
import { identityErrors } from './identity.errors';
import { defineIdentityJobs } from './identity.jobs';
import { oidcRoutes } from './oidc.routes';

export { registerAuth, SESSION_COOKIE } from './auth.hooks';
export { IdentityError } from './identity.errors';
// For the organisation's administration (API tokens, sessions, passwords) and people directory.
export * from './accounts.service';
// For the channels module: the person a counter consent proves, or a desk clerk saw in person.
export { matchedForCode, newOneTimeCode, personFor, personSeenInPerson } from './citizen-sign-in.service';
export { csrfMatches } from './auth.service';

/**
 * Identity: who is signing in and acting — citizens and companies (one-time codes to a
 * registry-matched mobile, profile), staff sign-in (password with growing delays, OIDC), sessions,
 * CSRF and API tokens. Who staff are and what they may do is the organisation's.
 */
export const identityModule: AppModule = {
  name: 'identity',
  errors: [identityErrors],
  async register(app, ctx, host) {
    await authRoutes(app, ctx, host);
    await citizenEmailRoutes(app, ctx);
    await oidcRoutes(app, ctx);
  },
  defineJobs: defineIdentityJobs,
  areas: (_ctx, actor) => ({ me: actor.type === 'citizen', staff: actor.type === 'staff' }),
};
