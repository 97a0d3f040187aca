import type { AppModule } from '../platform/module';
import { auditModule } from './audit';
import { calendarModule } from './calendar';
import { catalogueModule } from './catalogue';
import { channelsModule } from './channels';
import { deliveryReportsModule } from './delivery-reports';
import { documentsModule } from './documents';
import { feedbackModule } from './feedback';
import { identityModule } from './identity';
import { lawsModule } from './laws';
import { licencesModule } from './licences';
import { notificationsModule } from './notifications';
import { officesModule } from './offices';
import { operationsModule } from './operations';
import { organisationModule } from './organisation';
import { paymentsModule } from './payments';
import { requestsModule } from './requests';
import { scorecardModule } from './scorecard';
import { serviceArchitectureModule } from './service-architecture';
import { servicesModule } from './services';

/**
 * The composition root: every module of the app, in registration order (contract: platform/module.ts).
 * Laws come before the catalogue, as their routes did inside it. The OpenAPI document lists the same
 * operations (paths, methods, tags) as before the split; the catalogue's import, CPSV-AP and count
 * routes now come before the architecture's, the licences' and the reports'.
 */
export const modules: readonly AppModule[] = [
  identityModule,
  organisationModule,
  operationsModule,
  servicesModule,
  requestsModule,
  lawsModule,
  catalogueModule,
  serviceArchitectureModule,
  licencesModule,
  deliveryReportsModule,
  auditModule,
  notificationsModule,
  documentsModule,
  officesModule,
  calendarModule,
  feedbackModule,
  scorecardModule,
  channelsModule,
  paymentsModule,
];
