import fc from 'fast-check';
import { ROLES } from '@dargah/contracts';
import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from './definition';
import { allowedActions, isOpen, isTerminal, transition } from './engine';
import { APPLICANT_ROLE, WORKFLOW_TEMPLATES } from './templates';
import { validateDefinition } from './validate';

/** An oracle written apart from validate.ts: states from which a terminal one can be reached. */
function canFinish(def: WorkflowDefinition): Set<string> {
  const done = new Set(def.states.filter((s) => s.terminal).map((s) => s.id));
  for (let grew = true; grew;) {
    grew = false;
    for (const s of def.states)
      if (
        !done.has(s.id) &&
        s.actions.some((a) => [a.to, ...(a.branches ?? []).map((b) => b.to)].some((t) => done.has(t)))
      ) {
        done.add(s.id);
        grew = true;
      }
  }
  return done;
}

const EVERYONE = [...ROLES, APPLICANT_ROLE];

describe.each(WORKFLOW_TEMPLATES.map((t) => [t.id, t] as const))('template %s', (_id, def) => {
  it('passes validation with the organisation’s roles and the applicant', () => {
    expect(validateDefinition(def, { roles: EVERYONE })).toEqual({ ok: true, definition: def });
  });

  it('is frozen: a caller cannot change the shared template (a copy can be edited)', () => {
    expect(() => {
      (def.states[0]!.actions as unknown[]).push({});
    }).toThrow(TypeError);
    expect(Object.isFrozen(def.states[0]!.actions[0]!.roles)).toBe(true);
    const copy = structuredClone(def);
    copy.states[0]!.label.fa = 'تازه';
    expect(copy.states[0]!.label.fa).not.toBe(def.states[0]!.label.fa);
  });

  it('every walk of allowed actions stays in known states, each still able to reach a terminal one', () => {
    const finishing = canFinish(def);
    const docs = def.states.flatMap((s) => s.requiredDocuments ?? []);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (choices) => {
        let state = def.initial;
        for (const c of choices) {
          expect(finishing.has(state)).toBe(true);
          const options = allowedActions(def, state, EVERYONE);
          if (isTerminal(def, state)) {
            expect(options).toEqual([]);
            return;
          }
          expect(isOpen(def, state)).toBe(true);
          expect(options.length).toBeGreaterThan(0);
          const action = options[c % options.length]!;
          const r = transition(def, state, action, {
            held: EVERYONE,
            note: 'دلیل',
            documentAttached: true,
            documents: docs,
          });
          if (!r.ok) throw new Error(`${state} --${action}--> refused ${r.code}`);
          state = r.to;
        }
      }),
    );
  });
});

/** Random small graphs: states s0..sN, some terminal, actions to random (sometimes unknown) states. */
const randomDefinition = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc
    .record({
      terminal: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      edges: fc.array(fc.array(fc.integer({ min: 0, max: n }), { maxLength: 3 }), { minLength: n, maxLength: n }),
    })
    .map(({ terminal, edges }): WorkflowDefinition => ({
      id: 'random',
      version: 1,
      label: { fa: 'آزمون', en: 'Test' },
      initial: 's0',
      states: edges.map((to, i) => ({
        id: `s${i}`,
        label: { fa: 'وضعیت', en: 'State' },
        ...(terminal[i] && i > 0 ? { terminal: true, outcome: 'closed' as const } : {}),
        actions:
          terminal[i] && i > 0
            ? []
            : [...new Set(to)].map((t) => ({
                id: `to_s${t}`,
                label: { fa: 'اقدام', en: 'Action' },
                roles: ['expert'],
                to: `s${t}`,
                event: 'moved',
              })),
      })),
      timers: [],
    })),
);

describe('validation agrees with an independent oracle', () => {
  it('on random graphs: valid exactly when every state is known, reachable and can finish', () => {
    fc.assert(
      fc.property(randomDefinition, (def) => {
        const known = new Set(def.states.map((s) => s.id));
        const reach = new Set([def.initial]);
        for (let grew = true; grew;) {
          grew = false;
          for (const s of def.states)
            if (reach.has(s.id))
              for (const a of s.actions)
                if (known.has(a.to) && !reach.has(a.to)) {
                  reach.add(a.to);
                  grew = true;
                }
        }
        const finishing = canFinish(def);
        const r = validateDefinition(def);
        const problems = r.ok ? [] : r.problems;
        for (const s of def.states) {
          expect(problems.some((p) => p.code === 'WORKFLOW_STATE_UNREACHABLE' && p.state === s.id)).toBe(
            !reach.has(s.id),
          );
          expect(problems.some((p) => p.code === 'WORKFLOW_NO_TERMINAL_REACHABLE' && p.state === s.id)).toBe(
            !finishing.has(s.id),
          );
        }
        const dangling = def.states.some((s) => s.actions.some((a) => !known.has(a.to)));
        expect(r.ok).toBe(!dangling && def.states.every((s) => reach.has(s.id) && finishing.has(s.id)));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = validateDefinition(v);
        expect(r.ok).toBe(false);
      }),
    );
  });
});
