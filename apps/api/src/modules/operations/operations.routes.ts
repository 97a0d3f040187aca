import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditReport } from '@dargah/contracts';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { requireAdminToken } from '../../platform/http/admin-auth';
import { claimFrom, IDEMPOTENT_CREATE, IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import { listJobsView, recordWriteProbe, retryJob, verifyAudit } from './operations.service';

const WriteProbeBody = z.object({ label: z.string().trim().min(1).max(200) }).strict();
const WriteProbe = z.object({ id: z.uuid(), label: z.string(), createdAt: z.iso.datetime() });
const JobStatus = z.enum(['queued', 'running', 'succeeded', 'dead', 'cancelled']);
const Job = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  history: z.array(
    z.object({ attempt: z.number().int(), worker: z.string(), startedAt: z.string(), finishedAt: z.string().nullable(), outcome: z.string(), error: z.string().nullable() }),
  ),
});

/** A job id (a bigint sequence): at most 18 digits, so it always fits the column (ADR 0010). */
const JobId = z.string().regex(/^\d{1,18}$/);

export async function operationsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.addHook('onRequest', async (req) => requireAdminToken(req, ctx.adminToken));

  r.post(
    '/operations/write-probes',
    {
      config: { access: 'operations' },
      schema: {
        tags: ['platform'],
        summary: 'Record a write probe: one row, one event and one audit entry in one transaction',
        description: IDEMPOTENT_CREATE,
        headers: IdempotencyHeaders,
        body: WriteProbeBody,
        response: { 201: WriteProbe, 200: WriteProbe },
      },
    },
    async (req, reply) => {
      const result = await recordWriteProbe(ctx, req.actor, req.origin, req.body.label, claimFrom(req, 'write-probe'));
      return sendReplayable(reply, result);
    },
  );

  r.get(
    '/operations/audit/verify',
    { config: { access: 'operations' }, schema: { tags: ['platform'], summary: 'Verify every audit chain and signed checkpoint from one snapshot; name the first broken link of each chain (recorded for the audit screens)', response: { 200: AuditReport } } },
    (req) => verifyAudit(ctx, req.actor, req.origin),
  );

  r.get(
    '/operations/jobs',
    {
      config: { access: 'operations' },
      schema: {
        tags: ['platform'],
        summary: 'Background jobs with their attempt history, newest first',
        querystring: z.object({ status: JobStatus.optional(), limit: z.coerce.number().int().min(1).max(200).default(50), before: JobId.optional() }),
        response: { 200: z.object({ items: z.array(Job), nextBefore: z.string().nullable() }) },
      },
    },
    async (req) => {
      const items = await listJobsView(ctx, { status: req.query.status, limit: req.query.limit, beforeId: req.query.before });
      return { items, nextBefore: items.length === req.query.limit ? (items.at(-1)?.id ?? null) : null };
    },
  );

  r.post(
    '/operations/jobs/:id/retry',
    { config: { access: 'operations' }, schema: { tags: ['platform'], summary: 'Put a dead job back in the queue', params: z.object({ id: JobId }), response: { 204: z.null() } } },
    async (req, reply) => {
      await retryJob(ctx, req.actor, req.origin, req.params.id);
      return reply.status(204).send(null);
    },
  );
}
