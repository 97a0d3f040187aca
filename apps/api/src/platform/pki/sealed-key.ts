import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { hashRaw, type Algorithm } from '@node-rs/argon2';
import { toAsciiDigits } from '@dargah/persian';
import { exportPrivateKey, importPrivateKey } from './certificates';
import type { CryptoKey } from './engine';

/**
 * A signer's private key at rest: PKCS#8 encrypted with AES-256-GCM under a key derived from the
 * signer's PIN with argon2id (the PIN itself is never stored, nor anything derived from it but this
 * ciphertext). A wrong PIN fails the GCM tag check: `unsealPrivateKey` throws SealedKeyError
 * ('wrong_pin'). `context` (e.g. the certificate's fingerprint or the signer's id) is bound as
 * additional authenticated data, so a sealed key copied onto another signer's record does not open.
 *
 * Pure functions: the per-signer table, counting wrong PINs and locking after five belong to the
 * module that keeps signers' keys (a later step of issue 10).
 */
export interface SealedKey {
  v: 1;
  kdf: 'argon2id';
  /** argon2id memory (KiB), passes and lanes. */
  m: number;
  t: number;
  p: number;
  salt: string;
  iv: string;
  ciphertext: string;
  tag: string;
}

export type SealedKeyErrorReason = 'wrong_pin' | 'pin_too_weak' | 'malformed';
export class SealedKeyError extends Error {
  constructor(readonly reason: SealedKeyErrorReason) {
    super(`sealed key: ${reason}`);
    this.name = 'SealedKeyError';
  }
}

/** OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): ~30 ms here, paid once per signing. */
export const DEFAULT_KDF = { m: 19_456, t: 2, p: 1 } as const;
const ARGON2ID = 2 as unknown as Algorithm;

/** Persian or Arabic digits count as their ASCII digits; 6 to 64 characters, no control characters. */
export function normalisePin(pin: string): string {
  const p = toAsciiDigits(pin.normalize('NFC'));
  // eslint-disable-next-line no-control-regex
  if (p.length < 6 || p.length > 64 || /[\u0000-\u001f\u007f]/.test(p)) throw new SealedKeyError('pin_too_weak');
  return p;
}

async function deriveKey(pin: string, salt: Buffer, kdf: { m: number; t: number; p: number }): Promise<Buffer> {
  return hashRaw(normalisePin(pin), { algorithm: ARGON2ID, memoryCost: kdf.m, timeCost: kdf.t, parallelism: kdf.p, outputLen: 32, salt });
}

export async function sealPrivateKey(privateKey: CryptoKey, pin: string, context: string, kdf: { m: number; t: number; p: number } = DEFAULT_KDF): Promise<SealedKey> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveKey(pin, salt, kdf);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const plain = Buffer.from(await exportPrivateKey(privateKey));
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  plain.fill(0);
  key.fill(0);
  const b64 = (b: Buffer) => b.toString('base64');
  return { v: 1, kdf: 'argon2id', ...kdf, salt: b64(salt), iv: b64(iv), ciphertext: b64(ciphertext), tag: b64(cipher.getAuthTag()) };
}

/** The private key for one signing (a non-extractable CryptoKey); SealedKeyError('wrong_pin') when the PIN or the context is wrong. */
export async function unsealPrivateKey(sealed: SealedKey, pin: string, context: string): Promise<CryptoKey> {
  if (sealed?.v !== 1 || sealed.kdf !== 'argon2id' || ![sealed.m, sealed.t, sealed.p].every((n) => Number.isInteger(n) && n > 0 && n <= 1 << 22)) {
    throw new SealedKeyError('malformed');
  }
  const b = (s: string) => Buffer.from(s, 'base64');
  const iv = b(sealed.iv);
  const tag = b(sealed.tag);
  if (iv.length !== 12 || tag.length !== 16 || b(sealed.salt).length < 16) throw new SealedKeyError('malformed');
  const key = await deriveKey(pin, b(sealed.salt), sealed);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(b(sealed.ciphertext)), decipher.final()]);
  } catch {
    throw new SealedKeyError('wrong_pin');
  } finally {
    key.fill(0);
  }
  try {
    return await importPrivateKey(plain, false);
  } finally {
    plain.fill(0);
  }
}
