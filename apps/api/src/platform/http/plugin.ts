import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { anonymousActor, type Actor, type RequestOrigin } from '../actor';
import { isDatabaseUnavailable } from '../db/errors';
import { DomainError, type ErrorCatalogue, type FieldProblem } from './errors';
import { pickLanguage, type Lang } from './i18n';
import { registerTextGuard, storableHeaderText } from './text-guard';
import { toFieldProblems } from './validation';

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's codes: the platform's and every module's (platform/module.ts `catalogueOf`). */
    errorCatalogue: ErrorCatalogue;
  }
  interface FastifyRequest {
    lang: Lang;
    actor: Actor;
    origin: RequestOrigin;
  }
}

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{8,128}$/;

/** Accepts a well-formed X-Request-Id from a proxy or a calling agency, otherwise makes one. */
export function genRequestId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID_RE.test(given) ? given : randomUUID();
}


import type { ErrorEnvelope } from '@dargah/contracts';

export function envelope(req: FastifyRequest, code: string, details: Record<string, unknown> = {}): ErrorEnvelope {
  return { error: { code, message: req.server.errorCatalogue.spec(code)[req.lang ?? 'fa'], details, requestId: req.id } };
}

export function sendError(req: FastifyRequest, reply: FastifyReply, code: string, details: Record<string, unknown> = {}, status?: number) {
  // A refusal that says when to try again says it in the standard header too.
  const retryAfter = details.retryAfterSeconds;
  if (typeof retryAfter === 'number' && retryAfter > 0) reply.header('retry-after', String(Math.ceil(retryAfter)));
  return reply
    .status(status ?? req.server.errorCatalogue.spec(code).status)
    .header('cache-control', 'no-store')
    .send(envelope(req, code, details));
}

/**
 * A PostgreSQL data exception (SQLSTATE class 22: a number out of range, text the encoding cannot
 * hold, a value too long) or a value over an index's size limit (54000): the request's value could
 * not be stored. Schemas bound values so this never happens (the hostile-input walk fails on it);
 * this is the net under them, so such a value is a 400 and never a 500.
 */
export function isValueNotStorable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, severity } = e as { code?: unknown; severity?: unknown };
    if (typeof code === 'string' && typeof severity === 'string' && (/^22[0-9A-Z]{3}$/.test(code) || code === '54000')) return true;
  }
  return false;
}

/** Maps every error to the one envelope. Unknown errors become a generic 500 naming the request id. */
function classify(err: FastifyError, req: FastifyRequest): { code: string; details: Record<string, unknown>; status?: number } {
  if (err instanceof DomainError) {
    return { code: req.server.errorCatalogue.has(err.code) ? err.code : 'INTERNAL', details: err.details };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields: FieldProblem[] = toFieldProblems(err.validation, err.validationContext, req.lang, (code, lang) => req.server.errorCatalogue.fieldMessage(code, lang));
    return { code: 'VALIDATION_FAILED', details: { fields } };
  }
  if (isResponseSerializationError(err)) return { code: 'INTERNAL', details: {} };
  if (isDatabaseUnavailable(err)) return { code: 'DATABASE_UNAVAILABLE', details: {} };
  if (isValueNotStorable(err)) return { code: 'VALUE_NOT_STORABLE', details: {} };
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'MALFORMED_JSON', details: {} };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return { code: 'PAYLOAD_TOO_LARGE', details: {} };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', details: {} };
  }
  if (err instanceof SyntaxError && err.statusCode === 400) return { code: 'MALFORMED_JSON', details: {} };
  if (err.statusCode === 429) return { code: 'RATE_LIMITED', details: {} };
  if (err.statusCode === 413) return { code: 'PAYLOAD_TOO_LARGE', details: {} };
  if (err.statusCode === 415) return { code: 'UNSUPPORTED_MEDIA_TYPE', details: {} };
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return { code: 'VALIDATION_FAILED', details: {}, status: err.statusCode };
  }
  return { code: 'INTERNAL', details: {} };
}

/**
 * Platform HTTP conventions: request ids in logs and responses, language from Accept-Language,
 * security headers, the error envelope for every failure and for unknown API routes.
 */
export const httpPlatform = fp(
  async (app: FastifyInstance, opts: { production: boolean; errors: ErrorCatalogue }) => {
    app.decorate('errorCatalogue', opts.errors);
    app.decorateRequest('lang', 'fa');
    app.decorateRequest('actor', null as never);
    app.decorateRequest('origin', null as never);
    app.addHook('onRequest', async (req, reply) => {
      req.lang = pickLanguage(req.headers['accept-language']);
      req.actor = anonymousActor;
      req.origin = { requestId: req.id, ip: req.ip, userAgent: storableHeaderText(req.headers['user-agent'], 300) };
      reply.header('x-request-id', req.id);
    });

    // NUL, control characters and broken surrogates refused, bidi controls stripped (ADR 0010).
    registerTextGuard(app);

    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(opts.production ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      hsts: opts.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
    });

    app.setErrorHandler((err: FastifyError, req, reply) => {
      const { code, details, status } = classify(err, req);
      const httpStatus = status ?? req.server.errorCatalogue.spec(code).status;
      if (httpStatus >= 500) req.log.error({ err, code }, 'request failed');
      else if (code === 'VALUE_NOT_STORABLE') req.log.warn({ err, code }, 'a value reached the database unbounded');
      else req.log.info({ code, status: httpStatus }, 'request refused');
      return sendError(req, reply, code, details, httpStatus);
    });

    // While closing, answers to requests still in flight end their keep-alive connections, so
    // close() finishes as soon as they are answered instead of waiting for idle timeouts.
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onSend', async (_req, reply) => {
      if (closing) reply.header('connection', 'close');
    });

    app.setNotFoundHandler((req, reply) => sendError(req, reply, 'ROUTE_NOT_FOUND', { method: req.method, path: req.url.split('?')[0] }));
  },
  { name: 'dargah-http-platform' },
);
