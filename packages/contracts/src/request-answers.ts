import { z } from 'zod';

/*
 * The signed answer of a request (issue 11, item 7): the decider's decision with its reasons and
 * the legal basis cited from the service's catalogue card, issued as a signed PDF document.
 */

/** A legal basis as a service's catalogue card cites it: a law of the register and an article. */
export const LegalBasisRef = z.object({ lawId: z.uuid(), article: z.string().trim().min(1).max(50) }).strict();
export type LegalBasisRef = z.infer<typeof LegalBasisRef>;

/** A legal basis the decision form offers (or the answer cites), with the law's title. */
export const LegalBasisOption = LegalBasisRef.extend({ lawTitle: z.string() });
export type LegalBasisOption = z.infer<typeof LegalBasisOption>;

/** approve, approve in part (`partial`, with the parts not granted), or reject (reasons and a legal basis required). */
export const AnswerDecision = z.enum(['approve', 'partial', 'reject']);
export type AnswerDecision = z.infer<typeof AnswerDecision>;

export const DecideWithAnswer = z
  .object({
    decision: AnswerDecision,
    /** Why: required to reject or approve in part; 2–4000 characters. */
    reasons: z.string().max(4000).optional(),
    /** The parts not granted (partial approval only), 2–2000 characters. */
    notGranted: z.string().max(2000).optional(),
    /** Cited from the service's card; at least one to reject. */
    legalBasis: z.array(LegalBasisRef).max(20).optional(),
    /** The decider's signing PIN: with it, the answer is signed at once; without, it waits in the signers' inbox. */
    pin: z.string().min(1).max(256).optional(),
  })
  .strict();
export type DecideWithAnswer = z.infer<typeof DecideWithAnswer>;

/** A request's answer as its applicant and its agency's desk staff see it. */
export const RequestAnswer = z.object({
  requestId: z.uuid(),
  documentId: z.uuid(),
  verificationCode: z.string(),
  decision: z.enum(['approved', 'rejected']),
  partial: z.boolean(),
  notGranted: z.string().nullable(),
  reasons: z.string().nullable(),
  legalBasis: z.array(LegalBasisOption),
  issuedAt: z.iso.datetime(),
  /** Signatures on the document; the applicant may download it once there is one. */
  signatureCount: z.number().int().nonnegative(),
  /** The document's status in the register (issued, superseded, revoked). */
  documentStatus: z.string(),
  /** When a PIN was sent and signing failed after the decision committed: the refusal's code (sign again from the documents inbox). */
  signingError: z.string().nullable().optional(),
});
export type RequestAnswer = z.infer<typeof RequestAnswer>;

export const LegalBasisOptions = z.object({ items: z.array(LegalBasisOption) });
export type LegalBasisOptions = z.infer<typeof LegalBasisOptions>;
