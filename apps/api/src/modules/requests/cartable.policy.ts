import type { Role, StaffActor } from '../../platform/actor';
import type { StaffWithGrants } from '../organisation';
import { DESK_ROLES } from './requests.policy';

/** Who assigns and reassigns the cartable's items, and sees the unit's load: the unit manager. */
export const MANAGER_ROLES = ['unit_manager'] as const satisfies readonly Role[];

export type WorkAction = 'claim' | 'release' | 'assign' | 'refer' | 'note';

/**
 * The units a manager manages in an agency: null when a grant is agency-wide (every unit), else
 * the units of their unit_manager grants (none: not a manager there).
 */
export function managedUnits(actor: StaffActor, agencyId: string): Set<string> | null {
  const grants = actor.grants.filter(
    (g) => g.agencyId === agencyId && (MANAGER_ROLES as readonly Role[]).includes(g.role),
  );
  if (grants.some((g) => g.unitId === null)) return null;
  return new Set(grants.map((g) => g.unitId!));
}

export const isManager = (actor: StaffActor, agencyId: string): boolean =>
  actor.grants.some((g) => g.agencyId === agencyId && (MANAGER_ROLES as readonly Role[]).includes(g.role));

/**
 * Whether a colleague (active, with their grants in the agency) may be given an item: a desk role
 * in the agency, and, for a manager of some units only, in one of those units.
 */
export function qualifiedColleague(c: StaffWithGrants, units: Set<string> | null): boolean {
  const desk = c.grants.filter((g) => (DESK_ROLES as readonly Role[]).includes(g.role));
  return desk.length > 0 && (units === null || desk.some((g) => g.unitId !== null && units.has(g.unitId)));
}

/**
 * What a desk staff member may do with a request's work item now: claim a free open item; release
 * or refer the one they hold; a manager also assigns (or reassigns) any open one; anyone of the
 * desk adds an internal note, open or closed.
 */
export function workActions(
  actor: StaffActor,
  item: { agencyId: string; open: boolean; holderId: string | null },
): WorkAction[] {
  const out: WorkAction[] = [];
  if (item.open) {
    if (item.holderId === null) out.push('claim');
    if (item.holderId === actor.id) out.push('release', 'refer');
    if (isManager(actor, item.agencyId)) out.push('assign');
  }
  out.push('note');
  return out;
}
