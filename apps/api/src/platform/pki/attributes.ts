import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { OID, pkijs, toArrayBuffer } from './engine';

/**
 * The signed attributes a CAdES/PAdES signature carries (RFC 5652 §11, RFC 5035 ESS): content
 * type, message digest, and signing-certificate-v2, which binds the signature to the signer's own
 * certificate (not just its key). Built from pkijs and asn1js objects, never from bytes by hand.
 */
export type HashName = 'SHA-256' | 'SHA-384' | 'SHA-512';
export const HASH_OIDS: Record<HashName, string> = { 'SHA-256': OID.sha256, 'SHA-384': OID.sha384, 'SHA-512': OID.sha512 };

export function hashNameOf(oid: string): HashName | undefined {
  return (Object.entries(HASH_OIDS) as [HashName, string][]).find(([, o]) => o === oid)?.[0];
}

/** Computed at once with node:crypto (a WebCrypto digest is a trip through the thread pool, and a verification makes a dozen). */
export async function digest(hash: HashName, data: Uint8Array): Promise<Uint8Array> {
  return Promise.resolve(new Uint8Array(createHash(hash.replace('-', '').toLowerCase()).update(data).digest()));
}

export function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/**
 * ESS SigningCertificateV2 { certs SEQUENCE OF ESSCertIDv2 }, ESSCertIDv2 { hashAlgorithm DEFAULT
 * sha256, certHash, issuerSerial }: the hash algorithm is left out when it is SHA-256 (DER omits defaults).
 */
export async function signingCertificateV2(certificate: pkijs.Certificate, der: Uint8Array, hash: HashName = 'SHA-256'): Promise<pkijs.Attribute> {
  const certHash = await digest(hash, der);
  const issuerSerial = new pkijs.IssuerSerial({
    issuer: new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: certificate.issuer })] }),
    serialNumber: certificate.serialNumber,
  });
  const id: asn1js.AsnType[] = [];
  if (hash !== 'SHA-256') id.push(new pkijs.AlgorithmIdentifier({ algorithmId: HASH_OIDS[hash] }).toSchema());
  id.push(new asn1js.OctetString({ valueHex: toArrayBuffer(certHash) }), issuerSerial.toSchema());
  return attribute(OID.signingCertificateV2, new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: id })] })] }));
}

/** The certificate hashes a signing-certificate-v2 attribute names (first: the signer's), or undefined when it cannot be read. */
export function readSigningCertificateV2(attr: pkijs.Attribute): { hash: HashName; certHash: Uint8Array }[] | undefined {
  const outer: unknown = attr.values[0];
  if (!(outer instanceof asn1js.Sequence)) return undefined;
  const certs = outer.valueBlock.value[0];
  if (!(certs instanceof asn1js.Sequence)) return undefined;
  const out: { hash: HashName; certHash: Uint8Array }[] = [];
  for (const id of certs.valueBlock.value) {
    if (!(id instanceof asn1js.Sequence)) return undefined;
    const [head, second] = id.valueBlock.value;
    let first = head;
    let hash: HashName | undefined = 'SHA-256';
    if (first instanceof asn1js.Sequence) {
      hash = hashNameOf(new pkijs.AlgorithmIdentifier({ schema: first }).algorithmId);
      first = second;
    }
    if (!hash || !(first instanceof asn1js.OctetString)) return undefined;
    out.push({ hash, certHash: new Uint8Array(first.valueBlock.valueHexView) });
  }
  return out;
}

export function findAttribute(attrs: pkijs.SignedAndUnsignedAttributes | undefined, type: string): pkijs.Attribute | undefined {
  return attrs?.attributes.find((a) => a.type === type);
}
