import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context';

/** Placeholder: filled in by the architecture work of issue 4. */
export async function architectureRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
