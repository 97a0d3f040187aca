import { sealAudit } from '../src/platform/audit';
import type { Database } from '../src/platform/db';

/**
 * Seals every audit entry committed so far (ADR 0019: writers only fill the intake), so a test can
 * read audit_entries directly right after an action. Fails rather than let a test read too early.
 */
export async function sealAuditNow(database: Database): Promise<void> {
  if (!(await sealAudit(database))) throw new Error('the audit entries committed so far could not be sealed');
}
