import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCertificate } from './certificates';
import { signDetached } from './cms';
import { createOcspClient } from './ocsp';
import { openssl, privateKeyPem, tempDir, testSigner } from './test-support';
import { createTestAuthorities, testTrustStore, type TestAuthorities } from './trust-store';
import { verifyDetached } from './verify';
import type { x509 } from './engine';

/**
 * The live OCSP client against OpenSSL's OCSP responder (`openssl ocsp -index`), which no one here
 * wrote: good and revoked answers, and "unknown" for everything it must not believe (no responder
 * named, a responder signing with a key the issuer never authorised, garbage, an HTTP error).
 */
let ca: TestAuthorities;
let stranger: TestAuthorities;
let dir: string;
const responders: ChildProcess[] = [];
let port: number;
let forgedPort: number;
let junk: http.Server;
let junkUrl: string;

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const p = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return p;
}

const expiry = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';

async function startResponder(signer: TestAuthorities['intermediate'], p: number, index: string): Promise<void> {
  const cert = path.join(dir, `rsigner-${p}.pem`);
  const key = path.join(dir, `rsigner-${p}.key`);
  fs.writeFileSync(cert, signer.certificate.toString('pem'));
  fs.writeFileSync(key, await privateKeyPem(signer.privateKey));
  const caFile = path.join(dir, 'ca-inter.pem');
  fs.writeFileSync(caFile, ca.intermediate.certificate.toString('pem'));
  const child = spawn('/usr/bin/openssl', ['ocsp', '-index', index, '-port', String(p), '-rsigner', cert, '-rkey', key, '-CA', caFile, '-nmin', '10', '-ignore_err'], { stdio: ['ignore', 'pipe', 'pipe'] });
  responders.push(child);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('openssl ocsp did not start')), 10_000);
    const onData = (b: Buffer) => {
      if (/ACCEPT|waiting for OCSP client connections/i.test(b.toString())) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stderr.on('data', onData);
    child.stdout.on('data', onData);
  });
}

let good: Awaited<ReturnType<typeof testSigner>>;
let revoked: Awaited<ReturnType<typeof testSigner>>;
const revokedAt = new Date(Date.now() - 3_600_000);

beforeAll(async () => {
  ca = await createTestAuthorities(new Date());
  stranger = await createTestAuthorities(new Date());
  dir = tempDir();
  port = await freePort();
  forgedPort = await freePort();
  good = await testSigner(ca, 'ecdsa-p256', { ocspUrl: `http://127.0.0.1:${port}/` });
  revoked = await testSigner(ca, 'rsa-2048', { ocspUrl: `http://127.0.0.1:${port}/` });
  const line = (status: string, c: x509.X509Certificate, rev = '') => [status, expiry(c.notAfter), rev, c.serialNumber.toUpperCase(), 'unknown', '/CN=x'].join('\t');
  const index = path.join(dir, 'index.txt');
  fs.writeFileSync(index, `${line('V', good.certificate)}\n${line('R', revoked.certificate, expiry(revokedAt))}\n`);
  await startResponder(ca.intermediate, port, index);
  await startResponder(stranger.intermediate, forgedPort, index);
  junk = http.createServer((req, res) => {
    res.writeHead(req.url === '/error' ? 500 : 200, { 'content-type': 'application/ocsp-response' });
    res.end(Buffer.from('not an OCSP response'));
  });
  await new Promise<void>((r) => junk.listen(0, '127.0.0.1', r));
  junkUrl = `http://127.0.0.1:${(junk.address() as net.AddressInfo).port}`;
}, 60_000);

afterAll(() => {
  for (const r of responders) r.kill();
  junk.close();
});

const client = createOcspClient({ now: () => new Date() });

describe('the OCSP client and openssl ocsp', () => {
  it('good and revoked (with the revocation time), signed by the issuing CA', async () => {
    expect(await client.status(good.certificate, ca.intermediate.certificate)).toEqual({ status: 'good', source: 'ocsp' });
    const r = await client.status(revoked.certificate, ca.intermediate.certificate);
    expect(r).toMatchObject({ status: 'revoked', source: 'ocsp' });
    expect(Math.abs(r.revokedAt!.getTime() - revokedAt.getTime())).toBeLessThan(1000);
  });

  it('a verification asking it reports the revoked signer revoked', async () => {
    const doc = new Uint8Array(Buffer.from('x'));
    const opts = { trust: testTrustStore(ca), now: new Date(), revocation: client };
    expect((await verifyDetached(await signDetached(doc, revoked), doc, opts)).verdict).toBe('revoked');
    // The intermediate names no responder: its status stays unknown, the signer's is good.
    expect((await verifyDetached(await signDetached(doc, good), doc, opts)).signers[0]).toMatchObject({ verdict: 'valid', revocation: 'unknown' });
  });

  it('unknown when the answer is signed by a key the issuer never authorised', async () => {
    // The revoked certificate's twin (same serial) naming the responder that signs with another CA's key.
    const twin = await issueCertificate(ca.intermediate, { subject: revoked.certificate.subject, publicKey: revoked.keys.publicKey, profile: 'signer', notBefore: revoked.certificate.notBefore, notAfter: revoked.certificate.notAfter, serialNumber: revoked.certificate.serialNumber, ocspUrl: `http://127.0.0.1:${forgedPort}/` });
    expect(await client.status(twin, ca.intermediate.certificate)).toEqual({ status: 'unknown', source: 'none' });
    // The responder did answer (OpenSSL's client, told not to verify, reads "revoked" from it).
    const twinFile = path.join(dir, 'twin.pem');
    fs.writeFileSync(twinFile, twin.toString('pem'));
    const asked = await openssl(['ocsp', '-issuer', path.join(dir, 'ca-inter.pem'), '-cert', twinFile, '-url', `http://127.0.0.1:${forgedPort}/`, '-noverify']);
    expect(asked.out).toMatch(/revoked/);
  });

  it('unknown without a responder, for garbage, an HTTP error or a closed port', async () => {
    const none = await testSigner(ca, 'ecdsa-p256');
    expect((await client.status(none.certificate, ca.intermediate.certificate)).status).toBe('unknown');
    for (const url of [`${junkUrl}/`, `${junkUrl}/error`, `http://127.0.0.1:${await freePort()}/`]) {
      const s = await testSigner(ca, 'ecdsa-p256', { ocspUrl: url });
      expect((await client.status(s.certificate, ca.intermediate.certificate)).status, url).toBe('unknown');
    }
  });
});
