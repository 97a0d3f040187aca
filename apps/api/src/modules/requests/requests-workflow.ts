import { ROLES, type RequestStatus } from '@dargah/contracts';
import * as workflow from '../../platform/workflow';

/**
 * The service desk's workflow: the platform's "simple approval" template (platform/workflow,
 * ADR 0027), run by the one workflow engine. A citizen's `submit` creates a request in
 * INITIAL_STATUS; every later move is an action of the definition. This file is the requests
 * module's whole view of the engine: the statuses and actions its contract names, and the few
 * questions it asks.
 */
export type Role = (typeof ROLES)[number];
export type RequestAction = 'take' | 'approve' | 'reject' | 'request_information' | 'reply';
/** What staff do (the applicant replies). */
export type StaffAction = Exclude<RequestAction, 'reply'>;

export interface Transition {
  to: RequestStatus;
  roles: readonly Role[];
  /** The event recorded in the request's stream (past tense, as the history shows it). */
  event: string;
}

export const REQUEST_STATUSES = [
  'submitted',
  'in_review',
  'awaiting_applicant',
  'approved',
  'rejected',
] as const satisfies readonly RequestStatus[];
export const REQUEST_ACTIONS = ['take', 'approve', 'reject', 'request_information', 'reply'] as const satisfies readonly RequestAction[];
/** The event of the citizen's submission, which creates the request. */
export const SUBMITTED_EVENT = 'submitted';

/** The definition every request runs on, checked when the module loads (roles the organisation knows, and the applicant's). */
export const REQUEST_WORKFLOW = workflow.assertValidDefinition(workflow.SIMPLE_APPROVAL, { roles: [...ROLES, workflow.APPLICANT_ROLE] });

/** The contract's statuses and actions are the definition's, exactly: a drift fails at load, not on a request. */
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
if (
  !sameSet(
    REQUEST_STATUSES,
    REQUEST_WORKFLOW.states.map((s) => s.id),
  )
)
  throw new Error('the requests workflow definition does not have the contract’s statuses');
if (!sameSet(REQUEST_ACTIONS, [...new Set(REQUEST_WORKFLOW.states.flatMap((s) => s.actions.map((a) => a.id)))]))
  throw new Error('the requests workflow definition does not have the contract’s actions');

export const INITIAL_STATUS = REQUEST_WORKFLOW.initial as RequestStatus;

/** The transition an action takes from a status, or undefined when the definition does not allow it. */
export function transitionFor(status: RequestStatus, action: RequestAction): Transition | undefined {
  const a = workflow.actionOf(REQUEST_WORKFLOW, status, action);
  return a && { to: a.to as RequestStatus, roles: a.roles as Role[], event: a.event };
}

/** Actions someone holding `roles` may take on a request in `status`, in definition order. */
export const allowedActions = (status: RequestStatus, roles: readonly Role[]): StaffAction[] =>
  workflow.allowedActions(REQUEST_WORKFLOW, status, roles).filter((a): a is StaffAction => a !== 'reply');

/** A status with no way out: the request has been decided. */
export const isFinal = (status: RequestStatus): boolean => workflow.isTerminal(REQUEST_WORKFLOW, status);

/**
 * Still waiting for the agency: counts against the service norm (overdue after the due date). A
 * request waiting for its applicant is not: its clock is paused (the cartable lists it by its status).
 */
export const isOpen = (status: RequestStatus): boolean => workflow.isOpen(REQUEST_WORKFLOW, status) && !isWaitingForApplicant(status);

/** The role an actor acts as for a transition: the first of the transition's roles the actor holds. */
export function actingRole(t: Transition, held: readonly Role[]): Role | undefined {
  return t.roles.find((r) => held.includes(r));
}

/**
 * The move a staff member's action makes on a request in `status`, or the engine's coded refusal
 * (the action is not one of the status's, or the actor holds none of its roles).
 */
export function decide(status: RequestStatus, action: RequestAction, held: readonly string[], note?: string | null) {
  const r = workflow.transition(REQUEST_WORKFLOW, status, action, { held, note });
  return r.ok ? { ...r, to: r.to as RequestStatus, actedAs: r.actedAs as Role } : r;
}

/** A status where the request waits for its applicant: the SLA clock is paused. */
export const isWaitingForApplicant = (status: RequestStatus): boolean => workflow.stateOf(REQUEST_WORKFLOW, status)?.waitingForApplicant === true;
