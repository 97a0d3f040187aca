import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { staffAreaRoute } from '../../../app/areas';

const importRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'catalogue/import',
  component: lazyRouteComponent(() => import('./routes/ImportPage'), 'ImportPage'),
});

/** The pages of this part of the catalogue, put in the route tree by `../routes.tsx`. */
export const catalogueImportRoutes = [importRoute] as const;
