import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCsr, generateKeyPair, keyMatchesCertificate, parseCertificate } from './certificates';
import { signDetached } from './cms';
import { OID, pkijs, toArrayBuffer, type CryptoKey } from './engine';
import { importPkcs12, Pkcs12Error } from './pkcs12';
import { openssl, privateKeyPem, tempDir, testSigner } from './test-support';
import { createTestAuthorities, testTrustStore, trustBundlePem, type TestAuthorities } from './trust-store';
import { createTimestampAuthority, respondToTimestampRequest, type TimestampAuthority } from './tsa';
import { verifyDetached } from './verify';

/**
 * Interoperability with a tool no one here wrote (OpenSSL 3 at /usr/bin/openssl): it verifies
 * Dargah's detached signatures and timestamps, Dargah verifies its signatures, a CSR Dargah makes
 * is one OpenSSL's CA signs, and a PKCS#12 OpenSSL exports imports here.
 */
let ca: TestAuthorities;
let tsa: TimestampAuthority;
let dir: string;
let caFile: string;
const content = Buffer.from('نامه شماره ۱۲۳ — Dargah detached content\n'.repeat(50), 'utf8');

beforeAll(async () => {
  ca = await createTestAuthorities(new Date());
  tsa = createTimestampAuthority(ca.tsa, { now: () => new Date() });
  dir = tempDir();
  caFile = path.join(dir, 'ca.pem');
  fs.writeFileSync(caFile, trustBundlePem(testTrustStore(ca)));
  fs.writeFileSync(path.join(dir, 'content.bin'), content);
  fs.writeFileSync(path.join(dir, 'altered.bin'), Buffer.concat([content.subarray(0, 100), Buffer.from([content[100]! ^ 1]), content.subarray(101)]));
});

const cmsVerify = (sig: string, data: string) =>
  openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', sig, '-content', data, '-CAfile', caFile, '-out', path.join(dir, 'out.bin')]);

describe('openssl cms -verify and Dargah’s detached signatures', () => {
  for (const alg of ['rsa-2048', 'ecdsa-p256'] as const) {
    it(`accepts a ${alg} signature with a timestamp, and rejects it after one byte of the content changes`, async () => {
      const signer = await testSigner(ca, alg);
      const sig = path.join(dir, `${alg}.p7s`);
      fs.writeFileSync(sig, await signDetached(content, signer, { tsa, signingTime: new Date() }));
      const ok = await cmsVerify(sig, path.join(dir, 'content.bin'));
      expect(ok.out).toContain('Verification successful');
      expect(ok.code).toBe(0);
      const bad = await cmsVerify(sig, path.join(dir, 'altered.bin'));
      expect(bad.code).not.toBe(0);
      expect(bad.out).toMatch(/digest failure|Verification failure/i);
    });
  }

  it('rejects a signature whose signer chains to another root', async () => {
    const other = await createTestAuthorities(new Date());
    const sig = path.join(dir, 'other.p7s');
    fs.writeFileSync(sig, await signDetached(content, await testSigner(other, 'ecdsa-p256')));
    const res = await cmsVerify(sig, path.join(dir, 'content.bin'));
    expect(res.code).not.toBe(0);
    expect(res.out).toMatch(/certificate verify error|unable to get/i);
  });
});

describe('Dargah verifies openssl cms -sign', () => {
  for (const alg of ['rsa-2048', 'ecdsa-p256'] as const) {
    it(`accepts ${alg} signatures made by OpenSSL and says "altered" when the content or the signature changes`, async () => {
      const signer = await testSigner(ca, alg);
      const cert = path.join(dir, `os-${alg}.pem`);
      const key = path.join(dir, `os-${alg}.key`);
      fs.writeFileSync(cert, signer.certificate.toString('pem'));
      fs.writeFileSync(key, await privateKeyPem(signer.privateKey));
      const sigFile = path.join(dir, `os-${alg}.p7s`);
      const res = await openssl(['cms', '-sign', '-binary', '-md', 'sha256', '-in', path.join(dir, 'content.bin'), '-signer', cert, '-inkey', key, '-outform', 'DER', '-out', sigFile]);
      expect(res.code, res.out).toBe(0);
      const sig = new Uint8Array(fs.readFileSync(sigFile));
      const opts = { trust: testTrustStore(ca), now: new Date() };
      const good = await verifyDetached(sig, content, opts);
      expect(good.verdict).toBe('valid');
      expect(good.signers[0]!.signer!.subject).toContain(alg);
      expect(good.signers[0]!.claimedSigningTime).toBeDefined();
      expect((await verifyDetached(sig, new Uint8Array(fs.readFileSync(path.join(dir, 'altered.bin'))), opts)).verdict).toBe('altered');
      // The signer named by its subject key identifier instead of issuer and serial (-keyid).
      const byKeyId = path.join(dir, `os-${alg}-keyid.p7s`);
      expect((await openssl(['cms', '-sign', '-binary', '-md', 'sha256', '-keyid', '-in', path.join(dir, 'content.bin'), '-signer', cert, '-inkey', key, '-outform', 'DER', '-out', byKeyId])).code).toBe(0);
      expect((await verifyDetached(new Uint8Array(fs.readFileSync(byKeyId)), content, opts)).verdict).toBe('valid');
      // One byte of the signature value itself (the last bytes of the DER are the signature).
      const tampered = new Uint8Array(sig);
      tampered[tampered.length - 5]! ^= 0x01;
      expect(['altered', 'malformed']).toContain((await verifyDetached(tampered, content, opts)).verdict);
    });
  }
});

describe('openssl ts -verify and Dargah’s timestamp authority', () => {
  it('accepts a response to an OpenSSL timestamp query, nonce and all, and rejects it for other data', async () => {
    const query = path.join(dir, 'q.tsq');
    expect((await openssl(['ts', '-query', '-data', path.join(dir, 'content.bin'), '-sha256', '-cert', '-out', query])).code).toBe(0);
    const resp = path.join(dir, 'r.tsr');
    fs.writeFileSync(resp, await respondToTimestampRequest(tsa, new Uint8Array(fs.readFileSync(query))));
    const ok = await openssl(['ts', '-verify', '-queryfile', query, '-in', resp, '-CAfile', caFile]);
    expect(ok.out).toContain('Verification: OK');
    const other = await openssl(['ts', '-verify', '-data', path.join(dir, 'altered.bin'), '-in', resp, '-CAfile', caFile]);
    expect(other.out).not.toContain('Verification: OK');
  });

  it('accepts the signature-time-stamp inside a Dargah signature, over the signature value', async () => {
    const signer = await testSigner(ca, 'rsa-2048');
    const der = await signDetached(content, signer, { tsa });
    const info = pkijs.ContentInfo.fromBER(toArrayBuffer(der));
    const si = new pkijs.SignedData({ schema: info.content }).signerInfos[0]!;
    const token = si.unsignedAttrs!.attributes.find((a) => a.type === OID.timeStampToken)!.values[0]!;
    const tokenFile = path.join(dir, 'token.der');
    fs.writeFileSync(tokenFile, new Uint8Array(token.toBER(false)));
    const imprint = createHash('sha256').update(new Uint8Array(si.signature.valueBlock.valueHexView)).digest('hex');
    const ok = await openssl(['ts', '-verify', '-token_in', '-in', tokenFile, '-digest', imprint, '-CAfile', caFile]);
    expect(ok.out).toContain('Verification: OK');
    const wrong = await openssl(['ts', '-verify', '-token_in', '-in', tokenFile, '-digest', 'ab'.repeat(32), '-CAfile', caFile]);
    expect(wrong.out).not.toContain('Verification: OK');
  });

  it('answers a request it cannot read with a rejection, not an exception', async () => {
    const resp = pkijs.TimeStampResp.fromBER(toArrayBuffer(await respondToTimestampRequest(tsa, new Uint8Array([0x30, 0x03, 0x02, 0x01]))));
    expect(resp.status.status).toBe(2);
    expect(resp.timeStampToken).toBeUndefined();
  });
});

describe('a signer’s key pair and CSR, a certificate issued by OpenSSL, and PKCS#12', () => {
  for (const alg of ['rsa-2048', 'ecdsa-p256'] as const) {
    it(`makes a ${alg} CSR that openssl req -verify accepts and an OpenSSL CA signs; the issued certificate matches the key and signs`, async () => {
      const keys = await generateKeyPair(alg);
      const csr = await createCsr(keys, 'CN=مریم احمدی, O=Dargah TEST, C=IR');
      const csrFile = path.join(dir, `${alg}.csr`);
      fs.writeFileSync(csrFile, csr.toString('pem'));
      const check = await openssl(['req', '-verify', '-in', csrFile, '-noout']);
      expect(check.out).toMatch(/verify OK|Certificate request self-signature verify OK/);
      // OpenSSL as the CA: the test intermediate's key signs the request.
      const caCert = path.join(dir, 'inter.pem');
      const caKey = path.join(dir, 'inter.key');
      fs.writeFileSync(caCert, ca.intermediate.certificate.toString('pem'));
      fs.writeFileSync(caKey, await privateKeyPem(await exportable(ca)));
      const ext = path.join(dir, 'ext.cnf');
      fs.writeFileSync(ext, 'keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=critical,CA:FALSE\n');
      const issued = path.join(dir, `${alg}-issued.pem`);
      const sign = await openssl(['x509', '-req', '-in', csrFile, '-CA', caCert, '-CAkey', caKey, '-CAcreateserial', '-days', '30', '-sha256', '-extfile', ext, '-out', issued]);
      expect(sign.code, sign.out).toBe(0);
      const certificate = parseCertificate(new Uint8Array(fs.readFileSync(issued)));
      expect(await keyMatchesCertificate(keys.privateKey, certificate)).toBe(true);
      expect(await keyMatchesCertificate(keys.privateKey, ca.intermediate.certificate)).toBe(false);
      const sig = await signDetached(content, { certificate, privateKey: keys.privateKey, chain: [ca.intermediate.certificate] });
      expect((await verifyDetached(sig, content, { trust: testTrustStore(ca), now: new Date() })).verdict).toBe('valid');
    });
  }

  it('imports a PKCS#12 made by openssl pkcs12 -export, and refuses a wrong password or garbage with a reason', async () => {
    const signer = await testSigner(ca, 'rsa-2048');
    const cert = path.join(dir, 'p12.pem');
    const key = path.join(dir, 'p12.key');
    const chain = path.join(dir, 'p12-chain.pem');
    fs.writeFileSync(cert, signer.certificate.toString('pem'));
    fs.writeFileSync(key, await privateKeyPem(signer.privateKey));
    fs.writeFileSync(chain, ca.intermediate.certificate.toString('pem'));
    const p12 = path.join(dir, 'signer.p12');
    const res = await openssl(['pkcs12', '-export', '-in', cert, '-inkey', key, '-certfile', chain, '-passout', 'pass:رمز-secret', '-out', p12]);
    expect(res.code, res.out).toBe(0);
    const bytes = new Uint8Array(fs.readFileSync(p12));
    const imported = await importPkcs12(bytes, 'رمز-secret');
    expect(imported.certificate.serialNumber).toBe(signer.certificate.serialNumber);
    expect(imported.chain.map((c) => c.subject)).toEqual([ca.intermediate.certificate.subject]);
    const sig = await signDetached(content, imported);
    expect((await verifyDetached(sig, content, { trust: testTrustStore(ca), now: new Date() })).verdict).toBe('valid');
    await expect(importPkcs12(bytes, 'wrong')).rejects.toSatisfy((e) => e instanceof Pkcs12Error && e.reason === 'wrong_password');
    await expect(importPkcs12(new Uint8Array([1, 2, 3]), 'x')).rejects.toSatisfy((e) => e instanceof Pkcs12Error && e.reason === 'malformed');
    await expect(importPkcs12(bytes.subarray(0, bytes.length >> 1), 'رمز-secret')).rejects.toBeInstanceOf(Pkcs12Error);
  });
});

/** The test intermediate's key as stored (createTestAuthorities keeps it extractable for this). */
async function exportable(t: TestAuthorities): Promise<CryptoKey> {
  return t.intermediate.privateKey;
}
