import type { AppModule } from '..';
import { registerAuditErrors } from './audit.errors';
import { checkpointRoutes } from './checkpoints.routes';

registerAuditErrors();

/** The audit trail as others see it: signed checkpoints for outsiders to keep. */
export const auditModule: AppModule = {
  name: 'audit',
  async register(app, ctx) {
    await checkpointRoutes(app, ctx);
  },
};
