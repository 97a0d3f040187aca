import { randomUUID } from 'node:crypto';
import type { CreateSignerKey, ImportSignerCertificate, ImportSignerPkcs12, SignerEnrolment, SignerKey } from '@dargah/contracts';
import { requireStaff, type Actor, type RequestOrigin, type Who } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { createCsr, generateKeyPair, importPkcs12, Pkcs12Error, sealPrivateKey, type CryptoKey, type KeyAlgorithm, type Pkcs12ErrorReason, x509 } from '../../platform/pki';
import { DocumentsError } from './documents.errors';
import * as repo from './documents.repository';
import { acceptSignerCertificate, certificatesOrRefuse, nationalCodeOrRefuse, publicKeySha256, signerSubject } from './signer-certificates.service';
import * as signers from './signers.repository';
import { inAgency, pinOrRefuse, toView, who } from './signing.service';
import { SignersError } from './signers.errors';

/*
 * Production enrolment (issue 10, item 3a; ADR 0023, amendment 1). A staff member gets a key pair
 * made here, sealed under their PIN at once, and a CSR (PKCS#10, their name, national code and
 * agency in the subject) to take to a real CA; the key waits (awaiting_certificate) until the CA's
 * certificate is imported, matched to the key by its public key (no PIN needed) and checked as a
 * signer's certificate. Or they bring a PKCS#12 file: its key is re-sealed under a new PIN and the
 * file's password is used once and forgotten. Either way the new key replaces their usable key in
 * that agency (retired in the same transaction); a locked key must be unlocked first.
 */

const csrView = (k: signers.AwaitingKey, subject: string): SignerEnrolment => ({
  id: k.id,
  agencyId: k.agencyId,
  algorithm: k.algorithm as SignerEnrolment['algorithm'],
  status: 'awaiting_certificate',
  subject,
  csrPem: k.csrPem,
  createdAt: k.createdAt.toISOString(),
});

/** The view of an awaiting key, with the subject as its CSR states it (the name may have changed since). */
const enrolmentView = (k: signers.AwaitingKey): SignerEnrolment => csrView(k, new x509.Pkcs10CertificateRequest(k.csrPem).subject);

/** Who a new key is for and under which PIN: FORBIDDEN (not their agency), SIGNER_PIN_TOO_WEAK, SIGNER_NATIONAL_CODE_MISSING. */
async function newKeyFor(ctx: AppContext, actor: Actor, input: { agencyId?: string | undefined; pin: string }) {
  requireStaff(actor);
  const agencyId = input.agencyId ?? actor.agencyId;
  if (!inAgency(actor, agencyId)) throw new DocumentsError('FORBIDDEN', { agencyId });
  const pin = pinOrRefuse(input.pin);
  return { agencyId, staffId: actor.id, pin, nationalCode: await nationalCodeOrRefuse(ctx, actor.id) };
}

/**
 * A key pair for the signed-in staff member in one of their agencies, sealed under their PIN, and
 * its CSR. Refusals: FORBIDDEN (not their agency), SIGNER_PIN_TOO_WEAK, SIGNER_NATIONAL_CODE_MISSING,
 * SIGNER_ENROLMENT_EXISTS (one awaiting per person and agency: download its CSR again).
 */
export async function beginEnrolment(ctx: AppContext, actor: Actor, input: CreateSignerKey, origin: RequestOrigin): Promise<SignerEnrolment> {
  const { agencyId, staffId, pin, nationalCode } = await newKeyFor(ctx, actor, input);
  const pending = await signers.awaitingKeyIn(ctx.database.db, staffId, agencyId);
  if (pending) throw new SignersError('SIGNER_ENROLMENT_EXISTS', { id: pending.id });
  const algorithm: KeyAlgorithm = input.algorithm ?? 'ecdsa-p256';
  const keys = await generateKeyPair(algorithm);
  const subject = await signerSubject(ctx, staffId, agencyId, nationalCode);
  const csr = await createCsr(keys, subject);
  const id = randomUUID();
  const sealedKey = await sealPrivateKey(keys.privateKey, pin, id);
  return withTransaction(ctx.database, async (tx) => {
    const w = who(ctx, actor, origin);
    const key = { id, staffId, agencyId, algorithm, csrPem: csr.toString('pem'), publicKeySha256: publicKeySha256(csr), sealedKey };
    if (!(await signers.insertAwaitingKey(tx.db, key, w.at))) throw new SignersError('SIGNER_ENROLMENT_EXISTS');
    await recordChange(tx, w, { stream: 'signer_key', id, event: 'enrolment_begun', audit: 'signer_key.enrol', agencyId, details: { staffId, algorithm, subject } });
    return csrView({ ...key, createdAt: w.at }, subject);
  });
}

/** The signed-in staff member's keys awaiting a certificate, with their CSRs. */
export async function myEnrolments(ctx: AppContext, actor: Actor): Promise<{ items: SignerEnrolment[] }> {
  requireStaff(actor);
  return { items: (await signers.awaitingKeysOf(ctx.database.db, actor.id)).map(enrolmentView) };
}

/** One of the signed-in staff member's keys awaiting a certificate (SIGNER_ENROLMENT_NOT_FOUND for anyone else's). */
export async function myEnrolment(ctx: AppContext, actor: Actor, id: string): Promise<SignerEnrolment> {
  requireStaff(actor);
  const key = await signers.findAwaitingKey(ctx.database.db, id);
  if (!key || key.staffId !== actor.id) throw new SignersError('SIGNER_ENROLMENT_NOT_FOUND', { id });
  return enrolmentView(key);
}

/**
 * Retires the person's usable key in the agency, if any, for the new one (in the caller's
 * transaction, the row locked); a locked key is refused (SIGNER_KEY_LOCKED): an administrator
 * unlocks it first, so a new key is not a way round five wrong PINs.
 */
async function replaceUsableKey(tx: Tx, w: Who, staffId: string, agencyId: string, by: string): Promise<void> {
  const current = await repo.findStaffKey(tx.db, staffId, agencyId, true);
  if (current?.status === 'locked') throw new DocumentsError('SIGNER_KEY_LOCKED', { id: current.id });
  const retired = current && (await signers.retireUsableKey(tx.db, staffId, agencyId, w.at));
  if (retired) await recordChange(tx, w, { stream: 'signer_key', id: retired, event: 'retired', audit: 'signer_key.retire', agencyId, details: { replacedBy: by } });
}

/**
 * The certificate a CA issued for an awaiting key's CSR (PEM, its chain may follow). Refusals:
 * SIGNER_ENROLMENT_NOT_FOUND (not awaiting, or not the caller's), CERTIFICATE_MALFORMED,
 * CERTIFICATE_KEY_MISMATCH (no certificate in the file is for this key), CERTIFICATE_OTHER_PERSON,
 * CERTIFICATE_UNTRUSTED, _WRONG_KEY_USAGE, _EXPIRED, _NOT_YET_VALID, _REVOKED, SIGNER_KEY_LOCKED.
 */
export async function importCertificate(ctx: AppContext, actor: Actor, id: string, input: ImportSignerCertificate, origin: RequestOrigin): Promise<SignerKey> {
  requireStaff(actor);
  const key = await signers.findAwaitingKey(ctx.database.db, id);
  if (!key || key.staffId !== actor.id) throw new SignersError('SIGNER_ENROLMENT_NOT_FOUND', { id });
  const certs = certificatesOrRefuse(input.certificatePem);
  const certificate = certs.find((c) => publicKeySha256(c) === key.publicKeySha256);
  if (!certificate) throw new SignersError('CERTIFICATE_KEY_MISMATCH');
  const chain = certs.filter((c) => c !== certificate);
  await acceptSignerCertificate(ctx, await nationalCodeOrRefuse(ctx, key.staffId), certificate, chain);
  return withTransaction(ctx.database, async (tx) => {
    const w = who(ctx, actor, origin);
    if (!(await signers.findAwaitingKey(tx.db, id, true))) throw new SignersError('SIGNER_ENROLMENT_NOT_FOUND', { id }); // imported meanwhile
    await replaceUsableKey(tx, w, key.staffId, key.agencyId, id);
    await signers.activateKey(tx.db, id, certificate.toString('pem'), chain.map((c) => c.toString('pem')).join('\n'), w.at);
    await recordChange(tx, w, {
      stream: 'signer_key',
      id,
      event: 'certificate_imported',
      audit: 'signer_key.certificate_import',
      agencyId: key.agencyId,
      details: { subject: certificate.subject, issuer: certificate.issuer, serialNumber: certificate.serialNumber },
    });
    return toView((await repo.findSignerKey(tx.db, id))!);
  });
}

const PKCS12_REFUSALS: Record<Pkcs12ErrorReason, ConstructorParameters<typeof SignersError>[0]> = {
  malformed: 'PKCS12_MALFORMED',
  wrong_password: 'PKCS12_WRONG_PASSWORD',
  no_private_key: 'PKCS12_NO_KEY',
  no_matching_certificate: 'PKCS12_NO_CERTIFICATE',
  unsupported: 'PKCS12_UNSUPPORTED',
};

/** The key's algorithm as signer_keys names it; PKCS12_UNSUPPORTED for any other (e.g. RSA-4096). */
function algorithmOf(key: CryptoKey): KeyAlgorithm {
  const a = key.algorithm as { name: string; namedCurve?: string; modulusLength?: number };
  const name = a.name === 'ECDSA' ? `ecdsa-${a.namedCurve?.replace('P-', 'p')}` : `rsa-${a.modulusLength}`;
  if (!['rsa-2048', 'rsa-3072', 'ecdsa-p256', 'ecdsa-p384'].includes(name)) throw new SignersError('PKCS12_UNSUPPORTED', { algorithm: name });
  return name as KeyAlgorithm;
}

/**
 * A key and certificate from a PKCS#12 file (base64), re-sealed under a new PIN; the password opens
 * the file once and is never stored. Refusals: FORBIDDEN, SIGNER_PIN_TOO_WEAK,
 * SIGNER_NATIONAL_CODE_MISSING, PKCS12_MALFORMED, _WRONG_PASSWORD, _NO_KEY, _NO_CERTIFICATE,
 * _UNSUPPORTED, the certificate refusals of importCertificate, SIGNER_KEY_LOCKED.
 */
export async function importPkcs12Key(ctx: AppContext, actor: Actor, input: ImportSignerPkcs12, origin: RequestOrigin): Promise<SignerKey> {
  const { agencyId, staffId, pin, nationalCode } = await newKeyFor(ctx, actor, input);
  let contents: { privateKey: CryptoKey; certificate: x509.X509Certificate; chain: x509.X509Certificate[] };
  try {
    contents = await importPkcs12(new Uint8Array(Buffer.from(input.pkcs12, 'base64')), input.password);
  } catch (err) {
    if (err instanceof Pkcs12Error) throw new SignersError(PKCS12_REFUSALS[err.reason]);
    throw new SignersError('PKCS12_MALFORMED');
  }
  const { privateKey, certificate } = contents;
  const chain = contents.chain.slice(0, 16);
  const algorithm = algorithmOf(privateKey);
  await acceptSignerCertificate(ctx, nationalCode, certificate, chain);
  const id = randomUUID();
  const sealedKey = await sealPrivateKey(privateKey, pin, id);
  return withTransaction(ctx.database, async (tx) => {
    const w = who(ctx, actor, origin);
    await replaceUsableKey(tx, w, staffId, agencyId, id);
    const chainPem = chain.map((c) => c.toString('pem')).join('\n');
    await signers.insertImportedKey(tx.db, { id, staffId, agencyId, algorithm, certificatePem: certificate.toString('pem'), chainPem, sealedKey, publicKeySha256: publicKeySha256(certificate) }, w.at);
    await recordChange(tx, w, {
      stream: 'signer_key',
      id,
      event: 'created',
      audit: 'signer_key.pkcs12_import',
      agencyId,
      details: { staffId, algorithm, source: 'pkcs12', subject: certificate.subject, issuer: certificate.issuer, serialNumber: certificate.serialNumber },
    });
    return toView((await repo.findSignerKey(tx.db, id))!);
  });
}
