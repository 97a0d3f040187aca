import type { AppModule } from '..';
import { defineCatalogueJobs } from './catalogue.jobs';
import { catalogueRoutes } from './catalogue.routes';
import { registerCatalogueErrors } from './catalogue.errors';

export { isValidServiceId, serviceIdFromNumber } from './service-id';

registerCatalogueErrors();

/**
 * The service catalogue (سامانه مدیریت خدمات دولت): the laws register, agency missions, and
 * service identity cards (شناسنامه خدمت) as versioned documents reviewed by the parent agency
 * and centrally, approved with a never-reused 11-digit service id.
 */
export const catalogueModule: AppModule = {
  name: 'catalogue',
  register: async (app, ctx) => (
    await catalogueRoutes(app, ctx),
    (await import('./catalogue-public.routes')).cataloguePublicRoutes(app, ctx)
  ),
  defineJobs: defineCatalogueJobs,
};
