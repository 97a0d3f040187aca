import { sql } from 'drizzle-orm';
import { date, dateOrNull, iso, rows, type Db } from '../../platform/db';

/** The SQL of the channels: citizens' consents, requests' channels, postal dispatches. */

export interface ConsentRow {
  id: string;
  channel: 'counter' | 'in_person';
  staffId: string;
  officeId: string | null;
  agencyId: string | null;
  nationalCode: string;
  mobile: string;
  codeHash: string;
  attempts: number;
  registryRef: string;
  expiresAt: Date;
  consumedAt: Date | null;
  requestId: string | null;
}
const CONSENT_COLS = sql`id, channel, staff_id AS "staffId", office_id AS "officeId", agency_id AS "agencyId", national_code AS "nationalCode", mobile,
  code_hash AS "codeHash", attempts, registry_ref AS "registryRef", expires_at AS "expiresAt", consumed_at AS "consumedAt", request_id AS "requestId"`;

export async function insertConsent(db: Db, c: Omit<ConsentRow, 'attempts' | 'consumedAt' | 'requestId'>, now: Date): Promise<void> {
  await rows(db, sql`
    INSERT INTO channel_consents (id, channel, staff_id, office_id, agency_id, national_code, mobile, code_hash, registry_ref, expires_at, created_at)
    VALUES (${c.id}, ${c.channel}, ${c.staffId}, ${c.officeId}, ${c.agencyId}, ${c.nationalCode}, ${c.mobile}, ${c.codeHash}, ${c.registryRef},
            ${iso(c.expiresAt)}::timestamptz, ${iso(now)}::timestamptz)`);
}

/** The consent, locked until the caller's transaction ends. */
export async function lockConsent(db: Db, id: string): Promise<ConsentRow | undefined> {
  const [row] = await rows<ConsentRow>(db, sql`SELECT ${CONSENT_COLS} FROM channel_consents WHERE id = ${id} FOR UPDATE`);
  return row && { ...row, expiresAt: date(row.expiresAt), consumedAt: dateOrNull(row.consumedAt) };
}

export const countConsentFailure = (db: Db, id: string) => rows(db, sql`UPDATE channel_consents SET attempts = attempts + 1 WHERE id = ${id}`);

/** Spends the consent on the request: false when it was spent already or has expired (a concurrent submission lost). */
export async function consumeConsent(db: Db, id: string, requestId: string, now: Date): Promise<boolean> {
  const done = await rows(db, sql`
    UPDATE channel_consents SET consumed_at = ${iso(now)}::timestamptz, request_id = ${requestId}
     WHERE id = ${id} AND consumed_at IS NULL AND expires_at > ${iso(now)}::timestamptz RETURNING 1`);
  return done.length > 0;
}

export interface RequestChannelRow {
  requestId: string;
  agencyId: string;
  serviceId: string;
  channel: 'counter' | 'in_person';
  officeId: string | null;
  unitId: string | null;
  staffId: string;
  identityCheck: 'otp' | 'card_seen';
  consentId: string | null;
  submittedAt: Date;
}

export async function insertRequestChannel(db: Db, r: RequestChannelRow): Promise<void> {
  await rows(db, sql`
    INSERT INTO request_channels (request_id, agency_id, service_id, channel, office_id, unit_id, staff_id, identity_check, consent_id, submitted_at)
    VALUES (${r.requestId}, ${r.agencyId}, ${r.serviceId}, ${r.channel}, ${r.officeId}, ${r.unitId}, ${r.staffId}, ${r.identityCheck}, ${r.consentId},
            ${iso(r.submittedAt)}::timestamptz)`);
}

export async function findRequestChannel(db: Db, requestId: string): Promise<RequestChannelRow | undefined> {
  const [row] = await rows<RequestChannelRow>(db, sql`
    SELECT request_id AS "requestId", agency_id AS "agencyId", service_id AS "serviceId", channel, office_id AS "officeId", unit_id AS "unitId",
           staff_id AS "staffId", identity_check AS "identityCheck", consent_id AS "consentId", submitted_at AS "submittedAt"
      FROM request_channels WHERE request_id = ${requestId}`);
  return row && { ...row, submittedAt: date(row.submittedAt) };
}

export interface CounterWorkFilter {
  agencyId: string;
  officeId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  offset: number;
}

/** A page of the counters' requests on the agency's services, newest first, with the total. */
export async function counterWork(db: Db, f: CounterWorkFilter): Promise<{ items: RequestChannelRow[]; total: number }> {
  const where = sql.join(
    [
      sql`agency_id = ${f.agencyId}`,
      sql`channel = 'counter'`,
      f.officeId ? sql`office_id = ${f.officeId}` : sql`true`,
      f.from ? sql`submitted_at >= ${iso(f.from)}::timestamptz` : sql`true`,
      f.to ? sql`submitted_at < ${iso(f.to)}::timestamptz` : sql`true`,
    ],
    sql` AND `,
  );
  const found = await rows<RequestChannelRow & { total: number }>(db, sql`
    SELECT request_id AS "requestId", agency_id AS "agencyId", service_id AS "serviceId", channel, office_id AS "officeId", unit_id AS "unitId",
           staff_id AS "staffId", identity_check AS "identityCheck", consent_id AS "consentId", submitted_at AS "submittedAt", count(*) OVER ()::int AS total
      FROM request_channels WHERE ${where}
     ORDER BY submitted_at DESC, request_id DESC LIMIT ${f.limit} OFFSET ${f.offset}`);
  return { items: found.map(({ total: _t, ...r }) => ({ ...r, submittedAt: date(r.submittedAt) })), total: found[0]?.total ?? 0 };
}

/** The counter offices that have entered requests on the agency's services (the filter's choices). */
export const counterOfficesOf = (db: Db, agencyId: string) =>
  rows<{ officeId: string }>(db, sql`SELECT DISTINCT office_id AS "officeId" FROM request_channels WHERE agency_id = ${agencyId} AND channel = 'counter'`);

// Postal dispatches -------------------------------------------------------------------------------
export interface PostalRow {
  requestId: string;
  agencyId: string;
  recipientName: string;
  postalCode: string;
  address: string;
  status: 'awaiting_answer' | 'dispatched';
  postalTracking: string | null;
  documentId: string | null;
  dispatchedAt: Date | null;
}
const POSTAL_COLS = sql`request_id AS "requestId", agency_id AS "agencyId", recipient_name AS "recipientName", postal_code AS "postalCode", address, status,
  postal_tracking AS "postalTracking", document_id AS "documentId", dispatched_at AS "dispatchedAt"`;

export async function insertPostal(db: Db, p: Pick<PostalRow, 'requestId' | 'agencyId' | 'recipientName' | 'postalCode' | 'address'>, now: Date): Promise<void> {
  await rows(db, sql`
    INSERT INTO postal_dispatches (request_id, agency_id, recipient_name, postal_code, address, status, chosen_at)
    VALUES (${p.requestId}, ${p.agencyId}, ${p.recipientName}, ${p.postalCode}, ${p.address}, 'awaiting_answer', ${iso(now)}::timestamptz)`);
}

export async function findPostal(db: Db, requestId: string, forUpdate = false): Promise<PostalRow | undefined> {
  const [row] = await rows<PostalRow>(db, sql`SELECT ${POSTAL_COLS} FROM postal_dispatches WHERE request_id = ${requestId} ${forUpdate ? sql`FOR UPDATE` : sql``}`);
  return row && { ...row, dispatchedAt: dateOrNull(row.dispatchedAt) };
}

/** Records the hand-over to the post: false when it was dispatched already. */
export async function markDispatched(db: Db, requestId: string, d: { postalTracking: string; documentId: string | null }, now: Date): Promise<boolean> {
  const done = await rows(db, sql`
    UPDATE postal_dispatches SET status = 'dispatched', postal_tracking = ${d.postalTracking}, document_id = ${d.documentId}, dispatched_at = ${iso(now)}::timestamptz
     WHERE request_id = ${requestId} AND status = 'awaiting_answer' RETURNING 1`);
  return done.length > 0;
}

