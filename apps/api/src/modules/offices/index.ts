import type { AppModule } from '../../platform/module';
import { officesErrors } from './offices.errors';
import { officesRoutes } from './offices.routes';

/** For the channels module: a counter operator's office and what was delegated to it, offices' names. */
export { isDelegatedTo, officeNames, operatorOffice } from './offices.service';
export { OfficesError } from './offices.errors';

/** The directory of counter and post offices and the desk services delegated to each (issue 11 item 9). */
export const officesModule: AppModule = { name: 'offices', errors: [officesErrors], register: officesRoutes };
