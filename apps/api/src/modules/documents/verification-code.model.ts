import { randomBytes } from 'node:crypto';

/*
 * The one place that knows what a document's QR code holds (issue 10, item 6: the official layout of
 * شمس is not public, so it may change here and only here). Today: the short verification address
 * `<PUBLIC_BASE_URL>/v/<code>` with the document id as its `d` parameter, so a phone's camera opens
 * the public page, and the page (or the API) can read the code back with `parseQrPayload`.
 */

/** Crockford base32 (no I, L, O, U): easy to read aloud and to type. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;
export const CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{10}$/;

/** A fresh verification code: 10 Crockford base32 characters (50 random bits). */
export function newVerificationCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  return [...bytes].map((b) => ALPHABET[b & 31]).join('');
}

/**
 * A code as a person typed it: case, spaces and dashes ignored, and the letters Crockford reads as
 * digits (I, L → 1; O → 0). Null when it cannot be a code.
 */
export function normaliseVerificationCode(input: string): string | null {
  const c = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return CODE_PATTERN.test(c) ? c : null;
}

/** What the QR code on a document's first page holds. */
export function qrPayload(publicBaseUrl: string, code: string, documentId: string): string {
  return `${publicBaseUrl}/v/${code}?d=${documentId}`;
}

/** The code and document id a scanned QR payload names; null when it is not Dargah's layout. */
export function parseQrPayload(payload: string): { code: string; documentId: string | null } | null {
  let url: URL;
  try {
    url = new URL(payload);
  } catch {
    return null;
  }
  const m = /\/v\/([^/]+)$/.exec(url.pathname);
  const code = m ? normaliseVerificationCode(decodeURIComponent(m[1]!)) : null;
  if (!code) return null;
  const d = url.searchParams.get('d');
  return { code, documentId: d && /^[0-9a-f-]{36}$/i.test(d) ? d.toLowerCase() : null };
}
