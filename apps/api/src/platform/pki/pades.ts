import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
// The class, not the package's default export: Node's ESM loader (tsx, the app's runtime) hands a
// CommonJS default export over as { default, … }, so `signpdf.sign` existed only under vitest's interop.
import { SignPdf } from '@signpdf/signpdf';
import { findByteRange, Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import * as asn1js from 'asn1js';
import { signDetached, type SignerCredentials } from './cms';
import { toArrayBuffer } from './engine';
import type { TimestampAuthority } from './tsa';
import { verifyDetached, type SignerVerification, type VerifyOptions } from './verify';
import type { VerdictCode } from './verdicts';

/**
 * PAdES (ETSI EN 319 142, baseline B-T) over a PDF buffer: @signpdf/placeholder-plain appends an
 * incremental update with a signature field whose /Contents placeholder and /ByteRange @signpdf
 * fills; the CMS is ours (cms.ts) over the bytes outside /Contents, with the PAdES signed
 * attributes (content type, message digest, signing-certificate-v2, no signing-time: the time is
 * the dictionary's /M and, proven, the timestamp) and the RFC 3161 signature-time-stamp. Each
 * further signature is another incremental update, so earlier signatures stay valid.
 *
 * Limits of placeholder-plain: PDFs with cross-reference streams (PDF 1.5 object streams) are
 * refused, so producers must write classic xref tables (pdf-lib: useObjectStreams false).
 */
export interface PdfSignatureInfo {
  reason: string;
  name: string;
  location: string;
  contactInfo: string;
}

/** Room for the CMS in /Contents (bytes): the signer's chain of RSA certificates and a timestamp fit in 16 KB. */
const SIGNATURE_BYTES = 16_384;

/** A PDF with an empty signature field whose /ByteRange is final: what a signer (Dargah or an external device) signs. */
export interface PreparedPdf {
  pdf: Uint8Array;
  byteRange: [number, number, number, number];
}

/**
 * Adds a signature field (an incremental update) and fixes its /ByteRange, leaving /Contents
 * zero-filled: @signpdf computes the ranges, given a signer that signs nothing yet.
 */
export async function preparePdf(pdf: Uint8Array, info: PdfSignatureInfo, opts: { signingTime?: Date } = {}): Promise<PreparedPdf> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: Buffer.from(pdf),
    ...info,
    ...(opts.signingTime ? { signingTime: opts.signingTime } : {}),
    signatureLength: SIGNATURE_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
  });
  class Nothing extends Signer {
    override sign(): Promise<Buffer> {
      return Promise.resolve(Buffer.alloc(0));
    }
  }
  const prepared = new Uint8Array(await new SignPdf().sign(withPlaceholder, new Nothing()));
  const ranges = byteRangesOf(Buffer.from(prepared));
  const last = ranges.at(-1);
  if (!last || last.length !== 4) throw new Error('the prepared PDF has no byte range');
  return { pdf: prepared, byteRange: last.map(Number) as PreparedPdf['byteRange'] };
}

/** The bytes a signature over this prepared PDF covers (everything but /Contents). */
export function signedContent(p: PreparedPdf): Uint8Array {
  const [a, b, c, d] = p.byteRange;
  return new Uint8Array(Buffer.concat([p.pdf.subarray(a, a + b), p.pdf.subarray(c, c + d)]));
}

/** Writes a CMS (DER) into the prepared /Contents; throws when it does not fit. */
export function embedSignature(p: PreparedPdf, cms: Uint8Array): Uint8Array {
  const [, b, c] = p.byteRange;
  const room = c - b - 2;
  const hex = Buffer.from(cms).toString('hex');
  if (hex.length > room) throw new Error(`signature of ${cms.length} bytes does not fit in ${room / 2}`);
  const out = Buffer.from(p.pdf);
  out.write(hex.padEnd(room, '0'), b + 1, 'latin1');
  return new Uint8Array(out);
}

export async function signPdf(pdf: Uint8Array, signer: SignerCredentials, info: PdfSignatureInfo, opts: { tsa?: TimestampAuthority; signingTime?: Date } = {}): Promise<Uint8Array> {
  const prepared = await preparePdf(pdf, info, opts.signingTime ? { signingTime: opts.signingTime } : {});
  return embedSignature(prepared, await signDetached(signedContent(prepared), signer, opts.tsa ? { tsa: opts.tsa } : {}));
}

/**
 * An external signer's CMS (their own token or device signed `signedContent(prepared)`): checked
 * like any signature before it is written into the PDF; refused with its verdict otherwise.
 */
export async function acceptExternalPdfSignature(
  prepared: PreparedPdf,
  cms: Uint8Array,
  opts: VerifyOptions,
): Promise<{ ok: true; pdf: Uint8Array; signer: SignerVerification } | { ok: false; verdict: VerdictCode; detail?: string }> {
  const v = await verifyDetached(cms, signedContent(prepared), opts);
  const signer = v.signers[0];
  if (v.verdict !== 'valid' || !signer || v.signers.length !== 1) return { ok: false, verdict: v.verdict === 'valid' ? 'malformed' : v.verdict, ...(signer?.detail ?? v.detail ? { detail: signer?.detail ?? v.detail } : {}) };
  try {
    return { ok: true, pdf: embedSignature(prepared, cms), signer };
  } catch (err) {
    return { ok: false, verdict: 'malformed', detail: err instanceof Error ? err.message : String(err) };
  }
}

/** Each `/ByteRange [a b c d]` in the file, as written. */
function byteRangesOf(buf: Buffer): string[][] {
  // byteRangeStrings: each `/ByteRange [a b c d]` as written (its declared `byteRange` type is not what it returns).
  return findByteRange(buf).byteRangeStrings.map((x) => x.replace(/^\/ByteRange\s*\[/, '').replace(/\]$/, '').trim().split(/\s+/));
}

export interface PdfSignatureVerification extends SignerVerification {
  byteRange: [number, number, number, number];
  /** This signature's ranges end at the end of the file: nothing was appended after it. */
  coversWholeDocument: boolean;
}

export interface PdfVerification {
  verdict: VerdictCode;
  /** In file order: the first signature first. */
  signatures: PdfSignatureVerification[];
  /** Bytes were appended after the last signature (the document was changed after it was signed). */
  changedAfterLastSignature: boolean;
  detail?: string;
}

/** The CMS DER inside a /Contents hex string (zero-padded to the placeholder's size). */
function contentsDer(gap: Buffer): Uint8Array | undefined {
  const text = gap.toString('latin1');
  if (!/^<[0-9A-Fa-f]*>$/.test(text) || text.length % 2 !== 0) return undefined;
  const bytes = new Uint8Array(Buffer.from(text.slice(1, -1), 'hex'));
  const asn = asn1js.fromBER(toArrayBuffer(bytes));
  if (asn.offset === -1 || bytes.subarray(asn.offset).some((b) => b !== 0)) return undefined;
  return bytes.subarray(0, asn.offset);
}

/**
 * Every signature of a PDF verified over its byte range, and whether the file changed after the
 * last one. A PDF without a signature is not_signed; unreadable ranges are malformed. Never throws.
 */
export async function verifyPdf(pdf: Uint8Array, opts: VerifyOptions): Promise<PdfVerification> {
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  let ranges: string[][];
  try {
    ranges = byteRangesOf(buf);
  } catch (err) {
    return { verdict: 'malformed', signatures: [], changedAfterLastSignature: false, detail: String(err) };
  }
  const signatures: PdfSignatureVerification[] = [];
  for (const r of ranges) {
    const n = r.map(Number);
    const [a, b, c, d] = n as [number, number, number, number];
    const byteRange: PdfSignatureVerification['byteRange'] = [a, b, c, d];
    const fail = (detail: string): PdfSignatureVerification => ({ verdict: 'malformed', byteRange, coversWholeDocument: false, signingTime: opts.now.toISOString(), timestamped: false, revocation: 'not_checked', detail });
    if (n.length !== 4 || !n.every((x) => Number.isSafeInteger(x) && x >= 0) || a !== 0 || b >= c || c + d > buf.length) {
      signatures.push(fail(`unusable /ByteRange [${r.join(' ')}]`));
      continue;
    }
    const der = contentsDer(buf.subarray(b, c));
    if (!der) {
      signatures.push(fail('/Contents is not a hex-encoded CMS'));
      continue;
    }
    const content = new Uint8Array(Buffer.concat([buf.subarray(a, a + b), buf.subarray(c, c + d)]));
    const v = await verifyDetached(der, content, opts);
    const first = v.signers[0] ?? { verdict: v.verdict, signingTime: opts.now.toISOString(), timestamped: false, revocation: 'not_checked' as const, ...(v.detail ? { detail: v.detail } : {}) };
    signatures.push({ ...first, verdict: v.verdict, byteRange, coversWholeDocument: c + d === buf.length });
  }
  if (signatures.length === 0) return { verdict: 'not_signed', signatures, changedAfterLastSignature: false };
  const last = signatures.reduce((x, y) => (y.byteRange[2] + y.byteRange[3] > x.byteRange[2] + x.byteRange[3] ? y : x));
  const changedAfterLastSignature = !last.coversWholeDocument;
  const bad = signatures.find((s) => s.verdict !== 'valid')?.verdict;
  return {
    verdict: bad ?? (changedAfterLastSignature ? 'altered' : 'valid'),
    signatures,
    changedAfterLastSignature,
    ...(changedAfterLastSignature && !bad ? { detail: 'bytes were appended after the last signature' } : {}),
  };
}
