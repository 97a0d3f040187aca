import { useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { NO_AREAS, type Areas } from '@dargah/contracts';
import { ApiError, setCsrfToken } from '../../lib/api';
import type { RoleName, SessionInfo } from '../../lib/contracts';
import { actFor, sessionQuery, sessionQueryKey, signOut } from './api';

/** Roles that may use the administration area (the server decides each request anyway). */
export const ADMIN_ROLES: readonly RoleName[] = ['agency_admin', 'platform_admin'];

/** The signed-in person (`null`: nobody), from `GET /auth/session`, shared by every component. */
export function useSession() {
  const query = useQuery(sessionQuery);
  return { session: query.data ?? null, isPending: query.isPending, isError: query.isError, error: query.error, query };
}

const isSessionKey = (key: QueryKey) => key[0] === sessionQueryKey[0] && key[1] === sessionQueryKey[1];

/** Stores a SessionInfo (after sign-in or act-for) or `null` (signed out), with its CSRF token. */
export function storeSession(queryClient: QueryClient, session: SessionInfo | null): void {
  setCsrfToken(session?.csrfToken ?? null);
  queryClient.setQueryData(sessionQueryKey, session);
}

/** Drops every cached answer but the session: what was fetched as one person must not show as another. */
export function forgetPersonalData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => !isSessionKey(query.queryKey) && query.queryKey[0] !== 'public' });
}

export function hasRole(session: SessionInfo | null, roles: readonly RoleName[], agencyId?: string): boolean {
  return (
    session?.kind === 'staff' &&
    session.roles.some((g) => roles.includes(g.role) && (agencyId === undefined || g.agencyId === agencyId))
  );
}

export const isAdmin = (session: SessionInfo | null) => hasRole(session, ADMIN_ROLES);

/** The parts of Dargah the person may open, as the server decided them (nothing for nobody). */
export const areasOf = (session: SessionInfo | null): Areas => session?.areas ?? NO_AREAS;

/**
 * The signed-in areas to link (navigation, the portal's list): a visitor is shown both doors (each
 * asks them to sign in), a signed-in person only the areas they may open.
 */
export function linkedAreas(session: SessionInfo | null): { me: boolean; staff: boolean; admin: boolean } {
  const areas = areasOf(session);
  return { me: !session || areas.me, staff: !session || areas.staff, admin: areas.administration };
}

/**
 * Signs out (this browser, or every session of the person) and goes to the home page, or stays
 * (a sign-in page offering to switch accounts).
 */
export function useSignOut({ stay = false }: { stay?: boolean } = {}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async (everywhere: boolean) => {
      try {
        await signOut(everywhere);
      } catch (error) {
        // Already signed out on the server (expired, revoked elsewhere): the result is the same.
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
    },
    onSuccess: async () => {
      if (!stay) await navigate({ to: '/' });
      forgetPersonalData(queryClient);
      storeSession(queryClient, null);
    },
  });
}

/** Acts for a represented company or a delegating principal (`null`: as oneself again). */
export function useActFor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string | null) => actFor(id),
    onSuccess: async (session) => {
      storeSession(queryClient, session);
      // Lists, profiles and cartables differ per person acted for: fetch them again.
      await queryClient.invalidateQueries({ predicate: (query) => !isSessionKey(query.queryKey) });
    },
  });
}
