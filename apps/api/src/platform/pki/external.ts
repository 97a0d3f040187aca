import * as asn1js from 'asn1js';
import { digest, findAttribute, hashNameOf, HASH_OIDS, type HashName } from './attributes';
import { finishSignedData, unsignedSignedData, type SignerCredentials } from './cms';
import { OID, pkijs, toArrayBuffer, type x509 } from './engine';
import type { TimestampAuthority } from './tsa';

/*
 * External signers (issue 10, item 3b): the private key stays on the signer's own token or device.
 * Dargah gives the device what to sign and turns its answer into the same CAdES signature cms.ts
 * makes (content type, message digest, signing-certificate-v2; the timestamp added by Dargah's TSA):
 *
 * - a device that builds its own CMS signs the content (or its digest, `contentDigest`) and sends
 *   the CMS back; `timestampCms` adds the signature timestamp when it carries none;
 * - a device that only signs (a smart card's "sign hash", PKCS#11, `openssl pkeyutl`) signs
 *   `signedAttributes` (or their digest) and sends the bare signature value back; `assembleCms`
 *   builds the same signed attributes again from the content digest and the certificate and puts
 *   the value in. ECDSA values come as DER (what OpenSSL and tokens give) or as r‖s (WebCrypto).
 *
 * Either result is verified like any signature before it is accepted (pades.ts acceptExternalPdfSignature).
 */

export type ExternalSigner = Pick<SignerCredentials, 'certificate' | 'chain'>;

export interface ExternalSigningRequest {
  hash: HashName;
  /** The digest of the signed bytes (for a device that builds its own CMS: its message-digest). */
  contentDigest: Uint8Array;
  /** DER of the signed attributes (a SET): what a device that signs raw bytes signs. */
  signedAttributes: Uint8Array;
  /** Their digest: what a device that signs a digest signs. */
  signedAttributesDigest: Uint8Array;
}

/** The hash a certificate's key signs with (as hashForKey for a private key): SHA-384 on P-384, SHA-256 otherwise. */
export function hashForCertificate(c: x509.X509Certificate): HashName {
  const a = c.publicKey.algorithm as { name: string; namedCurve?: string };
  return a.name === 'ECDSA' && a.namedCurve === 'P-384' ? 'SHA-384' : 'SHA-256';
}

const isEc = (c: x509.X509Certificate) => (c.publicKey.algorithm as { name: string }).name === 'ECDSA';

/** The signature algorithm of the certificate's key with this hash (RSASSA-PKCS1-v1_5 or ECDSA). */
function signatureAlgorithm(c: x509.X509Certificate, hash: HashName): pkijs.AlgorithmIdentifier {
  const ec: Record<HashName, string> = { 'SHA-256': '1.2.840.10045.4.3.2', 'SHA-384': '1.2.840.10045.4.3.3', 'SHA-512': '1.2.840.10045.4.3.4' };
  const rsa: Record<HashName, string> = { 'SHA-256': '1.2.840.113549.1.1.11', 'SHA-384': '1.2.840.113549.1.1.12', 'SHA-512': '1.2.840.113549.1.1.13' };
  return isEc(c) ? new pkijs.AlgorithmIdentifier({ algorithmId: ec[hash] }) : new pkijs.AlgorithmIdentifier({ algorithmId: rsa[hash], algorithmParams: new asn1js.Null() });
}

/**
 * The DER a signature over signed attributes covers: their encoding with the SET tag in place of
 * the [0] IMPLICIT one they carry inside the SignerInfo (RFC 5652 §5.4; pkijs signs the same bytes).
 */
function toBeSigned(sd: pkijs.SignedData): Uint8Array {
  const der = new Uint8Array(sd.signerInfos[0]!.signedAttrs!.toSchema().toBER(false));
  der[0] = 0x31;
  return der;
}

/** What the device signs for these bytes with this certificate. */
export async function externalSigningRequest(content: Uint8Array, signer: ExternalSigner): Promise<ExternalSigningRequest> {
  const hash = hashForCertificate(signer.certificate);
  const contentDigest = await digest(hash, content);
  const signedAttributes = toBeSigned(await unsignedSignedData(contentDigest, signer));
  return { hash, contentDigest, signedAttributes, signedAttributesDigest: await digest(hash, signedAttributes) };
}

/** An ECDSA signature value as CMS carries it (DER SEQUENCE of r and s); r‖s is converted, anything else left to fail verification. */
function ecdsaDer(value: Uint8Array, c: x509.X509Certificate): Uint8Array {
  const asn = asn1js.fromBER(toArrayBuffer(value));
  const seq = asn.result;
  if (asn.offset === value.length && seq instanceof asn1js.Sequence && seq.valueBlock.value.length === 2 && seq.valueBlock.value.every((v) => v instanceof asn1js.Integer)) return value;
  const size = (c.publicKey.algorithm as { namedCurve?: string }).namedCurve === 'P-384' ? 48 : 32;
  return value.length === 2 * size ? new Uint8Array(pkijs.createCMSECDSASignature(toArrayBuffer(value))) : value;
}

/** The CMS for a bare signature value over `externalSigningRequest(content, signer).signedAttributes`, timestamped when a TSA is given. */
export async function assembleCms(content: Uint8Array, signer: ExternalSigner, signatureValue: Uint8Array, tsa?: TimestampAuthority): Promise<Uint8Array> {
  const hash = hashForCertificate(signer.certificate);
  const sd = await unsignedSignedData(await digest(hash, content), signer);
  const digestAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: HASH_OIDS[hash], algorithmParams: new asn1js.Null() });
  sd.digestAlgorithms = [digestAlgorithm];
  const info = sd.signerInfos[0]!;
  info.digestAlgorithm = digestAlgorithm;
  info.signatureAlgorithm = signatureAlgorithm(signer.certificate, hash);
  const value = isEc(signer.certificate) ? ecdsaDer(signatureValue, signer.certificate) : signatureValue;
  info.signature = new asn1js.OctetString({ valueHex: toArrayBuffer(value) });
  return finishSignedData(sd, hash, tsa);
}

/**
 * A device's own CMS with the signature timestamp added when it has none (and one signer). Anything
 * unreadable is returned as it is, for verification to give its verdict.
 */
export async function timestampCms(cms: Uint8Array, tsa: TimestampAuthority): Promise<Uint8Array> {
  try {
    const info = pkijs.ContentInfo.fromBER(toArrayBuffer(cms));
    if (info.contentType !== OID.signedData) return cms;
    const sd = new pkijs.SignedData({ schema: info.content });
    const signer = sd.signerInfos[0];
    if (!signer || sd.signerInfos.length !== 1 || findAttribute(signer.unsignedAttrs, OID.timeStampToken)) return cms;
    return await finishSignedData(sd, hashNameOf(signer.digestAlgorithm.algorithmId) ?? 'SHA-256', tsa);
  } catch {
    return cms;
  }
}
