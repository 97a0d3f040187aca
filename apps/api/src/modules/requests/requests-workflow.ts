import type { ROLES, RequestStatus } from '@dargah/contracts';

/**
 * The service-request workflow as data: for each status, the actions allowed, the status each
 * leads to and the roles that may take it. Pure: no database, no clock. A citizen's `submit`
 * creates a request in INITIAL_STATUS; every later move is a row of this table.
 */
export type Role = (typeof ROLES)[number];
export type RequestAction = 'take' | 'approve' | 'reject';

export interface Transition {
  to: RequestStatus;
  roles: readonly Role[];
  /** The event recorded in the request's stream (past tense, as the history shows it). */
  event: string;
}

export const REQUEST_STATUSES = ['submitted', 'in_review', 'approved', 'rejected'] as const satisfies readonly RequestStatus[];
export const REQUEST_ACTIONS = ['take', 'approve', 'reject'] as const satisfies readonly RequestAction[];
export const INITIAL_STATUS: RequestStatus = 'submitted';
/** The event of the citizen's submission, which creates the request. */
export const SUBMITTED_EVENT = 'submitted';


const DECIDERS: readonly Role[] = ['desk_clerk', 'expert', 'unit_manager'];

export const REQUEST_WORKFLOW: Readonly<Record<RequestStatus, Readonly<Partial<Record<RequestAction, Transition>>>>> = {
  submitted: {
    take: { to: 'in_review', roles: ['desk_clerk', 'expert'], event: 'taken' },
    approve: { to: 'approved', roles: DECIDERS, event: 'approved' },
    reject: { to: 'rejected', roles: DECIDERS, event: 'rejected' },
  },
  in_review: {
    approve: { to: 'approved', roles: DECIDERS, event: 'approved' },
    reject: { to: 'rejected', roles: DECIDERS, event: 'rejected' },
  },
  approved: {},
  rejected: {},
};

/** The transition an action takes from a status, or undefined when the table does not allow it. */
export function transitionFor(status: RequestStatus, action: RequestAction): Transition | undefined {
  return REQUEST_WORKFLOW[status][action];
}

/** Actions someone holding `roles` may take on a request in `status`, in table order. */
export function allowedActions(status: RequestStatus, roles: readonly Role[]): RequestAction[] {
  return REQUEST_ACTIONS.filter((a) => REQUEST_WORKFLOW[status][a]?.roles.some((r) => roles.includes(r)));
}

/** A status with no way out: the request has been decided. */
export const isFinal = (status: RequestStatus): boolean => Object.keys(REQUEST_WORKFLOW[status]).length === 0;

/** Still waiting for the agency: counts against the service norm (overdue after the due date). */
export const isOpen = (status: RequestStatus): boolean => !isFinal(status);

/** The role an actor acts as for a transition: the first of the transition's roles the actor holds. */
export function actingRole(t: Transition, held: readonly Role[]): Role | undefined {
  return t.roles.find((r) => held.includes(r));
}
