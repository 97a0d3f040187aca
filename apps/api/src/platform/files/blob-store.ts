import { pipeline, type Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { systemClock, type Clock } from '../clock';
import { rows, type Database, type Db } from '../db';
import { DomainError } from '../http/errors';
import { assertBlobAddress } from './address';
import { assertDetectableTypes, createTypeGate, DEFAULT_ALLOWED_TYPES } from './sniff';
import type { BlobDriver, BlobInfo, BlobStore, StagedBlob, StoredBlobInfo } from './types';

export interface BlobStoreOptions {
  driver: BlobDriver;
  database: Database;
  /** Default size limit of a put (BLOB_MAX_BYTES). */
  maxBytes: number;
  /** Default allowed media types; DEFAULT_ALLOWED_TYPES when absent. */
  allowedTypes?: readonly string[];
  clock?: Clock;
}

interface BlobRow {
  sha256: string;
  size: string | number;
  media_type: string;
}

const toInfo = (row: BlobRow): StoredBlobInfo => ({
  sha256: row.sha256,
  size: Number(row.size),
  mediaType: row.media_type,
});

/**
 * Records stored content, or refreshes its grace period when it exists unreferenced, so a GC that
 * selected it before this put no longer may delete it (its DELETE re-checks zero_since).
 */
async function upsertRow(db: Db, staged: StagedBlob, mediaType: string, now: Date): Promise<BlobInfo> {
  const at = now.toISOString();
  const [row] = await rows<BlobRow & { created: boolean }>(
    db,
    sql`
    INSERT INTO blobs (sha256, size, media_type, ref_count, created_at, zero_since)
    VALUES (${staged.sha256}, ${staged.size}, ${mediaType}, 0, ${at}::timestamptz, ${at}::timestamptz)
    ON CONFLICT (sha256) DO UPDATE
      SET zero_since = CASE WHEN blobs.ref_count = 0 THEN GREATEST(blobs.zero_since, EXCLUDED.zero_since) END
    RETURNING sha256, size, media_type, (xmax = 0) AS created`,
  );
  return { ...toInfo(row!), created: row!.created };
}

async function findRow(db: Db, sha256: string): Promise<BlobRow | undefined> {
  const [row] = await rows<BlobRow>(db, sql`SELECT sha256, size, media_type FROM blobs WHERE sha256 = ${sha256}`);
  return row;
}

/** Creates the platform's blob store over one driver and the `blobs` table. */
export function createBlobStore(opts: BlobStoreOptions): BlobStore {
  const { driver, database } = opts;
  const clock = opts.clock ?? systemClock;
  const defaultTypes = opts.allowedTypes ?? DEFAULT_ALLOWED_TYPES;
  assertDetectableTypes(defaultTypes);

  async function stage(source: Readable, maxBytes: number, allowedTypes: readonly string[]) {
    const gate = createTypeGate(new Set(allowedTypes));
    // pipeline, not pipe: a failure on either side (client gone, type refused) destroys both.
    const input = pipeline(source, gate.stream, () => undefined);
    try {
      const staged = await driver.stage(input, maxBytes);
      return { staged, mediaType: gate.mediaType() };
    } catch (err) {
      input.destroy();
      throw err;
    }
  }

  return {
    driver: driver.name,

    async put(source, putOpts = {}) {
      const allowedTypes = putOpts.allowedTypes ?? defaultTypes;
      if (putOpts.allowedTypes) assertDetectableTypes(allowedTypes);
      const { staged, mediaType } = await stage(source, putOpts.maxBytes ?? opts.maxBytes, allowedTypes);
      try {
        // Row first, bytes second: see collectBlobGarbage for why this order survives a racing GC.
        const info = await upsertRow(database.db, staged, mediaType, clock.now());
        await staged.commit();
        return info;
      } catch (err) {
        await staged.discard().catch(() => undefined);
        throw err;
      }
    },

    async open(sha256) {
      assertBlobAddress(sha256);
      const row = await findRow(database.db, sha256);
      if (!row) throw new DomainError('BLOB_NOT_FOUND', { sha256 });
      return { info: toInfo(row), stream: await driver.read(sha256) };
    },

    async addRef(db, sha256) {
      assertBlobAddress(sha256);
      const [row] = await rows<{ ref_count: number }>(
        db,
        sql`
        UPDATE blobs SET ref_count = ref_count + 1, zero_since = NULL
         WHERE sha256 = ${sha256}
        RETURNING ref_count`,
      );
      if (!row) throw new DomainError('BLOB_NOT_FOUND', { sha256 });
      return Number(row.ref_count);
    },

    async release(db, sha256) {
      assertBlobAddress(sha256);
      const at = clock.now().toISOString();
      const [row] = await rows<{ ref_count: number }>(
        db,
        sql`
        UPDATE blobs SET ref_count = ref_count - 1, last_released_at = ${at}::timestamptz,
                         zero_since = CASE WHEN ref_count = 1 THEN ${at}::timestamptz END
         WHERE sha256 = ${sha256} AND ref_count > 0
        RETURNING ref_count`,
      );
      if (row) return Number(row.ref_count);
      // Already at zero: stays there. A release at zero is a caller's bookkeeping slip, not a crash.
      if (await findRow(db, sha256)) return 0;
      throw new DomainError('BLOB_NOT_FOUND', { sha256 });
    },
  };
}
