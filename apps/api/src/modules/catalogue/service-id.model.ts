import { normalizeServiceIdInput } from '@dargah/contracts';
import { dammDigit } from '@dargah/persian';
/**
 * Service ids (شناسه خدمت): 11 digits, the published shape of Iranian service ids. The first 10
 * are a number from the PostgreSQL sequence `service_card_number_seq`, zero-padded, so an id is
 * never handed out twice (a sequence value is consumed even when its transaction rolls back); the
 * 11th is a Damm check digit over the first 10.
 *
 * Why Damm rather than Luhn or mod 11: it detects every single-digit error and every transposition
 * of adjacent digits (Luhn misses 09 <-> 90), and unlike mod 11 it never needs an eleventh symbol.
 * The service desk's tracking codes use the same algorithm.
 */

export const dammInterim = dammDigit;

export const SERVICE_NUMBER_MAX = 9_999_999_999;

/** The service id of a sequence number (1 … 9 999 999 999). */
export function serviceIdFromNumber(n: number | bigint | string): string {
  const value = BigInt(n);
  if (value < 1n || value > BigInt(SERVICE_NUMBER_MAX))
    throw new RangeError(`service number out of range: ${String(n)}`);
  const body = value.toString().padStart(10, '0');
  return `${body}${dammInterim(body)}`;
}

/** 11 digits, not all zero in the number part, with a valid Damm check digit. */
export function isValidServiceId(input: string): boolean {
  const s = normalizeServiceIdInput(input);
  return /^\d{11}$/.test(s) && !/^0{10}/.test(s) && dammInterim(s) === 0;
}
