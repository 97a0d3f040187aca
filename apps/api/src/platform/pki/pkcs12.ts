import type { CryptoKey } from './engine';
import { importPrivateKey, keyMatchesCertificate } from './certificates';
import { pkijs, toArrayBuffer, x509 } from './engine';

/**
 * Import of a PKCS#12 (.p12/.pfx) file as made by `openssl pkcs12 -export` or a CA's portal: its
 * private key, the certificate that matches it, and the other certificates (the chain). pkijs reads
 * the PFX, checks its MAC with the password, and decrypts the PBES2 (PBKDF2 + AES) or legacy bags.
 * Every failure is a Pkcs12Error with a reason, never another exception.
 */
export type Pkcs12ErrorReason = 'malformed' | 'wrong_password' | 'no_private_key' | 'no_matching_certificate' | 'unsupported';
export class Pkcs12Error extends Error {
  constructor(readonly reason: Pkcs12ErrorReason, options?: { cause?: unknown }) {
    super(`PKCS#12: ${reason}`, options);
    this.name = 'Pkcs12Error';
  }
}

export interface Pkcs12Contents {
  privateKey: CryptoKey;
  certificate: x509.X509Certificate;
  chain: x509.X509Certificate[];
}

const KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';

export async function importPkcs12(der: Uint8Array, password: string): Promise<Pkcs12Contents> {
  const pass = toArrayBuffer(Buffer.from(password, 'utf8'));
  let pfx: pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(toArrayBuffer(der));
  } catch (err) {
    throw new Pkcs12Error('malformed', { cause: err });
  }
  try {
    await pfx.parseInternalValues({ password: pass, checkIntegrity: true });
  } catch (err) {
    throw new Pkcs12Error(/integrity|MAC|mac/i.test(String(err)) ? 'wrong_password' : 'malformed', { cause: err });
  }
  const safe = pfx.parsedValue?.authenticatedSafe;
  if (!safe) throw new Pkcs12Error('malformed');
  try {
    await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password: pass })) });
  } catch (err) {
    throw new Pkcs12Error('wrong_password', { cause: err });
  }
  const keys: Uint8Array[] = [];
  const certs: x509.X509Certificate[] = [];
  const parsed = (safe.parsedValue as { safeContents?: { value: pkijs.SafeContents }[] } | undefined)?.safeContents ?? [];
  for (const contents of parsed) {
    for (const bag of contents.value.safeBags) {
      try {
        if (bag.bagId === SHROUDED_KEY_BAG) {
          const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
          // protected in pkijs's types, public in its documented use
          await (shrouded as unknown as { parseInternalValues(p: { password: ArrayBuffer }): Promise<void> }).parseInternalValues({ password: pass });
          if (shrouded.parsedValue) keys.push(new Uint8Array(shrouded.parsedValue.toSchema().toBER(false)));
        } else if (bag.bagId === KEY_BAG) {
          keys.push(new Uint8Array((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER(false)));
        } else if (bag.bagId === CERT_BAG) {
          const value: unknown = (bag.bagValue as pkijs.CertBag).parsedValue;
          if (value instanceof pkijs.Certificate) certs.push(new x509.X509Certificate(value.toSchema().toBER(false)));
        }
      } catch (err) {
        throw new Pkcs12Error('wrong_password', { cause: err });
      }
    }
  }
  const keyDer = keys[0];
  if (!keyDer) throw new Pkcs12Error('no_private_key');
  let privateKey: CryptoKey;
  try {
    privateKey = await importPrivateKey(keyDer);
  } catch (err) {
    throw new Pkcs12Error('unsupported', { cause: err });
  }
  let certificate: x509.X509Certificate | undefined;
  for (const c of certs) if (!certificate && (await keyMatchesCertificate(privateKey, c))) certificate = c;
  if (!certificate) throw new Pkcs12Error('no_matching_certificate');
  return { privateKey, certificate, chain: certs.filter((c) => c !== certificate) };
}

