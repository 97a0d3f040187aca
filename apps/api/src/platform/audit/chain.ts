import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth and no insignificant white space. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number');
    if (typeof value === 'bigint') return value.toString();
    return JSON.stringify(value ?? null);
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hashed content of an audit entry: every column but seq and the hashes. */
export interface AuditContent {
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  onBehalfOfId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  agencyId: string | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}

/** The chain written before per-agency chains: closed, verified like the others (migration 0022). */
export const LEGACY_CHAIN = 'legacy';
/** The chain of entries that concern no agency (a citizen signing in, platform administration). */
export const PLATFORM_CHAIN = 'platform';

/**
 * The chain an entry belongs to: its agency's, or the platform's. Derived from hashed content, so
 * the verifier can check that no entry was moved between chains.
 */
export function chainOf(content: Pick<AuditContent, 'agencyId'>): string {
  return content.agencyId ?? PLATFORM_CHAIN;
}

/** hash = SHA-256(previous hash || canonical JSON of the entry), hex. */
export function chainHash(prevHash: string, content: AuditContent): string {
  return chainHashOfJson(prevHash, canonicalJson(content));
}

/** chainHash of an entry given as its canonical JSON already (as the audit intake holds it). */
export function chainHashOfJson(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash + canonical, 'utf8').digest('hex');
}
