import { expect } from 'vitest';

/** A Content-Security-Policy header as directive → sources. */
export function parseCsp(header: string | string[] | number | undefined): Map<string, string[]> {
  expect(typeof header, 'a Content-Security-Policy header').toBe('string');
  const policy = new Map<string, string[]>();
  for (const part of String(header).split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

/**
 * The policy lets the page run only scripts loaded from this origin: no inline script or event
 * handler (no 'unsafe-inline', nonce or hash), no eval ('unsafe-eval', 'wasm-unsafe-eval'), no
 * other host, no data: or blob: script, no plugins, and no framing by another site.
 */
export function expectScriptOnlyFromSelf(header: string | string[] | number | undefined, where: string): void {
  const csp = parseCsp(header);
  expect(csp.get('default-src'), `${where}: default-src`).toEqual(["'self'"]);
  expect(csp.get('script-src'), `${where}: script-src`).toEqual(["'self'"]);
  // A script-src-elem or -attr would override script-src for elements or event-handler attributes.
  expect(csp.has('script-src-elem'), `${where}: script-src-elem`).toBe(false);
  expect(csp.has('script-src-attr'), `${where}: script-src-attr`).toBe(false);
  expect(csp.get('object-src'), `${where}: object-src`).toEqual(["'none'"]);
  expect(csp.get('base-uri'), `${where}: base-uri`).toEqual(["'self'"]);
  expect(csp.get('frame-ancestors'), `${where}: frame-ancestors`).toEqual(["'none'"]);
  expect(String(header), `${where}: no source allows inline script or eval`).not.toMatch(/'unsafe-eval'|'wasm-unsafe-eval'|'nonce-|'sha(256|384|512)-|'strict-dynamic'/);
}

/** An HTML document whose every script is loaded by address: no inline script, no event-handler attribute, no javascript: link. */
export function expectNoInlineScript(html: string, where: string): void {
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    expect(m[1], `${where}: a script without src`).toMatch(/\bsrc=/i);
    expect(m[2]!.trim(), `${where}: a script with a body`).toBe('');
  }
  expect(html, `${where}: an event-handler attribute`).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
  expect(html, `${where}: a javascript: address`).not.toMatch(/(href|src|action)\s*=\s*["']?\s*javascript:/i);
}
