import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Database } from '../db';
import type { JobDefinition } from '../jobs';
import { x509 } from './engine';
import { listCrls, saveCrl, saveCrlFailure } from './store';
import type { TrustStore } from './trust-store';

/**
 * Revocation: CRLs fetched by a recurring job (pki.crl.refresh) into the database, where every
 * process reads them; and an OCSP client behind an interface, asked when no CRL covers an issuer.
 */
export type RevocationState = 'good' | 'revoked' | 'unknown';
export interface RevocationStatus {
  status: RevocationState;
  source: 'crl' | 'ocsp' | 'none';
  revokedAt?: Date;
}

export const fingerprint = (c: { rawData: ArrayBuffer }): string => createHash('sha256').update(new Uint8Array(c.rawData)).digest('hex');
const serialKey = (hex: string) => hex.toLowerCase().replace(/^0+/, '');

export interface RevocationSource {
  status(certificate: x509.X509Certificate, issuer: x509.X509Certificate): Promise<RevocationStatus>;
}

/** The stored CRLs, parsed and kept for `ttlMs` in this process. */
export class CrlCache implements RevocationSource {
  private loaded: { at: number; byIssuer: Map<string, x509.X509Crl[]> } | undefined;
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly ttlMs = 60_000,
  ) {}

  invalidate(): void {
    this.loaded = undefined;
  }

  private async byIssuer(): Promise<Map<string, x509.X509Crl[]>> {
    const now = this.clock.now().getTime();
    if (this.loaded && now - this.loaded.at < this.ttlMs) return this.loaded.byIssuer;
    const map = new Map<string, x509.X509Crl[]>();
    for (const row of await listCrls(this.database.db)) {
      if (!row.der || !row.issuerFingerprint) continue;
      const list = map.get(row.issuerFingerprint) ?? [];
      list.push(new x509.X509Crl(row.der));
      map.set(row.issuerFingerprint, list);
    }
    this.loaded = { at: now, byIssuer: map };
    return map;
  }

  async status(certificate: x509.X509Certificate, issuer: x509.X509Certificate): Promise<RevocationStatus> {
    const crls = (await this.byIssuer()).get(fingerprint(issuer));
    if (!crls?.length) return { status: 'unknown', source: 'none' };
    const serial = serialKey(certificate.serialNumber);
    for (const crl of crls) {
      const entry = crl.entries.find((e) => serialKey(e.serialNumber) === serial);
      if (entry) return { status: 'revoked', source: 'crl', revokedAt: entry.revocationDate };
    }
    return { status: 'good', source: 'crl' };
  }
}

/** An OCSP responder (RFC 6960) as Dargah asks it: the status of one certificate from its issuer. */
export interface OcspClient extends RevocationSource {
  readonly mode: 'simulator' | 'live';
  readonly description: string;
}

/**
 * Answers like a CA's responder answers from the CA's own records: here, the CRLs the CA
 * published (what the job stored), after a network latency; "unknown" for an issuer it has no list
 * of, as a responder does for a certificate it did not issue.
 */
export function createOcspSimulator(crls: CrlCache, opts: { latencyMs?: number } = {}): OcspClient {
  const latency = opts.latencyMs ?? 20;
  return {
    mode: 'simulator',
    description: 'OCSP responder (RFC 6960) of the CAs in the trust store: answers from their published CRLs',
    async status(certificate, issuer) {
      await delay(Math.round(latency * (0.5 + Math.random())));
      const s = await crls.status(certificate, issuer);
      return s.status === 'unknown' ? s : { ...s, source: 'ocsp' };
    },
  };
}

/** CRL first (what the job fetched), then OCSP; never throws: a failing responder is "unknown". */
export function combinedRevocation(crls: RevocationSource, ocsp: RevocationSource | undefined, timeoutMs = 3_000): RevocationSource {
  return {
    async status(certificate, issuer) {
      const fromCrl = await crls.status(certificate, issuer);
      if (fromCrl.status !== 'unknown' || !ocsp) return fromCrl;
      try {
        return await Promise.race([
          ocsp.status(certificate, issuer),
          delay(timeoutMs).then((): RevocationStatus => ({ status: 'unknown', source: 'none' })),
        ]);
      } catch {
        return { status: 'unknown', source: 'none' };
      }
    },
  };
}

export const CRL_REFRESH_KIND = 'pki.crl.refresh';
const CRL_MAX_BYTES = 20 * 1024 * 1024;

/** Parses a CRL in DER or PEM; throws on anything else. */
export function parseCrl(bytes: Uint8Array): x509.X509Crl {
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  return head.includes('-----BEGIN') ? new x509.X509Crl(Buffer.from(bytes).toString('latin1')) : new x509.X509Crl(new Uint8Array(bytes));
}

/** The CA in the trust store that signed this CRL, or undefined. */
export async function crlIssuer(crl: x509.X509Crl, trust: TrustStore): Promise<x509.X509Certificate | undefined> {
  for (const ca of [...trust.intermediates, ...trust.roots]) {
    if (ca.subject !== crl.issuer) continue;
    try {
      if (await crl.verify({ publicKey: ca })) return ca;
    } catch {
      // another key with the same name: try the next
    }
  }
  return undefined;
}

async function fetchBytes(url: string, fetchFn: typeof fetch, timeoutMs: number): Promise<Uint8Array> {
  const res = await fetchFn(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  if (Number(res.headers.get('content-length') ?? 0) > CRL_MAX_BYTES) throw new Error('CRL larger than 20 MB');
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += (chunk as Uint8Array).byteLength;
    if (size > CRL_MAX_BYTES) throw new Error('CRL larger than 20 MB');
    chunks.push(chunk as Uint8Array);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

export interface CrlRefreshOptions {
  /** The distribution points to fetch (configured, plus those named by the trust store's intermediates). */
  urls: () => Promise<readonly string[]>;
  trust: () => Promise<TrustStore>;
  /** Told after a CRL is stored, so this process's cache sees it at once. */
  onStored?: () => void;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Fetches every CRL, keeps those whose signature verifies against a CA of the trust store and
 * that are not older than the stored one, and records failures beside the last good list. Fails
 * (so the job is retried with backoff) when any distribution point failed.
 */
export function createCrlRefreshJob(o: CrlRefreshOptions): JobDefinition<z.ZodObject> {
  return {
    kind: CRL_REFRESH_KIND,
    payload: z.object({}),
    maxAttempts: 3,
    async handle(_payload, { database, clock, log }) {
      const urls = await o.urls();
      if (urls.length === 0) return;
      const trust = await o.trust();
      const failures: string[] = [];
      for (const url of urls) {
        try {
          if (!/^https?:\/\//i.test(url)) throw new Error('only http and https distribution points are fetched');
          const crl = parseCrl(await fetchBytes(url, o.fetch ?? fetch, o.timeoutMs ?? 15_000));
          const issuer = await crlIssuer(crl, trust);
          if (!issuer) throw new Error(`CRL issuer ${crl.issuer} is not a CA of the trust store, or its signature does not verify`);
          await saveCrl(database.db, { url, issuer: crl.issuer, issuerFingerprint: fingerprint(issuer), der: new Uint8Array(crl.rawData), thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate ?? null }, clock.now());
          o.onStored?.();
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          failures.push(`${url}: ${message}`);
          await saveCrlFailure(database.db, url, message, clock.now());
          log.warn({ url, err: message }, 'CRL refresh failed');
        }
      }
      if (failures.length) throw new Error(`CRL refresh failed for ${failures.length} distribution point(s): ${failures.join('; ')}`);
    },
  };
}

/** The CRL distribution points named by certificates (the trust store's intermediates name their root's list). */
export function distributionPoints(certs: readonly x509.X509Certificate[]): string[] {
  const urls = new Set<string>();
  for (const c of certs) {
    const ext = c.getExtension(x509.CRLDistributionPointsExtension);
    for (const dp of ext?.distributionPoints ?? []) {
      for (const name of dp.distributionPoint?.fullName ?? []) if (name.uniformResourceIdentifier) urls.add(name.uniformResourceIdentifier);
    }
  }
  return [...urls];
}
