import type { AppModule } from '../../platform/module';
import { officesErrors } from './offices.errors';
import { officesRoutes } from './offices.routes';

/** The directory of counter and post offices and the desk services delegated to each (issue 11 item 9). */
export const officesModule: AppModule = { name: 'offices', errors: [officesErrors], register: officesRoutes };
