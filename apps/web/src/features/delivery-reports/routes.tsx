import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { staffAreaRoute } from '../../app/areas';

const reportsRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'catalogue/reports',
  component: lazyRouteComponent(() => import('./routes/ReportsPage'), 'ReportsPage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const deliveryReportRoutes = { staffArea: [reportsRoute] } as const;
