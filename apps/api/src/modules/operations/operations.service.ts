import { sql } from 'drizzle-orm';
import type { Actor, RequestOrigin } from '../../platform/actor';
import { audit, verifyAudit as verifyAuditLog } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { rows, withTransaction } from '../../platform/db';
import { appendEvent } from '../../platform/events';
import { once, type IdempotencyClaim } from '../../platform/idempotency';
import { listJobs, retryDeadJob } from '../../platform/jobs';

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
      await appendEvent(tx, { streamType: 'write_probe', streamId: id, action: 'recorded', actor, origin, at: now, payload: { label } });
      audit(tx, { actor, origin, at: now, action: 'write_probe.record', objectType: 'write_probe', objectId: id, details: { label } });
      const body: WriteProbe = { id, label, createdAt: now.toISOString() };
      return { status: 201 as const, body };
    }),
  );
}

/** Every audit chain and checkpoint, from one snapshot, trusting the platform's checkpoint key. */
export const verifyAudit = (ctx: AppContext) => verifyAuditLog(ctx.database, { trustedKeys: [ctx.auditKey] });

export const listJobsView = (ctx: AppContext, filter: { status?: string | undefined; limit: number; beforeId?: string | undefined }) =>
  listJobs(ctx.database.db, filter);

export async function retryJob(ctx: AppContext, actor: Actor, origin: RequestOrigin, id: string): Promise<void> {
  const now = ctx.clock.now();
  await withTransaction(ctx.database, async (tx) => {
    await retryDeadJob(tx.db, id, now);
    await appendEvent(tx, { streamType: 'job', streamId: id, action: 'retried', actor, origin, at: now });
    audit(tx, { actor, origin, at: now, action: 'job.retry', objectType: 'job', objectId: id });
    tx.afterCommit(() => ctx.runner?.nudge());
  });
}
