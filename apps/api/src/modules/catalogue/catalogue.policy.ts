import type { Actor, Role } from '../../platform/actor';
import { agenciesWithRole, hasRole, isCentral, requireRole, requireStaff, rolesIn, type StaffActor } from '../identity';
import { CatalogueError } from './catalogue.errors';

/** Who keeps the laws register: central reviewers and platform administrators. */
export const LAW_EDITORS: readonly Role[] = ['central_reviewer', 'platform_admin'];
/** Who keeps an agency's missions: its administrators (and platform administrators). */
export const MISSION_EDITORS: readonly Role[] = ['agency_admin'];

/** Roles held, by workflow scope (the shape of HeldRoles in catalogue-workflow.ts). */
export interface ScopedRoles {
  own: readonly Role[];
  parent: readonly Role[];
  central: readonly Role[];
}

/** The roles that matter for a card of `agencyId` (whose parent is `parentId`), by workflow scope. */
export function heldRoles(actor: Actor, agencyId: string, parentId: string | null): ScopedRoles {
  if (actor.type !== 'staff') return { own: [], parent: [], central: [] };
  return {
    own: rolesIn(actor, agencyId),
    parent: rolesIn(actor, parentId),
    central: [...new Set(actor.grants.map((g) => g.role))],
  };
}

/**
 * Who may open a card: staff of its agency (any role there), administrators of its parent agency,
 * and the central roles. Anyone else is told it does not exist.
 */
export function mayViewCard(actor: Actor, card: { agencyId: string; parentId: string | null }): boolean {
  if (actor.type !== 'staff') return false;
  if (isCentral(actor)) return true;
  if (actor.grants.some((g) => g.agencyId === card.agencyId)) return true;
  return card.parentId !== null && hasRole(actor, ['agency_admin'], card.parentId);
}

/** What a staff actor's card lists cover: everything (central), or these agencies plus the children of those. */
export interface CardScope {
  all: boolean;
  agencies: string[];
  parentOf: string[];
}
export function cardScope(actor: Actor): CardScope {
  requireStaff(actor);
  return {
    all: isCentral(actor),
    agencies: [...new Set(actor.grants.map((g) => g.agencyId))],
    parentOf: agenciesWithRole(actor, ['agency_admin']),
  };
}

export const requireLawEditor = (actor: Actor): StaffActor => requireRole(actor, LAW_EDITORS);

/** An agency administrator of that agency, or a platform administrator. */
export function requireMissionEditor(actor: Actor, agencyId: string): StaffActor {
  requireStaff(actor);
  if (hasRole(actor, ['platform_admin']) || hasRole(actor, MISSION_EDITORS, agencyId)) return actor;
  throw new CatalogueError('FORBIDDEN', { need: [...MISSION_EDITORS, 'platform_admin'] });
}
