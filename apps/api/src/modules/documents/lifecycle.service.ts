import type { DocumentState, RevokeDocument } from '@dargah/contracts';
import { requireStaff, type Actor, type RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction } from '../../platform/db';
import { hasRole } from '../organisation';
import { DocumentsError } from './documents.errors';
import * as repo from './documents.repository';
import { revokeDocument } from './documents.service';
import { inAgency, who } from './signing.service';

/*
 * Revoking a document through the API (issue 10, item 7; ADR 0023, amendment 1): the issuing
 * agency's administrators and platform administrators, with a reason; the verification page then
 * says revoked, with the reason. Superseding has no route of its own: a new document is issued by
 * the module of its kind with `supersedes` (issueDocument), which only that module can render.
 */

const stateOf = (d: repo.DocumentRecord): DocumentState => ({
  id: d.id,
  status: d.status,
  revokedAt: d.revokedAt?.toISOString() ?? null,
  revokeReason: d.revokeReason,
  supersededBy: d.supersededBy,
});

/**
 * Revokes a document. Refusals: DOCUMENT_NOT_FOUND (unknown, or another agency's for anyone but a
 * platform administrator), FORBIDDEN (staff of the agency who are not its administrators),
 * VALIDATION_FAILED (reason: 2 to 1000 characters, no control characters), DOCUMENT_ALREADY_SUPERSEDED
 * (a superseded document stays superseded). Revoking a revoked document again changes nothing and
 * answers its state (the first reason stands): no second event.
 */
export async function revokeDocumentByStaff(ctx: AppContext, actor: Actor, documentId: string, input: RevokeDocument, origin: RequestOrigin): Promise<DocumentState> {
  requireStaff(actor);
  return withTransaction(ctx.database, async (tx) => {
    const doc = await repo.findDocument(tx.db, documentId, true);
    const platform = hasRole(actor, ['platform_admin']);
    if (!doc || !(platform || inAgency(actor, doc.agencyId))) throw new DocumentsError('DOCUMENT_NOT_FOUND', { documentId });
    if (!platform && !hasRole(actor, ['agency_admin'], doc.agencyId)) throw new DocumentsError('FORBIDDEN', { need: ['agency_admin', 'platform_admin'] });
    if (doc.status === 'revoked') return stateOf(doc);
    await revokeDocument(tx, who(ctx, actor, origin), documentId, input.reason);
    return stateOf((await repo.findDocument(tx.db, documentId))!);
  });
}
