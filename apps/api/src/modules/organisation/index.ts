import type { AppModule } from '../../platform/module';
import { mayAdminister } from './admin.policy';
import { adminRoutes } from './admin.routes';
import { defineOrganisationJobs } from './organisation.jobs';
import { organisationErrors } from './organisation.errors';
import { staffAdminRoutes } from './staff-admin.routes';

export { agenciesWithRole, hasRole, isCentral, requireRole, rolesIn, ADMIN_ROLES, CENTRAL_REVIEWERS, CENTRAL_ROLES } from './roles.policy';
export {
  activeAgencies,
  activeStaffWithRoles,
  agenciesByIds,
  agencyIdsInProvince,
  agencyNameRanks,
  agencySubtree,
  agencyLineage,
  agencyNames,
  childAgencyIds,
  existingAgencyIds,
  findActiveAgency,
  findPeople,
  inactiveAgencyIds,
  isAgencyAdmin,
  partyKey,
  partyNames,
  staffIdByUsername,
  staffNationalCode,
  unitsOfAgencies,
} from './directory.service';
export type { AgencyLineage, AgencyRef, Party, PartyName, PartyRef, StaffWithGrants } from './directory.service';
export type { AgencyFacts, OrgUnitRow } from './organisation.repository';
export { assertNoReviewConflict, reviewConflictOf } from './separation.service';
export type { ReviewConflict, ReviewSubject } from './separation.service';
// For identity: staff accounts, grants and delegations, to sign staff in and resolve sessions.
export * from './accounts.service';

export { OrganisationError } from './organisation.errors';

/**
 * The organisation: agencies and their tree, units, staff, roles, delegations, staff
 * administration (with password resets), separation of duties and the people directory.
 */
export const organisationModule: AppModule = {
  name: 'organisation',
  errors: [organisationErrors],
  async register(app, ctx) {
    await adminRoutes(app, ctx);
    await staffAdminRoutes(app, ctx);
  },
  defineJobs: defineOrganisationJobs,
  areas: (_ctx, actor) => ({ administration: mayAdminister(actor) }),
};
