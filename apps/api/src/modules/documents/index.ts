import type { AppModule } from '../../platform/module';
import { hasRole } from '../organisation';
import { documentErrors } from './documents.errors';
import { documentsRoutes } from './documents.routes';
import { signerErrors } from './signers.errors';
import { signersRoutes } from './signers.routes';

/* What other modules may use: prepare (render, store) then issue (record) in their own transaction, and revoke. */
export { issueDocument, prepareDocument, revokeDocument, type IssuedDocument, type IssueInput, type PreparedDocument } from './documents.service';
export { parseQrPayload } from './verification-code.model';
/* For the signed answer (requests): a document's facts, its PDF as it stands, and signing with the PIN. */
export { documentFacts, readPdf, signedDocuments, type DocumentFacts } from './documents.service';
export { onDocumentSigned, signDocument, type DocumentSignedHook } from './signing.service';

/**
 * Documents (issue 10): the record of every document Dargah issues (rendered by platform/pdf with a
 * QR code, stored in the blob store), signers' PIN-sealed keys, PAdES signing through platform/pki,
 * and the public verification by code or upload.
 */
export const documentsModule: AppModule = {
  name: 'documents',
  errors: [documentErrors, signerErrors],
  async register(app, ctx) {
    await documentsRoutes(app, ctx);
    await signersRoutes(app, ctx);
  },
  // Any staff member may sign their agencies' documents; administrators unlock their agencies' keys.
  areas: (_ctx, actor) => ({
    documents: actor.type === 'staff' && actor.grants.length > 0,
    signerKeyUnlock: hasRole(actor, ['agency_admin', 'platform_admin']),
  }),
};
