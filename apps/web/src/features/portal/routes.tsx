import { createRoute } from '@tanstack/react-router';
import { rootRoute, serverPage } from '../../app/areas';
import { PortalHomePage } from './routes/PortalHomePage';

const portalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: PortalHomePage,
  ...serverPage(),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const portalRoutes = { root: [portalRoute] } as const;
