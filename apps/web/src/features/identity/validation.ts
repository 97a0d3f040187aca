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

export function nationalCodeProblem(input: string) {
  const result = validateNationalCode(input);
  if (result.ok) return undefined;
  switch (result.reason) {
    case 'EMPTY':
      return 'validation.nationalCodeRequired' as const;
    case 'FORMAT':
      return 'validation.digitsOnly' as const;
    case 'LENGTH':
      return 'validation.nationalCodeLength' as const;
    default:
      return 'validation.nationalCodeInvalid' as const;
  }
}

export function mobileProblem(input: string) {
  const result = validateMobile(input);
  if (result.ok) return undefined;
  return result.reason === 'EMPTY' ? ('validation.mobileRequired' as const) : ('validation.mobileInvalid' as const);
}

export function postalCodeProblem(input: string, required = false) {
  if (input.trim() === '' && !required) return undefined;
  const result = validatePostalCode(input);
  if (result.ok) return undefined;
  switch (result.reason) {
    case 'EMPTY':
      return 'validation.required' as const;
    case 'FORMAT':
      return 'validation.digitsOnly' as const;
    case 'LENGTH':
      return 'validation.postalCodeLength' as const;
    default:
      return 'validation.postalCodeInvalid' as const;
  }
}

export function legalIdProblem(input: string) {
  const result = validateLegalId(input);
  if (result.ok) return undefined;
  switch (result.reason) {
    case 'EMPTY':
      return 'validation.required' as const;
    case 'FORMAT':
      return 'validation.digitsOnly' as const;
    case 'LENGTH':
      return 'validation.legalIdLength' as const;
    default:
      return 'validation.legalIdInvalid' as const;
  }
}

/** A one-time code as typed (Persian digits, spaces) → six ASCII digits, or `undefined`. */
export function normaliseOtp(input: string): string | undefined {
  const code = toAsciiDigits(input).replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : undefined;
}

/** Identifier input as the API wants it: ASCII digits, no spaces or dashes. */
export function normaliseDigits(input: string): string {
  return toAsciiDigits(input).replace(/[\s\u200c-]/g, '');
}
