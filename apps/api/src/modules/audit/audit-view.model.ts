import type { AuditEntry, AuditParty } from '@dargah/contracts';
import type { AuditRow } from '../../platform/audit';
import { isoOf, json } from '../../platform/db';
import type { PartyName } from '../identity';

/*
 * How an audit entry reads on the screens: its columns as stored, the actors' names beside their
 * ids, and no secrets. Details are already redacted where personal data required it when they
 * were written; a value that looks like a credential (by its key or its shape) is hidden here too,
 * so a careless entry written someday cannot leak through the log.
 */

export const REDACTED = '[redacted]';

/** Keys (compared lower-case, without separators) whose values are credentials or derived from them. */
const SECRET_KEY_ENDINGS = ['password', 'passwd', 'secret', 'token', 'otp', 'csrf', 'cookie', 'authorization', 'apikey', 'privatekey', 'hash'];
const SECRET_KEYS = new Set(['pin', 'otpcode', 'onetimecode']);

export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_KEYS.has(k) || SECRET_KEY_ENDINGS.some((e) => k.endsWith(e));
}

/** Values that are credentials whatever their key: a whole API token, a bearer header, a JWT. */
export function isSecretValue(v: string): boolean {
  return /^dgh_[A-Za-z0-9_-]{20,}$/.test(v) || /^bearer\s+\S{8,}/i.test(v) || /^eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]+$/.test(v);
}

/** A copy of the details with secret values replaced (at any depth). */
export function withoutSecrets(value: unknown, depth = 0): unknown {
  if (depth > 32) return REDACTED;
  if (typeof value === 'string') return isSecretValue(value) ? REDACTED : value;
  if (Array.isArray(value)) return value.map((v) => withoutSecrets(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, isSecretKey(k) && v !== null ? REDACTED : withoutSecrets(v, depth + 1)]),
    );
  }
  return value;
}

const ACTOR_TYPES = ['anonymous', 'citizen', 'staff', 'system', 'api_client'] as const;
type ActorType = (typeof ACTOR_TYPES)[number];
const actorType = (t: string): ActorType => ((ACTOR_TYPES as readonly string[]).includes(t) ? (t as ActorType) : 'system');

export type Names = (type: string, id: string) => PartyName | undefined;

export function partyView(type: string, id: string | null, names: Names): AuditParty {
  const named = id ? names(type, id) : undefined;
  return { type: actorType(type), id, name: named?.name ?? null, detail: named?.detail ?? null };
}

/**
 * Whom the actor acted for: a delegating principal (staff) or a represented company (citizen).
 * The chain keeps only the id; its kind follows the actor's.
 */
const principalType = (actorTypeName: string) => (actorTypeName === 'citizen' ? 'citizen' : 'staff');

export function entryView(r: AuditRow, names: Names, agencies: Map<string, { nameFa: string; nameEn: string | null }>): AuditEntry {
  const details = json(r.details);
  const agency = r.agency_id ? agencies.get(r.agency_id) : undefined;
  return {
    id: Number(r.id),
    chain: r.chain_id,
    chainSeq: Number(r.seq),
    occurredAt: isoOf(r.occurred_at),
    actor: partyView(r.actor_type, r.actor_id, names),
    onBehalfOf: r.on_behalf_of_id ? partyView(principalType(r.actor_type), r.on_behalf_of_id, names) : null,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    agency: r.agency_id ? { id: r.agency_id, nameFa: agency?.nameFa ?? null, nameEn: agency?.nameEn ?? null } : null,
    requestId: r.request_id,
    ip: r.ip,
    userAgent: r.user_agent,
    details: (withoutSecrets(details) ?? {}) as Record<string, unknown>,
    hash: r.hash,
    prevHash: r.prev_hash,
  };
}
