import { ROLES, validateCardForSubmission, ServiceCardContent } from '@dargah/contracts';
import { describe, expect, it } from 'vitest';
import { diffContent } from '../../platform/diff';
import { dueTimers, validateDefinition } from '../../platform/workflow';
import {
  allowedActions,
  CARD_ACTIONS,
  CARD_WORKFLOW_DEFINITION,
  PARENT_REVIEW_DAYS,
  PARENT_REVIEW_ESCALATION,
  CARD_STATUSES,
  INITIAL_STATUS,
  isEditable,
  isFinal,
  isExpired,
  nextStatus,
  reminderDue,
  transitionFor,
  type CardAction,
  type HeldRoles,
  type Role,
  type Scope,
} from './catalogue-workflow';
import { dammInterim, isValidServiceId, serviceIdFromNumber } from './service-id.model';

/**
 * The expected table, written out independently:
 * status -> action -> [next, next without parent, roles, scope, next on a card in force (when different)].
 */
const AUTHORS: Role[] = ['expert', 'agency_admin'];
const CENTRAL: Role[] = ['central_reviewer', 'platform_admin'];
type Row = [string, string, Role[], Scope, string?];
const EXPECTED: Record<string, Partial<Record<CardAction, Row>>> = {
  draft: {
    edit: ['draft', 'draft', AUTHORS, 'own'],
    submit: ['parent_review', 'central_review', ['agency_admin'], 'own'],
  },
  parent_review: {
    forward: ['central_review', 'central_review', ['agency_admin'], 'parent'],
    return: ['returned', 'returned', ['agency_admin'], 'parent'],
  },
  central_review: {
    approve: ['approved', 'approved', CENTRAL, 'central'],
    return: ['returned', 'returned', CENTRAL, 'central'],
    reject: ['rejected', 'rejected', CENTRAL, 'central', 'approved'],
  },
  returned: {
    edit: ['draft', 'draft', AUTHORS, 'own'],
    submit: ['parent_review', 'central_review', ['agency_admin'], 'own'],
  },
  approved: {
    change: ['draft', 'draft', ['agency_admin'], 'own'],
    renew: ['renewal_review', 'renewal_review', ['agency_admin'], 'own'],
  },
  rejected: {},
  renewal_review: {
    approve: ['approved', 'approved', CENTRAL, 'central'],
    return: ['approved', 'approved', CENTRAL, 'central'],
  },
};
const SCOPES: Scope[] = ['own', 'parent', 'central'];
const only = (scope: Scope, role: Role): HeldRoles => ({ own: [], parent: [], central: [], [scope]: [role] });

describe('the service-card workflow table', () => {
  const cases = CARD_STATUSES.flatMap((status) =>
    CARD_ACTIONS.flatMap((action) => ROLES.flatMap((role) => SCOPES.map((scope) => ({ status, action, role, scope })))),
  );

  it('covers every status, action, role and scope (7 × 8 × 11 × 3)', () => {
    expect(cases).toHaveLength(7 * 8 * 11 * 3);
    expect([...CARD_STATUSES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(cases)('$status --$action--> as $role held in scope $scope', ({ status, action, role, scope }) => {
    const expected = EXPECTED[status]![action];
    const t = transitionFor(status, action);
    const allowed = allowedActions(status, only(scope, role)).includes(action);
    if (!expected) {
      expect(t).toBeUndefined();
      expect(allowed).toBe(false);
      return;
    }
    expect([nextStatus(t!, true), nextStatus(t!, false), t!.scope]).toEqual([expected[0], expected[1], expected[3]]);
    // On a card in force only a rejection goes elsewhere: the approved version stays in force.
    expect([nextStatus(t!, true, true), nextStatus(t!, false, true)]).toEqual([
      expected[4] ?? expected[0],
      expected[4] ?? expected[1],
    ]);
    expect(allowed).toBe(scope === expected[3] && expected[2].includes(role));
  });

  it('asks for a comment when sending back or refusing, never otherwise', () => {
    for (const s of CARD_STATUSES) {
      for (const a of CARD_ACTIONS) {
        const t = transitionFor(s, a);
        if (t) expect([s, a, t.needsComment ?? false]).toEqual([s, a, a === 'return' || a === 'reject']);
      }
    }
  });

  it('starts in draft, is editable only in draft and returned, and ends only in rejected (an approved card changes and renews)', () => {
    expect(INITIAL_STATUS).toBe('draft');
    expect(CARD_STATUSES.filter(isEditable)).toEqual(['draft', 'returned']);
    expect(CARD_STATUSES.filter(isFinal)).toEqual(['rejected']);
  });

  it('due reminders: the nearest of 60, 30 and 7 days reached, 0 once expired', () => {
    const exp = new Date('2027-01-01T00:00:00Z');
    const before = (days: number, ms = 0) => new Date(exp.getTime() - days * 86_400_000 + ms);
    expect(reminderDue(exp, before(61))).toBeNull();
    expect(reminderDue(exp, before(60))).toBe(60);
    expect(reminderDue(exp, before(31))).toBe(60);
    expect(reminderDue(exp, before(30))).toBe(30);
    expect(reminderDue(exp, before(7, 1))).toBe(7);
    expect(reminderDue(exp, before(0, -1))).toBe(7);
    expect(reminderDue(exp, exp)).toBe(0);
    expect(reminderDue(exp, before(-400))).toBe(0);
    expect([isExpired(exp, before(0, -1)), isExpired(exp, exp), isExpired(null, exp)]).toEqual([false, true, false]);
  });

  it('reaches every status from draft, and every open status can still reach approval', () => {
    const reach = (from: string) => {
      const seen = new Set([from]);
      for (let grew = true; grew;) {
        grew = false;
        for (const s of [...seen]) {
          for (const a of CARD_ACTIONS) {
            const t = transitionFor(s as never, a);
            for (const to of t ? [nextStatus(t, true), nextStatus(t, false), nextStatus(t, true, true)] : []) {
              if (!seen.has(to)) {
                seen.add(to);
                grew = true;
              }
            }
          }
        }
      }
      return seen;
    };
    expect([...reach('draft')].sort()).toEqual([...CARD_STATUSES].sort());
    for (const s of CARD_STATUSES.filter((x) => !isFinal(x))) expect([s, reach(s).has('approved')]).toEqual([s, true]);
  });
});

describe('the card workflow is a definition run by the workflow engine', () => {
  it('passes validation with the organisation’s roles', () => {
    expect(validateDefinition(CARD_WORKFLOW_DEFINITION, { roles: ROLES }).ok).toBe(true);
  });

  it('escalates a silent parent review after a week of calendar days, by the forward step', () => {
    expect(PARENT_REVIEW_DAYS).toBe(7);
    expect(PARENT_REVIEW_ESCALATION).toEqual({ from: 'parent_review', to: 'central_review', event: 'parent_review_escalated' });
    const entered = new Date('2026-03-18T08:00:00Z');
    const week = new Date(entered.getTime() + 7 * 86_400_000);
    const never = () => {
      throw new Error('the week is calendar days, not working days');
    };
    expect(dueTimers(CARD_WORKFLOW_DEFINITION, 'parent_review', entered, new Date(week.getTime() - 1), never)).toEqual([]);
    expect(dueTimers(CARD_WORKFLOW_DEFINITION, 'parent_review', entered, week, never).map((t) => t.timer.id)).toEqual(['parent_review_week']);
    expect(dueTimers(CARD_WORKFLOW_DEFINITION, 'central_review', entered, week, never)).toEqual([]);
  });

  it('names the events of the steps, a renewal’s its own', () => {
    expect(transitionFor('central_review', 'approve')?.event).toBe('approved');
    expect(transitionFor('renewal_review', 'approve')?.event).toBe('renewal_approved');
    expect(transitionFor('renewal_review', 'return')?.event).toBe('renewal_returned');
    expect(transitionFor('parent_review', 'forward')?.event).toBe('forwarded');
  });
});

describe('service ids', () => {
  it('are 11 digits: the sequence number zero-padded to 10 and a Damm check digit', () => {
    expect(serviceIdFromNumber(1)).toMatch(/^0000000001\d$/);
    expect(serviceIdFromNumber(572)).toBe('00000005724'); // Damm's worked example: 572 -> 4
    expect(serviceIdFromNumber('9999999999')).toHaveLength(11);
    for (const n of [1, 2, 99, 123456789, 9999999999]) expect(isValidServiceId(serviceIdFromNumber(n))).toBe(true);
  });

  it('refuses out-of-range numbers', () => {
    expect(() => serviceIdFromNumber(0)).toThrow(RangeError);
    expect(() => serviceIdFromNumber(10_000_000_000)).toThrow(RangeError);
  });

  it('detects every single-digit error and every adjacent transposition', () => {
    for (const n of [1, 572, 1704132510, 9999999999, 1234509876]) {
      const id = serviceIdFromNumber(n);
      for (let i = 0; i < id.length; i++) {
        for (let d = 0; d < 10; d++) {
          if (String(d) === id[i]) continue;
          expect(dammInterim(id.slice(0, i) + d + id.slice(i + 1))).not.toBe(0);
        }
        if (i + 1 < id.length && id[i] !== id[i + 1])
          expect(isValidServiceId(id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2))).toBe(false);
      }
    }
  });

  it('accepts Persian digits and separators, refuses wrong shapes and the all-zero number', () => {
    const id = serviceIdFromNumber(1704132510);
    const fa = id.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
    expect(isValidServiceId(fa)).toBe(true);
    expect(isValidServiceId(`${id.slice(0, 5)}-${id.slice(5)}`)).toBe(true);
    expect(isValidServiceId(id.slice(1))).toBe(false);
    expect(isValidServiceId(`${id}0`)).toBe(false);
    expect(isValidServiceId('00000000000')).toBe(false);
    expect(isValidServiceId('abcdefghijk')).toBe(false);
  });
});

describe('diffContent', () => {
  it('lists changed leaves with dotted paths, added and removed fields as null on the other side', () => {
    const before = {
      title: 'الف',
      process: { normDays: 5, legalDeadlineDays: 10 },
      fees: [{ amountRials: 1000 }],
      gone: 'x',
    };
    const after = {
      title: 'ب',
      process: { normDays: 7, legalDeadlineDays: 10 },
      fees: [{ amountRials: 1000 }, { amountRials: 5 }],
      added: true,
    };
    expect(diffContent(before, after)).toEqual([
      { path: 'added', before: null, after: true },
      { path: 'fees.1.amountRials', before: null, after: 5 },
      { path: 'gone', before: 'x', after: null },
      { path: 'process.normDays', before: 5, after: 7 },
      { path: 'title', before: 'الف', after: 'ب' },
    ]);
    expect(diffContent(before, structuredClone(before))).toEqual([]);
    expect(diffContent({ recipients: ['G2C'] }, { recipients: ['G2C', 'G2B'] })).toEqual([
      { path: 'recipients.1', before: null, after: 'G2B' },
    ]);
  });
});

describe('the card schemas', () => {
  const paths = (c: unknown) =>
    validateCardForSubmission(ServiceCardContent.parse(c)).map((p) => `${p.path}:${p.code}`);

  it('lets a draft be empty, but lists every missing field for submission', () => {
    expect(ServiceCardContent.safeParse({}).success).toBe(true);
    expect(paths({})).toEqual(
      expect.arrayContaining([
        'title:REQUIRED',
        'description:REQUIRED',
        'legalBasis:REQUIRED',
        'fees:REQUIRED',
        'process.normDays:REQUIRED',
        'maturity.level:REQUIRED',
        'complaintRoute:REQUIRED',
        'identity.assuranceLevel:REQUIRED',
      ]),
    );
  });

  it('refuses a norm above the legal deadline even in a draft', () => {
    const r = ServiceCardContent.safeParse({ process: { normDays: 11, legalDeadlineDays: 10 } });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([
      expect.objectContaining({ path: ['process', 'normDays'], params: { code: 'NORM_EXCEEDS_DEADLINE' } }),
    ]);
    expect(ServiceCardContent.safeParse({ process: { normDays: 10, legalDeadlineDays: 10 } }).success).toBe(true);
  });

  it('checks the Sheba of a fee with MOD 97 and normalises it', () => {
    const bad = ServiceCardContent.safeParse({ fees: [{ sheba: 'IR820540102680020817909003' }] });
    expect(bad.error!.issues).toEqual([
      expect.objectContaining({ path: ['fees', 0, 'sheba'], params: { code: 'SHEBA_INVALID' } }),
    ]);
    expect(ServiceCardContent.parse({ fees: [{ sheba: 'ir82 0540 1026 8002 0817 9090 02' }] }).fees![0]!.sheba).toBe(
      'IR820540102680020817909002',
    );
  });

  it('needs an extension term when extension is allowed, and a plan or exemption while not electronic', () => {
    expect(paths({ process: { extensionAllowed: true } })).toContain(
      'process.extensionTermDays:EXTENSION_TERM_REQUIRED',
    );
    expect(paths({ process: { extensionAllowed: true, extensionTermDays: 5 } })).not.toContain(
      'process.extensionTermDays:EXTENSION_TERM_REQUIRED',
    );
    expect(paths({ maturity: { level: 'non_electronic' } })).toEqual(
      expect.arrayContaining(['maturity.plannedDate:MATURITY_PLAN_REQUIRED', 'maturity.reason:MATURITY_PLAN_REQUIRED']),
    );
    expect(
      paths({
        maturity: { level: 'non_electronic', exemption: { reference: '۱۲۳/ص', approvedOn: '۱۴۰۳/۰۲/۰۱' } },
      }).filter((p) => p.startsWith('maturity')),
    ).toEqual([]);
    expect(paths({ maturity: { level: 'transactional' } }).filter((p) => p.startsWith('maturity'))).toEqual([]);
    expect(ServiceCardContent.parse({ maturity: { plannedDate: '۱۴۰۵/۱/۹' } }).maturity!.plannedDate).toBe(
      '1405/01/09',
    );
    expect(ServiceCardContent.safeParse({ maturity: { plannedDate: '1405/13/01' } }).error!.issues[0]).toMatchObject({
      params: { code: 'JALALI_DATE_INVALID' },
    });
  });

  it('needs the provider agency and evidence type of a document supplied by inquiry, and the e-service link of an online channel', () => {
    const p = paths({
      documents: [{ title: 'گواهی', mandatory: true, byInquiry: true }],
      channels: { request: ['web'] },
    });
    expect(p).toEqual(
      expect.arrayContaining([
        'documents.0.providerAgencyId:REQUIRED',
        'documents.0.evidenceType:REQUIRED',
        'channels.eServiceUrl:REQUIRED',
      ]),
    );
  });
});
