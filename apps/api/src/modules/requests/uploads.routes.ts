import {
  PutRequestDraft,
  REQUEST_ATTACHMENT_MAX_BYTES,
  RequestDocumentList,
  RequestDraft,
  RequestPrefill,
  RequestUpload,
  ServiceDocumentList,
} from '@dargah/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import { deleteDraft, getDraft, putDraft } from './drafts.service';
import { acceptFiles, sendStoredFile, uploadedFile } from './request-files.routes';
import { prefillFor } from './prefill.service';
import { openOwnUpload, openRequestDocument, requestDocuments, serviceDocuments, uploadDocument } from './uploads.service';

const tags = ['requests'];
/** A draft's row version as sent back: 3, "3" or W/"3". */
const IfMatch = z.looseObject({
  'if-match': z
    .string()
    .regex(/^(W\/)?"?[1-9][0-9]{0,8}"?$/)
    .optional()
    .describe('The draft’s row version (its ETag) being replaced; without it the draft must not exist yet. A stale one is 409 DRAFT_CONFLICT.'),
});
const versionOf = (h: string | undefined) => (h === undefined ? undefined : Number(h.replace(/\D/g, '')));
const withEtag = (reply: FastifyReply, d: RequestDraft) => reply.header('etag', `"${d.version}"`).send(d);

/** Documents uploaded with a request, server drafts and once-only prefill (issue 11 items 2 and 3). */
export async function uploadsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/services/:id/documents',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The documents a published service’s approved catalogue card asks the applicant to upload (those another agency supplies by inquiry left out); `index` is what a submission names',
        params: z.object({ id: z.uuid() }),
        response: { 200: ServiceDocumentList },
      },
    },
    async (req) => serviceDocuments(ctx, req.params.id),
  );

  await app.register(async (scope) => {
    acceptFiles(scope);
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/request-uploads',
      {
        config: { access: 'citizen' },
        bodyLimit: REQUEST_ATTACHMENT_MAX_BYTES,
        schema: {
          tags,
          summary: 'Upload a document for a request to a service (the body: PDF, JPEG or PNG by its content, at most 5 MB), to name in the submission or the draft',
          description: 'The type is detected from the bytes: content that is not PDF, JPEG or PNG is BLOB_TYPE_NOT_ALLOWED whatever its name or Content-Type; larger is PAYLOAD_TOO_LARGE; empty is BLOB_EMPTY. `name` is the file name to show (its last path segment, control characters removed; NUL is refused). An upload is used by one submission only.',
          headers: IdempotencyHeaders,
          querystring: z.object({ serviceId: z.uuid(), name: z.string().max(300).default('') }),
          response: { 201: RequestUpload },
        },
      },
      async (req, reply) => {
        const { file, claim } = uploadedFile(req, req.query.name, `request.upload:${req.query.serviceId}`);
        return sendReplayable(reply, await uploadDocument(ctx, req.actor, req.origin, req.query.serviceId, file, claim));
      },
    );
  });

  r.get(
    '/request-uploads/:id',
    {
      config: { access: 'citizen' },
      schema: { tags, summary: 'An uploaded document, for its uploader only', params: z.object({ id: z.uuid() }), response: { 200: z.any().describe('the file') } },
    },
    async (req, reply) => sendStoredFile(reply, await openOwnUpload(ctx, req.actor, req.params.id)),
  );

  r.get(
    '/requests/:id/documents',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'The documents submitted with a request, in the card’s order: for its applicant, or desk staff of its agency', params: z.object({ id: z.uuid() }), response: { 200: RequestDocumentList } },
    },
    async (req) => requestDocuments(ctx, req.actor, req.params.id),
  );

  r.get(
    '/requests/:id/documents/:uploadId',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'A document submitted with a request (its applicant, or desk staff of its agency)',
        params: z.object({ id: z.uuid(), uploadId: z.uuid() }),
        response: { 200: z.any().describe('the file') },
      },
    },
    async (req, reply) => sendStoredFile(reply, await openRequestDocument(ctx, req.actor, req.params.id, req.params.uploadId)),
  );

  const DraftParams = z.object({ serviceId: z.uuid() });
  r.get(
    '/me/drafts/:serviceId',
    {
      config: { access: 'citizen' },
      schema: {
        tags,
        summary: 'Your saved draft of a service’s request (on any device), with its row version as ETag; says whether the form changed since it was saved',
        params: DraftParams,
        response: { 200: RequestDraft },
      },
    },
    async (req, reply) => withEtag(reply, await getDraft(ctx, req.actor, req.params.serviceId)),
  );

  r.put(
    '/me/drafts/:serviceId',
    {
      config: { access: 'citizen' },
      schema: {
        tags,
        summary: 'Save your draft of a service’s request: the form as typed so far and the uploads named for the card’s documents',
        description: 'Without If-Match the draft must not exist yet; with it, the draft at that row version is replaced. Otherwise 409 DRAFT_CONFLICT with the current version in details: the draft changed on another device, and saving over it is a deliberate second save naming that version. UPLOAD_UNUSABLE for an upload that is not your unused upload for this service.',
        headers: IfMatch,
        params: DraftParams,
        body: PutRequestDraft,
        response: { 200: RequestDraft },
      },
    },
    async (req, reply) => withEtag(reply, await putDraft(ctx, req.actor, req.origin, req.params.serviceId, req.body, versionOf(req.headers['if-match']))),
  );

  r.delete(
    '/me/drafts/:serviceId',
    {
      config: { access: 'citizen' },
      schema: { tags, summary: 'Discard your draft of a service’s request (at the If-Match row version when given)', headers: IfMatch, params: DraftParams, response: { 204: z.null().describe('discarded') } },
    },
    async (req, reply) => {
      await deleteDraft(ctx, req.actor, req.origin, req.params.serviceId, versionOf(req.headers['if-match']));
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/me/prefill',
    {
      config: { access: 'citizen' },
      schema: {
        tags,
        summary: 'Known values for a service’s form (once-only): from your profile (name, national code, mobile, postal code, address) and your earlier requests of the same service, each with its source',
        querystring: z.object({ serviceId: z.uuid() }),
        response: { 200: RequestPrefill },
      },
    },
    async (req) => prefillFor(ctx, req.actor, req.query.serviceId),
  );
}
