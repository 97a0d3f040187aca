import type { Actor, Role } from '../../platform/actor';
import { requireStaff, type StaffActor } from '../../platform/actor';
import { CENTRAL_REVIEWERS, hasRole, requireRole } from '../organisation';
import { LawsError } from './laws.errors';

/** Who keeps the laws register: central reviewers and platform administrators. */
export const LAW_EDITORS: readonly Role[] = CENTRAL_REVIEWERS;
/** Who keeps an agency's missions: its administrators (and platform administrators). */
export const MISSION_EDITORS: readonly Role[] = ['agency_admin'];

export const requireLawEditor = (actor: Actor): StaffActor => requireRole(actor, LAW_EDITORS);

/** An agency administrator of that agency, or a platform administrator. */
export function requireMissionEditor(actor: Actor, agencyId: string): StaffActor {
  requireStaff(actor);
  if (hasRole(actor, ['platform_admin']) || hasRole(actor, MISSION_EDITORS, agencyId)) return actor;
  throw new LawsError('FORBIDDEN', { need: [...MISSION_EDITORS, 'platform_admin'] });
}
