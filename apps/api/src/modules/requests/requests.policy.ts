import type { Actor, Role } from '../../platform/actor';
import { type CitizenActor, type StaffActor } from '../../platform/actor';
import { agenciesWithRole, hasRole } from '../organisation';
import type { RequestStatus, WorkflowDefinition } from '@dargah/contracts';
import { RequestsError } from './requests.errors';
import { decide, type RequestAction } from './requests-workflow';

/** Roles that work requests at the desk: they see their agency's requests and its cartable. */
export const DESK_ROLES = ['desk_clerk', 'expert', 'unit_manager'] as const satisfies readonly Role[];

interface Ownership {
  applicantId: string;
  onBehalfOfId: string | null;
}

/**
 * A citizen sees the requests they submitted, and, while acting for a company, every request
 * submitted for that company (by any of its representatives).
 */
export function citizenMaySee(actor: CitizenActor, r: Ownership): boolean {
  return r.applicantId === actor.id || (actor.onBehalfOfId !== null && r.onBehalfOfId === actor.onBehalfOfId);
}

/** Staff see a request when they hold a desk role in its agency. */
export const staffMaySee = (actor: StaffActor, agencyId: string): boolean => hasRole(actor, DESK_ROLES, agencyId);

/** Who may open one request: its applicant, or desk staff of its agency. Nobody: 401; anyone else: false (shown as 404). */
export function mayView(actor: Actor, r: Ownership & { agencyId: string }): boolean {
  if (actor.type === 'anonymous') throw new RequestsError('UNAUTHENTICATED');
  if (actor.type === 'citizen') return citizenMaySee(actor, r);
  if (actor.type === 'staff') return staffMaySee(actor, r.agencyId);
  return false;
}

/** Agencies whose cartable the actor works. */
export const deskAgencies = (actor: StaffActor): string[] => agenciesWithRole(actor, DESK_ROLES);

/**
 * Who applies: a person for G2C services (acting as themselves), a company's representative
 * acting for it for G2B services; G2G services are not applied for at the citizen desk.
 */
export function applicantFor(actor: CitizenActor, recipients: 'G2C' | 'G2B' | 'G2G'): Ownership {
  if (recipients === 'G2C' && actor.onBehalfOfId === null) return { applicantId: actor.id, onBehalfOfId: null };
  if (recipients === 'G2B' && actor.onBehalfOfId !== null) return { applicantId: actor.id, onBehalfOfId: actor.onBehalfOfId };
  throw new RequestsError('SERVICE_NOT_FOR_APPLICANT', { recipients, actingForCompany: actor.onBehalfOfId !== null });
}

/** Who may see an applicant's national code and mobile in full (audited): desk staff of the request's agency. */
export const mayRevealApplicant = (actor: Actor, r: { agencyId: string }): boolean => actor.type === 'staff' && staffMaySee(actor, r.agencyId);

/**
 * The office a staff member serves a request from: the unit of their grant (of the role they act
 * as, in the request's agency) when it is held in one unit; null when held agency-wide or in several.
 */
export function servingUnit(actor: StaffActor, agencyId: string, role: Role): string | null {
  const units = new Set(actor.grants.filter((g) => g.agencyId === agencyId && g.role === role).map((g) => g.unitId));
  const [only] = units;
  return units.size === 1 && only ? only : null;
}
/**
 * The roles a staff member holds where a request is (the workflow's roles are scoped to agency and
 * unit, ADR 0034): their grants in its agency held agency-wide, and those held in the unit serving it
 * once one does (any unit of the agency before: the first to take it makes it that unit's).
 */
export function heldRolesFor(actor: StaffActor, r: { agencyId: string; unitId: string | null }): Role[] {
  return [...new Set(actor.grants.filter((g) => g.agencyId === r.agencyId && (r.unitId === null || g.unitId === null || g.unitId === r.unitId)).map((g) => g.role))];
}

/** Call-centre operators: look a request of their agency up by tracking code after the caller's identity check. */
export const CALL_CENTRE_ROLES = ['call_centre_operator'] as const satisfies readonly Role[];

/** Agencies whose requests the operator answers callers about. */
export const callCentreAgencies = (actor: StaffActor): string[] => agenciesWithRole(actor, CALL_CENTRE_ROLES);

/**
 * `decide`, with the engine's refusal as the module's coded error: FORBIDDEN without the role, 409
 * REQUEST_ACTION_NOT_ALLOWED when the status has no such action, VALIDATION_FAILED for a missing note.
 */
export function decideOrRefuse(r: { id: string; status: RequestStatus; workflow?: WorkflowDefinition }, action: RequestAction, held: readonly string[], note?: string | null, documents?: readonly string[]) {
  const t = decide(r.status, action, held, note, r.workflow, documents);
  if (t.ok) return t;
  if (t.code === 'WORKFLOW_ROLE_REQUIRED') throw new RequestsError('FORBIDDEN', { need: t.need });
  if (t.code === 'WORKFLOW_ACTION_NOT_ALLOWED' || t.code === 'WORKFLOW_UNKNOWN_STATE')
    throw new RequestsError('REQUEST_ACTION_NOT_ALLOWED', { requestId: r.id, status: r.status, action });
  if (t.code === 'WORKFLOW_DOCUMENTS_MISSING') throw new RequestsError('VALIDATION_FAILED', { requestId: r.id, reason: t.code, missing: t.missing });
  throw new RequestsError('VALIDATION_FAILED', { requestId: r.id, reason: t.code });
}
