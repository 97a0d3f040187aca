import type { Actor, Role, StaffActor } from '../../platform/actor';
import { requireStaff } from '../../platform/actor';
import { agenciesWithRole, hasRole } from '../organisation';
import { ChannelsError } from './channels.errors';

/*
 * Who enters requests for citizens and who oversees it: counter operators at their one counter
 * office, an agency's desk clerks at its in-person desk, and the agency's administrators and unit
 * managers over the counters' work on its services.
 */

export const COUNTER_ROLES = ['counter_operator'] as const satisfies readonly Role[];
/** The agency's in-person desk (میز خدمت حضوری): its desk clerks register walk-in requests. */
export const WALK_IN_ROLES = ['desk_clerk'] as const satisfies readonly Role[];
/** Who oversees the counters' work on an agency's services. */
export const OVERSIGHT_ROLES = ['agency_admin', 'unit_manager'] as const satisfies readonly Role[];

export function requireCounterOperator(actor: Actor): StaffActor {
  requireStaff(actor);
  // The role of the person signed in, never one borrowed from a principal: a consent names them.
  if (actor.onBehalfOfId !== null || !hasRole(actor, COUNTER_ROLES)) throw new ChannelsError('FORBIDDEN', { need: COUNTER_ROLES });
  return actor;
}

/** Agencies where the clerk registers walk-in requests. */
export const walkInAgencies = (actor: Actor): string[] => (actor.type === 'staff' && actor.onBehalfOfId === null ? agenciesWithRole(actor, WALK_IN_ROLES) : []);

export function requireWalkInClerk(actor: Actor): StaffActor {
  requireStaff(actor);
  if (walkInAgencies(actor).length === 0) throw new ChannelsError('FORBIDDEN', { need: WALK_IN_ROLES });
  return actor;
}

/** Agencies whose counter work the actor oversees. */
export const oversightAgencies = (actor: Actor): string[] => agenciesWithRole(actor, OVERSIGHT_ROLES);

/**
 * The agency's administrators and unit managers. Staff overseeing no agency are refused (403); an
 * overseer of other agencies is told this one does not exist to them (404).
 */
export function requireOverseer(actor: Actor, agencyId: string): StaffActor {
  requireStaff(actor);
  if (oversightAgencies(actor).length === 0) throw new ChannelsError('FORBIDDEN', { need: OVERSIGHT_ROLES });
  if (!hasRole(actor, OVERSIGHT_ROLES, agencyId)) throw new ChannelsError('NOT_FOUND', { agencyId });
  return actor;
}
