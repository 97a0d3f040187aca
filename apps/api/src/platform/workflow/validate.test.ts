import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from './definition';
import { APPLICANT_ROLE, SIMPLE_APPROVAL } from './templates';
import {
  assertValidDefinition,
  validateDefinition,
  WORKFLOW_PROBLEM_CODES,
  type WorkflowProblem,
  type WorkflowProblemCode,
} from './validate';

/** A fresh copy of the simple template to break in one way per test. */
const base = (): WorkflowDefinition => structuredClone(SIMPLE_APPROVAL);
const label = { fa: 'برچسب', en: 'Label' };

function problemsOf(def: unknown, roles?: readonly string[]): WorkflowProblem[] {
  const r = validateDefinition(def, roles ? { roles } : {});
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.problems;
}
const codes = (ps: WorkflowProblem[]) => ps.map((p) => p.code);
/** The roles the simple template names: the desk's, and the applicant's (the reply to a correction). */
const SIMPLE_ROLES = ['desk_clerk', 'expert', 'unit_manager', APPLICANT_ROLE];

/** Each code, the definition that earns it, and where the problem must be reported. */
const CASES: Record<WorkflowProblemCode, { break: (d: WorkflowDefinition) => unknown; at: Partial<WorkflowProblem> }> =
  {
    WORKFLOW_SHAPE_INVALID: { break: (d) => ({ ...d, version: 0 }), at: { path: ['version'] } },
    WORKFLOW_DUPLICATE_STATE: {
      break: (d) => ({ ...d, states: [...d.states, { ...d.states[3]! }] }),
      at: { state: 'rejected', path: ['states', 5, 'id'] },
    },
    WORKFLOW_DUPLICATE_ACTION: {
      break: (d) => {
        d.states[1]!.actions.push({ ...d.states[1]!.actions[0]! });
        return d;
      },
      at: { state: 'in_review', action: 'approve', path: ['states', 1, 'actions', 3, 'id'] },
    },
    WORKFLOW_DUPLICATE_TIMER: {
      break: (d) => ({ ...d, timers: [...d.timers, d.timers[0]!] }),
      at: { timer: 'escalate_submitted', path: ['timers', 2, 'id'] },
    },
    WORKFLOW_UNKNOWN_INITIAL_STATE: { break: (d) => ({ ...d, initial: 'nowhere' }), at: { path: ['initial'] } },
    WORKFLOW_INITIAL_STATE_TERMINAL: {
      break: (d) => {
        // a definition that starts decided: every other state is then unreachable too
        d.initial = 'approved';
        return d;
      },
      at: { state: 'approved', path: ['initial'] },
    },
    WORKFLOW_STATE_UNREACHABLE: {
      break: (d) => {
        d.states[0]!.actions = d.states[0]!.actions.filter((a) => a.id !== 'take');
        return d;
      },
      at: { state: 'in_review', path: ['states', 1] },
    },
    WORKFLOW_NO_TERMINAL_REACHABLE: {
      break: (d) => {
        d.states[1]!.actions = [{ id: 'loop', label, roles: ['expert'], to: 'in_review', event: 'looped' }];
        return d;
      },
      at: { state: 'in_review', path: ['states', 1] },
    },
    WORKFLOW_ACTION_WITHOUT_ROLE: {
      break: (d) => {
        d.states[1]!.actions[1]!.roles = [];
        return d;
      },
      at: { state: 'in_review', action: 'reject', path: ['states', 1, 'actions', 1, 'roles'] },
    },
    WORKFLOW_UNKNOWN_ROLE: {
      break: (d) => {
        d.states[0]!.actions[0]!.roles = ['desk_clerk', 'janitor'];
        return d;
      },
      at: { state: 'submitted', action: 'take', path: ['states', 0, 'actions', 0, 'roles', 1] },
    },
    WORKFLOW_ACTION_TO_UNKNOWN_STATE: {
      break: (d) => {
        d.states[1]!.actions[0]!.branches = [{ when: 'urgent', to: 'limbo' }];
        return d;
      },
      at: { state: 'in_review', action: 'approve', path: ['states', 1, 'actions', 0, 'branches', 0, 'to'] },
    },
    WORKFLOW_TERMINAL_STATE_HAS_ACTIONS: {
      break: (d) => {
        d.states[2]!.actions = [{ id: 'reopen', label, roles: ['unit_manager'], to: 'in_review', event: 'reopened' }];
        return d;
      },
      at: { state: 'approved', path: ['states', 2, 'actions'] },
    },
    WORKFLOW_TERMINAL_WITHOUT_OUTCOME: {
      break: (d) => {
        delete d.states[3]!.outcome;
        return d;
      },
      at: { state: 'rejected', path: ['states', 3, 'outcome'] },
    },
    WORKFLOW_OUTCOME_ON_OPEN_STATE: {
      break: (d) => {
        d.states[1]!.outcome = 'partial';
        return d;
      },
      at: { state: 'in_review', path: ['states', 1, 'outcome'] },
    },
    WORKFLOW_SLA_ON_TERMINAL_STATE: {
      break: (d) => {
        d.states[2]!.slaWorkingDays = 3;
        return d;
      },
      at: { state: 'approved', path: ['states', 2, 'slaWorkingDays'] },
    },
    WORKFLOW_SLA_WHILE_WAITING: {
      break: (d) => {
        d.states[1]!.waitingForApplicant = true;
        return d;
      },
      at: { state: 'in_review', path: ['states', 1, 'slaWorkingDays'] },
    },
    WORKFLOW_TIMER_UNKNOWN_STATE: {
      break: (d) => ({ ...d, timers: [{ ...d.timers[0]!, state: 'nowhere' }] }),
      at: { timer: 'escalate_submitted', path: ['timers', 0, 'state'] },
    },
    WORKFLOW_TIMER_ON_TERMINAL_STATE: {
      break: (d) => ({
        ...d,
        timers: [
          {
            id: 'late',
            kind: 'deadline',
            state: 'approved',
            after: { workingDays: 3 },
            action: 'approve',
            event: 'late',
          },
        ],
      }),
      at: { timer: 'late', state: 'approved', path: ['timers', 0, 'state'] },
    },
    WORKFLOW_TIMER_UNKNOWN_ACTION: {
      break: (d) => ({
        ...d,
        timers: [
          {
            id: 'late',
            kind: 'deadline',
            state: 'in_review',
            after: { workingDays: 3 },
            action: 'take',
            event: 'late',
          },
        ],
      }),
      at: { timer: 'late', state: 'in_review', path: ['timers', 0, 'action'] },
    },
    WORKFLOW_ESCALATION_WITHOUT_SLA: {
      break: (d) => {
        delete d.states[0]!.slaWorkingDays;
        return d;
      },
      at: { timer: 'escalate_submitted', state: 'submitted', path: ['timers', 0, 'state'] },
    },
    WORKFLOW_SILENCE_OUTCOME_MISMATCH: {
      break: (d) => ({
        ...d,
        timers: [
          {
            id: 'silence',
            kind: 'deadline',
            state: 'in_review',
            after: { workingDays: 20 },
            action: 'reject',
            event: 'silence_accepted',
            silenceMeans: 'accept',
          },
        ],
      }),
      at: { timer: 'silence', state: 'in_review', path: ['timers', 0, 'action'] },
    },
  };

describe('validateDefinition', () => {
  it('accepts the simple template and returns the parsed definition', () => {
    const r = validateDefinition(base(), { roles: SIMPLE_ROLES });
    expect(r).toEqual({ ok: true, definition: SIMPLE_APPROVAL });
  });

  it('has a case below for every code', () => {
    expect(Object.keys(CASES).sort()).toEqual([...WORKFLOW_PROBLEM_CODES].sort());
  });

  it.each(Object.entries(CASES))('%s is reported at its place, in Persian and English', (code, c) => {
    const ps = problemsOf(c.break(base()), SIMPLE_ROLES);
    const p = ps.find((x) => x.code === code);
    expect(p, JSON.stringify(ps)).toMatchObject(c.at);
    expect(p!.fa).toMatch(/[\u0600-\u06FF]/);
    expect(p!.en).toMatch(/^[\x20-\x7E“”’]+$/);
    if (c.at.state) expect(p!.fa).toContain(c.at.state);
  });

  it('reports every problem at once, not only the first', () => {
    const d = base();
    d.states[0]!.actions[0]!.roles = [];
    d.states[1]!.actions[0]!.to = 'limbo';
    d.states[2]!.outcome = undefined;
    d.timers.push({ id: 'x', kind: 'escalate', state: 'ghost', notifyRole: 'unit_manager', event: 'escalated' });
    const ps = problemsOf(d);
    expect(codes(ps)).toEqual(
      expect.arrayContaining([
        'WORKFLOW_ACTION_WITHOUT_ROLE',
        'WORKFLOW_ACTION_TO_UNKNOWN_STATE',
        'WORKFLOW_TERMINAL_WITHOUT_OUTCOME',
        'WORKFLOW_TIMER_UNKNOWN_STATE',
      ]),
    );
    expect(ps.filter((p) => p.state === 'submitted').map((p) => p.code)).toContain('WORKFLOW_ACTION_WITHOUT_ROLE');
  });

  it('reports every shape problem by JSON path, and no graph problems then', () => {
    const ps = problemsOf({ ...base(), id: 'Bad Id', states: [{ id: 'a', actions: 'none' }], extra: 1 });
    expect(new Set(codes(ps))).toEqual(new Set(['WORKFLOW_SHAPE_INVALID']));
    const paths = ps.map((p) => p.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['id', 'states.0.label', 'states.0.actions']));
    expect(ps.length).toBeGreaterThanOrEqual(4); // the unknown key too
  });

  it('refuses hostile values: not an object, NUL characters in ids, huge delays', () => {
    for (const v of [null, 42, 'x', [], { states: null }])
      expect(problemsOf(v)[0]!.code).toBe('WORKFLOW_SHAPE_INVALID');
    const d = base();
    d.states[0]!.id = 'sub\u0000mitted';
    expect(codes(problemsOf(d))).toContain('WORKFLOW_SHAPE_INVALID');
    const e = base();
    e.timers.push({
      id: 'long',
      kind: 'deadline',
      state: 'in_review',
      after: { workingDays: 1e9 },
      action: 'reject',
      event: 'late',
    });
    expect(problemsOf(e).map((p) => p.path.join('.'))).toContain('timers.2.after.workingDays');
  });

  it('a state only a terminal-free loop leads from is reported with the loop, not the healthy states', () => {
    const d = base();
    d.states[0]!.actions.push({ id: 'park', label, roles: ['expert'], to: 'parked', event: 'parked' });
    d.states.push({
      id: 'parked',
      label,
      actions: [{ id: 'poke', label, roles: ['expert'], to: 'parked', event: 'poked' }],
    });
    const ps = problemsOf(d);
    expect(ps.map((p) => [p.code, p.state])).toEqual([['WORKFLOW_NO_TERMINAL_REACHABLE', 'parked']]);
  });

  it('accepts silence timers that lead where they say', () => {
    const d = base();
    d.timers.push({
      id: 'silence',
      kind: 'deadline',
      state: 'in_review',
      after: { workingDays: 20 },
      action: 'approve',
      event: 'silence_accepted',
      silenceMeans: 'accept',
    });
    d.timers.push({
      id: 'refusal',
      kind: 'deadline',
      state: 'submitted',
      after: { calendarDays: 30 },
      action: 'reject',
      event: 'silence_refused',
      silenceMeans: 'refuse',
    });
    expect(validateDefinition(d).ok).toBe(true);
  });

  it('assertValidDefinition throws with the codes for a definition the code ships', () => {
    expect(() => assertValidDefinition({ ...base(), initial: 'nowhere' })).toThrow(/WORKFLOW_UNKNOWN_INITIAL_STATE/);
    expect(assertValidDefinition(base()).id).toBe('simple_approval');
  });

  it('definitions are JSON: a round trip validates the same', () => {
    expect(validateDefinition(JSON.parse(JSON.stringify(SIMPLE_APPROVAL)))).toEqual({
      ok: true,
      definition: SIMPLE_APPROVAL,
    });
  });
});
