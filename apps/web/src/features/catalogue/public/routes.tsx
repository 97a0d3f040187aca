import { createRoute } from '@tanstack/react-router';
import { rootRoute, serverPage } from '../../../app/areas';
import { validateCatalogueSearch } from './api';
import { AgencyServicesPage } from './routes/AgencyServicesPage';
import { CatalogueSearchPage } from './routes/CatalogueSearchPage';
import { ServicePackagePage } from './routes/ServicePackagePage';

/** `/catalogue?q=&agencyId=&province=&lifeEvent=&category=&recipients=&maturity=`: search and filters in the URL. */
export const catalogueSearchRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/catalogue',
  validateSearch: validateCatalogueSearch,
  component: CatalogueSearchPage,
  ...serverPage(),
});

/** `/catalogue/$serviceId`: a service's printable information package. */
const servicePackageRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/catalogue/$serviceId',
  component: ServicePackagePage,
  ...serverPage(),
});

/** `/catalogue/agencies/$agencyId`: an agency's electronic and not-yet-electronic services. */
const agencyServicesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/catalogue/agencies/$agencyId',
  component: AgencyServicesPage,
  ...serverPage(),
});

/** The pages of this part of the catalogue, put in the route tree by `../routes.tsx`. */
export const cataloguePublicRoutes = [catalogueSearchRoute, servicePackageRoute, agencyServicesRoute] as const;
