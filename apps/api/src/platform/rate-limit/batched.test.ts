import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { rows } from '../db';
import { BatchedLimits, columnDigest, keyDigest, keyHex, type Limit } from '.';

/*
 * Batched per-address limits: far from the limit a process writes a key's hits in batches, near it
 * hit by hit; two processes over one database hold one limit within the documented overshoot.
 */
let t: TestApp;
const log = pino({ level: 'silent' });
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const db = () => t.ctx.database.db;
const stored = async (l: Pick<Limit, 'bucket' | 'key'>) => {
  const [r] = await rows<{ hits: number }>(db(), sql`SELECT hits FROM rate_limit_counters WHERE bucket = ${l.bucket} AND key_hash = ${keyDigest(l.key)}`);
  return r ? Number(r.hits) : 0;
};
let n = 0;
const limit = (max: number): Limit => ({ bucket: `test:batched:${++n}`, key: `203.0.113.${n}`, max, windowMs: 60_000 });

describe('BatchedLimits', () => {
  it('far from the limit writes a batch, not each hit; flush writes the rest', async () => {
    const limits = new BatchedLimits(db, log, 60_000);
    const l = limit(1_000); // an allowance of about 1000/16 hits before a write
    const now = t.clock.now();
    let hits = 0;
    while ((await stored(l)) === 0 && hits < 100) {
      expect((await limits.hit(l, now)).allowed).toBe(true);
      hits++;
    }
    expect(hits).toBeGreaterThan(50);
    expect(hits).toBeLessThanOrEqual(64);
    expect(await stored(l)).toBe(hits); // the hit that wrote carried the ones before it
    await limits.hit(l, now);
    await limits.hit(l, now);
    await limits.flush(now);
    expect(await stored(l)).toBe(hits + 2);
    await limits.close();
  });

  it('near the limit is exact: a limit of 16 or less writes every hit and admits exactly max', async () => {
    const a = new BatchedLimits(db, log, 60_000);
    const b = new BatchedLimits(db, log, 60_000);
    const l = limit(10);
    const now = t.clock.now();
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 ? a : b).hit(l, now)));
    expect(answers.filter((h) => h.allowed)).toHaveLength(10);
    expect(await stored(l)).toBeGreaterThanOrEqual(10);
    await Promise.all([a.close(), b.close()]);
  });

  it('two processes hold one limit of 200 within the overshoot bound, and refuse with Retry-After', async () => {
    const a = new BatchedLimits(db, log, 60_000);
    const b = new BatchedLimits(db, log, 60_000);
    const l = limit(200);
    const now = t.clock.now();
    let admitted = 0;
    let last;
    for (let i = 0; i < 600; i++) {
      last = await (i % 3 ? a : b).hit(l, now);
      if (last.allowed) admitted++;
    }
    // Each process may hold at most ⌊200/16⌋ = 12 hits it has not written: 200 ≤ admitted ≤ 224.
    expect(admitted).toBeGreaterThanOrEqual(200);
    expect(admitted).toBeLessThanOrEqual(224);
    expect(last?.allowed).toBe(false);
    expect(last?.retryAfterSeconds).toBeGreaterThan(0);
    expect(last?.retryAfterSeconds).toBeLessThanOrEqual(60);
    // A new window admits again.
    expect((await a.hit(l, new Date(now.getTime() + 61_000))).allowed).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses locally once it knows the window is full, without writing', async () => {
    const limits = new BatchedLimits(db, log, 60_000);
    const l = limit(3);
    const now = t.clock.now();
    for (let i = 0; i < 3; i++) expect((await limits.hit(l, now)).allowed).toBe(true);
    expect(await stored(l)).toBe(3);
    for (let i = 0; i < 5; i++) expect((await limits.hit(l, now)).allowed).toBe(false);
    expect(await stored(l)).toBe(3);
    await limits.close();
  });

  it('keeps pending hits when the database fails, and writes them at the next flush', async () => {
    let broken = true;
    const failing = () => {
      if (broken) throw new Error('connection cut');
      return db();
    };
    const limits = new BatchedLimits(failing, log, 60_000);
    const l = limit(1_000);
    const now = t.clock.now();
    for (let i = 0; i < 5; i++) await limits.hit(l, now);
    await expect(limits.flush(now)).rejects.toThrow('connection cut');
    broken = false;
    await limits.flush(now);
    expect(await stored(l)).toBe(5);
    await limits.close();
  });

  it('a key is a key: a NUL or a long address is counted like any other, apart from its neighbours', async () => {
    const limits = new BatchedLimits(db, log, 60_000);
    const now = t.clock.now();
    const odd: Limit = { bucket: 'test:batched:odd', key: '10.0.0.1\u0000x'.padEnd(300, 'a'), max: 2, windowMs: 60_000 };
    const plain: Limit = { ...odd, key: '10.0.0.1' };
    expect((await limits.hit(odd, now)).allowed).toBe(true);
    expect((await limits.hit(odd, now)).allowed).toBe(true);
    expect((await limits.hit(odd, now)).allowed).toBe(false);
    expect((await limits.hit(plain, now)).allowed).toBe(true);
    await limits.close();
  });

  it('digests a key in the process exactly as PostgreSQL does a column (rows written before keep their keys)', async () => {
    for (const key of ['192.0.2.7', 'کاربر.نمونه', '2001:db8::1']) {
      const [r] = await rows<{ hex: string }>(db(), sql`SELECT encode(${columnDigest(sql`${key}::text`)}, 'hex') AS hex`);
      expect(r?.hex).toBe(keyHex(key));
    }
  });
});
