import type { AppModule } from '../../platform/module';
import { architectureErrors } from './architecture.errors';
import { architectureRoutes } from './architecture.routes';
import { mayReadArchitecture } from './architecture.service';

/* What other modules may use: the catalogue checks a card's classification and names its terms. */
export { architectureConcepts, architectureTitles, categoryCodes, categoryDomains, classificationExists, layerCodes } from './architecture.service';
export type { CodeRef } from './architecture.repository';
export type { ArchitectureConcept } from './architecture.service';

/**
 * The service architecture: macro domains, layers and categories of government services; the
 * duplicate/removable/merge marks on approved services; the gaps per domain.
 */
export const serviceArchitectureModule: AppModule = {
  errors: [architectureErrors],
  name: 'service-architecture',
  register: architectureRoutes,
  areas: (_ctx, actor) => ({ architecture: mayReadArchitecture(actor) }),
};
