import type { Actor, Role } from '../../platform/actor';
import { IdentityError, type IdentityCode } from './identity.errors';

export type StaffActor = Extract<Actor, { type: 'staff' }>;
export type CitizenActor = Extract<Actor, { type: 'citizen' }>;
export type ApiClientActor = Extract<Actor, { type: 'api_client' }>;

/** 401 for nobody, 403 for the wrong kind of actor. */
export function requireStaff(actor: Actor): asserts actor is StaffActor {
  if (actor.type === 'anonymous') throw new IdentityError('UNAUTHENTICATED');
  if (actor.type !== 'staff') throw new IdentityError('FORBIDDEN');
}

export function requireCitizen(actor: Actor): asserts actor is CitizenActor {
  if (actor.type === 'anonymous') throw new IdentityError('UNAUTHENTICATED');
  if (actor.type !== 'citizen') throw new IdentityError('FORBIDDEN');
}

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

/** The roles the staff member holds in one agency (none for no agency). */
export function rolesIn(actor: StaffActor, agencyId: string | null): Role[] {
  return agencyId === null ? [] : [...new Set(actor.grants.filter((g) => g.agencyId === agencyId).map((g) => g.role))];
}

/** Whether the actor holds a central role (sees the central picture across agencies). */
export const isCentral = (actor: Actor): boolean => hasRole(actor, CENTRAL_ROLES);

/** Staff holding one of the roles (in that agency, when given); else 401/403. */
export function requireRole(actor: Actor, roles: readonly Role[], agencyId?: string): StaffActor {
  requireStaff(actor);
  if (!hasRole(actor, roles, agencyId)) throw new IdentityError('FORBIDDEN', { need: roles });
  return actor;
}

/** An API client may act only within its agency and scopes; anything else is refused (and audited by the caller). */
export function apiClientMay(actor: Actor, scope: string, agencyId?: string): boolean {
  return actor.type === 'api_client' && actor.scopes.includes(scope) && (agencyId === undefined || actor.agencyId === agencyId);
}

/** Who manages an agency's structure and staff: its administrators (and platform administrators). */
export const ADMIN_ROLES: readonly Role[] = ['agency_admin', 'platform_admin'];
/** Roles that see the central picture across agencies. */
export const CENTRAL_ROLES: readonly Role[] = ['central_reviewer', 'oversight_auditor', 'platform_admin'];

/** Password rules: length, letters and digits, not the username. Returns the broken rule, if any. */
export function passwordProblem(password: string, username: string): IdentityCode | undefined {
  if (password.length < 10) return 'PASSWORD_TOO_SHORT';
  if (!/[A-Za-z\u0600-\u06FF]/.test(password) || !/[0-9\u06F0-\u06F9]/.test(password)) return 'PASSWORD_TOO_SIMPLE';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'PASSWORD_CONTAINS_USERNAME';
  return undefined;
}
