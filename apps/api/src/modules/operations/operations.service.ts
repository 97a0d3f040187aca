import { sql } from 'drizzle-orm';
import type { Actor, RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { rows, withTransaction } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { once, type IdempotencyClaim } from '../../platform/idempotency';
import { listJobs, retryDeadJob } from '../../platform/jobs';
import { verifyForOperations } from '../audit';

export interface WriteProbe {
  id: string;
  label: string;
  createdAt: string;
}

/**
 * The write path every module uses, end to end: one row, one event and one audit entry in one
 * transaction, guarded by an idempotency key. Operators run it to check a deployment; the
 * benchmark measures it against the same SQL issued directly.
 */
export async function recordWriteProbe(ctx: AppContext, actor: Actor, origin: RequestOrigin, label: string, claim?: IdempotencyClaim) {
  const now = ctx.clock.now();
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, now, async () => {
      const res = await rows<{ id: string }>(tx.db, sql`
        INSERT INTO write_probes (label, created_at) VALUES (${label}, ${now.toISOString()}::timestamptz) RETURNING id`);
      const id = res[0]!.id;
      await recordChange(tx, { actor, origin, at: now }, { stream: 'write_probe', id, event: 'recorded', audit: 'write_probe.record', agencyId: null, details: { label } });
      const body: WriteProbe = { id, label, createdAt: now.toISOString() };
      return { status: 201 as const, body };
    }),
  );
}

/** Walks the audit chain; the outcome is recorded, so the auditors' status screen shows it too. */
export const verifyAudit = (ctx: AppContext, actor: Actor, origin: RequestOrigin) => verifyForOperations(ctx, actor, origin);

export const listJobsView = (ctx: AppContext, filter: { status?: string | undefined; limit: number; beforeId?: string | undefined }) =>
  listJobs(ctx.database.db, filter);

export async function retryJob(ctx: AppContext, actor: Actor, origin: RequestOrigin, id: string): Promise<void> {
  const now = ctx.clock.now();
  await withTransaction(ctx.database, async (tx) => {
    await retryDeadJob(tx.db, id, now);
    await recordChange(tx, { actor, origin, at: now }, { stream: 'job', id, event: 'retried', audit: 'job.retry', agencyId: null });
    tx.afterCommit(() => ctx.runner?.nudge());
  });
}
