import type { Actor, Role } from '../../platform/actor';
import { agenciesWithRole } from '../organisation';
import type { LowRatingScope } from './feedback.model';

/** Who reads an agency's ratings in aggregate: its unit managers and administrators. */
export const FEEDBACK_READERS = ['unit_manager', 'agency_admin'] as const satisfies readonly Role[];

/** Agencies whose aggregates the actor may read. */
export const feedbackAgencies = (actor: Actor): string[] => agenciesWithRole(actor, FEEDBACK_READERS);

/** Whose low ratings the actor reads (see LowRatingScope). */
export function lowRatingScope(actor: Actor): LowRatingScope {
  if (actor.type !== 'staff') return { agencyWide: [], units: [] };
  const grants = actor.grants.filter((g) => g.role === 'unit_manager');
  return {
    agencyWide: [...new Set(grants.filter((g) => g.unitId === null).map((g) => g.agencyId))],
    units: grants.filter((g) => g.unitId !== null).map((g) => ({ agencyId: g.agencyId, unitId: g.unitId! })),
  };
}

export const mayReadLowRatings = (s: LowRatingScope): boolean => s.agencyWide.length > 0 || s.units.length > 0;
