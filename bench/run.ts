/**
 * npm run bench — starts Dargah on PostgreSQL and measures each path against its ceiling.
 * Prints ratios and writes JSON to bench/results/. Timings live here, never in tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchWritePath } from './write-path';

const here = path.dirname(fileURLToPath(import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

const results = [];
const write = await benchWritePath(32, seconds);
results.push(write);
console.log(`\n${write.name} @ ${write.concurrency} clients, ${write.seconds}s`);
console.log(`  ceiling (direct pg): ${write.ceilingTxPerSec} tx/s`);
console.log(`  HTTP endpoint:       ${write.httpReqPerSec} req/s (p50 ${write.httpLatencyMs.p50} ms, p99 ${write.httpLatencyMs.p99} ms, ${write.httpErrors} errors)`);
console.log(`  ratio: ${write.ratio} (target >= ${write.target}) ${write.ratio >= write.target ? 'OK' : 'BELOW TARGET'}`);
const chains = await (await import('./audit-chains')).benchAuditChains(32, seconds);
results.push(chains);
console.log(`\n${chains.name} @ ${chains.concurrency} clients, ${chains.seconds}s`);
console.log(`  without the audit step:    ${chains.withoutAuditTxPerSec} tx/s`);
console.log(`  spread over 50 agencies:   ${chains.fiftyAgenciesTxPerSec} tx/s  ratio ${chains.ratio} (target >= ${chains.target}) ${chains.ratio >= chains.target ? 'OK' : 'BELOW TARGET'}`);
console.log(`  all in one agency:         ${chains.oneAgencyTxPerSec} tx/s  ratio ${chains.oneAgencyRatio} (one chain: every write waits on one head row)`);
await (await import('./catalogue-search')).reportCatalogueSearch(results, seconds);

const out = path.join(here, 'results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2));
console.log(`\nresults: ${path.relative(process.cwd(), out)}`);
