import { sql } from 'drizzle-orm';
import { date, iso, json, jsonb, list, rows, type Db } from '../../platform/db';

/*
 * Documents uploaded with a request and the server drafts (migration 0040).
 */

export interface UploadRecord {
  id: string;
  citizenId: string;
  serviceId: string;
  sha256: string;
  mediaType: string;
  sizeBytes: number;
  fileName: string;
  createdAt: Date;
  requestId: string | null;
  document: number | null;
  documentTitle: string | null;
}

const UPLOAD = sql`
  SELECT id, citizen_id AS "citizenId", service_id AS "serviceId", sha256, media_type AS "mediaType", size_bytes::int AS "sizeBytes",
         file_name AS "fileName", created_at AS "createdAt", request_id AS "requestId", document, document_title AS "documentTitle"
    FROM request_uploads`;
const fix = (u: UploadRecord): UploadRecord => ({ ...u, createdAt: date(u.createdAt) });

export async function insertUpload(
  db: Db,
  u: { citizenId: string; serviceId: string; sha256: string; mediaType: string; sizeBytes: number; fileName: string; createdAt: Date },
): Promise<string> {
  const [row] = await rows<{ id: string }>(db, sql`
    INSERT INTO request_uploads (citizen_id, service_id, sha256, media_type, size_bytes, file_name, created_at)
    VALUES (${u.citizenId}, ${u.serviceId}, ${u.sha256}, ${u.mediaType}, ${u.sizeBytes}, ${u.fileName}, ${iso(u.createdAt)}::timestamptz)
    RETURNING id`);
  return row!.id;
}

export async function findUpload(db: Db, id: string): Promise<UploadRecord | undefined> {
  const [row] = await rows<UploadRecord>(db, sql`${UPLOAD} WHERE id = ${id}`);
  return row && fix(row);
}

/**
 * Uploads by id (unknown ids are absent). `forShare` holds them against the sweep until the caller's
 * transaction ends: a draft saved naming an upload either sees it swept or keeps it.
 */
export async function uploadsByIds(db: Db, ids: readonly string[], forShare = false): Promise<UploadRecord[]> {
  if (ids.length === 0) return [];
  return (await rows<UploadRecord>(db, sql`${UPLOAD} WHERE id = ANY(${list(ids)}::uuid[]) ORDER BY created_at, id ${forShare ? sql`FOR SHARE` : sql``}`)).map(fix);
}

/** A request's documents, in the card's order. */
export async function documentsOfRequest(db: Db, requestId: string): Promise<UploadRecord[]> {
  return (await rows<UploadRecord>(db, sql`${UPLOAD} WHERE request_id = ${requestId} ORDER BY document, id`)).map(fix);
}

/**
 * Links the citizen's unused uploads for the service to the request, each with the card document it
 * answers; the ids linked (someone else's, another service's or an upload already used is left out).
 * The row lock makes a second submission naming the same upload wait, then find it used.
 */
export async function linkUploads(
  db: Db,
  citizenId: string,
  serviceId: string,
  requestId: string,
  answers: ReadonlyArray<{ uploadId: string; document: number; title: string }>,
): Promise<string[]> {
  if (answers.length === 0) return [];
  const r = await rows<{ id: string }>(db, sql`
    UPDATE request_uploads u SET request_id = ${requestId}, document = a.document, document_title = a.title
      FROM jsonb_to_recordset(${jsonb(answers)}::jsonb) AS a("uploadId" uuid, document int, title text)
     WHERE u.id = a."uploadId" AND u.citizen_id = ${citizenId} AND u.service_id = ${serviceId} AND u.request_id IS NULL
    RETURNING u.id`);
  return r.map((x) => x.id);
}

/** An unused upload deleted by the sweep, with its service's agency (its audit chain). */
export interface SweptUpload {
  id: string;
  serviceId: string;
  agencyId: string;
  sha256: string;
  sizeBytes: number;
  createdAt: Date;
}

/**
 * Deletes up to `limit` uploads never linked to a request and created before `cutoff`, except those
 * a draft of their uploader for their service names (its id compared as text, case folded: drafts
 * saved before ids were kept in lower case hold them as the client spelled them); returns them (their blob references are the
 * caller's to release in this transaction). FOR UPDATE SKIP LOCKED: an upload another sweep, a
 * submission linking it or a draft save holds is left to a later run, so each is deleted once.
 */
export async function deleteUnusedUploads(db: Db, cutoff: Date, limit: number): Promise<SweptUpload[]> {
  const r = await rows<SweptUpload>(db, sql`
    DELETE FROM request_uploads u USING services s
     WHERE s.id = u.service_id AND u.id IN (
       SELECT x.id FROM request_uploads x
        WHERE x.request_id IS NULL AND x.created_at < ${iso(cutoff)}::timestamptz
          AND NOT EXISTS (SELECT 1 FROM request_drafts d
                           WHERE d.citizen_id = x.citizen_id AND d.service_id = x.service_id
                             AND EXISTS (SELECT 1 FROM jsonb_array_elements(d.documents) e WHERE lower(e->>'uploadId') = x.id::text))
        ORDER BY x.created_at, x.id LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
    RETURNING u.id, u.service_id AS "serviceId", s.agency_id AS "agencyId", u.sha256, u.size_bytes::int AS "sizeBytes", u.created_at AS "createdAt"`);
  return r.map((u) => ({ ...u, createdAt: date(u.createdAt) }));
}

// Drafts ----------------------------------------------------------------------------------------

export interface DraftRecord {
  citizenId: string;
  serviceId: string;
  serviceVersion: number;
  form: Record<string, unknown>;
  documents: Array<{ document: number; uploadId: string }>;
  version: number;
  updatedAt: Date;
}

const DRAFT = sql`
  SELECT citizen_id AS "citizenId", service_id AS "serviceId", service_version AS "serviceVersion", form, documents, version, updated_at AS "updatedAt"
    FROM request_drafts`;
const fixDraft = (d: DraftRecord): DraftRecord => ({ ...d, form: json(d.form), documents: json(d.documents), updatedAt: date(d.updatedAt) });

export async function findDraft(db: Db, citizenId: string, serviceId: string): Promise<DraftRecord | undefined> {
  const [row] = await rows<DraftRecord>(db, sql`${DRAFT} WHERE citizen_id = ${citizenId} AND service_id = ${serviceId}`);
  return row && fixDraft(row);
}

/** Creates the draft; false when the person already has one for the service. */
export async function insertDraft(db: Db, d: Omit<DraftRecord, 'version' | 'updatedAt'>, now: Date): Promise<boolean> {
  const r = await rows<{ version: number }>(db, sql`
    INSERT INTO request_drafts (citizen_id, service_id, service_version, form, documents, created_at, updated_at)
    VALUES (${d.citizenId}, ${d.serviceId}, ${d.serviceVersion}, ${jsonb(d.form)}::jsonb, ${jsonb(d.documents)}::jsonb, ${iso(now)}::timestamptz, ${iso(now)}::timestamptz)
    ON CONFLICT (citizen_id, service_id) DO NOTHING
    RETURNING version`);
  return r.length === 1;
}

/** Saves over the draft at row version `expected`; false when it is not (any more) at that version. */
export async function updateDraft(db: Db, d: Omit<DraftRecord, 'version' | 'updatedAt'>, expected: number, now: Date): Promise<boolean> {
  const r = await rows<{ version: number }>(db, sql`
    UPDATE request_drafts SET service_version = ${d.serviceVersion}, form = ${jsonb(d.form)}::jsonb, documents = ${jsonb(d.documents)}::jsonb,
           version = version + 1, updated_at = ${iso(now)}::timestamptz
     WHERE citizen_id = ${d.citizenId} AND service_id = ${d.serviceId} AND version = ${expected}
    RETURNING version`);
  return r.length === 1;
}

/** Deletes the draft (at row version `expected` when given); false when there was none (at that version). */
export async function deleteDraft(db: Db, citizenId: string, serviceId: string, expected?: number): Promise<boolean> {
  const r = await rows<{ version: number }>(db, sql`
    DELETE FROM request_drafts WHERE citizen_id = ${citizenId} AND service_id = ${serviceId}
       ${expected === undefined ? sql`` : sql`AND version = ${expected}`}
    RETURNING version`);
  return r.length === 1;
}

/** The form data of the person's latest requests of a service (once-only prefill), newest first. */
export async function earlierForms(db: Db, applicantId: string, onBehalfOfId: string | null, serviceId: string, limit = 5): Promise<Array<Record<string, unknown>>> {
  const r = await rows<{ form: unknown }>(db, sql`
    SELECT form FROM service_requests
     WHERE applicant_id = ${applicantId} AND service_id = ${serviceId}
       AND ${onBehalfOfId === null ? sql`on_behalf_of_id IS NULL` : sql`on_behalf_of_id = ${onBehalfOfId}`}
     ORDER BY submitted_at DESC, id DESC LIMIT ${limit}`);
  return r.map((x) => json<Record<string, unknown>>(x.form));
}
