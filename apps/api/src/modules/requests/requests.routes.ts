import { ApplicantReveal, DecideRequest, DecideWithAnswer, Page, PdfDisposition, RowVersion, SubmitRequest } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { PdfResponse, sendPdf } from '../../platform/http/pdf-reply';
import { claimFrom, IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import { decideRequest, takeAction } from './answer.service';
import { receiptPdf } from './receipt.service';
import { revealApplicant } from './request-people.service';
import { RequestView } from './request-views.schemas';
import { actOnRequest, getRequest, listMyRequests, submitRequest, trackRequest } from './requests.service';
import { isValidTrackingCode, normaliseTrackingCode } from './tracking-code.model';

const tags = ['requests'];
const Id = z.object({ id: z.uuid() });
const PageQuery = { cursor: z.string().max(1000).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) };
/** A tracking code as typed (Persian or Arabic digits, spaces, dashes), normalised and its check digit checked. */
export const TrackingCode = z
  .string()
  .transform(normaliseTrackingCode)
  .refine(isValidTrackingCode, { params: { code: 'TRACKING_CODE_INVALID' }, message: 'TRACKING_CODE_INVALID' });
/** take: an optional row version; a stale one is refused with 409 CONFLICT. */
const TakeBody = z.object({ version: RowVersion.optional() }).strict();
const DecideBody = DecideRequest.extend({ version: RowVersion.optional() }).strict();
/** Any staff action of the request's workflow definition (ADR 0034): a note where the action needs one, and the row version. */
const ActionParams = z.object({ id: z.uuid(), action: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/) });
const ActionBody = z
  .object({
    note: z.string().trim().max(2000).optional(),
    version: RowVersion.optional(),
    /** The document kinds the state needs that staff saw (the originals at the in-person desk). */
    documents: z.array(z.string().regex(/^[a-z][a-z0-9_]{0,62}$/)).max(50).optional(),
    /** For an action that approves in part: the parts not granted (the answer's, as in POST /requests/:id/answer). */
    notGranted: DecideWithAnswer.shape.notGranted,
    /** For an action that decides: the legal basis cited from the service's card (as in POST /requests/:id/answer). */
    legalBasis: DecideWithAnswer.shape.legalBasis,
  })
  .strict();

export async function requestsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/requests',
    {
      config: { access: 'citizen' },
      schema: {
        tags,
        summary: 'Submit a request for a service (citizen): the receipt has the tracking code and the answer date',
        description: 'The form is checked against the service’s JSON Schema; problems come back as VALIDATION_FAILED with one entry per field (body.form.<field>). Types are strict: a number or integer field takes a JSON number (a string such as "5" is refused with invalid_type, never converted); text is normalised (Arabic ي/ك folded, invisible marks removed, spaces collapsed, an empty string counts as not filled in) and codes (fields with a pattern or format) get ASCII digits. Send an Idempotency-Key header to make retries safe.',
        headers: IdempotencyHeaders,
        body: SubmitRequest,
        response: { 201: RequestView },
      },
    },
    async (req, reply) => sendReplayable(reply, await submitRequest(ctx, req.actor, req.origin, req.body, req.lang, claimFrom(req, 'request.submit'))),
  );

  r.get(
    '/requests/mine',
    {
      config: { access: 'citizen' },
      schema: { tags, summary: 'The citizen’s requests, newest first (the company’s while acting for it)', querystring: z.object(PageQuery), response: { 200: Page(RequestView) } },
    },
    async (req) => listMyRequests(ctx, req.actor, req.query, req.lang),
  );

  r.get(
    '/requests/track/:trackingCode',
    {
      config: { access: 'citizen' },
      schema: { tags, summary: 'Find one of your requests by its tracking code (Persian digits accepted)', params: z.object({ trackingCode: TrackingCode }), response: { 200: RequestView } },
    },
    async (req) => trackRequest(ctx, req.actor, req.params.trackingCode, req.lang),
  );

  r.get(
    '/requests/:id',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'A request with its history: for its applicant, or desk staff of its agency', params: Id, response: { 200: RequestView } } },
    async (req) => getRequest(ctx, req.actor, req.params.id, req.lang),
  );

  r.get(
    '/requests/:id/receipt.pdf',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The request’s receipt as a printable Persian PDF (tracking code, answer date, the form’s answers, a QR to public tracking): for its applicant, or desk staff of its agency; `disposition=inline` to view it in the browser',
        params: Id,
        querystring: PdfDisposition,
        response: { 200: PdfResponse },
      },
    },
    async (req, reply) => {
      const { pdf, fileName } = await receiptPdf(ctx, req.actor, req.params.id);
      return sendPdf(reply, pdf, fileName, req.query.disposition);
    },
  );

  r.post(
    '/requests/:id/applicant/reveal',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'The applicant’s national code and mobile in full (desk staff of the request’s agency); every reveal is audited',
        description: 'The request page shows them masked. Another agency’s request answers 404 like a missing one.',
        params: Id,
        response: { 200: ApplicantReveal },
      },
    },
    async (req) => revealApplicant(ctx, req.actor, req.origin, req.params.id),
  );

  r.post(
    '/requests/:id/take',
    {
      config: { access: 'staff' },
      schema: { tags, summary: 'Take a submitted request for review (desk clerk, expert)', headers: IdempotencyHeaders, params: Id, body: TakeBody.optional(), response: { 200: RequestView } },
    },
    async (req, reply) => {
      const body = req.body ?? {};
      return sendReplayable(reply, await actOnRequest(ctx, req.actor, req.origin, req.params.id, 'take', body, req.lang, claimFrom(req, `request.take:${req.params.id}`, body)));
    },
  );

  r.post(
    '/requests/:id/decide',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Approve or reject a request with its signed answer (desk clerk, expert, unit manager); the applicant is told by SMS',
        description:
          'Issues the same signed answer as POST /requests/:id/answer, through the same path: the note is the answer’s reasons, no legal basis is cited and no PIN is taken, so the answer waits in the signers’ inbox. A rejection needs a note (ANSWER_REASONS_REQUIRED); a rejection on a service whose card cites law needs its legal basis (ANSWER_LEGAL_BASIS_REQUIRED) and an approval in part its parts not granted: make those through POST /requests/:id/answer. Send an Idempotency-Key header to make retries safe.',
        headers: IdempotencyHeaders,
        params: Id,
        body: DecideBody,
        response: { 200: RequestView },
      },
    },
    async (req, reply) => sendReplayable(reply, await decideRequest(ctx, req.actor, req.origin, req.params.id, req.body, req.lang, claimFrom(req, `request.decide:${req.params.id}`))),
  );

  r.post(
    '/requests/:id/actions/:action',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Take an action of the request’s workflow (the definition of the service version it was submitted on): refer to the manager, approve in part, return to the expert, invite to the in-person desk, record the visit…',
        description:
          'The roles allowed are the action’s, held in the request’s agency (agency-wide or in the unit serving it). 403 FORBIDDEN without one; 409 REQUEST_ACTION_NOT_ALLOWED when the current status has no such action; VALIDATION_FAILED when the action needs a note. An action that decides (its next state ends the request approved, approved in part or rejected: the step’s `decision`) issues the signed answer as POST /requests/:id/answer does, without a PIN: the note is its reasons, `notGranted` the parts not granted (ANSWER_NOT_GRANTED_REQUIRED), `legalBasis` from the card (ANSWER_LEGAL_BASIS_REQUIRED to reject where the card cites law), ANSWER_REASONS_REQUIRED to reject without a note; `notGranted` or `legalBasis` on an action that does not decide is ANSWER_NOT_A_DECISION. The applicant is told of a decision, another ending, or an invitation to the in-person desk.',
        headers: IdempotencyHeaders,
        params: ActionParams,
        body: ActionBody,
        response: { 200: RequestView },
      },
    },
    async (req, reply) =>
      sendReplayable(
        reply,
        await takeAction(ctx, req.actor, req.origin, req.params.id, req.params.action, req.body, req.lang, claimFrom(req, `request.action:${req.params.id}:${req.params.action}`, req.body)),
      ),
  );
}
