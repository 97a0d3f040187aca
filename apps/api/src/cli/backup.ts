import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { BackupError, createBackup } from '../platform/backup';
import { openDatabase } from '../platform/db';
import { createBlobDriverFromConfig } from '../platform/files';
import { failStartup } from './exit';

const USAGE = `npm run backup -- --out <folder>

Writes a backup of the configured installation into a new or empty folder: the database (pg_dump
custom format on a server, DATABASE_URL; PGlite's data-directory dump for the embedded database, which
must not be in use: stop Dargah first), every blob the database knows under its address, and
manifest.json with the SHA-256 of each file. Restore it with npm run restore.
  --out   the folder (relative paths are taken from where npm was run)
Exits 0 with a summary; 1 naming a referenced blob the store lacks or whose bytes changed.`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help || !values.out) {
    process.stdout.write(`${USAGE}\n`);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  // npm runs the script in apps/api: a relative folder means the one the operator typed it in.
  const out = path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
  const database = await openDatabase(config);
  try {
    const m = await createBackup({ database, url: config.DATABASE_URL, blobs: createBlobDriverFromConfig(config), out });
    const bytes = m.blobs.reduce((n, b) => n + b.size, 0);
    process.stdout.write(`backup written to ${out}: ${m.database.kind} database (${m.database.file}, ${m.database.bytes} bytes, ${m.database.migrations.length} migrations), ${m.blobs.length} blobs (${bytes} bytes)\n`);
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    process.stderr.write(`BACKUP FAILED ${err.code}: ${err.message}\n`);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}

main().catch(failStartup);
