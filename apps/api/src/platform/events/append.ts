import { sql, type SQL } from 'drizzle-orm';
import { actorRef, type Actor, type ActorRef, type RequestOrigin } from '../actor';
import { iso, jsonb, rows, type Tx } from '../db';

export interface EventInput {
  streamType: string;
  streamId: string;
  action: string;
  actor: Actor | ActorRef;
  payload?: Record<string, unknown>;
  origin?: RequestOrigin;
  at: Date;
}

/** The INSERT of one event, returning its id (appendEvent runs it; recordChange joins its audit entry to it). */
export function eventInsert(e: EventInput): SQL {
  const actor = actorRef(e.actor);
  return sql`
    INSERT INTO events (stream_type, stream_id, action, actor_type, actor_id, on_behalf_of_id, payload, request_id, created_at)
    VALUES (${e.streamType}, ${e.streamId}, ${e.action}, ${actor.type}, ${actor.id}, ${actor.onBehalfOfId ?? null},
            ${jsonb(e.payload ?? {})}::jsonb, ${e.origin?.requestId ?? null}, ${iso(e.at)}::timestamptz)
    RETURNING id`;
}

/** Appends an event to a stream in the caller's transaction. Returns its id. */
export async function appendEvent(tx: Tx, e: EventInput): Promise<string> {
  const res = await rows<{ id: string | number }>(tx.db, eventInsert(e));
  return String(res[0]!.id);
}
