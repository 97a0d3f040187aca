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
export type PostalStatus = 'awaiting_answer' | 'due' | 'dispatched' | 'failed';
export interface PostalRow {
  requestId: string;
  agencyId: string;
  recipientName: string;
  postalCode: string;
  address: string;
  status: PostalStatus;
  postalTracking: string | null;
  documentId: string | null;
  dispatchedAt: Date | null;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  failedAt: Date | null;
  /** Times the desk staff put the failed dispatch back to due. */
  retries: number;
  /** Attempts made before the last retry: the current round has made `attempts - attemptsBeforeRetry`. */
  attemptsBeforeRetry: number;
  /** Corrected addresses so far (the reference handed to the post changes with each). */
  addressRevision: number;
}
const POSTAL_COLS = sql`request_id AS "requestId", agency_id AS "agencyId", recipient_name AS "recipientName", postal_code AS "postalCode", address, status,
  postal_tracking AS "postalTracking", document_id AS "documentId", dispatched_at AS "dispatchedAt", attempts, next_attempt_at AS "nextAttemptAt",
  last_error AS "lastError", failed_at AS "failedAt", retries, attempts_before_retry AS "attemptsBeforeRetry", address_revision AS "addressRevision"`;
const postalOf = (row: PostalRow): PostalRow => ({ ...row, dispatchedAt: dateOrNull(row.dispatchedAt), nextAttemptAt: dateOrNull(row.nextAttemptAt), failedAt: dateOrNull(row.failedAt) });

export async function insertPostal(db: Db, p: Pick<PostalRow, 'requestId' | 'agencyId' | 'recipientName' | 'postalCode' | 'address'>, now: Date): Promise<void> {
  await rows(db, sql`
    INSERT INTO postal_dispatches (request_id, agency_id, recipient_name, postal_code, address, status, chosen_at)
    VALUES (${p.requestId}, ${p.agencyId}, ${p.recipientName}, ${p.postalCode}, ${p.address}, 'awaiting_answer', ${iso(now)}::timestamptz)`);
}

/** The request's dispatch; with `lock`, locked until the caller's transaction ends. */
export async function findPostal(db: Db, requestId: string, lock = false): Promise<PostalRow | undefined> {
  const [row] = await rows<PostalRow>(db, sql`SELECT ${POSTAL_COLS} FROM postal_dispatches WHERE request_id = ${requestId}${lock ? sql` FOR UPDATE` : sql``}`);
  return row && postalOf(row);
}

/** The answer is issued: the dispatch awaiting it becomes due now, with the answer's document. False when none was awaiting. */
/** The answer issued for a dispatch awaiting it: its document, which goes to the post once signed (markDueByDocument). */
export async function noteAnswerDocument(db: Db, requestId: string, documentId: string): Promise<boolean> {
  const done = await rows(db, sql`
    UPDATE postal_dispatches SET document_id = ${documentId}
     WHERE request_id = ${requestId} AND status = 'awaiting_answer' RETURNING 1`);
  return done.length > 0;
}

/** A dispatch awaiting its answer, whose answer document has just been signed, is due now. */
export async function markDueByDocument(db: Db, documentId: string, now: Date): Promise<{ requestId: string; agencyId: string } | undefined> {
  const [done] = await rows<{ requestId: string; agencyId: string }>(db, sql`
    UPDATE postal_dispatches SET status = 'due', next_attempt_at = ${iso(now)}::timestamptz
     WHERE document_id = ${documentId} AND status = 'awaiting_answer' RETURNING request_id AS "requestId", agency_id AS "agencyId"`);
  return done;
}

/**
 * Claims up to n due dispatches whose next attempt has come, skipping those another run holds
 * locked: each attempt is counted and its next attempt moved to the end of the lease, so no other
 * run takes it until the holder has recorded the outcome or the lease has run out (a crash).
 */
export async function claimDue(db: Db, n: number, now: Date, leaseUntil: Date): Promise<PostalRow[]> {
  const claimed = await rows<PostalRow>(db, sql`
    UPDATE postal_dispatches SET attempts = attempts + 1, next_attempt_at = ${iso(leaseUntil)}::timestamptz
     WHERE request_id IN (SELECT request_id FROM postal_dispatches WHERE status = 'due' AND next_attempt_at <= ${iso(now)}::timestamptz
                           ORDER BY next_attempt_at, request_id FOR UPDATE SKIP LOCKED LIMIT ${n})
    RETURNING ${POSTAL_COLS}`);
  return claimed.map(postalOf);
}

/** Records the hand-over of the attempt claimed: false when that attempt is no longer the dispatch's (a lease taken over). */
export async function markDispatched(db: Db, requestId: string, attempt: number, postalTracking: string, now: Date): Promise<boolean> {
  const done = await rows(db, sql`
    UPDATE postal_dispatches SET status = 'dispatched', postal_tracking = ${postalTracking}, dispatched_at = ${iso(now)}::timestamptz,
                                 next_attempt_at = NULL, last_error = NULL
     WHERE request_id = ${requestId} AND status = 'due' AND attempts = ${attempt} RETURNING 1`);
  return done.length > 0;
}

/** Records a failed attempt: retried at `retryAt`, or failed for good (retryAt null). False when the attempt is no longer the dispatch's. */
export async function markAttemptFailed(db: Db, requestId: string, attempt: number, error: string, retryAt: Date | null, now: Date): Promise<boolean> {
  const done = await rows(db, sql`
    UPDATE postal_dispatches SET last_error = ${error.slice(0, 500)},
                                 status = CASE WHEN ${retryAt === null}::boolean THEN 'failed' ELSE 'due' END,
                                 next_attempt_at = ${iso(retryAt)}::timestamptz,
                                 failed_at = CASE WHEN ${retryAt === null}::boolean THEN ${iso(now)}::timestamptz END
     WHERE request_id = ${requestId} AND status = 'due' AND attempts = ${attempt} RETURNING 1`);
  return done.length > 0;
}

/** A corrected address for a retried dispatch: the fields given replace the dispatch's own. */
export type PostalCorrection = Partial<Pick<PostalRow, 'recipientName' | 'postalCode' | 'address'>>;

/**
 * The desk staff's retry of a failed dispatch: due now, a fresh round of attempts (the attempt
 * number goes on counting), the error of the last round kept until the next attempt's outcome; a
 * correction replaces the fields it gives and counts a new address revision. Undefined when the
 * dispatch is not failed (a concurrent retry took it first: the row lock makes the others wait and
 * then find it due).
 */
export async function retryFailed(db: Db, requestId: string, correction: PostalCorrection | null, now: Date): Promise<PostalRow | undefined> {
  const [row] = await rows<PostalRow>(db, sql`
    UPDATE postal_dispatches SET status = 'due', next_attempt_at = ${iso(now)}::timestamptz, failed_at = NULL,
                                 retries = retries + 1, attempts_before_retry = attempts,
                                 address_revision = address_revision + ${correction ? 1 : 0},
                                 recipient_name = coalesce(${correction?.recipientName ?? null}, recipient_name),
                                 postal_code = coalesce(${correction?.postalCode ?? null}, postal_code),
                                 address = coalesce(${correction?.address ?? null}, address)
     WHERE request_id = ${requestId} AND status = 'failed' RETURNING ${POSTAL_COLS}`);
  return row && postalOf(row);
}
