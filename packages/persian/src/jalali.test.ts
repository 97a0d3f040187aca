import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toPersianDigits } from './digits';
import {
  JALALI_MONTH_NAMES_FA,
  PARSE_JALALI_FAILURES,
  WEEKDAYS,
  WEEKDAY_NAMES_FA,
  addJalaliDays,
  compareJalali,
  formatJalali,
  fromJalali,
  isJalaliLeapYear,
  isSameJalaliDate,
  isValidJalaliDate,
  jalaliDateString,
  jalaliDayNumber,
  jalaliDayRange,
  jalaliDaysBetween,
  jalaliFromDayNumber,
  jalaliMonthLength,
  jalaliWeekday,
  parseDay,
  parseJalali,
  tehranDateTimeString,
  toJalali,
  weekdayOf,
  type JalaliDate,
} from './jalali';

const j = (jy: number, jm: number, jd: number): JalaliDate => ({ jy, jm, jd });

/** Any valid Jalali date in 1300–1500 (the range where ICU and jalaali-js agree, iran.md §3). */
const jalaliDateArb = fc
  .record({
    jy: fc.integer({ min: 1300, max: 1500 }),
    jm: fc.integer({ min: 1, max: 12 }),
    jd: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ jy, jm, jd }) => j(jy, jm, Math.min(jd, jalaliMonthLength(jy, jm))));

/** Any instant from 1300 AP (1921) to 1500 AP (2121). */
const instantArb = fc
  .integer({ min: Date.UTC(1921, 3, 1), max: Date.UTC(2121, 2, 1) })
  .map((ms) => new Date(ms));

describe('toJalali (Tehran local day of an instant)', () => {
  it.each([
    ['2025-03-20T12:00:00Z', j(1403, 12, 30)], // leap Esfand 30
    ['2025-03-21T12:00:00Z', j(1404, 1, 1)],
    ['2025-03-20T20:29:59.999Z', j(1403, 12, 30)], // 23:59:59.999 in Tehran (UTC+03:30)
    ['2025-03-20T20:30:00Z', j(1404, 1, 1)], // 00:00 in Tehran, still 20 March in UTC
    ['2024-03-20T00:00:00Z', j(1403, 1, 1)],
    ['2024-03-27T12:00:00Z', j(1403, 1, 8)],
    ['2008-06-20T19:30:00Z', j(1387, 4, 1)], // daylight saving time (UTC+04:30) before 2022
    ['2008-06-20T19:29:00Z', j(1387, 3, 31)],
  ])('%s → %j', (iso, expected) => {
    expect(toJalali(new Date(iso))).toEqual(expected);
  });

  it('rejects an invalid Date', () => {
    expect(() => toJalali(new Date(NaN))).toThrow(RangeError);
  });
});

describe('fromJalali (start of the Tehran local day)', () => {
  it.each([
    [j(1404, 1, 1), '2025-03-20T20:30:00.000Z'],
    [j(1403, 12, 30), '2025-03-19T20:30:00.000Z'],
    [j(1403, 1, 8), '2024-03-26T20:30:00.000Z'],
    [j(1387, 1, 1), '2008-03-19T20:30:00.000Z'],
    // 1387/01/02: clocks jumped from 00:00 to 01:00, so the day starts at 01:00 (UTC+04:30).
    [j(1387, 1, 2), '2008-03-20T20:30:00.000Z'],
    [j(1387, 4, 1), '2008-06-20T19:30:00.000Z'],
    [j(1387, 6, 31), '2008-09-20T20:30:00.000Z'], // first day after daylight saving time ended
  ])('%j → %s', (date, iso) => {
    expect(fromJalali(date).toISOString()).toBe(iso);
    expect(fromJalali(date.jy, date.jm, date.jd).toISOString()).toBe(iso);
  });

  it.each([
    j(1403, 13, 1),
    j(1403, 0, 1),
    j(1404, 12, 30),
    j(1403, 7, 31),
    j(1403, 1, 0),
    j(1403.5, 1, 1),
    j(0, 1, 1),
  ])('throws for invalid %j', (date) => {
    expect(() => fromJalali(date)).toThrow(RangeError);
  });

  it('round-trips every valid date', () => {
    fc.assert(
      fc.property(jalaliDateArb, (date) => {
        expect(toJalali(fromJalali(date))).toEqual(date);
      }),
    );
  });

  it('starts a day at the earlier midnight when clocks went back just after it (1978-08-05)', () => {
    // 00:00 +05:00 came first; at 01:00 the clocks went back to 00:00 +04:00.
    const instant = new Date('1978-08-04T19:00:00.000Z');
    const { start } = jalaliDayRange(toJalali(instant));
    expect(start.toISOString()).toBe('1978-08-04T19:00:00.000Z');
    expect(toJalali(new Date(start.getTime() - 1))).toEqual(addJalaliDays(toJalali(instant), -1));
  });

  it('returns the first instant of the day containing any instant', () => {
    fc.assert(
      fc.property(instantArb, (instant) => {
        const day = toJalali(instant);
        const { start, end } = jalaliDayRange(day);
        expect(start.getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(instant.getTime()).toBeLessThan(end.getTime());
        expect(toJalali(new Date(start.getTime() - 1))).toEqual(addJalaliDays(day, -1));
      }),
    );
  });

  it('jalaliDayRange spans 24 hours, or 23/25 on daylight-saving change days', () => {
    const hours = (d: JalaliDate): number => {
      const { start, end } = jalaliDayRange(d);
      return (end.getTime() - start.getTime()) / 3_600_000;
    };
    expect(hours(j(1403, 1, 8))).toBe(24);
    expect(hours(j(1387, 1, 2))).toBe(23); // starts at 01:00
    expect(hours(j(1387, 6, 30))).toBe(25);
  });
});

describe('leap years and month lengths', () => {
  it.each([
    [1399, true],
    [1403, true],
    [1408, true],
    [1400, false],
    [1402, false],
    [1404, false],
  ])('isJalaliLeapYear(%d) = %s', (year, leap) => {
    expect(isJalaliLeapYear(year)).toBe(leap);
  });

  it.each([
    [1403, 1, 31],
    [1403, 6, 31],
    [1403, 7, 30],
    [1403, 11, 30],
    [1403, 12, 30],
    [1404, 12, 29],
  ])('jalaliMonthLength(%d, %d) = %d', (year, month, length) => {
    expect(jalaliMonthLength(year, month)).toBe(length);
  });

  it.each([
    [1403, 0],
    [1403, 13],
    [1403, 1.5],
    [0, 1],
    [4000, 1],
  ])('jalaliMonthLength(%d, %d) throws', (year, month) => {
    expect(() => jalaliMonthLength(year, month)).toThrow(RangeError);
  });

  it.each([
    [j(1403, 12, 30), true],
    [j(1404, 12, 30), false],
    [j(1403, 6, 31), true],
    [j(1403, 7, 31), false],
    [j(1403, 1, 1.5), false],
    [j(NaN, 1, 1), false],
  ])('isValidJalaliDate(%j) = %s', (date, valid) => {
    expect(isValidJalaliDate(date)).toBe(valid);
  });
});

describe('day arithmetic', () => {
  it.each([
    [j(1403, 12, 29), 1, j(1403, 12, 30)],
    [j(1403, 12, 29), 2, j(1404, 1, 1)],
    [j(1404, 12, 29), 1, j(1405, 1, 1)],
    [j(1403, 6, 31), 1, j(1403, 7, 1)],
    [j(1404, 1, 1), -1, j(1403, 12, 30)],
    [j(1403, 1, 8), 0, j(1403, 1, 8)],
    [j(1403, 1, 1), 366, j(1404, 1, 1)],
  ])('%j + %d days = %j', (date, days, expected) => {
    expect(addJalaliDays(date, days)).toEqual(expected);
    expect(jalaliDaysBetween(date, expected)).toBe(days);
  });

  it('compares and equates dates', () => {
    expect(compareJalali(j(1403, 1, 8), j(1403, 1, 9))).toBe(-1);
    expect(compareJalali(j(1404, 1, 1), j(1403, 12, 30))).toBe(1);
    expect(compareJalali(j(1403, 1, 8), j(1403, 1, 8))).toBe(0);
    expect(isSameJalaliDate(j(1403, 1, 8), j(1403, 1, 8))).toBe(true);
    expect(isSameJalaliDate(j(1403, 1, 8), j(1403, 1, 9))).toBe(false);
    const sorted = [j(1404, 1, 1), j(1403, 1, 9), j(1403, 12, 30)].sort(compareJalali);
    expect(sorted).toEqual([j(1403, 1, 9), j(1403, 12, 30), j(1404, 1, 1)]);
  });

  it('day numbers round-trip', () => {
    fc.assert(
      fc.property(jalaliDateArb, (date) => {
        expect(jalaliFromDayNumber(jalaliDayNumber(date))).toEqual(date);
      }),
    );
  });

  it('rejects non-integer day counts and invalid dates', () => {
    expect(() => addJalaliDays(j(1403, 1, 1), 0.5)).toThrow(RangeError);
    expect(() => addJalaliDays(j(1404, 12, 30), 1)).toThrow(RangeError);
    expect(() => jalaliFromDayNumber(1.5)).toThrow(RangeError);
  });
});

describe('weekdays', () => {
  it.each([
    [j(1403, 1, 1), 'wednesday'],
    [j(1403, 1, 8), 'wednesday'],
    [j(1403, 1, 16), 'thursday'],
    [j(1403, 1, 19), 'sunday'],
    [j(1403, 1, 20), 'monday'],
    [j(1403, 1, 28), 'tuesday'],
    [j(1403, 12, 30), 'thursday'],
    [j(1404, 1, 1), 'friday'],
    [j(1404, 1, 2), 'saturday'],
  ] as const)('%j is a %s', (date, weekday) => {
    expect(jalaliWeekday(date)).toBe(weekday);
  });

  it('agrees with the Gregorian weekday of the same civil day', () => {
    const jsDay: Record<number, string> = {
      0: 'sunday',
      1: 'monday',
      2: 'tuesday',
      3: 'wednesday',
      4: 'thursday',
      5: 'friday',
      6: 'saturday',
    };
    fc.assert(
      fc.property(jalaliDateArb, (date) => {
        // Tehran noon is on the same UTC calendar day, so the UTC weekday is the civil weekday.
        const noon = new Date(fromJalali(date).getTime() + 12 * 3_600_000);
        expect(jalaliWeekday(date)).toBe(jsDay[noon.getUTCDay()]);
      }),
    );
  });

  it('weekdayOf uses the Tehran day', () => {
    expect(weekdayOf(new Date('2024-03-26T20:29:00Z'))).toBe('tuesday');
    expect(weekdayOf(new Date('2024-03-26T20:30:00Z'))).toBe('wednesday');
  });

  it('has Persian names in Iranian week order', () => {
    expect(WEEKDAYS[0]).toBe('saturday');
    expect(WEEKDAYS.map((d) => WEEKDAY_NAMES_FA[d])).toEqual([
      'شنبه',
      'یکشنبه',
      'دوشنبه',
      'سه‌شنبه',
      'چهارشنبه',
      'پنجشنبه',
      'جمعه',
    ]);
    expect(JALALI_MONTH_NAMES_FA).toHaveLength(12);
    expect(JALALI_MONTH_NAMES_FA[0]).toBe('فروردین');
    expect(JALALI_MONTH_NAMES_FA[11]).toBe('اسفند');
  });
});

describe('jalaliDateString', () => {
  it.each([
    [new Date('2024-03-27T12:00:00Z'), '1403/01/08'],
    [new Date('2025-03-20T20:29:00Z'), '1403/12/30'],
    [new Date('2025-03-20T20:30:00Z'), '1404/01/01'],
    [j(1403, 1, 8), '1403/01/08'],
    [j(1404, 11, 22), '1404/11/22'],
  ])('%s → %s', (input, expected) => {
    expect(jalaliDateString(input)).toBe(expected);
  });

  it('throws for an invalid date', () => {
    expect(() => jalaliDateString(j(1404, 12, 30))).toThrow(RangeError);
    expect(() => jalaliDateString(new Date(NaN))).toThrow(RangeError);
  });
});

describe('formatJalali', () => {
  const wednesday = new Date('2024-03-27T12:00:00Z'); // 15:30 in Tehran, 1403/01/08
  it.each([
    [{}, '۸ فروردین ۱۴۰۳'],
    [{ locale: 'fa' as const }, '۸ فروردین ۱۴۰۳'],
    [{ weekday: true }, 'چهارشنبه، ۸ فروردین ۱۴۰۳'],
    [{ withTime: true }, '۸ فروردین ۱۴۰۳، ساعت ۱۵:۳۰'],
    [{ weekday: true, withTime: true }, 'چهارشنبه، ۸ فروردین ۱۴۰۳، ساعت ۱۵:۳۰'],
    [{ digits: 'latin' as const }, '8 فروردین 1403'],
    [{ month: 'numeric' as const }, '۱۴۰۳/۰۱/۰۸'],
    [
      { month: 'numeric' as const, withTime: true, digits: 'latin' as const },
      '1403/01/08، ساعت 15:30',
    ],
    [{ locale: 'en' as const }, 'Farvardin 8, 1403'],
    [
      { locale: 'en' as const, weekday: true, withTime: true },
      'Wednesday, Farvardin 8, 1403, 15:30',
    ],
    [{ locale: 'en' as const, digits: 'persian' as const }, 'Farvardin ۸, ۱۴۰۳'],
    [{ locale: 'en' as const, month: 'numeric' as const }, '1403/01/08'],
  ])('%j → %s', (options, expected) => {
    expect(formatJalali(wednesday, options)).toBe(expected);
  });

  it.each([
    ['2025-03-20T20:29:00Z', '۳۰ اسفند ۱۴۰۳، ساعت ۲۳:۵۹'],
    ['2025-03-20T20:30:00Z', '۱ فروردین ۱۴۰۴، ساعت ۰۰:۰۰'],
  ])('formats in Tehran time: %s → %s', (iso, expected) => {
    expect(formatJalali(new Date(iso), { withTime: true })).toBe(expected);
  });

  it('agrees with jalaliDateString (ICU vs jalaali-js) for any instant in 1300–1500', () => {
    fc.assert(
      fc.property(instantArb, (instant) => {
        expect(formatJalali(instant, { month: 'numeric', digits: 'latin' })).toBe(
          jalaliDateString(instant),
        );
      }),
    );
  });

  it('throws for an invalid Date', () => {
    expect(() => formatJalali(new Date(NaN))).toThrow(RangeError);
  });
});

describe('parseJalali', () => {
  it.each([
    ['۱۴۰۳/۰۱/۰۸', j(1403, 1, 8)],
    ['1403-1-8', j(1403, 1, 8)],
    ['1403/01/08', j(1403, 1, 8)],
    ['1403.1.08', j(1403, 1, 8)],
    ['١٤٠٣/٠١/٠٨', j(1403, 1, 8)],
    [' 1403 / 01 / 08 ', j(1403, 1, 8)],
    ['\u200f۱۴۰۳/۰۱/۰۸\u200f', j(1403, 1, 8)],
    ['1403/12/30', j(1403, 12, 30)], // leap Esfand
    ['1404/12/29', j(1404, 12, 29)],
    ['1403/06/31', j(1403, 6, 31)],
  ])('%j → %j', (input, expected) => {
    expect(parseJalali(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'EMPTY'],
    ['   ', 'EMPTY'],
    ['abc', 'FORMAT'],
    ['03/01/08', 'FORMAT'],
    ['08/01/1403', 'FORMAT'],
    ['1403/01-08', 'FORMAT'],
    ['1403/001/08', 'FORMAT'],
    ['1403/01/08 10:00', 'FORMAT'],
    ['14030108', 'FORMAT'],
    ['0000/01/01', 'YEAR'],
    ['4000/01/01', 'YEAR'],
    ['1403/13/01', 'MONTH'],
    ['1403/00/10', 'MONTH'],
    ['1404/12/30', 'DAY'], // not a leap year
    ['1403/07/31', 'DAY'],
    ['1403/01/32', 'DAY'],
    ['1403/01/00', 'DAY'],
  ] as const)('%j fails with %s', (input, reason) => {
    expect(parseJalali(input)).toEqual({ ok: false, reason });
  });

  it('round-trips jalaliDateString, in ASCII and Persian digits', () => {
    fc.assert(
      fc.property(jalaliDateArb, (date) => {
        expect(parseJalali(jalaliDateString(date))).toEqual({ ok: true, value: date });
        expect(parseJalali(toPersianDigits(jalaliDateString(date)))).toEqual({
          ok: true,
          value: date,
        });
      }),
    );
  });

  it('exports its failure codes', () => {
    expect(PARSE_JALALI_FAILURES).toEqual(['EMPTY', 'FORMAT', 'YEAR', 'MONTH', 'DAY']);
  });
});

describe('parseDay', () => {
  it.each([
    ['1404/01/15', j(1404, 1, 15)],
    ['۱۴۰۴/۰۱/۱۵', j(1404, 1, 15)],
    ['1403-1-8', j(1403, 1, 8)],
    ['2025-03-21', j(1404, 1, 1)],
    ['2025-03-20', j(1403, 12, 30)],
    ['۲۰۲۵-۰۳-۲۱', j(1404, 1, 1)], // a Gregorian date in Persian digits is still Gregorian
    ['٢٠٢٥-٠٣-٢١', j(1404, 1, 1)],
    ['\u200e2025-03-21 ', j(1404, 1, 1)],
  ])('%j → %j', (input, expected) => {
    expect(parseDay(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'EMPTY'],
    ['2025-02-29', 'DAY'],
    ['2025-13-01', 'MONTH'],
    ['2025-00-10', 'MONTH'],
    ['2025-01-00', 'DAY'],
    ['1404/13/01', 'MONTH'],
    ['yesterday', 'FORMAT'],
  ])('%j → %s', (input, reason) => {
    expect(parseDay(input)).toMatchObject({ ok: false, reason });
  });
});

describe('tehranDateTimeString (Gregorian wall clock in Tehran, 19 characters)', () => {
  it('gives Tehran local time, not UTC', () => {
    // Nowruz 1404: 1 Farvardin began at 2025-03-20T20:30:00Z (+03:30, no daylight saving since 2022)
    expect(tehranDateTimeString(new Date('2025-03-20T20:30:00Z'))).toBe('2025-03-21T00:00:00');
    expect(tehranDateTimeString(new Date('2025-03-20T20:29:59.999Z'))).toBe('2025-03-20T23:59:59');
    // 2008 (daylight saving then): +04:30 in summer
    expect(tehranDateTimeString(new Date('2008-07-01T12:00:00Z'))).toBe('2008-07-01T16:30:00');
  });

  it('is always 19 characters and rejects an invalid Date', () => {
    fc.assert(fc.property(instantArb, (d) => tehranDateTimeString(d).length === 19));
    expect(() => tehranDateTimeString(new Date(NaN))).toThrow(RangeError);
  });
});
