import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../lib/contracts';
import { layoutOf } from './layout';

const t = (fa: string) => ({ fa, en: fa });
const go = (id: string, to: string) => ({ id, label: t(id), roles: ['expert'], to, event: id });
/** The simple-approval template's graph. */
const SIMPLE_APPROVAL: WorkflowDefinition = {
  id: 'simple_approval',
  version: 1,
  label: t('تأیید ساده'),
  initial: 'submitted',
  states: [
    { id: 'submitted', label: t('ثبت‌شده'), actions: [go('take', 'in_review'), go('approve', 'approved'), go('reject', 'rejected')] },
    { id: 'in_review', label: t('در حال بررسی'), actions: [go('approve', 'approved'), go('reject', 'rejected'), go('request_information', 'awaiting_applicant')] },
    { id: 'approved', label: t('تأیید شده'), terminal: true, outcome: 'approved', actions: [] },
    { id: 'rejected', label: t('رد شده'), terminal: true, outcome: 'rejected', actions: [] },
    { id: 'awaiting_applicant', label: t('در انتظار'), waitingForApplicant: true, actions: [go('reply', 'in_review')] },
  ],
  timers: [],
};

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
