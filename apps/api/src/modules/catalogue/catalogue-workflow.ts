import type { CardAction, CardStatus, ROLES } from '@dargah/contracts';

export type Role = (typeof ROLES)[number];

/**
 * The service-card lifecycle as data: for each status, the actions allowed, the status each leads
 * to, the roles that may take it and WHERE they must hold the role (the card's own agency, its
 * parent agency, or centrally). Pure: no database, no clock.
 *
 *   draft --submit--> parent_review (agency has a parent; due in a week) | central_review
 *   parent_review --forward--> central_review,  --return--> returned
 *   central_review --approve--> approved,  --return--> returned,  --reject--> rejected
 *   returned --edit--> draft (a new version),  --submit--> as from draft
 */
export type { CardAction, CardStatus };

/** own: in the card's agency; parent: in the agency above it; central: anywhere (a central role). */
export type Scope = 'own' | 'parent' | 'central';

export interface Transition {
  to: CardStatus;
  /** Where `submit` goes for an agency without a parent. */
  toWithoutParent?: CardStatus;
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
] as const satisfies readonly CardStatus[];
export const CARD_ACTIONS = [
  'edit',
  'submit',
  'forward',
  'return',
  'approve',
  'reject',
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
    reject: { to: 'rejected', roles: CENTRAL_REVIEWERS, scope: 'central', needsComment: true },
  },
  returned: { edit: EDIT, submit: SUBMIT },
  approved: {},
  rejected: {},
};

/** A parent agency has a week to review its sub-agency's card. */
export const PARENT_REVIEW_DAYS = 7;
/** An approved card is valid for a year, then must be renewed. */
export const VALIDITY_MONTHS = 12;

export function transitionFor(status: CardStatus, action: CardAction): Transition | undefined {
  return CARD_WORKFLOW[status][action];
}

/** The status an allowed action leads to, given whether the card's agency has a parent. */
export function nextStatus(t: Transition, hasParent: boolean): CardStatus {
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
export const isUnderReview = (status: CardStatus): boolean => status === 'parent_review' || status === 'central_review';
