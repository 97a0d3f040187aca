import { loadConfig } from '../config';
import { verifyAuditChain } from '../platform/audit';
import { openDatabase } from '../platform/db';
import { failStartup } from './exit';

/** npm run audit:verify: walks the audit chain; exits 1 and names the first broken link. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const result = await verifyAuditChain(database);
    if (result.ok) {
      process.stdout.write(`audit chain intact: ${result.entries} entries, head ${result.headHash}\n`);
    } else {
      process.stdout.write(`AUDIT CHAIN BROKEN at entry ${result.brokenAt} (${result.reason}): ${result.message}\n`);
      process.exitCode = 1;
    }
  } finally {
    await database.close();
  }
}

main().catch(failStartup);
