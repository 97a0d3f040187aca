import { sql } from 'drizzle-orm';
import { iso, list, rows, type Db } from '../db';
import type { AuditRow } from './audit';

/*
 * Reading the audit log for people (the audit module's screens): filtered pages, newest first,
 * one entry, and the chains' heads. Writing stays in audit.ts, verifying in verify.ts.
 */

export interface AuditEntryQuery {
  /** The agencies whose entries may be read; null: every entry (including those of no agency). */
  agencyIds: readonly string[] | null;
  agencyId?: string | undefined;
  /** Entries where one of these acted, or was acted for. */
  actorIds?: readonly string[] | undefined;
  action?: string | undefined;
  /** Every action that starts with this (a kind, such as `service_card.`). */
  actionPrefix?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  /** occurred_at ≥ from and < to. */
  from?: Date | undefined;
  to?: Date | undefined;
  /** Keyset: entries written before this one (a smaller id). */
  beforeId?: number | undefined;
  limit: number;
}

/** A page of entries matching the query, newest (highest id: written last) first. */
export async function listAuditEntries(db: Db, q: AuditEntryQuery): Promise<AuditRow[]> {
  if (q.agencyIds !== null && q.agencyIds.length === 0) return [];
  return rows<AuditRow>(
    db,
    sql`SELECT * FROM audit_entries
         WHERE true
           ${q.agencyIds !== null ? sql`AND agency_id = ANY(${list(q.agencyIds)}::text[])` : sql``}
           ${q.agencyId ? sql`AND agency_id = ${q.agencyId}` : sql``}
           ${q.actorIds ? sql`AND (actor_id = ANY(${list(q.actorIds)}::text[]) OR on_behalf_of_id = ANY(${list(q.actorIds)}::text[]))` : sql``}
           ${q.action ? sql`AND action = ${q.action}` : sql``}
           ${q.actionPrefix ? sql`AND starts_with(action, ${q.actionPrefix})` : sql``}
           ${q.objectType ? sql`AND object_type = ${q.objectType}` : sql``}
           ${q.objectId ? sql`AND object_id = ${q.objectId}` : sql``}
           ${q.from ? sql`AND occurred_at >= ${iso(q.from)}::timestamptz` : sql``}
           ${q.to ? sql`AND occurred_at < ${iso(q.to)}::timestamptz` : sql``}
           ${q.beforeId !== undefined ? sql`AND id < ${q.beforeId}` : sql``}
         ORDER BY id DESC
         LIMIT ${q.limit}`,
  );
}

export async function findAuditEntry(db: Db, id: number): Promise<AuditRow | undefined> {
  return (await rows<AuditRow>(db, sql`SELECT * FROM audit_entries WHERE id = ${id}`))[0];
}

/** Every chain's head (its length and last hash), by chain id. */
export async function auditChainHeads(db: Db): Promise<Array<{ chain: string; seq: number; hash: string }>> {
  const heads = await rows<{ chain_id: string; seq: string | number; hash: string }>(db, sql`SELECT chain_id, seq, hash FROM audit_chains ORDER BY chain_id`);
  return heads.map((h) => ({ chain: h.chain_id, seq: Number(h.seq), hash: h.hash }));
}
