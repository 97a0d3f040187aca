import {
  AskCorrection,
  CorrectionList,
  CorrectionReply,
  Page,
  PostRequestMessage,
  REQUEST_ATTACHMENT_MAX_BYTES,
  RequestAttachment,
  RequestMessage,
} from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { claimFrom, IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import { askCorrection, listCorrections, replyToCorrection } from './interaction.service';
import { listMessages, openAttachment, postMessage, uploadAttachment } from './messages.service';
import { RequestView } from './request-views.schemas';
import { acceptFiles, sendStoredFile, uploadedFile } from './request-files.routes';

const tags = ['requests'];
const Id = z.object({ id: z.uuid() });
const PageQuery = { cursor: z.string().max(1000).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) };

/** Interaction during the work: corrections and the applicant's reply, the thread and its files. */
export async function interactionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/requests/:id/corrections',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Ask the applicant for a correction (desk staff of the request’s agency, request in review): form fields to change and/or documents to add, with a message; the request waits for the applicant and its deadline pauses',
        description: 'Fields must be the request form’s (CORRECTION_FIELDS_UNKNOWN otherwise); at least one field or document (CORRECTION_EMPTY). A stale version is 409 CONFLICT. The applicant is told by SMS.',
        headers: IdempotencyHeaders,
        params: Id,
        body: AskCorrection,
        response: { 200: RequestView },
      },
    },
    async (req, reply) => sendReplayable(reply, await askCorrection(ctx, req.actor, req.origin, req.params.id, req.body, req.lang, claimFrom(req, `request.correction:${req.params.id}`))),
  );

  r.get(
    '/requests/:id/corrections',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'The corrections asked on a request, oldest first, each field with its current value: for its applicant, or desk staff of its agency', params: Id, response: { 200: CorrectionList } },
    },
    async (req) => listCorrections(ctx, req.actor, req.params.id, req.lang),
  );

  r.post(
    '/requests/:id/corrections/reply',
    {
      config: { access: 'citizen' },
      schema: {
        tags,
        summary: 'Reply to the open correction (the applicant, or the company’s representative): the asked fields’ new values, checked like a submission; the answer date moves later by the working days paused',
        description: 'Only the asked fields (REPLY_FIELDS_NOT_ASKED); documents asked come as attachmentIds uploaded first (REPLY_DOCUMENTS_REQUIRED). REQUEST_NOT_AWAITING_APPLICANT when nothing is asked (a second reply).',
        headers: IdempotencyHeaders,
        params: Id,
        body: CorrectionReply,
        response: { 200: RequestView },
      },
    },
    async (req, reply) => sendReplayable(reply, await replyToCorrection(ctx, req.actor, req.origin, req.params.id, req.body, req.lang, claimFrom(req, `request.reply:${req.params.id}`))),
  );

  r.get(
    '/requests/:id/messages',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'The request’s thread, oldest first: for its applicant, or desk staff of its agency; staff appear by role', params: Id, querystring: z.object(PageQuery), response: { 200: Page(RequestMessage) } },
    },
    async (req) => listMessages(ctx, req.actor, req.params.id, req.query, req.lang),
  );

  r.post(
    '/requests/:id/messages',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Write in the request’s thread (its applicant, or desk staff of its agency) with files uploaded first; a staff message is notified to the applicant',
        description: 'REQUEST_THREAD_CLOSED once the request is decided; ATTACHMENT_UNUSABLE for a file that is not your unattached upload to this request.',
        headers: IdempotencyHeaders,
        params: Id,
        body: PostRequestMessage,
        response: { 201: RequestMessage },
      },
    },
    async (req, reply) => sendReplayable(reply, await postMessage(ctx, req.actor, req.origin, req.params.id, req.body, req.lang, claimFrom(req, `request.message:${req.params.id}`))),
  );

  await app.register(async (scope) => {
    acceptFiles(scope);
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/requests/:id/attachments',
      {
        config: { access: 'authenticated' },
        bodyLimit: REQUEST_ATTACHMENT_MAX_BYTES,
        schema: {
          tags,
          summary: 'Upload a file for your next message on the request (the body; PDF, JPEG or PNG by its content, at most 5 MB): its applicant, or desk staff of its agency',
          description: 'The type is detected from the bytes: a file whose content is not PDF, JPEG or PNG is BLOB_TYPE_NOT_ALLOWED whatever its name or Content-Type; larger is PAYLOAD_TOO_LARGE; empty is BLOB_EMPTY. `name` is the file name to show.',
          headers: IdempotencyHeaders,
          params: Id,
          querystring: z.object({ name: z.string().max(300).default('') }),
          response: { 201: RequestAttachment },
        },
      },
      async (req, reply) => {
        const { file, claim } = uploadedFile(req, req.query.name, `request.attachment:${req.params.id}`);
        return sendReplayable(reply, await uploadAttachment(ctx, req.actor, req.origin, req.params.id, file, claim));
      },
    );
  });

  r.get(
    '/requests/:id/attachments/:attachmentId',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'A file of the request’s thread (its applicant, or desk staff of its agency; an unsent upload only for its uploader)',
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
        response: { 200: z.any().describe('the file') },
      },
    },
    async (req, reply) => sendStoredFile(reply, await openAttachment(ctx, req.actor, req.params.id, req.params.attachmentId)),
  );
}
