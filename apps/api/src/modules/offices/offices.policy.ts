import type { Actor, StaffActor } from '../../platform/actor';
import { requireStaff } from '../../platform/actor';
import { CENTRAL_REVIEWERS, hasRole, requireRole } from '../organisation';
import { OfficesError } from './offices.errors';

/**
 * Who keeps the directory of offices: the central organisation (central reviewers and platform
 * administrators), which licenses counter offices and agrees with the post; an agency cannot add
 * an office, only delegate its own services to one.
 */
export const requireOfficeRegistrar = (actor: Actor): StaffActor => requireRole(actor, CENTRAL_REVIEWERS);

/** Who delegates an agency's service to an office: that agency's administrators (or a platform administrator). */
export function requireDelegator(actor: Actor, agencyId: string): StaffActor {
  requireStaff(actor);
  if (hasRole(actor, ['platform_admin']) || hasRole(actor, ['agency_admin'], agencyId)) return actor;
  throw new OfficesError('FORBIDDEN', { need: ['agency_admin', 'platform_admin'] });
}
