import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { iso, json, jsonb, rows, type Tx } from '../db';
import { canonicalJson } from '../audit/chain';
import { DomainError } from '../http/errors';

const KEY_RE = /^[A-Za-z0-9_-]{8,200}$/;

export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestHash: string;
}

/** Builds a claim from an Idempotency-Key header, the actor/operation scope and the request body. */
export function idempotencyClaim(key: string | undefined, scope: string, body: unknown): IdempotencyClaim | undefined {
  if (key === undefined) return undefined;
  if (!KEY_RE.test(key)) throw new DomainError('IDEMPOTENCY_KEY_INVALID');
  return {
    scope,
    key,
    requestHash: createHash('sha256')
      .update(canonicalJson(body ?? null))
      .digest('hex'),
  };
}

export interface Replayable<T, S extends number = number> {
  status: S;
  body: T;
  replayed: boolean;
}

/**
 * Runs a write at most once per (scope, key), inside the caller's transaction. The key row is
 * inserted first: a concurrent duplicate waits on it and then reads the committed first result.
 * The same key with a different request body is refused.
 */
export async function once<T, S extends number>(
  tx: Tx,
  claim: IdempotencyClaim | undefined,
  now: Date,
  fn: () => Promise<{ status: S; body: T }>,
): Promise<Replayable<T, S>> {
  if (!claim) return { ...(await fn()), replayed: false };
  const inserted = await rows<Record<string, unknown>>(
    tx.db,
    sql`
    INSERT INTO idempotency_keys (scope, key, request_hash, created_at)
    VALUES (${claim.scope}, ${claim.key}, ${claim.requestHash}, ${iso(now)}::timestamptz)
    ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
  );
  if (inserted.length === 0) {
    const prior = await rows<{ request_hash: string; status_code: number | null; response: unknown }>(
      tx.db,
      sql`
      SELECT request_hash, status_code, response FROM idempotency_keys WHERE scope = ${claim.scope} AND key = ${claim.key}`,
    );
    const row = prior[0]!;
    if (row.request_hash !== claim.requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', { key: claim.key });
    const body = json<T>(row.response);
    return { status: (row.status_code ?? 200) as S, body, replayed: true };
  }
  const result = await fn();
  await rows<Record<string, unknown>>(
    tx.db,
    sql`
    UPDATE idempotency_keys SET status_code = ${result.status}, response = ${jsonb(result.body)}::jsonb
     WHERE scope = ${claim.scope} AND key = ${claim.key}`,
  );
  return { ...result, replayed: false };
}
