import type { Actor, Role, StaffActor } from '../../platform/actor';
import { requireStaff } from '../../platform/actor';
import { agenciesWithRole, CENTRAL_REVIEWERS, hasRole, requireRole } from '../organisation';
import { CalendarError } from './calendar.errors';

/*
 * Who changes the working-day calendar. Reading it is public (a citizen's answer date depends on it).
 *
 * - A year's table: the central organisation's deciders, CENTRAL_REVIEWERS (central reviewers and
 *   platform administrators). Not every central role: oversight auditors see the central picture
 *   but decide nothing.
 * - An agency's closures: that agency's administrators (agency_admin there, or over it through a
 *   grant with sub-agencies), and platform administrators. An agency's experts and clerks do not
 *   close the office.
 * - A province's closures: CENTRAL_REVIEWERS too. Dargah has no provincial role yet (ROLES in
 *   packages/contracts); an agency administrator of one provincial office must not close every
 *   agency of the province, so the narrowest role that may is the central one. A provincial role
 *   (issue 11 §12's provincial evaluator) can be added to PROVINCE_CLOSERS when it exists.
 */

export const TABLE_PUBLISHERS: readonly Role[] = CENTRAL_REVIEWERS;
export const PROVINCE_CLOSERS: readonly Role[] = CENTRAL_REVIEWERS;
export const AGENCY_CLOSERS: readonly Role[] = ['agency_admin'];

export const mayPublishTable = (actor: Actor): boolean => hasRole(actor, TABLE_PUBLISHERS);
export const requirePublisher = (actor: Actor): StaffActor => requireRole(actor, TABLE_PUBLISHERS);

export const mayCloseProvinces = (actor: Actor): boolean => hasRole(actor, PROVINCE_CLOSERS);
export const isPlatformAdmin = (actor: Actor): boolean => hasRole(actor, ['platform_admin']);

/** The agencies whose closures the actor administers (every agency for a platform administrator: `'all'`). */
export function closureAgencyIds(actor: Actor): string[] | 'all' {
  return isPlatformAdmin(actor) ? 'all' : agenciesWithRole(actor, AGENCY_CLOSERS);
}

/** Whether the actor may open the calendar's administration screen at all. */
export const mayAdministerCalendar = (actor: Actor): boolean =>
  mayPublishTable(actor) || hasRole(actor, AGENCY_CLOSERS);

/** The actor may add or remove a closure of this scope; else 403 CALENDAR_SCOPE_FORBIDDEN (401 when not staff). */
export function requireClosureScope(actor: Actor, scope: { agencyId: string | null; province: string | null }): StaffActor {
  requireStaff(actor);
  const ok =
    scope.agencyId !== null
      ? isPlatformAdmin(actor) || hasRole(actor, AGENCY_CLOSERS, scope.agencyId)
      : mayCloseProvinces(actor);
  if (!ok) throw new CalendarError('CALENDAR_SCOPE_FORBIDDEN', { agencyId: scope.agencyId, province: scope.province });
  return actor;
}
