import { Readable } from 'node:stream';
import { REQUEST_ATTACHMENT_MAX_BYTES, REQUEST_ATTACHMENT_TYPES, type DocumentAnswer, type RequestDocument, type RequestUpload, type ServiceDocument } from '@dargah/contracts';
import type { Actor, CitizenActor, RequestOrigin } from '../../platform/actor';
import { requireCitizen, systemActor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db, type Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { documentsOfService } from '../catalogue';
import { ServicesError, findPublishedService } from '../services';
import * as reads from './request-rows.service';
import { safeFileName } from './messages.service';
import { mayView } from './requests.policy';
import { RequestsError } from './requests.errors';
import * as repo from './uploads.repository';
import { UploadsError } from './uploads.errors';

/*
 * Documents uploaded with a request (issue 11 item 2): a citizen uploads each document the service's
 * approved card asks for (its bytes must be a PDF, JPEG or PNG of at most 5 MB, the blob store's
 * content check, like a message's attachment); the submission names which upload answers which
 * document and links them to the request in its transaction; each upload is used once.
 */

const UPLOAD_STREAM = 'request_upload';
const DAY_MS = 86_400_000;
/**
 * How long an upload no request uses is kept: a week, for a person who uploads today and submits
 * in a few days. One a draft names stays as long as the draft (drafts do not expire).
 */
export const UPLOAD_RETENTION_MS = 7 * DAY_MS;
/** How many uploads one sweep transaction deletes. */
const SWEEP_BATCH = 100;

export const uploadView = (u: repo.UploadRecord): RequestUpload => ({
  id: u.id,
  serviceId: u.serviceId,
  fileName: u.fileName,
  mediaType: u.mediaType,
  sizeBytes: Number(u.sizeBytes),
  createdAt: u.createdAt.toISOString(),
});

/** The documents a published service's approved card asks for (the apply page's upload controls). */
export async function serviceDocuments(ctx: AppContext, serviceId: string): Promise<{ items: ServiceDocument[] }> {
  const service = await findPublishedService(ctx.database.db, serviceId);
  if (!service?.publishedVersion) throw new ServicesError('SERVICE_NOT_FOUND', { serviceId });
  return { items: await documentsOfService(ctx.database.db, service.catalogueServiceId) };
}

/**
 * A citizen uploads a document for a request to a published service: stored in the blob store only
 * if its bytes are a PDF, JPEG or PNG (BLOB_TYPE_NOT_ALLOWED otherwise, whatever its name or
 * declared type), not empty (BLOB_EMPTY) and at most 5 MB; then recorded with its reference, event
 * and audit entry in one transaction. Unused until a submission names it; swept after
 * UPLOAD_RETENTION_MS unless used or named by a draft (sweepUnusedUploads).
 */
export async function uploadDocument(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  serviceId: string,
  file: { bytes: Buffer; fileName: string },
  claim?: IdempotencyClaim,
): Promise<Replayable<RequestUpload, 201>> {
  requireCitizen(actor);
  const service = await findPublishedService(ctx.database.db, serviceId);
  if (!service?.publishedVersion) throw new ServicesError('SERVICE_NOT_FOUND', { serviceId });
  // The blob store writes through its own connection: outside the transaction (an unrecorded upload is collected by blobs.gc).
  const info = await ctx.blobs.put(Readable.from([file.bytes]), { allowedTypes: REQUEST_ATTACHMENT_TYPES, maxBytes: REQUEST_ATTACHMENT_MAX_BYTES });
  const now = ctx.clock.now();
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, now, async () => {
      await ctx.blobs.addRef(tx.db, info.sha256);
      const u = { citizenId: actor.id, serviceId: service.id, sha256: info.sha256, mediaType: info.mediaType, sizeBytes: info.size, fileName: safeFileName(file.fileName, info.mediaType), createdAt: now };
      const id = await repo.insertUpload(tx.db, u);
      await recordChange(tx, { actor, origin, at: now }, {
        stream: UPLOAD_STREAM,
        id,
        event: 'uploaded',
        audit: 'request_upload.upload',
        agencyId: service.agencyId,
        details: { serviceId: service.id, sha256: info.sha256, mediaType: info.mediaType, sizeBytes: info.size },
      });
      return { status: 201 as const, body: uploadView({ ...u, id, requestId: null, document: null, documentTitle: null }) };
    }),
  );
}

/**
 * One sweep of unused uploads (requests.uploads_sweep): deletes those never linked to a request and
 * older than UPLOAD_RETENTION_MS that no draft of their uploader names, a batch per transaction, each
 * with its blob reference released (blobs.gc removes the content once nothing else references it:
 * the same file uploaded again, a request's document, a message) and its event and audit entry
 * (actor system). Overlapping runs skip each other's rows, so each reference is released once.
 */
export async function sweepUnusedUploads(ctx: AppContext): Promise<{ swept: number }> {
  let swept = 0;
  for (;;) {
    const now = ctx.clock.now();
    const batch = await withTransaction(ctx.database, async (tx) => {
      const gone = await repo.deleteUnusedUploads(tx.db, new Date(now.getTime() - UPLOAD_RETENTION_MS), SWEEP_BATCH);
      for (const u of gone) {
        await ctx.blobs.release(tx.db, u.sha256);
        await recordChange(tx, { actor: systemActor, origin: {}, at: now }, {
          stream: UPLOAD_STREAM,
          id: u.id,
          event: 'swept',
          audit: 'request_upload.sweep',
          agencyId: u.agencyId,
          details: { serviceId: u.serviceId, sha256: u.sha256, sizeBytes: u.sizeBytes, uploadedAt: u.createdAt.toISOString() },
        });
      }
      return gone.length;
    });
    swept += batch;
    if (batch < SWEEP_BATCH) return { swept };
  }
}

/** The answers with their upload ids as stored: a UUID's letters are case-insensitive, so one typed in upper case names the same upload. */
export const canonicalAnswers = <T extends { uploadId: string }>(answers: readonly T[]): T[] => answers.map((a) => ({ ...a, uploadId: a.uploadId.toLowerCase() }));

/**
 * The documents a submission names, checked against the card's list before anything is stored:
 * each must be one of the card's documents, at most one upload each (REQUEST_DOCUMENT_UNKNOWN), and
 * every mandatory one answered (REQUEST_DOCUMENT_MISSING, each at its document). Returns the answers
 * with the titles to record.
 */
export function checkDocumentAnswers(asked: readonly ServiceDocument[], answers: readonly DocumentAnswer[]): Array<{ uploadId: string; document: number; title: string }> {
  const byIndex = new Map(asked.map((d) => [d.index, d]));
  const seen = new Set<number>();
  const unknown = answers.filter((a) => !byIndex.has(a.document) || seen.has(a.document) || !seen.add(a.document));
  if (unknown.length > 0)
    throw new UploadsError('REQUEST_DOCUMENT_UNKNOWN', { documents: unknown.map((a) => ({ field: `body.documents.${answers.indexOf(a)}`, document: a.document })) });
  const missing = asked.filter((d) => d.mandatory && !seen.has(d.index));
  if (missing.length > 0)
    throw new UploadsError('REQUEST_DOCUMENT_MISSING', { documents: missing.map((d) => ({ field: `documents.${d.index}`, document: d.index, title: d.title })) });
  return canonicalAnswers(answers).map((a) => ({ uploadId: a.uploadId, document: a.document, title: byIndex.get(a.document)!.title }));
}

/**
 * Links the submission's uploads to the new request in its transaction; UPLOAD_UNUSABLE (and the
 * whole submission rolled back) when one is someone else's, another service's or already used.
 */
export async function linkDocuments(tx: Tx, citizen: CitizenActor, serviceId: string, requestId: string, answers: ReadonlyArray<{ uploadId: string; document: number; title: string }>): Promise<void> {
  const linked = await repo.linkUploads(tx.db, citizen.id, serviceId, requestId, answers);
  if (linked.length !== answers.length) throw new UploadsError('UPLOAD_UNUSABLE', { uploadIds: answers.map((a) => a.uploadId).filter((id) => !linked.includes(id)) });
}

const documentView = (u: repo.UploadRecord): RequestDocument => ({
  id: u.id,
  fileName: u.fileName,
  mediaType: u.mediaType,
  sizeBytes: Number(u.sizeBytes),
  createdAt: u.createdAt.toISOString(),
  document: u.document!,
  title: u.documentTitle!,
});

async function visibleRequest(db: Db, actor: Actor, requestId: string) {
  const r = await reads.findRequest(db, requestId);
  if (!r || !mayView(actor, r)) throw new RequestsError('REQUEST_NOT_FOUND', { requestId });
  return r;
}

/** The documents submitted with a request: for its applicant, or desk staff of its agency. */
export async function requestDocuments(ctx: AppContext, actor: Actor, requestId: string): Promise<{ items: RequestDocument[] }> {
  const r = await visibleRequest(ctx.database.db, actor, requestId);
  return { items: (await repo.documentsOfRequest(ctx.database.db, r.id)).map(documentView) };
}

async function opened(ctx: AppContext, u: repo.UploadRecord) {
  const { stream } = await ctx.blobs.open(u.sha256);
  return { stream, mediaType: u.mediaType, fileName: u.fileName, sizeBytes: Number(u.sizeBytes) };
}

/** A document of a request's submission: for its applicant, or desk staff of its agency. */
export async function openRequestDocument(ctx: AppContext, actor: Actor, requestId: string, uploadId: string) {
  const r = await visibleRequest(ctx.database.db, actor, requestId);
  const u = await repo.findUpload(ctx.database.db, uploadId);
  if (!u || u.requestId !== r.id) throw new UploadsError('UPLOAD_NOT_FOUND', { uploadId });
  return opened(ctx, u);
}

/** An upload, for its uploader only (to check it before submitting); anyone else is told it does not exist. */
export async function openOwnUpload(ctx: AppContext, actor: Actor, uploadId: string) {
  requireCitizen(actor);
  const u = await repo.findUpload(ctx.database.db, uploadId);
  if (!u || u.citizenId !== actor.id) throw new UploadsError('UPLOAD_NOT_FOUND', { uploadId });
  return opened(ctx, u);
}
