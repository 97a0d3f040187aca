import {
  toAsciiDigits,
  validateLegalId,
  validateMobile,
  validateNationalCode,
  validatePostalCode,
} from '@dargah/persian';

/**
 * Instant checks of identifiers as people type them (Persian or Latin digits, spaces, dashes), with
 * the same validators the server uses; the server still decides. Each returns the message key of
 * the problem, or `undefined`.
 */

type Result = { ok: true } | { ok: false; reason: string };

/** One mapping for every identifier: empty, not digits, wrong length, or a failed check. */
function problemOf<E extends string, L extends string, I extends string>(
  result: Result,
  keys: { empty: E; length: L; invalid: I },
) {
  if (result.ok) return undefined;
  switch (result.reason) {
    case 'EMPTY':
      return keys.empty;
    case 'FORMAT':
      return 'validation.digitsOnly' as const;
    case 'LENGTH':
      return keys.length;
    default:
      return keys.invalid;
  }
}

export const nationalCodeProblem = (input: string) =>
  problemOf(validateNationalCode(input), {
    empty: 'validation.nationalCodeRequired' as const,
    length: 'validation.nationalCodeLength' as const,
    invalid: 'validation.nationalCodeInvalid' as const,
  });

export function mobileProblem(input: string) {
  const result = validateMobile(input);
  if (result.ok) return undefined;
  return result.reason === 'EMPTY' ? ('validation.mobileRequired' as const) : ('validation.mobileInvalid' as const);
}

export function postalCodeProblem(input: string, required = false) {
  if (input.trim() === '' && !required) return undefined;
  return problemOf(validatePostalCode(input), {
    empty: 'validation.required' as const,
    length: 'validation.postalCodeLength' as const,
    invalid: 'validation.postalCodeInvalid' as const,
  });
}

export const legalIdProblem = (input: string) =>
  problemOf(validateLegalId(input), {
    empty: 'validation.required' as const,
    length: 'validation.legalIdLength' as const,
    invalid: 'validation.legalIdInvalid' as const,
  });

/** A one-time code as typed (Persian digits, spaces) → six ASCII digits, or `undefined`. */
export function normaliseOtp(input: string): string | undefined {
  const code = toAsciiDigits(input).replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : undefined;
}

/** Identifier input as the API wants it: ASCII digits, no spaces or dashes. */
export function normaliseDigits(input: string): string {
  return toAsciiDigits(input).replace(/[\s\u200c-]/g, '');
}
