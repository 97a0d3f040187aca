// npm run audit:deps — `npm audit --omit=dev --audit-level=high` against .ci/audit-allow.json (see
// tools/supply-chain/audit.js). Exits 0 when no high or critical advisory on a production dependency
// is left unexcused, 1 when one is (or the allow-list is wrong), 3 when the registry's audit endpoint
// gave no report, so nothing was checked (.ci/run shows that step as not run, not as passed).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditVerdict } from '../tools/supply-chain/audit.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const allow = JSON.parse(fs.readFileSync(path.join(root, '.ci/audit-allow.json'), 'utf8'));
const res = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report;
try {
  report = JSON.parse(res.stdout);
} catch {
  report = { message: (res.stderr || res.stdout || `npm audit exited ${res.status}`).trim().split('\n').slice(-3).join(' ') };
}
const v = auditVerdict(report, allow, new Date());
for (const f of v.allowed) console.log(`allowed: ${f.severity} ${f.advisory} in ${f.package} (${f.title}) — see .ci/audit-allow.json`);
for (const f of v.findings) console.log(`${f.severity}: ${f.advisory} in ${f.package}: ${f.title}${f.fix ? ' (a fix is available: npm audit fix --omit=dev)' : ''}`);
for (const p of v.problems) console.log(p);
if (v.outcome === 'unchecked') {
  console.log('npm audit: NOT CHECKED — no advisories were read; run it where the registry answers the audit endpoint.');
  process.exit(3);
}
console.log(v.outcome === 'pass' ? `npm audit: no unexcused high or critical advisory on a production dependency (${v.allowed.length} allowed)` : 'npm audit: FAILED');
process.exit(v.outcome === 'pass' ? 0 : 1);
