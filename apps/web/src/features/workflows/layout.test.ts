import { describe, expect, it } from 'vitest';
import { SIMPLE_APPROVAL } from './definition.fixture';
import { layoutOf } from './layout';

describe('the workflow diagram’s layout', () => {
  it('puts each state at its distance from the initial state, and an unreachable one in a layer of its own', () => {
    const def = structuredClone(SIMPLE_APPROVAL);
    def.states.push({ id: 'lost', label: { fa: 'گمشده', en: 'Lost' }, actions: [] });
    const l = layoutOf(def, 'fa', false);
    const at = (id: string) => l.states.find((s) => s.id === id)!;
    expect([at('submitted').layer, at('in_review').layer, at('approved').layer, at('awaiting_applicant').layer]).toEqual([0, 1, 1, 2]);
    expect(at('lost')).toMatchObject({ layer: 3, reachable: false });
    expect(new Set(l.states.map((s) => `${s.x},${s.y}`)).size).toBe(l.states.length); // no two boxes overlap
    // Right to left: the initial state is the rightmost.
    const rtl = layoutOf(def, 'fa', true);
    expect(Math.max(...rtl.states.map((s) => s.x))).toBe(rtl.states.find((s) => s.id === 'submitted')!.x);
    expect(l.edges.filter((e) => e.from === 'submitted').map((e) => e.to)).toEqual(['in_review', 'approved', 'rejected']);
  });
});
