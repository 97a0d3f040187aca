import { sql } from 'drizzle-orm';
import type { SealedKey } from '../../platform/pki';
import { date, dateOrNull, iso, json, jsonb, rows, type Db } from '../../platform/db';

/*
 * The SQL of production signers (migration 0028): keys awaiting the certificate a CA issues for
 * their CSR, keys imported from a PKCS#12 file, and external signing sessions. documents.repository.ts
 * keeps the usable keys and the signatures.
 */

export interface AwaitingKey {
  id: string;
  staffId: string;
  agencyId: string;
  algorithm: string;
  csrPem: string;
  publicKeySha256: string;
  createdAt: Date;
}

const SELECT_AWAITING = sql`
  SELECT id, staff_id AS "staffId", agency_id AS "agencyId", algorithm, csr_pem AS "csrPem", public_key_sha256 AS "publicKeySha256", created_at AS "createdAt"
    FROM signer_keys WHERE status = 'awaiting_certificate'`;

const fixAwaiting = (r: AwaitingKey): AwaitingKey => ({ ...r, createdAt: date(r.createdAt) });

export async function findAwaitingKey(db: Db, id: string, forUpdate = false): Promise<AwaitingKey | undefined> {
  const [row] = await rows<AwaitingKey>(db, sql`${SELECT_AWAITING} AND id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql``}`);
  return row && fixAwaiting(row);
}

export async function awaitingKeysOf(db: Db, staffId: string): Promise<AwaitingKey[]> {
  return (await rows<AwaitingKey>(db, sql`${SELECT_AWAITING} AND staff_id = ${staffId} ORDER BY created_at DESC, id`)).map(fixAwaiting);
}

export async function awaitingKeyIn(db: Db, staffId: string, agencyId: string): Promise<AwaitingKey | undefined> {
  const [row] = await rows<AwaitingKey>(db, sql`${SELECT_AWAITING} AND staff_id = ${staffId} AND agency_id = ${agencyId}`);
  return row && fixAwaiting(row);
}

/** A key whose CSR awaits its certificate; false when the staff member has one awaiting in that agency. */
export async function insertAwaitingKey(db: Db, k: Omit<AwaitingKey, 'createdAt'> & { sealedKey: SealedKey }, at: Date): Promise<boolean> {
  const r = await rows<{ id: string }>(
    db,
    sql`INSERT INTO signer_keys (id, staff_id, agency_id, algorithm, certificate_pem, sealed_key, status, source, csr_pem, public_key_sha256, created_at, updated_at)
        VALUES (${k.id}, ${k.staffId}, ${k.agencyId}, ${k.algorithm}, NULL, ${jsonb(k.sealedKey)}::jsonb, 'awaiting_certificate', 'csr', ${k.csrPem},
                ${k.publicKeySha256}, ${iso(at)}::timestamptz, ${iso(at)}::timestamptz)
        ON CONFLICT (staff_id, agency_id) WHERE status = 'awaiting_certificate' DO NOTHING
        RETURNING id`,
  );
  return r.length === 1;
}

/** The awaiting key becomes usable with its certificate and chain (the caller retired the earlier usable key). */
export async function activateKey(db: Db, id: string, certificatePem: string, chainPem: string, at: Date): Promise<void> {
  await rows(
    db,
    sql`UPDATE signer_keys SET status = 'active', certificate_pem = ${certificatePem}, chain_pem = ${chainPem}, updated_at = ${iso(at)}::timestamptz
         WHERE id = ${id} AND status = 'awaiting_certificate'`,
  );
}

/** A key imported from a PKCS#12 file, usable at once. */
export async function insertImportedKey(
  db: Db,
  k: { id: string; staffId: string; agencyId: string; algorithm: string; certificatePem: string; chainPem: string; sealedKey: SealedKey; publicKeySha256: string },
  at: Date,
): Promise<void> {
  await rows(
    db,
    sql`INSERT INTO signer_keys (id, staff_id, agency_id, algorithm, certificate_pem, chain_pem, sealed_key, status, source, public_key_sha256, created_at, updated_at)
        VALUES (${k.id}, ${k.staffId}, ${k.agencyId}, ${k.algorithm}, ${k.certificatePem}, ${k.chainPem}, ${jsonb(k.sealedKey)}::jsonb, 'active', 'pkcs12',
                ${k.publicKeySha256}, ${iso(at)}::timestamptz, ${iso(at)}::timestamptz)`,
  );
}

/** Retires the staff member's usable key in an agency (a new one replaces it); its id, if there was one. */
export async function retireUsableKey(db: Db, staffId: string, agencyId: string, at: Date): Promise<string | undefined> {
  const [row] = await rows<{ id: string }>(
    db,
    sql`UPDATE signer_keys SET status = 'retired', locked_at = NULL, updated_at = ${iso(at)}::timestamptz
         WHERE staff_id = ${staffId} AND agency_id = ${agencyId} AND status = 'active'
     RETURNING id`,
  );
  return row?.id;
}

// External signing sessions ---------------------------------------------------------------------
export interface SigningSession {
  id: string;
  documentId: string;
  staffId: string;
  agencyId: string;
  baseSha256: string;
  preparedSha256: string;
  byteRange: [number, number, number, number];
  certificatePem: string;
  chainPem: string;
  createdAt: Date;
  expiresAt: Date;
  completedAt: Date | null;
}

export async function insertSession(db: Db, s: Omit<SigningSession, 'completedAt'>): Promise<void> {
  await rows(
    db,
    sql`INSERT INTO document_signing_sessions (id, document_id, staff_id, agency_id, base_sha256, prepared_sha256, byte_range, certificate_pem, chain_pem, created_at, expires_at)
        VALUES (${s.id}, ${s.documentId}, ${s.staffId}, ${s.agencyId}, ${s.baseSha256}, ${s.preparedSha256}, ${jsonb(s.byteRange)}::jsonb, ${s.certificatePem},
                ${s.chainPem}, ${iso(s.createdAt)}::timestamptz, ${iso(s.expiresAt)}::timestamptz)`,
  );
}

export async function findSession(db: Db, id: string): Promise<SigningSession | undefined> {
  const [row] = await rows<SigningSession>(
    db,
    sql`SELECT id, document_id AS "documentId", staff_id AS "staffId", agency_id AS "agencyId", base_sha256 AS "baseSha256", prepared_sha256 AS "preparedSha256",
               byte_range AS "byteRange", certificate_pem AS "certificatePem", chain_pem AS "chainPem", created_at AS "createdAt", expires_at AS "expiresAt",
               completed_at AS "completedAt"
          FROM document_signing_sessions WHERE id = ${id}`,
  );
  return row && { ...row, byteRange: json(row.byteRange), createdAt: date(row.createdAt), expiresAt: date(row.expiresAt), completedAt: dateOrNull(row.completedAt) };
}

/** Marks the session used, once: false when another completion (or an earlier one) did. */
export async function claimSession(db: Db, id: string, at: Date): Promise<boolean> {
  const r = await rows<{ id: string }>(
    db,
    sql`UPDATE document_signing_sessions SET completed_at = ${iso(at)}::timestamptz WHERE id = ${id} AND completed_at IS NULL RETURNING id`,
  );
  return r.length === 1;
}
