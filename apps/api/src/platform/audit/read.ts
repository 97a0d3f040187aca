import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db';
import type { AuditRow } from './audit';

/*
 * Reading the audit chain for people (the audit module's screens): filtered pages, newest first,
 * one entry, and the chain's head. Writing and verifying stay in audit.ts.
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
  /** Keyset: entries with a smaller sequence number than this. */
  beforeSeq?: number | undefined;
  limit: number;
}

const list = (xs: readonly string[]) => sql.param([...xs]);

/** A page of entries matching the query, newest (highest sequence number) first. */
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
           ${q.from ? sql`AND occurred_at >= ${q.from.toISOString()}::timestamptz` : sql``}
           ${q.to ? sql`AND occurred_at < ${q.to.toISOString()}::timestamptz` : sql``}
           ${q.beforeSeq !== undefined ? sql`AND seq < ${q.beforeSeq}` : sql``}
         ORDER BY seq DESC
         LIMIT ${q.limit}`,
  );
}

export async function findAuditEntry(db: Db, seq: number): Promise<AuditRow | undefined> {
  return (await rows<AuditRow>(db, sql`SELECT * FROM audit_entries WHERE seq = ${seq}`))[0];
}

/** The chain's head: how many entries it holds and the last one's hash. */
export async function auditChainHead(db: Db): Promise<{ seq: number; hash: string }> {
  const [head] = await rows<{ seq: string | number; hash: string }>(db, sql`SELECT seq, hash FROM audit_head`);
  return { seq: Number(head?.seq ?? 0), hash: head?.hash ?? '0'.repeat(64) };
}
