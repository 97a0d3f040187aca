import { sql } from 'drizzle-orm';
import type { SealedKey } from '../../platform/pki';
import { date, dateOrNull, iso, json, jsonb, list, rows, type Db } from '../../platform/db';

/*
 * The only SQL of documents: documents, document_signatures and signer_keys (migration 0027).
 */

export type DocumentStatus = 'issued' | 'superseded' | 'revoked';
export type DocumentKindName = 'receipt' | 'letter' | 'report' | 'answer';

export interface DocumentRecord {
  id: string;
  agencyId: string;
  kind: DocumentKindName;
  title: string;
  verificationCode: string;
  templateOrigin: 'repo' | 'agency';
  templateVersion: string;
  pages: number;
  issuedSha256: string;
  contentSha256: string;
  status: DocumentStatus;
  supersedes: string | null;
  supersededBy: string | null;
  revokedAt: Date | null;
  revokeReason: string | null;
  signatureCount: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const SELECT_DOCUMENT = sql`
  SELECT id, agency_id AS "agencyId", kind, title, verification_code AS "verificationCode", template_origin AS "templateOrigin",
         template_version AS "templateVersion", pages, issued_sha256 AS "issuedSha256", content_sha256 AS "contentSha256",
         status, supersedes, superseded_by AS "supersededBy", revoked_at AS "revokedAt", revoke_reason AS "revokeReason",
         signature_count AS "signatureCount", created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt"
    FROM documents`;

export const fixDocument = (r: DocumentRecord): DocumentRecord => ({
  ...r,
  revokedAt: dateOrNull(r.revokedAt),
  createdAt: date(r.createdAt),
  updatedAt: date(r.updatedAt),
});

export async function findDocument(db: Db, id: string, forUpdate = false): Promise<DocumentRecord | undefined> {
  const [row] = await rows<DocumentRecord>(db, sql`${SELECT_DOCUMENT} WHERE id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql``}`);
  return row && fixDocument(row);
}

export async function findDocumentByCode(db: Db, code: string): Promise<DocumentRecord | undefined> {
  const [row] = await rows<DocumentRecord>(db, sql`${SELECT_DOCUMENT} WHERE verification_code = ${code}`);
  return row && fixDocument(row);
}

/**
 * The document some PDF is a version of: the PDF as issued, as it stands, or as it stood after one
 * of its signatures (each a SHA-256 of the whole file). Undefined when Dargah never produced it.
 */
export async function findDocumentByPdfHash(db: Db, sha256s: readonly string[]): Promise<DocumentRecord | undefined> {
  if (sha256s.length === 0) return undefined;
  const list = sql.join(sha256s.map((h) => sql`${h}`), sql`, `);
  const [row] = await rows<DocumentRecord>(
    db,
    sql`${SELECT_DOCUMENT}
         WHERE issued_sha256 IN (${list}) OR content_sha256 IN (${list})
            OR id IN (SELECT document_id FROM document_signatures WHERE pdf_sha256 IN (${list}))
         ORDER BY created_at LIMIT 1`,
  );
  return row && fixDocument(row);
}

export interface NewDocument {
  id: string;
  agencyId: string;
  kind: DocumentKindName;
  /** The kind's data `title` ('' when not given). */
  title?: string;
  verificationCode: string;
  templateOrigin: 'repo' | 'agency';
  templateVersion: string;
  pages: number;
  sha256: string;
  supersedes: string | null;
  createdBy: string | null;
}

export async function insertDocument(db: Db, d: NewDocument, at: Date): Promise<void> {
  await rows(
    db,
    sql`INSERT INTO documents (id, agency_id, kind, title, verification_code, template_origin, template_version, pages, issued_sha256,
                               content_sha256, supersedes, created_by, created_at, updated_at)
        VALUES (${d.id}, ${d.agencyId}, ${d.kind}, ${d.title ?? ''}, ${d.verificationCode}, ${d.templateOrigin}, ${d.templateVersion}, ${d.pages},
                ${d.sha256}, ${d.sha256}, ${d.supersedes}, ${d.createdBy}, ${iso(at)}::timestamptz, ${iso(at)}::timestamptz)`,
  );
}

export async function markSuperseded(db: Db, id: string, by: string, at: Date): Promise<void> {
  await rows(db, sql`UPDATE documents SET status = 'superseded', superseded_by = ${by}, updated_at = ${iso(at)}::timestamptz WHERE id = ${id}`);
}

export async function markRevoked(db: Db, id: string, reason: string, at: Date): Promise<void> {
  await rows(
    db,
    sql`UPDATE documents SET status = 'revoked', revoked_at = ${iso(at)}::timestamptz, revoke_reason = ${reason}, updated_at = ${iso(at)}::timestamptz WHERE id = ${id}`,
  );
}

export interface NewSignature {
  documentId: string;
  seq: number;
  /** Null for an external signer (their own token): the certificate is then named by certificateSha256. */
  signerKeyId: string | null;
  certificateSha256?: string;
  staffId: string;
  signerName: string;
  signerRole: string;
  issuer: string;
  pdfSha256: string;
}

/** Appends a signature and moves the document to the signed PDF, in the caller's transaction (the row is locked). */
export async function insertSignature(db: Db, s: NewSignature, at: Date): Promise<void> {
  await rows(
    db,
    sql`INSERT INTO document_signatures (document_id, seq, signer_key_id, certificate_sha256, staff_id, signer_name, signer_role, issuer, signed_at, pdf_sha256)
        VALUES (${s.documentId}, ${s.seq}, ${s.signerKeyId}, ${s.certificateSha256 ?? null}, ${s.staffId}, ${s.signerName}, ${s.signerRole}, ${s.issuer},
                ${iso(at)}::timestamptz, ${s.pdfSha256})`,
  );
  await rows(
    db,
    sql`UPDATE documents SET content_sha256 = ${s.pdfSha256}, signature_count = ${s.seq}, updated_at = ${iso(at)}::timestamptz WHERE id = ${s.documentId}`,
  );
}

export interface SignatureRecord {
  seq: number;
  staffId: string;
  signerName: string;
  signerRole: string;
  issuer: string;
  signedAt: Date;
  pdfSha256: string;
}

export async function signaturesOf(db: Db, documentId: string): Promise<SignatureRecord[]> {
  const r = await rows<SignatureRecord>(
    db,
    sql`SELECT seq, staff_id AS "staffId", signer_name AS "signerName", signer_role AS "signerRole", issuer, signed_at AS "signedAt", pdf_sha256 AS "pdfSha256"
          FROM document_signatures WHERE document_id = ${documentId} ORDER BY seq`,
  );
  return r.map((x) => ({ ...x, signedAt: date(x.signedAt) }));
}

// Signer keys -----------------------------------------------------------------------------------
/** A key awaiting its certificate (enrolment.repository.ts) is never read here: it cannot sign yet. */
export type SignerKeyStatus = 'active' | 'locked' | 'retired';

export interface SignerKeyRecord {
  id: string;
  staffId: string;
  agencyId: string;
  algorithm: string;
  certificatePem: string;
  chainPem: string;
  sealedKey: SealedKey;
  status: SignerKeyStatus;
  failedPinCount: number;
  lockedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const SELECT_KEY = sql`
  SELECT id, staff_id AS "staffId", agency_id AS "agencyId", algorithm, certificate_pem AS "certificatePem", chain_pem AS "chainPem",
         sealed_key AS "sealedKey", status, failed_pin_count AS "failedPinCount", locked_at AS "lockedAt",
         created_at AS "createdAt", updated_at AS "updatedAt"
    FROM signer_keys`;

export const fixKey = (r: SignerKeyRecord): SignerKeyRecord => ({
  ...r,
  sealedKey: json(r.sealedKey),
  lockedAt: dateOrNull(r.lockedAt),
  createdAt: date(r.createdAt),
  updatedAt: date(r.updatedAt),
});

export async function findSignerKey(db: Db, id: string, forUpdate = false): Promise<SignerKeyRecord | undefined> {
  const [row] = await rows<SignerKeyRecord>(db, sql`${SELECT_KEY} WHERE id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql``}`);
  return row && fixKey(row);
}

/** The staff member's usable (active or locked) key in an agency. */
export async function findStaffKey(db: Db, staffId: string, agencyId: string, forUpdate = false): Promise<SignerKeyRecord | undefined> {
  const [row] = await rows<SignerKeyRecord>(
    db,
    sql`${SELECT_KEY} WHERE staff_id = ${staffId} AND agency_id = ${agencyId} AND status IN ('active', 'locked') ${forUpdate ? sql`FOR UPDATE` : sql``}`,
  );
  return row && fixKey(row);
}

export async function keysOfStaff(db: Db, staffId: string): Promise<SignerKeyRecord[]> {
  const r = await rows<SignerKeyRecord>(db, sql`${SELECT_KEY} WHERE staff_id = ${staffId} AND status <> 'awaiting_certificate' ORDER BY created_at DESC, id`);
  return r.map(fixKey);
}

export interface NewSignerKey {
  id: string;
  staffId: string;
  agencyId: string;
  algorithm: string;
  certificatePem: string;
  chainPem: string;
  sealedKey: SealedKey;
}

/** Inserts the key; false when the staff member already has a usable key in that agency. */
export async function insertSignerKey(db: Db, k: NewSignerKey, at: Date): Promise<boolean> {
  const r = await rows<{ id: string }>(
    db,
    sql`INSERT INTO signer_keys (id, staff_id, agency_id, algorithm, certificate_pem, chain_pem, sealed_key, created_at, updated_at)
        VALUES (${k.id}, ${k.staffId}, ${k.agencyId}, ${k.algorithm}, ${k.certificatePem}, ${k.chainPem}, ${jsonb(k.sealedKey)}::jsonb,
                ${iso(at)}::timestamptz, ${iso(at)}::timestamptz)
        ON CONFLICT (staff_id, agency_id) WHERE status IN ('active', 'locked') DO NOTHING
        RETURNING id`,
  );
  return r.length === 1;
}

/** Counts a wrong PIN; the fifth in a row locks the key. Returns the new count and status. */
export async function countWrongPin(db: Db, id: string, lockAfter: number, at: Date): Promise<{ failedPinCount: number; status: SignerKeyStatus }> {
  const [row] = await rows<{ failedPinCount: number; status: SignerKeyStatus }>(
    db,
    sql`UPDATE signer_keys
           SET failed_pin_count = LEAST(failed_pin_count + 1, ${lockAfter}),
               status = CASE WHEN failed_pin_count + 1 >= ${lockAfter} THEN 'locked' ELSE status END,
               locked_at = CASE WHEN failed_pin_count + 1 >= ${lockAfter} THEN ${iso(at)}::timestamptz ELSE locked_at END,
               updated_at = ${iso(at)}::timestamptz
         WHERE id = ${id}
     RETURNING failed_pin_count AS "failedPinCount", status`,
  );
  return row!;
}

/** A right PIN, or an administrator's unlock: the count starts again and the key is active. */
export async function resetPinCount(db: Db, id: string, at: Date): Promise<void> {
  await rows(
    db,
    sql`UPDATE signer_keys SET failed_pin_count = 0, status = 'active', locked_at = NULL, updated_at = ${iso(at)}::timestamptz WHERE id = ${id}`,
  );
}

/** Of these documents, the ids of those with at least one signature (one query, for counts over many). */
export async function signedDocumentIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await rows<{ id: string }>(db, sql`SELECT id FROM documents WHERE id = ANY(${list(ids)}::uuid[]) AND signature_count > 0`);
  return new Set(found.map((d) => d.id));
}
