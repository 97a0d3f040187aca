import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context';
import { catalogueModule } from './catalogue';
import { identityModule } from './identity';
import { notificationsModule } from './notifications';
import { operationsModule } from './operations';
import { requestsModule } from './requests';
import { servicesModule } from './services';

/** A domain capability: registers its routes under /api/v1 and its jobs and error codes. */
export interface AppModule {
  name: string;
  register(app: FastifyInstance, ctx: AppContext): Promise<void>;
  /** Defines the module's job kinds in ctx.jobs; called for servers and workers alike. */
  defineJobs?(ctx: AppContext): void;
}

export const modules: AppModule[] = [identityModule, operationsModule, servicesModule, requestsModule, catalogueModule, notificationsModule];
