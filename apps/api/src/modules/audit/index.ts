import type { AppModule } from '../../platform/module';
import { auditErrors } from './audit.errors';
import { auditRoutes } from './audit.routes';
import { auditScope, mayWatchChain } from './audit.policy';
import { checkpointRoutes } from './checkpoints.routes';

export { verifyForOperations } from './audit.service';

/**
 * The audit log for people: auditors (and agency administrators, for their agencies) browse and
 * download the hash-chained audit entries, and watch and verify the chains; and, for everyone,
 * the signed checkpoints other systems keep copies of.
 */
export const auditModule: AppModule = {
  name: 'audit',
  errors: [auditErrors],
  async register(app, ctx) {
    await auditRoutes(app, ctx);
    await checkpointRoutes(app, ctx);
  },
  areas: (_ctx, actor) => ({ auditLog: auditScope(actor) !== undefined, operations: mayWatchChain(actor) }),
};
