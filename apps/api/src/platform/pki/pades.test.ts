import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../pdf';
import { sampleLetter } from '../pdf/test-support';
import { signDetached } from './cms';
import { acceptExternalPdfSignature, preparePdf, signedContent, signPdf, verifyPdf } from './pades';
import { openssl, privateKeyPem, tempDir, testSigner } from './test-support';
import { createTestAuthorities, testTrustStore, type TestAuthorities } from './trust-store';
import { createTimestampAuthority, type TimestampAuthority } from './tsa';

/**
 * PAdES interoperability with poppler's pdfsig (NSS underneath): two signatures in order
 * (paraph, then co-sign) as incremental updates, each valid and trusted when the test root is in
 * pdfsig's NSS database; one byte changed makes it invalid, and Dargah says "altered" too.
 */
const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
let ca: TestAuthorities;
let tsa: TimestampAuthority;
let dir: string;
let nss: string;
let pdf: Uint8Array;

async function pdfsig(file: string): Promise<string> {
  try {
    const { stdout, stderr } = await run('/usr/bin/pdfsig', ['-nssdir', `sql:${nss}`, file]);
    return stdout + stderr;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

beforeAll(async () => {
  ca = await createTestAuthorities(new Date());
  tsa = createTimestampAuthority(ca.tsa, { now: () => new Date() });
  dir = tempDir();
  nss = path.join(dir, 'nss');
  fs.mkdirSync(nss);
  await run('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
  const rootFile = path.join(dir, 'root.pem');
  fs.writeFileSync(rootFile, ca.root.certificate.toString('pem'));
  await run('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'dargah-test-root', '-t', 'CT,C,C', '-i', rootFile]);
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Dargah letter 1404/123', { x: 72, y: 760, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  pdf = await doc.save({ useObjectStreams: false });
});

const info = (name: string) => ({ reason: 'paraph', name, location: 'Tehran', contactInfo: 'dargah.invalid' });

describe('PAdES signatures, checked by pdfsig', () => {
  it('two signatures in order (RSA, then ECDSA) are each valid and trusted; Dargah agrees', async () => {
    const first = await signPdf(pdf, await testSigner(ca, 'rsa-2048'), info('Maryam Ahmadi'), { tsa, signingTime: new Date() });
    const second = await signPdf(first, await testSigner(ca, 'ecdsa-p256'), { ...info('Ali Rezaei'), reason: 'co-sign' }, { tsa, signingTime: new Date() });
    const file = path.join(dir, 'signed.pdf');
    fs.writeFileSync(file, second);
    const out = await pdfsig(file);
    expect(out).toContain('Signature #1');
    expect(out).toContain('Signature #2');
    expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(out.match(/Certificate Validation: Certificate is Trusted\./g)).toHaveLength(2);
    expect(out).toContain('ETSI.CAdES.detached');
    const v = await verifyPdf(second, { trust: testTrustStore(ca), now: new Date() });
    expect(v.verdict).toBe('valid');
    expect(v.signatures.map((s) => [s.verdict, s.timestamped, s.coversWholeDocument])).toEqual([
      ['valid', true, false],
      ['valid', true, true],
    ]);
    expect(v.changedAfterLastSignature).toBe(false);
  });

  it('a Typst PDF from platform/pdf (classic cross-reference table) takes two signatures; pdfsig and Dargah both say valid', async () => {
    const letter = await renderPdf('letter', sampleLetter({ paragraphs: ['متن کوتاه نامه.'] }));
    // placeholder-plain cannot read cross-reference streams: Typst writes a classic xref table.
    expect(letter.includes('/XRef')).toBe(false);
    const first = await signPdf(letter, await testSigner(ca, 'ecdsa-p256'), info('Zahra Ahmadi'), { tsa });
    const second = await signPdf(first, await testSigner(ca, 'rsa-2048'), { ...info('Ali Rezaei'), reason: 'co-sign' }, { tsa });
    const file = path.join(dir, 'typst-signed.pdf');
    fs.writeFileSync(file, second);
    const out = await pdfsig(file);
    expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(out.match(/Certificate Validation: Certificate is Trusted\./g)).toHaveLength(2);
    expect((await verifyPdf(second, { trust: testTrustStore(ca), now: new Date() })).verdict).toBe('valid');
  });

  it('one byte changed in the signed content: pdfsig says invalid, Dargah says altered', async () => {
    const signed = Buffer.from(await signPdf(pdf, await testSigner(ca, 'rsa-2048'), info('Maryam Ahmadi'), { tsa }));
    // A byte inside the page's (compressed) content stream, which the signature's first range covers.
    const at = signed.indexOf('stream', signed.indexOf('/Length')) + 'stream'.length + 20;
    expect(at).toBeGreaterThan(20);
    expect(at).toBeLessThan(signed.indexOf('/ByteRange'));
    signed[at] = signed[at]! ^ 0x01;
    const file = path.join(dir, 'altered.pdf');
    fs.writeFileSync(file, signed);
    const out = await pdfsig(file);
    expect(out).not.toContain('Signature is Valid.');
    expect(out).toMatch(/Digest Mismatch|Signature is Invalid|Invalid/);
    expect((await verifyPdf(signed, { trust: testTrustStore(ca), now: new Date() })).verdict).toBe('altered');
  });

  it('an untrusted root: pdfsig does not trust it, Dargah says unknown issuer', async () => {
    const other = await createTestAuthorities(new Date());
    const signed = await signPdf(pdf, await testSigner(other, 'ecdsa-p256'), info('Stranger'));
    const file = path.join(dir, 'stranger.pdf');
    fs.writeFileSync(file, signed);
    const out = await pdfsig(file);
    expect(out).toContain('Signature is Valid.');
    expect(out).not.toContain('Certificate is Trusted.');
    expect((await verifyPdf(signed, { trust: testTrustStore(ca), now: new Date() })).verdict).toBe('unknown_issuer');
  });

  it('an external signer (here OpenSSL, as a token would) signs the prepared bytes; Dargah checks before embedding, pdfsig agrees', async () => {
    const first = await signPdf(pdf, await testSigner(ca, 'rsa-2048'), info('Maryam Ahmadi'), { tsa });
    const prepared = await preparePdf(first, { ...info('External signer'), reason: 'countersign' });
    const external = await testSigner(ca, 'ecdsa-p256');
    const files = { data: path.join(dir, 'to-sign.bin'), cert: path.join(dir, 'ext.pem'), key: path.join(dir, 'ext.key'), chain: path.join(dir, 'ext-chain.pem'), sig: path.join(dir, 'ext.p7s') };
    fs.writeFileSync(files.data, signedContent(prepared));
    fs.writeFileSync(files.cert, external.certificate.toString('pem'));
    fs.writeFileSync(files.key, await privateKeyPem(external.privateKey));
    fs.writeFileSync(files.chain, ca.intermediate.certificate.toString('pem'));
    const signed = await openssl(['cms', '-sign', '-binary', '-md', 'sha256', '-in', files.data, '-signer', files.cert, '-inkey', files.key, '-certfile', files.chain, '-outform', 'DER', '-out', files.sig]);
    expect(signed.code, signed.out).toBe(0);
    const opts = { trust: testTrustStore(ca), now: new Date() };
    const accepted = await acceptExternalPdfSignature(prepared, new Uint8Array(fs.readFileSync(files.sig)), opts);
    expect(accepted.ok).toBe(true);
    const file = path.join(dir, 'external.pdf');
    fs.writeFileSync(file, accepted.ok ? accepted.pdf : new Uint8Array());
    const out = await pdfsig(file);
    expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(out.match(/Certificate Validation: Certificate is Trusted\./g)).toHaveLength(2);
    expect((await verifyPdf(accepted.ok ? accepted.pdf : new Uint8Array(), opts)).verdict).toBe('valid');

    // Refused with the verdict: a signature over other bytes, by an unknown CA, garbage, or too large to fit.
    const overOther = await signDetached(new Uint8Array([1, 2, 3]), external);
    expect(await acceptExternalPdfSignature(prepared, overOther, opts)).toMatchObject({ ok: false, verdict: 'altered' });
    const stranger = await testSigner(await createTestAuthorities(new Date()), 'ecdsa-p256');
    expect(await acceptExternalPdfSignature(prepared, await signDetached(signedContent(prepared), stranger), opts)).toMatchObject({ ok: false, verdict: 'unknown_issuer' });
    expect(await acceptExternalPdfSignature(prepared, new Uint8Array(100), opts)).toMatchObject({ ok: false, verdict: 'malformed' });
    const huge = await signDetached(signedContent(prepared), { ...external, chain: Array.from({ length: 20 }, () => ca.intermediate.certificate) });
    expect(await acceptExternalPdfSignature(prepared, huge, opts)).toMatchObject({ ok: false, verdict: 'malformed' });
  });

  it('bytes appended after the last signature: altered; no signature: not_signed; garbage: never an exception', async () => {
    const signed = await signPdf(pdf, await testSigner(ca, 'ecdsa-p256'), info('Maryam Ahmadi'));
    const appended = new Uint8Array(Buffer.concat([Buffer.from(signed), Buffer.from('\n% appended later\n')]));
    const v = await verifyPdf(appended, { trust: testTrustStore(ca), now: new Date() });
    expect(v).toMatchObject({ verdict: 'altered', changedAfterLastSignature: true });
    expect(v.signatures[0]!.verdict).toBe('valid');
    expect((await verifyPdf(pdf, { trust: testTrustStore(ca), now: new Date() })).verdict).toBe('not_signed');
    for (const bad of [new Uint8Array(), new Uint8Array(1000), Buffer.from('/ByteRange [0 10 5 99999999] /Contents <zz>'), Buffer.from('%PDF-1.7\n/ByteRange [0 1 ')]) {
      const r = await verifyPdf(new Uint8Array(bad), { trust: testTrustStore(ca), now: new Date() });
      expect(['malformed', 'not_signed']).toContain(r.verdict);
    }
    // A /Contents that is not a CMS where the ranges say it is.
    const broken = Buffer.from(signed);
    const contents = broken.indexOf('/Contents <') + '/Contents <'.length;
    broken.write('00', contents, 'latin1');
    expect(['malformed', 'altered']).toContain((await verifyPdf(broken, { trust: testTrustStore(ca), now: new Date() })).verdict);
  });

  it('prepares a PDF for signing under Node’s own ESM loader too (tsx, how the app and the bench run; vitest’s interop hid a broken import)', async () => {
    const input = path.join(dir, 'esm-in.pdf');
    fs.writeFileSync(input, pdf);
    const script = `import fs from 'node:fs'; import { preparePdf } from ${JSON.stringify(path.join(here, 'pades.ts'))};
      const p = await preparePdf(new Uint8Array(fs.readFileSync(${JSON.stringify(input)})), { reason: 'r', name: 'n', location: 'l', contactInfo: 'c' });
      console.log(JSON.stringify(p.byteRange));`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: here });
    const range = JSON.parse(stdout.trim().split('\n').at(-1)!) as number[];
    expect(range).toHaveLength(4);
    expect(range[0]).toBe(0);
  });
});
