import type { Actor } from '../../platform/actor';
import type { IdentityCode } from './identity.errors';

/** An API client may act only within its agency and scopes; anything else is refused (and audited by the caller). */
export function apiClientMay(actor: Actor, scope: string, agencyId?: string): boolean {
  return actor.type === 'api_client' && actor.scopes.includes(scope) && (agencyId === undefined || actor.agencyId === agencyId);
}

/** Password rules: length, letters and digits, not the username. Returns the broken rule, if any. */
export function passwordProblem(password: string, username: string): IdentityCode | undefined {
  if (password.length < 10) return 'PASSWORD_TOO_SHORT';
  if (!/[A-Za-z\u0600-\u06FF]/.test(password) || !/[0-9\u06F0-\u06F9]/.test(password)) return 'PASSWORD_TOO_SIMPLE';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'PASSWORD_CONTAINS_USERNAME';
  return undefined;
}
