import type { AppModule } from '..';
import { adminRoutes } from './admin.routes';
import { authRoutes } from './auth.routes';
import { defineIdentityJobs } from './identity.jobs';
import { registerIdentityErrors } from './identity.errors';
import { oidcRoutes } from './oidc.routes';

export { registerAuth } from './auth.hooks';
export { agenciesWithRole, hasRole, requireCitizen, requireRole, requireStaff, apiClientMay, ADMIN_ROLES, CENTRAL_ROLES } from './identity.policy';
export type { StaffActor, CitizenActor, ApiClientActor } from './identity.policy';
export { assertNoReviewConflict, reviewConflictOf } from './separation.service';
export type { ReviewConflict, ReviewSubject } from './separation.service';

registerIdentityErrors();

/** Identity and access: agencies, units, staff, citizens, sessions, tokens and the policy layer. */
export const identityModule: AppModule = {
  name: 'identity',
  async register(app, ctx) {
    await authRoutes(app, ctx);
    await oidcRoutes(app, ctx);
    await adminRoutes(app, ctx);
  },
  defineJobs: defineIdentityJobs,
};
