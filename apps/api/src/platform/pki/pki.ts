import fs from 'node:fs';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Database } from '../db';
import type { IntegrationRegistry } from '../integrations';
import type { JobRegistry } from '../jobs';
import { importPrivateKey, issueCertificate, keyMatchesCertificate, parseCertificate } from './certificates';
import type { CryptoKey } from './engine';
import { acceptExternalPdfSignature, signedContent, signPdf, verifyPdf, type PdfSignatureInfo, type PdfVerification, type PreparedPdf } from './pades';
import { assembleCms, timestampCms, type ExternalSigner } from './external';
import { createOcspClient } from './ocsp';
import { signDetached, type SignerCredentials } from './cms';
import { combinedRevocation, createCrlRefreshJob, createOcspSimulator, CrlCache, distributionPoints, type OcspClient } from './revocation';
import { OID, x509 } from './engine';
import { ensureTestAuthorities, isTestCertificate, testTrustStore, TrustStore, type TestAuthorities } from './trust-store';
import { createTimestampAuthority, type TimestampAuthority } from './tsa';
import { checkSigningCertificate, type SignerCheck } from './signer-check';
import type { VerdictCode } from './verdicts';
import { verifyDetached, type Verification } from './verify';

/**
 * The platform's PKI for one process: the trust store, the timestamp authority, revocation (CRLs
 * refreshed by the pki.crl.refresh job, OCSP behind an interface), and signing and verifying
 * detached CMS with them. Built at start (bootstrap.ts); the development test authorities are read
 * from (or created in) the database on first use, so a test that never signs pays nothing.
 */
export interface PkiConfig {
  NODE_ENV: 'development' | 'test' | 'production';
  PKI_TRUST_ROOT_FILES: string[];
  PKI_TRUST_INTERMEDIATE_FILES: string[];
  PKI_TSA_CERT_FILE?: string | undefined;
  PKI_TSA_KEY_FILE?: string | undefined;
  PKI_CRL_URLS: string[];
  PKI_CRL_REFRESH_MINUTES: number;
  PKI_OCSP_PROVIDER: 'simulator' | 'live';
  PKI_REQUIRE_REVOCATION: boolean;
}

/** Signing refused before any signature was made: the certificate's reason, as a verdict code. */
export class SignerRefused extends Error {
  constructor(
    readonly reason: VerdictCode | 'key_mismatch',
    readonly detail: string,
  ) {
    super(`signing refused: ${reason}`);
    this.name = 'SignerRefused';
  }
}

export interface PkiMaterial {
  trust: TrustStore;
  /** Absent in production without PKI_TSA_* files: signatures are then made without a timestamp. */
  tsa?: TimestampAuthority;
  /** Development and tests only: the authorities that issue demo signers' certificates. */
  test?: TestAuthorities;
}

export class Pki {
  private material: Promise<PkiMaterial> | undefined;
  readonly crls: CrlCache;
  readonly ocsp: OcspClient;

  constructor(
    private readonly config: PkiConfig,
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly load: () => Promise<PkiMaterial>,
    /** The trust store comes from configured files (not the test authorities). */
    private readonly fromFiles: boolean,
  ) {
    this.crls = new CrlCache(database, clock);
    this.ocsp = config.PKI_OCSP_PROVIDER === 'live' ? createOcspClient({ now: () => clock.now() }) : createOcspSimulator(this.crls);
  }

  /** The trust store, TSA and test authorities; loaded once (production reads files at start). */
  ready(): Promise<PkiMaterial> {
    this.material ??= this.load().catch((err: unknown) => {
      this.material = undefined;
      throw err;
    });
    return this.material;
  }

  /** Whether this certificate may sign now (trusted, for signing, valid, not revoked). */
  async checkSigner(signer: Pick<SignerCredentials, 'certificate' | 'chain'>): Promise<SignerCheck> {
    const { trust } = await this.ready();
    return checkSigningCertificate(signer.certificate, signer.chain ?? [], { trust, now: this.clock.now(), revocation: this.revocation() });
  }

  /** Signs after checkSigner; a refused certificate is a SignerRefused with the reason. */
  async sign(content: Uint8Array, signer: SignerCredentials, opts: { signingTime?: Date } = {}): Promise<Uint8Array> {
    const check = await this.checkSigner(signer);
    if (!check.ok) throw new SignerRefused(check.reason, check.detail);
    const { tsa } = await this.ready();
    return signDetached(content, signer, { ...(tsa ? { tsa } : {}), ...opts });
  }

  /**
   * PAdES over a PDF (an incremental update), after checkSigner like `sign`: a refused certificate is
   * a SignerRefused with the reason. /M is the clock's now; the timestamp, when a TSA is configured,
   * proves it.
   */
  async signPdf(pdf: Uint8Array, signer: SignerCredentials, info: PdfSignatureInfo): Promise<Uint8Array> {
    const check = await this.checkSigner(signer);
    if (!check.ok) throw new SignerRefused(check.reason, check.detail);
    const { tsa } = await this.ready();
    return signPdf(pdf, signer, info, { ...(tsa ? { tsa } : {}), signingTime: this.clock.now() });
  }

  /** Every signature of a PDF against the trust store and revocation; never throws (see verifyPdf). */
  async verifyPdf(pdf: Uint8Array): Promise<PdfVerification> {
    const { trust } = await this.ready();
    return verifyPdf(pdf, { trust, revocation: this.revocation(), now: this.clock.now(), requireRevocation: this.config.PKI_REQUIRE_REVOCATION });
  }

  /**
   * An external signer's answer for a prepared PDF (external.ts): the device's own CMS (given the
   * signature timestamp here when it has none) or a bare signature value over the signed attributes
   * of `externalSigningRequest`, verified like any signature (chain, key usage, validity, revocation,
   * the bytes) before it is embedded; refused with its verdict otherwise.
   */
  async acceptExternalPdf(prepared: PreparedPdf, answer: { cms: Uint8Array } | { signatureValue: Uint8Array; signer: ExternalSigner }): ReturnType<typeof acceptExternalPdfSignature> {
    const { trust, tsa } = await this.ready();
    let cms = 'cms' in answer ? answer.cms : await assembleCms(signedContent(prepared), answer.signer, answer.signatureValue, tsa);
    if ('cms' in answer && tsa) cms = await timestampCms(cms, tsa);
    return acceptExternalPdfSignature(prepared, cms, { trust, revocation: this.revocation(), now: this.clock.now(), requireRevocation: this.config.PKI_REQUIRE_REVOCATION });
  }

  /**
   * Development and tests only: a document signer's certificate from the test intermediate (valid
   * from a day ago for `days`). Undefined where the trust store comes from files: a real CA then
   * issues signers' certificates from their CSRs.
   */
  async issueTestSignerCertificate(publicKey: CryptoKey, subject: string, days = 365): Promise<{ certificate: x509.X509Certificate; chain: x509.X509Certificate[] } | undefined> {
    const { test } = await this.ready();
    if (!test) return undefined;
    const now = this.clock.now().getTime();
    const certificate = await issueCertificate(test.intermediate, {
      subject,
      publicKey,
      profile: 'signer',
      notBefore: new Date(now - 86_400_000),
      notAfter: new Date(now + days * 86_400_000),
    });
    return { certificate, chain: [test.intermediate.certificate] };
  }

  private revocation() {
    return combinedRevocation(this.crls, this.ocsp);
  }

  async verify(signature: Uint8Array, content: Uint8Array): Promise<Verification> {
    const { trust } = await this.ready();
    return verifyDetached(signature, content, {
      trust,
      revocation: this.revocation(),
      now: this.clock.now(),
      requireRevocation: this.config.PKI_REQUIRE_REVOCATION,
    });
  }

  /** Registers the CRL job (every PKI_CRL_REFRESH_MINUTES) and the OCSP client in /readyz's list. */
  register(jobs: JobRegistry, integrations: IntegrationRegistry): void {
    integrations.register({ name: 'ocsp', mode: this.ocsp.mode, description: this.ocsp.description });
    jobs.every(
      createCrlRefreshJob({
        trust: async () => (await this.ready()).trust,
        // The test intermediate names no distribution point: only configured trust stores are read for theirs.
        urls: async () => [...new Set([...this.config.PKI_CRL_URLS, ...(this.fromFiles ? distributionPoints((await this.ready()).trust.intermediates) : [])])],
        onStored: () => this.crls.invalidate(),
      }),
      this.config.PKI_CRL_REFRESH_MINUTES * 60_000,
      {},
    );
  }
}

/**
 * Production: the trust store and the TSA from the configured files, read now, and refused when any
 * certificate is a test one. Development and tests: the test authorities from the database.
 */
export function createPki(config: PkiConfig, database: Database, clock: Clock, log: Logger): Pki {
  const files = config.PKI_TRUST_ROOT_FILES.length > 0;
  if (config.NODE_ENV === 'production' || files) {
    const trust = TrustStore.fromFiles(config.PKI_TRUST_ROOT_FILES, config.PKI_TRUST_INTERMEDIATE_FILES);
    if (config.NODE_ENV === 'production' && trust.hasTestCertificate()) {
      throw new Error('PKI_TRUST_ROOT_FILES / PKI_TRUST_INTERMEDIATE_FILES hold a Dargah TEST certificate: refused in production');
    }
    if (config.NODE_ENV === 'production' && trust.size === 0) log.warn('PKI_TRUST_ROOT_FILES is not set: no signature will verify as valid');
    const tsaFiles = config.PKI_TSA_CERT_FILE && config.PKI_TSA_KEY_FILE ? readAuthorityFiles(config.PKI_TSA_CERT_FILE, config.PKI_TSA_KEY_FILE) : undefined;
    if (config.NODE_ENV === 'production' && tsaFiles && isTestCertificate(tsaFiles.certificate)) throw new Error('PKI_TSA_CERT_FILE is a Dargah TEST certificate: refused in production');
    return new Pki(
      config,
      database,
      clock,
      async () => {
        if (!tsaFiles) return { trust };
        const authority = { certificate: tsaFiles.certificate, privateKey: await importPrivateKey(tsaFiles.keyDer, false) };
        if (!(await keyMatchesCertificate(await importPrivateKey(tsaFiles.keyDer), authority.certificate))) throw new Error('PKI_TSA_KEY_FILE is not the key of PKI_TSA_CERT_FILE');
        if (!tsaFiles.certificate.getExtension(x509.ExtendedKeyUsageExtension)?.usages.some((u) => String(u) === OID.ekuTimeStamping)) throw new Error('PKI_TSA_CERT_FILE lacks the timeStamping extended key usage');
        return { trust, tsa: createTimestampAuthority(authority, { now: () => clock.now() }) };
      },
      true,
    );
  }
  return new Pki(
    config,
    database,
    clock,
    async () => {
      const test = await ensureTestAuthorities(database, clock.now());
      return { trust: testTrustStore(test), tsa: createTimestampAuthority(test.tsa, { now: () => clock.now() }), test };
    },
    false,
  );
}

/** A certificate (PEM or DER) and its PKCS#8 private key (PEM or DER), read now. */
function readAuthorityFiles(certFile: string, keyFile: string): { certificate: x509.X509Certificate; keyDer: Uint8Array } {
  const certificate = parseCertificate(fs.readFileSync(certFile));
  const key = fs.readFileSync(keyFile);
  const text = key.toString('latin1');
  const keyDer = text.includes('-----BEGIN') ? Buffer.from(text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64') : key;
  return { certificate, keyDer: new Uint8Array(keyDer) };
}
