import type { AppModule } from '..';
import { registerLawsErrors } from './laws.errors';
import { lawsRoutes } from './laws.routes';

/*
 * What other modules may use: whether cited law articles exist (service cards, licences, and soon
 * correspondence cite them), and the registered laws by id (titles and articles).
 */
export { lawRefProblems, lawsByIds } from './laws.service';
export type { LawRow } from './laws.repository';

registerLawsErrors();

/** The laws register (قوانین و مقررات) and the agencies' missions, each citing law articles. */
export const lawsModule: AppModule = { name: 'laws', register: lawsRoutes };
