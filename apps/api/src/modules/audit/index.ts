import type { AppModule } from '..';
import { auditRoutes } from './audit.routes';
import { registerAuditErrors } from './audit.errors';
import { auditScope, mayWatchChain } from './audit.policy';

export { verifyForOperations } from './audit.service';

registerAuditErrors();

/**
 * The audit log for people: auditors (and agency administrators, for their agencies) browse and
 * download the hash-chained audit entries, and watch and verify the chain.
 */
export const auditModule: AppModule = {
  name: 'audit',
  register: auditRoutes,
  areas: (_ctx, actor) => ({ auditLog: auditScope(actor) !== undefined, operations: mayWatchChain(actor) }),
};
