import {
  WorkflowDefinitionSchema,
  type WorkflowAction,
  type WorkflowDefinition,
  type WorkflowState,
} from './definition';

/*
 * Whether a definition can run: its shape (the zod schema), then its graph. Every problem is
 * reported at once, each at its state (and action or timer) with a stable code and Persian and
 * English text, so an editor can mark them all on the diagram.
 */

interface Where {
  state?: string;
  action?: string;
  timer?: string;
  target?: string;
  detail?: string;
}

const texts = {
  WORKFLOW_SHAPE_INVALID: (w: Where) => ({
    fa: `ساختار تعریف گردش کار معتبر نیست: ${w.detail ?? ''}`,
    en: `The workflow definition is not well formed: ${w.detail ?? ''}`,
  }),
  WORKFLOW_DUPLICATE_STATE: (w: Where) => ({
    fa: `وضعیت «${w.state}» بیش از یک بار تعریف شده است.`,
    en: `State “${w.state}” is defined more than once.`,
  }),
  WORKFLOW_DUPLICATE_ACTION: (w: Where) => ({
    fa: `اقدام «${w.action}» در وضعیت «${w.state}» بیش از یک بار تعریف شده است.`,
    en: `Action “${w.action}” is defined more than once in state “${w.state}”.`,
  }),
  WORKFLOW_DUPLICATE_TIMER: (w: Where) => ({
    fa: `زمان‌سنج «${w.timer}» بیش از یک بار تعریف شده است.`,
    en: `Timer “${w.timer}” is defined more than once.`,
  }),
  WORKFLOW_UNKNOWN_INITIAL_STATE: (w: Where) => ({
    fa: `وضعیت آغازین «${w.target}» تعریف نشده است.`,
    en: `The initial state “${w.target}” is not defined.`,
  }),
  WORKFLOW_INITIAL_STATE_TERMINAL: (w: Where) => ({
    fa: `وضعیت آغازین «${w.state}» نمی‌تواند پایانی باشد.`,
    en: `The initial state “${w.state}” cannot be terminal.`,
  }),
  WORKFLOW_STATE_UNREACHABLE: (w: Where) => ({
    fa: `از وضعیت آغازین به وضعیت «${w.state}» نمی‌توان رسید.`,
    en: `State “${w.state}” cannot be reached from the initial state.`,
  }),
  WORKFLOW_NO_TERMINAL_REACHABLE: (w: Where) => ({
    fa: `از وضعیت «${w.state}» به هیچ وضعیت پایانی نمی‌توان رسید؛ پرونده در آن گیر می‌کند.`,
    en: `No terminal state can be reached from state “${w.state}”; a case would be stuck there.`,
  }),
  WORKFLOW_ACTION_WITHOUT_ROLE: (w: Where) => ({
    fa: `اقدام «${w.action}» در وضعیت «${w.state}» هیچ نقشی ندارد؛ کسی نمی‌تواند آن را انجام دهد.`,
    en: `Action “${w.action}” in state “${w.state}” has no role; nobody could take it.`,
  }),
  WORKFLOW_UNKNOWN_ROLE: (w: Where) => ({
    fa: `نقش «${w.target}» در اقدام «${w.action}» وضعیت «${w.state}» شناخته نیست.`,
    en: `Role “${w.target}” of action “${w.action}” in state “${w.state}” is not known.`,
  }),
  WORKFLOW_ACTION_TO_UNKNOWN_STATE: (w: Where) => ({
    fa: `اقدام «${w.action}» در وضعیت «${w.state}» به وضعیت تعریف‌نشدهٔ «${w.target}» می‌رود.`,
    en: `Action “${w.action}” in state “${w.state}” leads to the undefined state “${w.target}”.`,
  }),
  WORKFLOW_TERMINAL_STATE_HAS_ACTIONS: (w: Where) => ({
    fa: `وضعیت پایانی «${w.state}» نباید اقدامی داشته باشد.`,
    en: `Terminal state “${w.state}” must have no actions.`,
  }),
  WORKFLOW_TERMINAL_WITHOUT_OUTCOME: (w: Where) => ({
    fa: `وضعیت پایانی «${w.state}» باید نتیجهٔ پرونده (پذیرش، رد، پذیرش بخشی، انصراف یا بسته‌شدن) را بگوید.`,
    en: `Terminal state “${w.state}” must say how the case ended (approved, rejected, partial, withdrawn or closed).`,
  }),
  WORKFLOW_OUTCOME_ON_OPEN_STATE: (w: Where) => ({
    fa: `وضعیت «${w.state}» پایانی نیست و نتیجه ندارد.`,
    en: `State “${w.state}” is not terminal and has no outcome.`,
  }),
  WORKFLOW_SLA_ON_TERMINAL_STATE: (w: Where) => ({
    fa: `وضعیت پایانی «${w.state}» مهلت رسیدگی ندارد.`,
    en: `Terminal state “${w.state}” has no service deadline.`,
  }),
  WORKFLOW_SLA_WHILE_WAITING: (w: Where) => ({
    fa: `وضعیت «${w.state}» در انتظار متقاضی است و زمان رسیدگی در آن متوقف است؛ مهلت رسیدگی نمی‌پذیرد.`,
    en: `State “${w.state}” waits for the applicant, which pauses the clock; it cannot have a service deadline.`,
  }),
  WORKFLOW_TIMER_UNKNOWN_STATE: (w: Where) => ({
    fa: `زمان‌سنج «${w.timer}» به وضعیت تعریف‌نشدهٔ «${w.target}» اشاره می‌کند.`,
    en: `Timer “${w.timer}” refers to the undefined state “${w.target}”.`,
  }),
  WORKFLOW_TIMER_ON_TERMINAL_STATE: (w: Where) => ({
    fa: `زمان‌سنج «${w.timer}» روی وضعیت پایانی «${w.state}» است و هرگز به کار نمی‌افتد.`,
    en: `Timer “${w.timer}” is on the terminal state “${w.state}” and could never fire.`,
  }),
  WORKFLOW_TIMER_UNKNOWN_ACTION: (w: Where) => ({
    fa: `زمان‌سنج «${w.timer}» اقدام «${w.target}» را انجام می‌دهد که در وضعیت «${w.state}» تعریف نشده است.`,
    en: `Timer “${w.timer}” takes action “${w.target}”, which state “${w.state}” does not define.`,
  }),
  WORKFLOW_ESCALATION_WITHOUT_SLA: (w: Where) => ({
    fa: `زمان‌سنج ارجاع «${w.timer}» روی وضعیت «${w.state}» است که مهلت رسیدگی ندارد.`,
    en: `Escalation timer “${w.timer}” is on state “${w.state}”, which has no service deadline.`,
  }),
  WORKFLOW_SILENCE_OUTCOME_MISMATCH: (w: Where) => ({
    fa: `زمان‌سنج «${w.timer}» سکوت را «${w.detail === 'accept' ? 'پذیرش' : 'رد'}» می‌داند، اما اقدام «${w.target}» در وضعیت «${w.state}» به چنین نتیجه‌ای نمی‌رسد.`,
    en: `Timer “${w.timer}” says silence means ${w.detail}, but action “${w.target}” in state “${w.state}” does not end the case that way.`,
  }),
} as const;

export type WorkflowProblemCode = keyof typeof texts;
export const WORKFLOW_PROBLEM_CODES = Object.keys(texts) as WorkflowProblemCode[];

export interface WorkflowProblem {
  code: WorkflowProblemCode;
  /** Where in the JSON document, e.g. ['states', 2, 'actions', 0, 'to']. */
  path: (string | number)[];
  state?: string;
  action?: string;
  timer?: string;
  fa: string;
  en: string;
}

export interface ValidateOptions {
  /** The role names the caller knows; a role outside them is a problem. Without it any role passes. */
  roles?: readonly string[];
}

export type ValidationResult =
  { ok: true; definition: WorkflowDefinition } | { ok: false; problems: WorkflowProblem[] };

function problem(code: WorkflowProblemCode, path: (string | number)[], where: Where): WorkflowProblem {
  const out: WorkflowProblem = { code, path, ...texts[code](where) };
  if (where.state !== undefined) out.state = where.state;
  if (where.action !== undefined) out.action = where.action;
  if (where.timer !== undefined) out.timer = where.timer;
  return out;
}

/** Every state an action can lead to: its target and its branches' targets. */
export const targetsOf = (a: WorkflowAction): string[] => [a.to, ...(a.branches ?? []).map((b) => b.to)];

/** States reachable from `from` following `next` (a breadth-first walk). */
function closure(from: Iterable<string>, next: (s: string) => Iterable<string>): Set<string> {
  const seen = new Set(from);
  const queue = [...seen];
  for (let s = queue.shift(); s !== undefined; s = queue.shift())
    for (const n of next(s))
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
  return seen;
}

function checkState(s: WorkflowState, i: number, known: Set<string>, options: ValidateOptions): WorkflowProblem[] {
  const out: WorkflowProblem[] = [];
  const at = (...rest: (string | number)[]) => ['states', i, ...rest];
  const state = s.id;
  if (s.terminal) {
    if (s.actions.length > 0) out.push(problem('WORKFLOW_TERMINAL_STATE_HAS_ACTIONS', at('actions'), { state }));
    if (!s.outcome) out.push(problem('WORKFLOW_TERMINAL_WITHOUT_OUTCOME', at('outcome'), { state }));
    if (s.slaWorkingDays !== undefined)
      out.push(problem('WORKFLOW_SLA_ON_TERMINAL_STATE', at('slaWorkingDays'), { state }));
  } else if (s.outcome) out.push(problem('WORKFLOW_OUTCOME_ON_OPEN_STATE', at('outcome'), { state }));
  if (s.waitingForApplicant && s.slaWorkingDays !== undefined)
    out.push(problem('WORKFLOW_SLA_WHILE_WAITING', at('slaWorkingDays'), { state }));
  const actionIds = new Set<string>();
  s.actions.forEach((a, j) => {
    const where = { state, action: a.id };
    if (actionIds.has(a.id)) out.push(problem('WORKFLOW_DUPLICATE_ACTION', at('actions', j, 'id'), where));
    actionIds.add(a.id);
    if (a.roles.length === 0) out.push(problem('WORKFLOW_ACTION_WITHOUT_ROLE', at('actions', j, 'roles'), where));
    a.roles.forEach((r, k) => {
      if (options.roles && !options.roles.includes(r))
        out.push(problem('WORKFLOW_UNKNOWN_ROLE', at('actions', j, 'roles', k), { ...where, target: r }));
    });
    if (!known.has(a.to))
      out.push(problem('WORKFLOW_ACTION_TO_UNKNOWN_STATE', at('actions', j, 'to'), { ...where, target: a.to }));
    (a.branches ?? []).forEach((b, k) => {
      if (!known.has(b.to))
        out.push(
          problem('WORKFLOW_ACTION_TO_UNKNOWN_STATE', at('actions', j, 'branches', k, 'to'), {
            ...where,
            target: b.to,
          }),
        );
    });
  });
  return out;
}

function checkGraph(def: WorkflowDefinition, byId: Map<string, WorkflowState>): WorkflowProblem[] {
  const out: WorkflowProblem[] = [];
  const initial = byId.get(def.initial);
  if (!initial) return [problem('WORKFLOW_UNKNOWN_INITIAL_STATE', ['initial'], { target: def.initial })];
  if (initial.terminal) out.push(problem('WORKFLOW_INITIAL_STATE_TERMINAL', ['initial'], { state: initial.id }));
  const next = (s: string) => (byId.get(s)?.actions ?? []).flatMap(targetsOf).filter((t) => byId.has(t));
  const reachable = closure([def.initial], next);
  const incoming = new Map<string, string[]>();
  for (const s of byId.keys()) for (const t of next(s)) incoming.set(t, [...(incoming.get(t) ?? []), s]);
  const finishing = closure(
    [...byId.values()].filter((s) => s.terminal).map((s) => s.id),
    (s) => incoming.get(s) ?? [],
  );
  def.states.forEach((s, i) => {
    if (byId.get(s.id) !== s) return; // a duplicate: reported once, at its definition
    if (!reachable.has(s.id)) out.push(problem('WORKFLOW_STATE_UNREACHABLE', ['states', i], { state: s.id }));
    if (!finishing.has(s.id)) out.push(problem('WORKFLOW_NO_TERMINAL_REACHABLE', ['states', i], { state: s.id }));
  });
  return out;
}

function checkTimers(def: WorkflowDefinition, byId: Map<string, WorkflowState>): WorkflowProblem[] {
  const out: WorkflowProblem[] = [];
  const ids = new Set<string>();
  def.timers.forEach((t, i) => {
    const where = { timer: t.id, state: t.state };
    if (ids.has(t.id)) out.push(problem('WORKFLOW_DUPLICATE_TIMER', ['timers', i, 'id'], where));
    ids.add(t.id);
    const s = byId.get(t.state);
    if (!s)
      return out.push(
        problem('WORKFLOW_TIMER_UNKNOWN_STATE', ['timers', i, 'state'], { timer: t.id, target: t.state }),
      );
    if (s.terminal) return out.push(problem('WORKFLOW_TIMER_ON_TERMINAL_STATE', ['timers', i, 'state'], where));
    if (t.kind === 'escalate') {
      if (s.slaWorkingDays === undefined)
        out.push(problem('WORKFLOW_ESCALATION_WITHOUT_SLA', ['timers', i, 'state'], where));
      return;
    }
    const action = s.actions.find((a) => a.id === t.action);
    if (!action)
      return out.push(
        problem('WORKFLOW_TIMER_UNKNOWN_ACTION', ['timers', i, 'action'], { ...where, target: t.action }),
      );
    if (t.silenceMeans) {
      const wanted = t.silenceMeans === 'accept' ? 'approved' : 'rejected';
      const ends = targetsOf(action).map((to) => byId.get(to));
      if (!ends.every((e) => e?.terminal && e.outcome === wanted))
        out.push(
          problem('WORKFLOW_SILENCE_OUTCOME_MISMATCH', ['timers', i, 'action'], {
            ...where,
            target: t.action,
            detail: t.silenceMeans,
          }),
        );
    }
    return;
  });
  return out;
}

/**
 * Checks a definition (any JSON value): its shape first (problems by JSON path when it is not
 * well formed), then every rule of the graph, all problems at once.
 */
export function validateDefinition(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const parsed = WorkflowDefinitionSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((i) =>
        problem(
          'WORKFLOW_SHAPE_INVALID',
          i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
          { detail: `${i.path.join('.')}: ${i.message}` },
        ),
      ),
    };
  const def = parsed.data;
  const byId = new Map<string, WorkflowState>();
  const problems: WorkflowProblem[] = [];
  def.states.forEach((s, i) => {
    if (byId.has(s.id)) problems.push(problem('WORKFLOW_DUPLICATE_STATE', ['states', i, 'id'], { state: s.id }));
    else byId.set(s.id, s);
  });
  const known = new Set(byId.keys());
  def.states.forEach((s, i) => problems.push(...checkState(s, i, known, options)));
  problems.push(...checkGraph(def, byId), ...checkTimers(def, byId));
  return problems.length === 0 ? { ok: true, definition: def } : { ok: false, problems };
}

/** A definition the code ships (a template, a module's default): invalid is a programming error. */
export function assertValidDefinition(input: unknown, options: ValidateOptions = {}): WorkflowDefinition {
  const r = validateDefinition(input, options);
  if (!r.ok) throw new Error(`invalid workflow definition: ${r.problems.map((p) => `${p.code} ${p.en}`).join('; ')}`);
  return r.definition;
}
