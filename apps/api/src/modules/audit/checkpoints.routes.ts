import { AuditCheckpointFile, AuditCheckpointPage } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { checkpointPage, latestCheckpoint } from './checkpoints.service';

const tags = ['audit'];

/**
 * The signed audit checkpoints, public like a transparency log's signed heads: they hold only
 * chain ids (agency ids), lengths and hashes, and let any other system keep copies.
 */
export async function checkpointRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/audit/checkpoints',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Signed checkpoints of the audit chains, newest first, with the public key that verifies them',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.coerce.number().int().min(1).optional() }),
        response: { 200: AuditCheckpointPage },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return checkpointPage(ctx, req.query);
    },
  );
  r.get(
    '/audit/checkpoints/latest',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'The newest signed checkpoint as a file to keep (npm run audit:verify -- --against <file>)', response: { 200: AuditCheckpointFile } },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      return latestCheckpoint(ctx);
    },
  );
}
