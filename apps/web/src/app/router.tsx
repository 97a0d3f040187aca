import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter } from '@tanstack/react-router';
import { AdminHomePage } from '../features/admin/routes/AdminHomePage';
import { CitizenHomePage } from '../features/citizen/routes/CitizenHomePage';
import { PortalHomePage } from '../features/portal/routes/PortalHomePage';
import { StaffWorkspacePage } from '../features/staff/routes/StaffWorkspacePage';
import { RootLayout } from './layout/RootLayout';
import { NotFoundPage } from './NotFoundPage';

/** What every route's loader can use (e.g. `context.queryClient.ensureQueryData(...)`). */
export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
});

/*
 * The four areas. A feature adds its routes as children of its area, e.g.
 * `createRoute({ getParentRoute: () => staffRoute, path: 'requests/$requestId', ... })`.
 */
export const portalRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: PortalHomePage });
export const citizenRoute = createRoute({ getParentRoute: () => rootRoute, path: '/me', component: CitizenHomePage });
export const staffRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/staff',
  component: StaffWorkspacePage,
});
export const adminRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin', component: AdminHomePage });

export const routeTree = rootRoute.addChildren([portalRoute, citizenRoute, staffRoute, adminRoute]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    scrollRestoration: true,
    defaultNotFoundComponent: NotFoundPage,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
