import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/** The media type of a PDF answer; the OpenAPI document declares a PdfResponse with it (platform/http/openapi). */
export const PDF_MEDIA_TYPE = 'application/pdf';

/** The response schema of a route answering PDF bytes (a Buffer is sent unserialised; the schema says what the answer is). */
export const PdfResponse = z.any().describe(PDF_MEDIA_TYPE);

/** Sends a PDF someone signed in asked for: never cached by a shared cache, never sniffed as something else. */
export const sendPdf = (reply: FastifyReply, pdf: Buffer, fileName: string, disposition: 'attachment' | 'inline') =>
  reply
    .type('application/pdf')
    .header('content-disposition', `${disposition}; filename="${fileName}"`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(pdf);
