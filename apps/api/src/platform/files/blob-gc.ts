import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Database } from '../db';
import type { JobDefinition } from '../jobs';
import type { BlobDriver } from './types';

/** Job kind of the blob garbage collector. */
export const BLOB_GC_KIND = 'blobs.gc';

/** How long content stays after its last reference goes (or after an unreferenced put): 24 h. */
export const DEFAULT_BLOB_GC_GRACE_MS = 24 * 60 * 60 * 1000;

export interface BlobGcOptions {
  now: Date;
  graceMs: number;
  /** Rows examined per query. */
  batchSize?: number;
}

async function candidates(database: Database, cutoff: string, limit: number): Promise<string[]> {
  const found = await rows<{ sha256: string }>(
    database.db,
    sql`
    SELECT sha256 FROM blobs WHERE ref_count = 0 AND zero_since < ${cutoff}::timestamptz
     ORDER BY zero_since LIMIT ${limit}`,
  );
  return found.map((r) => r.sha256);
}

async function deleteRowIfStillGarbage(database: Database, sha256: string, cutoff: string): Promise<boolean> {
  const deleted = await rows<{ sha256: string }>(
    database.db,
    sql`
    DELETE FROM blobs WHERE sha256 = ${sha256} AND ref_count = 0 AND zero_since < ${cutoff}::timestamptz
    RETURNING sha256`,
  );
  return deleted.length > 0;
}

async function rowExists(database: Database, sha256: string): Promise<boolean> {
  return (await rows(database.db, sql`SELECT 1 FROM blobs WHERE sha256 = ${sha256}`)).length > 0;
}

/**
 * Deletes one blob if it is still garbage. The row goes first, by a DELETE that re-checks the
 * condition, so an addRef or a put that came first wins. A put that comes after it inserts a new
 * row and only then ensures its bytes are in place; so the bytes are moved aside rather than
 * deleted, and put back when a row has appeared in the meantime. In every interleaving the bytes
 * end up present exactly when a row exists. Returns true when the content is gone.
 */
async function collectOne(database: Database, driver: BlobDriver, sha256: string, cutoff: string): Promise<boolean> {
  if (!(await deleteRowIfStillGarbage(database, sha256, cutoff))) return false;
  const aside = await driver.moveAside(sha256);
  if (!aside) return true;
  if (await rowExists(database, sha256)) {
    await aside.commit();
    return false;
  }
  await aside.discard();
  return true;
}

/** Deletes content unreferenced for longer than the grace period; returns the addresses deleted. */
export async function collectBlobGarbage(
  database: Database,
  driver: BlobDriver,
  opts: BlobGcOptions,
): Promise<{ deleted: string[] }> {
  const cutoff = new Date(opts.now.getTime() - opts.graceMs).toISOString();
  const batchSize = opts.batchSize ?? 500;
  const deleted: string[] = [];
  for (;;) {
    const batch = await candidates(database, cutoff, batchSize);
    for (const sha256 of batch) {
      if (await collectOne(database, driver, sha256, cutoff)) deleted.push(sha256);
    }
    if (batch.length < batchSize) return { deleted };
  }
}

/** Payload of a blobs.gc job: an optional grace period overriding the definition's. */
export const BlobGcPayload = z.object({ graceMs: z.number().int().min(0).optional() });

/**
 * The `blobs.gc` job (idempotent: it deletes only what is garbage when it runs). Register it and
 * enqueue it periodically (e.g. hourly, with a dedupe key per hour).
 */
export function createBlobGcJob(
  driver: BlobDriver,
  defaults: { graceMs?: number } = {},
): JobDefinition<typeof BlobGcPayload> {
  return {
    kind: BLOB_GC_KIND,
    payload: BlobGcPayload,
    maxAttempts: 3,
    async handle(payload, ctx) {
      const graceMs = payload.graceMs ?? defaults.graceMs ?? DEFAULT_BLOB_GC_GRACE_MS;
      const { deleted } = await collectBlobGarbage(ctx.database, driver, { now: ctx.clock.now(), graceMs });
      ctx.log.info({ deleted: deleted.length, graceMs }, 'blob garbage collected');
    },
  };
}
