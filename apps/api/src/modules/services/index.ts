import type { AppModule } from '../../platform/module';
import { outputTemplateFields } from './output-template.parse';
import { servicesErrors } from './services.errors';
import { servicesRoutes } from './services.routes';
import { serviceVersionsRoutes } from './service-versions.routes';

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
/** For the desk scorecard: published desk services created before a date, with their catalogue link. */
export { publishedServicesBefore } from './services.repository';
export {
  agencyWorkflows,
  DESK_WORKFLOW_ROLES,
  versionAnswerTemplate,
  versionDelivery,
  versionForPreview,
  versionFormSchema,
  versionWorkflow,
  versionWorkflows,
} from './service-versions.service';
export type { NewService, Recipients, ServiceRecord, ServiceRow } from './services.service';

/** The service catalogue: what each agency offers at the desk, with its versions (form, workflow, answer template, fees) and norm. */
export const servicesModule: AppModule = {
  name: 'services',
  errors: [servicesErrors],
  fields: [outputTemplateFields.table],
  register: async (app, ctx) => {
    await servicesRoutes(app, ctx);
    await serviceVersionsRoutes(app, ctx);
  },
};
