import type { TimerDelay, WorkflowAction, WorkflowDefinition, WorkflowState, WorkflowTimer } from './definition';

/*
 * Running a (validated) definition. Pure: no database and no clock; the caller passes the roles
 * the actor holds where the case is (resolving agency and unit is its job), the facts that pick a
 * branch, the documents on file and, for timers, the instants and the working-day arithmetic.
 */

/**
 * The roles an actor holds: a plain list (held where the case is), or lists by scope name for a
 * definition whose actions name a scope (an action without one reads the `own` list).
 */
export type HeldRoles = readonly string[] | Readonly<Record<string, readonly string[]>>;

const DEFAULT_SCOPE = 'own';

function rolesIn(held: HeldRoles, scope: string | undefined): readonly string[] {
  if (Array.isArray(held)) return held as readonly string[];
  return (held as Readonly<Record<string, readonly string[]>>)[scope ?? DEFAULT_SCOPE] ?? [];
}

export function stateOf(def: WorkflowDefinition, state: string): WorkflowState | undefined {
  return def.states.find((s) => s.id === state);
}

/** The action `action` out of `state` as the definition writes it, or undefined. */
export function actionOf(def: WorkflowDefinition, state: string, action: string): WorkflowAction | undefined {
  return stateOf(def, state)?.actions.find((a) => a.id === action);
}

/** A state with no way out: the case has ended. */
export const isTerminal = (def: WorkflowDefinition, state: string): boolean => stateOf(def, state)?.terminal === true;

/** A state of a running case (the agency or the applicant still has something to do). */
export const isOpen = (def: WorkflowDefinition, state: string): boolean => {
  const s = stateOf(def, state);
  return s !== undefined && s.terminal !== true;
};

/** The role an actor acts as for an action: the first of its roles the actor holds, in its scope. */
export function actingRole(a: WorkflowAction, held: HeldRoles): string | undefined {
  const mine = rolesIn(held, a.scope);
  return a.roles.find((r) => mine.includes(r));
}

/** Actions someone holding `held` may take in `state`, in definition order. */
export function allowedActions(def: WorkflowDefinition, state: string, held: HeldRoles): string[] {
  return (stateOf(def, state)?.actions ?? []).filter((a) => actingRole(a, held) !== undefined).map((a) => a.id);
}

/** Where an action leads: its first branch whose fact holds, else its target. */
export function targetOf(a: WorkflowAction, facts: ReadonlySet<string> = new Set()): string {
  return a.branches?.find((b) => facts.has(b.when))?.to ?? a.to;
}

export interface TransitionInput {
  held: HeldRoles;
  /** Facts of the case that pick a branch (e.g. `no_parent`, `live`). */
  facts?: ReadonlySet<string>;
  note?: string | null | undefined;
  /** Whether a document is attached to this step. */
  documentAttached?: boolean;
  /** Document kinds on file for the case. */
  documents?: readonly string[];
}

export type TransitionRefusal =
  /** The definition has no such state (a case stored under another version?). */
  | { ok: false; code: 'WORKFLOW_UNKNOWN_STATE'; state: string }
  /** The state has no such action (409: reload). */
  | { ok: false; code: 'WORKFLOW_ACTION_NOT_ALLOWED'; state: string; action: string }
  /** The actor holds none of the action's roles (403). */
  | { ok: false; code: 'WORKFLOW_ROLE_REQUIRED'; state: string; action: string; need: readonly string[] }
  | { ok: false; code: 'WORKFLOW_NOTE_REQUIRED'; state: string; action: string }
  | { ok: false; code: 'WORKFLOW_DOCUMENT_REQUIRED'; state: string; action: string }
  /** Documents the state needs before the case leaves it are not all on file. */
  | { ok: false; code: 'WORKFLOW_DOCUMENTS_MISSING'; state: string; action: string; missing: string[] };

export interface TransitionResult {
  ok: true;
  action: WorkflowAction;
  from: string;
  to: string;
  event: string;
  actedAs: string;
}

export const TRANSITION_REFUSALS = {
  WORKFLOW_UNKNOWN_STATE: {
    fa: 'این پرونده در وضعیتی است که گردش کارش نمی‌شناسد.',
    en: 'The case is in a state its workflow does not know.',
  },
  WORKFLOW_ACTION_NOT_ALLOWED: {
    fa: 'این اقدام در وضعیت کنونی ممکن نیست.',
    en: 'This action is not possible in the current state.',
  },
  WORKFLOW_ROLE_REQUIRED: {
    fa: 'شما نقش لازم برای این اقدام را ندارید.',
    en: 'You do not hold a role this action needs.',
  },
  WORKFLOW_NOTE_REQUIRED: { fa: 'برای این اقدام باید توضیح بنویسید.', en: 'This action needs a note.' },
  WORKFLOW_DOCUMENT_REQUIRED: {
    fa: 'برای این اقدام باید سندی پیوست کنید.',
    en: 'This action needs an attached document.',
  },
  WORKFLOW_DOCUMENTS_MISSING: {
    fa: 'مدارک لازم این مرحله هنوز کامل نیست.',
    en: 'The documents this step needs are not all on file yet.',
  },
} as const satisfies Record<TransitionRefusal['code'], { fa: string; en: string }>;

/**
 * The transition an actor's action makes, or the coded refusal: the state and action first (the
 * definition), then the role, then what the step needs (a note, a document, the state's documents).
 */
export function transition(
  def: WorkflowDefinition,
  state: string,
  action: string,
  input: TransitionInput,
): TransitionResult | TransitionRefusal {
  const s = stateOf(def, state);
  if (!s) return { ok: false, code: 'WORKFLOW_UNKNOWN_STATE', state };
  const a = s.actions.find((x) => x.id === action);
  if (!a) return { ok: false, code: 'WORKFLOW_ACTION_NOT_ALLOWED', state, action };
  const actedAs = actingRole(a, input.held);
  if (!actedAs) return { ok: false, code: 'WORKFLOW_ROLE_REQUIRED', state, action, need: a.roles };
  if (a.requiresNote && !input.note?.trim()) return { ok: false, code: 'WORKFLOW_NOTE_REQUIRED', state, action };
  if (a.requiresDocument && !input.documentAttached)
    return { ok: false, code: 'WORKFLOW_DOCUMENT_REQUIRED', state, action };
  const missing = a.withoutDocuments ? [] : missingDocuments(s, input.documents ?? []);
  if (missing.length > 0) return { ok: false, code: 'WORKFLOW_DOCUMENTS_MISSING', state, action, missing };
  return { ok: true, action: a, from: state, to: targetOf(a, input.facts), event: a.event, actedAs };
}

/** The state's required documents not among those on file, in the definition's order. */
export const missingDocuments = (s: WorkflowState, onFile: readonly string[]): string[] =>
  (s.requiredDocuments ?? []).filter((d) => !onFile.includes(d));

/** The deadline instant of `n` working days after an instant (the caller's calendar, e.g. `workingDeadlines`). */
export type AddWorkingDays = (from: Date, n: number) => Date;

export interface ScheduledTimer {
  timer: WorkflowTimer;
  /** The instant it fires (from then on it is due). */
  dueAt: Date;
}

const DAY_MS = 86_400_000;
const delayEnd = (after: TimerDelay, from: Date, add: AddWorkingDays): Date =>
  'workingDays' in after ? add(from, after.workingDays) : new Date(from.getTime() + after.calendarDays * DAY_MS);

/**
 * The timers of a state for a case that entered it at `enteredAt`, each with the instant it fires,
 * earliest first. An escalation fires when the state's SLA ends; a deadline when its delay ends.
 */
export function scheduledTimers(
  def: WorkflowDefinition,
  state: string,
  enteredAt: Date,
  addWorkingDays: AddWorkingDays,
): ScheduledTimer[] {
  const s = stateOf(def, state);
  if (!s || s.terminal) return [];
  const out: ScheduledTimer[] = [];
  for (const timer of def.timers) {
    if (timer.state !== state) continue;
    if (timer.kind === 'escalate') {
      if (s.slaWorkingDays === undefined || s.waitingForApplicant) continue; // the clock is paused
      out.push({ timer, dueAt: addWorkingDays(enteredAt, s.slaWorkingDays) });
    } else out.push({ timer, dueAt: delayEnd(timer.after, enteredAt, addWorkingDays) });
  }
  return out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** The timers that have fired by `now` for a case in `state` since `enteredAt`, earliest first. */
export function dueTimers(
  def: WorkflowDefinition,
  state: string,
  enteredAt: Date,
  now: Date,
  addWorkingDays: AddWorkingDays,
): ScheduledTimer[] {
  return scheduledTimers(def, state, enteredAt, addWorkingDays).filter((t) => t.dueAt.getTime() <= now.getTime());
}

/** The SLA deadline of the state for a case that entered it at `enteredAt`, or null (none, or paused). */
export function slaDeadline(
  def: WorkflowDefinition,
  state: string,
  enteredAt: Date,
  addWorkingDays: AddWorkingDays,
): Date | null {
  const s = stateOf(def, state);
  if (!s || s.terminal || s.waitingForApplicant || s.slaWorkingDays === undefined) return null;
  return addWorkingDays(enteredAt, s.slaWorkingDays);
}

/**
 * The move a fired deadline timer makes: the system takes the timer's action (no role needed),
 * recording the timer's event. Undefined for an escalation (it notifies; the case stays put).
 */
export function timerTransition(
  def: WorkflowDefinition,
  timer: WorkflowTimer,
  facts: ReadonlySet<string> = new Set(),
): { from: string; to: string; event: string } | undefined {
  if (timer.kind !== 'deadline') return undefined;
  const a = actionOf(def, timer.state, timer.action);
  return a ? { from: timer.state, to: targetOf(a, facts), event: timer.event } : undefined;
}
