import { AnswerTemplatePreview, DecideWithAnswer, LegalBasisOptions, PdfDisposition, RequestAnswer, RowVersion } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { PdfResponse, sendPdf } from '../../platform/http/pdf-reply';
import { claimFrom, IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import { answerPdf, decideWithAnswer, getAnswer, legalBasesForRequest, previewAnswer } from './answer.service';

const tags = ['requests'];
const Id = z.object({ id: z.uuid() });
const AnswerBody = DecideWithAnswer.extend({ version: RowVersion.optional() }).strict();
const IdNo = z.object({ id: z.uuid(), no: z.coerce.number().int().min(1).max(100_000) });

/** The signed answer (issue 11, item 7): decide with reasons and legal basis, read and download the answer. */
export async function answerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/requests/:id/legal-bases',
    {
      config: { access: 'staff' },
      schema: { tags, summary: 'The legal bases the service’s catalogue card cites: what a decision on this request may cite (desk staff of its agency)', params: Id, response: { 200: LegalBasisOptions } },
    },
    async (req) => legalBasesForRequest(ctx, req.actor, req.params.id),
  );

  r.post(
    '/requests/:id/answer',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Decide a request with a signed answer: approve, approve in part or reject, with reasons and the legal basis from the service’s card',
        description:
          'Rejecting needs reasons and (when the card cites any law) at least one of its legal bases; approving in part needs reasons and the parts not granted. The answer is issued as a PDF document with a QR code to its verification. With `pin` the decider signs it at once (a refused signature leaves the decision standing: `signingError`); without, it waits in the signers’ inbox. Deciding twice: REQUEST_ACTION_NOT_ALLOWED (or CONFLICT). Send an Idempotency-Key header to make retries safe.',
        headers: IdempotencyHeaders,
        params: Id,
        body: AnswerBody,
        response: { 200: RequestAnswer },
      },
    },
    async (req, reply) => {
      const { pin: _pin, ...shape } = req.body;
      // The claim's body hash leaves the PIN out: a retry with another PIN is the same decision.
      return sendReplayable(reply, await decideWithAnswer(ctx, req.actor, req.origin, req.params.id, req.body, claimFrom(req, `request.answer:${req.params.id}`, shape)));
    },
  );

  r.get(
    '/requests/:id/answer',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'The request’s signed answer: decision, reasons, legal basis, verification code and signatures (its applicant, desk staff of its agency)', params: Id, response: { 200: RequestAnswer } },
    },
    async (req) => getAnswer(ctx, req.actor, req.params.id),
  );

  r.get(
    '/requests/:id/answer.pdf',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The signed answer as a PDF with its signatures: for its applicant once signed, for desk staff of its agency at any time; `disposition=inline` to view it in the browser',
        params: Id,
        querystring: PdfDisposition,
        response: { 200: PdfResponse },
      },
    },
    async (req, reply) => {
      const { pdf, fileName } = await answerPdf(ctx, req.actor, req.params.id);
      return sendPdf(reply, pdf, fileName, req.query.disposition);
    },
  );

  r.post(
    '/services/:id/versions/:no/output-preview',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['services'],
        summary: 'Preview the signed answer an output template gives (its agency’s administrator): a PDF with sample values, marked as a sample; nothing is stored',
        description:
          'The template sent (the editor’s text, saved or not; null for the platform’s default answer) is checked against the version’s form as on save: VALIDATION_FAILED with each problem at body.outputTemplate, its line and column.',
        params: IdNo,
        body: AnswerTemplatePreview,
        response: { 200: PdfResponse },
      },
    },
    async (req, reply) => {
      const { pdf, fileName } = await previewAnswer(ctx, req.actor, req.params.id, req.params.no, req.body.outputTemplate, req.lang);
      return sendPdf(reply, pdf, fileName, 'inline');
    },
  );
}
