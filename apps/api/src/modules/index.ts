import { NO_AREAS, type Areas } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../platform/actor';
import type { AppContext } from '../platform/context';
import { auditModule } from './audit';
import { catalogueModule } from './catalogue';
import { deliveryReportsModule } from './delivery-reports';
import { identityModule } from './identity';
import { lawsModule } from './laws';
import { licencesModule } from './licences';
import { notificationsModule } from './notifications';
import { operationsModule } from './operations';
import { organisationModule } from './organisation';
import { requestsModule } from './requests';
import { serviceArchitectureModule } from './service-architecture';
import { servicesModule } from './services';

/** What the app offers every module when it registers: answers that need all the modules. */
export interface ModuleHost {
  /** The areas the actor may open, each answered by the module that owns it (see `areasOf`). */
  areasOf: (actor: Actor) => Promise<Areas>;
}

/** A domain capability: registers its routes under /api/v1 and its jobs and error codes. */
export interface AppModule {
  name: string;
  register(app: FastifyInstance, ctx: AppContext, host: ModuleHost): Promise<void>;
  /** Defines the module's job kinds in ctx.jobs; called for servers and workers alike. */
  defineJobs?(ctx: AppContext): void;
  /**
   * The areas of Dargah this module owns that the actor may open, decided by the same policy
   * functions its endpoints apply (so a granted area is never refused, a denied one never offered).
   */
  areas?(ctx: AppContext, actor: Actor): Promise<Partial<Areas>> | Partial<Areas>;
}

// Laws first: their routes were the catalogue's first ones, so the OpenAPI document keeps its order.
export const modules: AppModule[] = [
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
];

/** Every module's answer for the actor, merged over "nothing open". */
export async function areasOf(ctx: AppContext, actor: Actor): Promise<Areas> {
  const parts = await Promise.all(modules.map(async (m) => (await m.areas?.(ctx, actor)) ?? {}));
  return Object.assign({ ...NO_AREAS }, ...parts) as Areas;
}
