import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';

/**
 * One WebCrypto for both libraries: @peculiar/x509 (certificates, CSRs, CRLs) and pkijs (CMS,
 * timestamps, OCSP, PKCS#12) both use Node's `crypto.webcrypto`. Importing this module sets them up;
 * every file of platform/pki imports its exports from here, so the set-up happens before any use.
 */
export const crypto = webcrypto;
x509.cryptoProvider.set(crypto);
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto }));

export { pkijs, x509 };

/** WebCrypto's types (the project compiles without the DOM library). */
export type CryptoKey = webcrypto.CryptoKey;
export type CryptoKeyPair = webcrypto.CryptoKeyPair;
export type Algorithm = webcrypto.Algorithm;
export type EcdsaParams = webcrypto.EcdsaParams;
export type EcKeyAlgorithm = webcrypto.EcKeyAlgorithm;
export type RsaHashedKeyAlgorithm = webcrypto.RsaHashedKeyAlgorithm;
export type RsaHashedKeyGenParams = webcrypto.RsaHashedKeyGenParams;
export type EcKeyGenParams = webcrypto.EcKeyGenParams;

/** A copy of the bytes as an ArrayBuffer of exactly their length (pkijs and WebCrypto take ArrayBuffers). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(out).set(bytes);
  return out;
}

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',
  ekuTimeStamping: '1.3.6.1.5.5.7.3.8',
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
} as const;
