import { normalizeDisplay, toAsciiDigits } from '@dargah/persian';
import { z } from 'zod';
import { NationalCode } from './identity';
import { RequestStatus } from './requests';

/*
 * The applicant-facing views of a request outside the signed-in desk (issue 11 §8–10): public
 * tracking by tracking code and national code, the call centre's lookup after an identity check,
 * and the applicant's rating of a closed request with the staff's aggregates.
 */

/** A tracking code as typed: Persian or Arabic digits, spaces and dashes accepted (checked by the API). */
const TypedCode = z.string().max(40);

/** `POST /requests/track`: public tracking (no sign-in). */
export const PublicTrackQuery = z.object({ trackingCode: TypedCode, nationalCode: NationalCode }).strict();

/** A step of the request as the public (and the call centre) may see it: what happened, when, by whom as a role. */
export const TrackingStep = z.object({
  action: z.string(),
  /** The step in plain words (fa or en, the caller's language). */
  label: z.string(),
  /** Who acted, as a role («متقاضی», «کارشناس دستگاه»), never a person's name. */
  actorLabel: z.string(),
  at: z.iso.datetime(),
  /** Jalali date of the step (yyyy/mm/dd, ASCII digits; the screens show Persian digits). */
  dateJalali: z.string(),
});

/** What public tracking answers: nothing of the form, the applicant or the notes. */
export const PublicTracking = z.object({
  trackingCode: z.string(),
  serviceTitle: z.string(),
  status: RequestStatus,
  /** The status in plain words. */
  statusLabel: z.string(),
  /** What is expected of the applicant now. */
  expected: z.string(),
  /** Whether the request is closed (a final status). */
  closed: z.boolean(),
  dueDateJalali: z.string(),
  dueAt: z.iso.datetime(),
  /** Still open after its answer date. */
  overdue: z.boolean(),
  steps: z.array(TrackingStep),
});
export type PublicTracking = z.infer<typeof PublicTracking>;

/**
 * `POST /call-centre/lookups`: what the caller says (tracking code, national code) and, because the
 * applicant's mobile is on file, its last four digits; the operator types them as heard.
 */
export const CallCentreLookupQuery = z
  .object({
    trackingCode: TypedCode,
    nationalCode: NationalCode,
    mobileLast4: z
      .string()
      .transform((s) => toAsciiDigits(s).replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^\d{4}$/)),
  })
  .strict();

/** The call centre's answer: the public view and the agency it belongs to. */
export const CallCentreLookup = PublicTracking.extend({ agencyName: z.string() });
export type CallCentreLookup = z.infer<typeof CallCentreLookup>;

/** `GET /call-centre`: the agencies whose requests the operator may look up, and the limit per minute. */
export const CallCentreDesk = z.object({
  agencies: z.array(z.object({ id: z.uuid(), name: z.string() })),
  lookupsPerMinute: z.number().int(),
});
export type CallCentreDesk = z.infer<typeof CallCentreDesk>;

export const FEEDBACK_COMMENT_MAX = 1000;

/** `POST /requests/:id/feedback`: 1–5 and an optional comment (normalised; an empty one counts as none). */
export const GiveFeedback = z
  .object({
    rating: z.number().int().min(1).max(5),
    comment: z
      .string()
      .max(FEEDBACK_COMMENT_MAX * 2)
      .transform((s) => normalizeDisplay(s))
      .pipe(z.string().max(FEEDBACK_COMMENT_MAX))
      .optional(),
  })
  .strict();

export const Feedback = z.object({
  requestId: z.uuid(),
  rating: z.number().int().min(1).max(5),
  comment: z.string().nullable(),
  givenAt: z.iso.datetime(),
});
export type Feedback = z.infer<typeof Feedback>;

/** `GET /requests/:id/feedback`: the applicant's rating if given, and whether one may be given now. */
export const FeedbackState = z.object({ feedback: Feedback.nullable(), mayRate: z.boolean() });
export type FeedbackState = z.infer<typeof FeedbackState>;

/** One group of ratings: how many, their mean, how many of each star. */
export const RatingSummary = z.object({
  count: z.number().int(),
  mean: z.number().nullable(),
  /** counts of 1, 2, 3, 4 and 5 stars, in that order */
  stars: z.array(z.number().int()).length(5),
});
export const FeedbackSummary = z.object({
  agencies: z.array(RatingSummary.extend({ agencyId: z.uuid(), agencyName: z.string() })),
  services: z.array(RatingSummary.extend({ serviceId: z.uuid(), serviceTitle: z.string(), agencyId: z.uuid() })),
  /** By office; `unitId` null: the agency's requests not tied to a unit (headquarters). */
  units: z.array(RatingSummary.extend({ unitId: z.uuid().nullable(), unitName: z.string().nullable(), agencyId: z.uuid() })),
});
export type FeedbackSummary = z.infer<typeof FeedbackSummary>;

/** A low rating (1–2) with its comment, for the unit manager. */
export const LowRating = z.object({
  requestId: z.uuid(),
  trackingCode: z.string(),
  serviceTitle: z.string(),
  agencyId: z.uuid(),
  unitId: z.uuid().nullable(),
  rating: z.number().int(),
  comment: z.string().nullable(),
  givenAt: z.iso.datetime(),
});
export type LowRating = z.infer<typeof LowRating>;
