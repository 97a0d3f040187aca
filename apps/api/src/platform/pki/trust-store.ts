import fs from 'node:fs';
import type { Database } from '../db';
import { exportPrivateKey, generateKeyPair, importPrivateKey, issueCertificate, parseCertificates, type Authority } from './certificates';
import { x509 } from './engine';
import { insertTestAuthorities, listTestAuthorities, type StoredAuthority } from './store';

/**
 * The certificates Dargah trusts: roots (trust anchors) and intermediates (path elements that
 * must chain to a root). In production they come from configured files (the national root and its
 * intermediates); in development and tests, from the test authorities below. Production refuses
 * to start when a configured file holds a test certificate.
 */
export class TrustStore {
  constructor(
    readonly roots: readonly x509.X509Certificate[],
    readonly intermediates: readonly x509.X509Certificate[] = [],
  ) {}

  get size(): number {
    return this.roots.length + this.intermediates.length;
  }

  hasTestCertificate(): boolean {
    return [...this.roots, ...this.intermediates].some(isTestCertificate);
  }

  /** PEM bundles or DER files; a file that holds no certificate stops the start. */
  static fromFiles(rootFiles: readonly string[], intermediateFiles: readonly string[] = []): TrustStore {
    const read = (f: string) => {
      const certs = parseCertificates(fs.readFileSync(f));
      if (certs.length === 0) throw new Error(`${f}: no certificate found`);
      return certs;
    };
    return new TrustStore(rootFiles.flatMap(read), intermediateFiles.flatMap(read));
  }
}

/** Every test certificate's subject says so; production refuses any certificate marked like this. */
export const TEST_MARK = 'not for production';
export const TEST_SUBJECTS = {
  root: `CN=Dargah TEST Root — ${TEST_MARK}, O=Dargah TEST, C=IR`,
  intermediate: `CN=Dargah TEST Intermediate CA — ${TEST_MARK}, O=Dargah TEST, C=IR`,
  tsa: `CN=Dargah TEST Timestamp Authority — ${TEST_MARK}, O=Dargah TEST, C=IR`,
} as const;

export function isTestCertificate(c: x509.X509Certificate): boolean {
  return c.subject.includes(TEST_MARK) || c.subject.includes('Dargah TEST');
}

/** The test root, the intermediate that issues signers' certificates, and the test timestamp authority. */
export interface TestAuthorities {
  root: Authority;
  intermediate: Authority;
  tsa: Authority;
}

const YEAR = 365 * 86_400_000;

/** New test authorities in memory (tests and the bench); RSA-2048 CAs as the national PKI is assumed to use, an ECDSA P-256 TSA. */
export async function createTestAuthorities(now: Date): Promise<TestAuthorities> {
  const notBefore = new Date(now.getTime() - 86_400_000);
  const rk = await generateKeyPair('rsa-2048');
  const root = { certificate: await issueCertificate({ selfSigned: rk }, { subject: TEST_SUBJECTS.root, publicKey: rk.publicKey, profile: 'root', notBefore, notAfter: new Date(now.getTime() + 20 * YEAR) }), privateKey: rk.privateKey };
  const ik = await generateKeyPair('rsa-2048');
  const intermediate = { certificate: await issueCertificate(root, { subject: TEST_SUBJECTS.intermediate, publicKey: ik.publicKey, profile: 'intermediate', notBefore, notAfter: new Date(now.getTime() + 10 * YEAR) }), privateKey: ik.privateKey };
  const tk = await generateKeyPair('ecdsa-p256');
  const tsa = { certificate: await issueCertificate(intermediate, { subject: TEST_SUBJECTS.tsa, publicKey: tk.publicKey, profile: 'timestamping', notBefore, notAfter: new Date(now.getTime() + 10 * YEAR) }), privateKey: tk.privateKey };
  return { root, intermediate, tsa };
}

/**
 * The test authorities of this deployment: read from the database, or created at first start and
 * written there, so that every process (several nodes on one PostgreSQL) trusts and issues with the
 * same ones. Two processes starting at once both generate; the first insert wins and both read it.
 */
export async function ensureTestAuthorities(database: Database, now: Date): Promise<TestAuthorities> {
  let stored = await listTestAuthorities(database.db);
  if (stored.length === 0) {
    const fresh = await createTestAuthorities(now);
    const items: StoredAuthority[] = [];
    for (const name of ['root', 'intermediate', 'tsa'] as const) {
      items.push({ name, certificate: new Uint8Array(fresh[name].certificate.rawData), privateKey: await exportPrivateKey(fresh[name].privateKey) });
    }
    await insertTestAuthorities(database.db, items, now);
    stored = await listTestAuthorities(database.db);
  }
  const load = async (name: StoredAuthority['name']): Promise<Authority> => {
    const s = stored.find((x) => x.name === name);
    if (!s) throw new Error(`test authority ${name} missing from pki_test_authorities`);
    return { certificate: new x509.X509Certificate(s.certificate), privateKey: await importPrivateKey(s.privateKey, false) };
  };
  return { root: await load('root'), intermediate: await load('intermediate'), tsa: await load('tsa') };
}

export function testTrustStore(t: TestAuthorities): TrustStore {
  return new TrustStore([t.root.certificate], [t.intermediate.certificate]);
}

/** The PEM bundle of the test root and intermediate (what `openssl -CAfile` and `pdfsig` are given). */
export function trustBundlePem(store: TrustStore): string {
  return [...store.roots, ...store.intermediates].map((c) => c.toString('pem')).join('\n') + '\n';
}
