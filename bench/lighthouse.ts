/**
 * Lighthouse (npm, pinned) on its default mobile profile (a mid-range phone, simulated slow 4G and
 * a 4x slower CPU), driving the machine's Chromium through chrome-launcher: the performance score
 * of each public page, target 90 or more each, with the metrics behind it. A score is a ratio to
 * Lighthouse's own reference curves, so it is printed as is. The machine is shared: the simulated
 * CPU time is scaled from what this run observed, so a busy machine lowers the score.
 */
import { createRequire } from 'node:module';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, type WebServer } from './lib/web';

export const LIGHTHOUSE_TARGET = 90;

export interface LighthousePage {
  page: string;
  path: string;
  score: number;
  accessibility: number;
  seo: number;
  firstContentfulPaintMs: number;
  largestContentfulPaintMs: number;
  totalBlockingTimeMs: number;
  cumulativeLayoutShift: number;
  speedIndexMs: number;
}

export async function benchLighthouse(web: WebServer) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_FLAGS });
  const pages: LighthousePage[] = [];
  try {
    for (const p of web.pages) {
      const result = await lighthouse(web.url + p.path, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'seo'],
      });
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`Lighthouse gave no result for ${p.path}`);
      if (lhr.runtimeError)
        throw new Error(`Lighthouse on ${p.path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const metric = (id: string) =>
        Math.round((lhr.audits[id]?.numericValue ?? NaN) * (id === 'cumulative-layout-shift' ? 1000 : 1)) /
        (id === 'cumulative-layout-shift' ? 1000 : 1);
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? NaN) * 100);
      pages.push({
        page: p.name,
        path: p.path,
        score: score('performance'),
        accessibility: score('accessibility'),
        seo: score('seo'),
        firstContentfulPaintMs: metric('first-contentful-paint'),
        largestContentfulPaintMs: metric('largest-contentful-paint'),
        totalBlockingTimeMs: metric('total-blocking-time'),
        cumulativeLayoutShift: metric('cumulative-layout-shift'),
        speedIndexMs: metric('speed-index'),
      });
    }
  } finally {
    chrome.kill();
  }
  return {
    name: `Lighthouse ${lighthouseVersion()} mobile performance score of the public pages`,
    target: LIGHTHOUSE_TARGET,
    pages,
  };
}

function lighthouseVersion(): string {
  return (createRequire(import.meta.url)('lighthouse/package.json') as { version: string }).version;
}

export function printLighthouse(r: Awaited<ReturnType<typeof benchLighthouse>>): void {
  console.log(`\n${r.name}`);
  for (const p of r.pages) {
    const ok = p.score >= r.target ? 'OK' : 'BELOW TARGET';
    console.log(
      `  ${p.page.padEnd(20)} performance ${String(p.score).padStart(3)} (target >= ${r.target}) ${ok}; accessibility ${p.accessibility}, SEO ${p.seo}`,
    );
    console.log(
      `  ${''.padEnd(20)} FCP ${(p.firstContentfulPaintMs / 1000).toFixed(1)} s, LCP ${(p.largestContentfulPaintMs / 1000).toFixed(1)} s, TBT ${Math.round(p.totalBlockingTimeMs)} ms, CLS ${p.cumulativeLayoutShift}, Speed Index ${(p.speedIndexMs / 1000).toFixed(1)} s`,
    );
  }
}
