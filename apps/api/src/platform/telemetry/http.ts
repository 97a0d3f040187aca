import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tracer, tracingEnabled } from './tracing';

/**
 * A server span for every request (a child of the caller's `traceparent` when it sends one), named by
 * the route pattern, never the raw URL, with the request id as an attribute. Registered only when
 * tracing is on. The span's context is entered in onRequest and again in preValidation, after the
 * body is read (as @fastify/request-context does): a body parser driven by the socket's callbacks
 * must not leave the handler outside the request's span. (Fastify 5 on Node 20 keeps it across the
 * body read already: the socket test in tracing.test.ts passes either way.)
 */
export function registerRequestTracing(app: FastifyInstance): void {
  if (!tracingEnabled()) return;
  const spans = new WeakMap<FastifyRequest, { span: Span; ctx: Context }>();
  app.addHook('onRequest', (req, _reply, done) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const route = req.routeOptions.url ?? '(unmatched)';
    const span = tracer().startSpan(
      `${req.method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'http.route': route, 'dargah.request_id': req.id } },
      parent,
    );
    const ctx = trace.setSpan(parent, span);
    spans.set(req, { span, ctx });
    context.with(ctx, done);
  });
  app.addHook('preValidation', (req, _reply, done) => {
    const s = spans.get(req);
    if (s) context.with(s.ctx, done);
    else done();
  });
  app.addHook('onResponse', (req, reply, done) => {
    const s = spans.get(req);
    if (s) {
      s.span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) s.span.setStatus({ code: SpanStatusCode.ERROR });
      s.span.end();
      spans.delete(req);
    }
    done();
  });
}
