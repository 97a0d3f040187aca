import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/areas';
import { CatalogueSearchPage } from './routes/CatalogueSearchPage';

const catalogueSearchRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/catalogue',
  component: CatalogueSearchPage,
});

/** The pages of this feature, put in the route tree by `app/router.tsx`. */
export const cataloguePublicRoutes = [catalogueSearchRoute] as const;
