import { tehranDateTimeString, toAsciiDigits, validateLegalId, validateNationalCode } from '@dargah/persian';
import { DomainError } from '../http/errors';
import { textProblem } from '../http/text-guard';
import { MAX_LETTER_NUMBER_LENGTH, unfitForNumber } from './display';
import { MAX_NUMBERING_YEAR, MIN_NUMBERING_YEAR } from './sequence';

/*
 * The شمس national document id and the QR of its published fields (ADR 0041). The official layouts
 * are not known (iran.md §4: the spec «سند تولید شناسه ملی سند (شمس)» v1.2 was not found, nor the
 * QR's order or separator): each layout is in one function here, so the official one replaces ours
 * in one place.
 */

/** The issuing domains of the circular (outgoing, internal) and their one-digit codes in the id. */
export const SHAMS_DOMAIN_CODES = { outgoing: '1', internal: '2' } as const;
export type ShamsDomain = keyof typeof SHAMS_DOMAIN_CODES;

/** Digits of the sequence in the id: the counter's row is checked to stay within them (migration 0048). */
export const SHAMS_SEQ_DIGITS = 9;

/** A شمس id's parts: the agency's 11-digit legal id, the issuing domain, the Jalali year, the sequence. */
export interface ShamsId {
  origin: string;
  domain: ShamsDomain;
  year: number;
  seq: number;
}

// origin (11) - domain (1) - year (4) - sequence (9): fixed widths, so 28 characters always and one
// reading only; the hyphens are for people reading it aloud, not for parsing.
const SHAMS_ID_RE = /^(\d{11})-(\d)-(\d{4})-(\d{9})$/;

const invalidId = (field: string): never => {
  throw new DomainError('SHAMS_ID_INVALID', { field });
};

function checkedParts(id: ShamsId): ShamsId {
  const origin = validateLegalId(String(id.origin));
  if (!origin.ok) return invalidId('origin');
  if (!Object.hasOwn(SHAMS_DOMAIN_CODES, id.domain)) invalidId('domain');
  if (!Number.isInteger(id.year) || id.year < MIN_NUMBERING_YEAR || id.year > MAX_NUMBERING_YEAR) invalidId('year');
  if (!Number.isInteger(id.seq) || id.seq < 1 || id.seq >= 10 ** SHAMS_SEQ_DIGITS) invalidId('seq');
  return { origin: origin.value, domain: id.domain, year: id.year, seq: id.seq };
}

/** `10101234567-1-1404-000000042`: the id's one text form. */
export function formatShamsId(id: ShamsId): string {
  const { origin, domain, year, seq } = checkedParts(id);
  return `${origin}-${SHAMS_DOMAIN_CODES[domain]}-${year}-${String(seq).padStart(SHAMS_SEQ_DIGITS, '0')}`;
}

/** The parts of an id's text form (Persian digits accepted: a person may type it), or SHAMS_ID_INVALID. */
export function parseShamsId(text: string): ShamsId {
  const m = typeof text === 'string' ? SHAMS_ID_RE.exec(toAsciiDigits(text.trim())) : null;
  if (!m) return invalidId('format');
  const domain = (Object.keys(SHAMS_DOMAIN_CODES) as ShamsDomain[]).find((d) => SHAMS_DOMAIN_CODES[d] === m[2]);
  if (!domain) return invalidId('domain');
  return checkedParts({ origin: m[1]!, domain, year: Number(m[3]), seq: Number(m[4]) });
}

/** The published شمس fields of a registered letter (iran.md §4), in their published order. */
export interface ShamsQrFields {
  /** The display number, ≤ 20 characters. */
  letterNumber: string;
  /** The registration instant: written as 19 characters, Gregorian, Tehran wall-clock time. */
  registeredAt: Date;
  /** The letter's GUID, 36 characters. */
  guid: string;
  /** Each signer's 10-digit national code, in signing order. */
  signerNationalCodes: readonly string[];
  /** The organisation's e-mail address. */
  organisationEmail: string;
  /** The organisation's 11-digit national (legal) id. */
  organisationNationalId: string;
}

export const MAX_QR_SIGNERS = 10;
const MAX_EMAIL_LENGTH = 254;
const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL_RE = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

const invalidField = (field: string, extra: Record<string, unknown> = {}): never => {
  throw new DomainError('SHAMS_FIELD_INVALID', { field, ...extra });
};

/** `value` if it is exactly `length` characters, else SHAMS_FIELD_INVALID naming `field`. */
function exactly(field: string, value: string, length: number): string {
  if (value.length !== length) invalidField(field, { length: value.length, expected: length });
  return value;
}

/**
 * The QR payload of the first page: the six published fields, one per line, in the published
 * order; the signers' codes separated by commas. Every field is checked for its published length
 * (SHAMS_FIELD_INVALID naming the field), so no field can spill into the next line.
 */
export function shamsQrPayload(fields: ShamsQrFields): string {
  const letterNumber = toAsciiDigits(String(fields.letterNumber ?? ''));
  if (
    letterNumber.length === 0 ||
    [...letterNumber].length > MAX_LETTER_NUMBER_LENGTH ||
    unfitForNumber(letterNumber)
  ) {
    invalidField('letterNumber');
  }
  if (!(fields.registeredAt instanceof Date) || Number.isNaN(fields.registeredAt.getTime()))
    invalidField('registeredAt');
  const registeredAt = exactly('registeredAt', tehranDateTimeString(fields.registeredAt), 19);
  if (typeof fields.guid !== 'string' || !GUID_RE.test(fields.guid)) invalidField('guid');
  const guid = exactly('guid', fields.guid.toLowerCase(), 36);
  const signers = fields.signerNationalCodes;
  if (!Array.isArray(signers) || signers.length === 0 || signers.length > MAX_QR_SIGNERS)
    invalidField('signerNationalCodes', { max: MAX_QR_SIGNERS });
  const codes = signers.map((code, i) => {
    const r = validateNationalCode(String(code));
    return r.ok ? exactly(`signerNationalCodes.${i}`, r.value, 10) : invalidField(`signerNationalCodes.${i}`);
  });
  const email = String(fields.organisationEmail ?? '');
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_RE.test(email) || textProblem(email)) invalidField('organisationEmail');
  const orgId = validateLegalId(String(fields.organisationNationalId ?? ''));
  const organisationNationalId = orgId.ok
    ? exactly('organisationNationalId', orgId.value, 11)
    : invalidField('organisationNationalId');
  return [letterNumber, registeredAt, guid, codes.join(','), email, organisationNationalId].join('\n');
}
