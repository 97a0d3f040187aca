import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { Who } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Db, Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { renderDocument, type DocumentData, type DocumentKind, type PaperSize } from '../../platform/pdf';
import { DocumentsError } from './documents.errors';
import * as repo from './documents.repository';
import { newVerificationCode, qrPayload } from './verification-code.model';

/*
 * Document records (issue 10, item 7): every document Dargah issues is rendered once through
 * platform/pdf with its QR code, stored in the blob store and recorded (kind, template version,
 * content hash, status, what it supersedes) with its event and audit entry. Other modules issue in
 * two steps: `prepareDocument` before their transaction, `issueDocument` inside it.
 */

export interface IssueInput<K extends DocumentKind> {
  kind: K;
  agencyId: string;
  /** The kind's data without the QR code: this module puts its own on the first page. */
  data: Omit<DocumentData[K], 'qr'>;
  /** An earlier document of the same agency this one replaces (it becomes superseded). */
  supersedes?: string;
  paper?: PaperSize;
}

export interface IssuedDocument {
  id: string;
  verificationCode: string;
  sha256: string;
  pages: number;
  templateVersion: string;
  pdf: Buffer;
}

/** A document rendered and stored, ready to be recorded by `issueDocument` in a transaction. */
export interface PreparedDocument extends IssuedDocument {
  kind: DocumentKind;
  title: string;
  agencyId: string;
  templateOrigin: 'repo' | 'agency';
  supersedes: string | null;
}

/** The bytes stored at a blob address. Outside any transaction (the blob store uses its own connection). */
export async function readPdf(ctx: AppContext, sha256: string): Promise<Buffer> {
  const { stream } = await ctx.blobs.open(sha256);
  return buffer(stream);
}

/** Stores a PDF in the blob store, outside any transaction; `addRef` in the recording one keeps it. */
export async function putPdf(ctx: AppContext, pdf: Uint8Array): Promise<string> {
  return (await ctx.blobs.put(Readable.from([Buffer.from(pdf)]), { allowedTypes: ['application/pdf'] })).sha256;
}

/**
 * Step one of issuing, before the caller's transaction: renders the document through platform/pdf
 * with this module's QR code on the first page (the short verification address and the document's
 * id: verification-code.model.ts) and stores the PDF in the blob store. Rendering and storing are
 * CPU and file work, and the blob store writes through its own connection, so they cannot run
 * inside a transaction on the embedded database. Refusals: platform/pdf's codes for bad data.
 * An unrecorded PDF has no reference and is removed by the blobs.gc job.
 */
export async function prepareDocument<K extends DocumentKind>(ctx: AppContext, input: IssueInput<K>): Promise<PreparedDocument> {
  const id = randomUUID();
  const verificationCode = newVerificationCode();
  const qr = { payload: qrPayload(ctx.config.PUBLIC_BASE_URL, verificationCode, id), caption: `کد تصدیق: ${verificationCode}` };
  const data = { ...input.data, qr } as DocumentData[K];
  const rendered = await renderDocument(input.kind, data, { ...(input.paper ? { paper: input.paper } : {}), agencyId: input.agencyId });
  const sha256 = await putPdf(ctx, rendered.pdf);
  return {
    id,
    verificationCode,
    sha256,
    pages: rendered.pages,
    templateVersion: rendered.template.version,
    templateOrigin: rendered.template.origin,
    pdf: rendered.pdf,
    kind: input.kind,
    title: input.data.title.trim().slice(0, 300),
    agencyId: input.agencyId,
    supersedes: input.supersedes ?? null,
  };
}

/**
 * Step two, in the caller's transaction: records the prepared document (kind, template version,
 * content hash, blob reference, what it supersedes) with its event and audit entry. Refusals:
 * DOCUMENT_NOT_FOUND for an unknown (or another agency's) document to supersede,
 * DOCUMENT_ALREADY_SUPERSEDED when that one was replaced or revoked already.
 */
export async function issueDocument(ctx: AppContext, tx: Tx, who: Who, doc: PreparedDocument): Promise<IssuedDocument> {
  const previous = doc.supersedes ? await repo.findDocument(tx.db, doc.supersedes, true) : undefined;
  if (doc.supersedes && (!previous || previous.agencyId !== doc.agencyId)) throw new DocumentsError('DOCUMENT_NOT_FOUND', { documentId: doc.supersedes });
  if (previous && previous.status !== 'issued') throw new DocumentsError('DOCUMENT_ALREADY_SUPERSEDED', { documentId: previous.id, status: previous.status });
  await ctx.blobs.addRef(tx.db, doc.sha256);
  await repo.insertDocument(
    tx.db,
    {
      id: doc.id,
      agencyId: doc.agencyId,
      kind: doc.kind,
      title: doc.title,
      verificationCode: doc.verificationCode,
      templateOrigin: doc.templateOrigin,
      templateVersion: doc.templateVersion,
      pages: doc.pages,
      sha256: doc.sha256,
      supersedes: previous?.id ?? null,
      createdBy: who.actor.type === 'staff' ? who.actor.id : null,
    },
    who.at,
  );
  const details = { kind: doc.kind, templateVersion: doc.templateVersion, sha256: doc.sha256, verificationCode: doc.verificationCode, supersedes: previous?.id ?? null };
  await recordChange(tx, who, { stream: 'document', id: doc.id, event: 'issued', audit: 'document.issue', agencyId: doc.agencyId, details });
  if (previous) {
    await repo.markSuperseded(tx.db, previous.id, doc.id, who.at);
    await recordChange(tx, who, { stream: 'document', id: previous.id, event: 'superseded', audit: 'document.supersede', agencyId: previous.agencyId, details: { supersededBy: doc.id } });
  }
  const { id, verificationCode, sha256, pages, templateVersion, pdf } = doc;
  return { id, verificationCode, sha256, pages, templateVersion, pdf };
}

/** Revokes an issued document with a reason (the verification page then says so). */
export async function revokeDocument(tx: Tx, who: Who, documentId: string, reason: string): Promise<void> {
  // eslint-disable-next-line no-control-regex
  if (reason.trim().length < 2 || reason.length > 1000 || /[\u0000-\u001f\u007f]/.test(reason)) throw new DocumentsError('VALIDATION_FAILED', { field: 'reason' });
  const doc = await repo.findDocument(tx.db, documentId, true);
  if (!doc) throw new DocumentsError('DOCUMENT_NOT_FOUND', { documentId });
  if (doc.status !== 'issued') throw new DocumentsError('DOCUMENT_ALREADY_SUPERSEDED', { documentId, status: doc.status });
  await repo.markRevoked(tx.db, documentId, reason, who.at);
  await recordChange(tx, who, { stream: 'document', id: documentId, event: 'revoked', audit: 'document.revoke', agencyId: doc.agencyId, details: { reason } });
}

/** What another module shows of a document it issued: status, signatures, the current PDF's address. */
export interface DocumentFacts {
  id: string;
  verificationCode: string;
  status: repo.DocumentStatus;
  signatureCount: number;
  contentSha256: string;
}

/** The facts of documents by id (absent ids are left out), in the caller's db or transaction. */
/** Of these documents, the ids of those signed at least once. */
export const signedDocuments = (db: Db, ids: readonly string[]) => repo.signedDocumentIds(db, ids);

export async function documentFacts(db: Db, ids: readonly string[]): Promise<Map<string, DocumentFacts>> {
  const found = await Promise.all([...new Set(ids)].map((id) => repo.findDocument(db, id)));
  return new Map(
    found.flatMap((d) => (d ? [[d.id, { id: d.id, verificationCode: d.verificationCode, status: d.status, signatureCount: d.signatureCount, contentSha256: d.contentSha256 }] as const] : [])),
  );
}
