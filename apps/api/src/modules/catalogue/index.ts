import type { AppModule } from '..';
import { defineCatalogueJobs } from './catalogue.jobs';
import { catalogueRoutes } from './catalogue.routes';
import { cataloguePublicRoutes } from './catalogue-public.routes';
import { architectureRoutes } from './architecture.routes';
import { licencesRoutes } from './licences.routes';
import { importRoutes } from './import.routes';
import { reportsRoutes } from './reports.routes';
import { cpsvApRoutes } from './cpsv-ap.routes';
import { registerCatalogueErrors } from './catalogue.errors';
import { countsRoutes } from './counts.routes';
import { catalogueAreas } from './counts.service';

export { isValidServiceId, serviceIdFromNumber } from './service-id.model';
export { assertLinkableService, describeServiceIds } from './reports.service';
export type { CatalogueServiceInfo } from './reports.service';
export { approvedServiceFacts } from './desk-facts.service';
export type { ApprovedServiceFacts } from './desk-facts.service';

registerCatalogueErrors();

/**
 * The service catalogue (سامانه مدیریت خدمات دولت): the laws register, agency missions, service
 * identity cards (شناسنامه خدمت) as versioned documents reviewed by the parent agency and centrally,
 * approved with a never-reused 11-digit service id; the service architecture, the licence register,
 * card import, the public catalogue and the discrepancy reports.
 */
export const catalogueModule: AppModule = {
  name: 'catalogue',
  register: async (app, ctx) => {
    await catalogueRoutes(app, ctx);
    await cataloguePublicRoutes(app, ctx);
    await architectureRoutes(app, ctx);
    await licencesRoutes(app, ctx);
    await importRoutes(app, ctx);
    await reportsRoutes(app, ctx);
    await cpsvApRoutes(app, ctx);
    await countsRoutes(app, ctx);
  },
  defineJobs: defineCatalogueJobs,
  areas: catalogueAreas,
};
