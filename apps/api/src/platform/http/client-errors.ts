import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { platformErrors } from './errors';
import { pickLanguage, type Lang } from './i18n';
import { sendError } from './plugin';

/*
 * Failures that happen before a request reaches a route, answered in the one error envelope
 * instead of Node's or Fastify's bare text (ADR 0010).
 */

/** The code for a connection-level error from Node's HTTP parser. */
export function clientErrorCode(err: { code?: string }): 'HEADERS_TOO_LARGE' | 'REQUEST_TIMEOUT' | 'MALFORMED_REQUEST' {
  if (err.code === 'HPE_HEADER_OVERFLOW') return 'HEADERS_TOO_LARGE';
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'REQUEST_TIMEOUT';
  return 'MALFORMED_REQUEST';
}

/** Accept-Language read from the raw bytes the parser gave up on, when they got that far. */
function languageOf(raw: unknown): Lang {
  if (!Buffer.isBuffer(raw)) return 'fa';
  const m = /\r\naccept-language:[ \t]*([^\r\n]{0,200})/i.exec(raw.toString('latin1'));
  return pickLanguage(m?.[1]);
}

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the request (headers or URL over
 * the 16 KiB limit → 431, a request that did not arrive in time → 408, anything malformed → 400).
 * The answer is the envelope with a fresh request id, and the connection is closed.
 */
export function clientErrorHandler(this: FastifyInstance, err: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code = clientErrorCode(err);
  const spec = platformErrors[code];
  const requestId = randomUUID();
  const lang = languageOf(err.rawPacket);
  const body = JSON.stringify({ error: { code, message: spec[lang], details: {}, requestId } });
  this.log.info({ requestId, code, parserError: err.code }, 'request refused by the HTTP parser');
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${spec.status} ${STATUS_CODES[spec.status] ?? ''}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\n' +
        `X-Request-Id: ${requestId}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy();
}

/**
 * Fastify's `frameworkErrors`: a URL whose percent-encoding is not UTF-8 (FST_ERR_BAD_URL) or a path
 * parameter longer than the router allows (FST_ERR_MAX_PARAM_LENGTH), in the envelope.
 */
export function frameworkErrors(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const code = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'URL_TOO_LONG' : error.code === 'FST_ERR_BAD_URL' ? 'URL_MALFORMED' : 'MALFORMED_REQUEST';
  // No hook has run: the language and the request id header are set here.
  req.lang = pickLanguage(req.headers['accept-language']);
  req.log.info({ code, status: platformErrors[code].status }, 'request refused');
  void sendError(req, reply.header('x-request-id', req.id), code);
}
