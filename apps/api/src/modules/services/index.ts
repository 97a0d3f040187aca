import type { AppModule } from '../../platform/module';
import { servicesErrors } from './services.errors';
import { servicesRoutes } from './services.routes';

export { ServicesError } from './services.errors';
export {
  assertOpenForRequests,
  createService,
  findPublishedService,
  seedCatalogueLink,
  servicesByIds,
  servicesOfAgencies,
  toPublicService,
} from './services.service';
export type { NewService, Recipients, ServiceRecord, ServiceRow } from './services.service';

/** The service catalogue: what each agency offers at the desk, with its form and norm. */
export const servicesModule: AppModule = {
  name: 'services',
  errors: [servicesErrors],
  register: servicesRoutes,
};
