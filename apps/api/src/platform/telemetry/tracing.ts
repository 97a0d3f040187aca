import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * OpenTelemetry tracing (ADR 0025), off unless an exporter is configured. The SDK and the OTLP
 * exporter are imported only when it is turned on; while off every helper here is a plain call.
 */
export const TRACER_NAME = 'dargah';

let enabled = false;

/** Whether this process records spans. */
export const tracingEnabled = (): boolean => enabled;

export const tracer = () => trace.getTracer(TRACER_NAME);

/** Marks a span failed with the error's type and message (never the data it carried). */
export function failSpan(span: Span, err: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'error' });
  if (err instanceof Error) span.recordException({ name: err.name, message: err.message.slice(0, 300) });
}

/** Runs fn inside a new span (a child of the active one) when tracing is on; a plain call when off. */
export async function inSpan<T>(name: string, attributes: Attributes, fn: (span: Span | undefined) => Promise<T>, kind: SpanKind = SpanKind.INTERNAL): Promise<T> {
  if (!enabled) return fn(undefined);
  return tracer().startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      failSpan(span, err);
      throw err;
    } finally {
      span.end();
    }
  });
}

/** The first word of a statement (SELECT, INSERT …) for a span's name; the text itself is an attribute. */
export function dbSpan(text: string | undefined): { name: string; attributes: Attributes } {
  const op = /^\s*(\w+)/.exec(text ?? '')?.[1]?.toUpperCase() ?? 'QUERY';
  return { name: `db ${op}`, attributes: { 'db.system.name': 'postgresql', 'db.operation.name': op, ...(text ? { 'db.query.text': text.slice(0, 1000) } : {}) } };
}

export interface TracingOptions {
  /** OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT); spans go to `<endpoint>/v1/traces`. */
  endpoint?: string | undefined;
  serviceName: string;
  /** Tests: export to this exporter, span by span, instead of OTLP. */
  exporter?: SpanExporter;
}

export interface Tracing {
  /** Flushes the spans not yet exported and turns tracing off. */
  shutdown(): Promise<void>;
}

/** Turns tracing on for this process when an endpoint (or a test's exporter) is given; undefined otherwise. */
export async function startTracing(opts: TracingOptions): Promise<Tracing | undefined> {
  if (!opts.endpoint && !opts.exporter) return undefined;
  const [{ NodeTracerProvider }, { BatchSpanProcessor, SimpleSpanProcessor }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/resources'),
  ]);
  let processor;
  if (opts.exporter) processor = new SimpleSpanProcessor(opts.exporter);
  else {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    processor = new BatchSpanProcessor(new OTLPTraceExporter({ url: `${opts.endpoint!.replace(/\/+$/, '')}/v1/traces` }));
  }
  const provider = new NodeTracerProvider({ resource: resourceFromAttributes({ 'service.name': opts.serviceName }), spanProcessors: [processor] });
  provider.register();
  enabled = true;
  return {
    async shutdown() {
      enabled = false;
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** The active span's trace and span ids, for log lines (empty when no span is active). */
export function traceIds(): { traceId?: string; spanId?: string } {
  if (!enabled) return {};
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}
