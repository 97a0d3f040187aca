import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { breakingChanges, unannounced } from './breaking';

/**
 * `npm run openapi:check` (CI), last step: the current document against the last release's
 * (apps/api/openapi/release.json). Exits 1 on a breaking change to /api/v1 that
 * apps/api/openapi/CHANGELOG.md does not announce. ADR 0024.
 */
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/api/openapi');
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

const changes = breakingChanges(JSON.parse(read('release.json')), JSON.parse(read('openapi.json')));
const open = unannounced(changes, read('CHANGELOG.md'));
for (const c of changes) console.log(`${open.includes(c) ? 'BREAKING (not in CHANGELOG.md)' : 'breaking, announced'}: ${c.operation}: ${c.what}`);
if (open.length) {
  console.error(
    `\n${open.length} breaking change(s) to /api/v1 since the last release. Keep the old behaviour, or add to apps/api/openapi/CHANGELOG.md a line "- BREAKING: <METHOD> <path> — what changed and why" for each operation.`,
  );
  process.exit(1);
}
console.log(`No unannounced breaking change to /api/v1 since the last release (${changes.length} announced).`);
