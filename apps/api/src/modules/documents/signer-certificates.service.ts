import { createHash } from 'node:crypto';
import { toAsciiDigits } from '@dargah/persian';
import type { AppContext } from '../../platform/context';
import { parseCertificates, VERDICTS, type VerdictCode, type x509 } from '../../platform/pki';
import { agenciesByIds, partyNames, staffNationalCode } from '../organisation';
import { SignersError } from './signers.errors';

/*
 * What makes a certificate a staff member's signing certificate (issue 10, item 3; ADR 0023,
 * amendment 1), shared by the import of a CA's answer, the PKCS#12 import and external signers:
 *
 * - the person: the subject's serialNumber attribute (2.5.4.5) holds their national code, as the
 *   Iranian CAs write it ("0012345678") or in the ETSI EN 319 412-1 form ("PNOIR-0012345678");
 *   Persian digits count as digits. The name (CN) is not compared: names are spelt many ways. A
 *   staff member without a recorded national code cannot use a certificate from outside;
 * - the certificate itself: platform/pki's signer check (a path to the trust store, digitalSignature
 *   or nonRepudiation key usage, valid now, not revoked), each refusal with its own code.
 */

export const sha256Hex = (b: ArrayBuffer | Uint8Array) => createHash('sha256').update(b instanceof Uint8Array ? b : new Uint8Array(b)).digest('hex');
/** SHA-256 of a certificate's SubjectPublicKeyInfo: the key it certifies. */
export const publicKeySha256 = (c: { publicKey: { rawData: ArrayBuffer } }) => sha256Hex(c.publicKey.rawData);

/** An RFC 4514 attribute value without the characters that would need escaping. */
// eslint-disable-next-line no-control-regex
const dnValue = (s: string) => s.replace(/[,+"\\<>;=#\u0000-\u001f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 64) || '-';

/** The CSR's (and the development certificate's) subject: name, national code when known, agency, Iran. */
export async function signerSubject(ctx: AppContext, staffId: string, agencyId: string, nationalCode?: string): Promise<string> {
  const [name] = (await partyNames(ctx, [{ type: 'staff', id: staffId }])).values();
  const agency = (await agenciesByIds(ctx.database.db, [agencyId])).get(agencyId);
  const serial = nationalCode ? `, 2.5.4.5=${nationalCode}` : '';
  return `CN=${dnValue(name?.name ?? staffId)}${serial}, O=${dnValue(agency?.nameFa ?? agencyId)}, C=IR`;
}

/** The staff member's national code; SIGNER_NATIONAL_CODE_MISSING when none is recorded. */
export async function nationalCodeOrRefuse(ctx: AppContext, staffId: string): Promise<string> {
  const code = await staffNationalCode(ctx.database.db, staffId);
  if (!code) throw new SignersError('SIGNER_NATIONAL_CODE_MISSING');
  return code;
}

/** The national code a certificate names (its subject's serialNumber), if it names one. */
export function certificateNationalCode(c: x509.X509Certificate): string | undefined {
  for (const value of c.subjectName.getField('2.5.4.5')) {
    const m = /^(?:PNOIR-|IDCIR-)?([0-9]{10})$/.exec(toAsciiDigits(value.trim()));
    if (m) return m[1];
  }
  return undefined;
}

/** The certificates of a PEM bundle (or one DER); CERTIFICATE_MALFORMED when none can be read. */
export function certificatesOrRefuse(data: string | Uint8Array): x509.X509Certificate[] {
  try {
    const certs = parseCertificates(data);
    if (certs.length > 0 && certs.length <= 16) return certs;
  } catch {
    // refused below
  }
  throw new SignersError('CERTIFICATE_MALFORMED');
}

const REFUSALS: Partial<Record<VerdictCode | 'key_mismatch', ConstructorParameters<typeof SignersError>[0]>> = {
  key_mismatch: 'CERTIFICATE_KEY_MISMATCH',
  unknown_issuer: 'CERTIFICATE_UNTRUSTED',
  wrong_key_usage: 'CERTIFICATE_WRONG_KEY_USAGE',
  expired_without_timestamp: 'CERTIFICATE_EXPIRED',
  not_valid_at_signing_time: 'CERTIFICATE_NOT_YET_VALID',
  revoked: 'CERTIFICATE_REVOKED',
};

/** A certificate the signer check refused, as this module's code (the verdict and its reason in the details). */
export function certificateRefused(reason: VerdictCode | 'key_mismatch'): InstanceType<typeof SignersError> {
  const verdict = reason === 'key_mismatch' ? 'malformed' : reason;
  return new SignersError(REFUSALS[reason] ?? 'CERTIFICATE_MALFORMED', { verdict: reason, reason: VERDICTS[verdict] });
}

/**
 * Refuses a certificate that is not this person's (CERTIFICATE_OTHER_PERSON) or may not sign now
 * (CERTIFICATE_UNTRUSTED, _WRONG_KEY_USAGE, _EXPIRED, _NOT_YET_VALID, _REVOKED).
 */
export async function acceptSignerCertificate(ctx: AppContext, nationalCode: string, certificate: x509.X509Certificate, chain: readonly x509.X509Certificate[]): Promise<void> {
  if (certificateNationalCode(certificate) !== nationalCode) throw new SignersError('CERTIFICATE_OTHER_PERSON');
  const check = await ctx.pki.checkSigner({ certificate, chain });
  if (!check.ok) throw certificateRefused(check.reason);
}
