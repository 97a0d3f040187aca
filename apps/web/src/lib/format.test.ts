import { describe, expect, it } from 'vitest';
import {
  formatCountdown,
  formatDate,
  formatDateTime,
  formatDigits,
  formatJalaliDay,
  formatName,
  formatNumber,
  toDate,
} from './format';

// 2024-03-27T08:00:00Z is 11:30 on 8 Farvardin 1403 in Tehran (UTC+03:30).
const instant = '2024-03-27T08:00:00Z';

describe('formatDate', () => {
  it.each([
    ['fa', {}, '۸ فروردین ۱۴۰۳'],
    ['fa', { month: 'numeric' }, '۱۴۰۳/۰۱/۰۸'],
    ['fa', { withTime: true }, '۸ فروردین ۱۴۰۳، ساعت ۱۱:۳۰'],
    ['en', {}, '27 March 2024'],
    ['en', { month: 'numeric' }, '2024-03-27'],
  ] as const)('%s %o', (lang, options, expected) => {
    expect(formatDate(instant, lang, options)).toBe(expected);
  });

  it('uses the Tehran day, not the UTC one', () => {
    // 21:00 UTC on 20 March 2025 is already 00:30 on 1 Farvardin 1404 (Nowruz) in Tehran.
    expect(formatDate('2025-03-20T21:00:00Z', 'fa')).toBe('۱ فروردین ۱۴۰۴');
    expect(formatDate('2025-03-20T21:00:00Z', 'en')).toBe('21 March 2025');
  });

  it('shows the Tehran time in English too', () => {
    expect(formatDateTime(instant, 'en')).toContain('11:30');
  });

  it('accepts epoch milliseconds and Date objects and rejects invalid input', () => {
    expect(formatDate(Date.parse(instant), 'fa')).toBe('۸ فروردین ۱۴۰۳');
    expect(formatDate(new Date(instant), 'fa')).toBe('۸ فروردین ۱۴۰۳');
    expect(() => toDate('not a date')).toThrow(RangeError);
  });
});

describe('formatNumber and formatDigits', () => {
  it('uses Persian digits and separators in fa, Latin in en', () => {
    expect(formatNumber(12345, 'fa')).toBe('۱۲٬۳۴۵');
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatNumber(0, 'fa')).toBe('۰');
  });

  it('converts digits inside codes only in fa', () => {
    expect(formatDigits('REQ-1403-0042', 'fa')).toBe('REQ-۱۴۰۳-۰۰۴۲');
    expect(formatDigits('REQ-1403-0042', 'en')).toBe('REQ-1403-0042');
    expect(formatDigits(7, 'fa')).toBe('۷');
  });
});

describe('formatJalaliDay and formatCountdown', () => {
  it('shows an API Jalali day with the month name in fa and the Gregorian day in en', () => {
    expect(formatJalaliDay('1403/01/08', 'fa')).toBe('۸ فروردین ۱۴۰۳');
    expect(formatJalaliDay('1403/01/08', 'en')).toBe('27 March 2024');
    expect(formatJalaliDay('1403/01/08', 'fa', { month: 'numeric' })).toBe('۱۴۰۳/۰۱/۰۸');
  });

  it('shows text it cannot read as it came, with the language digits', () => {
    expect(formatJalaliDay('1403/13/40', 'fa')).toBe('۱۴۰۳/۱۳/۴۰');
    expect(formatJalaliDay('soon', 'en')).toBe('soon');
  });

  it('counts down as m:ss', () => {
    expect(formatCountdown(65, 'fa')).toBe('۱:۰۵');
    expect(formatCountdown(119.2, 'en')).toBe('2:00');
    expect(formatCountdown(-3, 'en')).toBe('0:00');
  });
});

describe('formatName', () => {
  it('gives an identifier-only name the language digits and leaves names alone', () => {
    expect(formatName('0084575948', 'fa')).toBe('۰۰۸۴۵۷۵۹۴۸');
    expect(formatName('0084575948', 'en')).toBe('0084575948');
    expect(formatName('مریم کریمی', 'fa')).toBe('مریم کریمی');
    expect(formatName('Agent 007', 'fa')).toBe('Agent 007');
  });
});
