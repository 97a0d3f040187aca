import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db';
import { DomainError } from '../http/errors';

/** The Jalali years a counter may be kept for (migration 0048 checks the same). */
export const MIN_NUMBERING_YEAR = 1300;
export const MAX_NUMBERING_YEAR = 1699;

// The same shapes as the table's checks: refused here with a code before any statement runs.
const SCOPE_RE = /^[A-Za-z0-9_.:-]{1,64}$/;
const DOMAIN_RE = /^[a-z][a-z0-9_]{0,31}$/;

/** One counter: numbers are gap-free and unique within it. */
export interface NumberingKey {
  /** Whose numbers: an agency's id, typically. */
  scope: string;
  /** Which series: 'outgoing', 'internal', 'incoming'… (a lower-case identifier, ≤ 32 characters). */
  domain: string;
  /** The Jalali year (`numberingYear` of the registration's instant). */
  year: number;
}

/** Refuses a key the table would refuse (NUL, oversize, a year out of range) with a stable code. */
export function assertNumberingKey(key: NumberingKey): void {
  const field = !(typeof key.scope === 'string' && SCOPE_RE.test(key.scope))
    ? 'scope'
    : !(typeof key.domain === 'string' && DOMAIN_RE.test(key.domain))
      ? 'domain'
      : !(Number.isInteger(key.year) && key.year >= MIN_NUMBERING_YEAR && key.year <= MAX_NUMBERING_YEAR)
        ? 'year'
        : undefined;
  if (field) throw new DomainError('NUMBERING_KEY_INVALID', { field });
}

/**
 * The next number of a counter, starting at 1, allocated inside the caller's transaction (ADR 0041).
 * One upsert bumps the counter's row and keeps it locked until the transaction ends: a rollback
 * gives the number back (the next commit gets it), and a concurrent allocator of the same counter
 * waits for the commit, then bumps the committed value — from any process on the same database.
 * Allocate last in the registering transaction: the lock is held from here to COMMIT.
 */
export async function nextNumber(tx: Tx, key: NumberingKey): Promise<number> {
  assertNumberingKey(key);
  const [row] = await rows<{ last: number }>(
    tx.db,
    sql`
    INSERT INTO number_sequences (scope, domain, year, last) VALUES (${key.scope}, ${key.domain}, ${key.year}, 1)
    ON CONFLICT (scope, domain, year) DO UPDATE SET last = number_sequences.last + 1
    RETURNING last`,
  );
  return Number(row!.last);
}
