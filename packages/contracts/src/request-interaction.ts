import { z } from 'zod';
import { RowVersion } from './bounds';

/*
 * Interaction during the work (issue 11 item 6): staff ask the applicant for a correction (form
 * fields to change, documents to add, a message), the applicant replies, and both sides write in
 * the request's thread with attachments.
 */

/** A form field's name as the service's JSON Schema names it. */
const FieldName = z.string().min(1).max(100);
/** A document to add, as staff describe it ("scan of the lease"). */
const DocumentName = z.string().trim().min(1).max(200);

/** Staff ask the applicant for a correction: at least one field or document, and why. */
export const AskCorrection = z
  .object({
    fields: z.array(FieldName).max(50).default([]),
    documents: z.array(DocumentName).max(10).default([]),
    message: z.string().trim().min(1).max(2000),
    version: RowVersion.optional(),
  })
  .strict();
export type AskCorrection = z.infer<typeof AskCorrection>;

/** A field the correction names, with its title and the value on file (the reply form starts from it). */
export const CorrectionField = z.object({ name: z.string(), title: z.string(), current: z.unknown() });

export const Correction = z.object({
  id: z.uuid(),
  fields: z.array(CorrectionField),
  documents: z.array(z.string()),
  message: z.string(),
  askedAt: z.iso.datetime(),
  /** Who asked, as the applicant may see it: a role, never a staff member's name. */
  askedByLabel: z.string(),
  answeredAt: z.iso.datetime().nullable(),
  /** Working days the SLA clock stood still (agency calendar), once answered. */
  pausedWorkingDays: z.number().int().nullable(),
  dueBefore: z.iso.datetime(),
  dueAfter: z.iso.datetime().nullable(),
});
export type Correction = z.infer<typeof Correction>;

export const CorrectionList = z.object({ items: z.array(Correction) });

/** The applicant's reply: the asked fields' new values, optionally a message with attachments (the documents asked). */
export const CorrectionReply = z
  .object({
    form: z.record(z.string(), z.unknown()),
    message: z.string().trim().min(1).max(4000).optional(),
    attachmentIds: z.array(z.uuid()).max(5).default([]),
    version: RowVersion.optional(),
  })
  .strict();
export type CorrectionReply = z.infer<typeof CorrectionReply>;

/** A message to the thread; attachments are uploaded first (POST …/attachments) and named here. */
export const PostRequestMessage = z
  .object({ body: z.string().trim().min(1).max(4000), attachmentIds: z.array(z.uuid()).max(5).default([]) })
  .strict();
export type PostRequestMessage = z.infer<typeof PostRequestMessage>;

export const RequestAttachment = z.object({
  id: z.uuid(),
  fileName: z.string(),
  /** Detected from the content (magic bytes), never from the name or the declared type. */
  mediaType: z.string(),
  sizeBytes: z.number().int(),
});
export type RequestAttachment = z.infer<typeof RequestAttachment>;

export const RequestMessage = z.object({
  id: z.uuid(),
  /** The applicant's side or the agency's. */
  side: z.enum(['applicant', 'agency']),
  /** "You", the applicant, or a staff role — never a staff member's name. */
  authorLabel: z.string(),
  mine: z.boolean(),
  body: z.string(),
  at: z.iso.datetime(),
  attachments: z.array(RequestAttachment),
});
export type RequestMessage = z.infer<typeof RequestMessage>;

/** Largest attachment accepted, in bytes. */
export const REQUEST_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
/** Types an attachment may be, as detected from its bytes. */
export const REQUEST_ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
