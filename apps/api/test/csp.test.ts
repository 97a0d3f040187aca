import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './app';
import { expectNoInlineScript, expectScriptOnlyFromSelf, parseCsp } from './csp';

/**
 * The Content-Security-Policy (platform/http/plugin.ts, issue 13 item 7): every answer, JSON or
 * HTML, lets a browser run scripts from this origin only, never an inline script or eval; and the
 * web app's document has no inline script to need one. The server-rendered pages are checked in
 * pages.test.ts ("are whole documents … with no script") with the same helpers; the browser tests
 * (e2e/shell.e2e.ts) load the built app and count CSP violations (none).
 */

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');
let t: TestApp;
let root: string;

beforeAll(async () => {
  // The web app's document as `vite build` leaves it: the source index.html with its entry script
  // replaced by the hashed bundle.
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dargah-csp-'));
  fs.mkdirSync(path.join(root, 'assets'));
  const source = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
  expect(source).toContain('src="/src/main.tsx"');
  fs.writeFileSync(path.join(root, 'index.html'), source.replace('src="/src/main.tsx"', 'crossorigin src="/assets/index-abc123.js"'));
  fs.writeFileSync(path.join(root, 'assets/index-abc123.js'), 'document.getElementById("root").textContent = "درگاه";\n');
  t = await buildTestApp({}, undefined, root);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the Content-Security-Policy', () => {
  it('on API answers (JSON, the error envelope, health) forbids inline script and eval', async () => {
    for (const url of ['/api/v1/services', '/api/v1/no-such-route', '/healthz', '/api/openapi.json']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBeLessThan(500);
      expectScriptOnlyFromSelf(res.headers['content-security-policy'], url);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });

  it('on the web app’s document, at any client route, forbids inline script and eval, and the document has none', async () => {
    for (const url of ['/', '/staff', '/me/requests/123']) {
      const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(res.body, url).toContain('<div id="root"></div>');
      expect(res.body, url).toMatch(/<script type="module" crossorigin src="\/assets\/index-abc123\.js"><\/script>/);
      expectNoInlineScript(res.body, url);
      expectScriptOnlyFromSelf(res.headers['content-security-policy'], url);
    }
    // Its script comes from this origin, under the same policy.
    const script = await t.app.inject({ url: '/assets/index-abc123.js' });
    expect(script.statusCode).toBe(200);
    expectScriptOnlyFromSelf(script.headers['content-security-policy'], 'the bundle');
  });

  it('answers a client route carrying markup with the same document and policy, reflecting nothing', async () => {
    const url = '/staff/%3Cscript%3Ealert(1)%3C%2Fscript%3E?q=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E';
    const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/alert\(1\)|onerror/);
    expectNoInlineScript(res.body, url);
    expectScriptOnlyFromSelf(res.headers['content-security-policy'], url);
  });

  it('on the API documentation (Swagger UI, its own policy) forbids inline script, event-handler attributes and eval too', async () => {
    const res = await t.app.inject({ url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expectNoInlineScript(res.body, '/api/docs/');
    const csp = parseCsp(res.headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(String(res.headers['content-security-policy'])).not.toMatch(/'unsafe-inline'|'unsafe-eval'|'wasm-unsafe-eval'|'nonce-|'sha(256|384|512)-/);
  });

  it('is not vacuous: the checks refuse a policy or a document that would let inline script run', () => {
    const good = "default-src 'self';script-src 'self';object-src 'none';base-uri 'self';frame-ancestors 'none'";
    expect(() => expectScriptOnlyFromSelf(good, 'good')).not.toThrow();
    for (const bad of [
      good.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
      good.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"),
      good.replace("script-src 'self'", "script-src 'self' 'nonce-abc'"),
      good.replace("script-src 'self'", "script-src 'self' https://cdn.example"),
      `${good};script-src-attr 'unsafe-inline'`,
      good.replace(";script-src 'self'", ''),
      good.replace("object-src 'none'", "object-src 'self'"),
      undefined,
    ]) {
      expect(() => expectScriptOnlyFromSelf(bad, 'bad'), String(bad)).toThrow();
    }
    expect(() => expectNoInlineScript('<script src="/a.js"></script>', 'good')).not.toThrow();
    for (const bad of ['<script>alert(1)</script>', '<script src="/a.js">alert(1)</script>', '<img src=x onerror="alert(1)">', '<a href="javascript:alert(1)">x</a>']) {
      expect(() => expectNoInlineScript(bad, 'bad'), bad).toThrow();
    }
    expect(parseCsp("default-src 'self'; img-src 'self' data:").get('img-src')).toEqual(["'self'", 'data:']);
  });
});
