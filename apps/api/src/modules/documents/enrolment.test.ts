import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAuthorities, issueCertificate, x509, type CertificateProfile } from '../../platform/pki';
import { openssl, privateKeyPem, tempDir } from '../../platform/pki/test-support';
import { buildTestApp, type TestApp } from '../../../test/app';
import { sealAuditNow } from '../../../test/audit';
import { buildAgency, buildStaff, signInStaff, type Session } from '../../../test/factories';
import { call as callAs, issueReceipt, personCertificate, PIN, revokeInCrl, testCa } from '../../../test/signers';

/*
 * Production enrolment: a key made here with a CSR a real CA (here OpenSSL with the test
 * intermediate, and @peculiar/x509) signs; the import of its certificate with every refusal; the
 * import of a PKCS#12 file made by OpenSSL. Each refusal leaves the key as it was.
 */

let t: TestApp;
let agencyId: string;
let dir: string;
let revoked: Set<string>;
const s = {} as Record<'signer' | 'other' | 'noCode' | 'p12', Session>;
const CODE = { signer: '0012345678', other: '0087654321', p12: '0011111111' };
const DAY = 86_400_000;

const call = (method: 'GET' | 'POST', url: string, who?: Session, payload?: unknown) => callAs(t, method, url, who, payload);
const events = async (streamId: string) =>
  (await t.ctx.database.query<{ action: string }>("SELECT action FROM events WHERE stream_type = 'signer_key' AND stream_id = $1 ORDER BY id", [streamId])).map((e) => e.action);

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date()); // before anything: OpenSSL dates the certificate it issues by the real clock
  agencyId = (await buildAgency(t, { nameFa: 'اداره ثبت اسناد' })).id;
  const mk = async (name: string, nationalCode?: string) =>
    signInStaff(t, (await buildStaff(t, agencyId, ['expert'], { displayName: name, ...(nationalCode ? { nationalCode } : {}) })).username);
  s.signer = await mk('زهرا احمدی', CODE.signer);
  s.other = await mk('علی رضایی', CODE.other);
  s.noCode = await mk('بی‌کد');
  s.p12 = await mk('مریم کاظمی', CODE.p12);
  dir = tempDir();
  revoked = revokeInCrl(t);
});
afterAll(() => t.close());

/** A certificate from the test intermediate (or `ca`) for the CSR's key, with the CSR's subject unless given. */
async function answer(csrPem: string, o: { profile?: CertificateProfile; notBefore?: Date; notAfter?: Date; subject?: string; ca?: Awaited<ReturnType<typeof createTestAuthorities>> } = {}) {
  const csr = new x509.Pkcs10CertificateRequest(csrPem);
  const ca = o.ca ?? (await testCa(t));
  const now = t.clock.now().getTime();
  const c = await issueCertificate(ca.intermediate, {
    subject: o.subject ?? csr.subject,
    publicKey: await csr.publicKey.export(),
    profile: o.profile ?? 'signer',
    notBefore: o.notBefore ?? new Date(now - DAY),
    notAfter: o.notAfter ?? new Date(now + 365 * DAY),
  });
  return `${c.toString('pem')}\n${ca.intermediate.certificate.toString('pem')}`;
}

describe('a key with a CSR for a real CA', () => {
  let enrolment: { id: string; csrPem: string; subject: string; status: string };

  it('makes the key sealed under the PIN and a CSR that openssl verifies, with the name, national code and agency', async () => {
    const res = await call('POST', '/documents/signer-enrolments', s.signer, { pin: PIN });
    expect(res.statusCode, res.body).toBe(201);
    enrolment = res.json();
    expect(enrolment.status).toBe('awaiting_certificate');
    const file = path.join(dir, 'signer.csr');
    fs.writeFileSync(file, enrolment.csrPem);
    const verified = await openssl(['req', '-in', file, '-noout', '-verify']);
    expect([verified.code, verified.out]).toEqual([0, expect.stringMatching(/verify OK|Certificate request self-signature verify OK/)]);
    const subject = await openssl(['req', '-in', file, '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus']);
    expect(Buffer.from(subject.out, 'latin1').toString('utf8')).toMatch(/CN=زهرا احمدی.*serialNumber=0012345678.*O=اداره ثبت اسناد.*C=IR/);
    // The key is not usable yet, is not listed among the usable ones, and its CSR can be downloaded again.
    expect((await call('GET', '/documents/signer-keys', s.signer)).json().items).toEqual([]);
    expect((await call('GET', '/documents/signer-enrolments', s.signer)).json().items.map((e: { id: string }) => e.id)).toEqual([enrolment.id]);
    const again = await call('GET', `/documents/signer-enrolments/${enrolment.id}/csr`, s.signer);
    expect([again.statusCode, again.headers['content-type'], again.body]).toEqual([200, 'application/pkcs10', enrolment.csrPem]);
    expect((await call('GET', `/documents/signer-enrolments/${enrolment.id}/csr`, s.other)).json().error.code).toBe('SIGNER_ENROLMENT_NOT_FOUND');
    const doc = await issueReceipt(t, agencyId);
    expect((await call('POST', `/documents/${doc.id}/sign`, s.signer, { pin: PIN })).json().error.code).toBe('SIGNER_KEY_MISSING');
    const [row] = await t.ctx.database.query<{ sealed_key: unknown; certificate_pem: string | null; source: string }>('SELECT sealed_key, certificate_pem, source FROM signer_keys WHERE id = $1', [enrolment.id]);
    expect(row).toMatchObject({ certificate_pem: null, source: 'csr' });
    expect(JSON.stringify(row!.sealed_key)).not.toContain('123456');
    expect(await events(enrolment.id)).toEqual(['enrolment_begun']);
    await sealAuditNow(t.ctx.database);
    expect((await t.ctx.database.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_entries WHERE action = 'signer_key.enrol' AND object_id = $1", [enrolment.id]))[0]!.n).toBe(1);
  });

  it('one awaiting per person and agency; no national code, a weak PIN, another agency: refused with codes', async () => {
    expect((await call('POST', '/documents/signer-enrolments', s.signer, { pin: PIN })).json().error).toMatchObject({ code: 'SIGNER_ENROLMENT_EXISTS', details: { id: enrolment.id } });
    expect((await call('POST', '/documents/signer-enrolments', s.noCode, { pin: PIN })).json().error.code).toBe('SIGNER_NATIONAL_CODE_MISSING');
    expect((await call('POST', '/documents/signer-enrolments', s.other, { pin: '12' })).json().error.code).toBe('SIGNER_PIN_TOO_WEAK');
    expect((await call('POST', '/documents/signer-enrolments', s.other, { pin: 'abc\u0000def' })).json().error.code).toBe('TEXT_NOT_ALLOWED');
    const otherAgency = (await buildAgency(t, { nameFa: 'دیگر' })).id;
    expect((await call('POST', '/documents/signer-enrolments', s.other, { pin: PIN, agencyId: otherAgency })).json().error.code).toBe('FORBIDDEN');
    expect((await call('GET', '/documents/signer-enrolments', s.other)).json().items).toEqual([]);
  });

  it('refuses, with a code each and nothing changed, a certificate that is not for this key, not trusted, not for signing, expired, not yet valid, revoked, or someone else’s', async () => {
    const now = t.clock.now().getTime();
    const otherKey = (await personCertificate(t, CODE.signer)).pem;
    const revokedPem = await answer(enrolment.csrPem);
    revoked.add(new x509.X509Certificate(revokedPem.split('\n-----END CERTIFICATE-----')[0] + '\n-----END CERTIFICATE-----').serialNumber);
    const cases: Array<[string, string]> = [
      ['CERTIFICATE_MALFORMED', 'not a certificate'],
      ['CERTIFICATE_MALFORMED', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'],
      ['CERTIFICATE_KEY_MISMATCH', otherKey],
      ['CERTIFICATE_UNTRUSTED', await answer(enrolment.csrPem, { ca: await createTestAuthorities(t.clock.now()) })],
      ['CERTIFICATE_WRONG_KEY_USAGE', await answer(enrolment.csrPem, { profile: 'tls-client' })],
      ['CERTIFICATE_EXPIRED', await answer(enrolment.csrPem, { notBefore: new Date(now - 400 * DAY), notAfter: new Date(now - DAY) })],
      ['CERTIFICATE_NOT_YET_VALID', await answer(enrolment.csrPem, { notBefore: new Date(now + DAY), notAfter: new Date(now + 400 * DAY) })],
      ['CERTIFICATE_REVOKED', revokedPem],
      ['CERTIFICATE_OTHER_PERSON', await answer(enrolment.csrPem, { subject: `CN=زهرا احمدی, 2.5.4.5=${CODE.other}, C=IR` })],
      ['CERTIFICATE_OTHER_PERSON', await answer(enrolment.csrPem, { subject: 'CN=زهرا احمدی, C=IR' })],
    ];
    for (const [code, certificatePem] of cases) {
      const res = await call('POST', `/documents/signer-enrolments/${enrolment.id}/certificate`, s.signer, { certificatePem });
      expect([code, res.json().error?.code]).toEqual([code, code]);
      expect(res.json().error.message).toBeTruthy();
    }
    expect((await call('POST', `/documents/signer-enrolments/${enrolment.id}/certificate`, s.signer, { certificatePem: 'x'.repeat(70_000) })).json().error.code).toBe('VALIDATION_FAILED');
    expect((await call('POST', `/documents/signer-enrolments/${enrolment.id}/certificate`, s.signer, { certificatePem: 'a\u0000b' })).json().error.code).toBe('TEXT_NOT_ALLOWED');
    // Another person cannot import into my key.
    expect((await call('POST', `/documents/signer-enrolments/${enrolment.id}/certificate`, s.other, { certificatePem: await answer(enrolment.csrPem) })).json().error.code).toBe('SIGNER_ENROLMENT_NOT_FOUND');
    const [row] = await t.ctx.database.query<{ status: string }>('SELECT status FROM signer_keys WHERE id = $1', [enrolment.id]);
    expect(row!.status).toBe('awaiting_certificate');
    expect(await events(enrolment.id)).toEqual(['enrolment_begun']);
  });

  it('imports the certificate OpenSSL issued for the CSR (twice at once: one wins); the key signs with its PIN and replaces the earlier key', async () => {
    // An earlier key (the development one) that the new one replaces.
    const earlier = await call('POST', '/documents/signer-keys', s.signer, { pin: '654321' });
    expect(earlier.statusCode).toBe(201);
    const ca = await testCa(t);
    const f = { csr: path.join(dir, 'in.csr'), ca: path.join(dir, 'ca.pem'), key: path.join(dir, 'ca.key'), ext: path.join(dir, 'ext.cnf'), out: path.join(dir, 'issued.pem') };
    fs.writeFileSync(f.csr, enrolment.csrPem);
    fs.writeFileSync(f.ca, ca.intermediate.certificate.toString('pem'));
    // The CA's key as OpenSSL reads it (the process holds it non-extractable; the development database keeps it).
    const [stored] = await t.ctx.database.query<{ key: string }>("SELECT encode(private_key, 'base64') AS key FROM pki_test_authorities WHERE name = 'intermediate'");
    fs.writeFileSync(f.key, `-----BEGIN PRIVATE KEY-----\n${stored!.key.replace(/\s+/g, '').replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`);
    fs.writeFileSync(f.ext, 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n');
    const signed = await openssl(['x509', '-req', '-in', f.csr, '-CA', f.ca, '-CAkey', f.key, '-CAcreateserial', '-days', '30', '-sha256', '-extfile', f.ext, '-out', f.out]);
    expect(signed.code, signed.out).toBe(0);
    const certificatePem = fs.readFileSync(f.out, 'utf8') + ca.intermediate.certificate.toString('pem');
    t.clock.set(new Date(Date.now() + 1000)); // the manual clock stood still since the file began: past the certificate's notBefore
    const [a, b] = await Promise.all([0, 1].map(() => call('POST', `/documents/signer-enrolments/${enrolment.id}/certificate`, s.signer, { certificatePem })));
    expect([a!.statusCode, b!.statusCode].sort(), a!.body + b!.body).toEqual([200, 404]);
    const key = (a!.statusCode === 200 ? a! : b!).json();
    expect(key).toMatchObject({ id: enrolment.id, status: 'active' });
    expect(key.certificate.subject).toContain('0012345678');
    expect(await events(enrolment.id)).toEqual(['enrolment_begun', 'certificate_imported']);
    expect(await events(earlier.json().id)).toEqual(['created', 'retired']);
    const mine = (await call('GET', '/documents/signer-keys', s.signer)).json().items as Array<{ id: string; status: string }>;
    expect(mine.map((k) => [k.id, k.status])).toEqual(expect.arrayContaining([[enrolment.id, 'active'], [earlier.json().id, 'retired']]));
    expect((await call('GET', '/documents/signer-enrolments', s.signer)).json().items).toEqual([]);
    // It signs with the PIN given at enrolment (not the earlier key's), and the document verifies.
    const doc = await issueReceipt(t, agencyId);
    expect((await call('POST', `/documents/${doc.id}/sign`, s.signer, { pin: '654321' })).json().error.code).toBe('SIGNER_PIN_WRONG');
    const res = await call('POST', `/documents/${doc.id}/sign`, s.signer, { pin: PIN });
    expect(res.statusCode, res.body).toBe(200);
    const v = (await call('GET', `/documents/verify/${doc.verificationCode}`)).json();
    expect(v.verdict.code).toBe('valid');
    expect(v.signatures[0].signer.name).toBe('زهرا احمدی');
    await sealAuditNow(t.ctx.database);
    expect((await t.ctx.database.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_entries WHERE action = 'signer_key.certificate_import' AND object_id = $1", [enrolment.id]))[0]!.n).toBe(1);
  });
});

describe('a PKCS#12 file', () => {
  let p12: (name: string, o?: { password?: string; nokeys?: boolean; nationalCode?: string; ca?: Awaited<ReturnType<typeof createTestAuthorities>> }) => Promise<string>;
  beforeAll(() => {
    p12 = async (name, o = {}) => {
      const person = await personCertificate(t, o.nationalCode ?? CODE.p12, o.ca ? { ca: o.ca } : {});
      const f = { cert: path.join(dir, `${name}.pem`), key: path.join(dir, `${name}.key`), out: path.join(dir, `${name}.p12`) };
      fs.writeFileSync(f.cert, person.pem);
      fs.writeFileSync(f.key, await privateKeyPem(person.keys.privateKey));
      const args = ['pkcs12', '-export', '-in', f.cert, '-out', f.out, '-passout', `pass:${o.password ?? 'p12-secret-pass'}`];
      const made = await openssl(o.nokeys ? [...args, '-nokeys'] : [...args, '-inkey', f.key]);
      expect(made.code, made.out).toBe(0);
      return fs.readFileSync(f.out).toString('base64');
    };
  });

  it('imports the key and certificate under a new PIN; the password is stored nowhere; the key signs', async () => {
    const res = await call('POST', '/documents/signer-keys/pkcs12', s.p12, { pkcs12: await p12('good'), password: 'p12-secret-pass', pin: PIN });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'active', algorithm: 'ecdsa-p256' });
    const [row] = await t.ctx.database.query<{ row: string }>('SELECT row_to_json(k)::text AS row FROM signer_keys k WHERE id = $1', [res.json().id]);
    expect(row!.row).toContain('"source":"pkcs12"');
    expect(row!.row).not.toContain('p12-secret-pass');
    await sealAuditNow(t.ctx.database);
    const audit = await t.ctx.database.query<{ row: string }>("SELECT row_to_json(a)::text AS row FROM audit_entries a WHERE action = 'signer_key.pkcs12_import'");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.row).not.toContain('p12-secret-pass');
    const doc = await issueReceipt(t, agencyId);
    expect((await call('POST', `/documents/${doc.id}/sign`, s.p12, { pin: PIN })).statusCode).toBe(200);
    expect((await call('GET', `/documents/verify/${doc.verificationCode}`)).json().verdict.code).toBe('valid');
  });

  it('refuses a wrong password, garbage, a file without a key, an untrusted certificate, someone else’s, a weak PIN: coded, nothing stored', async () => {
    const before = (await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM signer_keys'))[0]!.n;
    const good = await p12('again');
    const cases: Array<[string, Record<string, string>]> = [
      ['PKCS12_WRONG_PASSWORD', { pkcs12: good, password: 'wrong', pin: PIN }],
      ['PKCS12_MALFORMED', { pkcs12: Buffer.from('not a pkcs12 file').toString('base64'), password: 'x', pin: PIN }],
      ['PKCS12_NO_KEY', { pkcs12: await p12('nokey', { nokeys: true }), password: 'p12-secret-pass', pin: PIN }],
      ['CERTIFICATE_UNTRUSTED', { pkcs12: await p12('stranger', { ca: await createTestAuthorities(t.clock.now()) }), password: 'p12-secret-pass', pin: PIN }],
      ['CERTIFICATE_OTHER_PERSON', { pkcs12: await p12('someone', { nationalCode: CODE.other }), password: 'p12-secret-pass', pin: PIN }],
      ['SIGNER_PIN_TOO_WEAK', { pkcs12: good, password: 'p12-secret-pass', pin: '1' }],
      ['VALIDATION_FAILED', { pkcs12: 'not base64!', password: 'x', pin: PIN }],
      ['VALIDATION_FAILED', { pkcs12: 'A'.repeat(200_000), password: 'x', pin: PIN }],
      ['TEXT_NOT_ALLOWED', { pkcs12: good, password: 'a\u0000b', pin: PIN }],
    ];
    for (const [code, body] of cases) expect([code, (await call('POST', '/documents/signer-keys/pkcs12', s.p12, body)).json().error?.code]).toEqual([code, code]);
    expect((await call('POST', '/documents/signer-keys/pkcs12', s.noCode, { pkcs12: good, password: 'p12-secret-pass', pin: PIN })).json().error.code).toBe('SIGNER_NATIONAL_CODE_MISSING');
    expect((await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM signer_keys'))[0]!.n).toBe(before);
  });

  it('a locked key is not replaced by an import: an administrator unlocks it first', async () => {
    const doc = await issueReceipt(t, agencyId);
    for (let i = 0; i < 5; i++) await call('POST', `/documents/${doc.id}/sign`, s.p12, { pin: '000000' });
    const res = await call('POST', '/documents/signer-keys/pkcs12', s.p12, { pkcs12: await p12('after-lock'), password: 'p12-secret-pass', pin: PIN });
    expect([res.statusCode, res.json().error.code]).toEqual([423, 'SIGNER_KEY_LOCKED']);
  });
});
