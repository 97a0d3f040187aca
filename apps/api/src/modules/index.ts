import type { AppModule } from '../platform/module';
import { auditModule } from './audit';
import { catalogueModule } from './catalogue';
import { identityModule } from './identity';
import { notificationsModule } from './notifications';
import { operationsModule } from './operations';
import { requestsModule } from './requests';
import { servicesModule } from './services';

/** The composition root: every module of the app, in registration order (contract: platform/module.ts). */
export const modules: readonly AppModule[] = [identityModule, operationsModule, servicesModule, requestsModule, catalogueModule, auditModule, notificationsModule];
