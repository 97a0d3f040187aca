import { requireStaff, type Actor, type Role, type StaffActor } from '../../platform/actor';
import { DomainError } from '../../platform/http/errors';

/*
 * Roles, as every module asks about them: which agencies the actor holds a role in, whether they
 * hold one (there), and the role sets several modules share.
 */

/**
 * Agencies in which the actor holds one of the roles. Grants with include_subagencies were
 * expanded to the sub-agencies when the actor was resolved, so this is a plain filter.
 */
export function agenciesWithRole(actor: Actor, roles: readonly Role[]): string[] {
  if (actor.type !== 'staff') return [];
  return [...new Set(actor.grants.filter((g) => roles.includes(g.role)).map((g) => g.agencyId))];
}

export function hasRole(actor: Actor, roles: readonly Role[], agencyId?: string): boolean {
  if (actor.type !== 'staff') return false;
  return actor.grants.some((g) => roles.includes(g.role) && (agencyId === undefined || g.agencyId === agencyId));
}

/** Staff holding one of the roles (in that agency, when given); else 401/403. */
export function requireRole(actor: Actor, roles: readonly Role[], agencyId?: string): StaffActor {
  requireStaff(actor);
  if (!hasRole(actor, roles, agencyId)) throw new DomainError('FORBIDDEN', { need: roles });
  return actor;
}

/** Who manages an agency's structure and staff: its administrators (and platform administrators). */
export const ADMIN_ROLES: readonly Role[] = ['agency_admin', 'platform_admin'];
/** Who decides centrally: the catalogue's central review, the laws register, the service architecture. */
export const CENTRAL_REVIEWERS: readonly Role[] = ['central_reviewer', 'platform_admin'];
/** Roles that see the central picture across agencies. */
export const CENTRAL_ROLES: readonly Role[] = ['central_reviewer', 'oversight_auditor', 'platform_admin'];

/** The roles the staff member holds in one agency (none for no agency). */
export function rolesIn(actor: StaffActor, agencyId: string | null): Role[] {
  return agencyId === null ? [] : [...new Set(actor.grants.filter((g) => g.agencyId === agencyId).map((g) => g.role))];
}

/** Whether the actor holds a central role (sees the central picture across agencies). */
export const isCentral = (actor: Actor): boolean => hasRole(actor, CENTRAL_ROLES);
