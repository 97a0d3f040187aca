import { CARD_CAPABILITIES, type CardAction, type CardCapabilities, type CardCapability } from '@dargah/contracts';
import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db';
import { DomainError } from '../../platform/http/errors';
import { reviewConflictOf, type ReviewConflict } from '../identity';
import { heldRoles } from './catalogue.policy';
import * as repo from './catalogue.repository';
import { mayTake, transitionFor, type Scope, type Transition } from './catalogue-workflow';

/*
 * Whether an actor may take an action on a service card now: the workflow table (the status
 * allows it, the actor holds the role where the step's scope says) and separation of duties for the
 * review steps (identity's one rule: whoever sent the card to this review may not forward, return,
 * approve or reject it; a central reviewer of the card's agency or of an agency above it may not take
 * a central step). The operations (catalogue.service.ts) and GET /catalogue/cards/:id/capabilities
 * both ask here, so the screen offers exactly what the server will allow.
 */

/** The steps that review what someone else sent. */
const REVIEW_STEPS: ReadonlySet<CardAction> = new Set(['forward', 'return', 'approve', 'reject']);

/** The capability key of each action (a change request is opened at /change-requests). */
const ACTION_OF: Record<CardCapability, CardAction> = {
  edit: 'edit',
  submit: 'submit',
  forward: 'forward',
  return: 'return',
  approve: 'approve',
  reject: 'reject',
  requestChange: 'change',
  renew: 'renew',
};

interface Refusal {
  code: string;
  details: Record<string, unknown>;
}

/** A card's refusals, asking the database for separation of duties at most once per scope. */
function refusals(db: Db, actor: Actor, card: repo.CardRow) {
  const held = heldRoles(actor, card.agencyId, card.parentId);
  const conflicts = new Map<Scope, Promise<ReviewConflict | null>>();
  const conflictIn = async (scope: Scope) => {
    let c = conflicts.get(scope);
    if (!c) {
      c = repo
        .lastSubmitters(db, card.id)
        .then((submittedBy) =>
          reviewConflictOf(db, actor, { submittedBy, ownerAgencyId: scope === 'central' ? card.agencyId : null }),
        );
      conflicts.set(scope, c);
    }
    return c;
  };
  return async (action: CardAction): Promise<{ t: Transition } | { refusal: Refusal }> => {
    const t = transitionFor(card.status, action);
    if (!t)
      return {
        refusal: {
          code: action === 'edit' ? 'CARD_NOT_EDITABLE' : 'CARD_ACTION_NOT_ALLOWED',
          details: { status: card.status, action },
        },
      };
    if (!mayTake(t, held)) return { refusal: { code: 'FORBIDDEN', details: { need: t.roles } } };
    if (REVIEW_STEPS.has(action)) {
      const conflict = await conflictIn(t.scope);
      if (conflict) return { refusal: { code: conflict, details: { cardId: card.id, action } } };
    }
    return { t };
  };
}

/** The transition the actor may take, or the coded refusal (409 for the status, 403 for the person). */
export async function assertCardAction(db: Db, actor: Actor, card: repo.CardRow, action: CardAction): Promise<Transition> {
  const r = await refusals(db, actor, card)(action);
  if ('refusal' in r) throw new DomainError(r.refusal.code, r.refusal.details);
  return r.t;
}

/** What the actor may do to the card now, one boolean per operation. */
export async function cardCapabilities(db: Db, actor: Actor, card: repo.CardRow): Promise<CardCapabilities> {
  const check = refusals(db, actor, card);
  const out = {} as CardCapabilities;
  for (const k of CARD_CAPABILITIES) out[k] = 't' in (await check(ACTION_OF[k]));
  return out;
}

/** The capabilities as the card view's `actions` (workflow action names, in table order). */
export const actionsOf = (c: CardCapabilities): CardAction[] =>
  CARD_CAPABILITIES.filter((k) => c[k]).map((k) => ACTION_OF[k]);
