import type { Actor, Role } from '../../platform/actor';
import { agenciesWithRole, isCentral } from '../organisation';

/**
 * Who reads the desk reports: an agency's managers (unit managers, agency administrators) for
 * their agencies, and the central roles (central reviewers, oversight auditors, platform
 * administrators) for every agency, filtered by agency or province. (A provincial evaluator role,
 * reading its province's agencies, does not exist yet: it would answer agencyIdsInProvince here.)
 */
export const DESK_REPORT_ROLES = ['unit_manager', 'agency_admin'] as const satisfies readonly Role[];

/** The agencies whose desk the actor may report on: every one (null), theirs, or none (undefined). */
export function deskReportAgencies(actor: Actor): string[] | null | undefined {
  if (isCentral(actor)) return null;
  const mine = agenciesWithRole(actor, DESK_REPORT_ROLES);
  return mine.length === 0 ? undefined : mine;
}
