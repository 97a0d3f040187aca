import type { CardAction, CardStatus, ROLES } from '@dargah/contracts';

export type Role = (typeof ROLES)[number];

/**
 * The service-card lifecycle as data: for each status, the actions allowed, the status each leads
 * to, the roles that may take it and WHERE they must hold the role (the card's own agency, its
 * parent agency, or centrally). Pure: no database, no clock.
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

export interface Transition {
  to: CardStatus;
  /** Where `submit` goes for an agency without a parent. */
  toWithoutParent?: CardStatus;
  /** Where the step goes on a card that already has an approved version in force. */
  toWhenLive?: CardStatus;
  roles: readonly Role[];
  scope: Scope;
  /** The step needs a comment (why it goes back or is refused). */
  needsComment?: boolean;
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
export const INITIAL_STATUS: CardStatus = 'draft';

/** Who writes cards: the agency's experts and administrators; only an administrator submits. */
export const AUTHOR_ROLES: readonly Role[] = ['expert', 'agency_admin'];
const SUBMITTERS: readonly Role[] = ['agency_admin'];
const PARENT_REVIEWERS: readonly Role[] = ['agency_admin'];
export const CENTRAL_REVIEWERS: readonly Role[] = ['central_reviewer', 'platform_admin'];

const EDIT: Transition = { to: 'draft', roles: AUTHOR_ROLES, scope: 'own' };
const SUBMIT: Transition = { to: 'parent_review', toWithoutParent: 'central_review', roles: SUBMITTERS, scope: 'own' };

export const CARD_WORKFLOW: Readonly<Record<CardStatus, Readonly<Partial<Record<CardAction, Transition>>>>> = {
  draft: { edit: EDIT, submit: SUBMIT },
  parent_review: {
    forward: { to: 'central_review', roles: PARENT_REVIEWERS, scope: 'parent' },
    return: { to: 'returned', roles: PARENT_REVIEWERS, scope: 'parent', needsComment: true },
  },
  central_review: {
    approve: { to: 'approved', roles: CENTRAL_REVIEWERS, scope: 'central' },
    return: { to: 'returned', roles: CENTRAL_REVIEWERS, scope: 'central', needsComment: true },
    reject: { to: 'rejected', toWhenLive: 'approved', roles: CENTRAL_REVIEWERS, scope: 'central', needsComment: true },
  },
  returned: { edit: EDIT, submit: SUBMIT },
  approved: {
    change: { to: 'draft', roles: SUBMITTERS, scope: 'own' },
    renew: { to: 'renewal_review', roles: SUBMITTERS, scope: 'own' },
  },
  rejected: {},
  renewal_review: {
    approve: { to: 'approved', roles: CENTRAL_REVIEWERS, scope: 'central' },
    return: { to: 'approved', roles: CENTRAL_REVIEWERS, scope: 'central', needsComment: true },
  },
};

/** A parent agency has a week to review its sub-agency's card. */
export const PARENT_REVIEW_DAYS = 7;
/**
 * When that week passes without the parent acting, the system moves the card on (no person takes
 * this step, so it is not in CARD_WORKFLOW): the central review is not held up by a silent parent.
 */
export const PARENT_REVIEW_ESCALATION = { from: 'parent_review', to: 'central_review' } as const satisfies {
  from: CardStatus;
  to: CardStatus;
};
/** An approved card is valid for a year, then must be renewed. */
export const VALIDITY_MONTHS = 12;

export function transitionFor(status: CardStatus, action: CardAction): Transition | undefined {
  return CARD_WORKFLOW[status][action];
}

/**
 * The status an allowed action leads to, given whether the card's agency has a parent and whether
 * the card already has an approved version in force.
 */
export function nextStatus(t: Transition, hasParent: boolean, live = false): CardStatus {
  if (live && t.toWhenLive) return t.toWhenLive;
  return !hasParent && t.toWithoutParent ? t.toWithoutParent : t.to;
}

/** What the actor holds, by scope: roles in the card's agency, in its parent, and anywhere. */
export interface HeldRoles {
  own: readonly Role[];
  parent: readonly Role[];
  central: readonly Role[];
}

export const mayTake = (t: Transition, held: HeldRoles): boolean => t.roles.some((r) => held[t.scope].includes(r));

/** Actions the actor may take on a card in `status`, in table order. */
export function allowedActions(status: CardStatus, held: HeldRoles): CardAction[] {
  return CARD_ACTIONS.filter((a) => {
    const t = CARD_WORKFLOW[status][a];
    return t !== undefined && mayTake(t, held);
  });
}

/** The content may be changed only in these statuses (review sees fixed text). */
export const isEditable = (status: CardStatus): boolean => CARD_WORKFLOW[status].edit !== undefined;
export const isFinal = (status: CardStatus): boolean => Object.keys(CARD_WORKFLOW[status]).length === 0;
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
