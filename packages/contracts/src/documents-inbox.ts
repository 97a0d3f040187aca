import { z } from 'zod';
import { DocumentStatus, SignerKey } from './documents';

/*
 * Documents in the staff workspace (issue 10): the documents of my agencies waiting for my
 * signature, one document's record with its signatures, and the locked signing keys an agency's
 * administrators may unlock.
 */

export const DOCUMENT_KIND_NAMES = ['receipt', 'letter', 'report', 'answer'] as const;
export const DocumentKindName = z.enum(DOCUMENT_KIND_NAMES);

/** One page of a list: `cursor` is the previous page's `nextCursor`. */
export const DocumentPageQuery = z
  .object({
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{10,200}$/)
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const DocumentSummary = z.object({
  id: z.uuid(),
  kind: DocumentKindName,
  title: z.string(),
  verificationCode: z.string(),
  status: DocumentStatus,
  agency: z.object({ id: z.uuid(), name: z.string() }),
  pages: z.number().int(),
  signatureCount: z.number().int(),
  issuedAt: z.string(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;
export const DocumentSummaryPage = z.object({ items: z.array(DocumentSummary), nextCursor: z.string().nullable() });
export type DocumentSummaryPage = z.infer<typeof DocumentSummaryPage>;

export const DocumentSignatureRecord = z.object({
  seq: z.number().int(),
  signerName: z.string(),
  signerRole: z.string(),
  issuer: z.string(),
  signedAt: z.string(),
  mine: z.boolean(),
});

/** One document as its agency's staff see it, and what the reader may do with it. */
export const DocumentDetail = DocumentSummary.extend({
  supersedes: z.uuid().nullable(),
  supersededBy: z.uuid().nullable(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  signatures: z.array(DocumentSignatureRecord),
  /** The reader's signing key in the document's agency: none, or its status and wrong PINs so far. */
  myKey: z.object({ id: z.uuid(), status: z.string(), failedPinCount: z.number().int() }).nullable(),
  /** The reader has signed it already. */
  signedByMe: z.boolean(),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;

export const PdfDisposition = z
  .object({ disposition: z.enum(['attachment', 'inline']).default('attachment') })
  .strict();

/** A locked key as its agency's administrators see it: whose it is. */
export const LockedSignerKey = SignerKey.extend({ staff: z.object({ id: z.uuid(), name: z.string() }) });
export type LockedSignerKey = z.infer<typeof LockedSignerKey>;
export const LockedSignerKeyList = z.object({ items: z.array(LockedSignerKey) });
