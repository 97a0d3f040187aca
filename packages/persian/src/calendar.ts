import {
  WEEKDAYS,
  assertValidJalaliDate,
  jalaliDayNumber,
  jalaliFromDayNumber,
  toJalali,
  type JalaliDate,
  type Weekday,
} from './jalali';

/** A closure day supplied as data: a lunar holiday of the yearly table or an ad-hoc closure. */
export interface Holiday {
  readonly date: JalaliDate;
  readonly title?: string;
  /** Only calendars of this province observe it; without a province it applies everywhere. */
  readonly province?: string;
}

/** Options of `createWorkingCalendar`. */
export interface WorkingCalendarOptions {
  /** Working weekdays; default Saturday–Wednesday (Thursday and Friday off). */
  readonly workWeek?: readonly Weekday[];
  /** Lunar holidays of the yearly table and ad-hoc closures (not derived here: see iran.md §3). */
  readonly holidays?: readonly Holiday[];
  /** The agency's province; holidays of other provinces are ignored. */
  readonly province?: string;
  /** Include the fixed solar holidays of `FIXED_SOLAR_HOLIDAYS` (default `true`). */
  readonly fixedSolarHolidays?: boolean;
}

/** A working-day calendar: a work week plus fixed and supplied holidays. */
export interface WorkingCalendar {
  readonly workWeek: readonly Weekday[];
  readonly province: string | undefined;
  /** `true` when the day is in the work week and not a holiday. */
  isWorkingDay(date: JalaliDate): boolean;
  /** `true` when the day is a fixed solar holiday or an applicable supplied holiday. */
  isHoliday(date: JalaliDate): boolean;
  /** Titles of the holidays on that day (fixed solar holidays first); empty when none. */
  holidayNames(date: JalaliDate): string[];
  /** Title of the (first) holiday on that day; `undefined` when it is not a holiday. */
  holidayName(date: JalaliDate): string | undefined;
  /** The `n`-th working day after `start` (counting starts the next day); `n = 0` returns `start`. */
  addWorkingDays(start: JalaliDate, n: number): JalaliDate;
  /** Working days `d` with `a < d ≤ b`; negative when `b` is before `a`. */
  workingDaysBetween(a: JalaliDate, b: JalaliDate): number;
  /** `addWorkingDays` from the Tehran local day that contains the instant. */
  addWorkingDaysToInstant(date: Date, n: number): JalaliDate;
}

/** Saturday to Wednesday. */
export const DEFAULT_WORK_WEEK: readonly Weekday[] = [
  'saturday',
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
];

/** A holiday on the same Jalali month and day every year. */
export interface FixedHoliday {
  readonly jm: number;
  readonly jd: number;
  readonly title: string;
}

/**
 * Fixed official solar holidays. Esfand 30 exists only in leap years, so it applies only there
 * (the law closes "29 Esfand to 4 Farvardin").
 */
export const FIXED_SOLAR_HOLIDAYS: readonly FixedHoliday[] = [
  { jm: 1, jd: 1, title: 'عید نوروز' },
  { jm: 1, jd: 2, title: 'عید نوروز' },
  { jm: 1, jd: 3, title: 'عید نوروز' },
  { jm: 1, jd: 4, title: 'عید نوروز' },
  { jm: 1, jd: 12, title: 'روز جمهوری اسلامی' },
  { jm: 1, jd: 13, title: 'روز طبیعت' },
  { jm: 3, jd: 14, title: 'رحلت امام خمینی' },
  { jm: 3, jd: 15, title: 'قیام ۱۵ خرداد' },
  { jm: 11, jd: 22, title: 'پیروزی انقلاب اسلامی' },
  { jm: 12, jd: 29, title: 'روز ملی شدن صنعت نفت' },
  { jm: 12, jd: 30, title: 'تعطیلات نوروز' },
];

/** Title given to a supplied holiday that has none. */
export const DEFAULT_HOLIDAY_TITLE = 'تعطیل';

const FIXED_BY_MONTH_DAY: ReadonlyMap<string, string> = new Map(
  FIXED_SOLAR_HOLIDAYS.map((h) => [`${h.jm}/${h.jd}`, h.title]),
);

function validateWorkWeek(workWeek: readonly Weekday[]): ReadonlySet<Weekday> {
  const days = new Set(workWeek);
  if (days.size === 0) throw new RangeError('The work week needs at least one working day');
  for (const day of days) {
    if (!WEEKDAYS.includes(day)) throw new RangeError(`Unknown weekday ${String(day)}`);
  }
  return days;
}

/** Supplied holidays that apply to the province, indexed by day number. */
function indexHolidays(
  holidays: readonly Holiday[],
  province: string | undefined,
): ReadonlyMap<number, string[]> {
  const byDay = new Map<number, string[]>();
  for (const holiday of holidays) {
    assertValidJalaliDate(holiday.date);
    if (holiday.province !== undefined && holiday.province !== province) continue;
    const day = jalaliDayNumber(holiday.date);
    byDay.set(day, [...(byDay.get(day) ?? []), holiday.title ?? DEFAULT_HOLIDAY_TITLE]);
  }
  return byDay;
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`Working days must be an integer ≥ 0, got ${n}`);
}

/** Builds a working-day calendar (see `WorkingCalendarOptions` for the defaults). */
export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const workWeek = [...(options.workWeek ?? DEFAULT_WORK_WEEK)];
  const workDays = validateWorkWeek(workWeek);
  const { province } = options;
  const supplied = indexHolidays(options.holidays ?? [], province);
  const useFixed = options.fixedSolarHolidays ?? true;

  const namesOn = (day: number): string[] => {
    const { jm, jd } = jalaliFromDayNumber(day);
    const fixed = useFixed ? FIXED_BY_MONTH_DAY.get(`${jm}/${jd}`) : undefined;
    return [...(fixed === undefined ? [] : [fixed]), ...(supplied.get(day) ?? [])];
  };
  const isWorking = (day: number): boolean =>
    workDays.has(WEEKDAYS[(day + 2) % 7] as Weekday) && namesOn(day).length === 0;

  const addWorkingDays = (start: JalaliDate, n: number): JalaliDate => {
    assertCount(n);
    let day = jalaliDayNumber(start);
    for (let counted = 0; counted < n;) {
      day += 1;
      if (isWorking(day)) counted += 1;
    }
    return jalaliFromDayNumber(day);
  };

  const workingDaysBetween = (a: JalaliDate, b: JalaliDate): number => {
    const from = jalaliDayNumber(a);
    const to = jalaliDayNumber(b);
    let count = 0;
    for (let day = Math.min(from, to) + 1; day <= Math.max(from, to); day++) {
      if (isWorking(day)) count += 1;
    }
    if (to >= from) return count;
    return count === 0 ? 0 : -count; // never -0
  };

  return Object.freeze({
    workWeek: Object.freeze(workWeek),
    province,
    isWorkingDay: (date: JalaliDate) => isWorking(jalaliDayNumber(date)),
    isHoliday: (date: JalaliDate) => namesOn(jalaliDayNumber(date)).length > 0,
    holidayNames: (date: JalaliDate) => namesOn(jalaliDayNumber(date)),
    holidayName: (date: JalaliDate) => namesOn(jalaliDayNumber(date))[0],
    addWorkingDays,
    workingDaysBetween,
    addWorkingDaysToInstant: (date: Date, n: number) => addWorkingDays(toJalali(date), n),
  });
}
