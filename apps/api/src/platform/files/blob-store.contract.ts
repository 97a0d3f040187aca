import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { ManualClock } from '../clock';
import { withTransaction } from '../db';
import { DomainError } from '../http/errors';
import { enqueue, JobRegistry, JobRunner } from '../jobs';
import { collectBlobGarbage, createBlobGcJob } from './blob-gc';
import { createBlobStore } from './blob-store';
import {
  deferred,
  failingStream,
  generatedStream,
  memoryProbe,
  PNG_1X1,
  readAll,
  sha256Hex,
  streamOf,
  uniqueBytes,
  uniquePdf,
} from './test-support';
import type { BlobDriver, BlobStore } from './types';

/** A driver under test, with a view of what it has stored and left in its temporary place. */
export interface DriverHarness {
  driver: BlobDriver;
  /** Memory the driver may hold during one upload, whatever the file's size. */
  heldBytes: number;
  /** Entries in the driver's temporary place (fs `tmp/` files, S3 `tmp/` keys): empty between puts. */
  listTemp(): Promise<string[]>;
  /** Addresses of the content stored at its address. */
  listStored(): Promise<string[]>;
  close(): Promise<void>;
}

const MB = 1024 * 1024;
const HOUR = 60 * 60 * 1000;
const GRACE = 24 * HOUR;

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

/**
 * The behaviour every blob driver must give the store, run against a fresh migrated database.
 * Call it from each driver's test file with a factory of that driver.
 */
export function describeBlobStoreContract(name: string, makeHarness: () => Promise<DriverHarness>): void {
  describe(`blob store on the ${name} driver`, () => {
    let t: TestDatabase;
    let h: DriverHarness;
    let clock: ManualClock;
    let store: BlobStore;

    const put = (bytes: Buffer, opts?: Parameters<BlobStore['put']>[1]) => store.put(streamOf(bytes), opts);
    const rowCount = async () =>
      Number((await t.database.query<{ n: string }>('SELECT count(*) AS n FROM blobs'))[0]!.n);
    const refCount = async (sha: string) =>
      (await t.database.query<{ ref_count: number }>('SELECT ref_count FROM blobs WHERE sha256 = $1', [sha]))[0]
        ?.ref_count;
    const copies = async (sha: string) => (await h.listStored()).filter((s) => s === sha).length;
    const gc = (driver = h.driver) => collectBlobGarbage(t.database, driver, { now: clock.now(), graceMs: GRACE });

    beforeAll(async () => {
      t = await createTestDatabase();
      h = await makeHarness();
    });
    afterAll(async () => {
      await h?.close();
      await t?.drop();
    });
    beforeEach(() => {
      clock = new ManualClock();
      store = createBlobStore({ driver: h.driver, database: t.database, maxBytes: 4 * MB, clock });
    });
    afterEach(async () => {
      expect(await h.listTemp()).toEqual([]);
    });

    describe('storing', () => {
      it('stores content under the SHA-256 of its bytes and streams it back', async () => {
        const bytes = uniquePdf();
        const info = await put(bytes);
        expect(info).toEqual({
          sha256: sha256Hex(bytes),
          size: bytes.length,
          mediaType: 'application/pdf',
          created: true,
        });
        const opened = await store.open(info.sha256);
        expect(opened.info).toEqual({ sha256: info.sha256, size: bytes.length, mediaType: 'application/pdf' });
        expect(await readAll(opened.stream)).toEqual(bytes);
        expect(await h.driver.exists(info.sha256)).toBe(true);
      });

      it('stores the same content once: same address, created false, one copy', async () => {
        const bytes = uniquePdf();
        const first = await put(bytes);
        const second = await put(bytes);
        expect(second).toEqual({ ...first, created: false });
        expect(await copies(first.sha256)).toBe(1);
        expect(
          Number(
            (
              await t.database.query<{ n: string }>('SELECT count(*) AS n FROM blobs WHERE sha256 = $1', [first.sha256])
            )[0]!.n,
          ),
        ).toBe(1);
      });

      it('stores concurrent puts of the same content once', async () => {
        const bytes = uniqueBytes(PNG_1X1, 200 * 1024);
        const results = await Promise.all([put(bytes), put(bytes), put(bytes)]);
        expect(new Set(results.map((r) => r.sha256))).toEqual(new Set([sha256Hex(bytes)]));
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(await copies(sha256Hex(bytes))).toBe(1);
      });

      it('streams a large upload (20 MB or more) in and out without holding it in memory', async () => {
        // 20 MB, or more where the driver holds more, so that holding the file would show.
        const size = Math.max(20 * MB, 2 * (h.heldBytes + 2 * MB));
        const memory = memoryProbe();
        const source = generatedStream(size, undefined, (produced) => {
          if (produced % MB === 0) memory.sample();
        });
        const big = createBlobStore({ driver: h.driver, database: t.database, maxBytes: 64 * MB, clock });
        const info = await big.put(source.stream);
        expect(info).toMatchObject({ sha256: source.sha256(), size, mediaType: 'application/pdf', created: true });
        // What the upload holds at any moment is what the driver declares (plus slack), never the file.
        expect(memory.peakGrowth()).toBeLessThan(h.heldBytes + 2 * MB);
        const hash = createHash('sha256');
        for await (const chunk of (await store.open(info.sha256)).stream) hash.update(chunk as Buffer);
        expect(hash.digest('hex')).toBe(info.sha256);
      });
    });

    describe('refusing', () => {
      it('refuses an upload over the limit as soon as it passes it, leaving nothing behind', async () => {
        const rows = await rowCount();
        const stored = (await h.listStored()).length;
        const source = generatedStream(16 * MB);
        const err = await refusal(store.put(source.stream, { maxBytes: MB }));
        expect(err.code).toBe('BLOB_TOO_LARGE');
        expect(err.details).toMatchObject({ maxBytes: MB });
        expect(source.produced()).toBeLessThan(4 * MB);
        expect(await rowCount()).toBe(rows);
        expect((await h.listStored()).length).toBe(stored);
      });

      it('takes the type from the bytes: a PNG named "scan.pdf" is a PNG', async () => {
        const png = uniqueBytes(PNG_1X1, 2048); // what a client would upload as scan.pdf, application/pdf
        const err = await refusal(put(png, { allowedTypes: ['application/pdf'] }));
        expect(err.code).toBe('BLOB_TYPE_NOT_ALLOWED');
        expect(err.details).toMatchObject({ detected: 'image/png' });
        expect(await h.driver.exists(sha256Hex(png))).toBe(false);
        expect(await refCount(sha256Hex(png))).toBeUndefined();
        expect(await put(png)).toMatchObject({ sha256: sha256Hex(png), mediaType: 'image/png' });
      });

      it('refuses a disallowed type before the rest of a large upload arrives', async () => {
        const source = generatedStream(16 * MB, PNG_1X1);
        const err = await refusal(store.put(source.stream, { allowedTypes: ['application/pdf'], maxBytes: 64 * MB }));
        expect(err.details).toMatchObject({ detected: 'image/png' });
        expect(source.produced()).toBeLessThan(4 * MB);
      });

      it('refuses an empty upload', async () => {
        const rows = await rowCount();
        const err = await refusal(put(Buffer.alloc(0)));
        expect(err.code).toBe('BLOB_EMPTY');
        expect(await rowCount()).toBe(rows);
      });

      it("passes a failing source's error on and leaves nothing behind", async () => {
        const rows = await rowCount();
        const dropped = new Error('client went away');
        await expect(store.put(failingStream(uniquePdf(), dropped))).rejects.toBe(dropped);
        expect(await rowCount()).toBe(rows);
      });

      it('answers BLOB_NOT_FOUND for an unknown or malformed address', async () => {
        for (const address of ['0'.repeat(64), '../../../../etc/passwd', 'A'.repeat(64)]) {
          expect((await refusal(store.open(address))).code).toBe('BLOB_NOT_FOUND');
        }
        await expect(h.driver.read('f'.repeat(64))).rejects.toMatchObject({ code: 'BLOB_NOT_FOUND' });
      });
    });

    describe('references', () => {
      it("counts references in the caller's transaction and never goes below zero", async () => {
        const { sha256 } = await put(uniquePdf());
        expect(await withTransaction(t.database, (tx) => store.addRef(tx.db, sha256))).toBe(1);
        expect(await withTransaction(t.database, (tx) => store.addRef(tx.db, sha256))).toBe(2);
        expect(await withTransaction(t.database, (tx) => store.release(tx.db, sha256))).toBe(1);
        expect(await withTransaction(t.database, (tx) => store.release(tx.db, sha256))).toBe(0);
        expect(await withTransaction(t.database, (tx) => store.release(tx.db, sha256))).toBe(0);
        expect(await refCount(sha256)).toBe(0);
      });

      it('rolls a reference back with its transaction', async () => {
        const { sha256 } = await put(uniquePdf());
        await expect(
          withTransaction(t.database, async (tx) => {
            await store.addRef(tx.db, sha256);
            throw new Error('use case failed');
          }),
        ).rejects.toThrow('use case failed');
        expect(await refCount(sha256)).toBe(0);
      });

      it('refuses references to content never put', async () => {
        const unknown = 'e'.repeat(64);
        await expect(store.addRef(t.database.db, unknown)).rejects.toMatchObject({ code: 'BLOB_NOT_FOUND' });
        await expect(store.release(t.database.db, unknown)).rejects.toMatchObject({ code: 'BLOB_NOT_FOUND' });
      });
    });

    describe('garbage collection', () => {
      it('deletes content unreferenced for longer than the grace period, and only that', async () => {
        const orphan = await put(uniquePdf());
        const kept = await put(uniquePdf());
        await store.addRef(t.database.db, kept.sha256);
        clock.advance(GRACE - HOUR);
        expect((await gc()).deleted).not.toContain(orphan.sha256);
        expect(await h.driver.exists(orphan.sha256)).toBe(true);
        clock.advance(2 * HOUR);
        expect((await gc()).deleted).toContain(orphan.sha256);
        expect(await h.driver.exists(orphan.sha256)).toBe(false);
        await expect(store.open(orphan.sha256)).rejects.toMatchObject({ code: 'BLOB_NOT_FOUND' });
        expect(await h.driver.exists(kept.sha256)).toBe(true);
      });

      it('counts the grace period from the last release', async () => {
        const { sha256 } = await put(uniquePdf());
        await store.addRef(t.database.db, sha256);
        clock.advance(3 * GRACE);
        await store.release(t.database.db, sha256);
        clock.advance(GRACE - HOUR);
        expect((await gc()).deleted).not.toContain(sha256);
        clock.advance(2 * HOUR);
        expect((await gc()).deleted).toContain(sha256);
      });

      it('keeps content re-referenced or put again during the grace period', async () => {
        const referenced = await put(uniquePdf());
        const bytes = uniquePdf();
        const reput = await put(bytes);
        clock.advance(GRACE - HOUR);
        await store.addRef(t.database.db, referenced.sha256);
        expect(await put(bytes)).toMatchObject({ sha256: reput.sha256, created: false });
        clock.advance(2 * HOUR);
        const { deleted } = await gc();
        expect(deleted).not.toContain(referenced.sha256);
        expect(deleted).not.toContain(reput.sha256);
        expect(await h.driver.exists(referenced.sha256)).toBe(true);
        expect(await h.driver.exists(reput.sha256)).toBe(true);
      });

      for (const moment of ['before', 'after'] as const) {
        it(`leaves the bytes in place when a put lands while the GC deletes (${moment} it moves them)`, async () => {
          const bytes = uniquePdf();
          const { sha256 } = await put(bytes);
          clock.advance(GRACE + HOUR);
          const reached = deferred();
          const go = deferred();
          const pause = async () => {
            reached.resolve();
            await go.promise;
          };
          const pausing: BlobDriver = {
            ...h.driver,
            async moveAside(sha) {
              if (moment === 'before') await pause();
              const aside = await h.driver.moveAside(sha);
              if (moment === 'after') await pause();
              return aside;
            },
          };
          const collecting = gc(pausing);
          await reached.promise; // the GC has deleted the row and is about to move (or has moved) the bytes
          const info = await put(bytes);
          expect(info).toMatchObject({ sha256, created: true });
          go.resolve();
          expect((await collecting).deleted).not.toContain(sha256);
          expect(await readAll((await store.open(sha256)).stream)).toEqual(bytes);
          expect(await copies(sha256)).toBe(1);
        });
      }

      it('runs as the blobs.gc job', async () => {
        const { sha256 } = await put(uniquePdf());
        const registry = new JobRegistry();
        const job = registry.define(createBlobGcJob(h.driver, { graceMs: HOUR }));
        await withTransaction(t.database, (tx) => enqueue(tx, job, {}, clock.now()));
        const runner = new JobRunner(t.database, registry, clock, pino({ level: 'silent' }), {
          concurrency: 1,
          pollMs: 1000,
        });
        clock.advance(2 * HOUR);
        expect(await runner.runDue()).toBe(1);
        const [state] = await t.database.query<{ status: string }>(
          "SELECT status FROM jobs WHERE kind = 'blobs.gc' ORDER BY id DESC LIMIT 1",
        );
        expect(state?.status).toBe('succeeded');
        expect(await h.driver.exists(sha256)).toBe(false);
      });
    });

    describe('table', () => {
      it('refuses a malformed address, a negative count and an inconsistent zero_since', async () => {
        const at = sql`'2025-01-01T00:00:00Z'::timestamptz`;
        for (const [sha, refs, zeroSince] of [
          ['not-a-hash', 0, at],
          ['a'.repeat(64), -1, at],
          ['b'.repeat(64), 1, at],
          ['c'.repeat(64), 0, sql`NULL`],
        ] as const) {
          await expect(
            t.database.db.execute(sql`INSERT INTO blobs (sha256, size, media_type, ref_count, created_at, zero_since)
                                      VALUES (${sha}, 1, 'text/plain', ${refs}, ${at}, ${zeroSince})`),
          ).rejects.toThrow();
        }
      });
    });
  });
}
