import { createWorkingCalendar, fromJalali, jalaliWeekday } from '@dargah/persian';
import { describe, expect, it } from 'vitest';
import { workingDeadlines } from './calendar';
import type { WorkflowDefinition } from './definition';
import {
  actingRole,
  actionOf,
  allowedActions,
  dueTimers,
  isOpen,
  isTerminal,
  scheduledTimers,
  slaDeadline,
  targetOf,
  timerTransition,
  transition,
  TRANSITION_REFUSALS,
} from './engine';
import { EXPERT_THEN_MANAGER, SIMPLE_APPROVAL, WITH_IN_PERSON_STEP } from './templates';
import { assertValidDefinition } from './validate';

describe('the engine on a definition', () => {
  it('lists the actions a holder of roles may take, in definition order', () => {
    expect(allowedActions(SIMPLE_APPROVAL, 'submitted', ['desk_clerk'])).toEqual(['take', 'approve', 'reject']);
    expect(allowedActions(SIMPLE_APPROVAL, 'submitted', ['unit_manager'])).toEqual(['approve', 'reject']);
    expect(allowedActions(SIMPLE_APPROVAL, 'submitted', ['secretariat', 'platform_admin'])).toEqual([]);
    expect(allowedActions(SIMPLE_APPROVAL, 'approved', ['desk_clerk', 'expert', 'unit_manager'])).toEqual([]);
    expect(allowedActions(SIMPLE_APPROVAL, 'no_such_state', ['expert'])).toEqual([]);
  });

  it('says which states are terminal and which open; an unknown state is neither', () => {
    expect(SIMPLE_APPROVAL.states.filter((s) => isTerminal(SIMPLE_APPROVAL, s.id)).map((s) => s.id)).toEqual([
      'approved',
      'rejected',
    ]);
    expect(SIMPLE_APPROVAL.states.filter((s) => isOpen(SIMPLE_APPROVAL, s.id)).map((s) => s.id)).toEqual([
      'submitted',
      'in_review',
      'awaiting_applicant',
    ]);
    expect(isTerminal(SIMPLE_APPROVAL, 'ghost')).toBe(false);
    expect(isOpen(SIMPLE_APPROVAL, 'ghost')).toBe(false);
  });

  it('makes a transition with the event and the role acted as (the first of the action’s roles held)', () => {
    expect(transition(SIMPLE_APPROVAL, 'submitted', 'approve', { held: ['unit_manager', 'expert'] })).toMatchObject({
      ok: true,
      from: 'submitted',
      to: 'approved',
      event: 'approved',
      actedAs: 'expert',
    });
  });

  it('refuses with a code: unknown state, action not in the state, role not held — in that order', () => {
    expect(transition(SIMPLE_APPROVAL, 'ghost', 'approve', { held: [] })).toEqual({
      ok: false,
      code: 'WORKFLOW_UNKNOWN_STATE',
      state: 'ghost',
    });
    expect(transition(SIMPLE_APPROVAL, 'approved', 'reject', { held: ['unit_manager'] })).toEqual({
      ok: false,
      code: 'WORKFLOW_ACTION_NOT_ALLOWED',
      state: 'approved',
      action: 'reject',
    });
    expect(transition(SIMPLE_APPROVAL, 'in_review', 'take', { held: [] })).toMatchObject({
      code: 'WORKFLOW_ACTION_NOT_ALLOWED',
    });
    expect(transition(SIMPLE_APPROVAL, 'submitted', 'take', { held: ['unit_manager'] })).toEqual({
      ok: false,
      code: 'WORKFLOW_ROLE_REQUIRED',
      state: 'submitted',
      action: 'take',
      need: ['desk_clerk', 'expert'],
    });
    // an action name that is an Object prototype key is not an action
    expect(transition(SIMPLE_APPROVAL, 'submitted', 'constructor', { held: ['expert'] })).toMatchObject({
      code: 'WORKFLOW_ACTION_NOT_ALLOWED',
    });
    expect(transition(SIMPLE_APPROVAL, '__proto__', 'take', { held: ['expert'] })).toMatchObject({
      code: 'WORKFLOW_UNKNOWN_STATE',
    });
  });

  it('needs a note where the action says so (blank does not count)', () => {
    for (const note of [undefined, null, '', '   \n'])
      expect(
        transition(EXPERT_THEN_MANAGER, 'manager_signoff', 'reject', { held: ['unit_manager'], note }),
      ).toMatchObject({ ok: false, code: 'WORKFLOW_NOTE_REQUIRED' });
    expect(
      transition(EXPERT_THEN_MANAGER, 'manager_signoff', 'reject', { held: ['unit_manager'], note: 'خارج از ضوابط' }),
    ).toMatchObject({ ok: true, to: 'rejected' });
  });

  it('needs an attached document where the action says so', () => {
    const def = structuredClone(SIMPLE_APPROVAL);
    def.states[1]!.actions[0]!.requiresDocument = true;
    expect(transition(def, 'in_review', 'approve', { held: ['expert'] })).toMatchObject({
      code: 'WORKFLOW_DOCUMENT_REQUIRED',
    });
    expect(transition(def, 'in_review', 'approve', { held: ['expert'], documentAttached: true })).toMatchObject({
      ok: true,
    });
  });

  it('keeps a case in the in-person state until the documents are on file, except the way out for a no-show', () => {
    const held = ['desk_clerk'];
    expect(
      transition(WITH_IN_PERSON_STEP, 'in_person', 'attended', { held, documents: ['national_card_original'] }),
    ).toEqual({
      ok: false,
      code: 'WORKFLOW_DOCUMENTS_MISSING',
      state: 'in_person',
      action: 'attended',
      missing: ['birth_certificate_original'],
    });
    expect(
      transition(WITH_IN_PERSON_STEP, 'in_person', 'attended', {
        held,
        documents: ['birth_certificate_original', 'national_card_original', 'other'],
      }),
    ).toMatchObject({ ok: true, to: 'decision' });
    expect(transition(WITH_IN_PERSON_STEP, 'in_person', 'no_show', { held })).toMatchObject({
      ok: true,
      to: 'withdrawn',
    });
    const state = WITH_IN_PERSON_STEP.states.find((s) => s.id === 'in_person')!;
    expect(state).toMatchObject({ waitingForApplicant: true, inPerson: true });
  });

  it('picks a branch by the facts of the case, else the plain target', () => {
    const def = structuredClone(SIMPLE_APPROVAL);
    def.states[0]!.actions[0]!.branches = [
      { when: 'urgent', to: 'approved' },
      { when: 'foreign', to: 'rejected' },
    ];
    const a = actionOf(def, 'submitted', 'take')!;
    expect(targetOf(a)).toBe('in_review');
    expect(targetOf(a, new Set(['foreign']))).toBe('rejected');
    expect(targetOf(a, new Set(['foreign', 'urgent']))).toBe('approved');
    expect(transition(def, 'submitted', 'take', { held: ['expert'], facts: new Set(['urgent']) })).toMatchObject({
      to: 'approved',
    });
  });

  it('reads roles by scope when the action names one, and the own list when it does not', () => {
    const def = structuredClone(SIMPLE_APPROVAL);
    def.states[1]!.actions[0]!.scope = 'central';
    const held = { own: ['expert'], central: ['unit_manager'] };
    expect(allowedActions(def, 'in_review', held)).toEqual(['approve', 'reject', 'request_information']);
    expect(actingRole(actionOf(def, 'in_review', 'approve')!, held)).toBe('unit_manager');
    expect(allowedActions(def, 'in_review', { own: ['expert'] })).toEqual(['reject', 'request_information']);
    expect(allowedActions(def, 'in_review', {})).toEqual([]);
  });

  it('has Persian and English text for every refusal code', () => {
    for (const t of Object.values(TRANSITION_REFUSALS)) {
      expect(t.fa).toMatch(/[\u0600-\u06FF]/);
      expect(t.en.length).toBeGreaterThan(5);
    }
  });
});

// Timers ------------------------------------------------------------------------------------------

/** Wednesday 16 Aban 1403 (6 November 2024), 10:00 in Tehran (UTC+3:30). */
const WEDNESDAY_10AM = new Date('2024-11-06T06:30:00Z');
/** Saturday 19 Aban 1403: a closure supplied to the calendar (like a lunar holiday of the table). */
const SATURDAY_HOLIDAY = { jy: 1403, jm: 8, jd: 19 };
const calendar = createWorkingCalendar({ holidays: [{ date: SATURDAY_HOLIDAY, title: 'تعطیل' }] });
const addWorkingDays = workingDeadlines(calendar);
const tehranMidnight = (jy: number, jm: number, jd: number) => fromJalali(jy, jm, jd);

describe('timers', () => {
  it('the calendar fixture is what the test says', () => {
    expect(jalaliWeekday({ jy: 1403, jm: 8, jd: 16 })).toBe('wednesday');
    expect(jalaliWeekday(SATURDAY_HOLIDAY)).toBe('saturday');
    expect(calendar.isWorkingDay(SATURDAY_HOLIDAY)).toBe(false);
  });

  it('escalates after the state’s SLA in working days, skipping Thursday, Friday and a holiday', () => {
    // in_review has 5 working days: Sun 20, Mon 21, Tue 22, Wed 23, Sat 26 Aban (Thu/Fri 24–25 off)
    const dueAt = tehranMidnight(1403, 8, 27); // the first instant after Saturday 26 Aban
    expect(slaDeadline(SIMPLE_APPROVAL, 'in_review', WEDNESDAY_10AM, addWorkingDays)).toEqual(dueAt);
    const before = new Date(dueAt.getTime() - 1);
    expect(dueTimers(SIMPLE_APPROVAL, 'in_review', WEDNESDAY_10AM, before, addWorkingDays)).toEqual([]);
    const fired = dueTimers(SIMPLE_APPROVAL, 'in_review', WEDNESDAY_10AM, dueAt, addWorkingDays);
    expect(fired.map((f) => [f.timer.id, f.dueAt])).toEqual([['escalate_in_review', dueAt]]);
    expect(fired[0]!.timer).toMatchObject({ kind: 'escalate', notifyRole: 'unit_manager' });
    expect(timerTransition(SIMPLE_APPROVAL, fired[0]!.timer)).toBeUndefined(); // an escalation does not move the case
  });

  it('a 2-day SLA entered on Wednesday ends Monday night, not Saturday (holiday) nor Friday', () => {
    // working days after Wed 16: Thu 17, Fri 18 off; Sat 19 holiday; Sun 20 (1), Mon 21 (2)
    expect(slaDeadline(SIMPLE_APPROVAL, 'submitted', WEDNESDAY_10AM, addWorkingDays)).toEqual(
      tehranMidnight(1403, 8, 22),
    );
    const without = workingDeadlines(createWorkingCalendar());
    expect(slaDeadline(SIMPLE_APPROVAL, 'submitted', WEDNESDAY_10AM, without)).toEqual(tehranMidnight(1403, 8, 21));
  });

  it('takes the automatic outcome when a legal deadline passes: silence means accept', () => {
    const def = assertValidDefinition({
      ...SIMPLE_APPROVAL,
      timers: [
        ...SIMPLE_APPROVAL.timers,
        {
          id: 'silence_is_consent',
          kind: 'deadline',
          state: 'in_review',
          after: { workingDays: 10 },
          action: 'approve',
          event: 'approved_by_silence',
          silenceMeans: 'accept',
        },
      ],
    });
    // 10 working days after Wed 16 Aban: 20,21,22,23,26,27,28,29,30 Aban, 3 Azar (1 and 2 Azar are Thu/Fri)
    const dueAt = tehranMidnight(1403, 9, 4);
    const all = scheduledTimers(def, 'in_review', WEDNESDAY_10AM, addWorkingDays);
    expect(all.map((t) => t.timer.id)).toEqual(['escalate_in_review', 'silence_is_consent']);
    expect(
      dueTimers(def, 'in_review', WEDNESDAY_10AM, new Date(dueAt.getTime() - 1), addWorkingDays).map((t) => t.timer.id),
    ).toEqual(['escalate_in_review']);
    const fired = dueTimers(def, 'in_review', WEDNESDAY_10AM, dueAt, addWorkingDays);
    expect(fired.map((t) => t.timer.id)).toEqual(['escalate_in_review', 'silence_is_consent']);
    expect(timerTransition(def, fired[1]!.timer)).toEqual({
      from: 'in_review',
      to: 'approved',
      event: 'approved_by_silence',
    });
  });

  it('silence means refuse, counted in calendar days where the rule says so', () => {
    const def = assertValidDefinition({
      ...SIMPLE_APPROVAL,
      timers: [
        {
          id: 'refused',
          kind: 'deadline',
          state: 'submitted',
          after: { calendarDays: 7 },
          action: 'reject',
          event: 'rejected_by_silence',
          silenceMeans: 'refuse',
        },
      ],
    });
    const week = new Date(WEDNESDAY_10AM.getTime() + 7 * 86_400_000);
    expect(dueTimers(def, 'submitted', WEDNESDAY_10AM, new Date(week.getTime() - 1), addWorkingDays)).toEqual([]);
    const [fired] = dueTimers(def, 'submitted', WEDNESDAY_10AM, week, addWorkingDays);
    expect(fired?.dueAt).toEqual(week);
    expect(timerTransition(def, fired!.timer)).toEqual({
      from: 'submitted',
      to: 'rejected',
      event: 'rejected_by_silence',
    });
  });

  it('a state waiting for the applicant has no SLA clock, but its own deadline runs', () => {
    expect(slaDeadline(WITH_IN_PERSON_STEP, 'in_person', WEDNESDAY_10AM, addWorkingDays)).toBeNull();
    const timers = scheduledTimers(WITH_IN_PERSON_STEP, 'in_person', WEDNESDAY_10AM, addWorkingDays);
    expect(timers.map((t) => t.timer.id)).toEqual(['no_show']);
    expect(timerTransition(WITH_IN_PERSON_STEP, timers[0]!.timer)).toEqual({
      from: 'in_person',
      to: 'withdrawn',
      event: 'no_show',
    });
  });

  it('terminal and unknown states have no timers; an escalation on a paused state never fires', () => {
    expect(scheduledTimers(SIMPLE_APPROVAL, 'approved', WEDNESDAY_10AM, addWorkingDays)).toEqual([]);
    expect(scheduledTimers(SIMPLE_APPROVAL, 'ghost', WEDNESDAY_10AM, addWorkingDays)).toEqual([]);
    expect(slaDeadline(SIMPLE_APPROVAL, 'approved', WEDNESDAY_10AM, addWorkingDays)).toBeNull();
    // not a valid definition (WORKFLOW_SLA_WHILE_WAITING), but the engine still does not count a paused clock
    const def: WorkflowDefinition = structuredClone(SIMPLE_APPROVAL);
    def.states[1]!.waitingForApplicant = true;
    expect(dueTimers(def, 'in_review', WEDNESDAY_10AM, new Date('2030-01-01'), addWorkingDays)).toEqual([]);
  });
});
