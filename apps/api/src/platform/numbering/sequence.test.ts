import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, onServer, shareTestDatabase, type TestDatabase } from '../../../test/db';
import { withTransaction, type Database } from '../db';
import { DomainError } from '../http/errors';
import { nextNumber, type NumberingKey } from './sequence';

const key = (scope: string, domain = 'outgoing', year = 1404): NumberingKey => ({ scope, domain, year });

/** One registration: a transaction that allocates a number and commits. */
const allocate = (database: Database, k: NumberingKey) => withTransaction(database, (tx) => nextNumber(tx, k));

class Rollback extends Error {}

/** A transaction that allocates a number and then rolls back; resolves to the number it saw. */
async function allocateThenRollBack(database: Database, k: NumberingKey, hold = 0): Promise<number> {
  let seen = 0;
  await expect(
    withTransaction(database, async (tx) => {
      seen = await nextNumber(tx, k);
      if (hold) await new Promise((r) => setTimeout(r, hold));
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);
  return seen;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('nextNumber: gap-free counters inside the caller’s transaction', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('starts at 1 and counts up by one', async () => {
    expect([
      await allocate(t.database, key('a-start')),
      await allocate(t.database, key('a-start')),
      await allocate(t.database, key('a-start')),
    ]).toEqual([1, 2, 3]);
  });

  it('16 concurrent transactions on one counter get 1..16: no duplicate, no gap', async () => {
    const got = await Promise.all(range(16).map(() => allocate(t.database, key('a-16'))));
    expect(sorted(got)).toEqual(range(16));
    expect(await allocate(t.database, key('a-16'))).toBe(17);
  });

  it('keeps scopes, domains and years apart', async () => {
    const keys = [key('a-x'), key('a-y'), key('a-x', 'internal'), key('a-x', 'outgoing', 1405)];
    const got = await Promise.all(keys.flatMap((k) => [allocate(t.database, k), allocate(t.database, k)]));
    for (let i = 0; i < keys.length; i++) expect(sorted(got.slice(2 * i, 2 * i + 2))).toEqual([1, 2]);
  });

  it('a transaction that rolls back after numbering consumes nothing: the next commit gets its number', async () => {
    expect(await allocate(t.database, key('a-rb'))).toBe(1);
    expect(await allocateThenRollBack(t.database, key('a-rb'))).toBe(2);
    expect(await allocate(t.database, key('a-rb'))).toBe(2);
  });

  it('a transaction waiting on a counter held by one that then rolls back gets the held number', async () => {
    const held = allocateThenRollBack(t.database, key('a-wait'), 150);
    await new Promise((r) => setTimeout(r, 30)); // the first holds the row now
    const waiting = allocate(t.database, key('a-wait'));
    expect(await held).toBe(1);
    expect(await waiting).toBe(1);
  });

  it('16 concurrent transactions of which every third rolls back: the committed ones are 1..n exactly', async () => {
    const got = await Promise.all(
      range(16).map(async (i) =>
        i % 3 === 0
          ? (await allocateThenRollBack(t.database, key('a-mixed')), undefined)
          : allocate(t.database, key('a-mixed')),
      ),
    );
    const committed = got.filter((n): n is number => n !== undefined);
    expect(sorted(committed)).toEqual(range(committed.length));
    const [row] = await t.database.query<{ last: number }>("SELECT last FROM number_sequences WHERE scope = 'a-mixed'");
    expect(row!.last).toBe(committed.length);
  });

  it('refuses NUL, oversize and malformed keys before any statement, and the table refuses them too', async () => {
    const refused = async (k: NumberingKey, field: string) => {
      const err = await allocate(t.database, k).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({ code: 'NUMBERING_KEY_INVALID', details: { field } });
    };
    await refused(key('a-bad', 'out\u0000going'), 'domain');
    await refused(key('a-bad', 'x'.repeat(33)), 'domain');
    await refused(key('a-bad', ''), 'domain');
    await refused(key('a-bad', 'Outgoing'), 'domain');
    await refused(key('a\u0000bad'), 'scope');
    await refused(key('a'.repeat(65)), 'scope');
    await refused(key('a-bad', 'outgoing', 1299), 'year');
    await refused(key('a-bad', 'outgoing', 1700), 'year');
    await refused(key('a-bad', 'outgoing', 1404.5), 'year');
    expect(await t.database.query("SELECT 1 FROM number_sequences WHERE scope LIKE 'a%bad'")).toEqual([]);
    // Whatever reaches the table past the guard is refused by its checks.
    await expect(
      t.database.query("INSERT INTO number_sequences VALUES ('a-raw', 'outgoing', 1404, 0)"),
    ).rejects.toThrow();
    await expect(
      t.database.query("INSERT INTO number_sequences VALUES ('a-raw', 'Out going', 1404, 1)"),
    ).rejects.toThrow();
    await expect(
      t.database.query("INSERT INTO number_sequences VALUES ('a-raw', 'outgoing', 2025, 1)"),
    ).rejects.toThrow();
  });
});

describe('nextNumber from two app processes on one PostgreSQL database (skipped on the embedded database: one process, a second pool there is the same instance)', () => {
  // The embedded database is one process: a second pool on it is the same instance, so the case
  // would prove nothing there. It runs with TEST_DATABASE_URL (node scripts/test-pg.mjs <file>).
  let t: TestDatabase;
  let other: TestDatabase;
  beforeAll(async () => {
    if (!onServer) return;
    t = await createTestDatabase();
    other = await shareTestDatabase(t);
  });
  afterAll(async () => {
    if (!onServer) return;
    await other.drop();
    await t.drop();
  });

  it.skipIf(!onServer)(
    '400 registrations from 16 workers over two pools, one in seven rolled back: committed numbers are 1..n, no duplicate, no gap',
    async () => {
      const k = key('two-pools');
      const worker = async (database: Database, w: number) => {
        const mine: number[] = [];
        for (let i = 0; i < 25; i++) {
          if ((w + i) % 7 === 0) await allocateThenRollBack(database, k);
          else mine.push(await allocate(database, k));
        }
        return mine;
      };
      const got = (await Promise.all(range(16).map((w) => worker(w % 2 ? other.database : t.database, w)))).flat();
      expect(new Set(got).size).toBe(got.length);
      expect(sorted(got)).toEqual(range(got.length));
      expect(got.length).toBeGreaterThan(300);
    },
  );

  it.skipIf(!onServer)(
    'a counter held by one pool’s transaction makes the other pool’s wait, and a rollback hands the number on',
    async () => {
      const k = key('two-pools-wait');
      const held = allocateThenRollBack(t.database, k, 200);
      await new Promise((r) => setTimeout(r, 50));
      const started = performance.now();
      const waiting = allocate(other.database, k);
      expect(await held).toBe(1);
      expect(await waiting).toBe(1);
      expect(performance.now() - started).toBeGreaterThan(100);
    },
  );
});
