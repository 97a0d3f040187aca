import type { AppContext } from '../../platform/context';
import { exportedKey, listCheckpoints } from '../../platform/audit';
import { AuditError } from './audit.errors';

/** Signed checkpoints newest first, with the key that signed them, for other systems to keep. */
export async function checkpointPage(ctx: AppContext, opts: { limit: number; before?: number | undefined }) {
  const items = await listCheckpoints(ctx.database, { limit: opts.limit + 1, before: opts.before });
  const page = items.slice(0, opts.limit);
  return { key: exportedKey(ctx.auditKey), items: page, nextBefore: items.length > opts.limit ? page.at(-1)!.id : null };
}

/** The newest checkpoint as a self-contained file (`npm run audit:verify -- --against <file>`). */
export async function latestCheckpoint(ctx: AppContext) {
  const [latest] = await listCheckpoints(ctx.database, { limit: 1 });
  if (!latest) throw new AuditError('AUDIT_CHECKPOINT_NONE');
  return { ...latest, publicKeyPem: exportedKey(ctx.auditKey).publicKeyPem };
}
