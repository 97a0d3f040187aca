import { sql, type SQL } from 'drizzle-orm';
import { actorRef, type Actor, type ActorRef, type RequestOrigin } from '../actor';
import { isoOf, json, type Tx } from '../db';
import { canonicalJson, chainOf, type AuditContent } from './chain';

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

/** In a `u` regular expression a surrogate range matches only a surrogate without its pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Refuses, in the writing transaction, what jsonb cannot store (a NUL, a lone surrogate), so the
 * sealer never meets it. The error is PostgreSQL's own for it (22P05: the HTTP layer answers 400
 * VALUE_NOT_STORABLE), as when the entry itself was inserted in the writing transaction.
 */
function storable(value: unknown): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000') || LONE_SURROGATE.test(value)) {
      throw Object.assign(new Error('an audit entry cannot hold a NUL character or a lone surrogate'), { code: '22P05', severity: 'ERROR' });
    }
  } else if (Array.isArray(value)) {
    value.forEach(storable);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      storable(k);
      storable(v);
    }
  }
}

/** An entry as the intake holds it until it is sealed: its chain and its canonical JSON. */
export function intakeOf(entry: AuditInput): { chain: string; content: string } {
  const c = toContent(entry);
  storable(c);
  return { chain: chainOf(c), content: canonicalJson(c) };
}

/**
 * `statement` (returning exactly one row: an INSERT … RETURNING) and the audit entry's intake row,
 * as one statement: the caller pays one round trip for its change and its audit entry.
 */
export function withAuditEntry(statement: SQL, entry: AuditInput): SQL {
  const { chain, content } = intakeOf(entry);
  return sql`WITH s AS (${statement}) INSERT INTO audit_intake (chain_id, content) SELECT ${chain}, ${content} FROM s`;
}

/** The entries a transaction has recorded through `audit` and not yet written. */
const queued = new WeakMap<Tx, Array<{ chain: string; content: string }>>();

/**
 * Records an audit entry in the caller's transaction: it commits with the change or not at all.
 * The entry goes to the intake (all of a transaction's entries in one statement, just before
 * COMMIT); the sealer later hashes it into its chain (seal.ts, ADR 0019). No lock is taken: two
 * transactions auditing the same agency never wait on each other.
 */
export function audit(tx: Tx, entry: AuditInput): void {
  const row = intakeOf(entry);
  const entries = queued.get(tx);
  if (entries) {
    entries.push(row);
    return;
  }
  const first = [row];
  queued.set(tx, first);
  tx.beforeCommit(async (db) => {
    const values = first.map((e) => sql`(${e.chain}, ${e.content})`);
    await db.execute(sql`INSERT INTO audit_intake (chain_id, content) VALUES ${sql.join(values, sql`, `)}`);
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
