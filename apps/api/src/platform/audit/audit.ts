import { sql } from 'drizzle-orm';
import { actorRef, type Actor, type ActorRef, type RequestOrigin } from '../actor';
import { rows, type Database, type Db, type Tx } from '../db';
import { canonicalJson, chainHash, GENESIS_HASH, type AuditContent } from './chain';

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
 * Appends one entry to the chain. One statement advances the single-row head (its row lock
 * serialises appenders until COMMIT) and inserts the entry hashed from the head's previous hash.
 */
async function append(db: Db, c: AuditContent): Promise<void> {
  await rows<Record<string, unknown>>(db, sql`
    WITH h AS (
      UPDATE audit_head
         SET seq = seq + 1,
             prev_hash = hash,
             hash = encode(sha256(convert_to(hash || ${canonicalJson(c)}, 'UTF8')), 'hex')
       WHERE singleton
   RETURNING seq, prev_hash, hash
    )
    INSERT INTO audit_entries (seq, occurred_at, actor_type, actor_id, on_behalf_of_id, action,
      object_type, object_id, agency_id, request_id, ip, user_agent, details, prev_hash, hash)
    SELECT h.seq, ${c.occurredAt}::timestamptz, ${c.actorType}, ${c.actorId}, ${c.onBehalfOfId}, ${c.action},
      ${c.objectType}, ${c.objectId}, ${c.agencyId}, ${c.requestId}, ${c.ip}, ${c.userAgent},
      ${JSON.stringify(c.details)}::jsonb, h.prev_hash, h.hash
      FROM h`);
}

/**
 * Records an audit entry in the caller's transaction. The append itself runs just before COMMIT,
 * so the chain's lock is held only for the append and the commit.
 */
export function audit(tx: Tx, entry: AuditInput): void {
  const content = toContent(entry);
  tx.beforeCommit((db) => append(db, content));
}

export interface AuditRow {
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
    occurredAt: new Date(r.occurred_at).toISOString(),
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
    details: typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : r.details,
  };
}

export type AuditVerification =
  | { ok: true; entries: number; headHash: string }
  | {
      ok: false;
      entries: number;
      brokenAt: number;
      reason: 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'SEQUENCE_GAP' | 'HEAD_MISMATCH';
      message: string;
    };

/**
 * Walks the chain in order, in pages, and names the first broken link: an entry whose content no
 * longer hashes to its stored hash, whose prev_hash is not its predecessor's hash, a missing
 * sequence number, or a head that does not match the last entry (a removed tail).
 */
export async function verifyAuditChain(database: Database, pageSize = 2000): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let expectSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await database.query<AuditRow & Record<string, unknown>>(
      'SELECT * FROM audit_entries WHERE seq >= $1 ORDER BY seq LIMIT $2',
      [expectSeq, pageSize],
    );
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectSeq) {
        return { ok: false, entries: count, brokenAt: expectSeq, reason: 'SEQUENCE_GAP', message: `entry ${expectSeq} is missing` };
      }
      if (r.prev_hash !== prev) {
        return { ok: false, entries: count, brokenAt: seq, reason: 'PREV_HASH_MISMATCH', message: `entry ${seq} does not link to entry ${seq - 1}` };
      }
      if (chainHash(prev, rowToContent(r)) !== r.hash) {
        return { ok: false, entries: count, brokenAt: seq, reason: 'HASH_MISMATCH', message: `entry ${seq} was altered after it was written` };
      }
      prev = r.hash;
      expectSeq++;
      count++;
    }
    if (rows.length < pageSize) break;
  }
  const head = (await database.query<{ seq: string | number; hash: string }>('SELECT seq, hash FROM audit_head'))[0];
  if (!head || Number(head.seq) !== count || head.hash !== prev) {
    return {
      ok: false,
      entries: count,
      brokenAt: count + 1,
      reason: 'HEAD_MISMATCH',
      message: `the chain head (entry ${head ? Number(head.seq) : '?'}) does not match the last entry ${count}: entries were removed`,
    };
  }
  return { ok: true, entries: count, headHash: prev };
}
