import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { staffAreaRoute } from '../../app/areas';

const counterRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'counter',
  component: lazyRouteComponent(() => import('./routes/CounterPage'), 'CounterPage'),
});
const walkInRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'walk-in',
  component: lazyRouteComponent(() => import('./routes/WalkInPage'), 'WalkInPage'),
});
const counterWorkRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'counter-work',
  component: lazyRouteComponent(() => import('./routes/CounterWorkPage'), 'CounterWorkPage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const channelRoutes = { staffArea: [counterRoute, walkInRoute, counterWorkRoute] } as const;
