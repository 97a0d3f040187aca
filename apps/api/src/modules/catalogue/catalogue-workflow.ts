import { ROLES, type CardAction, type CardStatus } from '@dargah/contracts';
import * as workflow from '../../platform/workflow';
import type { WorkflowAction, WorkflowDefinition, WorkflowText } from '../../platform/workflow';

export type Role = (typeof ROLES)[number];

/**
 * The service-card lifecycle as data, a workflow definition run by platform/workflow's engine
 * (ADR 0027): for each status, the actions allowed, the status each leads to, the roles that may
 * take it and WHERE they must hold the role (the card's own agency, its parent agency, or
 * centrally). Pure: no database, no clock.
 *
 *   draft --submit--> parent_review (agency has a parent; due in a week) | central_review
 *   parent_review --forward--> central_review,  --return--> returned
 *   parent_review --(the week passes: the system escalates)--> central_review
 *   central_review --approve--> approved,  --return--> returned,  --reject--> rejected
 *   returned --edit--> draft (a new version),  --submit--> as from draft
 *   approved --change--> draft (a change request: a new version; the approved one stays in force)
 *   approved --renew--> renewal_review (confirmed unchanged)
 *   renewal_review --approve--> approved (expiry a year on),  --return--> approved (not renewed)
 *
 * On a card already in force (it has an approved version) a change request runs the same path as
 * the first approval; submitting it needs a change basis and the agency head's approval, and
 * rejecting it leaves the approved version in force (`toWhenLive`).
 */
export type { CardAction, CardStatus };

/** own: in the card's agency; parent: in the agency above it; central: anywhere (a central role). */
export type Scope = 'own' | 'parent' | 'central';

/** An action of the card workflow as the module reads it (from the definition below). */
export interface Transition {
  to: CardStatus;
  /** Where `submit` goes for an agency without a parent (the definition's `no_parent` branch). */
  toWithoutParent?: CardStatus;
  /** Where the step goes on a card that already has an approved version in force (the `live` branch). */
  toWhenLive?: CardStatus;
  roles: readonly Role[];
  scope: Scope;
  /** The step needs a comment (why it goes back or is refused). */
  needsComment?: boolean;
  /** The event recorded in the card's stream. */
  event: string;
  /** The definition's action, for the engine. */
  action: WorkflowAction;
}

export const CARD_STATUSES = [
  'draft',
  'parent_review',
  'central_review',
  'returned',
  'approved',
  'rejected',
  'renewal_review',
] as const satisfies readonly CardStatus[];
export const CARD_ACTIONS = [
  'edit',
  'submit',
  'forward',
  'return',
  'approve',
  'reject',
  'change',
  'renew',
] as const satisfies readonly CardAction[];

/** Who writes cards: the agency's experts and administrators; only an administrator submits. */
export const AUTHOR_ROLES: readonly Role[] = ['expert', 'agency_admin'];
const SUBMITTERS: Role[] = ['agency_admin'];
const PARENT_REVIEWERS: Role[] = ['agency_admin'];
export const CENTRAL_REVIEWERS: readonly Role[] = ['central_reviewer', 'platform_admin'];

/** The facts of a card that pick a branch of an action. */
const NO_PARENT = 'no_parent';
const LIVE = 'live';

const text = (fa: string, en: string) => ({ fa, en });
const EDIT: WorkflowAction = {
  id: 'edit',
  label: text('ویرایش', 'Edit'),
  roles: [...AUTHOR_ROLES],
  scope: 'own',
  to: 'draft',
  event: 'edited',
};
const SUBMIT: WorkflowAction = {
  id: 'submit',
  label: text('ارسال برای بررسی', 'Submit for review'),
  roles: SUBMITTERS,
  scope: 'own',
  to: 'parent_review',
  branches: [{ when: NO_PARENT, to: 'central_review' }],
  event: 'submitted',
};
const central = (
  id: string,
  label: WorkflowText,
  to: string,
  event: string,
  requiresNote?: boolean,
  branches?: WorkflowAction['branches'],
): WorkflowAction => ({
  id,
  label,
  roles: [...CENTRAL_REVIEWERS],
  scope: 'central',
  to,
  ...(branches ? { branches } : {}),
  event,
  ...(requiresNote ? { requiresNote } : {}),
});

/** A parent agency has a week (calendar days) to review its sub-agency's card. */
const PARENT_REVIEW_TIMER = {
  id: 'parent_review_week',
  kind: 'deadline',
  state: 'parent_review',
  after: { calendarDays: 7 },
  action: 'forward',
  event: 'parent_review_escalated',
} as const;

/**
 * The card lifecycle as a workflow definition (platform/workflow, ADR 0027), run by the one engine.
 * Actions are in CARD_ACTIONS order within each status (the order the screens offer them).
 */
export const CARD_WORKFLOW_DEFINITION: WorkflowDefinition = workflow.assertValidDefinition(
  {
    id: 'service_card_review',
    version: 1,
    label: text('بررسی شناسنامهٔ خدمت', 'Service card review'),
    initial: 'draft',
    states: [
      { id: 'draft', label: text('پیش‌نویس', 'Draft'), actions: [EDIT, SUBMIT] },
      {
        id: 'parent_review',
        label: text('در بررسی دستگاه مادر', 'Parent agency review'),
        actions: [
          {
            id: 'forward',
            label: text('ارسال به بررسی مرکزی', 'Forward to central review'),
            roles: PARENT_REVIEWERS,
            scope: 'parent',
            to: 'central_review',
            event: 'forwarded',
          },
          {
            id: 'return',
            label: text('بازگرداندن برای اصلاح', 'Return for correction'),
            roles: PARENT_REVIEWERS,
            scope: 'parent',
            to: 'returned',
            event: 'returned',
            requiresNote: true,
          },
        ],
      },
      {
        id: 'central_review',
        label: text('در بررسی مرکزی', 'Central review'),
        actions: [
          central('return', text('بازگرداندن برای اصلاح', 'Return for correction'), 'returned', 'returned', true),
          central('approve', text('تأیید', 'Approve'), 'approved', 'approved'),
          // a rejected change request leaves the approved version in force
          central('reject', text('رد', 'Reject'), 'rejected', 'rejected', true, [{ when: LIVE, to: 'approved' }]),
        ],
      },
      { id: 'returned', label: text('بازگشت برای اصلاح', 'Returned for correction'), actions: [EDIT, SUBMIT] },
      {
        id: 'approved',
        label: text('تأیید شده', 'Approved'),
        actions: [
          {
            id: 'change',
            label: text('درخواست تغییر', 'Request a change'),
            roles: SUBMITTERS,
            scope: 'own',
            to: 'draft',
            event: 'change_requested',
          },
          {
            id: 'renew',
            label: text('تمدید', 'Renew'),
            roles: SUBMITTERS,
            scope: 'own',
            to: 'renewal_review',
            event: 'renewal_requested',
          },
        ],
      },
      { id: 'rejected', label: text('رد شده', 'Rejected'), terminal: true, outcome: 'rejected', actions: [] },
      {
        id: 'renewal_review',
        label: text('در بررسی تمدید', 'Renewal review'),
        actions: [
          central(
            'return',
            text('بازگرداندن برای اصلاح', 'Return for correction'),
            'approved',
            'renewal_returned',
            true,
          ),
          central('approve', text('تأیید', 'Approve'), 'approved', 'renewal_approved'),
        ],
      },
    ],
    timers: [PARENT_REVIEW_TIMER],
  },
  { roles: ROLES },
);
export const INITIAL_STATUS = CARD_WORKFLOW_DEFINITION.initial as CardStatus;

/** The module's view of a definition action. */
function transitionOf(a: WorkflowAction): Transition {
  const branch = (fact: string) => a.branches?.find((b) => b.when === fact)?.to as CardStatus | undefined;
  const toWithoutParent = branch(NO_PARENT);
  const toWhenLive = branch(LIVE);
  return {
    to: a.to as CardStatus,
    ...(toWithoutParent ? { toWithoutParent } : {}),
    ...(toWhenLive ? { toWhenLive } : {}),
    roles: a.roles as Role[],
    scope: a.scope as Scope,
    ...(a.requiresNote ? { needsComment: true } : {}),
    event: a.event,
    action: a,
  };
}

/** The table by status and action, derived from the definition (read-only). */
export const CARD_WORKFLOW: Readonly<Record<CardStatus, Readonly<Partial<Record<CardAction, Transition>>>>> =
  Object.fromEntries(
    CARD_WORKFLOW_DEFINITION.states.map((s) => [
      s.id,
      Object.fromEntries(s.actions.map((a) => [a.id, transitionOf(a)])),
    ]),
  ) as Record<CardStatus, Partial<Record<CardAction, Transition>>>;

/** A parent agency has a week to review its sub-agency's card. */
export const PARENT_REVIEW_DAYS = PARENT_REVIEW_TIMER.after.calendarDays;
/**
 * When that week passes without the parent acting, the system moves the card on (the timer takes
 * the forward step, no person does): the central review is not held up by a silent parent.
 */
export const PARENT_REVIEW_ESCALATION = workflow.timerTransition(CARD_WORKFLOW_DEFINITION, PARENT_REVIEW_TIMER) as {
  from: 'parent_review';
  to: 'central_review';
  event: string;
};
/** An approved card is valid for a year, then must be renewed. */
export const VALIDITY_MONTHS = 12;

export function transitionFor(status: CardStatus, action: CardAction): Transition | undefined {
  return Object.hasOwn(CARD_WORKFLOW, status) && Object.hasOwn(CARD_WORKFLOW[status], action)
    ? CARD_WORKFLOW[status][action]
    : undefined;
}

/**
 * The status an allowed action leads to, given whether the card's agency has a parent and whether
 * the card already has an approved version in force.
 */
export function nextStatus(t: Transition, hasParent: boolean, live = false): CardStatus {
  const facts = new Set([...(live ? [LIVE] : []), ...(hasParent ? [] : [NO_PARENT])]);
  return workflow.targetOf(t.action, facts) as CardStatus;
}

/** What the actor holds, by scope: roles in the card's agency, in its parent, and anywhere. */
export interface HeldRoles {
  own: readonly Role[];
  parent: readonly Role[];
  central: readonly Role[];
}

export const mayTake = (t: Transition, held: HeldRoles): boolean =>
  workflow.actingRole(t.action, { ...held }) !== undefined;

/** Actions the actor may take on a card in `status`, in table order. */
export function allowedActions(status: CardStatus, held: HeldRoles): CardAction[] {
  return workflow.allowedActions(CARD_WORKFLOW_DEFINITION, status, { ...held }) as CardAction[];
}

/** The content may be changed only in these statuses (review sees fixed text). */
export const isEditable = (status: CardStatus): boolean => CARD_WORKFLOW[status].edit !== undefined;
export const isFinal = (status: CardStatus): boolean => workflow.isTerminal(CARD_WORKFLOW_DEFINITION, status);
export const isUnderReview = (status: CardStatus): boolean =>
  status === 'parent_review' || status === 'central_review' || status === 'renewal_review';

/** Reminders go to the agency administrators this many days before a card expires. */
export const REMINDER_DAYS = [60, 30, 7] as const;
/**
 * The reminder due at `now` for a card expiring at `expiresAt`: the nearest threshold already
 * reached (a runner that was down sends only the most urgent one), 0 once expired, else null.
 */
export function reminderDue(expiresAt: Date, now: Date): number | null {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return 0;
  const reached = REMINDER_DAYS.filter((d) => left <= d * 86_400_000);
  return reached.length > 0 ? Math.min(...reached) : null;
}
export const isExpired = (expiresAt: Date | null, now: Date): boolean =>
  expiresAt !== null && expiresAt.getTime() <= now.getTime();
