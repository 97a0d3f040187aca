// npm run sbom — the CycloneDX SBOM of the production dependencies, written to dist/sbom.cdx.json
// (or the path given) and checked: CycloneDX, every workspace's production dependencies listed at
// their installed versions (fastify among them), no development tool. `npm run build` runs it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bomProblems, buildSbom, expectationsOf } from '../tools/supply-chain/sbom.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(root, process.argv[2] ?? 'dist/sbom.cdx.json');
const bom = buildSbom(root);
const problems = bomProblems(bom, expectationsOf(root));
if (problems.length) {
  console.error(`The SBOM is not right:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(bom, null, 2)}\n`);
console.log(`SBOM: ${bom.components.length} production components (CycloneDX ${bom.specVersion}) in ${path.relative(root, out)}`);
