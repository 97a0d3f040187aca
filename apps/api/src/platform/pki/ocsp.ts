import * as asn1js from 'asn1js';
import { pkijs, toArrayBuffer, x509 } from './engine';
import type { OcspClient, RevocationStatus } from './revocation';

/**
 * The live OCSP client (RFC 6960): asks the responder a certificate names (authority information
 * access) about it, over HTTP POST; believes an answer only when it is signed by the issuer or by a
 * responder the issuer delegated (id-kp-OCSPSigning; pkijs checks both), is about this certificate
 * and is fresh. Any failure is "unknown", never an exception: the caller decides what unknown means.
 */
const MAX_BYTES = 1024 * 1024;
const SKEW_MS = 5 * 60_000;

export function ocspUrlOf(c: x509.X509Certificate): string | undefined {
  const aia = c.getExtension(x509.AuthorityInfoAccessExtension);
  return aia?.ocsp.map((g) => g.value).find((v) => /^https?:\/\//i.test(v));
}

export function createOcspClient(o: { now: () => Date; fetch?: typeof fetch; timeoutMs?: number } = { now: () => new Date() }): OcspClient {
  const unknown: RevocationStatus = { status: 'unknown', source: 'none' };
  return {
    mode: 'live',
    description: 'OCSP responders (RFC 6960) named by certificates',
    async status(certificate, issuer) {
      const url = ocspUrlOf(certificate);
      if (!url) return unknown;
      try {
        const cert = pkijs.Certificate.fromBER(certificate.rawData);
        const issuerCert = pkijs.Certificate.fromBER(issuer.rawData);
        const request = new pkijs.OCSPRequest();
        await request.createForCertificate(cert, { hashAlgorithm: 'SHA-256', issuerCertificate: issuerCert });
        const res = await (o.fetch ?? fetch)(url, {
          method: 'POST',
          headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
          body: new Uint8Array(request.toSchema(true).toBER(false)),
          signal: AbortSignal.timeout(o.timeoutMs ?? 3_000),
        });
        if (!res.ok) return unknown;
        const body = new Uint8Array(await res.arrayBuffer());
        if (body.byteLength > MAX_BYTES) return unknown;
        const response = pkijs.OCSPResponse.fromBER(toArrayBuffer(body));
        if (response.responseStatus.valueBlock.valueDec !== 0 || !response.responseBytes) return unknown;
        const basic = new pkijs.BasicOCSPResponse({ schema: asn1js.fromBER(response.responseBytes.response.valueBlock.valueHexView).result });
        // The issuer may answer for its own certificates (RFC 6960 §4.2.2.2); a delegate must chain to it with id-kp-OCSPSigning.
        if (!(await basic.verify({ trustedCerts: [issuerCert], issuerCerts: [issuerCert], trustedResponders: [issuerCert] }))) return unknown;
        const { isForCertificate, status } = await basic.getCertificateStatus(cert, issuerCert);
        if (!isForCertificate) return unknown;
        const single = await findSingle(basic, cert, issuerCert);
        const now = o.now().getTime();
        if (!single || single.thisUpdate.getTime() > now + SKEW_MS || (single.nextUpdate && single.nextUpdate.getTime() < now - SKEW_MS)) return unknown;
        if (status === 0) return { status: 'good', source: 'ocsp' };
        if (status !== 1) return unknown;
        const time = single.certStatus instanceof asn1js.Constructed ? single.certStatus.valueBlock.value[0] : undefined;
        return { status: 'revoked', source: 'ocsp', ...(time instanceof asn1js.GeneralizedTime ? { revokedAt: time.toDate() } : {}) };
      } catch {
        return unknown;
      }
    },
  };
}

async function findSingle(basic: pkijs.BasicOCSPResponse, cert: pkijs.Certificate, issuer: pkijs.Certificate): Promise<pkijs.SingleResponse | undefined> {
  for (const single of basic.tbsResponseData.responses) {
    const id = new pkijs.CertID();
    await id.createForCertificate(cert, { hashAlgorithm: 'SHA-256', issuerCertificate: issuer });
    if (single.certID.isEqual(id)) return single;
    const sha1 = new pkijs.CertID();
    await sha1.createForCertificate(cert, { hashAlgorithm: 'SHA-1', issuerCertificate: issuer });
    if (single.certID.isEqual(sha1)) return single;
  }
  return undefined;
}
