import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, onServer, type TestDatabase } from '../../../test/db';
import { ManualClock } from '../clock';
import { withTransaction } from '../db';
import { enqueue, exponentialBackoff, JobRegistry, JobRunner, listJobs, retryDeadJob } from '.';

const log = pino({ level: 'silent' });
let t: TestDatabase;
let clock: ManualClock;
let registry: JobRegistry;
const runs = new Map<string, number>();
let failuresLeft = 0;

const countJob = {
  kind: 'test.count',
  payload: z.object({ key: z.string() }),
  async handle(p: { key: string }) {
    runs.set(p.key, (runs.get(p.key) ?? 0) + 1);
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new Error('temporary failure');
    }
  },
  maxAttempts: 3,
  backoffMs: (n: number) => 1000 * n,
};

const runner = (id: string, concurrency = 4) => new JobRunner(t.database, registry, clock, log, { concurrency, pollMs: 20, workerId: id });

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());
beforeEach(async () => {
  clock = new ManualClock();
  registry = new JobRegistry();
  registry.define(countJob);
  runs.clear();
  failuresLeft = 0;
  await t.database.query("UPDATE jobs SET status = 'cancelled' WHERE status IN ('queued', 'running')");
});

const add = (key: string, opts = {}) => withTransaction(t.database, (tx) => enqueue(tx, countJob, { key }, clock.now(), opts));

describe('job queue', () => {
  it('enqueues inside the caller transaction: no commit, no job', async () => {
    await withTransaction(t.database, async (tx) => {
      await enqueue(tx, countJob, { key: 'lost' }, clock.now());
      throw new Error('rollback');
    }).catch(() => undefined);
    await add('kept');
    expect(await runner('w1').runDue()).toBe(1);
    expect([...runs.keys()]).toEqual(['kept']);
  });

  it('refuses a payload that does not match the job schema', async () => {
    await expect(withTransaction(t.database, (tx) => enqueue(tx, countJob, { key: 1 } as never, clock.now()))).rejects.toThrow();
  });

  it('makes one job of one dedupe key', async () => {
    const a = await add('d', { dedupeKey: 'same' });
    const b = await add('d', { dedupeKey: 'same' });
    expect(a).toBe(b);
    await runner('w1').runDue();
    expect(runs.get('d')).toBe(1);
  });

  it('waits for run_at', async () => {
    await add('later', { runAt: new Date(clock.now().getTime() + 60_000) });
    expect(await runner('w1').runDue()).toBe(0);
    clock.advance(60_000);
    expect(await runner('w1').runDue()).toBe(1);
  });

  it('retries with backoff, keeps every attempt, then succeeds', async () => {
    failuresLeft = 1;
    const id = await add('flaky');
    const w = runner('w1');
    await w.runDue();
    let [job] = (await listJobs(t.database.db, { limit: 50 })).filter((j) => j.id === id);
    expect(job).toMatchObject({ status: 'queued', attempts: 1, lastError: 'Error: temporary failure' });
    expect(await w.runDue()).toBe(0); // backoff not elapsed
    clock.advance(1000);
    await w.runDue();
    [job] = (await listJobs(t.database.db, { limit: 50 })).filter((j) => j.id === id);
    expect(job!.status).toBe('succeeded');
    expect(job!.history.map((h) => h.outcome)).toEqual(['failed', 'succeeded']);
    expect(job!.history[0]!.error).toMatch(/temporary failure/);
  });

  it('moves a job that keeps failing to the dead state, and an operator can retry it', async () => {
    failuresLeft = 99;
    const id = await add('doomed');
    const w = runner('w1');
    for (let i = 0; i < 3; i++) {
      await w.runDue();
      clock.advance(10_000);
    }
    let [job] = (await listJobs(t.database.db, { status: 'dead', limit: 50 })).filter((j) => j.id === id);
    expect(job).toMatchObject({ status: 'dead', attempts: 3 });
    expect(job!.history).toHaveLength(3);
    failuresLeft = 0;
    await retryDeadJob(t.database.db, id, clock.now());
    await w.runDue();
    [job] = (await listJobs(t.database.db, { limit: 50 })).filter((j) => j.id === id);
    expect(job).toMatchObject({ status: 'succeeded', attempts: 4 });
  });

  it('takes back a job whose worker died after its lease expired', async () => {
    const id = await add('orphan');
    const dying = runner('dying');
    const claimed = await dying.claim(1); // claimed, never finished
    expect(claimed).toHaveLength(1);
    expect(await runner('w2').runDue()).toBe(0);
    clock.advance(5 * 60_000 + 1);
    expect(await runner('w2').runDue()).toBe(1);
    const [job] = (await listJobs(t.database.db, { limit: 50 })).filter((j) => j.id === id);
    expect(job!.history.map((h) => [h.worker, h.outcome])).toEqual([
      ['dying', 'lease_expired'],
      ['w2', 'succeeded'],
    ]);
  });

  it('never runs a job twice with several runners on one database', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
    for (const k of keys) await add(k);
    const done = await Promise.all([runner('a', 3).runDue(), runner('b', 3).runDue(), runner('c', 3).runDue()]);
    expect(done.reduce((s, n) => s + n, 0)).toBe(40);
    expect(keys.every((k) => runs.get(k) === 1)).toBe(true);
    if (onServer) expect(done.filter((n) => n > 0).length).toBeGreaterThan(1);
  });

  it('runs in the background when started, and stop() waits for jobs in flight', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started = false;
    registry.define({ kind: 'test.slow', payload: z.object({}), async handle() { started = true; await gate; } });
    const id = await withTransaction(t.database, (tx) => enqueue(tx, registry.get('test.slow')!, {}, clock.now()));
    const w = runner('bg');
    w.start();
    await expect.poll(() => started, { timeout: 5000 }).toBe(true);
    const stopped = w.stop();
    let stoppedYet = false;
    void stopped.then(() => (stoppedYet = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(stoppedYet).toBe(false);
    release();
    await stopped;
    const [job] = (await listJobs(t.database.db, { limit: 50 })).filter((j) => j.id === id);
    expect(job!.status).toBe('succeeded');
  });
});

describe('exponential backoff', () => {
  it.each([
    [1, 2_000],
    [2, 4_000],
    [5, 32_000],
    [30, 3_600_000],
  ])('attempt %i waits about %i ms', (attempt, ms) => {
    expect(exponentialBackoff(attempt, () => 0.5)).toBe(ms);
    expect(exponentialBackoff(attempt, () => 0)).toBe(Math.round(ms * 0.8));
    expect(exponentialBackoff(attempt, () => 1)).toBe(Math.round(ms * 1.2));
  });
});

describe('recurring jobs', () => {
  it('enqueues one job per time slot, however many runners there are', async () => {
    registry.every(countJob, 3_600_000, { key: 'hourly' });
    clock.set('2025-03-26T10:15:00.000Z');
    await Promise.all([runner('r1').scheduleRecurring(), runner('r2').scheduleRecurring()]);
    await runner('r1').runDue();
    expect(runs.get('hourly')).toBe(1);
    clock.set('2025-03-26T10:59:00.000Z');
    await runner('r3').scheduleRecurring();
    await runner('r1').runDue();
    expect(runs.get('hourly')).toBe(1);
    clock.set('2025-03-26T11:00:01.000Z');
    await runner('r3').scheduleRecurring();
    await runner('r1').runDue();
    expect(runs.get('hourly')).toBe(2);
  });
});
