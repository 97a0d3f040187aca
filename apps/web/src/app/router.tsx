import type { QueryClient } from '@tanstack/react-query';
import { createRoute, createRouter } from '@tanstack/react-router';
import { AdminHomePage } from '../features/admin/routes/AdminHomePage';
import { AgencyPage } from '../features/admin/routes/AgencyPage';
import { StaffPage } from '../features/admin/routes/StaffPage';
import { StaffResetPasswordPage, validateResetSearch } from '../features/admin/routes/StaffResetPasswordPage';
import { auditRoutes } from '../features/audit/routes';
import { catalogueArchitectureRoutes } from '../features/catalogue-architecture/routes';
import { catalogueCardRoutes } from '../features/catalogue-cards/routes';
import { catalogueImportRoutes } from '../features/catalogue-import/routes';
import { cataloguePublicRoutes } from '../features/catalogue-public/routes';
import { catalogueReportRoutes } from '../features/catalogue-reports/routes';
import { catalogueReviewRoutes } from '../features/catalogue-review/routes';
import { CitizenHomePage } from '../features/citizen/routes/CitizenHomePage';
import { CitizenSignInPage } from '../features/identity/routes/CitizenSignInPage';
import { StaffSignInPage } from '../features/identity/routes/StaffSignInPage';
import { licenceRoutes } from '../features/licences/routes';
import { notificationRoutes } from '../features/notifications/routes';
import { PortalHomePage } from '../features/portal/routes/PortalHomePage';
import { isCartableFilter, type CartableFilter } from '../features/requests/api';
import { ReceiptPage } from '../features/requests/routes/ReceiptPage';
import { ApplyPage } from '../features/services/routes/ApplyPage';
import { ServicePage } from '../features/services/routes/ServicePage';
import { StaffRequestPage } from '../features/staff/routes/StaffRequestPage';
import { StaffHomePage } from '../features/staff/routes/StaffHomePage';
import { validateReturnToSearch, validateStaffSignInSearch } from '../lib/returnTo';
import {
  adminAreaRoute,
  adminRoute,
  citizenAreaRoute,
  citizenRoute,
  rootRoute,
  staffAreaRoute,
  staffRoute,
  type RouterContext,
} from './areas';
import { NotFoundPage } from './NotFoundPage';

export type { RouterContext };

// Public portal ---------------------------------------------------------------------------------
export const portalRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: PortalHomePage });
const serviceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/services/$serviceId',
  component: ServicePage,
});

// Citizen area ----------------------------------------------------------------------------------
const citizenSignInRoute = createRoute({
  getParentRoute: () => citizenRoute,
  path: 'sign-in',
  validateSearch: validateReturnToSearch,
  component: CitizenSignInPage,
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
const staffSignInRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'sign-in',
  validateSearch: validateStaffSignInSearch,
  component: StaffSignInPage,
});
const staffResetPasswordRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'reset-password',
  validateSearch: validateResetSearch,
  component: StaffResetPasswordPage,
});
const cartableRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: '/',
  validateSearch: (search: Record<string, unknown>): { status?: CartableFilter } =>
    isCartableFilter(search.status) ? { status: search.status } : {},
  component: StaffHomePage,
});
const staffRequestRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'requests/$requestId',
  component: StaffRequestPage,
});

// Administration (staff with an administrator role) ---------------------------------------------
const adminHomeRoute = createRoute({ getParentRoute: () => adminAreaRoute, path: '/', component: AdminHomePage });
const agencyRoute = createRoute({
  getParentRoute: () => adminAreaRoute,
  path: 'agencies/$agencyId',
  component: AgencyPage,
});
const staffMemberRoute = createRoute({
  getParentRoute: () => adminAreaRoute,
  path: 'agencies/$agencyId/staff/$staffId',
  component: StaffPage,
});

export const routeTree = rootRoute.addChildren([
  portalRoute,
  serviceRoute,
  ...cataloguePublicRoutes,
  citizenRoute.addChildren([
    citizenSignInRoute,
    citizenAreaRoute.addChildren([citizenHomeRoute, applyRoute, receiptRoute, ...notificationRoutes]),
  ]),
  staffRoute.addChildren([
    staffSignInRoute,
    staffResetPasswordRoute,
    staffAreaRoute.addChildren([
      cartableRoute,
      staffRequestRoute,
      ...catalogueCardRoutes,
      ...catalogueReviewRoutes,
      ...catalogueArchitectureRoutes,
      ...licenceRoutes,
      ...catalogueImportRoutes,
      ...catalogueReportRoutes,
      ...auditRoutes,
    ]),
  ]),
  adminRoute.addChildren([adminAreaRoute.addChildren([adminHomeRoute, agencyRoute, staffMemberRoute])]),
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
