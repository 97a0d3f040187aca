import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db';
import { withTimeout } from '../timeout';
import { readDatabaseFacts, type DatabaseFacts, type ModuleGauge } from './facts';

/** Seconds: HTTP answers and job attempts (from a cached read to a slow export). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds a checkout waits for a pooled connection (almost always none). */
const WAIT_BUCKETS = [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5];

/** The methods a route label may carry; anything else is counted as OTHER (bounded labels). */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The longest a scrape waits for the database's figures before answering without them. */
export const SCRAPE_DB_TIMEOUT_MS = 2_000;

/**
 * This process's Prometheus registry (ADR 0025): counters the process keeps (HTTP, jobs, deliveries,
 * pool waits), and gauges read from the database at scrape time under a short timeout. A registry
 * per context, not prom-client's global one, so tests may build several apps in one process.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly httpRequests = new Counter({ name: 'dargah_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  private readonly httpDuration = new Histogram({ name: 'dargah_http_request_duration_seconds', help: 'Time to answer an HTTP request, by method and route pattern', labelNames: ['method', 'route'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  private readonly jobAttempts = new Counter({ name: 'dargah_job_attempts_total', help: 'Job attempts run by this process, by kind and outcome (succeeded, failed and retried, dead)', labelNames: ['kind', 'outcome'], registers: [this.registry] });
  private readonly jobDuration = new Histogram({ name: 'dargah_job_duration_seconds', help: 'Time a job attempt took, by kind', labelNames: ['kind'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  private readonly deliveries = new Counter({ name: 'dargah_notification_deliveries_total', help: 'SMS and e-mail delivery attempts by this process, by channel and outcome', labelNames: ['channel', 'outcome'], registers: [this.registry] });
  private readonly poolWait = new Histogram({ name: 'dargah_db_pool_wait_seconds', help: 'Time a checkout waited for a pooled database connection (server database)', buckets: WAIT_BUCKETS, registers: [this.registry] });
  private readonly pool = new Gauge({ name: 'dargah_db_pool_connections', help: 'Pooled database connections by state (max, total, idle, waiting: checkouts queued for one)', labelNames: ['state'], registers: [this.registry] });
  private readonly dbUp = new Gauge({ name: 'dargah_metrics_database_up', help: '1 when this scrape read the database figures in time, 0 when it did not (they are then the last ones read)', registers: [this.registry] });
  private readonly dbInfo = new Gauge({ name: 'dargah_db_info', help: 'The kind of database (embedded PGlite or server)', labelNames: ['kind'], registers: [this.registry] });
  private readonly jobs = new Gauge({ name: 'dargah_jobs', help: 'Jobs in the queue by kind and status (queued, running, dead)', labelNames: ['kind', 'status'], registers: [this.registry] });
  private readonly oldestDue = new Gauge({ name: 'dargah_job_oldest_due_seconds', help: 'How long the oldest queued job has been due without being claimed', registers: [this.registry] });
  private readonly pendingNotifications = new Gauge({ name: 'dargah_notifications_pending', help: 'Messages not yet delivered (created, sending, temporary_failure), by channel and status', labelNames: ['channel', 'status'], registers: [this.registry] });
  private readonly auditIntake = new Gauge({ name: 'dargah_audit_intake_entries', help: 'Audit entries committed and not yet sealed into their chains', registers: [this.registry] });
  private readonly auditIntakeAge = new Gauge({ name: 'dargah_audit_intake_oldest_seconds', help: 'How long the oldest audit entry has waited to be sealed', registers: [this.registry] });
  private readonly checkpointAge = new Gauge({ name: 'dargah_audit_checkpoint_age_seconds', help: 'Age of the last signed audit checkpoint (absent before the first)', registers: [this.registry] });
  private readonly blobBytes = new Gauge({ name: 'dargah_blob_store_bytes', help: 'Bytes of stored content (every blob the database knows)', registers: [this.registry] });
  private readonly blobCount = new Gauge({ name: 'dargah_blob_store_objects', help: 'Stored contents by whether anything references them', labelNames: ['referenced'], registers: [this.registry] });
  private readonly dbGauges = [this.jobs, this.oldestDue, this.pendingNotifications, this.auditIntake, this.auditIntakeAge, this.checkpointAge, this.blobBytes, this.blobCount];

  /** The modules' own figures (AppModule.gauges), read in the same snapshot. */
  private readonly moduleGauges: ReadonlyArray<{ spec: ModuleGauge; gauge: Gauge }>;

  constructor(opts: { defaultMetrics?: boolean; gauges?: readonly ModuleGauge[] } = {}) {
    // Process figures: CPU, memory, event-loop delay, open handles (prom-client's defaults, prefixed).
    if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'dargah_' });
    this.moduleGauges = (opts.gauges ?? []).map((spec) => ({
      spec,
      gauge: new Gauge({ name: spec.name, help: spec.help, labelNames: [...spec.labelNames], registers: [this.registry] }),
    }));
  }

  /** One answered request: the route is its pattern (`/api/v1/requests/:id`), never the URL. */
  observeRequest(method: string, route: string | undefined, status: number, seconds: number): void {
    const m = METHODS.has(method) ? method : 'OTHER';
    const r = route ?? '(unmatched)';
    this.httpRequests.inc({ method: m, route: r, status: String(status) });
    this.httpDuration.observe({ method: m, route: r }, seconds);
  }

  observeJob = (kind: string, outcome: string, seconds: number): void => {
    this.jobAttempts.inc({ kind, outcome });
    this.jobDuration.observe({ kind }, seconds);
  };

  observeDelivery = (channel: string, outcome: string): void => {
    this.deliveries.inc({ channel, outcome });
  };

  /** Follows a database's pool (server only); returns the unsubscribe. */
  watchDatabase(database: Database): () => void {
    this.dbInfo.set({ kind: database.kind }, 1);
    return database.pool?.onWait((s) => this.poolWait.observe(s)) ?? (() => undefined);
  }

  /** The registry's text, after reading the database's figures (or giving up on them in time). */
  async scrape(database: Database, timeoutMs = SCRAPE_DB_TIMEOUT_MS): Promise<string> {
    const pool = database.pool?.stats();
    if (pool) for (const [state, n] of Object.entries(pool)) this.pool.set({ state }, n);
    try {
      const facts = await withTimeout(readDatabaseFacts(database, timeoutMs, this.moduleGauges.map((m) => m.spec)), timeoutMs);
      // Label sets that are gone (a kind with no dead job any more) vanish; the rest are set anew.
      for (const g of [...this.dbGauges, ...this.moduleGauges.map((m) => m.gauge)]) g.reset();
      this.setFacts(facts);
      this.dbUp.set(1);
    } catch {
      // The last figures stay, marked stale by dargah_metrics_database_up 0 (alerting on it).
      this.dbUp.set(0);
    }
    return this.registry.metrics();
  }

  private setFacts(f: DatabaseFacts): void {
    for (const j of f.jobs) this.jobs.set({ kind: j.kind, status: j.status }, j.count);
    this.oldestDue.set(f.oldestDueSeconds);
    for (const n of f.pendingNotifications) this.pendingNotifications.set({ channel: n.channel, status: n.status }, n.count);
    this.auditIntake.set(f.audit.entries);
    this.auditIntakeAge.set(f.audit.oldestSeconds);
    if (f.checkpointAgeSeconds !== null) this.checkpointAge.set(f.checkpointAgeSeconds);
    this.blobBytes.set(f.blobs.bytes);
    this.blobCount.set({ referenced: 'true' }, f.blobs.referenced);
    this.blobCount.set({ referenced: 'false' }, f.blobs.unreferenced);
    for (const { spec, gauge } of this.moduleGauges) for (const v of f.modules.get(spec.name) ?? []) gauge.set(v.labels, v.value);
  }
}
