import { loadConfig } from '../config';
import { migrate, openDatabase } from '../platform/db';
import { failStartup } from './exit';

/** npm run db:migrate: applies pending migrations to the configured database and exits. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const applied = await migrate(database);
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
  } finally {
    await database.close();
  }
}

main().catch(failStartup);
