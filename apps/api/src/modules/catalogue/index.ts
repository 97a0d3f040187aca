import type { AppModule } from '../../platform/module';
import { defineCatalogueJobs } from './catalogue.jobs';
import { escalateOverdueParentReviews } from './catalogue-escalation.service';
import { syncStaleEntries } from './catalogue-entries.service';
import { catalogueRoutes } from './catalogue.routes';
import { cataloguePublicRoutes } from './catalogue-public.routes';
import { importRoutes } from './import.routes';
import { cpsvApRoutes } from './cpsv-ap.routes';
import { catalogueErrorTables, catalogueFieldTables } from './catalogue.errors';
import { countsRoutes } from './counts.routes';
import { catalogueAreas } from './counts.service';

export { isValidServiceId, serviceIdFromNumber } from './service-id.model';
export { cardFieldMessage } from './catalogue.errors';
export { syncCatalogueEntries } from './catalogue-public.service';
export { approvedServiceFacts, cardsOfServiceIds } from './desk-facts.service';
/** For the signed answer: the legal bases a service's approved card cites. */
export { legalBasesOfService } from './legal-basis.service';
/** For the desk's submission and apply page: the documents a service's approved card asks the applicant for. */
export { documentsOfService } from './card-documents.service';
export type { ApprovedServiceFacts, CatalogueServiceCard } from './desk-facts.service';
/* For the service architecture, the licence register and the delivery reports: cards by id, service id, category or period. */
export {
  approvedCardOfService,
  approvedClassifications,
  approvedTitles,
  cardBriefs,
  cardsClassifiedUnder,
  cardsInForceDuring,
  moveEntriesToDomain,
} from './card-facts.repository';
export type { ApprovedCardBrief, CardBrief, CardInForce } from './card-facts.repository';
/** For bench/catalogue-search.ts, which times the search statement itself against the endpoint. */
export { searchKeyOf, searchQuery } from './catalogue-public.repository';

/**
 * The service catalogue (سامانه مدیریت خدمات دولت): service identity cards (شناسنامه خدمت) as
 * versioned documents reviewed by the parent agency and centrally, approved with a never-reused
 * 11-digit service id; card import, the public catalogue and its CPSV-AP export. The laws register,
 * the service architecture, the licence register and the delivery reports are modules of their own.
 */
export const catalogueModule: AppModule = {
  name: 'catalogue',
  errors: catalogueErrorTables,
  fields: catalogueFieldTables,
  register: async (app, ctx) => {
    await catalogueRoutes(app, ctx);
    await cataloguePublicRoutes(app, ctx);
    await importRoutes(app, ctx);
    await cpsvApRoutes(app, ctx);
    await countsRoutes(app, ctx);
  },
  defineJobs: (ctx) => defineCatalogueJobs(ctx, { escalate: escalateOverdueParentReviews, syncEntries: syncStaleEntries }),
  areas: catalogueAreas,
};
/** The CSV reader of the card import, for other modules' CSV imports (the holiday calendar's). */
export { columnLetter, CsvSyntaxError, decodeUtf8, parseCsv } from './import.parse';
