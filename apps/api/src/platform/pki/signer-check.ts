import { keyMatchesCertificate, parseCertificates } from './certificates';
import type { CryptoKey, x509 } from './engine';
import type { RevocationSource } from './revocation';
import type { TrustStore } from './trust-store';
import type { VerdictCode } from './verdicts';
import { allowsDocumentSigning, buildPath } from './verify';

/**
 * Whether a certificate may sign now, asked before signing (so an expired, revoked or wrongly
 * issued certificate is refused with its reason instead of producing a signature that verifies as
 * such) and when a CA's answer to a signer's CSR is imported. The same checks as verification.
 */
export type SignerCheck = { ok: true; path: x509.X509Certificate[] } | { ok: false; reason: VerdictCode | 'key_mismatch'; detail: string };

export async function checkSigningCertificate(
  certificate: x509.X509Certificate,
  chain: readonly x509.X509Certificate[],
  o: { trust: TrustStore; now: Date; revocation?: RevocationSource },
): Promise<SignerCheck> {
  const path = await buildPath(certificate, chain, o.trust);
  if (!path) return { ok: false, reason: 'unknown_issuer', detail: `no path from ${certificate.issuer} to a trusted root` };
  if (!allowsDocumentSigning(certificate)) return { ok: false, reason: 'wrong_key_usage', detail: 'the certificate is not for signing documents' };
  const invalid = path.find((c) => o.now < c.notBefore || o.now > c.notAfter);
  if (invalid) return { ok: false, reason: o.now > invalid.notAfter ? 'expired_without_timestamp' : 'not_valid_at_signing_time', detail: `${invalid.subject} is not valid now` };
  if (o.revocation) {
    for (let i = 0; i + 1 < path.length; i++) {
      const s = await o.revocation.status(path[i]!, path[i + 1]!);
      if (s.status === 'revoked') return { ok: false, reason: 'revoked', detail: `${path[i]!.subject} is revoked` };
    }
  }
  return { ok: true, path };
}

/**
 * A certificate a CA issued for a signer's CSR (PEM, with or without its chain, or DER): read,
 * matched against the signer's private key, and checked as above. Never throws.
 */
export async function acceptIssuedCertificate(
  privateKey: CryptoKey,
  data: Uint8Array,
  o: { trust: TrustStore; now: Date; revocation?: RevocationSource },
): Promise<{ ok: true; certificate: x509.X509Certificate; chain: x509.X509Certificate[] } | { ok: false; reason: VerdictCode | 'key_mismatch'; detail: string }> {
  let certs: x509.X509Certificate[];
  try {
    certs = parseCertificates(data);
  } catch (err) {
    return { ok: false, reason: 'malformed', detail: err instanceof Error ? err.message : String(err) };
  }
  let certificate: x509.X509Certificate | undefined;
  for (const c of certs) if (!certificate && (await keyMatchesCertificate(privateKey, c).catch(() => false))) certificate = c;
  if (!certificate) return { ok: false, reason: 'key_mismatch', detail: 'no certificate in the file is for this key' };
  const chain = certs.filter((c) => c !== certificate);
  const check = await checkSigningCertificate(certificate, chain, o);
  return check.ok ? { ok: true, certificate, chain } : check;
}
