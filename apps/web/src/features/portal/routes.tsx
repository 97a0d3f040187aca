import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute, serverPage } from '../../app/areas';

// Rendered on the server only (ADR 0018): the single-page app's first load does not carry it.
const PortalHomePage = lazyRouteComponent(() => import('./routes/PortalHomePage'), 'PortalHomePage');

const portalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: PortalHomePage,
  ...serverPage(),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const portalRoutes = { root: [portalRoute] } as const;
