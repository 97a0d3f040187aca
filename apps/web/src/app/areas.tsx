import type { QueryClient } from '@tanstack/react-query';
import { Outlet, createRootRouteWithContext, createRoute, redirect, type ParsedLocation } from '@tanstack/react-router';
import { SessionGate, sessionQuery } from '../features/identity';
import { AdminAreaLayout } from '../features/organisation';
import { addStrings } from '../lib/i18n';
import { safeReturnTo, signInErrorOf } from '../lib/returnTo';
import type { ServerAction, ServerRedirect } from '../lib/staticPage';
import { NotFoundPage } from './NotFoundPage';
import { RouteErrorPage } from './RouteErrorPage';
import { RootLayout } from './layout/RootLayout';

/** What every route's loader can use (e.g. `context.queryClient.ensureQueryData(...)`). */
export interface RouterContext {
  queryClient: QueryClient;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
});

/**
 * Guard of a signed-in area: without a session of the right kind, go to that kind's sign-in page,
 * which comes back here (`?returnTo=`) afterwards. The session is asked once and cached; sign-in,
 * sign-out and any 401 update the cache.
 */
export function requireSession(kind: 'citizen' | 'staff') {
  return async ({ context, location }: { context: RouterContext; location: ParsedLocation }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (session?.kind === kind) return;
    // A failed organisation sign-in comes back as `/staff?signin_error=CODE&returnTo=…`: show it there.
    const search = location.search as Record<string, unknown>;
    const signInError = kind === 'staff' ? signInErrorOf(search.signin_error) : undefined;
    if (signInError) {
      const returnTo = safeReturnTo(search.returnTo);
      redirect({
        to: '/staff/sign-in',
        search: { signin_error: signInError, ...(returnTo ? { returnTo } : {}) },
        replace: true,
        throw: true,
      });
    }
    redirect({
      to: kind === 'citizen' ? '/me/sign-in' : '/staff/sign-in',
      search: { returnTo: location.href },
      replace: true,
      throw: true,
    });
  };
}

/** The address the server answered with the single-page app: a server-rendered page never loads it. */
const documentPath = typeof window === 'undefined' ? undefined : window.location.pathname;

/**
 * A page the server renders (ADR 0018): the home page, the catalogue's public pages and the citizen
 * sign-in are complete HTML documents from the server that work without JavaScript. The server
 * renders them with these very routes and components; the single-page app never does: a navigation
 * to one of them from a signed-in page (a link, the guard's redirect to sign in) becomes a full page
 * load. Spread into the route's options; `action` answers the page's form posts on the server,
 * `redirect` may send a GET elsewhere before the page renders (a signed-in citizen at the sign-in).
 */
export function serverPage(server: { action?: ServerAction; redirect?: ServerRedirect } = {}) {
  return {
    staticData: {
      serverRendered: true as const,
      ...(server.action ? { action: server.action } : {}),
      ...(server.redirect ? { redirect: server.redirect } : {}),
    },
    beforeLoad: ({ location, preload }: { location: ParsedLocation; preload: boolean }) => {
      if (typeof window === 'undefined' || preload) return;
      // The server answered this very address with the single-page app: it does not render it (no
      // build of the server entry), so render here rather than load it again forever. (Not the
      // window's address now: the router has already put the new one there, e.g. on a guard's redirect.)
      if (documentPath === location.pathname) return;
      window.location.assign(location.href);
      // Nothing to render meanwhile: the browser is leaving for the server's page.
      return new Promise<void>(() => undefined);
    },
  };
}

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    /** The server renders this page (`serverPage()`). */
    serverRendered?: true;
    /** Answers the form posts of a server-rendered page. */
    action?: ServerAction;
    /** Sends a GET of a server-rendered page elsewhere (303) before it renders. */
    redirect?: ServerRedirect;
  }
}

let workspaceStrings: Promise<void> | undefined;

/**
 * The staff workspace's and the administration's strings, in their own chunk: loaded once, before
 * the first page of those areas (and on hovering a link to one), never by visitors of the public
 * pages. A failed load (network) is tried again on the next navigation.
 */
export function loadWorkspaceStrings(): Promise<void> {
  workspaceStrings ??= import('./messages.workspace').then(
    ({ workspaceFa, workspaceEn }) => addStrings({ fa: workspaceFa, en: workspaceEn }),
    (error: unknown) => {
      workspaceStrings = undefined;
      throw error;
    },
  );
  return workspaceStrings;
}

/*
 * The areas. A feature adds its routes as children of its area in its own `routes.tsx`, e.g.
 * `createRoute({ getParentRoute: () => staffAreaRoute, path: 'catalogue', ... })`, and
 * `router.tsx` puts them in the tree. Each signed-in area is `/x` (its sign-in page) + a pathless,
 * guarded layout holding the pages.
 */
export const citizenRoute = createRoute({ getParentRoute: () => rootRoute, path: '/me', component: Outlet });
export const citizenAreaRoute = createRoute({
  getParentRoute: () => citizenRoute,
  id: 'citizen-area',
  beforeLoad: requireSession('citizen'),
  component: () => <SessionGate kind="citizen" />,
});
export const staffRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/staff',
  beforeLoad: loadWorkspaceStrings,
  component: Outlet,
});
export const staffAreaRoute = createRoute({
  getParentRoute: () => staffRoute,
  id: 'staff-area',
  beforeLoad: requireSession('staff'),
  component: () => <SessionGate kind="staff" />,
});
export const adminRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin',
  beforeLoad: async (match) => {
    const strings = loadWorkspaceStrings();
    await requireSession('staff')(match);
    await strings;
  },
  component: () => <SessionGate kind="staff" />,
});
export const adminAreaRoute = createRoute({
  getParentRoute: () => adminRoute,
  id: 'admin-area',
  component: AdminAreaLayout,
});
