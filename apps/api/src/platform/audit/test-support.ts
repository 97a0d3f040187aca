import type { ActorRef } from '../actor';
import { withTransaction, type Database } from '../db';
import { audit } from './audit';
import { sealAudit } from './seal';

/** Helpers for the audit tests (not used by the app). */
export const at = new Date('2025-03-20T08:00:00.000Z');
export const actorIn = (agencyId: string | null): ActorRef => ({ type: 'staff', id: 'u-1', agencyId });

/** n transactions, each recording one entry for the agency (null: the platform chain), then sealed. */
export async function write(database: Database, n: number, agencyId: string | null = 'agency-a', label = 'x') {
  for (let i = 0; i < n; i++) {
    await withTransaction(database, async (tx) => {
      audit(tx, { actor: actorIn(agencyId), at, action: 'thing.create', objectType: 'thing', objectId: `${label}${i}`, details: { i, name: 'علی', nested: { b: 1, a: [1, 'ک'] } }, origin: { ip: '127.0.0.1', requestId: 'r' } });
    });
  }
  if (!(await sealAudit(database))) throw new Error('the entries just written could not be sealed');
}

/** Simulates a superuser: the append-only trigger is bypassed, the chain is not. */
export async function tamper(database: Database, ...statements: string[]) {
  await database.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only');
  for (const s of statements) await database.query(s);
  await database.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only');
}
