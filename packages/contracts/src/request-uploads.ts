import { z } from 'zod';
import { RowVersion } from './bounds';

/*
 * Documents uploaded with a request (issue 11 item 2), server drafts that resume on another device
 * and once-only prefill. A document is uploaded first (POST /request-uploads, its type detected from
 * its bytes like a message's attachment) and named in the submission (or the draft) as the answer
 * to one of the documents the service's approved catalogue card asks for, by its place in the card's
 * list.
 */

/** A document the service's approved card asks for: `index` is its place in the card's list (what a submission names). */
export const ServiceDocument = z.object({
  index: z.number().int().min(0),
  title: z.string(),
  /** A submission without it is refused (REQUEST_DOCUMENT_MISSING). */
  mandatory: z.boolean(),
});
export type ServiceDocument = z.infer<typeof ServiceDocument>;
export const ServiceDocumentList = z.object({ items: z.array(ServiceDocument) });

/** An uploaded document: the type detected from its content, never from the name or the declared type. */
export const RequestUpload = z.object({
  id: z.uuid(),
  serviceId: z.uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type RequestUpload = z.infer<typeof RequestUpload>;

/** Which upload answers which of the card's documents. */
export const DocumentAnswer = z.object({ document: z.number().int().min(0).max(199), uploadId: z.uuid() }).strict();
export type DocumentAnswer = z.infer<typeof DocumentAnswer>;
export const DocumentAnswers = z.array(DocumentAnswer).max(200);

/** A document of a submitted request, as its applicant and the agency's desk staff see it. */
export const RequestDocument = RequestUpload.omit({ serviceId: true }).extend({ document: z.number().int(), title: z.string() });
export type RequestDocument = z.infer<typeof RequestDocument>;
export const RequestDocumentList = z.object({ items: z.array(RequestDocument) });

/** What a draft holds: the form as typed so far (not yet checked) and the documents uploaded for it. */
export const PutRequestDraft = z
  .object({ form: z.record(z.string(), z.unknown()), documents: DocumentAnswers.default([]) })
  .strict();
export type PutRequestDraft = z.infer<typeof PutRequestDraft>;

/** A person's draft of a service's request, saved on the server. */
export const RequestDraft = z.object({
  serviceId: z.uuid(),
  /** The service version the draft was last saved on. */
  serviceVersion: z.number().int().min(1),
  /** The draft's row version: send it back as If-Match to save over it. */
  version: RowVersion,
  form: z.record(z.string(), z.unknown()),
  documents: z.array(RequestUpload.extend({ document: z.number().int() })),
  updatedAt: z.iso.datetime(),
  /** The form has changed since the draft was saved (a newer version is published): fields of the draft the form no longer has. */
  formChanged: z.boolean(),
  droppedFields: z.array(z.string()),
});
export type RequestDraft = z.infer<typeof RequestDraft>;

/** Known data for a service's form (once-only): each value with where it came from. */
export const PrefillSource = z.enum(['profile', 'earlier_request']);
export const RequestPrefill = z.object({
  fields: z.array(z.object({ field: z.string(), value: z.unknown(), source: PrefillSource })),
});
export type RequestPrefill = z.infer<typeof RequestPrefill>;
