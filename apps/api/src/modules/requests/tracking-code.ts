import { randomInt } from 'node:crypto';
import { toAsciiDigits } from '@dargah/persian';

/**
 * Tracking codes (کد رهگیری): 10 digits, the first not 0, the last a Damm check digit.
 *
 * Digits only, because citizens read them over the phone, type them on any keyboard (Persian
 * digits are accepted) and receive them by SMS. Nine random digits give 900 million codes; the
 * UNIQUE column and a retry settle the rare collision. The Damm check digit catches every
 * single-digit mistake and every swap of two adjacent digits, so a mistyped code is refused
 * before any lookup. The code is not a secret: only the applicant may look a request up by it.
 */
const DAMM: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** The Damm check digit of a string of ASCII digits. */
export function dammCheckDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim]![Number(ch)]!;
  return interim;
}

export const TRACKING_CODE_RE = /^[1-9][0-9]{9}$/;

/** A new random tracking code. */
export function newTrackingCode(random: (min: number, max: number) => number = randomInt): string {
  const body = `${random(1, 10)}${String(random(0, 100_000_000)).padStart(8, '0')}`;
  return `${body}${dammCheckDigit(body)}`;
}

/** Persian or Arabic digits, spaces and dashes as typed, to the stored form. */
export const normaliseTrackingCode = (s: string): string => toAsciiDigits(s).replace(/[\s\u200c-]/g, '');

/** True for a well-formed code whose check digit is right (a code with a correct check digit yields interim 0). */
export const isValidTrackingCode = (s: string): boolean => TRACKING_CODE_RE.test(s) && dammCheckDigit(s) === 0;
