import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import { migrationStatus } from '../db/migrate';
import { withTimeout } from '../timeout';

import { Readiness as ReadinessSchema } from '@dargah/contracts';

/** /healthz: the process is alive. /readyz: the database answers, migrations are applied; which simulators run. */
export async function healthRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'alive' }));
  r.get(
    '/readyz',
    { schema: { tags: ['platform'], summary: 'Readiness: database, migrations, active simulators', response: { 200: ReadinessSchema, 503: ReadinessSchema } } },
    async (_req, reply) => {
      const body: z.infer<typeof ReadinessSchema> = {
        status: 'ready',
        checks: { database: { ok: true, kind: ctx.database.kind }, migrations: { ok: true, pending: [] } },
        simulators: ctx.integrations.simulators(),
      };
      try {
        const status = await withTimeout(migrationStatus(ctx.database), 3_000);
        body.checks.migrations = { ok: status.pending.length === 0, pending: status.pending };
      } catch (err) {
        body.checks.database = { ok: false, kind: ctx.database.kind, error: err instanceof Error ? err.message.slice(0, 200) : 'unreachable' };
        body.checks.migrations = { ok: false, pending: [] };
      }
      const replica = await ctx.reads.status();
      if (replica) body.checks.replica = replica;
      // Shedding load (load-shedding.ts): not ready, so a load balancer sends traffic elsewhere.
      if (app.hasDecorator('isUnderPressure')) body.checks.load = { ok: !(app as unknown as { isUnderPressure(): boolean }).isUnderPressure() };
      const ready = body.checks.database.ok && body.checks.migrations.ok && body.checks.load?.ok !== false;
      body.status = ready ? 'ready' : 'not_ready';
      return reply.status(ready ? 200 : 503).header('cache-control', 'no-store').send(body);
    },
  );
}
