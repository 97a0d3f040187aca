import type { Actor, Role } from '../../platform/actor';
import { agenciesWithRole, isCentral } from '../organisation';

/**
 * Who reads the desk scorecard: the central roles (central reviewers, oversight auditors, platform
 * administrators) for every agency, comparing agencies and provinces; an agency's administrators
 * for their agencies. There is no provincial evaluator role: a central reader narrows the table to
 * one province with `province` (ADR 0032).
 */
export const SCORECARD_AGENCY_ROLES = ['agency_admin'] as const satisfies readonly Role[];

/** The agencies whose scorecard the actor may read: every one (null), theirs, or none (undefined). */
export function scorecardAgencies(actor: Actor): string[] | null | undefined {
  if (actor.type !== 'staff') return undefined;
  if (isCentral(actor)) return null;
  const mine = agenciesWithRole(actor, SCORECARD_AGENCY_ROLES);
  return mine.length === 0 ? undefined : mine;
}
