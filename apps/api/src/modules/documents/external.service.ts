import { randomUUID } from 'node:crypto';
import type { BeginExternalSigning, CompleteExternalSigning, ExternalSigningSession, SignedDocument } from '@dargah/contracts';
import { requireStaff, type Actor, type RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { externalSigningRequest, parseCertificates, preparePdf, signedContent, VERDICTS } from '../../platform/pki';
import { agenciesByIds } from '../organisation';
import * as repo from './documents.repository';
import { putPdf, readPdf } from './documents.service';
import { acceptSignerCertificate, certificatesOrRefuse, nationalCodeOrRefuse, sha256Hex } from './signer-certificates.service';
import * as signers from './signers.repository';
import { signable, who } from './signing.service';
import { SignersError } from './signers.errors';

/*
 * External signers (issue 10, item 3b; ADR 0023, amendment 1): a staff member whose key lives on
 * their own token. `begin` checks their certificate (theirs by national code, trusted, for signing,
 * valid, not revoked), prepares the PDF with its signature field and byte range (stored as a blob),
 * and answers what the device signs (platform/pki external.ts) under a session id that lives
 * EXTERNAL_SESSION_MINUTES. `complete` takes the device's signature value or CMS, has platform/pki
 * build, timestamp and verify it against exactly those bytes and that certificate, embeds it, and
 * records it as any signature: in one transaction that locks the document, claims the session (so
 * of two completions exactly one wins) and refuses when another signature landed since `begin`.
 */

export const EXTERNAL_SESSION_MINUTES = 10;

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const cnOf = (dn: string) => /(?:^|,\s*)CN=([^,]+)/.exec(dn)?.[1]?.trim() ?? dn;

/** Begins signing a document of the staff member's agency with their token's certificate (PEM, its chain may follow). */
export async function beginExternalSigning(ctx: AppContext, actor: Actor, documentId: string, input: BeginExternalSigning, origin: RequestOrigin): Promise<ExternalSigningSession> {
  requireStaff(actor);
  const doc = await signable(ctx.database.db, actor, documentId);
  const [certificate, ...chain] = certificatesOrRefuse(input.certificatePem);
  await acceptSignerCertificate(ctx, await nationalCodeOrRefuse(ctx, actor.id), certificate!, chain);
  const w = who(ctx, actor, origin);
  const agency = (await agenciesByIds(ctx.database.db, [doc.agencyId])).get(doc.agencyId);
  const prepared = await preparePdf(
    await readPdf(ctx, doc.contentSha256),
    { reason: `Dargah document ${doc.verificationCode}`, name: cnOf(certificate!.subject), location: agency?.nameFa ?? doc.agencyId, contactInfo: ctx.config.PUBLIC_BASE_URL },
    { signingTime: w.at },
  );
  const request = await externalSigningRequest(signedContent(prepared), { certificate: certificate!, chain });
  const preparedSha256 = await putPdf(ctx, prepared.pdf);
  const id = randomUUID();
  const expiresAt = new Date(w.at.getTime() + EXTERNAL_SESSION_MINUTES * 60_000);
  await withTransaction(ctx.database, async (tx) => {
    const now = await signable(tx.db, actor, documentId, true);
    await signers.insertSession(tx.db, {
      id,
      documentId,
      staffId: actor.id,
      agencyId: now.agencyId,
      baseSha256: doc.contentSha256,
      preparedSha256,
      byteRange: prepared.byteRange,
      certificatePem: certificate!.toString('pem'),
      chainPem: chain.map((c) => c.toString('pem')).join('\n'),
      createdAt: w.at,
      expiresAt,
    });
    const details = { sessionId: id, certificateSha256: sha256Hex(certificate!.rawData), expiresAt: expiresAt.toISOString() };
    await recordChange(tx, w, { stream: 'document', id: documentId, event: 'external_signing_begun', audit: 'document.external_sign_begin', agencyId: now.agencyId, details });
  });
  return {
    id,
    documentId,
    expiresAt: expiresAt.toISOString(),
    hashAlgorithm: request.hash,
    byteRange: prepared.byteRange,
    contentDigest: b64(request.contentDigest),
    signedAttributes: b64(request.signedAttributes),
    signedAttributesDigest: b64(request.signedAttributesDigest),
  };
}

/**
 * Completes a session with the device's answer. Refusals: EXTERNAL_SESSION_NOT_FOUND (unknown,
 * another person's, another document's), EXTERNAL_SESSION_USED, EXTERNAL_SESSION_EXPIRED,
 * EXTERNAL_SESSION_CERTIFICATE_MISMATCH, EXTERNAL_SIGNATURE_REFUSED with the verdict (a signature
 * over other bytes is "altered"), DOCUMENT_NOT_SIGNABLE, EXTERNAL_DOCUMENT_CHANGED.
 */
export async function completeExternalSigning(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  sessionId: string,
  input: CompleteExternalSigning,
  origin: RequestOrigin,
): Promise<SignedDocument> {
  requireStaff(actor);
  const session = await signers.findSession(ctx.database.db, sessionId);
  if (!session || session.staffId !== actor.id || session.documentId !== documentId) throw new SignersError('EXTERNAL_SESSION_NOT_FOUND', { sessionId });
  if (session.completedAt) throw new SignersError('EXTERNAL_SESSION_USED');
  if (ctx.clock.now() >= session.expiresAt) throw new SignersError('EXTERNAL_SESSION_EXPIRED', { expiresAt: session.expiresAt.toISOString() });
  const [certificate, ...chain] = parseCertificates(session.certificatePem + '\n' + session.chainPem);
  if (input.certificatePem !== undefined && sha256Hex(certificatesOrRefuse(input.certificatePem)[0]!.rawData) !== sha256Hex(certificate!.rawData)) {
    throw new SignersError('EXTERNAL_SESSION_CERTIFICATE_MISMATCH');
  }
  const prepared = { pdf: new Uint8Array(await readPdf(ctx, session.preparedSha256)), byteRange: session.byteRange };
  const answer = input.cms !== undefined ? { cms: new Uint8Array(Buffer.from(input.cms, 'base64')) } : { signatureValue: new Uint8Array(Buffer.from(input.signature!, 'base64')), signer: { certificate: certificate!, chain } };
  const accepted = await ctx.pki.acceptExternalPdf(prepared, answer);
  if (!accepted.ok) throw new SignersError('EXTERNAL_SIGNATURE_REFUSED', { verdict: accepted.verdict, reason: VERDICTS[accepted.verdict] });
  const certificateSha256 = sha256Hex(certificate!.rawData);
  // A device's own CMS may name another certificate: the session's is the one checked at begin.
  if (accepted.signer.signer?.sha256 !== certificateSha256) throw new SignersError('EXTERNAL_SESSION_CERTIFICATE_MISMATCH');
  const pdfSha256 = await putPdf(ctx, accepted.pdf);
  return withTransaction(ctx.database, async (tx) => {
    const w = who(ctx, actor, origin);
    const doc = await signable(tx.db, actor, documentId, true);
    if (!(await signers.claimSession(tx.db, sessionId, w.at))) throw new SignersError('EXTERNAL_SESSION_USED');
    if (doc.contentSha256 !== session.baseSha256) throw new SignersError('EXTERNAL_DOCUMENT_CHANGED');
    const seq = doc.signatureCount + 1;
    const role = [...new Set(actor.grants.filter((g) => g.agencyId === doc.agencyId).map((g) => g.role))].join(',');
    await ctx.blobs.addRef(tx.db, pdfSha256);
    await repo.insertSignature(
      tx.db,
      { documentId, seq, signerKeyId: null, certificateSha256, staffId: actor.id, signerName: cnOf(certificate!.subject), signerRole: role, issuer: cnOf(certificate!.issuer), pdfSha256 },
      w.at,
    );
    const details = { seq, external: true, sessionId, certificateSha256, pdfSha256 };
    await recordChange(tx, w, { stream: 'document', id: documentId, event: 'signed', audit: 'document.sign', agencyId: doc.agencyId, details });
    return { id: documentId, status: doc.status, signatureCount: seq, contentSha256: pdfSha256 };
  });
}
