import path from 'node:path';
import { z } from 'zod';
import { allowedNetworks } from './platform/http/networks';

/**
 * The only reader of process.env. Parsed once at start; an invalid value stops the process
 * with a message naming the variable.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A comma-separated list (files, URLs); empty entries dropped. */
const list = z
  .string()
  .default('')
  .transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean));

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional());

export const AppConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  /**
   * A streaming replica of DATABASE_URL for reads that may be a little behind: reports, search and
   * the public catalogue (ADR 0026). Reads fall back to the primary while it is down or lags.
   */
  DATABASE_READ_URL: optionalUrl.optional(),
  /** Reads go to the primary while the replica's replay is further behind than this. */
  DATABASE_READ_MAX_LAG_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  MIGRATE_ON_START: bool.default(true),
  /**
   * Render the public pages from the web app's source through Vite (`npm run dev` sets it; ADR 0018)
   * instead of its build. Development only.
   */
  WEB_DEV_PAGES: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  TRUST_PROXY: bool.default(false),
  /**
   * Where this deployment is reached from outside (http or https, host, optional path, no query): the
   * IRIs of the published code lists (the CPSV-AP export's SKOS vocabularies, ADR 0011) and the links
   * in messages are made from it, never from a request's Host header. Stored without a trailing slash.
   */
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/ })
    .refine((v) => !/[?#@]/.test(v), 'must not have a query, a fragment or credentials')
    .transform((v) => {
      const u = new URL(v);
      return `${u.origin}${u.pathname}`.replace(/\/+$/, '');
    })
    .default('http://127.0.0.1:3000'),
  /** auto: run jobs inside the server on the embedded database, not on a server database. */
  JOBS_IN_PROCESS: z.enum(['auto', 'true', 'false']).default('auto'),
  JOBS_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Bearer token for /api/v1/operations/*; generated and printed at start when unset outside production. */
  ADMIN_API_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  OTP_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(120),
  /** Wrong passwords for one username before each further attempt must wait (2 s, 4 s, 8 s …). */
  LOGIN_LOCK_AFTER: z.coerce.number().int().min(1).max(100).default(5),
  /** The longest such wait. */
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** Wrong passwords from one address (any usernames) before each further attempt from it must wait. */
  LOGIN_DELAY_AFTER_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(20),
  /**
   * Public catalogue searches one address may make a minute, and as many of its other pages (a service's
   * information package, an agency's services), counted in the database: one limit across processes.
   */
  SEARCH_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(300),
  /** Sign-in attempts (password or one-time code) one address may make a minute, across all processes; half as many code requests and public tracking lookups. */
  SIGN_IN_RATE_PER_MINUTE: z.coerce.number().int().min(2).max(100_000).default(20),
  /** One-time codes sent to one national code, and to one mobile, in ten minutes. */
  OTP_SENDS_PER_10_MINUTES: z.coerce.number().int().min(1).max(1000).default(3),
  /** OpenID Connect sign-in for staff: enabled when the issuer is set. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_REDIRECT_URI: z.url().optional(),
  SMS_PROVIDER: z.enum(['simulator']).default('simulator'),
  /** The mobile-ownership registry (شاهکار) that must match a mobile to the national code before a one-time code is sent. */
  SHAHKAR_PROVIDER: z.enum(['simulator']).default('simulator'),
  /** How long to wait for its answer; past it, no code is sent (503 MOBILE_REGISTRY_UNAVAILABLE). */
  SHAHKAR_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(3_000),
  /** The post that delivers answers chosen for postal delivery (issue 11 item 9); a live connector is added beside the simulator. */
  POSTAL_PROVIDER: z.enum(['simulator']).default('simulator'),
  /** How long the postal job waits for the post's tracking number on one attempt. */
  POSTAL_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(3_000),
  /** The internet payment gateway (Shaparak IPG) that takes desk services' fees (ADR 0037); a live connector is added beside the simulator. */
  PAYMENT_PROVIDER: z.enum(['simulator']).default('simulator'),
  /** How long to wait for the payment gateway's answer (token, verify, reverse). */
  PAYMENT_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(5_000),
  /** The merchant's name the gateway's page shows. */
  PAYMENT_MERCHANT_NAME: z.string().min(1).max(200).default('درگاه خدمات دولت الکترونیک'),
  /** Attempts to hand a due dispatch to the post (backoff 1, 2, 4 … minutes) before it is marked failed for the desk staff. */
  POSTAL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** E-mail over SMTP (`smtp://user:pass@host:587`, `smtps://…:465`); unset: e-mail is simulated (recorded, not sent). */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('Dargah <no-reply@dargah.invalid>'),
  BLOB_DRIVER: z.enum(['fs', 's3']).default('fs'),
  BLOB_MAX_BYTES: z.coerce.number().int().min(1).default(25 * 1024 * 1024),
  S3_ENDPOINT: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: bool.default(true),
  /** Ed25519 private key (PKCS#8 PEM) that signs audit checkpoints; created in the data folder in development. */
  AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** How often the audit.checkpoint job signs the chains' heads (when anything was appended). */
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  /**
   * platform/pki (ADR 0022). Trusted roots (the national root) and intermediates: PEM bundles or DER
   * files, comma-separated. Unset outside production: the development test root, created at first start.
   * Production refuses a Dargah TEST certificate here.
   */
  PKI_TRUST_ROOT_FILES: list,
  PKI_TRUST_INTERMEDIATE_FILES: list,
  /** The platform's timestamp authority: its certificate (timeStamping EKU) and PKCS#8 key; without them production signs without timestamps. */
  PKI_TSA_CERT_FILE: z.string().min(1).optional(),
  PKI_TSA_KEY_FILE: z.string().min(1).optional(),
  /** CRL distribution points the pki.crl.refresh job fetches (besides those the trust store's intermediates name). */
  PKI_CRL_URLS: list,
  PKI_CRL_REFRESH_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  /** Asked when no CRL covers a certificate's issuer: the simulator (answers from the stored CRLs) or the responders certificates name (live). */
  PKI_OCSP_PROVIDER: z.enum(['simulator', 'live']).default('simulator'),
  /** Whether an unknown revocation status makes a signature's verdict revocation_unknown instead of valid. */
  PKI_REQUIRE_REVOCATION: bool.default(false),
  /** How often each app process's audit sealer looks for committed entries to seal (ADR 0019). */
  AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(20).max(60_000).default(250),
  /** The longest an audit entry may wait to be sealed before verification reports SEAL_OVERDUE. */
  AUDIT_MAX_SEAL_DELAY_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(60),
  /**
   * Load shedding: while the event loop lags more than this (milliseconds, sampled every second),
   * requests are answered 503 OVERLOADED with Retry-After instead of queueing until the process
   * falls over; /healthz still answers. 0 turns it off (the default under NODE_ENV=test).
   */
  LOAD_SHED_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  /**
   * Addresses and networks (`10.0.0.0/8`, `::1`, comma-separated) that may read GET /metrics without
   * the operations token; empty: the token only. Behind a proxy the client's address counts only with TRUST_PROXY.
   */
  METRICS_ALLOW_NETWORKS: list.refine((entries) => {
    try {
      allowedNetworks(entries);
      return true;
    } catch {
      return false;
    }
  }, 'each entry must be an IP address or a network such as 10.0.0.0/8'),
  /** The worker answers /metrics, /healthz and /readyz on this port (on HOST) when set; it serves nothing else. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** OpenTelemetry: the OTLP/HTTP collector's base URL; tracing is off when unset (ADR 0025). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** The service name on this process's spans (set it apart for the worker, e.g. dargah-worker). */
  OTEL_SERVICE_NAME: z.string().trim().min(1).max(100).default('dargah'),
});

export type AppConfigInput = z.input<typeof AppConfigSchema>;
export type AppConfig = Omit<z.output<typeof AppConfigSchema>, 'LOAD_SHED_EVENT_LOOP_DELAY_MS'> & {
  LOAD_SHED_EVENT_LOOP_DELAY_MS: number;
  /** DATA_DIR resolved to an absolute path. */
  dataDir: string;
  runJobsInProcess: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment-like record. Throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const relevant = Object.fromEntries(
    Object.keys(AppConfigSchema.shape).map((k) => [k, env[k] === '' && k !== 'DATABASE_URL' ? undefined : env[k]]),
  );
  const parsed = AppConfigSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  const c = parsed.data;
  const problems: string[] = [];
  if (c.BLOB_DRIVER === 's3' && !c.S3_BUCKET) problems.push('S3_BUCKET: required when BLOB_DRIVER=s3');
  if (c.OIDC_ISSUER && (!c.OIDC_CLIENT_ID || !c.OIDC_REDIRECT_URI)) problems.push('OIDC_CLIENT_ID, OIDC_REDIRECT_URI: required when OIDC_ISSUER is set');
  if (c.NODE_ENV === 'production' && !c.ADMIN_API_TOKEN) problems.push('ADMIN_API_TOKEN: required when NODE_ENV=production');
  if (c.NODE_ENV === 'production' && !c.AUDIT_SIGNING_KEY_FILE) problems.push('AUDIT_SIGNING_KEY_FILE: required when NODE_ENV=production');
  if (!c.PKI_TSA_CERT_FILE !== !c.PKI_TSA_KEY_FILE) problems.push('PKI_TSA_CERT_FILE, PKI_TSA_KEY_FILE: set both or neither');
  if (c.DATABASE_READ_URL && !c.DATABASE_URL) problems.push('DATABASE_READ_URL: a replica of DATABASE_URL; set DATABASE_URL too');
  if (c.NODE_ENV === 'production' && c.WEB_DEV_PAGES) problems.push('WEB_DEV_PAGES: development only, not with NODE_ENV=production');
  if (problems.length) throw new ConfigError(problems);
  return {
    ...c,
    dataDir: path.resolve(c.DATA_DIR),
    runJobsInProcess: c.JOBS_IN_PROCESS === 'auto' ? !c.DATABASE_URL : c.JOBS_IN_PROCESS === 'true',
    LOAD_SHED_EVENT_LOOP_DELAY_MS: c.LOAD_SHED_EVENT_LOOP_DELAY_MS ?? (c.NODE_ENV === 'test' ? 0 : 1_000),
  };
}
