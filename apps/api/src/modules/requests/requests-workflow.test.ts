import { ROLES } from '@dargah/contracts';
import { describe, expect, it } from 'vitest';
import { SIMPLE_APPROVAL } from '../../platform/workflow';
import { DESK_WORKFLOW_ROLES } from '../services';
import { validateDefinition, WORKFLOW_TEMPLATES } from '../../platform/workflow';
import { actingRole, allowedActions, decide, INITIAL_STATUS, isFinal, isOpen, REQUEST_ACTIONS, REQUEST_STATUSES, REQUEST_WORKFLOW, SUBMITTED_EVENT, transitionFor, type RequestAction, type Role } from './requests-workflow';
import { dammCheckDigit, isValidTrackingCode, newTrackingCode, normaliseTrackingCode } from './tracking-code.model';

/**
 * The expected table, written out independently of the implementation: status -> action ->
 * [next status, roles allowed]. Anything not listed must be refused.
 */
const DECIDERS: Role[] = ['desk_clerk', 'expert', 'unit_manager'];
const EXPECTED: Record<string, Partial<Record<RequestAction, [string, Role[], string]>>> = {
  submitted: { take: ['in_review', ['desk_clerk', 'expert'], 'taken'], approve: ['approved', DECIDERS, 'approved'], reject: ['rejected', DECIDERS, 'rejected'] },
  in_review: {
    approve: ['approved', DECIDERS, 'approved'],
    reject: ['rejected', DECIDERS, 'rejected'],
    request_information: ['awaiting_applicant', DECIDERS, 'information_requested'],
  },
  // Only the applicant replies: no staff role may.
  awaiting_applicant: { reply: ['in_review', [], 'applicant_replied'] },
  approved: {},
  rejected: {},
};

describe('the service-request workflow table', () => {
  const cases = REQUEST_STATUSES.flatMap((status) => REQUEST_ACTIONS.flatMap((action) => ROLES.map((role) => ({ status, action, role }))));

  it('covers every status, action and role (5 × 5 × 11)', () => {
    expect(cases).toHaveLength(5 * 5 * 11);
    expect([...REQUEST_STATUSES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(cases)('$status --$action--> as $role', ({ status, action, role }) => {
    const expected = EXPECTED[status]![action];
    const t = transitionFor(status, action);
    const allowed = (allowedActions(status, [role])).includes(action);
    if (!expected) {
      expect(t).toBeUndefined();
      expect(allowed).toBe(false);
      return;
    }
    expect(t?.to).toBe(expected[0]);
    expect(t?.event).toBe(expected[2]);
    expect(allowed).toBe(expected[1].includes(role));
    expect(actingRole(t!, [role])).toBe(expected[1].includes(role) ? role : undefined);
  });

  it('starts at submitted and ends only in a decision', () => {
    expect(INITIAL_STATUS).toBe('submitted');
    expect(SUBMITTED_EVENT).toBe('submitted');
    expect(REQUEST_STATUSES.filter((s) => isFinal(s))).toEqual(['approved', 'rejected']);
    expect(REQUEST_STATUSES.filter((s) => isOpen(s))).toEqual(['submitted', 'in_review']);
  });

  it('reaches every status from the initial one, and every open status can still be decided', () => {
    const seen = new Set<string>([INITIAL_STATUS]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const s of [...seen]) {
        for (const a of REQUEST_ACTIONS) {
          const to = transitionFor(s, a)?.to;
          if (to && !seen.has(to)) {
            seen.add(to);
            grew = true;
          }
        }
      }
    }
    expect([...seen].sort()).toEqual([...REQUEST_STATUSES].sort());
    for (const s of REQUEST_STATUSES.filter((s) => isOpen(s))) expect(allowedActions(s, DECIDERS)).toEqual(expect.arrayContaining(['approve', 'reject']));
  });

  it('names the acting role by the table order when someone holds several', () => {
    const t = transitionFor('submitted', 'approve')!;
    expect(actingRole(t, ['unit_manager', 'expert'])).toBe('expert');
    expect(actingRole(t, ['secretariat', 'agency_admin'])).toBeUndefined();
    expect(allowedActions('submitted', ['unit_manager'])).toEqual(['approve', 'reject']);
    expect(allowedActions('approved', [...ROLES])).toEqual([]);
  });
});

describe('the table is the workflow engine’s simple-approval template', () => {
  it('runs the platform template, unchanged', () => {
    expect(REQUEST_WORKFLOW).toEqual(SIMPLE_APPROVAL);
  });

  it('every template is one a service version may hold: valid with the desk’s roles (ADR 0034)', () => {
    for (const t of WORKFLOW_TEMPLATES) expect([t.id, validateDefinition(t, { roles: DESK_WORKFLOW_ROLES }).ok]).toEqual([t.id, true]);
  });

  it('decides through the engine: the move, or a coded refusal', () => {
    expect(decide('in_review', 'approve', ['secretariat', 'unit_manager'])).toMatchObject({ ok: true, to: 'approved', event: 'approved', actedAs: 'unit_manager' });
    expect(decide('approved', 'reject', ['unit_manager'])).toMatchObject({ ok: false, code: 'WORKFLOW_ACTION_NOT_ALLOWED' });
    expect(decide('in_review', 'take', ['expert'])).toMatchObject({ ok: false, code: 'WORKFLOW_ACTION_NOT_ALLOWED' });
    expect(decide('submitted', 'take', ['unit_manager'])).toMatchObject({ ok: false, code: 'WORKFLOW_ROLE_REQUIRED', need: ['desk_clerk', 'expert'] });
  });

  it('waits for the applicant with the clock paused: only the applicant replies, back to review; a correction needs a message', () => {
    expect(decide('in_review', 'request_information', ['expert'])).toMatchObject({ ok: false, code: 'WORKFLOW_NOTE_REQUIRED' });
    expect(decide('in_review', 'request_information', ['expert'], 'لطفاً کد پستی را اصلاح کنید')).toMatchObject({ ok: true, to: 'awaiting_applicant', actedAs: 'expert' });
    expect(decide('awaiting_applicant', 'reply', ['applicant'])).toMatchObject({ ok: true, to: 'in_review', event: 'applicant_replied' });
    expect(decide('awaiting_applicant', 'reply', [...ROLES])).toMatchObject({ ok: false, code: 'WORKFLOW_ROLE_REQUIRED', need: ['applicant'] });
    expect(decide('awaiting_applicant', 'approve', DECIDERS)).toMatchObject({ ok: false, code: 'WORKFLOW_ACTION_NOT_ALLOWED' });
    expect(isOpen('awaiting_applicant')).toBe(false);
    expect(isFinal('awaiting_applicant')).toBe(false);
    expect(allowedActions('awaiting_applicant', [...ROLES])).toEqual([]);
  });
});

describe('tracking codes', () => {
  it('are 10 digits, the first not 0, with a valid Damm check digit', () => {
    for (let i = 0; i < 500; i++) {
      const c = newTrackingCode();
      expect(c).toMatch(/^[1-9]\d{9}$/);
      expect(isValidTrackingCode(c)).toBe(true);
    }
  });

  it('catch every single-digit error and every adjacent swap', () => {
    const code = newTrackingCode(() => 7);
    for (let i = 0; i < 10; i++) {
      for (let d = 0; d <= 9; d++) {
        const typo = `${code.slice(0, i)}${d}${code.slice(i + 1)}`;
        if (typo !== code && /^[1-9]/.test(typo)) expect(isValidTrackingCode(typo)).toBe(false);
      }
      if (i < 9 && code[i] !== code[i + 1]) {
        const swapped = `${code.slice(0, i)}${code[i + 1]}${code[i]}${code.slice(i + 2)}`;
        if (/^[1-9]/.test(swapped)) expect(isValidTrackingCode(swapped)).toBe(false);
      }
    }
  });

  it('use the published Damm vector and accept Persian digits as typed', () => {
    expect(dammCheckDigit('572')).toBe(4); // the worked example of the Damm algorithm
    const code = newTrackingCode();
    const persian = code.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    expect(normaliseTrackingCode(`${persian.slice(0, 5)} - ${persian.slice(5)}`)).toBe(code);
  });
});
