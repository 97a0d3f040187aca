import { SessionInfo as SessionInfoSchema } from '@dargah/contracts';
import { queryOptions } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from '../../lib/api';
import type { CitizenProfile, CitizenProfileUpdate, OtpChallenge, SessionInfo } from '../../lib/contracts';
import { i18n } from '../../lib/i18n';

export type { SessionInfo };

export const sessionQueryKey = ['identity', 'session'] as const;

function parseSession(body: unknown): SessionInfo {
  const parsed = SessionInfoSchema.safeParse(body);
  if (!parsed.success) throw new ApiError(200, 'BAD_RESPONSE', i18n.t('errors.badResponse'));
  // The CSRF token of the latest SessionInfo is the one every write must carry.
  setCsrfToken(parsed.data.csrfToken);
  return parsed.data;
}

/**
 * `GET /auth/session`: the signed-in person, or `null` when nobody is: 204 for a visitor (no error in
 * the console), 401 when the session this browser had has ended.
 */
export async function fetchSession(signal?: AbortSignal): Promise<SessionInfo | null> {
  try {
    const body = await api.get<unknown>('/auth/session', { signal });
    if (body === undefined) {
      setCsrfToken(null);
      return null;
    }
    return parseSession(body);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const sessionQuery = queryOptions({
  queryKey: sessionQueryKey,
  queryFn: ({ signal }) => fetchSession(signal),
  staleTime: 5 * 60_000,
});

// Citizen sign-in by one-time code -------------------------------------------------------------

export const requestOtp = (body: { nationalCode: string; mobile: string }) =>
  api.post<OtpChallenge>('/auth/citizen/otp', body);

export const verifyOtp = async (body: { challengeId: string; code: string }) =>
  parseSession(await api.post<unknown>('/auth/citizen/verify', body));

// Staff sign-in ----------------------------------------------------------------------------------

export const staffLogin = async (body: { username: string; password: string }) =>
  parseSession(await api.post<unknown>('/auth/staff/login', body));

/** `GET /auth/oidc/config`: whether staff may sign in with their organisation account. */
export const oidcConfigQuery = queryOptions({
  queryKey: ['identity', 'oidc-config'],
  queryFn: async ({ signal }) => {
    try {
      const body = await api.get<{ enabled?: unknown }>('/auth/oidc/config', { signal });
      return { enabled: body.enabled === true };
    } catch {
      // Not offered by this server (or unreachable): no button, nothing to report.
      return { enabled: false };
    }
  },
  staleTime: 10 * 60_000,
  retry: false,
});

/** Where the organisation sign-in starts; the server sends the browser back to `returnTo`. */
export const oidcStartUrl = (returnTo: string) =>
  `/api/v1/auth/oidc/start?${new URLSearchParams({ returnTo }).toString()}`;

// Session management -----------------------------------------------------------------------------

export const signOut = (everywhere: boolean) => api.post<{ signedOut: number }>('/auth/sign-out', { everywhere });

export const actFor = async (id: string | null) => parseSession(await api.post<unknown>('/auth/act-for', { id }));

// Citizen profile --------------------------------------------------------------------------------

export const profileQuery = queryOptions({
  queryKey: ['identity', 'profile'],
  queryFn: ({ signal }) => api.get<CitizenProfile>('/me/profile', { signal }),
});

export const updateProfile = (body: CitizenProfileUpdate) => api.patch<CitizenProfile>('/me/profile', body);

// Developer outbox -------------------------------------------------------------------------------

/**
 * Whether this server has the developer SMS outbox (`/dev/outbox`, never in production). Asked for
 * JSON: a production server answers the address with the web app's HTML page, which is not JSON.
 */
export const devOutboxQuery = queryOptions({
  queryKey: ['identity', 'dev-outbox'],
  queryFn: async ({ signal }) => {
    try {
      const body = await api.requestJson<unknown>('/dev/outbox', { signal });
      return typeof body === 'object' && body !== null && Array.isArray((body as { items?: unknown }).items);
    } catch {
      return false;
    }
  },
  staleTime: Infinity,
  retry: false,
});
