import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { staffAreaRoute } from '../../app/areas';

const deskReportsRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'desk-reports',
  component: lazyRouteComponent(() => import('./routes/DeskReportsPage'), 'DeskReportsPage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const deskReportRoutes = { staffArea: [deskReportsRoute] } as const;
