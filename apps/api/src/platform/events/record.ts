import type { Actor, ActorRef, Who } from '../actor';
import { withAuditEntry } from '../audit';
import type { Tx } from '../db';
import { eventInsert } from './append';

/** One change to one object, as its event and its audit entry tell it. */
export interface Change {
  /** The object's kind: the event stream's type and the audit entry's object type ('licence'). */
  stream: string;
  /** The object's id: the event stream's id and the audit entry's object id. */
  id: string;
  /** The event's action on its stream, past tense ('created'). */
  event: string;
  /** The audit entry's action, `<object>.<verb>` ('licence.create'). */
  audit: string;
  /**
   * The agency the object belongs to: the audit chain the entry joins (`chainOf`, ADR 0012) and
   * what agency administrators filter the log by. Null for an object of no agency: the entry then
   * joins the acting staff member's or API client's agency, or else the platform chain.
   */
  agencyId: string | null;
  /** What changed (before and after, a reason): the event's payload and the audit entry's details. */
  details?: Record<string, unknown>;
  /** The event's payload, when it says more (or other) than the audit details. */
  payload?: Record<string, unknown>;
}

/**
 * Records a change in the caller's transaction: the event on the object's stream and the entry in
 * its agency's audit chain, written by one statement (the entry goes to the intake, and the sealer
 * hashes it into its chain once committed: ADR 0019). Both commit with the change or not at all.
 * Every use case that changes state calls this once per object it changed; an outcome with no domain event (a refused sign-in) calls `audit`.
 */
export async function recordChange(tx: Tx, who: Who<Actor | ActorRef>, change: Change): Promise<void> {
  const { actor, origin, at } = who;
  const details = change.details ?? {};
  const event = eventInsert({
    streamType: change.stream,
    streamId: change.id,
    action: change.event,
    actor,
    origin,
    at,
    payload: change.payload ?? details,
  });
  await tx.db.execute(
    withAuditEntry(event, {
      actor,
      origin,
      at,
      action: change.audit,
      objectType: change.stream,
      objectId: change.id,
      agencyId: change.agencyId,
      details,
    }),
  );
}
