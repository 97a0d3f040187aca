import type { WorkflowDefinition } from '../../lib/contracts';

/*
 * The workflow editor's changes to a definition (ADR 0034): adding and removing states and actions.
 * Each returns a new definition or the reason it cannot (an id taken or not lower snake case, the
 * initial state); the server's validateDefinition still judges the whole graph on save.
 */

type State = WorkflowDefinition['states'][number];
type Action = State['actions'][number];

/** What a new state is: work for the agency, waiting for the applicant, or an end with its outcome. */
export const STATE_KINDS = ['work', 'waiting', 'approved', 'rejected', 'closed'] as const;
export type StateKind = (typeof STATE_KINDS)[number];

export type EditProblem = 'bad_id' | 'id_taken' | 'no_label' | 'initial' | 'unknown_state';
export type Edited = { ok: true; definition: WorkflowDefinition } | { ok: false; problem: EditProblem };

const ID = /^[a-z][a-z0-9_]{0,62}$/;
const text = (fa: string) => ({ fa: fa.trim(), en: fa.trim() });

function checked(id: string, label: string, taken: readonly string[]): EditProblem | undefined {
  if (!ID.test(id)) return 'bad_id';
  if (taken.includes(id)) return 'id_taken';
  if (label.trim() === '') return 'no_label';
  return undefined;
}

/** A new state, with no actions yet (the server refuses a work state nothing leaves until one is added). */
export function addState(def: WorkflowDefinition, s: { id: string; label: string; kind: StateKind }): Edited {
  const problem = checked(s.id, s.label, def.states.map((x) => x.id));
  if (problem) return { ok: false, problem };
  const state: State = { id: s.id, label: text(s.label), actions: [] };
  if (s.kind === 'waiting') state.waitingForApplicant = true;
  if (s.kind === 'approved' || s.kind === 'rejected' || s.kind === 'closed') Object.assign(state, { terminal: true, outcome: s.kind });
  const next = structuredClone(def);
  next.states.push(state);
  return { ok: true, definition: next };
}

/**
 * Removes a state and what would point nowhere without it: the actions (and their branches) that
 * lead to it and the timers set on it. The initial state stays. How many actions and timers went,
 * for the confirmation.
 */
export function removeState(def: WorkflowDefinition, id: string): Edited & { removedActions?: number; removedTimers?: number } {
  if (id === def.initial) return { ok: false, problem: 'initial' };
  if (!def.states.some((s) => s.id === id)) return { ok: false, problem: 'unknown_state' };
  const { removedActions, removedTimers } = dependants(def, id);
  const next = structuredClone(def);
  next.states = next.states.filter((s) => s.id !== id);
  for (const s of next.states) {
    s.actions = s.actions.filter((a) => a.to !== id);
    for (const a of s.actions) if (a.branches) a.branches = a.branches.filter((b) => b.to !== id);
  }
  const goneActions = new Set(def.states.flatMap((s) => s.actions.filter((a) => a.to === id).map((a) => `${s.id}\u0001${a.id}`)));
  next.timers = next.timers.filter((x) => x.state !== id && !(x.kind === 'deadline' && goneActions.has(`${x.state}\u0001${x.action}`)));
  return { ok: true, definition: next, removedActions, removedTimers };
}

/** How many actions lead to a state and how many timers depend on it (what removing it takes along). */
export function dependants(def: WorkflowDefinition, id: string): { removedActions: number; removedTimers: number } {
  const leading = def.states.flatMap((s) => (s.id === id ? [] : s.actions.filter((a) => a.to === id).map((a) => `${s.id}\u0001${a.id}`)));
  const gone = new Set(leading);
  const timers = def.timers.filter((x) => x.state === id || (x.kind === 'deadline' && gone.has(`${x.state}\u0001${x.action}`)));
  return { removedActions: leading.length, removedTimers: timers.length };
}

/** A new action out of a state: its id is also the event the history records. */
export function addAction(def: WorkflowDefinition, stateId: string, a: { id: string; label: string; roles: string[]; to: string }): Edited {
  const state = def.states.find((s) => s.id === stateId);
  if (!state || !def.states.some((s) => s.id === a.to)) return { ok: false, problem: 'unknown_state' };
  const problem = checked(a.id, a.label, state.actions.map((x) => x.id));
  if (problem) return { ok: false, problem };
  const action: Action = { id: a.id, label: text(a.label), roles: [...a.roles], to: a.to, event: a.id };
  const next = structuredClone(def);
  next.states.find((s) => s.id === stateId)!.actions.push(action);
  return { ok: true, definition: next };
}

/** Removes one action of a state, with the deadline timers that would take it. */
export function removeAction(def: WorkflowDefinition, stateId: string, actionId: string): WorkflowDefinition {
  const next = structuredClone(def);
  const state = next.states.find((s) => s.id === stateId);
  if (state) state.actions = state.actions.filter((a) => a.id !== actionId);
  next.timers = next.timers.filter((x) => !(x.kind === 'deadline' && x.state === stateId && x.action === actionId));
  return next;
}
