import {
  d2j,
  isLeapJalaaliYear,
  isValidJalaaliDate,
  j2d,
  jalaaliMonthLength,
  toGregorian,
  toJalaali,
} from 'jalaali-js';
import { toAsciiDigits, toPersianDigits } from './digits';
import { fail, ok, type Result } from './result';

/** IANA time zone of every instant ↔ civil-day conversion in this package. */
export const TEHRAN_TIME_ZONE = 'Asia/Tehran';

/** A civil day in the Jalali (Solar Hijri) calendar; `jm` 1 = Farvardin. */
export interface JalaliDate {
  readonly jy: number;
  readonly jm: number;
  readonly jd: number;
}

/** Smallest and largest Jalali year supported (the range of jalaali-js). */
export const MIN_JALALI_YEAR = 1;
export const MAX_JALALI_YEAR = 3177;

/** Persian month names, index 0 = Farvardin. */
export const JALALI_MONTH_NAMES_FA = [
  'فروردین',
  'اردیبهشت',
  'خرداد',
  'تیر',
  'مرداد',
  'شهریور',
  'مهر',
  'آبان',
  'آذر',
  'دی',
  'بهمن',
  'اسفند',
] as const;

/** Days of the week in Iranian order (the week starts on Saturday). */
export const WEEKDAYS = [
  'saturday',
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
] as const;
/** A day of the week. */
export type Weekday = (typeof WEEKDAYS)[number];

/** Persian weekday names. */
export const WEEKDAY_NAMES_FA: Readonly<Record<Weekday, string>> = {
  saturday: 'شنبه',
  sunday: 'یکشنبه',
  monday: 'دوشنبه',
  tuesday: 'سه‌شنبه',
  wednesday: 'چهارشنبه',
  thursday: 'پنجشنبه',
  friday: 'جمعه',
};

// ---------------------------------------------------------------------------
// Validation and calendar facts
// ---------------------------------------------------------------------------

/** `true` for a leap Jalali year (Esfand has 30 days), e.g. 1403. */
export function isJalaliLeapYear(jy: number): boolean {
  assertYear(jy);
  return isLeapJalaaliYear(jy);
}

/** Number of days in a Jalali month: 31 (months 1–6), 30 (7–11), 29 or 30 (Esfand). */
export function jalaliMonthLength(jy: number, jm: number): number {
  assertYear(jy);
  if (!Number.isInteger(jm) || jm < 1 || jm > 12)
    throw new RangeError(`Invalid Jalali month ${jm}`);
  return jalaaliMonthLength(jy, jm);
}

/** `true` when `date` is an existing Jalali day with integer parts in the supported years. */
export function isValidJalaliDate(date: JalaliDate): boolean {
  const { jy, jm, jd } = date;
  return (
    [jy, jm, jd].every(Number.isInteger) &&
    jy >= MIN_JALALI_YEAR &&
    jy <= MAX_JALALI_YEAR &&
    isValidJalaaliDate(jy, jm, jd)
  );
}

/** Throws a `RangeError` unless `date` is a valid Jalali date. */
export function assertValidJalaliDate(date: JalaliDate): void {
  if (!isValidJalaliDate(date)) throw new RangeError(`Invalid Jalali date ${formatYmd(date)}`);
}

function assertYear(jy: number): void {
  if (!Number.isInteger(jy) || jy < MIN_JALALI_YEAR || jy > MAX_JALALI_YEAR) {
    throw new RangeError(`Invalid Jalali year ${jy}`);
  }
}

// ---------------------------------------------------------------------------
// Day arithmetic (no time zone involved)
// ---------------------------------------------------------------------------

/** Julian Day Number of a Jalali date: consecutive integers, handy as a map key or for spans. */
export function jalaliDayNumber(date: JalaliDate): number {
  assertValidJalaliDate(date);
  return j2d(date.jy, date.jm, date.jd);
}

/** The Jalali date of a Julian Day Number (inverse of `jalaliDayNumber`). */
export function jalaliFromDayNumber(dayNumber: number): JalaliDate {
  if (!Number.isInteger(dayNumber)) throw new RangeError(`Invalid day number ${dayNumber}`);
  const { jy, jm, jd } = d2j(dayNumber);
  return { jy, jm, jd };
}

/** The date `days` calendar days after (or before, when negative) `date`. */
export function addJalaliDays(date: JalaliDate, days: number): JalaliDate {
  if (!Number.isInteger(days)) throw new RangeError(`Invalid number of days ${days}`);
  return jalaliFromDayNumber(jalaliDayNumber(date) + days);
}

/** Calendar days from `a` to `b` (negative when `b` is earlier). */
export function jalaliDaysBetween(a: JalaliDate, b: JalaliDate): number {
  return jalaliDayNumber(b) - jalaliDayNumber(a);
}

/** Sort comparator: negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareJalali(a: JalaliDate, b: JalaliDate): number {
  return Math.sign(jalaliDaysBetween(b, a));
}

/** `true` when both values denote the same day. */
export function isSameJalaliDate(a: JalaliDate, b: JalaliDate): boolean {
  return a.jy === b.jy && a.jm === b.jm && a.jd === b.jd;
}

/** Day of the week of a Jalali date. */
export function jalaliWeekday(date: JalaliDate): Weekday {
  // Julian Day Number 0 is a Monday; Saturday is index 0 of WEEKDAYS.
  return WEEKDAYS[(jalaliDayNumber(date) + 2) % 7] as Weekday;
}

// ---------------------------------------------------------------------------
// Instants ↔ Tehran civil days (via Intl, never a hard-coded offset)
// ---------------------------------------------------------------------------

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const WALL_CLOCK_FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: TEHRAN_TIME_ZONE,
  calendar: 'gregory',
  numberingSystem: 'latn',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

/** Gregorian wall-clock time in Tehran at an instant. */
function tehranWallClock(instant: Date): WallClock {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of WALL_CLOCK_FORMAT.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = NaN, month = NaN, day = NaN, hour = NaN, minute = NaN, second = NaN } = parts;
  return { year, month, day, hour, minute, second };
}

/** Milliseconds since the epoch of a wall-clock time read as if it were UTC. */
function wallClockAsUtc(clock: WallClock): number {
  const d = new Date(0);
  d.setUTCFullYear(clock.year, clock.month - 1, clock.day);
  d.setUTCHours(clock.hour, clock.minute, clock.second, 0);
  return d.getTime();
}

/** Offset of Tehran from UTC in milliseconds at an instant. */
function tehranOffset(instant: number): number {
  const wholeSecond = instant - (((instant % 1000) + 1000) % 1000);
  return wallClockAsUtc(tehranWallClock(new Date(wholeSecond))) - wholeSecond;
}

function assertValidInstant(date: Date): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new RangeError('Invalid Date');
}

/** The Jalali date of the Tehran local day containing the instant. */
export function toJalali(date: Date): JalaliDate {
  assertValidInstant(date);
  const { year, month, day } = tehranWallClock(date);
  const { jy, jm, jd } = toJalaali(year, month, day);
  return { jy, jm, jd };
}

/**
 * The first instant of a Tehran local day: local midnight, or the end of the gap on the
 * pre-2022 days whose midnight was skipped by the start of daylight saving time.
 */
export function fromJalali(date: JalaliDate): Date;
export function fromJalali(jy: number, jm: number, jd: number): Date;
export function fromJalali(dateOrYear: JalaliDate | number, jm?: number, jd?: number): Date {
  const date =
    typeof dateOrYear === 'number' ? { jy: dateOrYear, jm: jm ?? NaN, jd: jd ?? NaN } : dateOrYear;
  assertValidJalaliDate(date);
  const { gy, gm, gd } = toGregorian(date.jy, date.jm, date.jd);
  const midnightAsUtc = wallClockAsUtc({
    year: gy,
    month: gm,
    day: gd,
    hour: 0,
    minute: 0,
    second: 0,
  });
  // Every offset in force within hours of that midnight gives a candidate; keep the earliest one
  // inside the day. Sampling the whole span matters when clocks went back just after midnight
  // (1978-08-05: 01:00 +05:00 became 00:00 +04:00), where the day starts at the earlier offset's
  // midnight, which converging on a single offset would miss.
  const offsets = new Set<number>();
  for (let h = -3; h <= 9; h++) offsets.add(tehranOffset(midnightAsUtc - h * 3_600_000));
  const candidates = [...offsets].map((offset) => midnightAsUtc - offset);
  const inDay = candidates.filter((t) => isSameJalaliDate(toJalali(new Date(t)), date));
  if (inDay.length === 0) throw new RangeError(`No Tehran instant found for ${formatYmd(date)}`);
  return new Date(Math.min(...inDay));
}

/** Start (inclusive) and end (exclusive: the next day's start) of a Tehran local day. */
export function jalaliDayRange(date: JalaliDate): { start: Date; end: Date } {
  return { start: fromJalali(date), end: fromJalali(addJalaliDays(date, 1)) };
}

/** Day of the week of the Tehran local day containing the instant. */
export function weekdayOf(date: Date): Weekday {
  return jalaliWeekday(toJalali(date));
}

// ---------------------------------------------------------------------------
// Formatting and parsing
// ---------------------------------------------------------------------------

function formatYmd({ jy, jm, jd }: JalaliDate): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(jy, 4)}/${pad(jm, 2)}/${pad(jd, 2)}`;
}

/** `YYYY/MM/DD` with ASCII digits, of a Jalali date or of the Tehran local day of an instant. */
export function jalaliDateString(date: Date | JalaliDate): string {
  const jalali = date instanceof Date ? toJalali(date) : date;
  assertValidJalaliDate(jalali);
  return formatYmd(jalali);
}

/**
 * `YYYY-MM-DDThh:mm:ss`, exactly 19 characters: the Gregorian date and the wall-clock time in
 * Tehran at an instant, ISO 8601 without an offset (the registration date-time the شمس QR carries).
 */
export function tehranDateTimeString(date: Date): string {
  assertValidInstant(date);
  const c = tehranWallClock(date);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
}

/** Options of `formatJalali`. */
export interface FormatJalaliOptions {
  /** `'fa'` (default): `۸ فروردین ۱۴۰۳`; `'en'`: `Farvardin 8, 1403`. */
  readonly locale?: 'fa' | 'en';
  /** Append the Tehran time `HH:mm` (24-hour). */
  readonly withTime?: boolean;
  /** Default: Persian digits for `fa`, Latin for `en`. */
  readonly digits?: 'persian' | 'latin';
  /** Prefix the weekday name. */
  readonly weekday?: boolean;
  /** `'long'` (default): month name; `'numeric'`: `1403/01/08`. */
  readonly month?: 'long' | 'numeric';
}

type DateParts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

const formatters = new Map<string, Intl.DateTimeFormat>();

function persianCalendarFormatter(
  locale: 'fa' | 'en',
  options: FormatJalaliOptions,
): Intl.DateTimeFormat {
  const numeric = options.month === 'numeric';
  const key = `${locale}|${numeric}|${Boolean(options.weekday)}|${Boolean(options.withTime)}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(
      locale === 'fa' ? 'fa-IR-u-ca-persian-nu-latn' : 'en-u-ca-persian-nu-latn',
      {
        timeZone: TEHRAN_TIME_ZONE,
        year: 'numeric',
        month: numeric ? '2-digit' : 'long',
        day: numeric ? '2-digit' : 'numeric',
        ...(options.weekday ? { weekday: 'long' as const } : {}),
        ...(options.withTime
          ? { hour: '2-digit' as const, minute: '2-digit' as const, hourCycle: 'h23' as const }
          : {}),
      },
    );
    formatters.set(key, formatter);
  }
  return formatter;
}

function assemble(locale: 'fa' | 'en', options: FormatJalaliOptions, p: DateParts): string {
  const fa = locale === 'fa';
  let text =
    options.month === 'numeric'
      ? `${p.year}/${p.month}/${p.day}`
      : fa
        ? `${p.day} ${p.month} ${p.year}`
        : `${p.month} ${p.day}, ${p.year}`;
  if (options.weekday) text = `${p.weekday}${fa ? '، ' : ', '}${text}`;
  if (options.withTime) text = `${text}${fa ? '، ساعت ' : ', '}${p.hour}:${p.minute}`;
  return text;
}

/**
 * Formats an instant as a Tehran-local Jalali date with `Intl.DateTimeFormat` (`fa-IR-u-ca-persian`
 * or `en-u-ca-persian`, parts reassembled), e.g. `چهارشنبه، ۸ فروردین ۱۴۰۳، ساعت ۱۵:۳۰`.
 */
export function formatJalali(date: Date, options: FormatJalaliOptions = {}): string {
  assertValidInstant(date);
  const locale = options.locale ?? 'fa';
  const parts: DateParts = {};
  for (const part of persianCalendarFormatter(locale, options).formatToParts(date)) {
    parts[part.type] = part.value;
  }
  const text = assemble(locale, options, parts);
  const digits = options.digits ?? (locale === 'fa' ? 'persian' : 'latin');
  return digits === 'persian' ? toPersianDigits(text) : text;
}

/** Every reason `parseJalali` can fail with. */
export const PARSE_JALALI_FAILURES = ['EMPTY', 'FORMAT', 'YEAR', 'MONTH', 'DAY'] as const;
/** Reason code of an unparseable Jalali date. */
export type ParseJalaliFailure = (typeof PARSE_JALALI_FAILURES)[number];

const YMD = /^(\d{4})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{1,2})$/;

/**
 * Parses `YYYY/MM/DD` (also `-` or `.` as separator, 1- or 2-digit month and day, Persian or
 * Arabic digits, surrounding spaces and bidi marks ignored) and checks the day exists.
 */
export function parseJalali(text: string): Result<JalaliDate, ParseJalaliFailure> {
  const cleaned = toAsciiDigits(String(text))
    .replace(/[\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
    .trim();
  if (cleaned === '') return fail('EMPTY');
  const match = YMD.exec(cleaned);
  if (match === null) return fail('FORMAT');
  const [jy, jm, jd] = [match[1], match[3], match[4]].map(Number) as [number, number, number];
  if (jy < MIN_JALALI_YEAR || jy > MAX_JALALI_YEAR) return fail('YEAR');
  if (jm < 1 || jm > 12) return fail('MONTH');
  if (jd < 1 || jd > jalaaliMonthLength(jy, jm)) return fail('DAY');
  return ok({ jy, jm, jd });
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar day as people type it into a date filter: a Jalali date (`1404/01/15`, read by
 * `parseJalali`) or an ISO 8601 Gregorian date (`2025-04-04`, a year from 1700 on), in Persian,
 * Arabic or ASCII digits. Returns the Jalali date of that day.
 */
export function parseDay(text: string): Result<JalaliDate, ParseJalaliFailure> {
  const cleaned = toAsciiDigits(String(text))
    .replace(/[\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
    .trim();
  const iso = ISO_DAY.exec(cleaned);
  if (iso === null || Number(iso[1]) < 1700) return parseJalali(cleaned);
  const [gy, gm, gd] = [iso[1], iso[2], iso[3]].map(Number) as [number, number, number];
  if (gm < 1 || gm > 12) return fail('MONTH');
  const date = new Date(Date.UTC(gy, gm - 1, gd));
  if (gd < 1 || date.getUTCMonth() !== gm - 1) return fail('DAY');
  const { jy, jm, jd } = toJalaali(gy, gm, gd);
  return ok({ jy, jm, jd });
}
