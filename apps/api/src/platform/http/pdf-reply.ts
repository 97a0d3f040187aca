import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/** The response schema of a route answering PDF bytes (a Buffer is sent unserialised; the schema says what the answer is). */
export const PdfResponse = z.any().describe('application/pdf');

/** Sends a PDF someone signed in asked for: never cached by a shared cache, never sniffed as something else. */
export const sendPdf = (reply: FastifyReply, pdf: Buffer, fileName: string, disposition: 'attachment' | 'inline') =>
  reply
    .type('application/pdf')
    .header('content-disposition', `${disposition}; filename="${fileName}"`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(pdf);
