import type { Actor, Role } from '../../platform/actor';
import { agenciesWithRole, isCentral } from '../organisation';

/**
 * Who reads the desk scorecard (ADR 0032): the central roles (central reviewers, oversight
 * auditors, platform administrators) for every agency, comparing agencies and provinces; a
 * provincial evaluator (the province's planning organisation) for every agency of the province of
 * the agency where they hold the role, comparing them; an agency's administrators for their
 * agencies.
 */
export const SCORECARD_AGENCY_ROLES = ['agency_admin'] as const satisfies readonly Role[];
export const SCORECARD_PROVINCE_ROLES = ['provincial_evaluator'] as const satisfies readonly Role[];

export type ScorecardScope =
  | { kind: 'central' }
  /** The agencies in the provinces of these agencies (where the evaluator holds the role). */
  | { kind: 'province'; heldAt: string[] }
  | { kind: 'agency'; agencyIds: string[] };

/** What of the scorecard the actor may read; undefined: nothing. The widest scope they hold wins. */
export function scorecardScope(actor: Actor): ScorecardScope | undefined {
  if (actor.type !== 'staff') return undefined;
  if (isCentral(actor)) return { kind: 'central' };
  const heldAt = agenciesWithRole(actor, SCORECARD_PROVINCE_ROLES);
  if (heldAt.length > 0) return { kind: 'province', heldAt };
  const mine = agenciesWithRole(actor, SCORECARD_AGENCY_ROLES);
  return mine.length === 0 ? undefined : { kind: 'agency', agencyIds: mine };
}
