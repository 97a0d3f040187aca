import { AnswerDecision, CartableItem, Outcome, RequestPayment, RequestWithPeople } from '@dargah/contracts';
import { z } from 'zod';

/**
 * The contract's views with fields added for the web app (never renamed): the row `version` to
 * send back with take/decide (a stale one gets 409 CONFLICT), and the actions the viewer may take
 * now (empty for the applicant).
 */
/** An action of the request's workflow definition (ADR 0034); the simple-approval template's are take, approve, reject, request_information. */
export const RequestActionName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);

export const RequestView = RequestWithPeople.extend({
  version: z.number().int(),
  actions: z.array(RequestActionName),
  /** The status in words, from the request's workflow definition. */
  statusLabel: z.string(),
  /** How it ended (its terminal state's outcome: approved, partial, rejected, withdrawn, closed); null while open. */
  outcome: Outcome.nullable(),
  /**
   * The actions offered, with their words, whether each needs a note, and the decision it makes
   * (approve, partial, reject: taken with the signed answer, POST /requests/:id/answer), null for any other move.
   */
  steps: z.array(z.object({ id: RequestActionName, label: z.string(), requiresNote: z.boolean(), decision: AnswerDecision.nullable() })),
  /** In the in-person step: the originals to bring and the invitation's note (when and why); null otherwise. */
  inPerson: z.object({ documents: z.array(z.string()), documentKinds: z.array(z.string()), note: z.string().nullable() }).nullable(),
  /** The fee paid for it through the payment gateway (amount, the gateway's reference number); null when none was paid online. */
  payment: RequestPayment.nullable(),
});
export type RequestView = z.infer<typeof RequestView>;

export const CartableRowView = CartableItem.extend({
  agencyId: z.uuid(),
  dueDateJalali: z.string(),
  version: z.number().int(),
});
export type CartableRowView = z.infer<typeof CartableRowView>;
