import { createHash } from 'node:crypto';
import type { Database } from '../db';
import type { BlobDriver } from '../files';

/** Every blob the database knows, with whether anything references it. */
export async function listBlobs(database: Database): Promise<Array<{ sha256: string; size: number; referenced: boolean }>> {
  const found = await database.query<{ sha256: string; size: string | number; ref_count: number }>('SELECT sha256, size, ref_count FROM blobs ORDER BY sha256');
  return found.map((b) => ({ sha256: b.sha256, size: Number(b.size), referenced: Number(b.ref_count) > 0 }));
}

/** The SHA-256 of a stored content as read back from the driver (undefined when absent). */
export async function hashStored(driver: BlobDriver, sha256: string): Promise<string | undefined> {
  if (!(await driver.exists(sha256))) return undefined;
  const hash = createHash('sha256');
  for await (const chunk of await driver.read(sha256)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
