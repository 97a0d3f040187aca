import { buildApp } from './app';
import { createContext, createRunner, createSealer } from './bootstrap';
import { failStartup } from './cli/exit';
import { loadConfig } from './config';
import { migrationStatus } from './platform/db';
import { startTracing } from './platform/telemetry';

/** Runs background jobs only: start one or more beside the app processes on a PostgreSQL server. */
async function main(): Promise<void> {
  const config = loadConfig();
  // Tracing first (when an OTLP endpoint is set), so the database and jobs are traced from the start.
  const tracing = await startTracing({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: `${config.OTEL_SERVICE_NAME}-worker` });
  const ctx = await createContext(config);
  const { pending } = await migrationStatus(ctx.database);
  if (pending.length) throw new Error(`migrations ${pending.join(', ')} are not applied yet: run npm run db:migrate`);
  const runner = createRunner(ctx);
  ctx.runner = runner;
  runner.start();
  const sealer = createSealer(ctx);
  sealer.start();
  // Its job attempts and deliveries are counted here: the platform routes alone (no module) for Prometheus.
  const ops = config.WORKER_METRICS_PORT ? await buildApp(ctx, { modules: [], webDist: false, pages: false }) : undefined;
  if (ops) await ops.listen({ port: config.WORKER_METRICS_PORT!, host: config.HOST });
  ctx.log.info({ workerId: runner.workerId, kinds: ctx.jobs.kinds(), metricsPort: config.WORKER_METRICS_PORT }, 'worker started');
  const stop = async (signal: string) => {
    ctx.log.info({ signal }, 'worker stopping: finishing jobs in flight');
    const force = setTimeout(() => process.exit(1), config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    await ops?.close();
    await runner.stop();
    await sealer.stop();
    await ctx.reads.close();
    await ctx.database.close();
    await tracing?.shutdown();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch(failStartup);
