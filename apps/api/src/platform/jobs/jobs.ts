import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Clock } from '../clock';
import { iso, json, jsonb, rows, withTransaction, type Database, type Tx } from '../db';
import { inSpan } from '../telemetry/tracing';

export interface JobContext {
  jobId: string;
  attempt: number;
  database: Database;
  clock: Clock;
  log: Logger;
}

/**
 * A job kind. Handlers run outside any transaction and MUST be idempotent: a job whose worker
 * died mid-run is run again after its lease expires.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  kind: string;
  payload: S;
  handle(payload: z.output<S>, ctx: JobContext): Promise<void>;
  maxAttempts?: number;
  /** Delay before the retry that follows failed attempt n (1-based). */
  backoffMs?: (attempt: number) => number;
}

/** 2 s, 4 s, 8 s … capped at one hour, with ±20 % jitter. */
export function exponentialBackoff(attempt: number, random = Math.random): number {
  const base = Math.min(3_600_000, 2_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export interface RecurringJob {
  def: JobDefinition;
  intervalMs: number;
  payload: unknown;
}

export class JobRegistry {
  private readonly defs = new Map<string, JobDefinition>();
  private readonly recurring: RecurringJob[] = [];

  /** Runs a job every interval: one job per time slot however many runners there are (dedupe key). */
  every<S extends z.ZodType>(def: JobDefinition<S>, intervalMs: number, payload: z.input<S>): void {
    if (!this.defs.has(def.kind)) this.define(def);
    this.recurring.push({ def: def, intervalMs, payload });
  }
  schedules(): readonly RecurringJob[] {
    return this.recurring;
  }
  define<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
    if (this.defs.has(def.kind)) throw new Error(`job kind ${def.kind} defined twice`);
    this.defs.set(def.kind, def);
    return def;
  }
  get(kind: string): JobDefinition | undefined {
    return this.defs.get(kind);
  }
  kinds(): string[] {
    return [...this.defs.keys()];
  }
}

export interface EnqueueOptions {
  runAt?: Date;
  /** Enqueueing the same dedupe key twice yields one job. */
  dedupeKey?: string;
  maxAttempts?: number;
}

/**
 * Enqueues a job inside the caller's transaction: it exists if and only if the change commits.
 * Returns the job id (the existing one when the dedupe key was already used).
 */
export async function enqueue<S extends z.ZodType>(
  tx: Tx,
  def: JobDefinition<S>,
  payload: z.input<S>,
  now: Date,
  opts: EnqueueOptions = {},
): Promise<string> {
  const parsed = def.payload.parse(payload) as unknown;
  const res = await rows<{ id: string | number }>(tx.db, sql`
    INSERT INTO jobs (kind, payload, dedupe_key, max_attempts, run_at, created_at)
    VALUES (${def.kind}, ${jsonb(parsed)}::jsonb, ${opts.dedupeKey ?? null},
            ${opts.maxAttempts ?? def.maxAttempts ?? 8}, ${iso(opts.runAt ?? now)}::timestamptz,
            ${iso(now)}::timestamptz)
    ON CONFLICT (dedupe_key) DO UPDATE SET dedupe_key = EXCLUDED.dedupe_key
    RETURNING id`);
  return String(res[0]!.id);
}

interface ClaimedJob {
  id: string | number;
  kind: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

export interface JobRunnerOptions {
  concurrency: number;
  pollMs: number;
  /** How long a claimed job stays ours before another worker may take it over. */
  leaseMs?: number;
  workerId?: string;
  /** Told of every attempt's outcome and duration (/metrics). */
  onAttempt?: (kind: string, outcome: 'succeeded' | 'failed' | 'dead', seconds: number) => void;
}

/**
 * Claims due jobs with FOR UPDATE SKIP LOCKED, so several runners on one database never take the
 * same job; runs them with a bounded concurrency; records every attempt; retries with backoff and
 * moves a job that keeps failing to the dead state.
 */
export class JobRunner {
  readonly workerId: string;
  private readonly leaseMs: number;
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private ticking: Promise<void> | undefined;

  constructor(
    private readonly database: Database,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly opts: JobRunnerOptions,
  ) {
    this.workerId = opts.workerId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.leaseMs = opts.leaseMs ?? 5 * 60_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops claiming and waits for the jobs in flight to finish. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Asks for an early poll (after a commit that enqueued work). */
  nudge(): void {
    if (this.running) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => {
        this.ticking = undefined;
        if (this.running) this.schedule(this.opts.pollMs);
      });
    }, ms);
    this.timer.unref?.();
  }

  private readonly lastSlot = new Map<string, number>();

  /** Enqueues the recurring jobs whose time slot has begun (once per slot across all runners). */
  async scheduleRecurring(): Promise<void> {
    const now = this.clock.now();
    for (const r of this.registry.schedules()) {
      const slot = Math.floor(now.getTime() / r.intervalMs);
      if (this.lastSlot.get(r.def.kind) === slot) continue;
      await withTransaction(this.database, (tx) =>
        enqueue(tx, r.def, r.payload, now, { dedupeKey: `${r.def.kind}@${slot}`, runAt: new Date(slot * r.intervalMs) }),
      );
      this.lastSlot.set(r.def.kind, slot);
    }
  }

  private async tick(): Promise<void> {
    try {
      await this.scheduleRecurring();
      const free = this.opts.concurrency - this.inFlight.size;
      if (free <= 0) return;
      const jobs = await this.claim(free);
      for (const job of jobs) {
        const p = this.execute(job).finally(() => {
          this.inFlight.delete(p);
          if (this.running) this.nudge();
        });
        this.inFlight.add(p);
      }
    } catch (err) {
      this.log.warn({ err }, 'job poll failed');
    }
  }

  /** Claims and runs everything due now, then waits for it: for tests and one-shot workers. */
  async runDue(max = 100): Promise<number> {
    let total = 0;
    for (;;) {
      const jobs = await this.claim(Math.min(this.opts.concurrency, max - total));
      if (jobs.length === 0) return total;
      await Promise.all(jobs.map((j) => this.execute(j)));
      total += jobs.length;
      if (total >= max) return total;
    }
  }

  /** Returns expired leases to the queue (or to the dead state), then claims up to n due jobs. */
  async claim(n: number): Promise<ClaimedJob[]> {
    if (n <= 0) return [];
    const now = this.clock.now().toISOString();
    const until = new Date(this.clock.now().getTime() + this.leaseMs).toISOString();
    return withTransaction(this.database, async ({ db: tx }) => {
      const expired = await rows<{ id: string | number; attempts: number }>(tx, sql`
        UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
                        run_at = ${now}::timestamptz, locked_by = NULL, locked_until = NULL,
                        last_error = 'lease expired: the worker stopped before finishing',
                        finished_at = CASE WHEN attempts >= max_attempts THEN ${now}::timestamptz END
         WHERE id IN (SELECT id FROM jobs WHERE status = 'running' AND locked_until < ${now}::timestamptz
                       FOR UPDATE SKIP LOCKED)
        RETURNING id, attempts`);
      for (const e of expired) {
        await rows<Record<string, unknown>>(tx, sql`UPDATE job_attempts SET outcome = 'lease_expired', finished_at = ${now}::timestamptz
                              WHERE job_id = ${e.id} AND attempt = ${e.attempts} AND outcome = 'running'`);
      }
      const claimed = await rows<ClaimedJob>(tx, sql`
        UPDATE jobs j SET status = 'running', attempts = j.attempts + 1,
                          locked_by = ${this.workerId}, locked_until = ${until}::timestamptz
          FROM (SELECT id FROM jobs WHERE status = 'queued' AND run_at <= ${now}::timestamptz
                 ORDER BY run_at, id FOR UPDATE SKIP LOCKED LIMIT ${n}) c
         WHERE j.id = c.id
        RETURNING j.id, j.kind, j.payload, j.attempts, j.max_attempts`);
      for (const j of claimed) {
        await rows<Record<string, unknown>>(tx, sql`INSERT INTO job_attempts (job_id, attempt, worker, started_at, outcome)
                             VALUES (${j.id}, ${j.attempts}, ${this.workerId}, ${now}::timestamptz, 'running')`);
      }
      return claimed;
    });
  }

  private async execute(job: ClaimedJob): Promise<void> {
    const id = String(job.id);
    const log = this.log.child({ jobId: id, kind: job.kind, attempt: job.attempts });
    const def = this.registry.get(job.kind);
    const started = performance.now();
    // A span per attempt (a root span: the poll that claimed it is no request), its outcome recorded inside it.
    await inSpan(`job ${job.kind}`, { 'dargah.job.id': id, 'dargah.job.kind': job.kind, 'dargah.job.attempt': job.attempts }, async (span) => {
      let error: string | undefined;
      try {
        if (!def) throw new Error(`no handler for job kind ${job.kind}`);
        const payload = def.payload.parse(json(job.payload));
        await def.handle(payload, { jobId: id, attempt: job.attempts, database: this.database, clock: this.clock, log });
      } catch (err) {
        error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        log.warn({ err }, 'job attempt failed');
      }
      const outcome = error === undefined ? 'succeeded' : job.attempts >= job.max_attempts ? 'dead' : 'failed';
      span?.setAttribute('dargah.job.outcome', outcome);
      this.opts.onAttempt?.(job.kind, outcome, (performance.now() - started) / 1000);
      await this.finish(job, def, error).catch((err: unknown) => log.error({ err }, 'could not record job outcome'));
    });
  }

  private async finish(job: ClaimedJob, def: JobDefinition | undefined, error: string | undefined): Promise<void> {
    const now = this.clock.now();
    const at = now.toISOString();
    const dead = error !== undefined && job.attempts >= job.max_attempts;
    const retryAt = new Date(now.getTime() + (def?.backoffMs ?? exponentialBackoff)(job.attempts)).toISOString();
    await withTransaction(this.database, async ({ db: tx }) => {
      // Only the holder of the lease records the outcome; a lease taken over is not ours any more.
      const owned = await rows<Record<string, unknown>>(tx, sql`
        UPDATE jobs SET status = ${error === undefined ? 'succeeded' : dead ? 'dead' : 'queued'},
                        last_error = ${error ?? null},
                        run_at = CASE WHEN ${error !== undefined && !dead} THEN ${retryAt}::timestamptz ELSE run_at END,
                        finished_at = CASE WHEN ${error === undefined || dead} THEN ${at}::timestamptz END,
                        locked_by = NULL, locked_until = NULL
         WHERE id = ${job.id} AND status = 'running' AND locked_by = ${this.workerId} AND attempts = ${job.attempts}
        RETURNING id`);
      if (owned.length === 0) return;
      await rows<Record<string, unknown>>(tx, sql`UPDATE job_attempts SET outcome = ${error === undefined ? 'succeeded' : 'failed'},
                                  error = ${error ?? null}, finished_at = ${at}::timestamptz
                            WHERE job_id = ${job.id} AND attempt = ${job.attempts}`);
    });
  }
}
