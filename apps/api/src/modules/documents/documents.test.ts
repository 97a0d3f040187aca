import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor';
import { withTransaction } from '../../platform/db';
import { readQr, sampleReceipt } from '../../platform/pdf/test-support';
import { buildTestApp, type TestApp } from '../../../test/app';
import { sealAuditNow } from '../../../test/audit';
import { buildAgency, buildStaff, nextAddress, signInStaff, type Session } from '../../../test/factories';
import { issueDocument, parseQrPayload, prepareDocument, revokeDocument } from '.';

/*
 * Documents: issuing (record, blob, QR), signers' keys with PINs (wrong PINs counted, the fifth
 * locks, an administrator unlocks), PAdES signing of the Typst PDF, concurrent signers, and the
 * public verification by code and by upload with its abuse cases.
 */

let t: TestApp;
let agencyId: string;
let otherAgencyId: string;
const s = {} as Record<'signer' | 'cosigner' | 'admin' | 'clerk' | 'otherAdmin', Session>;
const PIN = '۱۲۳۴۵۶';

const call = (method: 'GET' | 'POST', url: string, who?: Session, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { ...(who?.headers ?? {}), ...headers }, remoteAddress: nextAddress(), ...(payload === undefined ? {} : { payload: payload as object }) });

async function issue(supersedes?: string) {
  const { qr: _qr, ...data } = sampleReceipt();
  const prepared = await prepareDocument(t.ctx, { kind: 'receipt', agencyId, data, ...(supersedes ? { supersedes } : {}) });
  return withTransaction(t.ctx.database, (tx) => issueDocument(t.ctx, tx, { actor: systemActor, origin: {}, at: t.clock.now() }, prepared));
}

beforeAll(async () => {
  t = await buildTestApp();
  agencyId = (await buildAgency(t, { nameFa: 'اداره ثبت' })).id;
  otherAgencyId = (await buildAgency(t, { nameFa: 'دستگاه دیگر' })).id;
  const mk = async (a: string, roles: Parameters<typeof buildStaff>[2], name: string) => signInStaff(t, (await buildStaff(t, a, roles, { displayName: name })).username);
  s.signer = await mk(agencyId, ['expert'], 'زهرا احمدی');
  s.cosigner = await mk(agencyId, ['unit_manager'], 'علی رضایی');
  s.admin = await mk(agencyId, ['agency_admin'], 'مدیر دستگاه');
  s.clerk = await mk(agencyId, ['desk_clerk'], 'کارمند');
  s.otherAdmin = await mk(otherAgencyId, ['agency_admin'], 'مدیر دیگر');
  for (const who of [s.signer, s.cosigner]) expect((await call('POST', '/documents/signer-keys', who, { pin: PIN })).statusCode).toBe(201);
});
afterAll(() => t.close());

describe('issuing', () => {
  it('records the document with its template version and hash, stores the PDF and puts the QR on the first page', async () => {
    const doc = await issue();
    const [row] = await t.ctx.database.query<{ kind: string; status: string; template_version: string; content_sha256: string; verification_code: string }>(
      'SELECT kind, status, template_version, content_sha256, verification_code FROM documents WHERE id = $1',
      [doc.id],
    );
    expect(row).toMatchObject({ kind: 'receipt', status: 'issued', content_sha256: doc.sha256, verification_code: doc.verificationCode });
    expect(row!.template_version).toMatch(/^[0-9a-f]{64}$/);
    const scanned = readQr(doc.pdf);
    expect(scanned).toBe(`${t.ctx.config.PUBLIC_BASE_URL}/v/${doc.verificationCode}?d=${doc.id}`);
    expect(parseQrPayload(scanned!)).toEqual({ code: doc.verificationCode, documentId: doc.id });
    const events = await t.ctx.database.query<{ action: string }>("SELECT action FROM events WHERE stream_type = 'document' AND stream_id = $1", [doc.id]);
    expect(events.map((e) => e.action)).toEqual(['issued']);
  });

  it('a superseding document marks the earlier one; it cannot be superseded twice; verification says so', async () => {
    const first = await issue();
    const second = await issue(first.id);
    await expect(issue(first.id)).rejects.toMatchObject({ code: 'DOCUMENT_ALREADY_SUPERSEDED' });
    const res = await call('GET', `/documents/verify/${first.verificationCode.toLowerCase()}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().document).toMatchObject({ status: 'superseded', supersededByCode: second.verificationCode });
    expect(res.json().verdict.code).toBe('not_signed');
  });

  it('a revoked document says so, with its reason; a reason with NUL is refused', async () => {
    const doc = await issue();
    const who = { actor: systemActor, origin: {}, at: t.clock.now() };
    await expect(withTransaction(t.ctx.database, (tx) => revokeDocument(tx, who, doc.id, 'x\u0000y'))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await withTransaction(t.ctx.database, (tx) => revokeDocument(tx, who, doc.id, 'صدور اشتباه'));
    const res = await call('GET', `/documents/verify/${doc.verificationCode}`);
    expect(res.json().document).toMatchObject({ status: 'revoked', revokeReason: 'صدور اشتباه' });
    expect(res.json().document.statusReason.fa).toContain('باطل');
    expect((await call('POST', `/documents/${doc.id}/sign`, s.signer, { pin: PIN })).json().error.code).toBe('DOCUMENT_NOT_SIGNABLE');
  });
});

describe('signers’ keys and PINs', () => {
  it('one key per person and agency; a weak PIN or one with NUL is refused with a code', async () => {
    const again = await call('POST', '/documents/signer-keys', s.signer, { pin: PIN });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'SIGNER_KEY_EXISTS']);
    const nul = await call('POST', '/documents/signer-keys', s.clerk, { pin: 'abc\u0000def' });
    expect([nul.statusCode, nul.json().error.code]).toEqual([400, 'TEXT_NOT_ALLOWED']);
    for (const pin of ['123', '۱۲۳', 'x'.repeat(65)]) {
      const res = await call('POST', '/documents/signer-keys', s.clerk, { pin });
      expect([res.statusCode, res.json().error.code]).toEqual([400, 'SIGNER_PIN_TOO_WEAK']);
      expect(res.json().error.message).toBeTruthy();
    }
    expect((await call('POST', '/documents/signer-keys', s.clerk, { pin: 'y'.repeat(300) })).json().error.code).toBe('VALIDATION_FAILED');
    expect((await call('POST', '/documents/signer-keys', s.clerk, { pin: PIN, agencyId: otherAgencyId })).json().error.code).toBe('FORBIDDEN');
    const mine = await call('GET', '/documents/signer-keys', s.signer);
    expect(mine.json().items).toHaveLength(1);
    expect(mine.json().items[0].certificate.subject).toContain('زهرا احمدی');
    expect(mine.json().items[0].certificate.issuer).toContain('Dargah TEST');
  });

  it('wrong PINs are counted (fa and en), the fifth locks the key, even the right PIN is then refused until an administrator unlocks it', async () => {
    const doc = await issue();
    const clerkKey = await call('POST', '/documents/signer-keys', s.clerk, { pin: '654321' });
    expect(clerkKey.statusCode).toBe(201);
    for (let i = 1; i <= 4; i++) {
      const res = await call('POST', `/documents/${doc.id}/sign`, s.clerk, { pin: '000000' }, i === 2 ? { 'accept-language': 'en' } : {});
      expect([res.statusCode, res.json().error.code, res.json().error.details.attemptsLeft]).toEqual([403, 'SIGNER_PIN_WRONG', 5 - i]);
      if (i === 2) expect(res.json().error.message).toBe('The signing PIN is wrong.');
    }
    const fifth = await call('POST', `/documents/${doc.id}/sign`, s.clerk, { pin: '000000' });
    expect([fifth.statusCode, fifth.json().error.code]).toEqual([423, 'SIGNER_KEY_LOCKED']);
    expect((await call('POST', `/documents/${doc.id}/sign`, s.clerk, { pin: '654321' })).json().error.code).toBe('SIGNER_KEY_LOCKED');
    const id = clerkKey.json().id as string;
    expect((await call('POST', `/documents/signer-keys/${id}/unlock`, s.clerk)).json().error.code).toBe('FORBIDDEN');
    expect((await call('POST', `/documents/signer-keys/${id}/unlock`, s.otherAdmin)).json().error.code).toBe('SIGNER_KEY_NOT_FOUND');
    const unlocked = await call('POST', `/documents/signer-keys/${id}/unlock`, s.admin);
    expect([unlocked.statusCode, unlocked.json().status, unlocked.json().failedPinCount]).toEqual([200, 'active', 0]);
    expect((await call('POST', `/documents/signer-keys/${id}/unlock`, s.admin)).json().error.code).toBe('SIGNER_KEY_NOT_LOCKED');
    const signed = await call('POST', `/documents/${doc.id}/sign`, s.clerk, { pin: '654321' });
    expect([signed.statusCode, signed.json().signatureCount]).toEqual([200, 1]);
    await sealAuditNow(t.ctx.database);
    const audit = await t.ctx.database.query<{ action: string }>("SELECT action FROM audit_entries WHERE object_id = $1 ORDER BY id", [id]);
    expect(audit.map((a) => a.action)).toEqual(['signer_key.create', ...Array(4).fill('signer_key.pin_refused'), 'signer_key.lock', 'signer_key.unlock']);
  });

  it('five wrong PINs sent at once are each counted: four refused, the key locked, none lost', async () => {
    const doc = await issue();
    const staff = await signInStaff(t, (await buildStaff(t, agencyId, ['expert'])).username);
    expect((await call('POST', '/documents/signer-keys', staff, { pin: '111111' })).statusCode).toBe(201);
    const res = await Promise.all(Array.from({ length: 6 }, () => call('POST', `/documents/${doc.id}/sign`, staff, { pin: '222222' })));
    const codes = res.map((r) => r.json<{ error: { code: string } }>().error.code).sort();
    expect(codes.filter((c) => c === 'SIGNER_PIN_WRONG')).toHaveLength(4);
    expect(codes.filter((c) => c === 'SIGNER_KEY_LOCKED')).toHaveLength(2);
  });

  it('a staff member of another agency cannot sign (the document does not exist for them); no key: SIGNER_KEY_MISSING', async () => {
    const doc = await issue();
    expect((await call('POST', `/documents/${doc.id}/sign`, s.otherAdmin, { pin: PIN })).json().error.code).toBe('DOCUMENT_NOT_FOUND');
    expect((await call('POST', `/documents/${doc.id}/sign`, s.admin, { pin: PIN })).json().error.code).toBe('SIGNER_KEY_MISSING');
    expect((await call('POST', `/documents/${doc.id}/sign`)).statusCode).toBe(401);
  });
});

describe('signing and public verification', () => {
  let signedPdf: Buffer;
  let code: string;

  it('three signers at once: every signature lands, one after the other, and the document verifies valid', async () => {
    const doc = await issue();
    code = doc.verificationCode;
    const third = await signInStaff(t, (await buildStaff(t, agencyId, ['expert'], { displayName: 'مریم کریمی' })).username);
    expect((await call('POST', '/documents/signer-keys', third, { pin: '987654' })).statusCode).toBe(201);
    const all = await Promise.all([
      call('POST', `/documents/${doc.id}/sign`, s.signer, { pin: PIN }),
      call('POST', `/documents/${doc.id}/sign`, s.cosigner, { pin: '123456' }),
      call('POST', `/documents/${doc.id}/sign`, third, { pin: '987654' }),
    ]);
    expect(all.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(all.map((r) => r.json<{ signatureCount: number }>().signatureCount).sort()).toEqual([1, 2, 3]);
    const res = await call('GET', `/documents/verify/${code}`);
    const v = res.json();
    expect(v.verdict.code).toBe('valid');
    expect(v.verdict.reason.fa).toContain('معتبر');
    expect(v.document).toMatchObject({ status: 'issued', kind: 'receipt', agency: { name: 'اداره ثبت' } });
    expect(v.signatures).toHaveLength(3);
    expect(v.signatures.map((x: { verdict: { code: string } }) => x.verdict.code)).toEqual(['valid', 'valid', 'valid']);
    expect(new Set(v.signatures.map((x: { signer: { name: string } }) => x.signer.name))).toEqual(new Set(['زهرا احمدی', 'علی رضایی', 'مریم کریمی']));
    expect(v.signatures[0].signer.issuer).toContain('Dargah TEST');
    expect(v.signatures[0].timestamped).toBe(true);
    expect(v.signatures.map((x: { signer: { role: string } }) => x.signer.role).sort()).toEqual(['expert', 'expert', 'unit_manager']);
    const [row] = await t.ctx.database.query<{ content_sha256: string }>('SELECT content_sha256 FROM documents WHERE id = $1', [doc.id]);
    const { stream } = await t.ctx.blobs.open(row!.content_sha256);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    signedPdf = Buffer.concat(chunks);
  });

  const upload = (body: Buffer | string, type = 'application/pdf') =>
    t.app.inject({ method: 'POST', url: '/api/v1/documents/verify', headers: { 'content-type': type }, payload: body, remoteAddress: nextAddress() });

  it('an uploaded copy is valid and recognised; one byte changed is altered; bytes appended are altered and still recognised', async () => {
    const ok = await upload(signedPdf);
    expect([ok.statusCode, ok.json().verdict.code, ok.json().document.verificationCode]).toEqual([200, 'valid', code]);
    const changed = Buffer.from(signedPdf);
    const at = changed.indexOf('stream', changed.indexOf('/Length')) + 'stream'.length + 20;
    changed[at] = changed[at]! ^ 0x01;
    const altered = await upload(changed);
    expect([altered.statusCode, altered.json().verdict.code]).toEqual([200, 'altered']);
    expect(altered.json().verdict.reason.en).toContain('changed');
    const appended = await upload(Buffer.concat([signedPdf, Buffer.from('\n1 0 obj\n(x)\nendobj\n%%EOF\n')]));
    expect([appended.json().verdict.code, appended.json().changedAfterLastSignature, appended.json().document?.verificationCode]).toEqual(['altered', true, code]);
  });

  it('malformed, encrypted, empty, oversize and wrongly typed uploads get coded errors, never a 500', async () => {
    expect((await upload(Buffer.from('not a pdf at all'))).json().error.code).toBe('VERIFY_PDF_MALFORMED');
    const badRange = await upload(Buffer.from('%PDF-1.7\n\u0000\u0000garbage /ByteRange [0 x y z] %%EOF'));
    expect([badRange.statusCode, badRange.json().verdict.code, badRange.json().document]).toEqual([200, 'malformed', null]);
    const encrypted = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer << /Root 1 0 R /Encrypt 2 0 R >>\n%%EOF\n');
    expect((await upload(encrypted)).json().error.code).toBe('VERIFY_PDF_ENCRYPTED');
    const empty = await upload(Buffer.alloc(0));
    expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'VERIFY_PDF_MALFORMED']);
    const big = await upload(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(11 * 1024 * 1024, 0x20)]));
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const json = await upload('{"a":1}', 'application/json');
    expect(json.statusCode).toBeLessThan(500);
    expect(json.statusCode).toBeGreaterThanOrEqual(400);
    const unsigned = await upload(Buffer.from((await issue()).pdf));
    expect([unsigned.json().verdict.code, unsigned.json().document?.status]).toEqual(['not_signed', 'issued']);
  });

  it('codes: unknown, NUL and huge are refused with codes; Crockford look-alikes are read', async () => {
    expect((await call('GET', '/documents/verify/ZZZZZZZZZZ')).json().error.code).toBe('VERIFY_CODE_NOT_FOUND');
    expect((await call('GET', '/documents/verify/AB%00CD')).json().error.code).toMatch(/VERIFY_CODE_NOT_FOUND|TEXT_NOT_ALLOWED|VALIDATION_FAILED/);
    expect((await call('GET', `/documents/verify/${'A'.repeat(100)}`)).json().error.code).toBe('VALIDATION_FAILED');
    const lookalike = code.replace(/1/g, 'l').replace(/0/g, 'o').toLowerCase();
    expect((await call('GET', `/documents/verify/${lookalike.slice(0, 5)}-${lookalike.slice(5)}`)).json().verdict.code).toBe('valid');
  });

  it('a certificate that has expired cannot sign: SIGNER_CERTIFICATE_REFUSED with the reason, nothing recorded', async () => {
    const doc = await issue();
    const user = await buildStaff(t, agencyId, ['expert']);
    expect((await call('POST', '/documents/signer-keys', await signInStaff(t, user.username), { pin: PIN })).statusCode).toBe(201);
    const back = t.clock.now();
    // The certificate is valid for a year; a year and a month later (a fresh session) it has expired.
    t.clock.set(new Date(back.getTime() + 400 * 86_400_000));
    try {
      const res = await call('POST', `/documents/${doc.id}/sign`, await signInStaff(t, user.username), { pin: PIN });
      expect([res.statusCode, res.json().error.code]).toEqual([409, 'SIGNER_CERTIFICATE_REFUSED']);
      expect(res.json().error.details.reason.fa).toBeTruthy();
    } finally {
      t.clock.set(back);
    }
    const [row] = await t.ctx.database.query<{ signature_count: number }>('SELECT signature_count FROM documents WHERE id = $1', [doc.id]);
    expect(row!.signature_count).toBe(0);
  });

  it('is rate-limited per address: 429 RATE_LIMITED past the limit', async () => {
    const from = '10.250.1.1';
    const codes: number[] = [];
    for (let i = 0; i < 32; i++) codes.push((await t.app.inject({ method: 'GET', url: '/api/v1/documents/verify/ZZZZZZZZZZ', remoteAddress: from })).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 404)).toBe(true);
    expect(codes.slice(30)).toEqual([429, 429]);
  });
});
