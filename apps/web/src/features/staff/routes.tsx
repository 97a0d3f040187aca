import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { staffAreaRoute } from '../../app/areas';
import { isCartableFilter, type CartableFilter } from '../requests';

const cartableRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: '/',
  validateSearch: (search: Record<string, unknown>): { status?: CartableFilter } =>
    isCartableFilter(search.status) ? { status: search.status } : {},
  component: lazyRouteComponent(() => import('./routes/StaffHomePage'), 'StaffHomePage'),
});
const staffRequestRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'requests/$requestId',
  component: lazyRouteComponent(() => import('./routes/StaffRequestPage'), 'StaffRequestPage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const staffRoutes = { staffArea: [cartableRoute, staffRequestRoute] } as const;
