import { createHash, webcrypto } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAuthorities } from '../../platform/pki';
import { openssl, privateKeyPem, tempDir } from '../../platform/pki/test-support';
import { buildTestApp, type TestApp } from '../../../test/app';
import { sealAuditNow } from '../../../test/audit';
import { buildAgency, buildStaff, signInStaff, type Session } from '../../../test/factories';
import { readPdf } from './documents.service';
import { call as callAs, issueReceipt, personCertificate, PIN, revokeInCrl } from '../../../test/signers';

/*
 * External signers (the key on the signer's own token: here WebCrypto and OpenSSL act as the
 * device) and revoking a document through the API, with their abuse cases.
 */

let t: TestApp;
let agencyId: string;
let otherAgencyId: string;
let dir: string;
let revoked: Set<string>;
const s = {} as Record<'ext' | 'other' | 'cosigner' | 'admin' | 'clerk' | 'otherAdmin' | 'noCode', Session>;
const CODE = { ext: '0023456789', other: '0098765432' };
type Person = Awaited<ReturnType<typeof personCertificate>>;
let person: Person;

const call = (method: 'GET' | 'POST', url: string, who?: Session, payload?: unknown) => callAs(t, method, url, who, payload);
const b64 = (b: ArrayBuffer | Uint8Array) => Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString('base64');
const docEvents = async (id: string) =>
  (await t.ctx.database.query<{ action: string; payload: Record<string, unknown> }>("SELECT action, payload FROM events WHERE stream_type = 'document' AND stream_id = $1 ORDER BY id", [id]));
const signatureCount = async (id: string) => (await t.ctx.database.query<{ n: number }>('SELECT signature_count AS n FROM documents WHERE id = $1', [id]))[0]!.n;

/** The device: signs the signed attributes with the person's key (ECDSA r‖s as WebCrypto gives it). */
const deviceSign = async (p: Person, data: string) =>
  b64(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, p.keys.privateKey, new Uint8Array(Buffer.from(data, 'base64'))));

async function begin(who: Session, documentId: string, p: Person = person) {
  const res = await call('POST', `/documents/${documentId}/external-signing`, who, { certificatePem: p.pem });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; documentId: string; expiresAt: string; hashAlgorithm: string; byteRange: number[]; contentDigest: string; signedAttributes: string; signedAttributesDigest: string }>();
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date()); // OpenSSL signs by the real clock
  agencyId = (await buildAgency(t, { nameFa: 'شهرداری' })).id;
  otherAgencyId = (await buildAgency(t, { nameFa: 'دستگاه دیگر' })).id;
  const mk = async (a: string, roles: Parameters<typeof buildStaff>[2], name: string, nationalCode?: string) =>
    signInStaff(t, (await buildStaff(t, a, roles, { displayName: name, ...(nationalCode ? { nationalCode } : {}) })).username);
  s.ext = await mk(agencyId, ['unit_manager'], 'امضاکننده بیرونی', CODE.ext);
  s.other = await mk(agencyId, ['expert'], 'دیگری', CODE.other);
  s.cosigner = await mk(agencyId, ['expert'], 'هم‌امضا');
  s.admin = await mk(agencyId, ['agency_admin'], 'مدیر');
  s.clerk = await mk(agencyId, ['desk_clerk'], 'کارمند');
  s.otherAdmin = await mk(otherAgencyId, ['agency_admin'], 'مدیر دیگر');
  s.noCode = await mk(agencyId, ['expert'], 'بی‌کد');
  expect((await call('POST', '/documents/signer-keys', s.cosigner, { pin: PIN })).statusCode).toBe(201);
  person = await personCertificate(t, CODE.ext);
  dir = tempDir();
  revoked = revokeInCrl(t);
});
afterAll(() => t.close());

describe('external signing with the signer’s own token', () => {
  it('the device signs the signed attributes; Dargah checks, timestamps, embeds and records it; the verification says valid; the session is then used', async () => {
    const doc = await issueReceipt(t, agencyId);
    const session = await begin(s.ext, doc.id);
    expect(session).toMatchObject({ documentId: doc.id, hashAlgorithm: 'SHA-256' });
    expect(session.byteRange).toHaveLength(4);
    expect(new Date(session.expiresAt).getTime() - t.clock.now().getTime()).toBe(10 * 60_000);
    expect(session.signedAttributesDigest).toBe(createHash('sha256').update(Buffer.from(session.signedAttributes, 'base64')).digest('base64'));
    const res = await call('POST', `/documents/${doc.id}/external-signing/${session.id}`, s.ext, { signature: await deviceSign(person, session.signedAttributes), certificatePem: person.pem });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: doc.id, signatureCount: 1 });
    const v = (await call('GET', `/documents/verify/${doc.verificationCode}`)).json();
    expect(v.verdict.code).toBe('valid');
    expect(v.signatures).toHaveLength(1);
    expect(v.signatures[0]).toMatchObject({ timestamped: true, signer: { name: 'External Signer', role: 'unit_manager' } });
    const [sig] = await t.ctx.database.query<{ signer_key_id: string | null; certificate_sha256: string }>('SELECT signer_key_id, certificate_sha256 FROM document_signatures WHERE document_id = $1', [doc.id]);
    expect(sig).toEqual({ signer_key_id: null, certificate_sha256: createHash('sha256').update(new Uint8Array(person.certificate.rawData)).digest('hex') });
    expect((await docEvents(doc.id)).map((e) => e.action)).toEqual(['issued', 'external_signing_begun', 'signed']);
    await sealAuditNow(t.ctx.database);
    const audit = await t.ctx.database.query<{ action: string }>("SELECT action FROM audit_entries WHERE object_id = $1 AND action LIKE 'document.%' ORDER BY seq", [doc.id]);
    expect(audit.map((a) => a.action)).toEqual(['document.issue', 'document.external_sign_begin', 'document.sign']);
    // The same answer again: the session is used.
    const again = await call('POST', `/documents/${doc.id}/external-signing/${session.id}`, s.ext, { signature: await deviceSign(person, session.signedAttributes) });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'EXTERNAL_SESSION_USED']);
    // And a PIN signer signs after it: both verify.
    expect((await call('POST', `/documents/${doc.id}/sign`, s.cosigner, { pin: PIN })).json().signatureCount).toBe(2);
    expect((await call('GET', `/documents/verify/${doc.verificationCode}`)).json().verdict.code).toBe('valid');
  });

  it('OpenSSL as the device: pkeyutl signs the digest with an RSA key; cms -sign makes its own CMS, which Dargah timestamps', async () => {
    const rsa = await personCertificate(t, CODE.ext, { alg: 'rsa-2048' });
    const f = { key: path.join(dir, 'rsa.key'), cert: path.join(dir, 'rsa.pem'), chain: path.join(dir, 'chain.pem'), digest: path.join(dir, 'digest.bin'), sig: path.join(dir, 'sig.bin'), content: path.join(dir, 'content.bin'), cms: path.join(dir, 'sig.p7s') };
    fs.writeFileSync(f.key, await privateKeyPem(rsa.keys.privateKey));
    fs.writeFileSync(f.cert, rsa.certificate.toString('pem'));
    fs.writeFileSync(f.chain, rsa.chain[0]!.toString('pem'));
    const doc = await issueReceipt(t, agencyId);
    const first = await begin(s.ext, doc.id, rsa);
    fs.writeFileSync(f.digest, Buffer.from(first.signedAttributesDigest, 'base64'));
    const signed = await openssl(['pkeyutl', '-sign', '-inkey', f.key, '-in', f.digest, '-out', f.sig, '-pkeyopt', 'digest:sha256']);
    expect(signed.code, signed.out).toBe(0);
    const res = await call('POST', `/documents/${doc.id}/external-signing/${first.id}`, s.ext, { signature: b64(fs.readFileSync(f.sig)) });
    expect(res.statusCode, res.body).toBe(200);

    // A device that builds its CMS over the prepared bytes (read here from the session's blob).
    const second = await begin(s.ext, doc.id, rsa);
    const [row] = await t.ctx.database.query<{ prepared_sha256: string }>('SELECT prepared_sha256 FROM document_signing_sessions WHERE id = $1', [second.id]);
    const pdf = await readPdf(t.ctx, row!.prepared_sha256);
    const [a, b, c, d] = second.byteRange as [number, number, number, number];
    fs.writeFileSync(f.content, Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]));
    const made = await openssl(['cms', '-sign', '-binary', '-md', 'sha256', '-in', f.content, '-signer', f.cert, '-inkey', f.key, '-certfile', f.chain, '-outform', 'DER', '-out', f.cms]);
    expect(made.code, made.out).toBe(0);
    const done = await call('POST', `/documents/${doc.id}/external-signing/${second.id}`, s.ext, { cms: b64(fs.readFileSync(f.cms)) });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().signatureCount).toBe(2);
    const v = (await call('GET', `/documents/verify/${doc.verificationCode}`)).json();
    expect(v.verdict.code).toBe('valid');
    expect(v.signatures.map((x: { timestamped: boolean }) => x.timestamped)).toEqual([true, true]);
  });

  it('refuses a signature over other bytes, garbage, another certificate’s CMS, a changed certificate, another person’s or document’s session, an expired one: nothing recorded', async () => {
    const doc = await issueReceipt(t, agencyId);
    const otherDoc = await issueReceipt(t, agencyId);
    const session = await begin(s.ext, doc.id);
    const url = `/documents/${doc.id}/external-signing/${session.id}`;
    const refused = async (who: Session, u: string, body: unknown) => (await call('POST', u, who, body)).json<{ error: { code: string } }>().error;
    expect(await refused(s.ext, url, { signature: await deviceSign(person, b64(Buffer.from('other bytes'))) })).toMatchObject({ code: 'EXTERNAL_SIGNATURE_REFUSED', details: { verdict: 'altered' } });
    expect((await refused(s.ext, url, { signature: b64(Buffer.alloc(64, 7)) })).code).toBe('EXTERNAL_SIGNATURE_REFUSED');
    expect((await refused(s.ext, url, { cms: b64(Buffer.from('not a cms')) })).code).toBe('EXTERNAL_SIGNATURE_REFUSED');
    // A valid CMS over the right bytes, by another (trusted) certificate of the same person.
    const [row] = await t.ctx.database.query<{ prepared_sha256: string }>('SELECT prepared_sha256 FROM document_signing_sessions WHERE id = $1', [session.id]);
    const other = await personCertificate(t, CODE.ext);
    const pdf = await readPdf(t.ctx, row!.prepared_sha256);
    const [a, b, c, d] = session.byteRange as [number, number, number, number];
    const cms = await t.ctx.pki.sign(Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]), { certificate: other.certificate, privateKey: other.keys.privateKey, chain: other.chain });
    expect((await refused(s.ext, url, { cms: b64(cms) })).code).toBe('EXTERNAL_SESSION_CERTIFICATE_MISMATCH');
    expect((await refused(s.ext, url, { signature: await deviceSign(person, session.signedAttributes), certificatePem: other.pem })).code).toBe('EXTERNAL_SESSION_CERTIFICATE_MISMATCH');
    const good = { signature: await deviceSign(person, session.signedAttributes) };
    expect((await refused(s.other, url, good)).code).toBe('EXTERNAL_SESSION_NOT_FOUND');
    expect((await refused(s.ext, `/documents/${otherDoc.id}/external-signing/${session.id}`, good)).code).toBe('EXTERNAL_SESSION_NOT_FOUND');
    expect((await refused(s.ext, `/documents/${doc.id}/external-signing/00000000-0000-4000-8000-000000000000`, good)).code).toBe('EXTERNAL_SESSION_NOT_FOUND');
    expect((await refused(s.ext, url, {})).code).toBe('VALIDATION_FAILED');
    expect((await refused(s.ext, url, { ...good, cms: b64(cms) })).code).toBe('VALIDATION_FAILED');
    expect((await refused(s.ext, url, { signature: 'A'.repeat(5000) })).code).toBe('VALIDATION_FAILED');
    expect(await signatureCount(doc.id)).toBe(0);
    t.clock.advance(10 * 60_000 + 1);
    try {
      expect((await refused(s.ext, url, good)).code).toBe('EXTERNAL_SESSION_EXPIRED');
    } finally {
      t.clock.set(new Date(t.clock.now().getTime() - 10 * 60_000 - 1));
    }
    expect(await signatureCount(doc.id)).toBe(0);
    expect((await docEvents(doc.id)).map((e) => e.action)).toEqual(['issued', 'external_signing_begun']);
  });

  it('refuses to begin with someone else’s, an untrusted, a non-signing or a revoked certificate, without a national code, or on another agency’s or a revoked document', async () => {
    const doc = await issueReceipt(t, agencyId);
    const begun = async (who: Session, pem: string, id = doc.id) => (await call('POST', `/documents/${id}/external-signing`, who, { certificatePem: pem })).json<{ error?: { code: string } }>().error?.code;
    const revokedCert = await personCertificate(t, CODE.ext);
    revoked.add(revokedCert.certificate.serialNumber);
    expect(await begun(s.other, person.pem)).toBe('CERTIFICATE_OTHER_PERSON');
    expect(await begun(s.ext, (await personCertificate(t, CODE.ext, { ca: await createTestAuthorities(t.clock.now()) })).pem)).toBe('CERTIFICATE_UNTRUSTED');
    expect(await begun(s.ext, (await personCertificate(t, CODE.ext, { profile: 'tls-client' })).pem)).toBe('CERTIFICATE_WRONG_KEY_USAGE');
    expect(await begun(s.ext, revokedCert.pem)).toBe('CERTIFICATE_REVOKED');
    expect(await begun(s.ext, 'garbage')).toBe('CERTIFICATE_MALFORMED');
    expect(await begun(s.noCode, person.pem)).toBe('SIGNER_NATIONAL_CODE_MISSING');
    const foreign = await issueReceipt(t, otherAgencyId);
    expect(await begun(s.ext, person.pem, foreign.id)).toBe('DOCUMENT_NOT_FOUND');
    expect((await call('POST', `/documents/${doc.id}/revoke`, s.admin, { reason: 'صدور اشتباه' })).statusCode).toBe(200);
    expect(await begun(s.ext, person.pem)).toBe('DOCUMENT_NOT_SIGNABLE');
    expect((await docEvents(doc.id)).map((e) => e.action)).toEqual(['issued', 'revoked']);
  });

  it('two completions of one session at once: exactly one signature; a session begun before another signature landed is refused', async () => {
    const doc = await issueReceipt(t, agencyId);
    const session = await begin(s.ext, doc.id);
    const body = { signature: await deviceSign(person, session.signedAttributes) };
    const results = await Promise.all([0, 1, 2].map(() => call('POST', `/documents/${doc.id}/external-signing/${session.id}`, s.ext, body)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    expect(results.filter((r) => r.statusCode === 409).map((r) => r.json<{ error: { code: string } }>().error.code)).toEqual(['EXTERNAL_SESSION_USED', 'EXTERNAL_SESSION_USED']);
    expect((await docEvents(doc.id)).filter((e) => e.action === 'signed')).toHaveLength(1);
    expect(await signatureCount(doc.id)).toBe(1);

    const late = await begin(s.ext, doc.id);
    expect((await call('POST', `/documents/${doc.id}/sign`, s.cosigner, { pin: PIN })).statusCode).toBe(200);
    const res = await call('POST', `/documents/${doc.id}/external-signing/${late.id}`, s.ext, { signature: await deviceSign(person, late.signedAttributes) });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'EXTERNAL_DOCUMENT_CHANGED']);
    expect(await signatureCount(doc.id)).toBe(2);
    expect((await call('GET', `/documents/verify/${doc.verificationCode}`)).json().verdict.code).toBe('valid');
  });
});

describe('revoking a document', () => {
  it('its agency’s administrator revokes it with a reason; others are refused; again changes nothing; the verification says revoked with the reason', async () => {
    const doc = await issueReceipt(t, agencyId);
    const url = `/documents/${doc.id}/revoke`;
    expect((await call('POST', url, s.clerk, { reason: 'اشتباه' })).json().error.code).toBe('FORBIDDEN');
    expect((await call('POST', url, s.otherAdmin, { reason: 'اشتباه' })).json().error.code).toBe('DOCUMENT_NOT_FOUND');
    expect((await call('POST', url, undefined, { reason: 'اشتباه' })).statusCode).toBe(401);
    expect((await call('POST', url, s.admin, { reason: '' })).json().error.code).toBe('VALIDATION_FAILED');
    expect((await call('POST', url, s.admin, { reason: ' ' })).json().error.code).toBe('VALIDATION_FAILED');
    expect((await call('POST', url, s.admin, { reason: 'x'.repeat(1001) })).json().error.code).toBe('VALIDATION_FAILED');
    expect((await call('POST', url, s.admin, { reason: 'a\u0000b' })).json().error.code).toBe('TEXT_NOT_ALLOWED');
    expect((await call('POST', '/documents/00000000-0000-4000-8000-000000000000/revoke', s.admin, { reason: 'اشتباه' })).json().error.code).toBe('DOCUMENT_NOT_FOUND');
    expect((await docEvents(doc.id)).map((e) => e.action)).toEqual(['issued']);
    const [first, second] = await Promise.all([call('POST', url, s.admin, { reason: 'صدور اشتباه' }), call('POST', url, s.admin, { reason: 'دلیل دیگر' })]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(first.json().revokeReason).toBe(second.json().revokeReason);
    expect(first.json()).toMatchObject({ status: 'revoked' });
    expect((await docEvents(doc.id)).map((e) => e.action)).toEqual(['issued', 'revoked']);
    const v = (await call('GET', `/documents/verify/${doc.verificationCode}`)).json();
    expect(v.document).toMatchObject({ status: 'revoked', revokeReason: first.json().revokeReason });
    expect((await call('POST', `/documents/${doc.id}/sign`, s.cosigner, { pin: PIN })).json().error.code).toBe('DOCUMENT_NOT_SIGNABLE');
    await sealAuditNow(t.ctx.database);
    expect((await t.ctx.database.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_entries WHERE action = 'document.revoke' AND object_id = $1", [doc.id]))[0]!.n).toBe(1);
  });

  it('a superseded document stays superseded; the verification names its successor', async () => {
    const old = await issueReceipt(t, agencyId);
    const successor = await issueReceipt(t, agencyId, old.id);
    const res = await call('POST', `/documents/${old.id}/revoke`, s.admin, { reason: 'اشتباه' });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'DOCUMENT_ALREADY_SUPERSEDED']);
    expect((await call('GET', `/documents/verify/${old.verificationCode}`)).json().document).toMatchObject({ status: 'superseded', supersededByCode: successor.verificationCode });
  });
});
