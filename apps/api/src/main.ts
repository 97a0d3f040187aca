import { buildApp } from './app';
import { createContext, createRunner, createSealer } from './bootstrap';
import { failStartup } from './cli/exit';
import { loadConfig } from './config';
import { migrate } from './platform/db';
import { loadDevPages } from './platform/http/dev-pages';
import { startTracing } from './platform/telemetry';
import { printDemoCredentials, seedDemoData } from './seed/demo';

/** Starts the HTTP server (and, on the embedded database, the job runner). */
async function main(): Promise<void> {
  const config = loadConfig();
  // Tracing first (when an OTLP endpoint is set), so the database and requests are traced from the start.
  const tracing = await startTracing({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: config.OTEL_SERVICE_NAME });
  const ctx = await createContext(config);
  if (config.MIGRATE_ON_START) {
    const applied = await migrate(ctx.database);
    if (applied.length) ctx.log.info({ applied }, 'migrations applied');
  }
  // The trust store (and, outside production, the test root, intermediate and TSA: created at first start).
  const pki = await ctx.pki.ready();
  if (pki.test) ctx.log.warn({ root: pki.test.root.certificate.subject }, 'signing with the Dargah TEST PKI: not for production');
  // Demo agencies, services, staff and citizens on a fresh development database (never in production).
  const demo = config.NODE_ENV === 'development' ? await seedDemoData(ctx) : [];
  // `npm run dev`: the public pages rendered from the web app's source (ADR 0018), not from a build.
  const devPages = config.WEB_DEV_PAGES ? await loadDevPages() : undefined;
  const app = await buildApp(ctx, {
    prettyLogs: config.NODE_ENV === 'development' && process.stdout.isTTY,
    ...(devPages ? { pages: devPages.renderer, pagesIndexHtml: devPages.indexHtml } : {}),
  });
  const sealer = createSealer(ctx);
  sealer.start();
  if (config.runJobsInProcess) {
    ctx.runner = createRunner(ctx);
    ctx.runner.start();
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.log.info({ signal }, 'shutting down: draining requests and jobs');
    const force = setTimeout(() => {
      ctx.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    await app.close();
    await devPages?.close();
    await ctx.runner?.stop();
    await sealer.stop();
    await ctx.database.close();
    await tracing?.shutdown();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const address = await app.listen({ port: config.PORT, host: config.HOST });
  ctx.log.info({ address, database: ctx.database.kind, jobs: config.runJobsInProcess ? 'in-process' : 'external worker' }, 'Dargah is listening');
  printDemoCredentials(demo);
  if (!config.ADMIN_API_TOKEN) {
    process.stdout.write(`\nOperations token for this run (set ADMIN_API_TOKEN to fix it): ${ctx.adminToken}\n`);
    process.stdout.write(`API docs: http://${config.HOST}:${config.PORT}/api/docs\n\n`);
  }
}

main().catch(failStartup);
