export { dbSpan, failSpan, inSpan, startTracing, traceIds, tracingEnabled, tracer, TRACER_NAME, type Tracing, type TracingOptions } from './tracing';
export { registerRequestTracing } from './http';
