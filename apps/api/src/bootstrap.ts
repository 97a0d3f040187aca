import { randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { z } from 'zod';
import { ConfigError, type AppConfig } from './config';
import { auditKeyFromConfig, AuditSealer, createAuditCheckpointJob, type AuditKey } from './platform/audit';
import { systemClock, type Clock } from './platform/clock';
import type { AppContext } from './platform/context';
import { openDatabase, primaryReads, replicaReads, type Database, type ReadRoute } from './platform/db';
import { createBlobDriverFromConfig, createBlobGcJob, createBlobStore } from './platform/files';
import { IntegrationRegistry } from './platform/integrations';
import { createPostalSimulator } from './platform/integrations/postal';
import { createPaymentGatewaySimulator } from './platform/integrations/payment-gateway';
import { createMobileRegistrySimulator } from './platform/integrations/mobile-registry';
import { modules } from './modules';
import { JobRegistry, JobRunner } from './platform/jobs';
import { loggerOptions } from './platform/log';
import { Metrics } from './platform/metrics';
import { createPki } from './platform/pki';
import { createRateLimitSweepJob } from './platform/rate-limit';
import { createEmailSimulator, createNotifySendJob, createSmsSimulator, createSmtpProvider, Notifier } from './platform/notify';

export interface ContextOverrides {
  database?: Database;
  clock?: Clock;
  log?: Logger;
  auditKey?: AuditKey;
}

/** The read replica when DATABASE_READ_URL names one (a server database only), else the primary. */
async function openReads(config: AppConfig, database: Database, log: Logger): Promise<ReadRoute> {
  if (!config.DATABASE_READ_URL) return primaryReads(database);
  if (database.kind !== 'server') throw new ConfigError(['DATABASE_READ_URL: a replica needs a PostgreSQL server as the primary (DATABASE_URL)']);
  return replicaReads(database, config.DATABASE_READ_URL, {
    poolSize: config.DATABASE_POOL_SIZE,
    maxLagSeconds: config.DATABASE_READ_MAX_LAG_SECONDS,
    onChange: (s, err) => (s.serving === 'replica' ? log.info({ lagSeconds: s.lagSeconds }, 'reads go to the replica') : log.warn({ reason: s.reason, err }, 'reads go to the primary')),
  });
}

/** Wires the platform for one process: database, clock, blobs, jobs, integrations. */
export async function createContext(config: AppConfig, o: ContextOverrides = {}): Promise<AppContext> {
  const log = o.log ?? pino(loggerOptions(config.LOG_LEVEL, false));
  const database = o.database ?? (await openDatabase(config));
  const clock = o.clock ?? systemClock;
  const reads = await openReads(config, database, log);
  const jobs = new JobRegistry();
  const blobDriver = createBlobDriverFromConfig(config);
  const blobs = createBlobStore({ driver: blobDriver, database, clock, maxBytes: config.BLOB_MAX_BYTES });
  jobs.every(createBlobGcJob(blobDriver), 3_600_000, {});
  jobs.every(createRateLimitSweepJob(), 3_600_000, {});
  const auditKey = o.auditKey ?? auditKeyFromConfig(config);
  jobs.every(createAuditCheckpointJob(auditKey), config.AUDIT_CHECKPOINT_MINUTES * 60_000, {});
  const integrations = new IntegrationRegistry();
  const metrics = new Metrics({ gauges: modules.flatMap((m) => m.gauges ?? []) });
  const notifier = new Notifier(
    {
      sms: createSmsSimulator(),
      email: config.SMTP_URL ? createSmtpProvider(config.SMTP_URL, config.MAIL_FROM) : createEmailSimulator(),
    },
    metrics.observeDelivery,
  );
  for (const [name, p] of Object.entries(notifier.providers)) integrations.register({ name, mode: p.mode, description: p.description });
  jobs.define(createNotifySendJob(notifier));
  // Delivery jobs queued before notifications existed name the same message by its old outbox id.
  const send = jobs.get('notify.send')!;
  jobs.define({ kind: 'sms.send', payload: z.object({ outboxId: z.uuid() }), maxAttempts: 5, handle: ({ outboxId }, jc) => send.handle({ id: outboxId }, jc) });
  // SHAHKAR_PROVIDER has one value so far: a live connector is added beside the simulator.
  const mobileRegistry = createMobileRegistrySimulator(database);
  integrations.register({ name: 'shahkar', mode: mobileRegistry.mode, description: 'mobile-ownership registry (شاهکار): is this SIM registered to this national code' });
  // POSTAL_PROVIDER has one value so far: a live connector is added beside the simulator.
  const postal = createPostalSimulator();
  integrations.register({ name: 'post', mode: postal.mode, description: postal.description });
  // PAYMENT_PROVIDER has one value so far: a live connector is added beside the simulator.
  const payments = createPaymentGatewaySimulator(database, clock, { publicBaseUrl: config.PUBLIC_BASE_URL });
  integrations.register({ name: 'payment', mode: payments.mode, description: payments.description });
  const pki = createPki(config, database, clock, log);
  pki.register(jobs, integrations);
  const ctx: AppContext = {
    config,
    database,
    reads,
    clock,
    log,
    jobs,
    blobs,
    integrations,
    notify: notifier,
    mobileRegistry,
    postal,
    payments,
    pki,
    auditKey,
    metrics,
    adminToken: config.ADMIN_API_TOKEN ?? randomBytes(24).toString('base64url'),
  };
  for (const m of modules) m.defineJobs?.(ctx);
  return ctx;
}

/** This process's audit sealer (ADR 0019): every app and worker process runs one; one seals at a time. */
export function createSealer(ctx: AppContext): AuditSealer {
  return new AuditSealer(ctx.database, ctx.log.child({ component: 'audit-sealer' }), ctx.config.AUDIT_SEAL_INTERVAL_MS);
}

/** A job runner for this process, over the context's registry. */
export function createRunner(ctx: AppContext, workerId?: string): JobRunner {
  return new JobRunner(ctx.database, ctx.jobs, ctx.clock, ctx.log.child({ component: 'jobs' }), {
    concurrency: ctx.config.JOBS_CONCURRENCY,
    pollMs: ctx.config.JOBS_POLL_MS,
    onAttempt: ctx.metrics.observeJob,
    ...(workerId ? { workerId } : {}),
  });
}
