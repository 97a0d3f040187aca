import type { AppModule } from '../../platform/module';
import { licenceErrors, licenceFields } from './licences.errors';
import { licencesRoutes } from './licences.routes';

/* What other modules may use: the catalogue's exports name each approved service's active licence. */
export { activeLicencesByService } from './licences.service';

/** The licence register: one licence per approved service id, its legal basis, cost and prerequisites. */
export const licencesModule: AppModule = {
  name: 'licences',
  errors: [licenceErrors],
  fields: [licenceFields.table],
  register: licencesRoutes,
};
