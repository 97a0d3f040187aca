import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp, CONTRACT_DIR } from '../app';
import { createContext } from '../bootstrap';
import { loadConfig } from '../config';
import { generateAuditKey } from '../platform/audit';
import { openEmbeddedDatabase } from '../platform/db';
import { missingOperationIds } from '../platform/http/openapi';

const USAGE = `npm run openapi [-- --check]

Builds the app (an embedded database, nothing migrated or stored) and writes its OpenAPI document to
apps/api/openapi/openapi.json and the typed client's types to packages/api-client/src/schema.ts.
Refuses when an /api/v1 route declares no access class, has no operation id in apps/api/openapi/operation-ids.json (naming
it and suggesting one) or when the map names a route that no longer exists.
  --check   write nothing: exit 1 when either committed file differs from what the code gives (CI)`;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const DOCUMENT_FILE = path.join(CONTRACT_DIR, 'openapi.json');
export const CLIENT_TYPES_FILE = path.join(ROOT, 'packages/api-client/src/schema.ts');

/** The app's OpenAPI document, as `npm run openapi` writes it. */
export async function buildDocument(): Promise<{ document: Record<string, unknown>; problems: string[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dargah-openapi-'));
  const keyFile = path.join(dataDir, 'audit-signing-key.pem');
  fs.writeFileSync(keyFile, generateAuditKey().privateKey!.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, AUDIT_SIGNING_KEY_FILE: keyFile });
  const database = await openEmbeddedDatabase();
  try {
    const ctx = await createContext(config, { database });
    const app = await buildApp(ctx, { webDist: false, pages: false });
    await app.ready();
    const document = JSON.parse(JSON.stringify(app.swagger())) as Record<string, unknown>;
    const ids = JSON.parse(fs.readFileSync(path.join(CONTRACT_DIR, 'operation-ids.json'), 'utf8')) as Record<string, string>;
    const problems = [
      ...app.routeTable.filter((r) => r.url.startsWith('/api/v1/') && !r.access).map((r) => `${r.method} ${r.url} declares no access class (config: { access })`),
      ...missingOperationIds(app.routeTable, ids),
    ];
    await app.close();
    return { document, problems };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The client's types for a document (openapi-typescript). */
export async function clientTypes(document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(document as never, { alphabetize: false });
  return `/* Generated from apps/api/openapi/openapi.json by \`npm run openapi\`: do not edit. (Over 450 lines: the types of every operation of the API, generated in one file as openapi-typescript writes them.) */\n\n${astToString(ast)}`;
}

export const documentText = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { document, problems } = await buildDocument();
  if (problems.length) {
    process.stderr.write(`The routes and the contract (apps/api/openapi/operation-ids.json) do not match:\n  ${problems.join('\n  ')}\n`);
    return 1;
  }
  const files: Array<[string, string]> = [
    [DOCUMENT_FILE, documentText(document)],
    [CLIENT_TYPES_FILE, await clientTypes(document)],
  ];
  if (values.check) {
    const stale = files.filter(([file, text]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text).map(([file]) => path.relative(ROOT, file));
    if (stale.length) {
      process.stderr.write(`Out of date with the code (run \`npm run openapi\` and commit): ${stale.join(', ')}\n`);
      return 1;
    }
    process.stdout.write('The OpenAPI document and the client are up to date.\n');
    return 0;
  }
  for (const [file, text] of files) fs.writeFileSync(file, text);
  process.stdout.write(`Wrote ${files.map(([f]) => path.relative(ROOT, f)).join(' and ')}.\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
