import { createHash } from 'node:crypto';
import type { DocumentVerification } from '@dargah/contracts';
import type { AppContext } from '../../platform/context';
import type { Lang } from '../../platform/http/i18n';
import { VERDICTS, type PdfVerification, type VerdictCode } from '../../platform/pki';
import { agenciesByIds } from '../organisation';
import { DocumentsError } from './documents.errors';
import * as repo from './documents.repository';
import { readPdf } from './documents.service';
import { normaliseVerificationCode } from './verification-code.model';

/*
 * Public verification (issue 10, item 6; no sign-in): by the code of the QR, or by an uploaded PDF.
 * The signatures are judged from the PDF's own bytes against the trust store (platform/pki); what
 * Dargah recorded (agency, status, signers' roles) is added when the PDF is one Dargah produced.
 */

/** The largest PDF the public verification takes (the route's body limit is the same). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const STATUS_REASONS: Record<repo.DocumentStatus, { fa: string; en: string }> = {
  issued: { fa: 'این سند صادر شده و به قوت خود باقی است.', en: 'This document was issued and stands.' },
  superseded: { fa: 'این سند با سند دیگری جایگزین شده است.', en: 'This document has been superseded by another.' },
  revoked: { fa: 'این سند باطل شده است.', en: 'This document has been revoked.' },
};

const verdict = (code: VerdictCode) => ({ code, reason: VERDICTS[code] });
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const cn = (dn: string | undefined) => (dn ? (/(?:^|,\s*)CN=([^,]+)/.exec(dn)?.[1]?.trim() ?? dn) : null);

async function answer(ctx: AppContext, doc: repo.DocumentRecord | undefined, v: PdfVerification, lang: Lang): Promise<DocumentVerification> {
  const recorded = doc ? await repo.signaturesOf(ctx.database.db, doc.id) : [];
  const agency = doc ? (await agenciesByIds(ctx.database.db, [doc.agencyId])).get(doc.agencyId) : undefined;
  const successor = doc?.supersededBy ? await repo.findDocument(ctx.database.db, doc.supersededBy) : undefined;
  return {
    verdict: verdict(v.verdict),
    changedAfterLastSignature: v.changedAfterLastSignature,
    document: doc
      ? {
          id: doc.id,
          verificationCode: doc.verificationCode,
          kind: doc.kind,
          status: doc.status,
          statusReason: STATUS_REASONS[doc.status],
          issuedAt: doc.createdAt.toISOString(),
          agency: { id: doc.agencyId, name: (lang === 'en' && agency?.nameEn) || agency?.nameFa || '' },
          supersededByCode: successor?.verificationCode ?? null,
          revokedAt: doc.revokedAt?.toISOString() ?? null,
          revokeReason: doc.revokeReason,
        }
      : null,
    signatures: v.signatures.map((s, i) => ({
      verdict: verdict(s.verdict),
      signer: {
        name: cn(s.signer?.subject),
        // The role is Dargah's record of the signature in the same place, when this is Dargah's document.
        role: recorded[i]?.signerRole ?? null,
        issuer: cn(s.signer?.issuer),
      },
      signingTime: s.signingTime,
      timestamped: s.timestamped,
    })),
  };
}

/** The document a QR code or a typed code names, as it stands now. VERIFY_CODE_NOT_FOUND otherwise. */
export async function verifyByCode(ctx: AppContext, input: string, lang: Lang): Promise<DocumentVerification> {
  const code = normaliseVerificationCode(input);
  const doc = code ? await repo.findDocumentByCode(ctx.database.db, code) : undefined;
  if (!doc) throw new DocumentsError('VERIFY_CODE_NOT_FOUND');
  return answer(ctx, doc, await ctx.pki.verifyPdf(await readPdf(ctx, doc.contentSha256)), lang);
}

/** Whether the bytes look like a PDF at all: a header near the start and an end-of-file marker near the end. */
function looksLikePdf(pdf: Buffer): boolean {
  return pdf.subarray(0, 1024).includes('%PDF-') && pdf.subarray(Math.max(0, pdf.length - 2048)).includes('%%EOF');
}

/**
 * An uploaded PDF: each signature verified over its bytes; the document found by the SHA-256 of the
 * file, or of the file up to the end of any of its signatures (so a copy with bytes appended after
 * signing is still recognised, and reported altered). Refusals: PAYLOAD_TOO_LARGE (413, the platform's code),
 * VERIFY_PDF_MALFORMED (not a PDF, or signature ranges that cannot be read), VERIFY_PDF_ENCRYPTED.
 */
export async function verifyUpload(ctx: AppContext, pdf: Buffer, lang: Lang): Promise<DocumentVerification> {
  if (pdf.length > MAX_UPLOAD_BYTES) throw new DocumentsError('PAYLOAD_TOO_LARGE', { maxBytes: MAX_UPLOAD_BYTES });
  if (!looksLikePdf(pdf)) throw new DocumentsError('VERIFY_PDF_MALFORMED');
  if (/\/Encrypt\s*\d+\s+\d+\s+R|\/Encrypt\s*<</.test(pdf.toString('latin1'))) throw new DocumentsError('VERIFY_PDF_ENCRYPTED');
  const v = await ctx.pki.verifyPdf(pdf);
  if (v.verdict === 'malformed' && v.signatures.length === 0) throw new DocumentsError('VERIFY_PDF_MALFORMED');
  const hashes = new Set([sha256(pdf)]);
  for (const s of v.signatures) {
    const end = s.byteRange[2] + s.byteRange[3];
    if (end > 0 && end <= pdf.length) hashes.add(sha256(pdf.subarray(0, end)));
  }
  const doc = await repo.findDocumentByPdfHash(ctx.database.db, [...hashes]);
  return answer(ctx, doc, v, lang);
}
