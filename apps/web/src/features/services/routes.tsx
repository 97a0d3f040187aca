import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { citizenAreaRoute, rootRoute } from '../../app/areas';
import { ServicePage } from './routes/ServicePage';

const serviceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/services/$serviceId',
  component: ServicePage,
});
const applyRoute = createRoute({
  getParentRoute: () => citizenAreaRoute,
  path: 'services/$serviceId/apply',
  component: lazyRouteComponent(() => import('./routes/ApplyPage'), 'ApplyPage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const serviceRoutes = { root: [serviceRoute], citizenArea: [applyRoute] } as const;
