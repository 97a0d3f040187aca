import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { staffAreaRoute } from '../../app/areas';

const architectureRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'catalogue/architecture',
  component: lazyRouteComponent(() => import('./routes/ArchitecturePage'), 'ArchitecturePage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const serviceArchitectureRoutes = { staffArea: [architectureRoute] } as const;
