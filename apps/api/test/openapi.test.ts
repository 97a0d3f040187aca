import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CONTRACT_DIR } from '../src/app';
import { missingOperationIds, suggestOperationId } from '../src/platform/http/openapi';
import type { AppModule } from '../src/platform/module';
import { modules } from '../src/modules';
import { buildTestApp, type TestApp } from './app';

/**
 * The API contract (ADR 0024): the committed document is the app's, every operation has its id,
 * tag, security and documented errors, web routes stay out, and a response that does not match its
 * schema is refused in the test suite as in production.
 */
type Op = { operationId?: string; tags?: string[]; security?: unknown[]; responses: Record<string, { content?: Record<string, { schema?: { properties?: { error?: { properties?: { code?: { enum?: string[] } } } } }; example?: unknown }> }>; requestBody?: { content?: Record<string, { example?: unknown }> } };
type Doc = { paths: Record<string, Record<string, Op>>; tags: Array<{ name: string }>; servers: unknown[]; info: { license?: { name: string } } };

const readContract = <T>(name: string) => JSON.parse(fs.readFileSync(path.join(CONTRACT_DIR, name), 'utf8')) as T;
const operationsOf = (doc: Doc) => Object.entries(doc.paths).flatMap(([p, item]) => Object.entries(item).map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, op })));

/** A module whose routes answer as their schema says, or not. */
const probeModule: AppModule = {
  name: 'probe',
  errors: [],
  async register(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const schema = { response: { 200: z.object({ count: z.number().int(), title: z.string() }) } };
    r.get('/probe/right', { config: { access: 'public' }, schema }, async () => ({ count: 1, title: 'درست' }));
    r.get('/probe/wrong-type', { config: { access: 'public' }, schema }, async () => ({ count: 'یک', title: 'نادرست' }) as never);
    r.get('/probe/missing-field', { config: { access: 'public' }, schema }, async () => ({ count: 1 }) as never);
    r.get('/probe/extra-field', { config: { access: 'public' }, schema }, async () => ({ count: 1, title: 'درست', passwordHash: 'secret' }) as never);
  },
};

let t: TestApp;
let doc: Doc;
beforeAll(async () => {
  t = await buildTestApp();
  doc = t.app.swagger() as unknown as Doc;
});
afterAll(() => t.close());

describe('the committed contract', () => {
  it('is the document the code gives (run `npm run openapi` after changing a route)', () => {
    expect(readContract<Doc>('openapi.json')).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('gives every API route an operation id from the map, none twice, and the map names no route that is gone', () => {
    const problems = missingOperationIds(t.app.routeTable, readContract('operation-ids.json'));
    expect(problems, problems.join('\n')).toEqual([]);
    const ids = operationsOf(doc).map(({ op }) => op.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names a route without an id and suggests one; refuses an id given twice, a malformed id and an entry without a route', () => {
    const routes = [
      { method: 'GET', url: '/api/v1/catalogue/cards/:id' },
      { method: 'POST', url: '/api/v1/catalogue/cards/:id/submit' },
      { method: 'POST', url: '/api/v1/documents/:id/seal' },
      { method: 'GET', url: '/' },
    ];
    const problems = missingOperationIds(routes, {
      'GET /api/v1/catalogue/cards/{id}': 'getCatalogueCard',
      'POST /api/v1/catalogue/cards/{id}/submit': 'getCatalogueCard',
      'DELETE /api/v1/gone': 'Bad id\u0000',
    });
    expect(problems).toEqual([
      'POST /api/v1/documents/{id}/seal has no operation id: add "POST /api/v1/documents/{id}/seal": "sealDocuments" (chosen once, never renamed)',
      '"DELETE /api/v1/gone" names no route: remove it (its id Bad id\u0000 is retired, never given to another operation)',
      'the id "getCatalogueCard" is given twice: to GET /api/v1/catalogue/cards/{id} and to POST /api/v1/catalogue/cards/{id}/submit',
      'DELETE /api/v1/gone: the id "Bad id\u0000" is not lowerCamelCase letters and digits',
    ]);
    expect(suggestOperationId('GET', '/api/v1/catalogue/cards')).toBe('listCatalogueCards');
    expect(suggestOperationId('PUT', '/api/v1/admin/units/{id}')).toBe('replaceAdminUnits');
  });

  it('has one declared tag per operation, the module that registered it', () => {
    const declared = new Set(doc.tags.map((x) => x.name));
    const moduleNames = new Set([...modules.map((m) => m.name), 'platform']);
    for (const { key, op } of operationsOf(doc)) {
      expect([key, op.tags?.length]).toEqual([key, 1]);
      expect(declared.has(op.tags![0]!), key).toBe(true);
      expect(moduleNames.has(op.tags![0]!), key).toBe(true);
    }
    expect(doc.paths['/api/v1/catalogue/laws']!.get!.tags).toEqual(['laws']);
    expect(doc.paths['/api/v1/admin/agencies/{id}']!.put!.tags).toEqual(['organisation']);
  });

  it('documents the error responses of every operation with the codes the catalogue gives those statuses', () => {
    const catalogue = t.app.errorCatalogue;
    for (const { key, op } of operationsOf(doc)) {
      const errors = Object.entries(op.responses).filter(([s]) => /^[45]/.test(s));
      expect(errors.length, key).toBeGreaterThan(0);
      for (const [status, response] of errors) {
        const envelope = response.content?.['application/json']?.schema?.properties?.error;
        if (!envelope) continue; // the route's own answer for that status (/readyz: 503 with its checks)
        const codes = envelope.properties?.code?.enum ?? [];
        expect(codes.length, `${key} ${status}`).toBeGreaterThan(0);
        for (const code of codes) expect([key, code, catalogue.spec(code).status]).toEqual([key, code, Number(status)]);
      }
      expect(op.responses['503'], key).toBeDefined();
    }
    const codes = (k: string, m: string, s: string) => doc.paths[k]![m]!.responses[s]?.content?.['application/json']?.schema?.properties?.error?.properties?.code?.enum ?? [];
    // The rules: a public read without input gives no sign-in or body errors; a rate-limited sign-in gives 429.
    expect(Object.keys(doc.paths['/api/v1/catalogue/vocabularies']!.get!.responses).filter((s) => s !== '200')).toEqual(['431', '503']);
    expect(codes('/api/v1/auth/staff/login', 'post', '429')).toContain('RATE_LIMITED');
    expect(codes('/api/v1/auth/staff/login', 'post', '400')).toEqual(expect.arrayContaining(['VALIDATION_FAILED', 'MALFORMED_JSON', 'TEXT_NOT_ALLOWED']));
    expect(doc.paths['/api/v1/catalogue/cards']!.get!.responses['429']).toBeUndefined();
    expect(codes('/api/v1/catalogue/cards/{id}/submit', 'post', '403')).toEqual(['CSRF_TOKEN_INVALID', 'FORBIDDEN']);
    expect(codes('/api/v1/catalogue/cards/{id}', 'get', '404')).toContain('CARD_NOT_FOUND');
    expect(codes('/api/v1/auth/oidc/start', 'get', '404')).toContain('FEATURE_DISABLED');
    expect(doc.paths['/readyz']!.get!.responses['503']?.content?.['application/json']?.schema?.properties?.error).toBeUndefined();
    expect(codes('/api/v1/admin/agencies/{id}/units', 'post', '422')).toContain('IDEMPOTENCY_KEY_REUSED');
  });

  it('declares a PDF answer as application/pdf bytes, not JSON', () => {
    const pdfs = operationsOf(doc)
      .filter(({ op }) => op.responses['200']?.content?.['application/pdf'])
      .map(({ key }) => key)
      .sort();
    expect(pdfs).toEqual([
      'GET /api/v1/documents/{id}/pdf',
      'GET /api/v1/requests/{id}/answer.pdf',
      'GET /api/v1/requests/{id}/receipt.pdf',
      'POST /api/v1/services/{id}/versions/{no}/output-preview',
    ]);
    for (const key of pdfs) {
      const [m, p] = key.split(' ') as [string, string];
      expect(Object.keys(doc.paths[p]![m.toLowerCase()]!.responses['200']!.content!)).toEqual(['application/pdf']);
    }
  });

  it('leaves out the web app, its pages and the development pages; sets servers and the licence', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'dargah-dist-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>درگاه</title>');
    const web = await buildTestApp({ NODE_ENV: 'development' }, undefined, dist);
    try {
      const urls = web.app.routeTable.map((r) => r.url);
      expect(urls).toEqual(expect.arrayContaining(['/', '/*', '/dev/outbox']));
      const served = (await web.app.inject({ url: '/api/openapi.json' })).json<Doc>();
      expect(Object.keys(served.paths).filter((p) => !p.startsWith('/api/v1/'))).toEqual(['/readyz']);
      expect(served.servers.length).toBeGreaterThan(0);
      expect(served.info.license?.name).toBe('AGPL-3.0-or-later');
    } finally {
      await web.close();
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });

  it('shows an example of a main operation of every module', () => {
    const withExample = new Set(
      operationsOf(doc)
        .filter(({ op }) => Object.values(op.responses).some((r) => r.content?.['application/json']?.example !== undefined))
        .map(({ op }) => op.tags![0]),
    );
    expect([...doc.tags.map((x) => x.name)].filter((tag) => !withExample.has(tag))).toEqual([]);
    const examples = readContract<Record<string, unknown>>('examples.json');
    const ids = new Set(operationsOf(doc).map(({ op }) => op.operationId));
    expect(Object.keys(examples).filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe('response validation', () => {
  let probe: TestApp;
  beforeAll(async () => {
    probe = await buildTestApp({}, undefined, false, false, [...modules, probeModule]);
  });
  afterAll(() => probe.close());

  it('answers a response that matches its schema', async () => {
    const res = await probe.app.inject({ url: '/api/v1/probe/right' });
    expect([res.statusCode, res.json()]).toEqual([200, { count: 1, title: 'درست' }]);
  });

  it('refuses to send a response that does not match its schema: 500 INTERNAL, never the wrong shape', async () => {
    for (const url of ['/api/v1/probe/wrong-type', '/api/v1/probe/missing-field']) {
      const res = await probe.app.inject({ url });
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 500, 'INTERNAL']);
      expect(res.body).not.toContain('نادرست');
    }
  });

  it('drops a field the schema does not name (a hash never leaks by accident)', async () => {
    const res = await probe.app.inject({ url: '/api/v1/probe/extra-field' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ count: 1, title: 'درست' });
  });

  it('covers every operation: each documents a success response with a schema (redirects aside)', () => {
    const redirects = ['GET /api/v1/auth/oidc/start', 'GET /api/v1/auth/oidc/callback', 'GET /api/v1/payments/callback'];
    const without = operationsOf(doc)
      .filter(({ key }) => !redirects.includes(key))
      .filter(({ op }) => !Object.entries(op.responses).some(([s, r]) => /^2/.test(s) && (s === '204' || r.content)))
      .map(({ key }) => key);
    expect(without).toEqual([]);
  });
});
