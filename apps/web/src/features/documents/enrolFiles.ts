/**
 * Files of a production signer's enrolment, read in the browser (issue 10): a certificate a CA
 * issued (PEM, or DER that becomes PEM here) and a PKCS#12 file sent as base64, refused here when
 * larger than the server accepts (its limit: 131 072 base64 characters, i.e. 96 KB of file).
 */

/** The largest PKCS#12 file the server accepts. */
export const PKCS12_MAX_BYTES = 96 * 1024;

export const pkcs12TooLarge = (size: number): boolean => size > PKCS12_MAX_BYTES;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const PEM_BEGIN = '-----BEGIN ';

/**
 * A certificate file's bytes as PEM text: a PEM file (one or more blocks, a chain may follow) as it
 * is, with any text before the first block left out; anything else taken as DER and wrapped in
 * CERTIFICATE lines (64 base64 characters a line). The server checks what it is.
 */
export function certificateToPem(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const start = text.indexOf(PEM_BEGIN);
  if (start >= 0) return text.slice(start).trim() + '\n';
  const lines = bytesToBase64(bytes).match(/.{1,64}/g) ?? [];
  return ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\n');
}
