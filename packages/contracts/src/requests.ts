import { z } from 'zod';
import { DeskAvailability, DeskChannels } from './desk';
import { PostalChoice } from './channels';
import { DocumentAnswers } from './request-uploads';
import { FeeRule } from './service-versions';

/**
 * A published service a citizen can apply for at the service desk. Its form is a JSON Schema
 * (draft 2020-12 subset: object with string/number/boolean/enum properties, `required`, titles in
 * Persian) validated with ajv on the server and rendered by the web app.
 */
export const PublicService = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  title: z.string(),
  description: z.string(),
  /** Service norm in working days: the receipt's answer date is computed from it. */
  normDays: z.number().int().min(1),
  formSchema: z.record(z.string(), z.unknown()),
  /** The published version's UI schema (rjsf), shown with the form; `{}` when it has none. */
  uiSchema: z.record(z.string(), z.unknown()),
  recipients: z.enum(['G2C', 'G2B', 'G2G']),
  /** The approved catalogue service id (شناسه خدمت, 11 digits) this desk service delivers, when linked. */
  catalogueServiceId: z.string().nullable(),
  /** Whether it takes new requests (`open`), and if not why (desk.ts); `title` is the approved card's when linked. */
  availability: DeskAvailability,
  /** How the approved card says it is requested and delivered; null when not linked to one. */
  channels: DeskChannels.nullable(),
  /** What applying costs (the published version's fee rule): a fixed fee is paid through the payment gateway before submitting (POST /payments). */
  fee: FeeRule,
  /** The published version sends the answer by post when the applicant chooses it (SubmitRequest.postal). */
  postalDelivery: z.boolean(),
});
export type PublicService = z.infer<typeof PublicService>;

/**
 * A request's status: a state of the workflow definition of the service version it was submitted on
 * (ADR 0034). The simple-approval template's are submitted, in_review, awaiting_applicant, approved
 * and rejected; the other templates and edited definitions name their own.
 */
export const RequestStatus = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);
export type RequestStatus = z.infer<typeof RequestStatus>;

/**
 * `documents`: which upload (POST /request-uploads) answers which document the service's card asks for (request-uploads.ts).
 * `paymentId`: the paid payment of the fee (POST /payments), required when the service's version has a fixed fee; spent by the submission.
 */
export const SubmitRequest = z
  .object({
    serviceId: z.uuid(),
    form: z.record(z.string(), z.unknown()),
    documents: DocumentAnswers.optional(),
    paymentId: z.uuid().optional(),
    /** The answer by post, where the service's published version offers it: to the profile's address, or this one. */
    postal: PostalChoice.optional(),
  })
  .strict();

export const RequestEvent = z.object({
  action: z.string(),
  at: z.iso.datetime(),
  /** Shown to the applicant: who acted, as a role or "you", never a staff member's personal data. */
  actorLabel: z.string(),
  note: z.string().nullable(),
});

/** What the applicant sees, and the receipt. */
export const ServiceRequestView = z.object({
  id: z.uuid(),
  trackingCode: z.string(),
  serviceId: z.uuid(),
  /** The service version it was submitted on: its form and workflow stay that version's. */
  serviceVersion: z.number().int().min(1),
  serviceTitle: z.string(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  status: RequestStatus,
  form: z.record(z.string(), z.unknown()),
  submittedAt: z.iso.datetime(),
  /** Answer due date (Jalali yyyy/mm/dd, ASCII digits) from the norm in working days. */
  dueDateJalali: z.string(),
  dueAt: z.iso.datetime(),
  decisionNote: z.string().nullable(),
  history: z.array(RequestEvent),
});
export type ServiceRequestView = z.infer<typeof ServiceRequestView>;

/** A row of the staff cartable (کارتابل). */
export const CartableItem = z.object({
  id: z.uuid(),
  trackingCode: z.string(),
  serviceTitle: z.string(),
  applicantName: z.string(),
  status: RequestStatus,
  submittedAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  overdue: z.boolean(),
});

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const DecideRequest = z
  .object({ decision: z.enum(['approve', 'reject']), note: z.string().trim().max(2000).optional() })
  .strict();
