import type { AppModule } from '../../platform/module';
import { reportsErrors } from './reports.errors';
import { reportsRoutes } from './reports.routes';
import { reportAgencies } from './reports.service';

/* What other modules may use: the desk checks the catalogue service id it links a service to. */
export { assertLinkableService, describeServiceIds } from './reports.service';
export type { CatalogueServiceInfo } from './reports.service';

/**
 * Delivery reports: each province's yearly report of services delivered, reviewed centrally, and
 * the discrepancy report (delivered without an id, approved never delivered, expired but delivered).
 */
export const deliveryReportsModule: AppModule = {
  errors: [reportsErrors],
  name: 'delivery-reports',
  register: reportsRoutes,
  areas: (_ctx, actor) => ({ reports: reportAgencies(actor) !== undefined }),
};
