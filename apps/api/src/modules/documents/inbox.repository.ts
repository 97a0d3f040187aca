import { sql } from 'drizzle-orm';
import { iso, rows, type Db } from '../../platform/db';
import {
  fixDocument,
  fixKey,
  SELECT_DOCUMENT,
  SELECT_KEY,
  type DocumentRecord,
  type SignerKeyRecord,
} from './documents.repository';

/*
 * The staff workspace's reads of documents (issue 10): a signer's documents to sign and the locked
 * keys of an agency. Beside documents.repository.ts, whose row shapes they share.
 */

/** Where the previous page ended: its last document's issue time and id (newest first). */
export interface PagePosition {
  at: Date;
  id: string;
}

/**
 * Documents of the given agencies that still stand (issued, not superseded or revoked) and that the
 * staff member has not signed, newest first, after `after`; `limit` rows at most.
 */
export async function documentsToSign(
  db: Db,
  q: { staffId: string; agencyIds: readonly string[]; after?: PagePosition | undefined; limit: number },
): Promise<DocumentRecord[]> {
  if (q.agencyIds.length === 0) return [];
  const agencies = sql.join(
    q.agencyIds.map((a) => sql`${a}`),
    sql`, `,
  );
  const after = q.after ? sql`AND (created_at, id) < (${iso(q.after.at)}::timestamptz, ${q.after.id}::uuid)` : sql``;
  const found = await rows<DocumentRecord>(
    db,
    sql`${SELECT_DOCUMENT}
         WHERE agency_id IN (${agencies}) AND status = 'issued'
           AND NOT EXISTS (SELECT 1 FROM document_signatures s WHERE s.document_id = documents.id AND s.staff_id = ${q.staffId})
           ${after}
         ORDER BY created_at DESC, id DESC
         LIMIT ${q.limit}`,
  );
  return found.map(fixDocument);
}

/** Locked keys of the given agencies (all agencies when `agencyIds` is null), oldest lock first. */
export async function lockedKeys(db: Db, agencyIds: readonly string[] | null): Promise<SignerKeyRecord[]> {
  if (agencyIds?.length === 0) return [];
  const scope = agencyIds
    ? sql`AND agency_id IN (${sql.join(
        agencyIds.map((a) => sql`${a}`),
        sql`, `,
      )})`
    : sql``;
  const found = await rows<SignerKeyRecord>(
    db,
    sql`${SELECT_KEY} WHERE status = 'locked' ${scope} ORDER BY locked_at, id LIMIT 500`,
  );
  return found.map(fixKey);
}

/** Whether an agency has issued any document (the demo seed issues its documents once). */
export async function agencyHasDocuments(db: Db, agencyId: string): Promise<boolean> {
  return (await rows(db, sql`SELECT 1 FROM documents WHERE agency_id = ${agencyId} LIMIT 1`)).length > 0;
}
