import type { AppModule } from '../../platform/module';
import { lawFields, lawsErrors } from './laws.errors';
import { lawsRoutes } from './laws.routes';

/*
 * What other modules may use: whether cited law articles exist (service cards, licences, and soon
 * correspondence cite them), and the registered laws by id (titles and articles).
 */
export { lawRefProblems, lawsByIds } from './laws.service';
export type { LawBrief, LawRow } from './laws.repository';
export { lawBriefs } from './laws.service';

/** A law-reference field code's text (then the platform's), for modules whose records cite laws. */
export const lawFieldMessage = lawFields.message;

/** The laws register (قوانین و مقررات) and the agencies' missions, each citing law articles. */
export const lawsModule: AppModule = { name: 'laws', errors: [lawsErrors], fields: [lawFields.table], register: lawsRoutes };
