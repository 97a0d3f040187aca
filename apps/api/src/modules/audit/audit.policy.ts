import type { Actor, Role } from '../../platform/actor';
import { agenciesWithRole, hasRole } from '../organisation';

/**
 * Who reads the whole audit log and the chain's status, and may walk the chain: oversight
 * auditors and platform administrators.
 */
export const AUDIT_READERS: readonly Role[] = ['oversight_auditor', 'platform_admin'];

/**
 * The audit entries the actor may read: every entry (null) for auditors and platform
 * administrators; the entries of the agencies they administer for an agency administrator (with
 * their sub-agencies when the grant includes them); none (undefined) for anyone else. Entries that
 * belong to no agency (a citizen's sign-in, the system's jobs) are for the first group only.
 */
export function auditScope(actor: Actor): string[] | null | undefined {
  if (actor.type !== 'staff') return undefined;
  if (hasRole(actor, AUDIT_READERS)) return null;
  const administered = agenciesWithRole(actor, ['agency_admin']);
  return administered.length > 0 ? administered : undefined;
}

/** Whether the actor may see the chain's status and walk it. */
export const mayWatchChain = (actor: Actor): boolean => hasRole(actor, AUDIT_READERS);
