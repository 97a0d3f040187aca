import { sql } from 'drizzle-orm';
import { actorRef, type Actor, type ActorRef, type RequestOrigin } from '../actor';
import { isoOf, json, jsonb, rows, type Db, type Tx } from '../db';
import { canonicalJson, chainOf, GENESIS_HASH, type AuditContent } from './chain';

export interface AuditInput {
  actor: Actor | ActorRef;
  action: string;
  objectType: string;
  objectId?: string | null;
  agencyId?: string | null;
  details?: Record<string, unknown>;
  origin?: RequestOrigin;
  at: Date;
}

function toContent(e: AuditInput): AuditContent {
  const actor = actorRef(e.actor);
  return {
    occurredAt: e.at.toISOString(),
    actorType: actor.type,
    actorId: actor.id,
    onBehalfOfId: actor.onBehalfOfId ?? null,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId ?? null,
    agencyId: e.agencyId ?? actor.agencyId ?? null,
    requestId: e.origin?.requestId ?? null,
    ip: e.origin?.ip ?? null,
    userAgent: e.origin?.userAgent ?? null,
    // Round-trip through JSON so what is hashed is exactly what jsonb stores and returns.
    details: JSON.parse(JSON.stringify(e.details ?? {})) as Record<string, unknown>,
  };
}

/**
 * Appends one entry to its chain. One statement advances the chain's head row (creating it for the
 * chain's first entry; its row lock serialises appenders to that chain only, until COMMIT) and
 * inserts the entry hashed from the head's previous hash.
 */
async function append(db: Db, c: AuditContent): Promise<void> {
  const json = canonicalJson(c);
  await rows<Record<string, unknown>>(db, sql`
    WITH h AS (
      INSERT INTO audit_chains AS ch (chain_id, seq, prev_hash, hash)
      VALUES (${chainOf(c)}, 1, ${GENESIS_HASH}, encode(sha256(convert_to(${GENESIS_HASH} || ${json}, 'UTF8')), 'hex'))
      ON CONFLICT (chain_id) DO UPDATE
         SET seq = ch.seq + 1,
             prev_hash = ch.hash,
             hash = encode(sha256(convert_to(ch.hash || ${json}, 'UTF8')), 'hex')
   RETURNING chain_id, seq, prev_hash, hash
    )
    INSERT INTO audit_entries (chain_id, seq, occurred_at, actor_type, actor_id, on_behalf_of_id, action,
      object_type, object_id, agency_id, request_id, ip, user_agent, details, prev_hash, hash)
    SELECT h.chain_id, h.seq, ${c.occurredAt}::timestamptz, ${c.actorType}, ${c.actorId}, ${c.onBehalfOfId}, ${c.action},
      ${c.objectType}, ${c.objectId}, ${c.agencyId}, ${c.requestId}, ${c.ip}, ${c.userAgent},
      ${jsonb(c.details)}::jsonb, h.prev_hash, h.hash
      FROM h`);
}

/** The entries a transaction has recorded and not yet appended. */
const pending = new WeakMap<Tx, AuditContent[]>();

/**
 * Records an audit entry in the caller's transaction. The entries are appended just before COMMIT,
 * chain by chain in a fixed order (by chain id), so each chain's head is locked only for the
 * append and the commit, and two transactions touching the same chains can never wait on each
 * other in a cycle.
 */
export function audit(tx: Tx, entry: AuditInput): void {
  const queued = pending.get(tx);
  if (queued) {
    queued.push(toContent(entry));
    return;
  }
  const entries = [toContent(entry)];
  pending.set(tx, entries);
  tx.beforeCommit(async (db) => {
    const byChain = entries.map((c, i) => ({ c, i, chain: chainOf(c) }));
    byChain.sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : a.i - b.i));
    for (const { c } of byChain) await append(db, c);
  });
}

export interface AuditRow {
  /** The entry's number in the whole log (the order entries were written; not hashed). */
  id: string | number;
  chain_id: string;
  seq: string | number;
  occurred_at: Date | string;
  actor_type: string;
  actor_id: string | null;
  on_behalf_of_id: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  agency_id: string | null;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown> | string;
  prev_hash: string;
  hash: string;
}

export function rowToContent(r: AuditRow): AuditContent {
  return {
    occurredAt: isoOf(r.occurred_at),
    actorType: r.actor_type,
    actorId: r.actor_id,
    onBehalfOfId: r.on_behalf_of_id,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    agencyId: r.agency_id,
    requestId: r.request_id,
    ip: r.ip,
    userAgent: r.user_agent,
    details: json<Record<string, unknown>>(r.details),
  };
}
