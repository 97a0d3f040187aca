/**
 * The public pages' first-load JavaScript: each page (home, catalogue, a service's information
 * package, the citizen sign-in) opened in Chromium with an empty cache, summing the scripts it
 * downloads before the network is idle. Reported as gzip (the same files asked for with
 * `Accept-Encoding: gzip`, what the target of 150 KB is written in) and as the Brotli bytes Chromium
 * actually received, against the target as a ratio. The same loads count console errors and
 * Content-Security-Policy violations (both should be none: the anonymous session check answers 204,
 * zod runs jitless).
 */
import http from 'node:http';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, type WebServer } from './lib/web';

export const FIRST_LOAD_TARGET_KB = 150;

/** Bytes on the wire of one GET with the given Accept-Encoding (the body as sent, not decoded). */
function wireBytes(url: string, encoding: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'identity') }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

export interface FirstLoad {
  page: string;
  path: string;
  scripts: number;
  gzipKB: number;
  brotliKB: number;
  uncompressedKB: number;
  ratio: number;
  consoleErrors: string[];
  cspViolations: string[];
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

export async function benchFirstLoad(web: WebServer) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
  const pages: FirstLoad[] = [];
  try {
    for (const p of web.pages) {
      const context = await browser.newContext({
        viewport: { width: 412, height: 823 },
        isMobile: true,
        locale: 'fa-IR',
      });
      const page = await context.newPage();
      const scripts = new Set<string>();
      const consoleErrors: string[] = [];
      page.on('request', (req) => {
        if (req.resourceType() === 'script') scripts.add(req.url());
      });
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => consoleErrors.push(e.message));
      // Violations are also events in the page: collect them from the first script on.
      await page.addInitScript({
        content: `window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`,
      });
      await page.goto(web.url + p.path, { waitUntil: 'networkidle' });
      const cspViolations = await page.evaluate<string[]>('window.__csp');
      await context.close();
      let gzip = 0;
      let br = 0;
      let raw = 0;
      for (const url of scripts) {
        const g = await wireBytes(url, 'gzip');
        const b = await wireBytes(url, 'br');
        const r = await wireBytes(url, 'identity');
        if (g.encoding !== 'gzip' || b.encoding !== 'br')
          throw new Error(`${url} is not served compressed (${g.encoding}, ${b.encoding})`);
        gzip += g.bytes;
        br += b.bytes;
        raw += r.bytes;
      }
      pages.push({
        page: p.name,
        path: p.path,
        scripts: scripts.size,
        gzipKB: kb(gzip),
        brotliKB: kb(br),
        uncompressedKB: kb(raw),
        ratio: Number((FIRST_LOAD_TARGET_KB / kb(gzip)).toFixed(3)),
        consoleErrors,
        cspViolations,
      });
    }
  } finally {
    await browser.close();
  }
  return {
    name: "public pages' first-load JavaScript (gzip), Chromium with an empty cache",
    targetKB: FIRST_LOAD_TARGET_KB,
    pages,
  };
}

export function printFirstLoad(r: Awaited<ReturnType<typeof benchFirstLoad>>): void {
  console.log(`\n${r.name}`);
  for (const p of r.pages) {
    const ok = p.gzipKB <= r.targetKB ? 'OK' : 'ABOVE TARGET';
    console.log(
      `  ${p.page.padEnd(20)} ${String(p.gzipKB).padStart(6)} KB gzip (${p.brotliKB} KB br, ${p.uncompressedKB} KB raw, ${p.scripts} scripts)  target/actual ${p.ratio} (target <= ${r.targetKB} KB) ${ok}`,
    );
    console.log(
      `  ${''.padEnd(20)} console errors: ${p.consoleErrors.length}, CSP violations: ${p.cspViolations.length}${[...p.consoleErrors, ...p.cspViolations].map((e) => `\n      ${e.slice(0, 200)}`).join('')}`,
    );
  }
}
