import type { CryptoKey } from './engine';
import * as asn1js from 'asn1js';
import { attribute, digest, signingCertificateV2, type HashName } from './attributes';
import { OID, pkijs, toArrayBuffer, type x509 } from './engine';
import { hashForKey, signedAttributesSignature } from './signer-info';
import type { TimestampAuthority } from './tsa';

/**
 * Detached CMS SignedData (RFC 5652) over any bytes, as CAdES-B-T: signed attributes content type,
 * message digest, signing-certificate-v2 (and signing time unless PAdES asks it away), the signer's
 * certificate and chain, and an RFC 3161 signature-time-stamp over the signature value as an
 * unsigned attribute when a timestamp authority is given.
 */
export interface SignerCredentials {
  certificate: x509.X509Certificate;
  privateKey: CryptoKey;
  /** Intermediates to carry in the signature so a verifier can build the path (not the root). */
  chain?: readonly x509.X509Certificate[];
}

export interface SignOptions {
  tsa?: TimestampAuthority;
  /** The signing-time signed attribute (claimed by the signer, not proven: the timestamp proves time). Left out when undefined. */
  signingTime?: Date;
}

/** pkijs's reading of a certificate, kept per certificate object: a signer signing again does not parse its chain again. */
const parsedCertificates = new WeakMap<x509.X509Certificate, pkijs.Certificate>();
function pkijsCertificate(c: x509.X509Certificate): pkijs.Certificate {
  let pk = parsedCertificates.get(c);
  if (!pk) {
    pk = pkijs.Certificate.fromBER(c.rawData);
    parsedCertificates.set(c, pk);
  }
  return pk;
}

/** Signs the SHA-256 (SHA-384 on P-384) digest of `content`; the content is not carried (detached). */
export async function signDetached(content: Uint8Array, signer: SignerCredentials, opts: SignOptions = {}): Promise<Uint8Array> {
  return signDigest(await digest(hashForKey(signer.privateKey), content), signer, opts);
}

/** The same over a digest already computed with hashForKey(signer.privateKey) (PAdES hashes its byte ranges). */
export async function signDigest(messageDigest: Uint8Array, signer: SignerCredentials, opts: SignOptions = {}): Promise<Uint8Array> {
  const signedData = await unsignedSignedData(messageDigest, signer, opts.signingTime);
  await signedAttributesSignature(signedData, signer.privateKey);
  return finishSignedData(signedData, hashForKey(signer.privateKey), opts.tsa);
}

/**
 * A SignedData whose one SignerInfo has its signed attributes (content type, message digest,
 * signing-certificate-v2, and signing time when given) but no signature yet. The same inputs give
 * the same attributes: an external signer's device signs them (external.ts) and they are built again
 * when its signature comes back.
 */
export async function unsignedSignedData(messageDigest: Uint8Array, signer: Pick<SignerCredentials, 'certificate' | 'chain'>, signingTime?: Date): Promise<pkijs.SignedData> {
  const certificate = pkijsCertificate(signer.certificate);
  const attributes = [
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: toArrayBuffer(messageDigest) })),
    await signingCertificateV2(certificate, new Uint8Array(signer.certificate.rawData)),
  ];
  if (signingTime) attributes.push(attribute(OID.signingTime, new asn1js.UTCTime({ valueDate: signingTime })));
  return new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
    certificates: [certificate, ...(signer.chain ?? []).map(pkijsCertificate)],
  });
}

/** A signed SignedData as a ContentInfo (DER), with an RFC 3161 token over its first signature value when a TSA is given. */
export async function finishSignedData(signedData: pkijs.SignedData, hash: HashName, tsa?: TimestampAuthority): Promise<Uint8Array> {
  if (tsa) {
    const signerInfo = signedData.signerInfos[0]!;
    const token = await tsa.timestamp({ hash, hashed: await digest(hash, new Uint8Array(signerInfo.signature.valueBlock.valueHexView)) });
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: OID.timeStampToken, values: [asn1js.fromBER(toArrayBuffer(token)).result] })],
    });
  }
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}
