import { Writable } from 'node:stream';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../src/platform/db';
import { enqueue } from '../src/platform/jobs';
import { loggerOptions } from '../src/platform/log';
import { inSpan, startTracing, tracingEnabled, type Tracing } from '../src/platform/telemetry';
import { buildTestApp, type TestApp } from './app';

const exporter = new InMemorySpanExporter();
let tracing: Tracing | undefined;
let t: TestApp;

beforeAll(async () => {
  // Off until turned on: no span, a plain call.
  expect(tracingEnabled()).toBe(false);
  expect(await inSpan('off', {}, async (span) => span)).toBeUndefined();
  expect(await startTracing({ serviceName: 'dargah-test' })).toBeUndefined();
  tracing = await startTracing({ serviceName: 'dargah-test', exporter });
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
  await tracing?.shutdown();
});

const spans = () => exporter.getFinishedSpans();
const traceOf = (s: ReadableSpan) => s.spanContext().traceId;
const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;

describe('tracing', () => {
  it('makes a server span per request, named by its route, with the request id, and database spans inside it', async () => {
    exporter.reset();
    const requestId = 'trace-test-request-0001';
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/operations/write-probes', headers: { ...t.admin, 'x-request-id': requestId }, payload: { label: 'traced' } });
    expect(res.statusCode).toBe(201);
    const server = spans().find((s) => s.attributes['dargah.request_id'] === requestId);
    expect(server?.name).toBe('POST /api/v1/operations/write-probes');
    expect(server?.attributes['http.response.status_code']).toBe(201);
    const inside = spans().filter((s) => traceOf(s) === traceOf(server!) && s !== server);
    const tx = inside.find((s) => s.name === 'db transaction');
    expect(tx, 'the transaction is a span of the request').toBeDefined();
    if (t.ctx.database.kind === 'server') {
      // On a server every statement is a span, inside the transaction's.
      const statements = inside.filter((s) => s.name.startsWith('db ') && s.name !== 'db transaction');
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.some((s) => parentOf(s) === tx!.spanContext().spanId)).toBe(true);
      expect(statements.every((s) => typeof s.attributes['db.query.text'] === 'string')).toBe(true);
    }
  });

  it('keeps the request span across the body read on a real socket', async () => {
    exporter.reset();
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const requestId = 'trace-test-request-0002';
    const res = await fetch(`${address}/api/v1/operations/write-probes`, {
      method: 'POST',
      headers: { ...t.admin, 'x-request-id': requestId, 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'over a socket' }),
    });
    expect(res.status).toBe(201);
    const server = spans().find((s) => s.attributes['dargah.request_id'] === requestId)!;
    const tx = spans().find((s) => s.name === 'db transaction' && traceOf(s) === traceOf(server));
    expect(tx, 'the handler runs inside the request span').toBeDefined();
  });

  it('continues the caller’s trace from traceparent, and names the route pattern, not the URL', async () => {
    exporter.reset();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const id = crypto.randomUUID();
    await t.app.inject({ url: `/api/v1/requests/${id}`, headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    const server = spans().find((s) => s.attributes['http.route'] === '/api/v1/requests/:id');
    expect(server && traceOf(server)).toBe(traceId);
    expect(server?.name).toBe('GET /api/v1/requests/:id');
    expect(JSON.stringify(server?.attributes)).not.toContain(id);
  });

  it('makes a span of a statement outside any transaction, inside the request’s', async () => {
    exporter.reset();
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    const server = spans().find((s) => s.name === 'GET /readyz')!;
    const selects = spans().filter((s) => s.name === 'db SELECT' && traceOf(s) === traceOf(server));
    expect(selects.length).toBeGreaterThan(0);
    expect(selects[0]!.attributes['db.system.name']).toBe('postgresql');
  });

  it('ignores a malformed traceparent and starts a trace of its own', async () => {
    exporter.reset();
    for (const traceparent of ['00-zzzz-00f067aa0ba902b7-01', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, 'x'.repeat(4000), '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\u0000']) {
      const res = await t.app.inject({ url: '/healthz', headers: { traceparent } });
      expect(res.statusCode).toBe(200);
    }
    const servers = spans().filter((s) => s.name === 'GET /healthz');
    expect(servers).toHaveLength(4);
    for (const s of servers) expect(traceOf(s)).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
  });

  it('makes a span per job attempt with its kind and outcome', async () => {
    exporter.reset();
    const def = { kind: 'test.traced', payload: (await import('zod')).z.object({}), maxAttempts: 1, handle: async () => undefined };
    t.ctx.jobs.define(def);
    await withTransaction(t.ctx.database, (tx) => enqueue(tx, def, {}, t.clock.now()));
    await t.ctx.runner!.runDue();
    const job = spans().find((s) => s.name === 'job test.traced');
    expect(job?.attributes).toMatchObject({ 'dargah.job.kind': 'test.traced', 'dargah.job.outcome': 'succeeded', 'dargah.job.attempt': 1 });
  });

  it('puts the active trace id on log lines', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, cb) => (lines.push(chunk.toString()), cb()) });
    const log = pino(loggerOptions('info', false), sink);
    let traceId = '';
    await inSpan('logged', {}, async (span) => {
      traceId = span!.spanContext().traceId;
      log.info('inside a span');
    });
    log.info('outside any span');
    expect(JSON.parse(lines[0]!)).toMatchObject({ traceId, msg: 'inside a span' });
    expect(JSON.parse(lines[1]!).traceId).toBeUndefined();
  });
});
