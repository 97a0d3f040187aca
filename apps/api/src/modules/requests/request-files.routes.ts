import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { REQUEST_ATTACHMENT_MAX_BYTES, REQUEST_ATTACHMENT_TYPES } from '@dargah/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { claimFrom, type IdempotencyClaim } from '../../platform/idempotency';

/*
 * Files of a request over HTTP, for the thread's attachments and the documents uploaded with a
 * request alike: the raw body of an upload, its Idempotency-Key claim, and a stored file's download.
 */

/** What an upload may declare; the blob store decides from the bytes. */
const UPLOAD_TYPES = [...REQUEST_ATTACHMENT_TYPES, 'application/octet-stream'];

/** Lets the routes of this scope take a file as their raw body (at most 5 MB). */
export const acceptFiles = (scope: FastifyInstance) =>
  scope.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: REQUEST_ATTACHMENT_MAX_BYTES }, (_req, body, done) => done(null, body));

/** The uploaded file (its bytes and the name to show, from `?name=`) and its claim: a retry is the same bytes under the same name. */
export function uploadedFile(req: FastifyRequest, name: string, op: string): { file: { bytes: Buffer; fileName: string }; claim: IdempotencyClaim | undefined } {
  const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { file: { bytes, fileName: name }, claim: claimFrom(req, op, { sha256, name }) };
}

/** Sends a stored file as a download: its detected type, its name (UTF-8), never cached or sniffed by the browser. */
export function sendStoredFile(reply: FastifyReply, f: { stream: Readable; mediaType: string; fileName: string; sizeBytes: number }): FastifyReply {
  return reply
    .type(f.mediaType)
    .header('content-length', f.sizeBytes)
    .header('content-disposition', `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(f.stream);
}
