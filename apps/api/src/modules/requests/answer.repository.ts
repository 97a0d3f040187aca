import { sql } from 'drizzle-orm';
import { date, iso, json, jsonb, list, rows, type Db } from '../../platform/db';

/* The only SQL of request_answers (migration 0036): a decided request's signed answer. */

export interface AnswerRow {
  requestId: string;
  agencyId: string;
  documentId: string;
  decision: 'approved' | 'rejected';
  partial: boolean;
  notGranted: string | null;
  reasons: string | null;
  legalBasis: Array<{ lawId: string; article: string; lawTitle: string }>;
  decidedBy: string;
  createdAt: Date;
}

export async function insertAnswer(db: Db, a: AnswerRow): Promise<void> {
  await rows(
    db,
    sql`INSERT INTO request_answers (request_id, agency_id, document_id, decision, partial, not_granted, reasons, legal_basis, decided_by, created_at)
        VALUES (${a.requestId}, ${a.agencyId}, ${a.documentId}, ${a.decision}, ${a.partial}, ${a.notGranted}, ${a.reasons},
                ${jsonb(a.legalBasis)}::jsonb, ${a.decidedBy}, ${iso(a.createdAt)}::timestamptz)`,
  );
}

export async function findAnswer(db: Db, requestId: string): Promise<AnswerRow | undefined> {
  const [r] = await rows<AnswerRow>(
    db,
    sql`SELECT request_id AS "requestId", agency_id AS "agencyId", document_id AS "documentId", decision, partial,
               not_granted AS "notGranted", reasons, legal_basis AS "legalBasis", decided_by AS "decidedBy", created_at AS "createdAt"
          FROM request_answers WHERE request_id = ${requestId}`,
  );
  return r && { ...r, legalBasis: json(r.legalBasis), createdAt: date(r.createdAt) };
}

/** The answers of these requests: request, agency and document (one query, for counts over many). */
export async function answerDocumentsOf(db: Db, requestIds: readonly string[]): Promise<Array<{ requestId: string; agencyId: string; documentId: string }>> {
  if (requestIds.length === 0) return [];
  return rows(
    db,
    sql`SELECT request_id AS "requestId", agency_id AS "agencyId", document_id AS "documentId" FROM request_answers WHERE request_id = ANY(${list(requestIds)}::uuid[])`,
  );
}
