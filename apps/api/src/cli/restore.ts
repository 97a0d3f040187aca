import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { auditKeyFromConfig, publicAuditKey, type AuditKey } from '../platform/audit';
import { BackupError, restoreBackup } from '../platform/backup';
import { migrate, openDatabase, type Database } from '../platform/db';
import { createBlobDriverFromConfig } from '../platform/files';
import { checkRestored, type RestoreCheck } from '../restore-check';
import { failStartup } from './exit';

const USAGE = `npm run restore -- --from <backup folder> [--public-key <key.pem>]
npm run restore -- --check [--public-key <key.pem>]

Restores a backup (npm run backup) into the configured installation, which must be fresh: an empty
server database (DATABASE_URL, created beforehand) or an unused DATA_DIR, and an empty blob folder.
Then applies pending migrations and checks the result whole: every blob the database references is
present with a matching SHA-256, the app starts and serves a tracked request (a write probe), and
every audit chain and signed checkpoint verifies.
  --from         the backup folder (relative paths are taken from where npm was run)
  --check        check the configured installation as it is, restoring nothing (after a
                 point-in-time recovery, docs/operations/backup.md)
  --public-key   the Ed25519 public key (PEM) the checkpoints were signed with, instead of the
                 configured signing key's
Exits 0 when the restore is whole, 1 naming each problem (a missing blob by its address).`;

function formatCheck(c: RestoreCheck): string {
  const head = c.ok ? 'restore check passed' : `RESTORE CHECK FAILED: ${c.problems.length} problem(s)`;
  return [
    head,
    `  audit: ${c.audit.entries} entries in ${c.audit.chains} chains, ${c.audit.checkpoints} checkpoints`,
    `  blobs: ${c.blobs.checked} of ${c.blobs.referenced} referenced present and matching`,
    `  app: /readyz ${c.app.readyz}, write probe ${c.app.writeProbe}`,
    ...c.problems.map((p) => `  ${p.reason}: ${p.message}`),
  ].join('\n') + '\n';
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, check: { type: 'boolean' }, 'public-key': { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help || (!values.from && !values.check) || (values.from && values.check)) {
    process.stdout.write(`${USAGE}\n`);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  const trustedKeys: AuditKey[] = [values['public-key'] ? publicAuditKey(fs.readFileSync(values['public-key'], 'utf8')) : auditKeyFromConfig(config)];
  const blobs = createBlobDriverFromConfig(config);
  let database: Database;
  if (values.from) {
    const from = path.resolve(process.env.INIT_CWD ?? process.cwd(), values.from);
    try {
      const restored = await restoreBackup(from, {
        url: config.DATABASE_URL,
        poolSize: config.DATABASE_POOL_SIZE,
        dataDir: config.dataDir,
        blobs,
        blobRoot: config.BLOB_DRIVER === 'fs' ? path.join(config.dataDir, 'blobs') : undefined,
      });
      database = restored.database;
      const lost = [...restored.missingInBackup.map((s) => `missing ${s}`), ...restored.corruptInBackup.map((s) => `changed ${s}`)];
      process.stdout.write(`restored ${restored.manifest.database.kind} database of ${restored.manifest.createdAt} and ${restored.blobsRestored} of ${restored.manifest.blobs.length} blobs\n`);
      for (const l of lost) process.stdout.write(`  blob left out, ${l}\n`);
    } catch (err) {
      if (!(err instanceof BackupError)) throw err;
      process.stderr.write(`RESTORE REFUSED ${err.code}: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
  } else {
    database = await openDatabase(config);
  }
  try {
    const applied = await migrate(database);
    if (applied.length) process.stdout.write(`migrations applied: ${applied.join(', ')}\n`);
    const check = await checkRestored({ config, database, blobs, trustedKeys });
    process.stdout.write(formatCheck(check));
    if (!check.ok) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

main().catch(failStartup);
