import { createRoute } from '@tanstack/react-router';
import { staffAreaRoute } from '../../app/areas';
import { isCartableFilter, type CartableFilter } from '../requests';
import { StaffHomePage } from './routes/StaffHomePage';
import { StaffRequestPage } from './routes/StaffRequestPage';

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

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const staffRoutes = { staffArea: [cartableRoute, staffRequestRoute] } as const;
