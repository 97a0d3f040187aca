import { describe, expect, it } from 'vitest';
import { DomainError } from '../http/errors';
import {
  formatDisplayNumber,
  formatShamsId,
  normalizeNumberPattern,
  numberingYear,
  parseShamsId,
  shamsQrPayload,
  type ShamsQrFields,
} from './index';

/** The coded refusal fn throws, for matching its code and details. */
function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('numberingYear: the Jalali year rolls over at Nowruz, Tehran midnight', () => {
  it('Nowruz 1404 began at 2025-03-20T20:30:00Z', () => {
    expect(numberingYear(new Date('2025-03-20T20:29:59.999Z'))).toBe(1403);
    expect(numberingYear(new Date('2025-03-20T20:30:00.000Z'))).toBe(1404);
  });

  it('Nowruz 1405 began at 2026-03-20T20:30:00Z: still 20 March in UTC, already 1405 in Tehran', () => {
    expect(numberingYear(new Date('2026-03-20T20:29:59Z'))).toBe(1404);
    expect(numberingYear(new Date('2026-03-20T20:40:00Z'))).toBe(1405);
    expect(numberingYear(new Date('2026-03-21T00:00:00Z'))).toBe(1405);
  });

  it('not at UTC midnight and not on 1 January', () => {
    expect(numberingYear(new Date('2025-12-31T23:59:59Z'))).toBe(1404);
    expect(numberingYear(new Date('2026-01-01T00:00:00Z'))).toBe(1404);
    expect(numberingYear(new Date('2026-03-20T00:00:00Z'))).toBe(1404);
  });
});

describe('display numbers from an agency’s pattern', () => {
  it('fills the placeholders (iran.md: indicator/subject/type/unit/year)', () => {
    expect(formatDisplayNumber('{seq}/ق/م/{unit}/{year}', { seq: 14505, year: 1402, unit: 'ب' })).toBe(
      '14505/ق/م/ب/1402',
    );
    expect(formatDisplayNumber('{domain}-{yy}-{seq:5}', { seq: 42, year: 1405, domain: 'ص' })).toBe('ص-05-00042');
    expect(formatDisplayNumber('{seq:3}', { seq: 12345, year: 1404 })).toBe('12345');
  });

  it('stores ASCII digits: Persian and Arabic digits in the pattern and the values become ASCII', () => {
    expect(normalizeNumberPattern('{seq}/۱۲/{year}')).toBe('{seq}/12/{year}');
    expect(formatDisplayNumber('{seq}/۱۲/{unit}', { seq: 7, year: 1404, unit: '٣ب' })).toBe('7/12/3ب');
  });

  it('refuses a pattern without {seq}, an unknown placeholder, stray braces, control characters and oversize', () => {
    const reason = (pattern: string) => refusal(() => normalizeNumberPattern(pattern)).details;
    expect(refusal(() => normalizeNumberPattern('{year}/{unit}')).code).toBe('NUMBER_PATTERN_INVALID');
    expect(reason('{year}/{unit}')).toMatchObject({ reason: 'no_seq' });
    expect(reason('{seq}/{agency}')).toMatchObject({ reason: 'unknown_placeholder', placeholder: 'agency' });
    expect(reason('{seq}/{SEQ}')).toMatchObject({ reason: 'stray_brace' });
    expect(reason('{seq}}')).toMatchObject({ reason: 'stray_brace' });
    expect(reason('{seq')).toMatchObject({ reason: 'stray_brace' });
    expect(reason('{seq:0}')).toMatchObject({ reason: 'stray_brace' });
    expect(reason('{year:4}{seq}')).toMatchObject({ reason: 'width_on_text' });
    expect(reason('{seq}\u0000')).toMatchObject({ reason: 'control_character' });
    expect(reason('{seq}\n1')).toMatchObject({ reason: 'control_character' });
    expect(reason('{seq}/\u202Eق')).toMatchObject({ reason: 'control_character' });
    expect(reason('')).toMatchObject({ reason: 'empty' });
    expect(reason(`{seq}${'x'.repeat(60)}`)).toMatchObject({ reason: 'too_long' });
  });

  it('refuses a missing or hostile value, and a number over the 20 characters of the شمس field', () => {
    expect(refusal(() => formatDisplayNumber('{seq}/{unit}', { seq: 1, year: 1404 })).details).toMatchObject({
      reason: 'value_missing',
      placeholder: 'unit',
    });
    expect(
      refusal(() => formatDisplayNumber('{seq}/{unit}', { seq: 1, year: 1404, unit: 'a\u0000' })).details,
    ).toMatchObject({ reason: 'value_not_allowed' });
    expect(refusal(() => formatDisplayNumber('{seq}/{unit}', { seq: 0, year: 1404, unit: 'a' })).details).toMatchObject(
      { reason: 'seq_invalid' },
    );
    expect(formatDisplayNumber('{seq:9}/ق/م/ب/{year}', { seq: 1, year: 1404 })).toHaveLength(20);
    const long = refusal(() => formatDisplayNumber('{seq:9}/ق/م/ب/{year}', { seq: 1_000_000_000, year: 1404 }));
    expect(long).toMatchObject({ code: 'NUMBER_TOO_LONG', details: { length: 21, max: 20 } });
    expect(
      refusal(() => formatDisplayNumber('{seq}/{unit}', { seq: 1, year: 1404, unit: 'واحد'.repeat(5) })).code,
    ).toBe('NUMBER_TOO_LONG');
  });
});

// A valid 11-digit legal id and 10-digit national codes (their check digits hold).
const ORIGIN = '10101234565';
const SIGNERS = ['0012345679', '1234567891'];

describe('the شمس id', () => {
  it('has one fixed-width text form that parses back to its parts', () => {
    const id = { origin: ORIGIN, domain: 'outgoing', year: 1404, seq: 42 } as const;
    const text = formatShamsId(id);
    expect(text).toBe('10101234565-1-1404-000000042');
    expect(text).toHaveLength(28);
    expect(parseShamsId(text)).toEqual(id);
    expect(parseShamsId('۱۰۱۰۱۲۳۴۵۶۵-۲-۱۴۰۵-۹۹۹۹۹۹۹۹۹')).toEqual({
      origin: ORIGIN,
      domain: 'internal',
      year: 1405,
      seq: 999_999_999,
    });
    for (const seq of [1, 7, 1000, 999_999_999]) {
      for (const domain of ['outgoing', 'internal'] as const)
        expect(parseShamsId(formatShamsId({ origin: ORIGIN, domain, year: 1404, seq }))).toEqual({
          origin: ORIGIN,
          domain,
          year: 1404,
          seq,
        });
    }
  });

  it('refuses a bad origin, domain, year or sequence, and malformed text', () => {
    const field = (fn: () => unknown) => refusal(fn).details.field;
    expect(refusal(() => formatShamsId({ origin: '10101234566', domain: 'outgoing', year: 1404, seq: 1 })).code).toBe(
      'SHAMS_ID_INVALID',
    );
    expect(field(() => formatShamsId({ origin: '10101234566', domain: 'outgoing', year: 1404, seq: 1 }))).toBe(
      'origin',
    );
    expect(field(() => formatShamsId({ origin: ORIGIN, domain: 'incoming' as never, year: 1404, seq: 1 }))).toBe(
      'domain',
    );
    expect(field(() => formatShamsId({ origin: ORIGIN, domain: 'toString' as never, year: 1404, seq: 1 }))).toBe(
      'domain',
    );
    expect(field(() => formatShamsId({ origin: ORIGIN, domain: 'outgoing', year: 2025, seq: 1 }))).toBe('year');
    expect(field(() => formatShamsId({ origin: ORIGIN, domain: 'outgoing', year: 1404, seq: 0 }))).toBe('seq');
    expect(field(() => formatShamsId({ origin: ORIGIN, domain: 'outgoing', year: 1404, seq: 1_000_000_000 }))).toBe(
      'seq',
    );
    expect(field(() => parseShamsId('10101234565-1-1404-42'))).toBe('format');
    expect(field(() => parseShamsId('10101234565-1-1404-000000042\u0000'))).toBe('format');
    expect(field(() => parseShamsId('10101234565-3-1404-000000042'))).toBe('domain');
    expect(field(() => parseShamsId('10101234565-1-1404-000000000'))).toBe('seq');
    expect(field(() => parseShamsId('10101234566-1-1404-000000042'))).toBe('origin');
  });
});

describe('the QR payload of the published شمس fields', () => {
  const fields: ShamsQrFields = {
    letterNumber: '14505/ق/م/ب/1404',
    registeredAt: new Date('2026-03-20T20:40:05Z'),
    guid: '3F2504E0-4F89-41D3-9A0C-0305E82C3301',
    signerNationalCodes: SIGNERS,
    organisationEmail: 'dabirkhaneh@example.ir',
    organisationNationalId: ORIGIN,
  };

  it('carries the six fields in order, the date-time as 19 characters of Tehran wall-clock time', () => {
    const lines = shamsQrPayload(fields).split('\n');
    expect(lines).toEqual([
      '14505/ق/م/ب/1404',
      '2026-03-21T00:10:05',
      '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
      SIGNERS.join(','),
      'dabirkhaneh@example.ir',
      ORIGIN,
    ]);
    expect(lines[1]).toHaveLength(19);
    expect(lines[2]).toHaveLength(36);
  });

  it('refuses each field that breaks its published length or form, naming it', () => {
    const field = (more: Partial<ShamsQrFields>) => {
      const err = refusal(() => shamsQrPayload({ ...fields, ...more }));
      expect(err.code).toBe('SHAMS_FIELD_INVALID');
      return err.details.field;
    };
    expect(field({ letterNumber: '1'.repeat(21) })).toBe('letterNumber');
    expect(field({ letterNumber: '' })).toBe('letterNumber');
    expect(field({ letterNumber: '12\n2026-01-01T00:00:00' })).toBe('letterNumber');
    expect(field({ letterNumber: '12\u0000' })).toBe('letterNumber');
    expect(field({ letterNumber: '12/\u202Eق' })).toBe('letterNumber');
    expect(field({ registeredAt: new Date(NaN) })).toBe('registeredAt');
    expect(field({ guid: '3f2504e0-4f89-41d3-9a0c-0305e82c330' })).toBe('guid');
    expect(field({ guid: '{3f2504e0-4f89-41d3-9a0c-0305e82c3301}' })).toBe('guid');
    expect(field({ signerNationalCodes: [] })).toBe('signerNationalCodes');
    expect(field({ signerNationalCodes: Array(11).fill(SIGNERS[0]) })).toBe('signerNationalCodes');
    expect(field({ signerNationalCodes: [SIGNERS[0]!, '0012345678'] })).toBe('signerNationalCodes.1');
    expect(field({ signerNationalCodes: ['001234567,9'] })).toBe('signerNationalCodes.0');
    expect(field({ organisationEmail: 'not-an-address' })).toBe('organisationEmail');
    expect(field({ organisationEmail: 'a@b.ir\nx' })).toBe('organisationEmail');
    expect(field({ organisationEmail: `${'a'.repeat(250)}@b.ir` })).toBe('organisationEmail');
    expect(field({ organisationNationalId: '1010123456' })).toBe('organisationNationalId');
  });

  it('accepts Persian digits in the codes and stores them as ASCII', () => {
    const lines = shamsQrPayload({
      ...fields,
      signerNationalCodes: ['۰۰۱۲۳۴۵۶۷۹'],
      organisationNationalId: '۱۰۱۰۱۲۳۴۵۶۵',
    }).split('\n');
    expect([lines[3], lines[5]]).toEqual(['0012345679', ORIGIN]);
  });
});
