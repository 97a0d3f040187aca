import { randomUUID } from 'node:crypto';
import type { SignDocument, SignedDocument, SignerKey, CreateSignerKey } from '@dargah/contracts';
import { requireStaff, type Actor, type RequestOrigin, type Who } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db, type Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import {
  generateKeyPair,
  normalisePin,
  parseCertificate,
  parseCertificates,
  SealedKeyError,
  sealPrivateKey,
  SignerRefused,
  unsealPrivateKey,
  VERDICTS,
  type CryptoKey,
  type KeyAlgorithm,
} from '../../platform/pki';
import { agenciesByIds, hasRole } from '../organisation';
import { DocumentsError } from './documents.errors';
import * as repo from './documents.repository';
import { signerSubject } from './signer-certificates.service';
import { putPdf, readPdf } from './documents.service';

/*
 * Signers' keys and signing (issue 10, item 3a). A staff member's key pair is made here, its
 * certificate issued (in development by the test intermediate), and its private key sealed under
 * the signer's PIN (platform/pki: argon2id + AES-GCM, the key id bound in); the PIN is never stored.
 * Signing unseals the key for that one signature. Wrong PINs are counted on the key's row (locked
 * FOR UPDATE, so concurrent guesses count exactly); the fifth in a row locks the key until an
 * administrator of its agency unlocks it. Two people signing one document at once sign one after
 * the other (see signDocument).
 */

/** Wrong PINs in a row that lock a key. */
export const PIN_ATTEMPTS = 5;

export const who = (ctx: AppContext, actor: Actor, origin: RequestOrigin): Who => ({ actor, origin, at: ctx.clock.now() });

/**
 * What other modules do in a signature's own transaction, registered once by the module (the
 * channels module hands a signed answer chosen for postal delivery to the post: never before it is signed).
 */
export type DocumentSignedHook = (ctx: AppContext, tx: Tx, w: Who, doc: { documentId: string; agencyId: string; signatureCount: number }) => Promise<void>;
const signedHooks = new Set<DocumentSignedHook>();
export const onDocumentSigned = (hook: DocumentSignedHook): void => void signedHooks.add(hook);
export const inAgency = (actor: Actor, agencyId: string) => actor.type === 'staff' && actor.grants.some((g) => g.agencyId === agencyId);


export function pinOrRefuse(pin: string): string {
  try {
    return normalisePin(pin);
  } catch {
    throw new DocumentsError('SIGNER_PIN_TOO_WEAK');
  }
}

export function toView(k: repo.SignerKeyRecord): SignerKey {
  const c = parseCertificate(k.certificatePem);
  return {
    id: k.id,
    agencyId: k.agencyId,
    algorithm: k.algorithm,
    status: k.status,
    failedPinCount: k.failedPinCount,
    lockedAt: k.lockedAt?.toISOString() ?? null,
    certificate: { subject: c.subject, issuer: c.issuer, serialNumber: c.serialNumber, notBefore: c.notBefore.toISOString(), notAfter: c.notAfter.toISOString() },
    createdAt: k.createdAt.toISOString(),
  };
}

/**
 * A new key for the signed-in staff member in one of their agencies, its certificate issued by the
 * test intermediate (SIGNER_NO_ISSUER where no test authority exists: production signers' keys come
 * from a real CA, not built here), sealed under their PIN. One usable key per person and agency.
 */
export async function createSignerKey(ctx: AppContext, actor: Actor, input: CreateSignerKey, origin: RequestOrigin): Promise<SignerKey> {
  requireStaff(actor);
  const staff = actor;
  const agencyId = input.agencyId ?? staff.agencyId;
  if (!inAgency(staff, agencyId)) throw new DocumentsError('FORBIDDEN', { agencyId });
  const pin = pinOrRefuse(input.pin);
  if (await repo.findStaffKey(ctx.database.db, staff.id, agencyId)) throw new DocumentsError('SIGNER_KEY_EXISTS');
  const algorithm: KeyAlgorithm = input.algorithm ?? 'ecdsa-p256';
  const keys = await generateKeyPair(algorithm);
  const subject = await signerSubject(ctx, staff.id, agencyId);
  const issued = await ctx.pki.issueTestSignerCertificate(keys.publicKey, subject);
  if (!issued) throw new DocumentsError('SIGNER_NO_ISSUER');
  const id = randomUUID();
  const sealedKey = await sealPrivateKey(keys.privateKey, pin, id);
  return withTransaction(ctx.database, async (tx) => {
    const record = {
      id,
      staffId: staff.id,
      agencyId,
      algorithm,
      certificatePem: issued.certificate.toString('pem'),
      chainPem: issued.chain.map((c) => c.toString('pem')).join('\n'),
      sealedKey,
    };
    const w = who(ctx, actor, origin);
    if (!(await repo.insertSignerKey(tx.db, record, w.at))) throw new DocumentsError('SIGNER_KEY_EXISTS');
    await recordChange(tx, w, {
      stream: 'signer_key',
      id,
      event: 'created',
      audit: 'signer_key.create',
      agencyId,
      details: { staffId: staff.id, algorithm, subject: issued.certificate.subject, serialNumber: issued.certificate.serialNumber },
    });
    return toView((await repo.findSignerKey(tx.db, id))!);
  });
}

/** The signed-in staff member's keys. */
export async function mySignerKeys(ctx: AppContext, actor: Actor): Promise<{ items: SignerKey[] }> {
  requireStaff(actor);
  const staff = actor;
  return { items: (await repo.keysOfStaff(ctx.database.db, staff.id)).map(toView) };
}

/**
 * Unlocks a key locked by wrong PINs: its agency's administrators and platform administrators.
 * Anyone without a role in that agency is told it does not exist.
 */
export async function unlockSignerKey(ctx: AppContext, actor: Actor, id: string, origin: RequestOrigin): Promise<SignerKey> {
  requireStaff(actor);
  return withTransaction(ctx.database, async (tx) => {
    const key = await repo.findSignerKey(tx.db, id, true);
    const platform = hasRole(actor, ['platform_admin']);
    if (!key || !(platform || inAgency(actor, key.agencyId))) throw new DocumentsError('SIGNER_KEY_NOT_FOUND', { id });
    if (!platform && !hasRole(actor, ['agency_admin'], key.agencyId)) throw new DocumentsError('FORBIDDEN', { need: ['agency_admin', 'platform_admin'] });
    if (key.status !== 'locked') throw new DocumentsError('SIGNER_KEY_NOT_LOCKED', { id });
    const w = who(ctx, actor, origin);
    await repo.resetPinCount(tx.db, id, w.at);
    await recordChange(tx, w, { stream: 'signer_key', id, event: 'unlocked', audit: 'signer_key.unlock', agencyId: key.agencyId, details: { failedPinCount: key.failedPinCount, lockedAt: key.lockedAt?.toISOString() ?? null } });
    return toView((await repo.findSignerKey(tx.db, id))!);
  });
}

/** Attempts at signing when others keep signing the same document between our read and our write. */
const SIGN_ATTEMPTS = 8;

/**
 * Checks the PIN against the key, in a transaction of its own that locks the key's row (so
 * concurrent guesses count exactly) and commits the count: the private key for one signing, or the
 * refusal (SIGNER_KEY_LOCKED, SIGNER_PIN_WRONG with the attempts left; the fifth wrong PIN locks).
 */
type Unsealed = { key: repo.SignerKeyRecord; privateKey: CryptoKey };

async function unlockForSigning(ctx: AppContext, w: Who, keyId: string, pin: string, documentId: string): Promise<Unsealed> {
  const outcome = await withTransaction(ctx.database, async (tx): Promise<Unsealed | { wrongPin: { failedPinCount: number; locked: boolean } }> => {
    const key = (await repo.findSignerKey(tx.db, keyId, true))!;
    if (key.status === 'locked') throw new DocumentsError('SIGNER_KEY_LOCKED', { lockedAt: key.lockedAt?.toISOString() });
    try {
      const privateKey = await unsealPrivateKey(key.sealedKey, pin, key.id);
      if (key.failedPinCount > 0) await repo.resetPinCount(tx.db, key.id, w.at);
      return { key, privateKey };
    } catch (err) {
      if (!(err instanceof SealedKeyError) || err.reason !== 'wrong_pin') throw err;
      const after = await repo.countWrongPin(tx.db, key.id, PIN_ATTEMPTS, w.at);
      const locked = after.status === 'locked';
      await recordChange(tx, w, {
        stream: 'signer_key',
        id: key.id,
        event: locked ? 'locked' : 'pin_refused',
        audit: locked ? 'signer_key.lock' : 'signer_key.pin_refused',
        agencyId: key.agencyId,
        details: { documentId, failedPinCount: after.failedPinCount },
      });
      return { wrongPin: { failedPinCount: after.failedPinCount, locked } };
    }
  });
  if ('privateKey' in outcome) return outcome;
  const { failedPinCount, locked } = outcome.wrongPin;
  if (locked) throw new DocumentsError('SIGNER_KEY_LOCKED', { failedPinCount });
  throw new DocumentsError('SIGNER_PIN_WRONG', { failedPinCount, attemptsLeft: PIN_ATTEMPTS - failedPinCount });
}

/** A readable document of the staff member's agency that may still be signed, else the refusal. */
export async function signable(db: Db, staff: Actor, documentId: string, forUpdate = false): Promise<repo.DocumentRecord> {
  const doc = await repo.findDocument(db, documentId, forUpdate);
  if (!doc || !inAgency(staff, doc.agencyId)) throw new DocumentsError('DOCUMENT_NOT_FOUND', { documentId });
  if (doc.status !== 'issued') throw new DocumentsError('DOCUMENT_NOT_SIGNABLE', { status: doc.status });
  return doc;
}

/**
 * Signs a document (PAdES, a further incremental update) with the signed-in staff member's key in
 * the document's agency, unsealed with their PIN. Refusals in order: DOCUMENT_NOT_FOUND (also for
 * another agency's), DOCUMENT_NOT_SIGNABLE, SIGNER_KEY_MISSING, SIGNER_KEY_LOCKED,
 * SIGNER_PIN_WRONG (counted; the fifth locks: SIGNER_KEY_LOCKED), SIGNER_CERTIFICATE_REFUSED with
 * the certificate's verdict.
 *
 * Two signers at once: each signs the PDF as it stood when read, then records its signature in a
 * transaction that locks the document row and accepts it only if the document is still the one it
 * signed; otherwise it signs the newer PDF again (the key stays unsealed in memory, no new PIN). So
 * signatures land one after the other and none is lost. Reading the PDF, the signature (with the
 * CRL cache and the timestamp) and storing the new PDF happen outside the transaction: the blob
 * store and the CRL cache use their own connection, which the embedded database would not serve
 * while a transaction is open.
 */
export async function signDocument(ctx: AppContext, actor: Actor, documentId: string, input: SignDocument, origin: RequestOrigin): Promise<SignedDocument> {
  requireStaff(actor);
  const staff = actor;
  const pin = pinOrRefuse(input.pin);
  const first = await signable(ctx.database.db, staff, documentId);
  const keyRow = await repo.findStaffKey(ctx.database.db, staff.id, first.agencyId);
  if (!keyRow) throw new DocumentsError('SIGNER_KEY_MISSING');
  const { key, privateKey } = await unlockForSigning(ctx, who(ctx, actor, origin), keyRow.id, pin, documentId);
  const certificate = parseCertificate(key.certificatePem);
  const chain = key.chainPem ? parseCertificates(key.chainPem) : [];
  const signerName = certificate.subjectName.getField('CN')[0] ?? certificate.subject;
  const issuer = certificate.issuerName.getField('CN')[0] ?? certificate.issuer;
  const agency = (await agenciesByIds(ctx.database.db, [first.agencyId])).get(first.agencyId);
  const role = [...new Set(staff.grants.filter((g) => g.agencyId === first.agencyId).map((g) => g.role))].join(',');
  for (let attempt = 0; attempt < SIGN_ATTEMPTS; attempt++) {
    const base = attempt === 0 ? first : await signable(ctx.database.db, staff, documentId);
    let signed: Uint8Array;
    try {
      signed = await ctx.pki.signPdf(await readPdf(ctx, base.contentSha256), { certificate, privateKey, chain }, {
        reason: `Dargah document ${base.verificationCode}`,
        name: signerName,
        location: agency?.nameFa ?? base.agencyId,
        contactInfo: ctx.config.PUBLIC_BASE_URL,
      });
    } catch (err) {
      if (!(err instanceof SignerRefused)) throw err;
      const verdict = err.reason === 'key_mismatch' ? 'malformed' : err.reason;
      throw new DocumentsError('SIGNER_CERTIFICATE_REFUSED', { verdict: err.reason, reason: VERDICTS[verdict] });
    }
    const pdfSha256 = await putPdf(ctx, signed);
    const done = await withTransaction(ctx.database, async (tx) => {
      const now = await signable(tx.db, staff, documentId, true);
      if (now.contentSha256 !== base.contentSha256) return undefined; // another signature landed first: sign its PDF
      const w = who(ctx, actor, origin);
      const seq = now.signatureCount + 1;
      await ctx.blobs.addRef(tx.db, pdfSha256);
      await repo.insertSignature(tx.db, { documentId, seq, signerKeyId: key.id, staffId: staff.id, signerName, signerRole: role, issuer, pdfSha256 }, w.at);
      await recordChange(tx, w, { stream: 'document', id: documentId, event: 'signed', audit: 'document.sign', agencyId: now.agencyId, details: { seq, signerKeyId: key.id, pdfSha256 } });
      for (const hook of signedHooks) await hook(ctx, tx, w, { documentId, agencyId: now.agencyId, signatureCount: seq });
      return { id: documentId, status: now.status, signatureCount: seq, contentSha256: pdfSha256 };
    });
    if (done) return done;
  }
  throw new DocumentsError('CONFLICT', { documentId });
}
