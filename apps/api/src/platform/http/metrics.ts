import { isIP, type BlockList } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { requireAdminToken } from './admin-auth';
import { allowedNetworks } from './networks';

/** Whether a request's address (behind TRUST_PROXY, the client's) is on an allowed network. */
function fromAllowedNetwork(list: BlockList, ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const address = mapped ?? ip;
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * GET /metrics in Prometheus text format (ADR 0025), for the operations token (`Authorization:
 * Bearer`, never a query parameter) or a caller on METRICS_ALLOW_NETWORKS; otherwise 401 in the error
 * envelope (403 for a wrong token, as on every operations route). Every answered request is counted
 * by its route pattern, so a scan of random URLs adds one `(unmatched)` series, not one per URL.
 */
export async function metricsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { metrics } = ctx;
  const networks = allowedNetworks(ctx.config.METRICS_ALLOW_NETWORKS);
  const stopWatching = metrics.watchDatabase(ctx.database);
  app.addHook('onClose', async () => stopWatching());
  app.addHook('onResponse', async (req, reply) => {
    metrics.observeRequest(req.method, req.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
  });
  app.get(
    '/metrics',
    {
      config: { access: 'operations' },
      schema: { tags: ['platform'], summary: 'Prometheus metrics of this process (operations token or an allowed network)', security: [{ adminToken: [] }] },
      onRequest: async (req) => {
        if (ctx.config.METRICS_ALLOW_NETWORKS.length && fromAllowedNetwork(networks, req.ip)) return;
        requireAdminToken(req, ctx.adminToken);
      },
    },
    async (_req, reply) => {
      const text = await metrics.scrape(ctx.database);
      return reply.type(metrics.registry.contentType).header('cache-control', 'no-store').send(text);
    },
  );
}
