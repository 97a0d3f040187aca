import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './app';

/**
 * Compression (ADR 0016): built assets are answered from their precompressed `.br`/`.gz` copies,
 * everything else over 1 KB (JSON, HTML) is compressed per request, and only when the request's
 * Accept-Encoding asks. Source maps and the compressed copies' own names are never served, and no
 * encoding lets a path leave the web root.
 */

const SCRIPT = `export const greeting = ${JSON.stringify('سلام '.repeat(400))};\n`;
const SECRET = 'not part of the web app: a file beside the web root';

let t: TestApp;
let root: string;

function decode(body: Buffer, encoding: string | undefined): string {
  if (encoding === 'br') return zlib.brotliDecompressSync(body).toString('utf8');
  if (encoding === 'gzip') return zlib.gunzipSync(body).toString('utf8');
  return body.toString('utf8');
}

beforeAll(async () => {
  // A built web app as `vite build` leaves it, beside a file that must stay out of reach.
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dargah-web-'));
  const dist = path.join(root, 'dist');
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(dist, 'index.html'),
    `<!doctype html><html lang="fa"><body><div id="root"></div>${'<!-- padding -->'.repeat(100)}</body></html>`,
  );
  fs.writeFileSync(path.join(dist, 'assets/app-abc123.js'), SCRIPT);
  // The copies are told apart from the original by a marker, so the test sees which one was sent.
  fs.writeFileSync(path.join(dist, 'assets/app-abc123.js.br'), zlib.brotliCompressSync(`${SCRIPT}// br copy\n`));
  fs.writeFileSync(path.join(dist, 'assets/app-abc123.js.gz'), zlib.gzipSync(`${SCRIPT}// gz copy\n`));
  fs.writeFileSync(path.join(dist, 'assets/app-abc123.js.map'), '{"version":3,"sources":["../src/secret-logic.ts"]}');
  fs.writeFileSync(path.join(root, 'secret.txt'), SECRET);
  fs.writeFileSync(path.join(root, 'secret.txt.br'), zlib.brotliCompressSync(SECRET));
  fs.writeFileSync(path.join(root, 'secret.txt.gz'), zlib.gzipSync(SECRET));
  t = await buildTestApp({}, undefined, dist);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('a built script', () => {
  it.each([
    ['br', 'br', '// br copy'],
    ['gzip', 'gzip', '// gz copy'],
    ['gzip, deflate, br', 'br', '// br copy'],
    ['br;q=0.5, gzip', 'gzip', '// gz copy'],
  ])('Accept-Encoding %s: the precompressed %s copy', async (accept, encoding, marker) => {
    const res = await t.app.inject({ url: '/assets/app-abc123.js', headers: { 'accept-encoding': accept } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const text = decode(res.rawPayload, encoding);
    expect(text.startsWith(SCRIPT)).toBe(true);
    expect(text).toContain(marker);
  });

  it('without Accept-Encoding (or with identity only): the file as it is', async () => {
    for (const headers of [{}, { 'accept-encoding': 'identity' }]) {
      const res = await t.app.inject({ url: '/assets/app-abc123.js', headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body).toBe(SCRIPT);
      expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    }
  });
});

describe('JSON and HTML answers', () => {
  it('compressed when asked: an API answer and the OpenAPI document', async () => {
    for (const url of ['/api/v1/catalogue/vocabularies', '/api/openapi.json']) {
      for (const encoding of ['br', 'gzip']) {
        const res = await t.app.inject({ url, headers: { 'accept-encoding': encoding } });
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['content-encoding'], url).toBe(encoding);
        expect(res.headers['content-type']).toMatch(/json/);
        const body = JSON.parse(decode(res.rawPayload, encoding)) as unknown;
        expect(body).toBeTypeOf('object');
        expect(res.rawPayload.length).toBeLessThan(JSON.stringify(body).length);
      }
    }
  });

  it('not compressed when not asked', async () => {
    const res = await t.app.inject({ url: '/api/v1/catalogue/vocabularies' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.json()).toBeTypeOf('object');
  });

  it('the web app page is compressed when asked, on any client route', async () => {
    for (const url of ['/', '/catalogue']) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(decode(res.rawPayload, 'br')).toContain('<div id="root">');
      const plain = await t.app.inject({ url });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toContain('<div id="root">');
    }
  });
});

describe('what is never served', () => {
  it('source maps: not found, whatever the encoding', async () => {
    for (const headers of [{}, { 'accept-encoding': 'br' }]) {
      const res = await t.app.inject({ url: '/assets/app-abc123.js.map', headers });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('secret-logic');
    }
  });

  it('the compressed copies by their own names', async () => {
    for (const url of ['/assets/app-abc123.js.br', '/assets/app-abc123.js.gz']) {
      expect((await t.app.inject({ url })).statusCode, url).toBe(404);
    }
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
  ])('a path out of the web root (%s) gets nothing, even asking for br or gzip', async (url) => {
    for (const encoding of ['br', 'gzip', 'br, gzip']) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': encoding } });
      expect(res.statusCode, `${url} ${encoding}`).not.toBe(200);
      const enc = res.headers['content-encoding'];
      expect(decode(res.rawPayload, typeof enc === 'string' ? enc : undefined)).not.toContain(SECRET);
    }
  });
});

describe('request bodies', () => {
  it('are read as sent: a gzip body is not inflated at the edge, and nothing is written', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/operations/write-probes',
      headers: { ...t.admin, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: zlib.gzipSync(JSON.stringify({ label: 'inflated' })),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBeTypeOf('string');
    expect(await t.ctx.database.query("SELECT 1 FROM write_probes WHERE label = 'inflated'")).toHaveLength(0);
  });
});
