import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context';

/** Placeholder: filled in by the import work of issue 4. */
export async function importRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
