/**
 * npm run bench — starts Dargah on PostgreSQL and measures each path against its ceiling, in one
 * run: the write path and audited writes over 50 agencies and in one (ADRs 0012, 0019) at 32 clients,
 * catalogue search at 16, the desk report by month over 1,000,000 requests, PDF rendering (Typst beside Chromium's page.pdf(), one core), detached CMS sign + verify on one core (RSA and ECDSA), then the public pages' first-load JavaScript and their Lighthouse mobile
 * scores (ADR 0016), and ends with a summary of the targets. Prints ratios and writes JSON to
 * bench/results/. Timings live here, never in tests. `BENCH_ONLY=web` runs only the public pages'
 * measures, `BENCH_ONLY=server` only the others, `BENCH_ONLY=documents` only PDF rendering, CMS and
 * the signed document end to end (render + PAdES + verify beside Chromium). `npm run bench -- soak`
 * runs only the soak test with faults (soak.ts, SOAK_SECONDS, default 300) and exits non-zero when
 * it loses or doubles anything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchWritePath } from './write-path';

const here = path.dirname(fileURLToPath(import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const only = process.env.BENCH_ONLY;

const results = [];
const summary: string[] = [];
const soakOnly = process.argv.slice(2).includes('soak');

if (soakOnly) {
  const { soak, printSoak } = await import('./soak');
  const report = await soak();
  results.push(report);
  summary.push(printSoak(report));
  if (!report.ok) process.exitCode = 1;
}

if (!soakOnly && only !== 'web' && only !== 'documents') {
  const write = await benchWritePath(32, seconds);
  results.push(write);
  console.log(`\n${write.name} @ ${write.concurrency} clients, ${write.seconds}s`);
  console.log(`  ceiling (direct pg): ${write.ceilingTxPerSec} tx/s`);
  console.log(
    `  HTTP endpoint:       ${write.httpReqPerSec} req/s (p50 ${write.httpLatencyMs.p50} ms, p99 ${write.httpLatencyMs.p99} ms, ${write.httpErrors} errors)`,
  );
  console.log(
    `  ratio: ${write.ratio} (target >= ${write.target}) ${write.ratio >= write.target ? 'OK' : 'BELOW TARGET'}`,
  );
  const chains = await (await import('./audit-chains')).benchAuditChains(32, seconds);
  results.push(chains);
  console.log(`\n${chains.name} @ ${chains.concurrency} clients, ${chains.seconds}s`);
  console.log(`  without the audit step:    ${chains.withoutAuditTxPerSec} tx/s`);
  console.log(
    `  spread over 50 agencies:   ${chains.fiftyAgenciesTxPerSec} tx/s  ratio ${chains.ratio} (target >= ${chains.target}) ${chains.ratio >= chains.target ? 'OK' : 'BELOW TARGET'}`,
  );
  console.log(
    `  all in one agency:         ${chains.oneAgencyTxPerSec} tx/s  ratio ${chains.oneAgencyRatio} (one chain)`,
  );
  console.log(`  median of ${chains.rounds} rounds; each round's ratio over 50 agencies: ${chains.roundRatios.join(', ')}`);
  console.log(
    `  sealing (every ${chains.sealIntervalMs} ms): lag after the writers stopped ${chains.sealLagMs.fifty} ms (50 agencies), ${chains.sealLagMs.one} ms (one); most waiting at once ${chains.maxBacklog.fifty} / ${chains.maxBacklog.one} entries`,
  );
  summary.push(
    `audited writes over 50 agencies, PostgreSQL, ${chains.concurrency} clients: ratio ${chains.ratio} (target >= ${chains.target}); all in one agency: ${chains.oneAgencyRatio}; sealing lag <= ${Math.max(chains.sealLagMs.fifty, chains.sealLagMs.one)} ms`,
  );
  await (await import('./catalogue-search')).reportCatalogueSearch(results, seconds);
  await (await import('./desk-submit')).reportDeskSubmit(results, summary, seconds);
  const { benchDeskReports, printDeskReports } = await import('./desk-reports');
  const desk = await benchDeskReports();
  results.push(desk);
  summary.push(printDeskReports(desk));
}

if (!soakOnly && only !== 'web') {
  const { benchPdf, printPdf } = await import('./pdf');
  const pdf = benchPdf(seconds);
  results.push(pdf);
  printPdf(pdf);
  summary.push(
    `PDF letter (2 pages + QR), one core: Typst ${pdf.typstPerSec}/s vs Chromium page.pdf() ${pdf.chromiumPerSec}/s, ratio ${pdf.ratio}`,
  );
  const { benchPki, printPki } = await import('./pki');
  const pki = await benchPki(seconds);
  results.push(pki);
  summary.push(printPki(pki));
  const { benchDocuments, printDocuments } = await import('./documents');
  const documents = benchDocuments(seconds);
  results.push(documents);
  summary.push(printDocuments(documents));
}

if (!soakOnly && only !== 'server' && only !== 'documents') {
  // The public pages, as a phone's browser gets them: one build, one server, both measures.
  const { startWebServer } = await import('./lib/web');
  const web = await startWebServer();
  try {
    const { benchFirstLoad, printFirstLoad } = await import('./first-load');
    const firstLoad = await benchFirstLoad(web);
    results.push(firstLoad);
    printFirstLoad(firstLoad);
    summary.push(
      `first-load JavaScript, gzip (target <= ${firstLoad.targetKB} KB): ${firstLoad.pages.map((p) => `${p.page} ${p.gzipKB} KB`).join(', ')}`,
    );
    const { benchLighthouse, printLighthouse } = await import('./lighthouse');
    const lh = await benchLighthouse(web);
    results.push(lh);
    printLighthouse(lh);
    summary.push(
      `Lighthouse mobile performance (target >= ${lh.target}): ${lh.pages.map((p) => `${p.page} ${p.score}`).join(', ')}`,
    );
  } finally {
    await web.stop();
  }
}

console.log(`\nsummary\n${summary.map((s) => `  ${s}`).join('\n')}`);
const out = path.join(here, 'results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2));
console.log(`\nresults: ${path.relative(process.cwd(), out)}`);
