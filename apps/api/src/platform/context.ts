import type { Logger } from 'pino';
import type { AppConfig } from '../config';
import type { Clock } from './clock';
import type { AuditKey } from './audit';
import type { Database, ReadRoute } from './db';
import type { BlobStore } from './files';
import type { IntegrationRegistry } from './integrations';
import type { MobileOwnershipRegistry } from './integrations/mobile-registry';
import type { PaymentGateway } from './integrations/payment-gateway';
import type { PostalService } from './integrations/postal';
import type { JobRegistry, JobRunner } from './jobs';
import type { Metrics } from './metrics';
import type { Notifier } from './notify';
import type { Pki } from './pki';

/** Everything a module needs from the platform; built once in main.ts (or by a test). */
export interface AppContext {
  config: AppConfig;
  database: Database;
  /**
   * Reads that may be a little behind (reports, search, the public catalogue): the read replica
   * when one is configured and usable, else the primary. Never for a write or for reading one's own.
   */
  reads: ReadRoute;
  clock: Clock;
  log: Logger;
  jobs: JobRegistry;
  /** Present where this process runs jobs; enqueuers nudge it after commit. */
  runner?: JobRunner | undefined;
  blobs: BlobStore;
  integrations: IntegrationRegistry;
  /** Templates' messages by SMS, e-mail and in-app, with their providers and delivery status. */
  notify: Notifier;
  /** Whether a SIM is registered to a national code (شاهکار). */
  mobileRegistry: MobileOwnershipRegistry;
  /** The post: answers delivered by post are handed to it (POSTAL_PROVIDER). */
  postal: PostalService;
  /** The internet payment gateway that takes desk services' fees (PAYMENT_PROVIDER, ADR 0037). */
  payments: PaymentGateway;
  /** Trust store, timestamp authority, revocation; signs and verifies detached CMS (ADR 0022). */
  pki: Pki;
  /** Signs audit checkpoints; its public half verifies them. */
  auditKey: AuditKey;
  /** This process's Prometheus registry (GET /metrics). */
  metrics: Metrics;
  /** Bearer token for platform administration endpoints until staff sign-in exists. */
  adminToken: string;
}
