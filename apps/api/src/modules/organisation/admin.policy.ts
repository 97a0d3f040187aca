import { PLATFORM_ONLY_ROLES } from '@dargah/contracts';
import { ROLES, type Actor, type Role } from '../../platform/actor';
import { requireStaff, type StaffActor } from '../../platform/actor';
import { agenciesWithRole, ADMIN_ROLES, hasRole } from './roles.policy';
import { OrganisationError, type OrganisationCode } from './organisation.errors';

/*
 * Who may administer what: agencies, their units, staff and roles, delegations and API tokens.
 *
 * Each rule is one function that both the operation and its capabilities call: the operation
 * throws what the rule returns, the capabilities endpoint reports whether it returned nothing. The
 * functions are pure; the service loads what they decide on (rows, sub-agency lists).
 *
 * A refusal is `{ code, details }`; `undefined` means allowed. A capability is "the server will
 * accept this now": an operation that is harmless to repeat (deactivating an inactive account,
 * revoking a revoked token) stays allowed, and the screen uses the object's state to choose which
 * of a pair (deactivate or reactivate) to show.
 */

export interface Refusal {
  code: OrganisationCode;
  details?: Record<string, unknown>;
}
export type Verdict = Refusal | undefined;

/** Throws the refusal, if any. */
export function enforce(v: Verdict): void {
  if (v) throw new OrganisationError(v.code, v.details ?? {});
}
export const allowed = (v: Verdict): boolean => v === undefined;

// Scope ------------------------------------------------------------------------------------------
export interface AdminScope {
  actor: StaffActor;
  platform: boolean;
  /** Agencies the actor administers as agency_admin (a platform administrator administers all). */
  agencies: ReadonlySet<string>;
}

/** What the staff actor administers, possibly nothing. */
export function scopeOf(actor: StaffActor): AdminScope {
  return { actor, platform: hasRole(actor, ['platform_admin']), agencies: new Set(agenciesWithRole(actor, ['agency_admin'])) };
}

export const isAdministrator = (s: AdminScope) => s.platform || s.agencies.size > 0;

/** Whether the actor may open administration at all (the "administration" area). */
export const mayAdminister = (actor: Actor): boolean => actor.type === 'staff' && isAdministrator(scopeOf(actor));

/** An administrator of something (401 anonymous, 403 anyone else). */
export function adminScope(actor: Actor): AdminScope {
  requireStaff(actor);
  const s = scopeOf(actor);
  if (!isAdministrator(s)) throw new OrganisationError('FORBIDDEN', { need: ADMIN_ROLES });
  return s;
}

export const administers = (s: AdminScope, agencyId: string) => s.platform || s.agencies.has(agencyId);
/** The agencies whose objects the actor sees: null for all. */
export const seenAgencies = (s: AdminScope) => (s.platform ? null : [...s.agencies]);
/** The people the actor is, for "their own" things: themselves and whoever they act for. */
export const selves = (a: StaffActor) => [a.id, ...(a.onBehalfOfId ? [a.onBehalfOfId] : [])];

// Agencies ---------------------------------------------------------------------------------------
export const createAgencyVerdict = (s: AdminScope): Verdict => (s.platform ? undefined : { code: 'FORBIDDEN', details: { need: ['platform_admin'] } });

/** Only a platform administrator changes an agency's legal id or parent (`changed`: the fields that differ). */
export function agencyFieldsVerdict(s: AdminScope, changed: readonly string[]): Verdict {
  return s.platform || changed.length === 0 ? undefined : { code: 'AGENCY_FIELD_LOCKED', details: { fields: changed } };
}

// Roles ------------------------------------------------------------------------------------------
/** Whether the staff member is the actor, or the person the actor acts for. */
export const isSelf = (s: AdminScope, staffId: string) => selves(s.actor).includes(staffId);

/**
 * Whether the actor may grant or revoke `role` of this staff member (null: one being created):
 * never the platform-wide roles unless a platform administrator, and never their own roles or
 * those of the person they act for (a platform administrator acting as themselves excepted).
 * Where the grant applies is `grantPlaceVerdict`.
 */
export function roleChangeVerdict(s: AdminScope, staffId: string | null, role: Role): Verdict {
  if (staffId !== null && isSelf(s, staffId) && !(s.platform && s.actor.onBehalfOfId === null)) return { code: 'OWN_ROLES_LOCKED' };
  if ((PLATFORM_ONLY_ROLES as readonly Role[]).includes(role) && !s.platform) return { code: 'ROLE_RESERVED', details: { role } };
  return undefined;
}

/**
 * Where a grant applies: an agency the actor administers (404 otherwise, as if it did not exist)
 * and, for a grant extended to sub-agencies, every one of them (`subagencies`: the agency and all
 * below it, loaded by the caller only for such a grant).
 */
export function grantPlaceVerdict(s: AdminScope, agencyId: string, subagencies: readonly string[] | null): Verdict {
  if (!administers(s, agencyId)) return { code: 'AGENCY_NOT_FOUND', details: { agencyId } };
  if (subagencies && !s.platform) {
    const outside = subagencies.filter((id) => !s.agencies.has(id));
    if (outside.length > 0) return { code: 'FORBIDDEN', details: { reason: 'includeSubagencies', agencies: outside.length } };
  }
  return undefined;
}

/** Roles the actor may grant to this staff member (null: a new one) in an agency they administer. */
export const grantableRoles = (s: AdminScope, staffId: string | null): Role[] => ROLES.filter((r) => allowed(roleChangeVerdict(s, staffId, r)));

// Staff accounts ---------------------------------------------------------------------------------
/** An administrator cannot deactivate themselves (nor the person they act for): someone else must. */
export const deactivateVerdict = (s: AdminScope, staffId: string): Verdict => (isSelf(s, staffId) ? { code: 'OWN_ACCOUNT_LOCKED' } : undefined);

/**
 * A password reset goes to the staff member's mobile: they need one, an active account, and the
 * administrator cannot send one to themselves (or to the person they act for).
 */
export function resetPasswordVerdict(s: AdminScope, staff: { id: string; active: boolean; mobile: string | null }): Verdict {
  if (isSelf(s, staff.id)) return { code: 'OWN_ACCOUNT_LOCKED' };
  if (!staff.active) return { code: 'STAFF_INACTIVE', details: { staffId: staff.id } };
  if (!staff.mobile) return { code: 'STAFF_NO_MOBILE', details: { staffId: staff.id } };
  return undefined;
}

// Delegation -------------------------------------------------------------------------------------
/**
 * Who may set up a delegation with this principal: the principal themselves, or an administrator
 * of the principal's agency; a delegate may not pass the principal's work on. `principal`
 * undefined: no such staff member.
 */
export function delegateVerdict(actor: StaffActor, s: AdminScope, principalId: string, principal: { agencyId: string } | undefined): Verdict {
  if (actor.onBehalfOfId !== null && principalId === actor.onBehalfOfId) return { code: 'REDELEGATION_FORBIDDEN' };
  if (principalId !== actor.id && (!principal || !administers(s, principal.agencyId))) {
    return { code: isAdministrator(s) ? 'STAFF_NOT_FOUND' : 'FORBIDDEN', details: { staffId: principalId } };
  }
  if (!principal) return { code: 'STAFF_NOT_FOUND', details: { staffId: principalId } };
  return undefined;
}

/** A delegation is ended by its principal, its delegate or an administrator of the principal's agency; others do not see it. */
export function endDelegationVerdict(actor: StaffActor, s: AdminScope, d: { id: string; principalId: string; delegateId: string; principalAgencyId: string } | undefined, id: string): Verdict {
  const mine = d && (selves(actor).includes(d.principalId) || d.delegateId === actor.id);
  return d && (mine || administers(s, d.principalAgencyId)) ? undefined : { code: 'DELEGATION_NOT_FOUND', details: { delegationId: id } };
}
