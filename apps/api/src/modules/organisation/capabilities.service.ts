import type { AdminCapabilities, AgencyCapabilities, ApiTokenCapabilities, DelegationCapabilities, StaffCapabilities } from '@dargah/contracts';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import {
  administers,
  agencyFieldsVerdict,
  allowed,
  createAgencyVerdict,
  deactivateVerdict,
  delegateVerdict,
  endDelegationVerdict,
  grantableRoles,
  isSelf,
  resetPasswordVerdict,
  scopeOf,
} from './admin.policy';
import * as repo from './organisation.repository';
import * as identity from '../identity';
import { requireStaff } from '../../platform/actor';
import { OrganisationError } from './organisation.errors';

/*
 * What the signed-in person may do with an object, for the screens to offer only that. Each answer
 * is the verdict of the policy function the operation itself enforces (admin.policy.ts), given
 * what the operation would load. An object the person may not see answers 404, like a missing one.
 */

export function adminCapabilities(actor: Actor): AdminCapabilities {
  requireStaff(actor);
  const s = scopeOf(actor);
  return { createAgency: allowed(createAgencyVerdict(s)), allAgencies: s.platform, agencyIds: s.platform ? [] : [...s.agencies] };
}

export async function agencyCapabilities(ctx: AppContext, actor: Actor, agencyId: string): Promise<AgencyCapabilities> {
  requireStaff(actor);
  const s = scopeOf(actor);
  const agency = await repo.findAgency(ctx.database.db, agencyId);
  if (!agency || !administers(s, agencyId)) throw new OrganisationError('AGENCY_NOT_FOUND', { agencyId });
  // Everything here needs only to administer the agency, but its legal id and parent.
  return {
    edit: true,
    changeLegalIdOrParent: allowed(agencyFieldsVerdict(s, ['legalId', 'parentId'])),
    createUnit: true,
    editUnits: true,
    createStaff: true,
    issueApiToken: true,
    grantableRoles: grantableRoles(s, null),
  };
}

/** For the staff member's administrators, and for the person themselves (who may delegate their work). */
export async function staffCapabilities(ctx: AppContext, actor: Actor, staffId: string): Promise<StaffCapabilities> {
  requireStaff(actor);
  const s = scopeOf(actor);
  const staff = await repo.findStaff(ctx.database.db, staffId);
  const admin = staff !== undefined && administers(s, staff.agencyId);
  if (!staff || !(admin || isSelf(s, staffId))) throw new OrganisationError('STAFF_NOT_FOUND', { staffId });
  const roles = admin ? grantableRoles(s, staffId) : [];
  return {
    edit: admin,
    changeRoles: roles.length > 0,
    grantableRoles: roles,
    deactivate: admin && allowed(deactivateVerdict(s, staffId)),
    reactivate: admin && allowed(deactivateVerdict(s, staffId)),
    unlock: admin,
    resetPassword: admin && allowed(resetPasswordVerdict(s, staff)),
    delegate: allowed(delegateVerdict(actor, s, staffId, staff)),
  };
}

export async function delegationCapabilities(ctx: AppContext, actor: Actor, delegationId: string): Promise<DelegationCapabilities> {
  requireStaff(actor);
  const d = await repo.findDelegation(ctx.database.db, delegationId);
  const verdict = endDelegationVerdict(actor, scopeOf(actor), d, delegationId);
  // Whoever may see a delegation may end it: a refusal is "not found".
  if (verdict) throw new OrganisationError(verdict.code, verdict.details ?? {});
  return { end: true };
}

export async function apiTokenCapabilities(ctx: AppContext, actor: Actor, tokenId: string): Promise<ApiTokenCapabilities> {
  requireStaff(actor);
  const t = await identity.findApiToken(ctx.database.db, tokenId);
  if (!t || !administers(scopeOf(actor), t.agencyId)) throw new identity.IdentityError('API_TOKEN_NOT_FOUND', { tokenId });
  return { revoke: true };
}
