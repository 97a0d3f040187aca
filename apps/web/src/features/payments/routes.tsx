import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { citizenAreaRoute } from '../../app/areas';

const myPaymentsRoute = createRoute({
  getParentRoute: () => citizenAreaRoute,
  path: 'payments',
  component: lazyRouteComponent(() => import('./routes/MyPaymentsPage'), 'MyPaymentsPage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const paymentRoutes = { citizenArea: [myPaymentsRoute] } as const;
