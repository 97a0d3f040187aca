import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOLIDAY_TITLE,
  DEFAULT_WORK_WEEK,
  FIXED_SOLAR_HOLIDAYS,
  createWorkingCalendar,
  type Holiday,
} from './calendar';
import {
  addJalaliDays,
  compareJalali,
  jalaliMonthLength,
  jalaliWeekday,
  type JalaliDate,
  type Weekday,
} from './jalali';

const j = (jy: number, jm: number, jd: number): JalaliDate => ({ jy, jm, jd });

/** The 1403 lunar-table entries used by the iran.md §3 SLA vectors (Eid al-Fitr). */
const LUNAR_1403: Holiday[] = [
  { date: j(1403, 1, 22), title: 'عید سعید فطر' },
  { date: j(1403, 1, 23), title: 'تعطیل به مناسبت عید سعید فطر' },
];
const SAT_TO_THU: Weekday[] = ['saturday', 'sunday', 'monday', 'tuesday', 'wednesday', 'thursday'];

describe('SLA vectors of iran.md §3 (holidays 1/1–4, 1/12, 1/13, 1/22, 1/23)', () => {
  const thursdayOff = createWorkingCalendar({ holidays: LUNAR_1403 });
  const thursdayWorking = createWorkingCalendar({ holidays: LUNAR_1403, workWeek: SAT_TO_THU });

  it('Wed 1403/01/08 + 5 → Sun 1403/01/19 with Thursday off (default week)', () => {
    expect(jalaliWeekday(j(1403, 1, 8))).toBe('wednesday');
    expect(thursdayOff.addWorkingDays(j(1403, 1, 8), 5)).toEqual(j(1403, 1, 19));
    expect(jalaliWeekday(j(1403, 1, 19))).toBe('sunday');
  });

  it('Wed 1403/01/08 + 5 → Thu 1403/01/16 with Thursday working', () => {
    expect(thursdayWorking.addWorkingDays(j(1403, 1, 8), 5)).toEqual(j(1403, 1, 16));
    expect(jalaliWeekday(j(1403, 1, 16))).toBe('thursday');
  });

  it('Mon 1403/01/20 + 5 → Tue 1403/01/28', () => {
    expect(jalaliWeekday(j(1403, 1, 20))).toBe('monday');
    expect(thursdayOff.addWorkingDays(j(1403, 1, 20), 5)).toEqual(j(1403, 1, 28));
    expect(thursdayWorking.addWorkingDays(j(1403, 1, 20), 5)).toEqual(j(1403, 1, 28));
  });

  it.each([
    [j(1403, 1, 8), j(1403, 1, 19), 5, 7],
    [j(1403, 1, 8), j(1403, 1, 16), 3, 5],
    [j(1403, 1, 20), j(1403, 1, 28), 5, 5],
  ])('workingDaysBetween(%j, %j) = %d (Thu off) / %d (Thu working)', (a, b, off, working) => {
    expect(thursdayOff.workingDaysBetween(a, b)).toBe(off);
    expect(thursdayWorking.workingDaysBetween(a, b)).toBe(working);
  });

  it('lists the working days of the first vector', () => {
    const days = Array.from({ length: 11 }, (_, i) => addJalaliDays(j(1403, 1, 9), i));
    const working = days.filter((d) => thursdayOff.isWorkingDay(d)).map((d) => d.jd);
    expect(working).toEqual([11, 14, 15, 18, 19]);
  });
});

describe('isWorkingDay / holidays', () => {
  const calendar = createWorkingCalendar({ holidays: LUNAR_1403 });

  it.each([
    [j(1403, 1, 8), true], // Wednesday
    [j(1403, 1, 9), false], // Thursday (default week)
    [j(1403, 1, 10), false], // Friday
    [j(1403, 1, 11), true], // Saturday
    [j(1403, 1, 12), false], // Islamic Republic Day
    [j(1403, 1, 22), false], // lunar table
    [j(1403, 2, 1), true],
  ])('%j working: %s', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  it.each([
    [j(1403, 1, 1), 'عید نوروز'],
    [j(1403, 1, 4), 'عید نوروز'],
    [j(1403, 1, 12), 'روز جمهوری اسلامی'],
    [j(1403, 1, 13), 'روز طبیعت'],
    [j(1403, 3, 14), 'رحلت امام خمینی'],
    [j(1403, 3, 15), 'قیام ۱۵ خرداد'],
    [j(1403, 11, 22), 'پیروزی انقلاب اسلامی'],
    [j(1403, 12, 29), 'روز ملی شدن صنعت نفت'],
    [j(1403, 12, 30), 'تعطیلات نوروز'], // leap year
    [j(1403, 1, 22), 'عید سعید فطر'],
    [j(1403, 1, 5), undefined],
    [j(1403, 1, 10), undefined], // a Friday is a weekend, not a holiday
  ])('holidayName(%j) = %j', (date, name) => {
    expect(calendar.holidayName(date)).toBe(name);
    expect(calendar.isHoliday(date)).toBe(name !== undefined);
  });

  it('closes Esfand 30 in leap years even when Thursday is a working day', () => {
    const sixDays = createWorkingCalendar({ workWeek: SAT_TO_THU });
    expect(jalaliWeekday(j(1403, 12, 30))).toBe('thursday');
    expect(sixDays.isWorkingDay(j(1403, 12, 30))).toBe(false);
    expect(sixDays.isWorkingDay(j(1403, 12, 28))).toBe(true);
    expect(() => sixDays.isWorkingDay(j(1404, 12, 30))).toThrow(RangeError); // no such day
  });

  it('has the 11 fixed solar holidays of iran.md', () => {
    expect(FIXED_SOLAR_HOLIDAYS.map((h) => `${h.jm}/${h.jd}`)).toEqual([
      '1/1',
      '1/2',
      '1/3',
      '1/4',
      '1/12',
      '1/13',
      '3/14',
      '3/15',
      '11/22',
      '12/29',
      '12/30',
    ]);
  });

  it('can leave out the fixed solar holidays', () => {
    const bare = createWorkingCalendar({ fixedSolarHolidays: false });
    expect(bare.isHoliday(j(1403, 1, 1))).toBe(false);
    expect(bare.isWorkingDay(j(1403, 1, 1))).toBe(true); // a Wednesday
  });

  it('lists every title when holidays coincide, fixed ones first', () => {
    const cal = createWorkingCalendar({
      holidays: [{ date: j(1403, 1, 13), title: 'تعطیل ویژه' }, { date: j(1403, 1, 13) }],
    });
    expect(cal.holidayNames(j(1403, 1, 13))).toEqual([
      'روز طبیعت',
      'تعطیل ویژه',
      DEFAULT_HOLIDAY_TITLE,
    ]);
    expect(cal.holidayNames(j(1403, 1, 14))).toEqual([]);
  });

  it('titles an untitled closure with the default title', () => {
    const cal = createWorkingCalendar({ holidays: [{ date: j(1403, 2, 1) }] });
    expect(cal.holidayName(j(1403, 2, 1))).toBe(DEFAULT_HOLIDAY_TITLE);
    expect(cal.isWorkingDay(j(1403, 2, 1))).toBe(false);
  });
});

describe('provinces', () => {
  const holidays: Holiday[] = [
    { date: j(1403, 2, 1), title: 'تعطیلی آلودگی هوا', province: 'تهران' },
    { date: j(1403, 2, 2), title: 'تعطیلی گرما', province: 'خوزستان' },
    { date: j(1403, 2, 3), title: 'تعطیل سراسری' },
  ];

  it.each([
    ['تهران', [false, true, false]],
    ['خوزستان', [true, false, false]],
    [undefined, [true, true, false]], // a national calendar ignores provincial closures
  ] as const)('province %s', (province, expected) => {
    const cal = createWorkingCalendar({
      holidays,
      ...(province === undefined ? {} : { province }),
    });
    expect(cal.province).toBe(province);
    // 1403/02/01–03 are Saturday to Monday
    expect([1, 2, 3].map((d) => cal.isWorkingDay(j(1403, 2, d)))).toEqual(expected);
  });
});

describe('addWorkingDays', () => {
  const calendar = createWorkingCalendar({ holidays: LUNAR_1403 });

  it('crosses the year end and Nowruz', () => {
    // Mon 1403/12/27: Tue 12/28 (1), Wed 12/29 holiday, Thu–Fri, 1404/01/01–04 holidays, Tue 01/05 (2), Wed 01/06 (3)
    expect(calendar.addWorkingDays(j(1403, 12, 27), 3)).toEqual(j(1404, 1, 6));
  });

  it('counts from the next day, also when the start is a holiday', () => {
    expect(calendar.addWorkingDays(j(1403, 1, 1), 1)).toEqual(j(1403, 1, 5)); // Sun 1/5
    expect(calendar.addWorkingDays(j(1403, 1, 9), 1)).toEqual(j(1403, 1, 11));
  });

  it('returns the start itself for n = 0', () => {
    expect(calendar.addWorkingDays(j(1403, 1, 10), 0)).toEqual(j(1403, 1, 10));
  });

  it.each([-1, 1.5, NaN, Infinity])('rejects n = %d', (n) => {
    expect(() => calendar.addWorkingDays(j(1403, 1, 8), n)).toThrow(RangeError);
  });

  it('rejects an invalid start', () => {
    expect(() => calendar.addWorkingDays(j(1403, 13, 1), 1)).toThrow(RangeError);
  });

  it('works from the Tehran day of an instant', () => {
    // 21:00 UTC on Tue 26 March 2024 is 00:30 on Wed 1403/01/08 in Tehran.
    expect(calendar.addWorkingDaysToInstant(new Date('2024-03-26T21:00:00Z'), 5)).toEqual(
      j(1403, 1, 19),
    );
    // 20:00 UTC is still Tue 1403/01/07 in Tehran.
    expect(calendar.addWorkingDaysToInstant(new Date('2024-03-26T20:00:00Z'), 5)).toEqual(
      j(1403, 1, 18),
    );
  });
});

describe('workingDaysBetween', () => {
  const calendar = createWorkingCalendar({ holidays: LUNAR_1403 });

  it('is 0 for the same day and negative when reversed', () => {
    expect(calendar.workingDaysBetween(j(1403, 1, 8), j(1403, 1, 8))).toBe(0);
    expect(calendar.workingDaysBetween(j(1403, 1, 19), j(1403, 1, 8))).toBe(-5);
    expect(calendar.workingDaysBetween(j(1403, 1, 10), j(1403, 1, 9))).toBe(0); // not -0
  });

  it('counts a whole year', () => {
    // 1403 has 366 days: 52 weeks + 2 days (1403/12/29 Wed, 12/30 Thu).
    const all = createWorkingCalendar({ workWeek: [...WEEKDAYS_ALL], fixedSolarHolidays: false });
    expect(all.workingDaysBetween(j(1402, 12, 29), j(1403, 12, 30))).toBe(366);
  });
});

const WEEKDAYS_ALL: readonly Weekday[] = [
  'saturday',
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
];

describe('calendar properties', () => {
  const dateArb = fc
    .record({
      jy: fc.integer({ min: 1400, max: 1410 }),
      jm: fc.integer({ min: 1, max: 12 }),
      jd: fc.integer({ min: 1, max: 31 }),
    })
    .map(({ jy, jm, jd }) => j(jy, jm, Math.min(jd, jalaliMonthLength(jy, jm))));
  const weekArb = fc.subarray([...WEEKDAYS_ALL], { minLength: 1 });
  const calendarArb = fc.record({
    workWeek: weekArb,
    holidays: fc.array(
      dateArb.map((date) => ({ date })),
      { maxLength: 30 },
    ),
  });

  it('addWorkingDays lands on a working day and workingDaysBetween inverts it', () => {
    fc.assert(
      fc.property(calendarArb, dateArb, fc.integer({ min: 0, max: 60 }), (options, start, n) => {
        const cal = createWorkingCalendar(options);
        const end = cal.addWorkingDays(start, n);
        expect(cal.workingDaysBetween(start, end)).toBe(n);
        if (n > 0) expect(cal.isWorkingDay(end)).toBe(true);
      }),
    );
  });

  it('addWorkingDays is strictly increasing in n', () => {
    fc.assert(
      fc.property(calendarArb, dateArb, fc.integer({ min: 0, max: 40 }), (options, start, n) => {
        const cal = createWorkingCalendar(options);
        expect(compareJalali(cal.addWorkingDays(start, n + 1), cal.addWorkingDays(start, n))).toBe(
          1,
        );
      }),
    );
  });

  it('addWorkingDays is monotonic in the start date', () => {
    fc.assert(
      fc.property(
        calendarArb,
        dateArb,
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 30 }),
        (options, a, gap, n) => {
          const cal = createWorkingCalendar(options);
          const b = addJalaliDays(a, gap);
          expect(
            compareJalali(cal.addWorkingDays(a, n), cal.addWorkingDays(b, n)),
          ).toBeLessThanOrEqual(0);
        },
      ),
    );
  });

  it('workingDaysBetween is additive and antisymmetric', () => {
    fc.assert(
      fc.property(calendarArb, dateArb, dateArb, dateArb, (options, a, b, c) => {
        const cal = createWorkingCalendar(options);
        expect(cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, c)).toBe(
          cal.workingDaysBetween(a, c),
        );
        expect(cal.workingDaysBetween(b, a)).toBe(-cal.workingDaysBetween(a, b) || 0);
      }),
      { numRuns: 50 },
    );
  });
});

describe('createWorkingCalendar', () => {
  it('defaults to Saturday–Wednesday', () => {
    expect(DEFAULT_WORK_WEEK).toEqual(['saturday', 'sunday', 'monday', 'tuesday', 'wednesday']);
    expect(createWorkingCalendar().workWeek).toEqual(DEFAULT_WORK_WEEK);
    expect(createWorkingCalendar().province).toBeUndefined();
  });

  it('rejects an empty or unknown work week and invalid holiday dates', () => {
    expect(() => createWorkingCalendar({ workWeek: [] })).toThrow(RangeError);
    expect(() => createWorkingCalendar({ workWeek: ['someday' as Weekday] })).toThrow(RangeError);
    expect(() => createWorkingCalendar({ holidays: [{ date: j(1404, 12, 30) }] })).toThrow(
      RangeError,
    );
  });

  it('is not affected by later changes to the options', () => {
    const workWeek: Weekday[] = ['saturday'];
    const holidays: Holiday[] = [];
    const cal = createWorkingCalendar({ workWeek, holidays });
    workWeek.push('sunday');
    holidays.push({ date: j(1403, 2, 1) });
    expect(cal.workWeek).toEqual(['saturday']);
    expect(cal.isWorkingDay(j(1403, 2, 1))).toBe(true);
    expect(Object.isFrozen(cal)).toBe(true);
  });
});
