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
  // Back from the payment gateway: the payment it sent the browser back with (ADR 0037).
  validateSearch: (s: Record<string, unknown>): { payment?: string } =>
    typeof s.payment === 'string' && /^[0-9a-f-]{36}$/i.test(s.payment) ? { payment: s.payment } : {},
  component: lazyRouteComponent(() => import('./routes/ApplyPage'), 'ApplyPage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const serviceRoutes = { root: [serviceRoute], citizenArea: [applyRoute] } as const;
