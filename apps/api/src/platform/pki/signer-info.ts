import type { CryptoKey, EcKeyAlgorithm, RsaHashedKeyAlgorithm } from './engine';
import type { HashName } from './attributes';
import type { pkijs } from './engine';

/** The digest a key signs with: SHA-256 for RSA and P-256, SHA-384 for P-384. */
export function hashForKey(privateKey: CryptoKey): HashName {
  const a = privateKey.algorithm as EcKeyAlgorithm & RsaHashedKeyAlgorithm;
  if (a.name === 'ECDSA') return a.namedCurve === 'P-384' ? 'SHA-384' : 'SHA-256';
  return 'SHA-256';
}

/**
 * Signs the first SignerInfo of a SignedData over its signed attributes with pkijs (RSASSA-PKCS1-v1_5
 * or ECDSA, chosen from the key); the message-digest attribute must use the same hash (hashForKey).
 */
export async function signedAttributesSignature(signedData: pkijs.SignedData, privateKey: CryptoKey): Promise<void> {
  await signedData.sign(privateKey, 0, hashForKey(privateKey));
}
