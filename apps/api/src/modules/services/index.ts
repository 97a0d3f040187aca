import type { AppModule } from '..';
import { servicesRoutes } from './services.routes';
import { registerServicesErrors } from './services.errors';

export {
  assertOpenForRequests,
  createService,
  findPublishedService,
  seedCatalogueLink,
  servicesOfAgencies,
  toPublicService,
} from './services.service';
export type { NewService, Recipients, ServiceRow } from './services.service';

registerServicesErrors();

/** The service catalogue: what each agency offers at the desk, with its form and norm. */
export const servicesModule: AppModule = {
  name: 'services',
  register: servicesRoutes,
};
