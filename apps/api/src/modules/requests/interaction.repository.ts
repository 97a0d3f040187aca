import type { RequestStatus } from '@dargah/contracts';
import { sql } from 'drizzle-orm';
import { date, dateOrNull, iso, jsonb, list, rows, type Db } from '../../platform/db';

/*
 * Corrections (each an SLA pause), the request's thread and its attachments (migration 0035).
 */

export interface CorrectionRecord {
  id: string;
  requestId: string;
  agencyId: string;
  askedBy: string;
  askedAs: string;
  fields: string[];
  documents: string[];
  message: string;
  askedAt: Date;
  answeredAt: Date | null;
  pausedWorkingDays: number | null;
  dueBefore: Date;
  dueAfter: Date | null;
}

const CORRECTION = sql`
  SELECT id, request_id AS "requestId", agency_id AS "agencyId", asked_by AS "askedBy", asked_as AS "askedAs", fields, documents,
         message, asked_at AS "askedAt", answered_at AS "answeredAt", paused_working_days AS "pausedWorkingDays",
         due_before AS "dueBefore", due_after AS "dueAfter"
    FROM request_corrections`;

const fixCorrection = (c: CorrectionRecord): CorrectionRecord => ({
  ...c,
  askedAt: date(c.askedAt),
  answeredAt: dateOrNull(c.answeredAt),
  dueBefore: date(c.dueBefore),
  dueAfter: dateOrNull(c.dueAfter),
});

export async function insertCorrection(
  db: Db,
  c: { requestId: string; agencyId: string; askedBy: string; askedAs: string; fields: string[]; documents: string[]; message: string; askedAt: Date; dueBefore: Date },
): Promise<string> {
  const [row] = await rows<{ id: string }>(db, sql`
    INSERT INTO request_corrections (request_id, agency_id, asked_by, asked_as, fields, documents, message, asked_at, due_before)
    VALUES (${c.requestId}, ${c.agencyId}, ${c.askedBy}, ${c.askedAs}, ${list(c.fields)}::text[], ${list(c.documents)}::text[], ${c.message},
            ${iso(c.askedAt)}::timestamptz, ${iso(c.dueBefore)}::timestamptz)
    RETURNING id`);
  return row!.id;
}

/** The request's open correction (at most one: a unique index). */
export async function openCorrection(db: Db, requestId: string): Promise<CorrectionRecord | undefined> {
  const [row] = await rows<CorrectionRecord>(db, sql`${CORRECTION} WHERE request_id = ${requestId} AND answered_at IS NULL`);
  return row && fixCorrection(row);
}

/** Every correction of a request, oldest first. */
export async function corrections(db: Db, requestId: string): Promise<CorrectionRecord[]> {
  return (await rows<CorrectionRecord>(db, sql`${CORRECTION} WHERE request_id = ${requestId} ORDER BY asked_at, id`)).map(fixCorrection);
}

/** Closes the pause: answered, how many working days it lasted, the answer date after it. */
export async function answerCorrection(db: Db, id: string, a: { answeredAt: Date; answeredBy: string; pausedWorkingDays: number; dueAfter: Date }): Promise<boolean> {
  const r = await rows<{ id: string }>(db, sql`
    UPDATE request_corrections
       SET answered_at = ${iso(a.answeredAt)}::timestamptz, answered_by = ${a.answeredBy}, paused_working_days = ${a.pausedWorkingDays},
           due_after = ${iso(a.dueAfter)}::timestamptz
     WHERE id = ${id} AND answered_at IS NULL
    RETURNING id`);
  return r.length === 1;
}

/** Moves a request between review and waiting for the applicant (the form and answer date with it), only at `version`. */
export async function moveRequest(
  db: Db,
  id: string,
  version: number,
  next: { status: RequestStatus; form?: Record<string, unknown>; dueAt?: Date; unitId?: string | null; paused?: { workingDays: number; calendarDays: number } },
  now: Date,
): Promise<boolean> {
  // A reply ends a pause: its days join the request's paused days (subtracted from its answer's duration when decided).
  const r = await rows<{ id: string }>(db, sql`
    UPDATE service_requests
       SET status = ${next.status},
           paused_working_days = paused_working_days + ${next.paused?.workingDays ?? 0}::integer,
           paused_calendar_days = paused_calendar_days + ${next.paused?.calendarDays ?? 0}::integer,
           form = COALESCE(${jsonb(next.form)}::jsonb, form),
           due_at = COALESCE(${iso(next.dueAt)}::timestamptz, due_at),
           unit_id = COALESCE(unit_id, ${next.unitId ?? null}::uuid),
           version = version + 1, updated_at = ${iso(now)}::timestamptz
     WHERE id = ${id} AND version = ${version}
    RETURNING id`);
  return r.length === 1;
}

// The thread ------------------------------------------------------------------------------------

export interface MessageRecord {
  id: string;
  requestId: string;
  authorType: 'citizen' | 'staff';
  authorId: string;
  authorRole: string | null;
  onBehalfOfId: string | null;
  body: string;
  createdAt: Date;
}

export async function insertMessage(
  db: Db,
  m: { requestId: string; agencyId: string; authorType: 'citizen' | 'staff'; authorId: string; authorRole: string | null; onBehalfOfId: string | null; body: string; createdAt: Date },
): Promise<string> {
  const [row] = await rows<{ id: string }>(db, sql`
    INSERT INTO request_messages (request_id, agency_id, author_type, author_id, author_role, on_behalf_of_id, body, created_at)
    VALUES (${m.requestId}, ${m.agencyId}, ${m.authorType}, ${m.authorId}, ${m.authorRole}, ${m.onBehalfOfId}, ${m.body}, ${iso(m.createdAt)}::timestamptz)
    RETURNING id`);
  return row!.id;
}

export interface MessageKeyset {
  createdAt: Date;
  id: string;
}

const MESSAGE = sql`
  SELECT id, request_id AS "requestId", author_type AS "authorType", author_id AS "authorId", author_role AS "authorRole",
         on_behalf_of_id AS "onBehalfOfId", body, created_at AS "createdAt"
    FROM request_messages`;

export async function findMessage(db: Db, id: string): Promise<MessageRecord | undefined> {
  const [m] = await rows<MessageRecord>(db, sql`${MESSAGE} WHERE id = ${id}`);
  return m && { ...m, createdAt: date(m.createdAt) };
}

/** A request's messages, oldest first, after a keyset; one more than `limit` tells there is a next page. */
export async function messages(db: Db, requestId: string, after: MessageKeyset | undefined, limit: number): Promise<MessageRecord[]> {
  const r = await rows<MessageRecord>(db, sql`${MESSAGE}
     WHERE request_id = ${requestId}
       ${after ? sql`AND (created_at, id) > (${iso(after.createdAt)}::timestamptz, ${after.id}::uuid)` : sql``}
     ORDER BY created_at, id
     LIMIT ${limit + 1}`);
  return r.map((m) => ({ ...m, createdAt: date(m.createdAt) }));
}

export interface AttachmentRecord {
  id: string;
  requestId: string;
  messageId: string | null;
  uploadedByType: 'citizen' | 'staff';
  uploadedBy: string;
  sha256: string;
  mediaType: string;
  sizeBytes: number;
  fileName: string;
}

const ATTACHMENT = sql`
  SELECT id, request_id AS "requestId", message_id AS "messageId", uploaded_by_type AS "uploadedByType", uploaded_by AS "uploadedBy",
         sha256, media_type AS "mediaType", size_bytes::int AS "sizeBytes", file_name AS "fileName"
    FROM request_attachments`;

export async function insertAttachment(
  db: Db,
  a: { requestId: string; uploadedByType: 'citizen' | 'staff'; uploadedBy: string; sha256: string; mediaType: string; sizeBytes: number; fileName: string; createdAt: Date },
): Promise<string> {
  const [row] = await rows<{ id: string }>(db, sql`
    INSERT INTO request_attachments (request_id, uploaded_by_type, uploaded_by, sha256, media_type, size_bytes, file_name, created_at)
    VALUES (${a.requestId}, ${a.uploadedByType}, ${a.uploadedBy}, ${a.sha256}, ${a.mediaType}, ${a.sizeBytes}, ${a.fileName}, ${iso(a.createdAt)}::timestamptz)
    RETURNING id`);
  return row!.id;
}

export async function findAttachment(db: Db, requestId: string, id: string): Promise<AttachmentRecord | undefined> {
  const [row] = await rows<AttachmentRecord>(db, sql`${ATTACHMENT} WHERE request_id = ${requestId} AND id = ${id}`);
  return row;
}

/**
 * Attaches the uploader's unattached uploads on the request to a message; the ids attached (an id
 * that is someone else's, another request's or already attached is left out).
 */
export async function attachToMessage(db: Db, requestId: string, uploader: { type: 'citizen' | 'staff'; id: string }, ids: readonly string[], messageId: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const r = await rows<{ id: string }>(db, sql`
    UPDATE request_attachments SET message_id = ${messageId}
     WHERE request_id = ${requestId} AND id = ANY(${list(ids)}::uuid[]) AND message_id IS NULL
       AND uploaded_by_type = ${uploader.type} AND uploaded_by = ${uploader.id}
    RETURNING id`);
  return r.map((x) => x.id);
}

/** The attachments of some messages. */
export async function attachmentsOf(db: Db, messageIds: readonly string[]): Promise<AttachmentRecord[]> {
  if (messageIds.length === 0) return [];
  return rows<AttachmentRecord>(db, sql`${ATTACHMENT} WHERE message_id = ANY(${list(messageIds)}::uuid[]) ORDER BY created_at, id`);
}
