import { normalizeResetCode } from '@dargah/contracts';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { adminAreaRoute, staffRoute } from '../../app/areas';

/** `?code=` from the link in the text message: kept only when it has a code's shape. */
function validateResetSearch(search: Record<string, unknown>): { code?: string } {
  const code = typeof search.code === 'string' ? normalizeResetCode(search.code) : '';
  return /^[0-9A-Z]{16}$/.test(code) ? { code } : {};
}

/** The administration area's layout (`app/areas.tsx`), loaded with the area's pages, not by visitors of the public ones. */
export const AdminAreaLayout = lazyRouteComponent(() => import('./components/AdminArea'), 'AdminArea');

const staffResetPasswordRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'reset-password',
  validateSearch: validateResetSearch,
  component: lazyRouteComponent(() => import('./routes/StaffResetPasswordPage'), 'StaffResetPasswordPage'),
});
const adminHomeRoute = createRoute({
  getParentRoute: () => adminAreaRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./routes/AdminHomePage'), 'AdminHomePage'),
});
const agencyRoute = createRoute({
  getParentRoute: () => adminAreaRoute,
  path: 'agencies/$agencyId',
  component: lazyRouteComponent(() => import('./routes/AgencyPage'), 'AgencyPage'),
});
const staffMemberRoute = createRoute({
  getParentRoute: () => adminAreaRoute,
  path: 'agencies/$agencyId/staff/$staffId',
  component: lazyRouteComponent(() => import('./routes/StaffPage'), 'StaffPage'),
});

const serviceVersionsRoute = createRoute({
  getParentRoute: () => adminAreaRoute,
  path: 'agencies/$agencyId/services/$serviceId/versions',
  component: lazyRouteComponent(() => import('./routes/ServiceVersionsPage'), 'ServiceVersionsPage'),
});

const formBuilderRoute = createRoute({
  getParentRoute: () => adminAreaRoute,
  path: 'agencies/$agencyId/services/$serviceId/versions/$no/form',
  component: lazyRouteComponent(() => import('./routes/FormBuilderPage'), 'FormBuilderPage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const organisationRoutes = {
  staff: [staffResetPasswordRoute],
  adminArea: [adminHomeRoute, agencyRoute, staffMemberRoute, serviceVersionsRoute, formBuilderRoute],
} as const;
