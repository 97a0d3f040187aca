import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context';
import { operationsModule } from './operations';

/** A domain capability: registers its routes under /api/v1 and its jobs and error codes. */
export interface AppModule {
  name: string;
  register(app: FastifyInstance, ctx: AppContext): Promise<void>;
}

export const modules: AppModule[] = [operationsModule];
