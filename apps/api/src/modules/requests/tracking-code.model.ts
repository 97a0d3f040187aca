import { randomInt } from 'node:crypto';
import { dammDigit, toAsciiDigits } from '@dargah/persian';

/**
 * Tracking codes (کد رهگیری): 10 digits, the first not 0, the last a Damm check digit.
 *
 * Digits only, because citizens read them over the phone, type them on any keyboard (Persian
 * digits are accepted) and receive them by SMS. Nine random digits give 900 million codes; the
 * UNIQUE column and a retry settle the rare collision. The Damm check digit catches every
 * single-digit mistake and every swap of two adjacent digits, so a mistyped code is refused
 * before any lookup. The code is not a secret: only the applicant may look a request up by it.
 */
export const dammCheckDigit = dammDigit;

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
