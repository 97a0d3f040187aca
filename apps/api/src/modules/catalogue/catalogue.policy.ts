import type { Actor, Role } from '../../platform/actor';
import { requireStaff } from '../../platform/actor';
import { agenciesWithRole, hasRole, isCentral, rolesIn } from '../organisation';

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
