import { describe, expect, it } from 'vitest';
import { SIMPLE_APPROVAL } from './definition.fixture';
import { addAction, addState, dependants, removeAction, removeState } from './edit';

describe('the workflow editor’s changes', () => {
  it('adds a state of each kind, refusing a taken or malformed id and an empty title', () => {
    const r = addState(SIMPLE_APPROVAL, { id: 'legal_review', label: ' بررسی حقوقی ', kind: 'work' });
    expect(r.ok && r.definition.states.at(-1)).toEqual({ id: 'legal_review', label: { fa: 'بررسی حقوقی', en: 'بررسی حقوقی' }, actions: [] });
    const end = addState(SIMPLE_APPROVAL, { id: 'archived', label: 'بایگانی', kind: 'closed' });
    expect(end.ok && end.definition.states.at(-1)).toMatchObject({ terminal: true, outcome: 'closed' });
    const wait = addState(SIMPLE_APPROVAL, { id: 'awaiting_fee', label: 'در انتظار پرداخت', kind: 'waiting' });
    expect(wait.ok && wait.definition.states.at(-1)).toMatchObject({ waitingForApplicant: true });
    expect(addState(SIMPLE_APPROVAL, { id: 'in_review', label: 'x', kind: 'work' })).toEqual({ ok: false, problem: 'id_taken' });
    for (const id of ['Legal', '1a', 'a-b', 'بررسی', '', 'a\u0000b']) expect(addState(SIMPLE_APPROVAL, { id, label: 'x', kind: 'work' })).toEqual({ ok: false, problem: 'bad_id' });
    expect(addState(SIMPLE_APPROVAL, { id: 'x', label: '  ', kind: 'work' })).toEqual({ ok: false, problem: 'no_label' });
    expect(SIMPLE_APPROVAL.states).toHaveLength(5); // the original is never changed
  });

  it('removes a state with the actions leading to it and its timers, never the initial one', () => {
    const def = structuredClone(SIMPLE_APPROVAL);
    def.timers = [
      { id: 'esc', kind: 'escalate', state: 'awaiting_applicant', notifyRole: 'unit_manager', event: 'escalated' },
      { id: 'ask_timeout', kind: 'deadline', state: 'in_review', after: { workingDays: 5 }, action: 'request_information', event: 'asked' },
      { id: 'keep', kind: 'escalate', state: 'in_review', notifyRole: 'unit_manager', event: 'escalated' },
    ];
    expect(dependants(def, 'awaiting_applicant')).toEqual({ removedActions: 1, removedTimers: 2 });
    const r = removeState(def, 'awaiting_applicant');
    expect(r).toMatchObject({ ok: true, removedActions: 1, removedTimers: 2 });
    if (!r.ok) return;
    expect(r.definition.states.map((s) => s.id)).toEqual(['submitted', 'in_review', 'approved', 'rejected']);
    expect(r.definition.states[1]!.actions.map((a) => a.id)).toEqual(['approve', 'reject']);
    expect(r.definition.timers.map((x) => x.id)).toEqual(['keep']);
    expect(removeState(def, 'submitted')).toEqual({ ok: false, problem: 'initial' });
    expect(removeState(def, 'nowhere')).toEqual({ ok: false, problem: 'unknown_state' });
  });

  it('adds an action to an existing state only, its id the event; removes one with its deadline timer', () => {
    const added = addAction(SIMPLE_APPROVAL, 'in_review', { id: 'to_legal', label: 'ارجاع به حقوقی', roles: ['expert'], to: 'approved' });
    expect(added.ok && added.definition.states[1]!.actions.at(-1)).toEqual({ id: 'to_legal', label: { fa: 'ارجاع به حقوقی', en: 'ارجاع به حقوقی' }, roles: ['expert'], to: 'approved', event: 'to_legal' });
    expect(addAction(SIMPLE_APPROVAL, 'in_review', { id: 'approve', label: 'x', roles: [], to: 'approved' })).toEqual({ ok: false, problem: 'id_taken' });
    expect(addAction(SIMPLE_APPROVAL, 'in_review', { id: 'x', label: 'x', roles: [], to: 'nowhere' })).toEqual({ ok: false, problem: 'unknown_state' });
    const def = { ...structuredClone(SIMPLE_APPROVAL), timers: [{ id: 'd', kind: 'deadline' as const, state: 'in_review', after: { workingDays: 3 }, action: 'reject', event: 'closed' }] };
    const next = removeAction(def, 'in_review', 'reject');
    expect(next.states[1]!.actions.map((a) => a.id)).toEqual(['approve', 'request_information']);
    expect(next.timers).toEqual([]);
  });
});
