import { withTransaction } from '../src/platform/db';
import { systemActor } from '../src/platform/actor';
import { generateKeyPair, issueCertificate, type CertificateProfile, type KeyAlgorithm, type TestAuthorities } from '../src/platform/pki';
import { sampleReceipt } from '../src/platform/pdf/test-support';
import type { TestApp } from './app';
import { nextAddress, type Session } from './factories';
import { issueDocument, prepareDocument } from '../src/modules/documents';

/* Shared by the documents module's tests of production signers, external signing and revoking. */

export const PIN = '۱۲۳۴۵۶';
const DAY = 86_400_000;

export const call = (t: TestApp, method: 'GET' | 'POST', url: string, who?: Session, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { ...(who?.headers ?? {}) }, remoteAddress: nextAddress(), ...(payload === undefined ? {} : { payload: payload as object }) });

/** A receipt of the agency, issued by the system (optionally superseding another). */
export async function issueReceipt(t: TestApp, agencyId: string, supersedes?: string) {
  const { qr: _qr, ...data } = sampleReceipt();
  const prepared = await prepareDocument(t.ctx, { kind: 'receipt', agencyId, data, ...(supersedes ? { supersedes } : {}) });
  return withTransaction(t.ctx.database, (tx) => issueDocument(t.ctx, tx, { actor: systemActor, origin: {}, at: t.clock.now() }, prepared));
}

export const testCa = async (t: TestApp): Promise<TestAuthorities> => (await t.ctx.pki.ready()).test!;

/** A person's certificate (their national code in serialNumber) from the test intermediate, or another CA. */
export async function personCertificate(
  t: TestApp,
  nationalCode: string,
  o: { alg?: KeyAlgorithm; profile?: CertificateProfile; notBefore?: Date; notAfter?: Date; ca?: TestAuthorities } = {},
) {
  const ca = o.ca ?? (await testCa(t));
  const now = t.clock.now().getTime();
  const keys = await generateKeyPair(o.alg ?? 'ecdsa-p256');
  const certificate = await issueCertificate(ca.intermediate, {
    subject: `CN=External Signer, 2.5.4.5=${nationalCode}, O=Dargah TEST, C=IR`,
    publicKey: keys.publicKey,
    profile: o.profile ?? 'signer',
    notBefore: o.notBefore ?? new Date(now - DAY),
    notAfter: o.notAfter ?? new Date(now + 365 * DAY),
  });
  return { keys, certificate, chain: [ca.intermediate.certificate], pem: `${certificate.toString('pem')}\n${ca.intermediate.certificate.toString('pem')}` };
}

/**
 * Certificates the CA has revoked, as the CRL job would have published them (the job itself is
 * tested in platform/pki): the process's CRL cache answers "revoked" for these serial numbers.
 */
export function revokeInCrl(t: TestApp): Set<string> {
  const revoked = new Set<string>();
  const crls = t.ctx.pki.crls;
  const status = crls.status.bind(crls);
  crls.status = async (c, issuer) => (revoked.has(c.serialNumber) ? { status: 'revoked', source: 'crl', revokedAt: new Date(t.clock.now().getTime() - DAY) } : status(c, issuer));
  return revoked;
}
