import { ROLES, type AnswerDecision, type Outcome, type RequestStatus } from '@dargah/contracts';
import * as workflow from '../../platform/workflow';

/**
 * The service desk's workflows (platform/workflow, ADR 0027 and 0034): a request runs the definition
 * of the service version it was submitted on (`RequestRow.workflow`); the simple-approval template
 * (REQUEST_WORKFLOW) is the default of every question below, for callers that ask about it alone. A
 * citizen's `submit` creates a request in the definition's initial state; every later move is an
 * action of the definition. This file is the requests module's whole view of the engine.
 */
export type Role = (typeof ROLES)[number];
/** An action of a definition (the simple-approval template's: take, approve, reject, request_information, reply). */
export type RequestAction = string;
/** What staff do (the applicant's own steps are not offered to staff). */
export type StaffAction = string;
type Def = workflow.WorkflowDefinition;

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

export const INITIAL_STATUS = REQUEST_WORKFLOW.initial;

/** The transition an action takes from a status, or undefined when the definition does not allow it. */
export function transitionFor(status: RequestStatus, action: RequestAction, def: Def = REQUEST_WORKFLOW): Transition | undefined {
  const a = workflow.actionOf(def, status, action);
  return a && { to: a.to, roles: a.roles as Role[], event: a.event };
}

/** Actions someone holding `roles` may take on a request in `status`, in definition order (never the applicant's own steps). */
export const allowedActions = (status: RequestStatus, roles: readonly Role[], def: Def = REQUEST_WORKFLOW): StaffAction[] =>
  workflow.allowedActions(def, status, roles.filter((r: string) => r !== workflow.APPLICANT_ROLE));

/** A status with no way out: the request has been decided. */
export const isFinal = (status: RequestStatus, def: Def = REQUEST_WORKFLOW): boolean => workflow.isTerminal(def, status);

/**
 * Still waiting for the agency: counts against the service norm (overdue after the due date). A
 * request waiting for its applicant is not: its clock is paused (the cartable lists it by its status).
 */
export const isOpen = (status: RequestStatus, def: Def = REQUEST_WORKFLOW): boolean => workflow.isOpen(def, status) && !isWaitingForApplicant(status, def);

/**
 * The statuses in which a request of some definitions (those a cartable's agencies run) waits for the
 * agency in at least one of them: the cartable's "open" filter and its SLA badges' filter. A
 * request's own badge is computed by its own definition (isOpen).
 */
export const openStatusesOf = (defs: readonly Def[]): RequestStatus[] => [...new Set(defs.flatMap((d) => d.states.filter((s) => isOpen(s.id, d)).map((s) => s.id)))];

/** The role an actor acts as for a transition: the first of the transition's roles the actor holds. */
export function actingRole(t: Transition, held: readonly Role[]): Role | undefined {
  return t.roles.find((r) => held.includes(r));
}

/**
 * The move a staff member's action makes on a request in `status`, or the engine's coded refusal
 * (the action is not one of the status's, or the actor holds none of its roles).
 */
export function decide(status: RequestStatus, action: RequestAction, held: readonly string[], note?: string | null, def: Def = REQUEST_WORKFLOW, documents?: readonly string[]) {
  const r = workflow.transition(def, status, action, { held, note, documents: documents ?? [] });
  return r.ok ? { ...r, to: r.to, actedAs: r.actedAs as Role } : r;
}

/** How a request in `status` ended (the terminal state's outcome), or null while it is open. */
export const outcomeOf = (status: RequestStatus, def: Def = REQUEST_WORKFLOW): Outcome | null => {
  const s = workflow.stateOf(def, status);
  return s?.terminal ? (s.outcome ?? null) : null;
};

const ANSWERED: Partial<Record<Outcome, AnswerDecision>> = { approved: 'approve', partial: 'partial', rejected: 'reject' };

/**
 * The decision an action makes: the answer its next state's outcome calls for (approved, approved in
 * part, rejected), or undefined for every other move (a referral, an invitation, a withdrawal, a
 * close without an answer). Such an action is taken only with a signed answer (answer.service).
 */
export function decisionOf(status: RequestStatus, action: RequestAction, def: Def = REQUEST_WORKFLOW): AnswerDecision | undefined {
  const a = workflow.actionOf(def, status, action);
  const outcome = a && outcomeOf(a.to, def);
  return outcome ? ANSWERED[outcome] : undefined;
}

/**
 * The action of `status` that makes a decision, for someone holding `held`: the first whose
 * decision it is and whose roles they hold, else the first whose decision it is (the engine then
 * refuses it with its code). An approval in part takes an action that approves in part where the
 * definition has one, and otherwise an approval (the answer says which parts are not granted).
 */
export function decisionAction(status: RequestStatus, decision: AnswerDecision, held: readonly string[], def: Def = REQUEST_WORKFLOW): RequestAction | undefined {
  const actions = workflow.stateOf(def, status)?.actions ?? [];
  const making = (d: AnswerDecision) => actions.filter((a) => decisionOf(status, a.id, def) === d);
  const candidates = decision === 'partial' ? [...making('partial'), ...making('approve')] : making(decision);
  return (candidates.find((a) => a.roles.some((r) => held.includes(r))) ?? candidates[0])?.id;
}

/** A status where the request waits for its applicant: the SLA clock is paused. */
export function isWaitingForApplicant(status: RequestStatus, def: Def = REQUEST_WORKFLOW): boolean {
  return workflow.stateOf(def, status)?.waitingForApplicant === true;
}

/** The state's label in the viewer's language (a status an edited definition names has no fixed words). */
export const statusLabel = (status: RequestStatus, def: Def, lang: 'fa' | 'en'): string => workflow.stateOf(def, status)?.label[lang] ?? status;

/** The actions' labels and whether each needs a note, for the screens' buttons. */
export const actionSteps = (status: RequestStatus, ids: readonly string[], def: Def, lang: 'fa' | 'en') =>
  ids.map((id) => {
    const a = workflow.actionOf(def, status, id)!;
    return { id, label: a.label[lang], requiresNote: a.requiresNote === true, decision: decisionOf(status, id, def) ?? null };
  });

/** The state is the in-person step: the applicant is told when, why and with which documents to come. */
export const inPersonOf = (status: RequestStatus, def: Def, lang: 'fa' | 'en', note: string | null) => {
  const s = workflow.stateOf(def, status);
  return s?.inPerson ? { documents: (s.requiredDocuments ?? []).map((d) => documentLabel(d, lang)), documentKinds: s.requiredDocuments ?? [], note } : null;
};

/** Words for the document kinds the templates name (a kind an edited definition adds shows as written). */
const DOCUMENT_WORDS: Record<string, { fa: string; en: string }> = {
  national_card_original: { fa: 'اصل کارت ملی', en: 'the original national card' },
  birth_certificate_original: { fa: 'اصل شناسنامه', en: 'the original birth certificate' },
};
export const documentLabel = (kind: string, lang: 'fa' | 'en'): string => DOCUMENT_WORDS[kind]?.[lang] ?? kind;
