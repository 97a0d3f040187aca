import type { CryptoKeyPair, CryptoKey, Algorithm, EcdsaParams, EcKeyAlgorithm, RsaHashedKeyAlgorithm, RsaHashedKeyGenParams, EcKeyGenParams } from './engine';
import { randomBytes } from 'node:crypto';
import { crypto, x509 } from './engine';

/**
 * Keys, certificates, CSRs and CRLs with @peculiar/x509: what a certification authority does
 * (the development test CA and the platform's timestamp authority use it) and what a signer needs
 * (a key pair and a CSR a real CA can sign). No domain rules.
 */
export type KeyAlgorithm = 'rsa-2048' | 'rsa-3072' | 'ecdsa-p256' | 'ecdsa-p384';
export const KEY_ALGORITHMS: readonly KeyAlgorithm[] = ['rsa-2048', 'rsa-3072', 'ecdsa-p256', 'ecdsa-p384'];

/**
 * RSA signs with RSASSA-PKCS1-v1_5 (what every PDF reader and the national CAs' tools accept; PSS
 * is accepted when verifying); ECDSA with the curve's own hash size or SHA-256.
 */
export function keyParams(alg: KeyAlgorithm): RsaHashedKeyGenParams | EcKeyGenParams {
  switch (alg) {
    case 'rsa-2048':
    case 'rsa-3072':
      return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: alg === 'rsa-2048' ? 2048 : 3072 };
    case 'ecdsa-p256':
      return { name: 'ECDSA', namedCurve: 'P-256' };
    case 'ecdsa-p384':
      return { name: 'ECDSA', namedCurve: 'P-384' };
  }
}

/** The signature algorithm for a private key: RSASSA-PKCS1-v1_5 or ECDSA, with SHA-256 (SHA-384 on P-384). */
export function signingAlgorithmFor(key: CryptoKey): Algorithm | EcdsaParams {
  const a = key.algorithm as EcKeyAlgorithm & RsaHashedKeyAlgorithm;
  if (a.name === 'ECDSA') return { name: 'ECDSA', hash: a.namedCurve === 'P-384' ? 'SHA-384' : 'SHA-256' };
  if (a.name === 'RSASSA-PKCS1-v1_5') return { name: 'RSASSA-PKCS1-v1_5', hash: a.hash };
  throw new Error(`unsupported signing key ${a.name}`);
}

/** A new key pair; the private key is extractable so it can be sealed under a PIN (sealed-key.ts). */
export async function generateKeyPair(alg: KeyAlgorithm): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(keyParams(alg), true, ['sign', 'verify']));
}

/** Imports a PKCS#8 private key (RSA or EC P-256/P-384) for signing. */
export async function importPrivateKey(pkcs8: Uint8Array, extractable = true): Promise<CryptoKey> {
  const errors: string[] = [];
  const buf = new Uint8Array(pkcs8);
  for (const params of [keyParams('rsa-2048'), { name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', namedCurve: 'P-384' }]) {
    try {
      const alg = params.name === 'ECDSA' ? params : { name: params.name, hash: 'SHA-256' };
      return await crypto.subtle.importKey('pkcs8', buf, alg, extractable, ['sign']);
    } catch (err) {
      errors.push((err as Error).message);
    }
  }
  throw new Error(`not a supported PKCS#8 private key (${errors.join('; ')})`);
}

export async function exportPrivateKey(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.exportKey('pkcs8', key));
}

/** The public half of a private key, through its certificate or by derivation (JWK without the private parts). */
export async function publicKeyOf(privateKey: CryptoKey): Promise<CryptoKey> {
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
  const a = privateKey.algorithm as EcKeyAlgorithm & RsaHashedKeyAlgorithm;
  const alg = a.name === 'ECDSA' ? { name: 'ECDSA', namedCurve: a.namedCurve } : { name: a.name, hash: a.hash };
  return crypto.subtle.importKey('jwk', { ...pub, key_ops: ['verify'] }, alg, true, ['verify']);
}

/** What a certificate is for; each profile sets its basic constraints, key usage and extended key usage. */
export type CertificateProfile = 'root' | 'intermediate' | 'signer' | 'timestamping' | 'ocsp' | 'tls-client';

export interface Authority {
  certificate: x509.X509Certificate;
  privateKey: CryptoKey;
}

export interface IssueSpec {
  /** The subject DN, e.g. `CN=…, O=…, C=IR`. */
  subject: string;
  publicKey: CryptoKey;
  profile: CertificateProfile;
  notBefore: Date;
  notAfter: Date;
  /** Where relying parties fetch the issuer's CRL (CRL distribution point). */
  crlUrl?: string;
  /** The issuer's OCSP responder (authority information access). */
  ocspUrl?: string;
  /** Hex serial number; random 16 bytes (positive) when absent. */
  serialNumber?: string;
}

const KU = x509.KeyUsageFlags;

function profileExtensions(profile: CertificateProfile): x509.Extension[] {
  switch (profile) {
    case 'root':
      return [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(KU.keyCertSign | KU.cRLSign | KU.digitalSignature, true)];
    case 'intermediate':
      return [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(KU.keyCertSign | KU.cRLSign | KU.digitalSignature, true)];
    case 'signer':
      return [new x509.BasicConstraintsExtension(false, undefined, true), new x509.KeyUsagesExtension(KU.digitalSignature | KU.nonRepudiation, true)];
    case 'timestamping':
      // RFC 3161 §2.3: the timeStamping extended key usage, alone and critical.
      return [new x509.KeyUsagesExtension(KU.digitalSignature | KU.nonRepudiation, true), new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true)];
    case 'ocsp':
      return [new x509.KeyUsagesExtension(KU.digitalSignature, true), new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.ocspSigning], false)];
    case 'tls-client':
      // Used by the tests: a certificate whose key may not sign documents.
      return [new x509.KeyUsagesExtension(KU.keyEncipherment, true), new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth], false)];
  }
}

export function randomSerial(): string {
  const b = randomBytes(16);
  b[0] = (b[0]! & 0x7f) | 0x10; // positive, and 16 bytes long
  return b.toString('hex');
}

/** Issues a certificate signed by `issuer`, or self-signed when `issuer` is the subject's own key pair. */
export async function issueCertificate(issuer: Authority | { selfSigned: CryptoKeyPair }, spec: IssueSpec): Promise<x509.X509Certificate> {
  const extensions = [...profileExtensions(spec.profile), await x509.SubjectKeyIdentifierExtension.create(spec.publicKey)];
  if ('certificate' in issuer) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuer.certificate));
  if (spec.crlUrl) extensions.push(new x509.CRLDistributionPointsExtension([spec.crlUrl]));
  if (spec.ocspUrl) extensions.push(new x509.AuthorityInfoAccessExtension({ ocsp: [spec.ocspUrl] }));
  const common = { serialNumber: spec.serialNumber ?? randomSerial(), notBefore: spec.notBefore, notAfter: spec.notAfter, extensions };
  if ('selfSigned' in issuer) {
    return x509.X509CertificateGenerator.createSelfSigned({ ...common, name: spec.subject, keys: issuer.selfSigned, signingAlgorithm: signingAlgorithmFor(issuer.selfSigned.privateKey) });
  }
  return x509.X509CertificateGenerator.create({
    ...common,
    subject: spec.subject,
    issuer: issuer.certificate.subject,
    publicKey: spec.publicKey,
    signingKey: issuer.privateKey,
    signingAlgorithm: signingAlgorithmFor(issuer.privateKey),
  });
}

export interface Revocation {
  serialNumber: string;
  revokedAt: Date;
  reason?: x509.X509CrlReason;
}

/** A CRL signed by `issuer` listing `revoked`. */
export async function issueCrl(issuer: Authority, revoked: readonly Revocation[], thisUpdate: Date, nextUpdate: Date): Promise<x509.X509Crl> {
  return x509.X509CrlGenerator.create({
    issuer: issuer.certificate.subject,
    thisUpdate,
    nextUpdate,
    signingKey: issuer.privateKey,
    signingAlgorithm: signingAlgorithmFor(issuer.privateKey),
    extensions: [await x509.AuthorityKeyIdentifierExtension.create(issuer.certificate)],
    entries: revoked.map((r) => ({ serialNumber: r.serialNumber, revocationDate: r.revokedAt, ...(r.reason === undefined ? {} : { reason: r.reason }) })),
  });
}

/**
 * A PKCS#10 certificate request for a signer's key pair: the subject DN and the key usage a document
 * signer needs, signed with the private key (proof of possession). Any CA accepts it
 * (`openssl req -verify` checks it in the tests).
 */
export async function createCsr(keys: CryptoKeyPair, subject: string): Promise<x509.Pkcs10CertificateRequest> {
  return x509.Pkcs10CertificateRequestGenerator.create({
    name: subject,
    keys,
    signingAlgorithm: signingAlgorithmFor(keys.privateKey),
    extensions: [new x509.KeyUsagesExtension(KU.digitalSignature | KU.nonRepudiation, true)],
  });
}

/** Parses a certificate from DER or PEM; throws on anything else. */
export function parseCertificate(data: Uint8Array | string): x509.X509Certificate {
  if (typeof data === 'string') return new x509.X509Certificate(data);
  const text = Buffer.from(data.subarray(0, 64)).toString('latin1');
  return new x509.X509Certificate(text.includes('-----BEGIN') ? Buffer.from(data).toString('latin1') : new Uint8Array(data));
}

/** Every certificate in a PEM bundle (or the one DER certificate). */
export function parseCertificates(data: Uint8Array | string): x509.X509Certificate[] {
  const text = typeof data === 'string' ? data : Buffer.from(data).toString('latin1');
  if (!text.includes('-----BEGIN')) return [parseCertificate(data)];
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map((m) => new x509.X509Certificate(m[0]));
}

/** Whether a certificate (e.g. one a CA issued for a CSR, or one found in a PKCS#12) is for this private key. */
export async function keyMatchesCertificate(privateKey: CryptoKey, certificate: x509.X509Certificate): Promise<boolean> {
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', await publicKeyOf(privateKey)));
  return Buffer.from(spki).equals(Buffer.from(certificate.publicKey.rawData));
}
