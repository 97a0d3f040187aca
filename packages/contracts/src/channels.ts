import { toAsciiDigits } from '@dargah/persian';
import { z } from 'zod';
import { JalaliDateInput } from './catalogue';
import { Mobile, NationalCode, PostalCode } from './identity';
import { Office } from './offices';

/*
 * Every channel, attributed (issue 11 item 9): a counter operator (اپراتور دفتر پیشخوان) or an
 * agency's in-person desk clerk enters a request for a citizen. The citizen consents with a
 * one-time code sent to their registry-matched mobile; a desk clerk may instead attest that they
 * saw the original national card. The agency oversees the counters' work on its services.
 */

export const Channel = z.enum(['counter', 'in_person']);
export type Channel = z.infer<typeof Channel>;

/** POST /counter/consents, /walk-in/consents: the citizen the request will be for. */
export const ConsentStart = z.object({ nationalCode: NationalCode, mobile: Mobile }).strict();
/** POST /walk-in/consents: and the agency whose in-person desk the clerk serves. */
export const WalkInConsentStart = ConsentStart.extend({ agencyId: z.uuid() }).strict();
export const ConsentChallenge = z.object({
  consentId: z.uuid(),
  expiresAt: z.iso.datetime(),
  /** The mobile the code went to, masked (to read out to the citizen). */
  mobileMasked: z.string(),
});
export type ConsentChallenge = z.infer<typeof ConsentChallenge>;

/** The six digits the citizen reads out from the SMS (Persian or Arabic digits accepted). */
export const ConsentCode = z
  .string()
  .transform((s) => toAsciiDigits(s).trim())
  .pipe(z.string().regex(/^\d{6}$/, 'CONSENT_CODE_INVALID'));

/** Postal delivery of the answer, where the service offers it: to the profile's address, or this one. */
export const PostalChoice = z
  .object({
    postalCode: PostalCode.optional(),
    address: z.string().trim().min(5).max(500).optional(),
    recipientName: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type PostalChoice = z.infer<typeof PostalChoice>;

/**
 * POST /requests/:id/channel/postal-retry: a failed dispatch sent again by the agency's desk staff;
 * the fields given correct the dispatch's address (the others are kept), `{}` sends it as it was.
 */
export const PostalRetry = PostalChoice.describe('The corrected fields of the address (postal code, address, recipient name), each optional; {} keeps the dispatch’s address.');
export type PostalRetry = z.infer<typeof PostalRetry>;

/** POST /counter/requests: the request the operator enters for the citizen, with their consent. */
export const CounterSubmit = z
  .object({
    consentId: z.uuid(),
    code: ConsentCode,
    serviceId: z.uuid(),
    form: z.record(z.string(), z.unknown()),
    postal: PostalChoice.optional(),
  })
  .strict();

/** POST /walk-in/requests: identity by the citizen's one-time code, or the clerk saw the original national card. */
export const WalkInIdentity = z.discriminatedUnion('method', [
  z.object({ method: z.literal('otp'), consentId: z.uuid(), code: ConsentCode }).strict(),
  z.object({ method: z.literal('card_seen'), nationalCode: NationalCode, attestation: z.literal(true) }).strict(),
]);
export const WalkInSubmit = z
  .object({
    identity: WalkInIdentity,
    serviceId: z.uuid(),
    form: z.record(z.string(), z.unknown()),
    postal: PostalChoice.optional(),
  })
  .strict();

export const ChannelService = z.object({
  serviceId: z.uuid(),
  uiSchema: z.record(z.string(), z.unknown()),
  title: z.string(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  formSchema: z.record(z.string(), z.unknown()),
  postalDelivery: z.boolean(),
});
export type ChannelService = z.infer<typeof ChannelService>;

/** GET /counter: the operator's office and the services delegated to it, each with its form. */
export const CounterDesk = z.object({ office: Office, services: z.array(ChannelService) });
export type CounterDesk = z.infer<typeof CounterDesk>;

/** GET /walk-in: the clerk's agencies' published G2C services, each with its form, and the clerk's unit. */
export const WalkInDesk = z.object({ services: z.array(ChannelService) });
export type WalkInDesk = z.infer<typeof WalkInDesk>;

/** GET /agencies/:id/counter-work: the counters' work on the agency's services. */
export const CounterWorkQuery = z.object({
  officeId: z.uuid().optional(),
  from: JalaliDateInput.optional(),
  to: JalaliDateInput.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export const CounterWorkItem = z.object({
  requestId: z.uuid(),
  trackingCode: z.string(),
  serviceId: z.uuid(),
  serviceTitle: z.string(),
  officeId: z.uuid(),
  officeName: z.string(),
  operatorId: z.uuid(),
  operatorName: z.string(),
  submittedAt: z.iso.datetime(),
  submittedOnJalali: z.string(),
});
export type CounterWorkItem = z.infer<typeof CounterWorkItem>;
export const CounterWorkPage = z.object({
  items: z.array(CounterWorkItem),
  total: z.number().int(),
  nextOffset: z.number().int().nullable(),
  offices: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type CounterWorkPage = z.infer<typeof CounterWorkPage>;

/** How a request came in and where its answer goes by post: on the request's page for its applicant and staff. */
export const RequestChannelView = z.object({
  channel: z.enum(['online', 'counter', 'in_person']),
  officeName: z.string().nullable(),
  identityCheck: z.enum(['otp', 'card_seen']).nullable(),
  postal: z
    .object({
      /** awaiting_answer → due (the answer issued; the postal job hands it over) → dispatched, or failed after the last attempt. */
      status: z.enum(['awaiting_answer', 'due', 'dispatched', 'failed']),
      postalCodeMasked: z.string(),
      postalTracking: z.string().nullable(),
      dispatchedAt: z.iso.datetime().nullable(),
      /** Attempts to hand it to the post so far. */
      attempts: z.number().int().min(0),
      /** While due: when the next attempt is made. */
      nextAttemptAt: z.iso.datetime().nullable(),
      /** The last attempt's error, for the agency's desk staff only (null for the applicant). */
      lastError: z.string().nullable(),
      /** Times the agency's desk staff sent the failed dispatch again. */
      retries: z.number().int().min(0),
      /** The dispatch failed and the reader may send it again (the agency's desk staff): POST …/channel/postal-retry. */
      mayRetry: z.boolean(),
    })
    .nullable(),
});
export type RequestChannelView = z.infer<typeof RequestChannelView>;
