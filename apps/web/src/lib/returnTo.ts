/**
 * Where to go back to after signing in. Only a path of this site is accepted (`/me/requests/1?x`),
 * never another origin (`//evil.example`, `https://…`, `/\evil`), so a crafted sign-in link cannot
 * send the person elsewhere.
 */
export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const path = value.trim();
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return undefined;
  // Control characters (a newline, a tab) can turn into another address in some parsers.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return undefined;
  if (path.length > 2000) return undefined;
  return path;
}

/** The sign-in pages' search: `?returnTo=/path`. */
export function validateReturnToSearch(search: Record<string, unknown>): { returnTo?: string } {
  const returnTo = safeReturnTo(search.returnTo);
  return returnTo ? { returnTo } : {};
}

/** Codes the organisation sign-in (OpenID Connect) sends back with `?signin_error=`. */
export const OIDC_ERROR_CODES = [
  'OIDC_STATE_INVALID',
  'OIDC_ACCESS_DENIED',
  'OIDC_PROVIDER_ERROR',
  'OIDC_PROVIDER_UNAVAILABLE',
  'OIDC_SIGN_IN_FAILED',
  'OIDC_UNKNOWN_ACCOUNT',
  'OIDC_ACCOUNT_INACTIVE',
] as const;
export type OidcErrorCode = (typeof OIDC_ERROR_CODES)[number] | 'OTHER';

/** A sign-in error code from the address: a known one, `OTHER` for any other well-formed code. */
export function signInErrorOf(value: unknown): OidcErrorCode | undefined {
  if (typeof value !== 'string' || !/^[A-Z][A-Z0-9_]{2,63}$/.test(value)) return undefined;
  return (OIDC_ERROR_CODES as readonly string[]).includes(value) ? (value as OidcErrorCode) : 'OTHER';
}

/** The staff sign-in page's search: `?returnTo=/path&signin_error=CODE`. */
export function validateStaffSignInSearch(search: Record<string, unknown>): {
  returnTo?: string;
  signin_error?: OidcErrorCode;
} {
  const error = signInErrorOf(search.signin_error);
  return { ...validateReturnToSearch(search), ...(error ? { signin_error: error } : {}) };
}
