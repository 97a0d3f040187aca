import { sql } from 'drizzle-orm';
import { iso, isoOf, isoOrNull, json, rows, type Db } from '../db';
import { DomainError } from '../http/errors';

export interface JobView {
  id: string;
  kind: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
  history: Array<{ attempt: number; worker: string; startedAt: string; finishedAt: string | null; outcome: string; error: string | null }>;
}

export async function listJobs(db: Db, filter: { status?: string | undefined; limit: number; beforeId?: string | undefined }): Promise<JobView[]> {
  const result = await rows<Record<string, unknown>>(db, sql`
    SELECT j.*, COALESCE((SELECT json_agg(a ORDER BY a.attempt) FROM job_attempts a WHERE a.job_id = j.id), '[]'::json) AS history
      FROM jobs j
     WHERE (${filter.status ?? null}::text IS NULL OR j.status = ${filter.status ?? null})
       AND (${filter.beforeId ?? null}::bigint IS NULL OR j.id < ${filter.beforeId ?? null}::bigint)
     ORDER BY j.id DESC LIMIT ${filter.limit}`);
  return result.map((r) => ({
    id: String(r.id),
    kind: String(r.kind),
    status: String(r.status),
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    runAt: isoOf(r.run_at),
    lastError: (r.last_error as string | null) ?? null,
    createdAt: isoOf(r.created_at),
    finishedAt: isoOrNull(r.finished_at),
    history: (
      json<Array<Record<string, unknown>>>(r.history)
    ).map((a) => ({
      attempt: Number(a.attempt),
      worker: String(a.worker),
      startedAt: isoOf(a.started_at),
      finishedAt: isoOrNull(a.finished_at),
      outcome: String(a.outcome),
      error: (a.error as string | null) ?? null,
    })),
  }));
}

/** Puts a dead job back in the queue with three more attempts (after its cause was fixed). */
export async function retryDeadJob(db: Db, id: string, now: Date): Promise<void> {
  const res = await rows<Record<string, unknown>>(db, sql`
    UPDATE jobs SET status = 'queued', run_at = ${iso(now)}::timestamptz,
                    max_attempts = attempts + 3, finished_at = NULL, last_error = NULL
     WHERE id = ${id}::bigint AND status = 'dead' RETURNING id`);
  if (res.length === 0) throw new DomainError('JOB_NOT_FOUND', { id });
}
