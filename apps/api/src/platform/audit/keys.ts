import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The platform's checkpoint key (Ed25519). In production it comes from AUDIT_SIGNING_KEY_FILE (a
 * PKCS#8 PEM); in development it is created once in the data folder; in tests it lives in memory.
 */
export interface AuditKey {
  keyId: string;
  publicKey: KeyObject;
  /** Absent where only verification is possible (a public key given to the verifier). */
  privateKey?: KeyObject;
}

/** The first 16 hex digits of SHA-256 over the public key's SubjectPublicKeyInfo. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export function publicKeyPem(key: AuditKey): string {
  return key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

function fromPrivate(privateKey: KeyObject): AuditKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the audit signing key must be an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), publicKey, privateKey };
}

/** A key held only in memory (tests, or a process that will never sign). */
export function generateAuditKey(): AuditKey {
  return fromPrivate(generateKeyPairSync('ed25519').privateKey);
}

export function readAuditKeyFile(file: string): AuditKey {
  return fromPrivate(createPrivateKey(fs.readFileSync(file)));
}

/** A public key in PEM (SPKI) form: what an outsider verifies checkpoints with. */
export function publicAuditKey(pem: string): AuditKey {
  const publicKey = createPublicKey(pem);
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('the audit public key must be an Ed25519 key');
  return { keyId: keyIdOf(publicKey), publicKey };
}

/** The development key: created in the data folder at first use (mode 0600), read afterwards. */
export function developmentAuditKey(dataDir: string): AuditKey {
  const file = path.join(dataDir, 'audit-signing-key.pem');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    try {
      fs.writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process created it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return readAuditKeyFile(file);
}

/** The key this configuration names. */
export function auditKeyFromConfig(c: { NODE_ENV: string; AUDIT_SIGNING_KEY_FILE?: string | undefined; dataDir: string }): AuditKey {
  if (c.AUDIT_SIGNING_KEY_FILE) return readAuditKeyFile(c.AUDIT_SIGNING_KEY_FILE);
  if (c.NODE_ENV === 'development') return developmentAuditKey(c.dataDir);
  if (c.NODE_ENV === 'test') return generateAuditKey();
  throw new Error('AUDIT_SIGNING_KEY_FILE is required in production');
}
