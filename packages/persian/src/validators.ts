import { findBankByCode, type IranianBank } from './banks';
import { normalizeIdentifierInput } from './digits';
import { fail, ok, type Result } from './result';

// ---------------------------------------------------------------------------
// Shared steps
// ---------------------------------------------------------------------------

const REPEATED_DIGITS = /^(\d)\1*$/;

/** Normalises the input and checks that only ASCII digits remain. */
function digitsOnly(input: string): Result<string, 'EMPTY' | 'FORMAT'> {
  const value = normalizeIdentifierInput(String(input));
  if (value === '') return fail('EMPTY');
  return /^\d+$/.test(value) ? ok(value) : fail('FORMAT');
}

function digitAt(value: string, index: number): number {
  return value.charCodeAt(index) - 48;
}

// ---------------------------------------------------------------------------
// کد ملی (national code)
// ---------------------------------------------------------------------------

/** Every reason `validateNationalCode` can fail with. */
export const NATIONAL_CODE_FAILURES = [
  'EMPTY',
  'FORMAT',
  'LENGTH',
  'REPEATED_DIGITS',
  'CHECKSUM',
] as const;
/** Reason code of an invalid national code. */
export type NationalCodeFailure = (typeof NATIONAL_CODE_FAILURES)[number];

/** Options of `validateNationalCode`. */
export interface NationalCodeOptions {
  /** Left-pad 8–9 digit input with zeros (legacy imports only, where leading zeros were lost). */
  readonly legacyPad?: boolean;
}

/** Check digit of the first 9 digits: `r = Σ d[i]·(10−i) mod 11`, check = r < 2 ? r : 11 − r. */
export function nationalCodeCheckDigit(firstNine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += digitAt(firstNine, i) * (10 - i);
  const r = sum % 11;
  return r < 2 ? r : 11 - r;
}

/** Validates an Iranian national code (کد ملی); the value is the normalised 10-digit string. */
export function validateNationalCode(
  input: string,
  options: NationalCodeOptions = {},
): Result<string, NationalCodeFailure> {
  const digits = digitsOnly(input);
  if (!digits.ok) return digits;
  let code = digits.value;
  if (options.legacyPad && (code.length === 8 || code.length === 9)) code = code.padStart(10, '0');
  if (code.length !== 10) return fail('LENGTH');
  if (REPEATED_DIGITS.test(code)) return fail('REPEATED_DIGITS');
  if (nationalCodeCheckDigit(code) !== digitAt(code, 9)) return fail('CHECKSUM');
  return ok(code);
}

/** `true` when `validateNationalCode` succeeds. */
export function isValidNationalCode(input: string, options?: NationalCodeOptions): boolean {
  return validateNationalCode(input, options).ok;
}

// ---------------------------------------------------------------------------
// شناسه ملی حقوقی (legal entity national id)
// ---------------------------------------------------------------------------

/** Every reason `validateLegalId` can fail with. */
export const LEGAL_ID_FAILURES = ['EMPTY', 'FORMAT', 'LENGTH', 'MIDDLE_ZERO', 'CHECKSUM'] as const;
/** Reason code of an invalid legal id. */
export type LegalIdFailure = (typeof LEGAL_ID_FAILURES)[number];

const LEGAL_ID_WEIGHTS = [29, 27, 23, 19, 17, 29, 27, 23, 19, 17] as const;

/** Check digit of the first 10 digits: `d = digit[9] + 2`, `c = Σ (d + digit[i])·w[i] mod 11`, 10 → 0. */
export function legalIdCheckDigit(firstTen: string): number {
  const d = digitAt(firstTen, 9) + 2;
  let sum = 0;
  LEGAL_ID_WEIGHTS.forEach((weight, i) => {
    sum += (d + digitAt(firstTen, i)) * weight;
  });
  const c = sum % 11;
  return c === 10 ? 0 : c;
}

/**
 * Validates an 11-digit legal-entity national id (شناسه ملی). Digits 4–9 (1-based, i.e.
 * `id.slice(3, 9)`) must not all be zero: that is the reading under which `10000000010` is invalid.
 */
export function validateLegalId(input: string): Result<string, LegalIdFailure> {
  const digits = digitsOnly(input);
  if (!digits.ok) return digits;
  const id = digits.value;
  if (id.length !== 11) return fail('LENGTH');
  if (/^0+$/.test(id.slice(3, 9))) return fail('MIDDLE_ZERO');
  if (legalIdCheckDigit(id) !== digitAt(id, 10)) return fail('CHECKSUM');
  return ok(id);
}

/** `true` when `validateLegalId` succeeds. */
export function isValidLegalId(input: string): boolean {
  return validateLegalId(input).ok;
}

// ---------------------------------------------------------------------------
// کد پستی (postal code)
// ---------------------------------------------------------------------------

/** Every reason `validatePostalCode` can fail with. */
export const POSTAL_CODE_FAILURES = [
  'EMPTY',
  'FORMAT',
  'LENGTH',
  'REPEATED_DIGITS',
  'FORBIDDEN_DIGIT',
] as const;
/** Reason code of an invalid postal code (`FORBIDDEN_DIGIT`: a 0 or 2 in the first five digits). */
export type PostalCodeFailure = (typeof POSTAL_CODE_FAILURES)[number];

/** Validates a 10-digit postal code (hard rule `^[13-9]{5}\d{5}$`, not all one digit). */
export function validatePostalCode(input: string): Result<string, PostalCodeFailure> {
  const digits = digitsOnly(input);
  if (!digits.ok) return digits;
  const code = digits.value;
  if (code.length !== 10) return fail('LENGTH');
  if (REPEATED_DIGITS.test(code)) return fail('REPEATED_DIGITS');
  if (!/^[13-9]{5}/.test(code)) return fail('FORBIDDEN_DIGIT');
  return ok(code);
}

/** `true` when `validatePostalCode` succeeds. */
export function isValidPostalCode(input: string): boolean {
  return validatePostalCode(input).ok;
}

/** Formats a valid postal code as `XXXXX-XXXXX`; `undefined` when the input is invalid. */
export function formatPostalCode(input: string): string | undefined {
  const result = validatePostalCode(input);
  return result.ok ? `${result.value.slice(0, 5)}-${result.value.slice(5)}` : undefined;
}

// ---------------------------------------------------------------------------
// شبا (Sheba / Iranian IBAN)
// ---------------------------------------------------------------------------

/** Every reason `validateSheba` can fail with. */
export const SHEBA_FAILURES = ['EMPTY', 'COUNTRY', 'FORMAT', 'LENGTH', 'CHECKSUM'] as const;
/** Reason code of an invalid Sheba (`COUNTRY`: does not start with `IR`). */
export type ShebaFailure = (typeof SHEBA_FAILURES)[number];

const SHEBA_LENGTH = 26;

/** ISO 7064 MOD 97-10 remainder of an IBAN-like string (letters A=10 … Z=35). */
export function ibanMod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const n = /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    remainder = (remainder * (n > 9 ? 100 : 10) + n) % 97;
  }
  return remainder;
}

/** Validates a Sheba number (IR + 24 digits, MOD 97-10); the value is uppercase, without spaces. */
export function validateSheba(input: string): Result<string, ShebaFailure> {
  const sheba = normalizeIdentifierInput(String(input)).toUpperCase();
  if (sheba === '') return fail('EMPTY');
  if (!sheba.startsWith('IR')) return fail('COUNTRY');
  if (!/^\d*$/.test(sheba.slice(2))) return fail('FORMAT');
  if (sheba.length !== SHEBA_LENGTH) return fail('LENGTH');
  const checkDigits = Number(sheba.slice(2, 4));
  // ISO 13616 check digits are 02–98; 00, 01 and 99 never come out of the algorithm.
  if (checkDigits < 2 || checkDigits > 98 || ibanMod97(sheba) !== 1) return fail('CHECKSUM');
  return ok(sheba);
}

/** `true` when `validateSheba` succeeds. */
export function isValidSheba(input: string): boolean {
  return validateSheba(input).ok;
}

/** Formats a valid Sheba in groups of four (`IR82 0540 …`); `undefined` when invalid. */
export function formatSheba(input: string): string | undefined {
  const result = validateSheba(input);
  return result.ok ? (result.value.match(/.{1,4}/g) ?? []).join(' ') : undefined;
}

/** The 3-digit bank code (digits 5–7) of a valid Sheba; `undefined` when invalid. */
export function shebaBankCode(input: string): string | undefined {
  const result = validateSheba(input);
  return result.ok ? result.value.slice(4, 7) : undefined;
}

/** The bank of a valid Sheba; `undefined` when invalid or the bank code is not in the table. */
export function shebaBank(input: string): IranianBank | undefined {
  const code = shebaBankCode(input);
  return code === undefined ? undefined : findBankByCode(code);
}

// ---------------------------------------------------------------------------
// Mobile number
// ---------------------------------------------------------------------------

/** Every reason `validateMobile` can fail with. */
export const MOBILE_FAILURES = ['EMPTY', 'FORMAT'] as const;
/** Reason code of an invalid mobile number. */
export type MobileFailure = (typeof MOBILE_FAILURES)[number];

const MOBILE = /^(?:\+98|0098|98|0)?(9\d{9})$/;

/** Validates an Iranian mobile number (`+98`, `0098`, `98`, `0` or no prefix); value `09xxxxxxxxx`. */
export function validateMobile(input: string): Result<string, MobileFailure> {
  const value = normalizeIdentifierInput(String(input));
  if (value === '') return fail('EMPTY');
  const match = MOBILE.exec(value);
  return match?.[1] === undefined ? fail('FORMAT') : ok(`0${match[1]}`);
}

/** `true` when `validateMobile` succeeds. */
export function isValidMobile(input: string): boolean {
  return validateMobile(input).ok;
}

/** Mobile network operators known by their number prefix. */
export type MobileOperator = 'MCI' | 'IRANCELL' | 'RIGHTEL' | 'TALIYA' | 'SHATEL';

function prefixRange(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `0${from + i}`);
}

/** 4-digit prefixes per operator (persian-tools data). Numbers are portable: a hint only. */
export const MOBILE_OPERATOR_PREFIXES: Readonly<Record<MobileOperator, readonly string[]>> = {
  MCI: [...prefixRange(910, 919), ...prefixRange(990, 996)],
  IRANCELL: [...prefixRange(900, 905), '0930', '0933', ...prefixRange(935, 939), '0941'],
  RIGHTEL: prefixRange(920, 923),
  TALIYA: ['0932'],
  SHATEL: ['0998'],
};

const OPERATOR_BY_PREFIX: ReadonlyMap<string, MobileOperator> = new Map(
  (Object.entries(MOBILE_OPERATOR_PREFIXES) as [MobileOperator, readonly string[]][]).flatMap(
    ([operator, prefixes]) => prefixes.map((prefix) => [prefix, operator] as const),
  ),
);

/** Likely operator of a valid mobile number from its prefix (ported numbers keep theirs). */
export function mobileOperatorHint(input: string): MobileOperator | undefined {
  const result = validateMobile(input);
  return result.ok ? OPERATOR_BY_PREFIX.get(result.value.slice(0, 4)) : undefined;
}
