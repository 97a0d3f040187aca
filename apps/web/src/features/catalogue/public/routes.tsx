import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute, serverPage } from '../../../app/areas';
import { validateCatalogueSearch } from './api';

// Rendered on the server only (ADR 0018): the single-page app's first load does not carry them.
const AgencyServicesPage = lazyRouteComponent(() => import('./routes/AgencyServicesPage'), 'AgencyServicesPage');
const CatalogueSearchPage = lazyRouteComponent(() => import('./routes/CatalogueSearchPage'), 'CatalogueSearchPage');
const ServicePackagePage = lazyRouteComponent(() => import('./routes/ServicePackagePage'), 'ServicePackagePage');

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
