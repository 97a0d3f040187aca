import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { breakingChanges, unannounced } from './breaking';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/api/openapi');
const release = JSON.parse(fs.readFileSync(path.join(dir, 'release.json'), 'utf8'));
const changelog = fs.readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a document to cut into, any shape
type Loose = any;
const copy = (): Loose => structuredClone(release);
const ok = (doc: Loose, p: string, m = 'get'): Loose => doc.paths[p][m].responses['200'].content['application/json'].schema;

describe('the breaking-change check against the last release', () => {
  it('passes today: the committed document breaks nothing unannounced', () => {
    const current = JSON.parse(fs.readFileSync(path.join(dir, 'openapi.json'), 'utf8'));
    expect(unannounced(breakingChanges(release, current), changelog)).toEqual([]);
  });

  it('fails on a deliberately removed response field, and passes once the changelog names it', () => {
    const after = copy();
    const schema = ok(after, '/api/v1/services/{id}');
    expect(schema.properties.title).toBeDefined();
    delete schema.properties.title;
    const changes = breakingChanges(release, after);
    expect(changes).toContainEqual({ operation: 'GET /api/v1/services/{id}', what: 'response field title removed' });
    expect(unannounced(changes, changelog).length).toBeGreaterThan(0);
    const listed = `${changelog}\n- BREAKING: GET /api/v1/services/{id} — \`title\` is removed (read \`titleFa\`).\n`;
    expect(unannounced(changes, listed)).toEqual([]);
    // An entry for another operation, or one not marked BREAKING, does not cover it.
    expect(unannounced(changes, `${changelog}\n- BREAKING: GET /api/v1/services — title removed\n- GET /api/v1/services/{id}: title removed\n`)).toHaveLength(changes.length);
  });

  it('fails on a removed operation, a nested field removed from a list, and a changed response type', () => {
    const after = copy();
    delete after.paths['/api/v1/cartable'];
    const list = ok(after, '/api/v1/services');
    const item = list.properties.items.items;
    delete item.properties.agencyName;
    ok(after, '/api/v1/services/{id}').properties.title = { type: 'integer' };
    const whats = breakingChanges(release, after).map((c) => `${c.operation}: ${c.what}`);
    expect(whats).toEqual(
      expect.arrayContaining([
        'GET /api/v1/cartable: operation removed',
        'GET /api/v1/services: response field items[].agencyName removed',
        'GET /api/v1/services/{id}: response title: can now be integer (was string)',
      ]),
    );
  });

  it('fails on a new required input and a narrowed input; a new optional input or response field passes', () => {
    const after = copy();
    const body = after.paths['/api/v1/requests'].post.requestBody.content['application/json'].schema;
    body.properties.extra = { type: 'string' };
    body.required = [...body.required, 'extra'];
    const limit = after.paths['/api/v1/services'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    limit.schema.maximum = 5;
    const whats = breakingChanges(release, after).map((c) => `${c.operation}: ${c.what}`);
    expect(whats).toContain('POST /api/v1/requests: input body.extra: newly required');
    expect(whats.some((w) => w.startsWith('GET /api/v1/services: input query limit: maximum lowered to 5'))).toBe(true);

    const additive = copy();
    additive.paths['/api/v1/requests'].post.requestBody.content['application/json'].schema.properties.note = { type: 'string' };
    ok(additive, '/api/v1/services/{id}').properties.newField = { type: 'string' };
    additive.paths['/api/v1/new-thing'] = { get: { responses: { '200': { description: 'x' } } } };
    expect(breakingChanges(release, additive)).toEqual([]);
  });

  it('looks only at /api/v1: a change to /readyz is not a break of the versioned API', () => {
    const after = copy();
    delete after.paths['/readyz'];
    expect(breakingChanges(release, after)).toEqual([]);
  });
});
