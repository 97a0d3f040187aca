import type { AppModule } from '..';
import { adminRoutes } from './admin.routes';
import { mayAdminister } from './admin.policy';
import { authRoutes } from './auth.routes';
import { citizenEmailRoutes } from './citizen-email.routes';
import { defineIdentityJobs } from './identity.jobs';
import { registerIdentityErrors } from './identity.errors';
import { oidcRoutes } from './oidc.routes';
import { staffAdminRoutes } from './staff-admin.routes';

export { registerAuth } from './auth.hooks';
export { agenciesWithRole, hasRole, requireCitizen, requireRole, requireStaff, apiClientMay, ADMIN_ROLES, CENTRAL_ROLES } from './identity.policy';
export type { StaffActor, CitizenActor, ApiClientActor } from './identity.policy';
export { findPeople, type Party } from './people.service';
export { agencyNames, partyKey, partyNames, staffIdByUsername } from './directory.service';
export type { PartyName, PartyRef } from './directory.service';
export { assertNoReviewConflict, reviewConflictOf } from './separation.service';
export type { ReviewConflict, ReviewSubject } from './separation.service';

registerIdentityErrors();

/** Identity and access: agencies, units, staff, citizens, sessions, tokens and the policy layer. */
export const identityModule: AppModule = {
  name: 'identity',
  async register(app, ctx, host) {
    await authRoutes(app, ctx, host);
    await citizenEmailRoutes(app, ctx);
    await oidcRoutes(app, ctx);
    await adminRoutes(app, ctx);
    await staffAdminRoutes(app, ctx);
  },
  defineJobs: defineIdentityJobs,
  areas: (_ctx, actor) => ({ me: actor.type === 'citizen', staff: actor.type === 'staff', administration: mayAdminister(actor) }),
};
