import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatRials,
  normalizeIdentifierInput,
  stripSeparators,
  toAsciiDigits,
  toPersianDigits,
} from './digits';

describe('toAsciiDigits', () => {
  it.each([
    ['۰۱۲۳۴۵۶۷۸۹', '0123456789'],
    ['٠١٢٣٤٥٦٧٨٩', '0123456789'],
    ['۱۴۰۳/٠١/08', '1403/01/08'],
    ['کد ۱۲۳ abc', 'کد 123 abc'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(toAsciiDigits(input)).toBe(expected);
  });

  it('makes Persian digits parseable by Number (iran.md §2 gotcha)', () => {
    expect(Number('۵')).toBeNaN();
    expect(Number(toAsciiDigits('۵'))).toBe(5);
  });
});

describe('toPersianDigits', () => {
  it.each([
    ['0123456789', '۰۱۲۳۴۵۶۷۸۹'],
    ['٠١٢٣٤٥٦٧٨٩', '۰۱۲۳۴۵۶۷۸۹'],
    ['1403/01/08', '۱۴۰۳/۰۱/۰۸'],
    ['abc', 'abc'],
  ])('%s → %s', (input, expected) => {
    expect(toPersianDigits(input)).toBe(expected);
  });

  it.each([
    [1403, '۱۴۰۳'],
    [-12.5, '-۱۲.۵'],
    [0, '۰'],
  ])('number %d → %s', (input, expected) => {
    expect(toPersianDigits(input)).toBe(expected);
  });
});

describe('stripSeparators', () => {
  it.each([
    ['0013 542 419', '0013542419'],
    ['0013-542-419', '0013542419'],
    ['0013–542—419', '0013542419'],
    ['\u200f0013\u200c542\u00a0419\u200e', '0013542419'],
    ['\ufeffIR82 0540\t1026', 'IR8205401026'],
    ['+98 912', '+98912'],
  ])('%j → %s', (input, expected) => {
    expect(stripSeparators(input)).toBe(expected);
  });

  it('normalizeIdentifierInput converts digits and strips separators', () => {
    expect(normalizeIdentifierInput('۰۰۱۳-۵۴۲ ٤١٩')).toBe('0013542419');
  });
});

describe('digit properties', () => {
  it('ASCII → Persian → ASCII round-trips any string of ASCII text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const ascii = toAsciiDigits(s);
        expect(toAsciiDigits(toPersianDigits(ascii))).toBe(ascii);
      }),
    );
  });

  it('leaves no ASCII or Arabic-Indic digit after toPersianDigits and no Persian one after toAsciiDigits', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩ab ') }),
        (s) => {
          expect(toPersianDigits(s)).not.toMatch(/[0-9\u0660-\u0669]/);
          expect(toAsciiDigits(s)).not.toMatch(/[\u06F0-\u06F9\u0660-\u0669]/);
        },
      ),
    );
  });

  it('round-trips integers through Persian digits', () => {
    fc.assert(
      fc.property(fc.integer(), (n) => {
        expect(Number(toAsciiDigits(toPersianDigits(n)))).toBe(n);
      }),
    );
  });
});

describe('formatRials', () => {
  it('groups thousands with Persian digits and the Arabic thousands separator, or in English', () => {
    expect(formatRials(1_250_000)).toBe('۱٬۲۵۰٬۰۰۰ ریال');
    expect(formatRials(500)).toBe('۵۰۰ ریال');
    expect(formatRials(1_250_000, 'en')).toBe('1,250,000 rials');
  });
});
