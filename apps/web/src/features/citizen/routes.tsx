import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { citizenAreaRoute } from '../../app/areas';

const citizenHomeRoute = createRoute({
  getParentRoute: () => citizenAreaRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./routes/CitizenHomePage'), 'CitizenHomePage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const citizenRoutes = { citizenArea: [citizenHomeRoute] } as const;
