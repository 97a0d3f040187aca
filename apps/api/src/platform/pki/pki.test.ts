import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { loadConfig } from '../../config';
import { rows } from '../db';
import { issueCrl } from './certificates';
import { x509 } from './engine';
import { signDetached } from './cms';
import { createPki, SignerRefused } from './pki';
import { CRL_REFRESH_KIND } from './revocation';
import { privateKeyPem, tempDir, testSigner } from './test-support';
import { createTestAuthorities, TEST_SUBJECTS, trustBundlePem, testTrustStore, type TestAuthorities } from './trust-store';

/**
 * platform/pki in a running app: the test authorities created once and shared by two processes
 * over one database, the OCSP simulator listed in /readyz, a revoked certificate reported revoked
 * after the CRL job runs (and not before), CRLs refused when no trusted CA signed them, and
 * production's refusal of test certificates.
 */
let crlBody: Buffer | string = 'not yet';
let crlStatus = 404;
/** The root's list (revoking intermediates), served beside the intermediate's. */
let rootCrl: Buffer | undefined;
let server: http.Server;
let url: string;
let rootUrl: string;
let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const root = req.url === '/test-root.crl';
    res.writeHead(root ? (rootCrl ? 200 : 404) : crlStatus, { 'content-type': 'application/pkix-crl' });
    res.end(root ? (rootCrl ?? '') : crlBody);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  url = `${origin}/test-intermediate.crl`;
  rootUrl = `${origin}/test-root.crl`;
  a = await buildTestApp({ PKI_CRL_URLS: `${url},${rootUrl}` });
  b = await buildTestApp({ PKI_CRL_URLS: `${url},${rootUrl}` }, a);
});
afterAll(async () => {
  await b.close();
  await a.close();
  server.close();
});

const runCrlJob = async () => {
  await a.ctx.runner!.scheduleRecurring();
  await a.ctx.runner!.runDue();
};

describe('the development test authorities', () => {
  it('are created at first use, stored once, and the same for every process over the database', async () => {
    const [x, y] = await Promise.all([a.ctx.pki.ready(), b.ctx.pki.ready()]);
    expect(x.test!.root.certificate.subject).toBe(TEST_SUBJECTS.root);
    expect(x.test!.root.certificate.subject).toContain('not for production');
    expect(y.test!.root.certificate.rawData).toEqual(x.test!.root.certificate.rawData);
    expect(y.test!.tsa.certificate.rawData).toEqual(x.test!.tsa.certificate.rawData);
    const stored = await rows<{ n: number }>(a.ctx.database.db, sql`SELECT count(*)::int AS n FROM pki_test_authorities`);
    expect(stored[0]!.n).toBe(3);
    // A signature made by one process verifies in the other.
    const signer = await testSigner(x.test!, 'ecdsa-p256', { now: a.clock.now() });
    const sig = await a.ctx.pki.sign(Buffer.from('x'), signer);
    expect((await b.ctx.pki.verify(sig, Buffer.from('x'))).signers[0]).toMatchObject({ verdict: 'valid', timestamped: true });
  });

  it('the OCSP client is listed with the other simulators in /readyz', async () => {
    const res = await a.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.json().simulators).toContain('ocsp');
  });
});

describe('revocation by CRL, refreshed by the pki.crl.refresh job', () => {
  it('a revoked certificate is valid before the job runs and revoked after; others stay good', async () => {
    const { test } = await a.ctx.pki.ready();
    const now = a.clock.now();
    const revoked = await testSigner(test!, 'rsa-2048', { now });
    const kept = await testSigner(test!, 'ecdsa-p256', { now });
    const doc = Buffer.from('letter 1404/123');
    const sigRevoked = await a.ctx.pki.sign(doc, revoked);
    const sigKept = await a.ctx.pki.sign(doc, kept);
    expect((await a.ctx.pki.verify(sigRevoked, doc)).signers[0]).toMatchObject({ verdict: 'valid', revocation: 'unknown' });

    // The CA revokes it; the job fails while the list cannot be had, and records why.
    await runCrlJob();
    const failed = await rows<{ lastError: string }>(a.ctx.database.db, sql`SELECT last_error AS "lastError" FROM pki_crls WHERE url = ${url}`);
    expect(failed[0]!.lastError).toMatch(/HTTP 404/);
    expect((await a.ctx.pki.verify(sigRevoked, doc)).verdict).toBe('valid');

    const crl = await issueCrl(test!.intermediate, [{ serialNumber: revoked.certificate.serialNumber, revokedAt: now, reason: x509.X509CrlReason.keyCompromise }], now, new Date(now.getTime() + 86_400_000));
    crlBody = Buffer.from(crl.rawData);
    crlStatus = 200;
    rootCrl = Buffer.from((await issueCrl(test!.root, [], now, new Date(now.getTime() + 86_400_000))).rawData);
    a.clock.advance(3_600_000);
    await runCrlJob();
    const later = await a.ctx.pki.verify(sigRevoked, doc);
    expect(later.verdict).toBe('revoked');
    expect(later.signers[0]!.revocation).toBe('revoked');
    expect((await a.ctx.pki.verify(sigKept, doc)).signers[0]).toMatchObject({ verdict: 'valid', revocation: 'good' });
    // The other process reads the same list from the database.
    b.ctx.pki.crls.invalidate();
    expect((await b.ctx.pki.verify(sigRevoked, doc)).verdict).toBe('revoked');
    // And the OCSP simulator answers from what the CA published.
    expect(await a.ctx.pki.ocsp.status(revoked.certificate, test!.intermediate.certificate)).toMatchObject({ status: 'revoked', source: 'ocsp' });
    expect(await a.ctx.pki.ocsp.status(kept.certificate, test!.intermediate.certificate)).toMatchObject({ status: 'good' });
    // And signing with the revoked certificate is refused with the reason.
    await expect(a.ctx.pki.sign(doc, revoked)).rejects.toSatisfy((e) => e instanceof SignerRefused && e.reason === 'revoked');
    expect(await a.ctx.pki.checkSigner(kept)).toMatchObject({ ok: true });
  });

  it('keeps the last good list when a CRL signed by an untrusted CA, garbage or an older list is served', async () => {
    const { test } = await a.ctx.pki.ready();
    const stranger: TestAuthorities = await createTestAuthorities(a.clock.now());
    const before = await rows<{ der: string }>(a.ctx.database.db, sql`SELECT encode(der, 'hex') AS der FROM pki_crls WHERE url = ${url}`);
    for (const body of [
      Buffer.from((await issueCrl(stranger.intermediate, [], a.clock.now(), new Date(a.clock.now().getTime() + 86_400_000))).rawData),
      Buffer.from('garbage\u0000'.repeat(100)),
    ]) {
      crlBody = body;
      a.clock.advance(3_600_000);
      await runCrlJob();
      const after = await rows<{ der: string; lastError: string }>(a.ctx.database.db, sql`SELECT encode(der, 'hex') AS der, last_error AS "lastError" FROM pki_crls WHERE url = ${url}`);
      expect(after[0]!.der).toBe(before[0]!.der);
      expect(after[0]!.lastError).toBeTruthy();
    }
    // An older list than the stored one does not replace it.
    const old = await issueCrl(test!.intermediate, [], new Date(a.clock.now().getTime() - 30 * 86_400_000), new Date(a.clock.now().getTime() - 29 * 86_400_000));
    crlBody = Buffer.from(old.rawData);
    a.clock.advance(3_600_000);
    await runCrlJob();
    const after = await rows<{ der: string }>(a.ctx.database.db, sql`SELECT encode(der, 'hex') AS der FROM pki_crls WHERE url = ${url}`);
    expect(after[0]!.der).toBe(before[0]!.der);
    const job = await rows<{ n: number }>(a.ctx.database.db, sql`SELECT count(*)::int AS n FROM jobs WHERE kind = ${CRL_REFRESH_KIND}`);
    expect(job[0]!.n).toBeGreaterThan(0);
  });
});

describe('production', () => {
  const base = { NODE_ENV: 'production', ADMIN_API_TOKEN: 'x'.repeat(32), AUDIT_SIGNING_KEY_FILE: '/dev/null' } as const;
  const log = pino({ level: 'silent' });

  it('refuses to start with a test root or a test TSA, and starts with other roots', async () => {
    const dir = tempDir();
    const test = await createTestAuthorities(new Date());
    const testFile = path.join(dir, 'test-roots.pem');
    fs.writeFileSync(testFile, trustBundlePem(testTrustStore(test)));
    const config = loadConfig({ ...base, PKI_TRUST_ROOT_FILES: testFile });
    expect(() => createPki(config, a.ctx.database, a.clock, log)).toThrow(/TEST certificate: refused in production/);

    // A root that is not marked as a test root (as the national root would be).
    const { generateKeyPair, issueCertificate } = await import('./certificates');
    const keys = await generateKeyPair('rsa-2048');
    const root = await issueCertificate({ selfSigned: keys }, { subject: 'CN=Example National Root, C=IR', publicKey: keys.publicKey, profile: 'root', notBefore: new Date(), notAfter: new Date(Date.now() + 86_400_000) });
    const rootFile = path.join(dir, 'root.pem');
    fs.writeFileSync(rootFile, root.toString('pem'));
    const tsaCert = path.join(dir, 'tsa.pem');
    const tsaKey = path.join(dir, 'tsa.key');
    fs.writeFileSync(tsaCert, test.tsa.certificate.toString('pem'));
    fs.writeFileSync(tsaKey, 'unused');
    expect(() => createPki(loadConfig({ ...base, PKI_TRUST_ROOT_FILES: rootFile, PKI_TSA_CERT_FILE: tsaCert, PKI_TSA_KEY_FILE: tsaKey }), a.ctx.database, a.clock, log)).toThrow(/PKI_TSA_CERT_FILE is a Dargah TEST certificate/);
    // A timestamp authority of that root: its key must be the certificate's, its certificate for timestamping.
    const tsaKeys = await generateKeyPair('ecdsa-p256');
    const national = { certificate: root, privateKey: keys.privateKey };
    const realTsa = await issueCertificate(national, { subject: 'CN=Example TSA, C=IR', publicKey: tsaKeys.publicKey, profile: 'timestamping', notBefore: new Date(), notAfter: new Date(Date.now() + 86_400_000) });
    fs.writeFileSync(tsaCert, realTsa.toString('pem'));
    fs.writeFileSync(tsaKey, await privateKeyPem(tsaKeys.privateKey));
    const withTsa = createPki(loadConfig({ ...base, PKI_TRUST_ROOT_FILES: rootFile, PKI_TSA_CERT_FILE: tsaCert, PKI_TSA_KEY_FILE: tsaKey }), a.ctx.database, a.clock, log);
    expect((await withTsa.ready()).tsa).toBeDefined();
    fs.writeFileSync(tsaKey, await privateKeyPem(keys.privateKey));
    const wrongKey = createPki(loadConfig({ ...base, PKI_TRUST_ROOT_FILES: rootFile, PKI_TSA_CERT_FILE: tsaCert, PKI_TSA_KEY_FILE: tsaKey }), a.ctx.database, a.clock, log);
    await expect(wrongKey.ready()).rejects.toThrow(/not the key of PKI_TSA_CERT_FILE/);
    const pki = createPki(loadConfig({ ...base, PKI_TRUST_ROOT_FILES: rootFile }), a.ctx.database, a.clock, log);
    const material = await pki.ready();
    expect(material.test).toBeUndefined();
    expect(material.tsa).toBeUndefined();
    expect(material.trust.roots.map((r) => r.subject)).toEqual(['CN=Example National Root, C=IR']);
    // A signer of the test CA is an unknown issuer there: refused before signing, and so verified.
    const signer = await testSigner(test, 'ecdsa-p256');
    await expect(pki.sign(Buffer.from('x'), signer)).rejects.toSatisfy((e) => e instanceof SignerRefused && e.reason === 'unknown_issuer');
    expect((await pki.verify(await signDetached(Buffer.from('x'), signer), Buffer.from('x'))).verdict).toBe('unknown_issuer');
  });

  it('a trust file that holds no certificate, or a TSA certificate without its key, stops the start', () => {
    const dir = tempDir();
    const empty = path.join(dir, 'empty.pem');
    fs.writeFileSync(empty, 'no certificate here');
    expect(() => createPki(loadConfig({ ...base, PKI_TRUST_ROOT_FILES: empty }), a.ctx.database, a.clock, log)).toThrow();
    expect(() => loadConfig({ ...base, PKI_TSA_CERT_FILE: empty })).toThrow(/set both or neither/);
  });
});
