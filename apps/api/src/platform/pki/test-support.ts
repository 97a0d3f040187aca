import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll } from 'vitest';
import { exportPrivateKey, generateKeyPair, issueCertificate, type CertificateProfile, type KeyAlgorithm } from './certificates';
import type { SignerCredentials } from './cms';
import type { CryptoKey, CryptoKeyPair } from './engine';
import type { TestAuthorities } from './trust-store';

const run = promisify(execFile);

/** Runs openssl; resolves with its exit code and output instead of throwing on a non-zero exit. */
export async function openssl(args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run('/usr/bin/openssl', args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, out: stdout.toString('latin1') + stderr.toString('latin1') };
  } catch (err) {
    const e = err as { code?: number; stdout?: Buffer; stderr?: Buffer };
    return { code: typeof e.code === 'number' ? e.code : 1, out: `${e.stdout?.toString('latin1') ?? ''}${e.stderr?.toString('latin1') ?? ''}` };
  }
}

const made: string[] = [];
// Registered when a test file imports this module, so folders made inside tests are removed too.
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder, removed when the test file ends. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dargah-pki-'));
  made.push(dir);
  return dir;
}

const DAY = 86_400_000;

/** A signer's certificate from the test intermediate (validity around `now` unless given). */
export async function testSigner(
  ca: TestAuthorities,
  alg: KeyAlgorithm,
  o: { now?: Date; notBefore?: Date; notAfter?: Date; profile?: CertificateProfile; subject?: string; ocspUrl?: string } = {},
): Promise<SignerCredentials & { keys: CryptoKeyPair }> {
  const now = o.now ?? new Date();
  const keys = await generateKeyPair(alg);
  const certificate = await issueCertificate(ca.intermediate, {
    subject: o.subject ?? `CN=Test signer ${alg}, O=Dargah TEST, C=IR`,
    publicKey: keys.publicKey,
    profile: o.profile ?? 'signer',
    notBefore: o.notBefore ?? new Date(now.getTime() - DAY),
    notAfter: o.notAfter ?? new Date(now.getTime() + 365 * DAY),
    ...(o.ocspUrl ? { ocspUrl: o.ocspUrl } : {}),
  });
  return { certificate, privateKey: keys.privateKey, chain: [ca.intermediate.certificate], keys };
}

export async function privateKeyPem(key: CryptoKey): Promise<string> {
  const b64 = Buffer.from(await exportPrivateKey(key)).toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
}
