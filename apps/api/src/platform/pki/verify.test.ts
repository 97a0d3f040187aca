import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueCertificate } from './certificates';
import { signDetached } from './cms';
import { SealedKeyError, sealPrivateKey, unsealPrivateKey, type SealedKey } from './sealed-key';
import { testSigner } from './test-support';
import { createTestAuthorities, testTrustStore, type TestAuthorities } from './trust-store';
import { createTimestampAuthority } from './tsa';
import { VERDICT_CODES, VERDICTS } from './verdicts';
import { parseSignedData, verifyDetached, type VerifyOptions } from './verify';
import type { RevocationSource } from './revocation';
import { acceptIssuedCertificate, checkSigningCertificate } from './signer-check';
import { crypto, pkijs } from './engine';

/**
 * Every verdict from its cause, and bad input of every kind answered with a verdict (never an
 * exception): malformed, truncated, attached, unknown CA, expired without a timestamp, expired
 * after a timestamp, wrong key usage, an untrusted timestamp, revocation before and after the
 * timestamped time.
 */
const DAY = 86_400_000;
const YEAR = 365 * DAY;
const t0 = new Date('2025-03-26T06:30:00.000Z');
let ca: TestAuthorities;
let other: TestAuthorities;
const content = new Uint8Array(Buffer.from('سند آزمایشی — test document\n'.repeat(20)));
const tsaAt = (t: Date, authorities = ca) => createTimestampAuthority(authorities.tsa, { now: () => t });
const opts = (now: Date, extra: Partial<VerifyOptions> = {}): VerifyOptions => ({ trust: testTrustStore(ca), now, ...extra });

beforeAll(async () => {
  ca = await createTestAuthorities(new Date(t0.getTime() - YEAR));
  other = await createTestAuthorities(t0);
});

describe('valid and altered', () => {
  for (const alg of ['rsa-2048', 'ecdsa-p256', 'rsa-3072', 'ecdsa-p384'] as const) {
    it(`${alg}: valid with the timestamp's time, altered after one byte changes`, async () => {
      const signer = await testSigner(ca, alg, { now: t0 });
      const sig = await signDetached(content, signer, { tsa: tsaAt(t0), signingTime: t0 });
      const v = await verifyDetached(sig, content, opts(new Date(t0.getTime() + 60_000)));
      expect(v.verdict).toBe('valid');
      expect(v.signers[0]).toMatchObject({ verdict: 'valid', timestamped: true, signingTime: t0.toISOString(), claimedSigningTime: t0.toISOString(), revocation: 'not_checked' });
      expect(v.signers[0]!.signer!.serialNumber).toBe(signer.certificate.serialNumber);
      for (const at of [0, content.length >> 1, content.length - 1]) {
        const changed = new Uint8Array(content);
        changed[at]! ^= 0x20;
        expect((await verifyDetached(sig, changed, opts(t0))).verdict).toBe('altered');
      }
      expect((await verifyDetached(sig, content.subarray(1), opts(t0))).verdict).toBe('altered');
    });
  }

  it('signs and verifies 5 MB and empty content', async () => {
    const signer = await testSigner(ca, 'ecdsa-p256', { now: t0 });
    const big = new Uint8Array(randomBytes(5 * 1024 * 1024));
    expect((await verifyDetached(await signDetached(big, signer), big, opts(t0))).verdict).toBe('valid');
    const empty = new Uint8Array();
    expect((await verifyDetached(await signDetached(empty, signer), empty, opts(t0))).verdict).toBe('valid');
  });

  it('twenty signatures made and verified at once are each valid for their own content only', async () => {
    const signer = await testSigner(ca, 'rsa-2048', { now: t0 });
    const docs = Array.from({ length: 20 }, (_, i) => new Uint8Array(Buffer.from(`document ${i}`)));
    const sigs = await Promise.all(docs.map((d) => signDetached(d, signer, { tsa: tsaAt(t0) })));
    const verdicts = await Promise.all(sigs.map((s, i) => verifyDetached(s, docs[i]!, opts(t0))));
    expect(verdicts.map((v) => v.verdict)).toEqual(docs.map(() => 'valid'));
    expect((await verifyDetached(sigs[0]!, docs[1]!, opts(t0))).verdict).toBe('altered');
  });
});

describe('bad input gives the verdict malformed, never an exception', () => {
  let good: Uint8Array;
  beforeAll(async () => {
    good = await signDetached(content, await testSigner(ca, 'ecdsa-p256', { now: t0 }), { tsa: tsaAt(t0) });
  });
  const cases: [string, () => Uint8Array][] = [
    ['empty', () => new Uint8Array()],
    ['random bytes', () => new Uint8Array(randomBytes(300))],
    ['a huge random blob', () => new Uint8Array(randomBytes(3 * 1024 * 1024))],
    ['truncated CMS', () => good.subarray(0, good.length >> 1)],
    ['CMS missing its last byte', () => good.subarray(0, good.length - 1)],
    ['CMS with trailing bytes', () => new Uint8Array([...good, 0])],
    ['a certificate instead of a CMS', () => new Uint8Array(ca.root.certificate.rawData)],
    ['NUL bytes', () => new Uint8Array(64)],
    ['PEM text', () => new Uint8Array(Buffer.from('-----BEGIN PKCS7-----\nMIIB\n-----END PKCS7-----\n'))],
  ];
  for (const [name, make] of cases) {
    it(name, async () => {
      const v = await verifyDetached(make(), content, opts(t0));
      expect(v.verdict).toBe('malformed');
      expect(v.signers).toEqual([]);
    });
  }

  it('one byte changed in what the signer signed (signed attributes, signature value, own certificate) is never valid', async () => {
    const { sd } = parseSignedData(good)!;
    const si = sd.signerInfos[0]!;
    const parts = [new Uint8Array(si.signedAttrs!.encodedValue).subarray(2), new Uint8Array(si.signature.valueBlock.valueHexView), new Uint8Array((sd.certificates![0] as pkijs.Certificate).toSchema().toBER(false))];
    for (const part of parts) {
      const start = Buffer.from(good).indexOf(Buffer.from(part));
      expect(start).toBeGreaterThan(0);
      for (const at of [start + 8, start + (part.length >> 1), start + part.length - 2]) {
        const bad = new Uint8Array(good);
        bad[at]! ^= 0x01;
        const v = await verifyDetached(bad, content, opts(t0));
        expect(['altered', 'malformed', 'unknown_issuer', 'timestamp_invalid'], `byte ${at}: ${v.verdict}`).toContain(v.verdict);
      }
    }
  });

  it('a signature carrying a hundred certificates, or seventeen signers, is refused before they are read', async () => {
    const { sd } = parseSignedData(good)!;
    const many = new pkijs.SignedData({ schema: sd.toSchema(true) });
    many.certificates = Array.from({ length: 100 }, () => many.certificates![0]!);
    const wrap = (x: pkijs.SignedData) => new Uint8Array(new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: x.toSchema(true) }).toSchema().toBER(false));
    expect((await verifyDetached(wrap(many), content, opts(t0))).verdict).toBe('malformed');
    const signers = new pkijs.SignedData({ schema: sd.toSchema(true) });
    signers.signerInfos = Array.from({ length: 17 }, () => signers.signerInfos[0]!);
    expect((await verifyDetached(wrap(signers), content, opts(t0))).verdict).toBe('malformed');
    // The same structures re-encoded within the limits still verify (the wrapping is not what fails).
    expect((await verifyDetached(wrap(new pkijs.SignedData({ schema: sd.toSchema(true) })), content, opts(t0))).verdict).toBe('valid');
  });

  it('any byte changed anywhere gives a verdict, never an exception', async () => {
    for (let i = 0; i < 60; i++) {
      const bad = new Uint8Array(good);
      bad[Math.floor(Math.random() * bad.length)]! ^= 1 + Math.floor(Math.random() * 255);
      await expect(verifyDetached(bad, content, opts(t0))).resolves.toHaveProperty('verdict');
    }
  });
});

describe('issuer, validity, key usage, timestamp, revocation', () => {
  it('unknown issuer: a signer certified by another root', async () => {
    const sig = await signDetached(content, await testSigner(other, 'rsa-2048', { now: t0 }), { tsa: tsaAt(t0) });
    const v = await verifyDetached(sig, content, opts(t0));
    expect(v.verdict).toBe('unknown_issuer');
    expect(v.signers[0]!.signer!.issuer).toContain('Dargah TEST Intermediate');
  });

  it('unknown issuer: the signature carries no certificate for its signer', async () => {
    const signer = await testSigner(ca, 'ecdsa-p256', { now: t0 });
    const sig = await signDetached(content, { certificate: signer.certificate, privateKey: signer.privateKey });
    // Verified against a trust store that has the root but not the intermediate, the chain is incomplete.
    const v = await verifyDetached(sig, content, { trust: { ...testTrustStore(ca), intermediates: [] } as never, now: t0 });
    expect(v.verdict).toBe('unknown_issuer');
  });

  it('expired without timestamp; the same certificate with a timestamp from its validity is valid years later', async () => {
    const signer = await testSigner(ca, 'ecdsa-p256', { notBefore: new Date(t0.getTime() - DAY), notAfter: new Date(t0.getTime() + 30 * DAY) });
    const later = new Date(t0.getTime() + YEAR);
    const bare = await signDetached(content, signer);
    expect((await verifyDetached(bare, content, opts(t0))).verdict).toBe('valid');
    expect((await verifyDetached(bare, content, opts(later))).verdict).toBe('expired_without_timestamp');
    const stamped = await signDetached(content, signer, { tsa: tsaAt(t0) });
    const v = await verifyDetached(stamped, content, opts(later));
    expect(v.verdict).toBe('valid');
    expect(v.signers[0]!.signingTime).toBe(t0.toISOString());
  });

  it('a timestamp from after the certificate expired: not valid at the signing time', async () => {
    const signer = await testSigner(ca, 'rsa-2048', { notBefore: new Date(t0.getTime() - 10 * DAY), notAfter: new Date(t0.getTime() - DAY) });
    const sig = await signDetached(content, signer, { tsa: tsaAt(t0) });
    expect((await verifyDetached(sig, content, opts(t0))).verdict).toBe('not_valid_at_signing_time');
  });

  it('wrong key usage: a certificate for TLS clients, and the timestamp authority’s own certificate', async () => {
    const tls = await testSigner(ca, 'rsa-2048', { now: t0, profile: 'tls-client' });
    expect((await verifyDetached(await signDetached(content, tls), content, opts(t0))).verdict).toBe('wrong_key_usage');
    const tsaAsSigner = { certificate: ca.tsa.certificate, privateKey: ca.tsa.privateKey, chain: [ca.intermediate.certificate] };
    expect((await verifyDetached(await signDetached(content, tsaAsSigner), content, opts(t0))).verdict).toBe('wrong_key_usage');
  });

  it('a timestamp from an authority outside the trust store is timestamp_invalid', async () => {
    const sig = await signDetached(content, await testSigner(ca, 'ecdsa-p256', { now: t0 }), { tsa: tsaAt(t0, other) });
    expect((await verifyDetached(sig, content, opts(t0))).verdict).toBe('timestamp_invalid');
  });

  it('a timestamp authority whose certificate lacks the timeStamping usage is refused', async () => {
    const signerAsTsa = await testSigner(ca, 'ecdsa-p256', { now: t0 });
    const tsa = createTimestampAuthority(signerAsTsa, { now: () => t0 });
    const sig = await signDetached(content, await testSigner(ca, 'ecdsa-p256', { now: t0 }), { tsa });
    const v = await verifyDetached(sig, content, opts(t0));
    expect(v.verdict).toBe('timestamp_invalid');
    expect(v.signers[0]!.detail).toMatch(/timeStamping/);
  });

  it('revoked: before the signing time it is revoked, after a timestamped signing it is not; unknown is reported or refused', async () => {
    const signer = await testSigner(ca, 'rsa-2048', { now: t0 });
    const revokedAt = new Date(t0.getTime() + DAY);
    const source: RevocationSource = {
      status: async (c) => (c.serialNumber === signer.certificate.serialNumber ? { status: 'revoked', source: 'crl', revokedAt } : { status: 'good', source: 'crl' }),
    };
    const stamped = await signDetached(content, signer, { tsa: tsaAt(t0) });
    const later = new Date(t0.getTime() + 2 * DAY);
    expect((await verifyDetached(stamped, content, opts(later, { revocation: source }))).signers[0]).toMatchObject({ verdict: 'valid', revocation: 'good' });
    const bare = await signDetached(content, signer);
    expect((await verifyDetached(bare, content, opts(later, { revocation: source }))).verdict).toBe('revoked');
    const afterRevocation = await signDetached(content, signer, { tsa: tsaAt(later) });
    expect((await verifyDetached(afterRevocation, content, opts(later, { revocation: source }))).verdict).toBe('revoked');
    const unknown: RevocationSource = { status: async () => ({ status: 'unknown', source: 'none' }) };
    expect((await verifyDetached(bare, content, opts(t0, { revocation: unknown }))).signers[0]).toMatchObject({ verdict: 'valid', revocation: 'unknown' });
    expect((await verifyDetached(bare, content, opts(t0, { revocation: unknown, requireRevocation: true }))).verdict).toBe('revocation_unknown');
  });

  it('a certificate swapped into the signature (same key, other certificate) breaks signing-certificate-v2: altered', async () => {
    const signer = await testSigner(ca, 'ecdsa-p256', { now: t0 });
    const twin = await issueCertificate(ca.intermediate, { subject: signer.certificate.subject, publicKey: signer.keys.publicKey, profile: 'signer', notBefore: signer.certificate.notBefore, notAfter: new Date(signer.certificate.notAfter.getTime() - 1000), serialNumber: signer.certificate.serialNumber });
    expect(Buffer.from(twin.rawData).length).toBe(Buffer.from(signer.certificate.rawData).length);
    // Sign as the twin, but the signing-certificate-v2 attribute names the twin: verify against a bag holding the original.
    const sig = await signDetached(content, { ...signer, certificate: twin });
    const swapped = Buffer.from(sig).toString('hex').replace(Buffer.from(twin.rawData).toString('hex'), Buffer.from(signer.certificate.rawData).toString('hex'));
    const v = await verifyDetached(new Uint8Array(Buffer.from(swapped, 'hex')), content, opts(t0));
    expect(v.verdict).toBe('altered');
  });
});

describe('the signer’s key sealed under a PIN', () => {
  let sealed: SealedKey;
  let signer: Awaited<ReturnType<typeof testSigner>>;
  const context = 'signer:42';
  const fast = { m: 1024, t: 1, p: 1 };
  beforeAll(async () => {
    signer = await testSigner(ca, 'ecdsa-p256', { now: t0 });
    sealed = await sealPrivateKey(signer.privateKey, '482915', context, fast);
  });

  it('opens with the PIN (Persian digits too) for one signing, as a key that cannot be exported', async () => {
    expect(JSON.stringify(sealed)).not.toContain('482915');
    for (const pin of ['482915', '۴۸۲۹۱۵', '٤٨٢٩١٥']) {
      const key = await unsealPrivateKey(sealed, pin, context);
      expect(key.extractable).toBe(false);
      await expect(crypto.subtle.exportKey('pkcs8', key)).rejects.toThrow();
      const sig = await signDetached(content, { ...signer, privateKey: key });
      expect((await verifyDetached(sig, content, opts(t0))).verdict).toBe('valid');
    }
  });

  it('a wrong PIN, another signer’s record, or a changed ciphertext: wrong_pin', async () => {
    const reason = (p: Promise<unknown>) => p.then(() => 'opened', (e: unknown) => (e instanceof SealedKeyError ? e.reason : String(e)));
    expect(await reason(unsealPrivateKey(sealed, '482916', context))).toBe('wrong_pin');
    expect(await reason(unsealPrivateKey(sealed, '482915', 'signer:43'))).toBe('wrong_pin');
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[3]! ^= 1;
    expect(await reason(unsealPrivateKey({ ...sealed, ciphertext: flipped.toString('base64') }, '482915', context))).toBe('wrong_pin');
    expect(await reason(unsealPrivateKey({ ...sealed, iv: 'AAAA' }, '482915', context))).toBe('malformed');
    expect(await reason(unsealPrivateKey({ ...sealed, m: 2 ** 40 }, '482915', context))).toBe('malformed');
    expect(await reason(unsealPrivateKey({} as SealedKey, '482915', context))).toBe('malformed');
    expect(await reason(unsealPrivateKey(null as unknown as SealedKey, '482915', context))).toBe('malformed');
  });

  it('refuses a PIN too short, too long or with control characters', async () => {
    for (const pin of ['12345', '', '1'.repeat(65), '123\u0000456', '123456\n']) {
      await expect(sealPrivateKey(signer.privateKey, pin, context, fast)).rejects.toSatisfy((e) => e instanceof SealedKeyError && e.reason === 'pin_too_weak');
    }
  });

  it('uses argon2id at the OWASP minimum by default', async () => {
    const s = await sealPrivateKey(signer.privateKey, '482915', context);
    expect(s).toMatchObject({ kdf: 'argon2id', m: 19_456, t: 2, p: 1 });
    expect((await unsealPrivateKey(s, '482915', context)).type).toBe('private');
  });
});

describe('checks before signing, and a certificate a CA returns', () => {
  it('refuses an untrusted, expired, not-yet-valid or wrongly issued certificate with its reason', async () => {
    const o = { trust: testTrustStore(ca), now: t0 };
    expect(await checkSigningCertificate((await testSigner(ca, 'ecdsa-p256', { now: t0 })).certificate, [], o)).toMatchObject({ ok: true });
    expect(await checkSigningCertificate((await testSigner(other, 'ecdsa-p256', { now: t0 })).certificate, [], o)).toMatchObject({ ok: false, reason: 'unknown_issuer' });
    const expired = await testSigner(ca, 'ecdsa-p256', { notBefore: new Date(t0.getTime() - 10 * DAY), notAfter: new Date(t0.getTime() - DAY) });
    expect(await checkSigningCertificate(expired.certificate, [], o)).toMatchObject({ ok: false, reason: 'expired_without_timestamp' });
    const future = await testSigner(ca, 'ecdsa-p256', { notBefore: new Date(t0.getTime() + DAY), notAfter: new Date(t0.getTime() + 10 * DAY) });
    expect(await checkSigningCertificate(future.certificate, [], o)).toMatchObject({ ok: false, reason: 'not_valid_at_signing_time' });
    const tls = await testSigner(ca, 'rsa-2048', { now: t0, profile: 'tls-client' });
    expect(await checkSigningCertificate(tls.certificate, [], o)).toMatchObject({ ok: false, reason: 'wrong_key_usage' });
    const revoked: RevocationSource = { status: async () => ({ status: 'revoked', source: 'crl', revokedAt: t0 }) };
    expect(await checkSigningCertificate((await testSigner(ca, 'ecdsa-p256', { now: t0 })).certificate, [], { ...o, revocation: revoked })).toMatchObject({ ok: false, reason: 'revoked' });
  });

  it('accepts the certificate issued for the key (PEM with its chain), and refuses another key’s, garbage and an empty file', async () => {
    const signer = await testSigner(ca, 'ecdsa-p256', { now: t0 });
    const o = { trust: testTrustStore(ca), now: t0 };
    const pem = new Uint8Array(Buffer.from(signer.certificate.toString('pem') + '\n' + ca.intermediate.certificate.toString('pem')));
    const ok = await acceptIssuedCertificate(signer.privateKey, pem, o);
    expect(ok).toMatchObject({ ok: true });
    expect(ok.ok && ok.certificate.serialNumber).toBe(signer.certificate.serialNumber);
    expect(ok.ok && ok.chain.map((c) => c.subject)).toEqual([ca.intermediate.certificate.subject]);
    expect(await acceptIssuedCertificate(signer.privateKey, new Uint8Array(signer.certificate.rawData), o)).toMatchObject({ ok: true });
    const otherKey = await testSigner(ca, 'ecdsa-p256', { now: t0 });
    expect(await acceptIssuedCertificate(otherKey.privateKey, pem, o)).toMatchObject({ ok: false, reason: 'key_mismatch' });
    for (const bad of [new Uint8Array(), new Uint8Array(randomBytes(500)), new Uint8Array(Buffer.from('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'))]) {
      expect(await acceptIssuedCertificate(signer.privateKey, bad, o)).toMatchObject({ ok: false });
    }
  });
});

it('every verdict has its reason in Persian and English', () => {
  for (const code of VERDICT_CODES) {
    expect(VERDICTS[code].fa).toMatch(/[\u0600-\u06FF]/);
    expect(VERDICTS[code].en).toMatch(/^[A-Z]/);
  }
  expect(VERDICT_CODES).toEqual(expect.arrayContaining(['valid', 'altered', 'revoked', 'unknown_issuer', 'expired_without_timestamp', 'wrong_key_usage']));
});
