import { AuditChainStatus, AuditEntry, AuditEntryFilter, AuditEntryPage, AuditVerificationRecord } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { auditCsv } from './audit.export';
import { chainStatus, entriesForExport, EXPORT_MAX_ENTRIES, getEntry, listEntries, verifyChain } from './audit.service';

const tags = ['audit'];
const staff = { access: 'staff' as const };
const WHO =
  'oversight auditors and platform administrators read every entry; an agency administrator the entries of the agencies they administer';

export async function auditRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/audit/entries',
    {
      config: staff,
      schema: {
        tags,
        summary: `Audit entries, newest first, filtered by agency, actor (username or id), action (or a kind: \`service_card.\`), object and period (Jalali or ISO days, Tehran time); format=csv downloads up to ${EXPORT_MAX_ENTRIES} of them (${WHO})`,
        querystring: AuditEntryFilter.extend({
          cursor: z.string().regex(/^[1-9]\d{0,17}$/).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
          format: z.enum(['json', 'csv']).default('json'),
        }),
        response: { 200: AuditEntryPage },
      },
    },
    async (req, reply) => {
      const { format, cursor, limit, ...filter } = req.query;
      if (format === 'json') return listEntries(ctx, req.actor, { ...filter, cursor, limit }, req.lang);
      const { items, truncated } = await entriesForExport(ctx, req.actor, filter, req.lang);
      reply.header('content-disposition', `attachment; filename="audit-log-${ctx.clock.now().toISOString().slice(0, 10)}.csv"`);
      reply.header('cache-control', 'no-store');
      if (truncated) reply.header('x-dargah-truncated', String(EXPORT_MAX_ENTRIES));
      // A Buffer is sent as it is (never through the JSON serialiser of the response schema).
      return reply.type('text/csv; charset=utf-8').send(auditCsv(items, req.lang) as never);
    },
  );

  r.get(
    '/audit/entries/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: `One audit entry with its hashes (${WHO}; any other answers as not found)`,
        params: z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
        response: { 200: AuditEntry },
      },
    },
    (req) => getEntry(ctx, req.actor, req.params.id),
  );

  r.get(
    '/audit/status',
    {
      config: staff,
      schema: {
        tags,
        summary: 'The audit chain: its length, its head and its latest verification (oversight auditors, platform administrators)',
        response: { 200: AuditChainStatus },
      },
    },
    (req) => chainStatus(ctx, req.actor),
  );

  r.post(
    '/audit/verifications',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Walk the whole audit chain now and record the outcome (oversight auditors, platform administrators); a walk already running is shared rather than repeated',
        body: z.object({}).strict().default({}),
        response: { 201: AuditVerificationRecord },
      },
    },
    async (req, reply) => reply.status(201).send(await verifyChain(ctx, req.actor, req.origin)),
  );
}
