import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context';

/** Placeholder: filled in by the licences work of issue 4. */
export async function licencesRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
