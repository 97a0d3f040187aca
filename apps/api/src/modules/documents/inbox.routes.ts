import {
  DocumentDetail,
  DocumentPageQuery,
  DocumentSummaryPage,
  LockedSignerKeyList,
  PdfDisposition,
} from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { PdfResponse, sendPdf } from '../../platform/http/pdf-reply';
import { documentPdf, documentRecord, documentsWaitingForMe, lockedSignerKeys } from './inbox.service';

const tags = ['documents'];
const staff = { access: 'staff' as const };

/** The staff workspace's documents: what waits for my signature, a document's record and PDF, locked keys (issue 10). */
export function documentsInboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/documents/to-sign',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Documents of my agencies that still stand and that I have not signed, newest first (paginated by `nextCursor`)',
        querystring: DocumentPageQuery,
        response: { 200: DocumentSummaryPage },
      },
    },
    (req) => documentsWaitingForMe(ctx, req.actor, req.query, req.lang),
  );
  r.get(
    '/documents/signer-keys/locked',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Signing keys locked after five wrong PINs, with whose they are: my agencies’ (agency_admin) or every agency’s (platform_admin); FORBIDDEN otherwise',
        response: { 200: LockedSignerKeyList },
      },
    },
    (req) => lockedSignerKeys(ctx, req.actor),
  );
  r.get(
    '/documents/:id',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'A document of my agency: kind, title, status, signatures so far, my key there; DOCUMENT_NOT_FOUND for another agency’s as for a missing one',
        params: z.object({ id: z.uuid() }),
        response: { 200: DocumentDetail },
      },
    },
    (req) => documentRecord(ctx, req.actor, req.params.id, req.lang),
  );
  r.get(
    '/documents/:id/pdf',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'The PDF of a document of my agency as it stands (after its last signature); `disposition=inline` to view it in the browser',
        params: z.object({ id: z.uuid() }),
        querystring: PdfDisposition,
        response: { 200: PdfResponse },
      },
    },
    async (req, reply) => {
      const { pdf, fileName } = await documentPdf(ctx, req.actor, req.params.id);
      return sendPdf(reply, pdf, fileName, req.query.disposition);
    },
  );
}
