import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { staffAreaRoute } from '../../app/areas';

const licencesRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'catalogue/licences',
  component: lazyRouteComponent(() => import('./routes/LicencesPage'), 'LicencesPage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const licenceRoutes = { staffArea: [licencesRoute] } as const;
