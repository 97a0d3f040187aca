import type { QueryClient } from '@tanstack/react-query';
import {
  Outlet,
  createRootRouteWithContext,
  createRoute,
  createRouter,
  redirect,
  type ParsedLocation,
} from '@tanstack/react-router';
import { AdminArea } from '../features/admin/components/AdminArea';
import { AdminHomePage } from '../features/admin/routes/AdminHomePage';
import { AgencyPage } from '../features/admin/routes/AgencyPage';
import { CitizenHomePage } from '../features/citizen/routes/CitizenHomePage';
import { sessionQuery } from '../features/identity/api';
import { SessionGate } from '../features/identity/components/SessionGate';
import { CitizenSignInPage } from '../features/identity/routes/CitizenSignInPage';
import { StaffSignInPage } from '../features/identity/routes/StaffSignInPage';
import { PortalHomePage } from '../features/portal/routes/PortalHomePage';
import { isCartableFilter, type CartableFilter } from '../features/requests/api';
import { ReceiptPage } from '../features/requests/routes/ReceiptPage';
import { ApplyPage } from '../features/services/routes/ApplyPage';
import { ServicePage } from '../features/services/routes/ServicePage';
import { StaffRequestPage } from '../features/staff/routes/StaffRequestPage';
import { StaffWorkspacePage } from '../features/staff/routes/StaffWorkspacePage';
import { safeReturnTo, signInErrorOf, validateReturnToSearch, validateStaffSignInSearch } from '../lib/returnTo';
import { RouteErrorPage } from './RouteErrorPage';
import { RootLayout } from './layout/RootLayout';
import { NotFoundPage } from './NotFoundPage';

/** What every route's loader can use (e.g. `context.queryClient.ensureQueryData(...)`). */
export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
});

/**
 * Guard of a signed-in area: without a session of the right kind, go to that kind's sign-in page,
 * which comes back here (`?returnTo=`) afterwards. The session is asked once and cached; sign-in,
 * sign-out and any 401 update the cache.
 */
function requireSession(kind: 'citizen' | 'staff') {
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

/*
 * The areas. A feature adds its routes as children of its area, e.g.
 * `createRoute({ getParentRoute: () => staffAreaRoute, path: 'requests/$requestId', ... })`.
 * Each signed-in area is `/x` (its sign-in page) + a pathless, guarded layout holding the pages.
 */

// Public portal ---------------------------------------------------------------------------------
export const portalRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: PortalHomePage });
const serviceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/services/$serviceId',
  component: ServicePage,
});

// Citizen area ----------------------------------------------------------------------------------
export const citizenRoute = createRoute({ getParentRoute: () => rootRoute, path: '/me', component: Outlet });
const citizenSignInRoute = createRoute({
  getParentRoute: () => citizenRoute,
  path: 'sign-in',
  validateSearch: validateReturnToSearch,
  component: CitizenSignInPage,
});
const citizenAreaRoute = createRoute({
  getParentRoute: () => citizenRoute,
  id: 'citizen-area',
  beforeLoad: requireSession('citizen'),
  component: () => <SessionGate kind="citizen" />,
});
const citizenHomeRoute = createRoute({ getParentRoute: () => citizenAreaRoute, path: '/', component: CitizenHomePage });
const applyRoute = createRoute({
  getParentRoute: () => citizenAreaRoute,
  path: 'services/$serviceId/apply',
  component: ApplyPage,
});
const receiptRoute = createRoute({
  getParentRoute: () => citizenAreaRoute,
  path: 'requests/$requestId',
  validateSearch: (search: Record<string, unknown>): { submitted?: boolean } =>
    search.submitted === true || search.submitted === 'true' ? { submitted: true } : {},
  component: ReceiptPage,
});

// Staff workspace -------------------------------------------------------------------------------
export const staffRoute = createRoute({ getParentRoute: () => rootRoute, path: '/staff', component: Outlet });
const staffSignInRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'sign-in',
  validateSearch: validateStaffSignInSearch,
  component: StaffSignInPage,
});
const staffAreaRoute = createRoute({
  getParentRoute: () => staffRoute,
  id: 'staff-area',
  beforeLoad: requireSession('staff'),
  component: () => <SessionGate kind="staff" />,
});
const cartableRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: '/',
  validateSearch: (search: Record<string, unknown>): { status?: CartableFilter } =>
    isCartableFilter(search.status) ? { status: search.status } : {},
  component: StaffWorkspacePage,
});
const staffRequestRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'requests/$requestId',
  component: StaffRequestPage,
});

// Administration (staff with an administrator role) ---------------------------------------------
export const adminRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin',
  beforeLoad: requireSession('staff'),
  component: () => <SessionGate kind="staff" />,
});
const adminAreaRoute = createRoute({ getParentRoute: () => adminRoute, id: 'admin-area', component: AdminArea });
const adminHomeRoute = createRoute({ getParentRoute: () => adminAreaRoute, path: '/', component: AdminHomePage });
const agencyRoute = createRoute({
  getParentRoute: () => adminAreaRoute,
  path: 'agencies/$agencyId',
  component: AgencyPage,
});

export const routeTree = rootRoute.addChildren([
  portalRoute,
  serviceRoute,
  citizenRoute.addChildren([
    citizenSignInRoute,
    citizenAreaRoute.addChildren([citizenHomeRoute, applyRoute, receiptRoute]),
  ]),
  staffRoute.addChildren([staffSignInRoute, staffAreaRoute.addChildren([cartableRoute, staffRequestRoute])]),
  adminRoute.addChildren([adminAreaRoute.addChildren([adminHomeRoute, agencyRoute])]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // Data is cached by TanStack Query: let the router run guards and loaders every time.
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
    defaultNotFoundComponent: NotFoundPage,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
