import { TEHRAN_TIME_ZONE, formatJalali, formatRials, fromJalali, parseJalali, toPersianDigits } from '@dargah/persian';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LANG, isLang, type Lang } from './i18n';

/**
 * Display formatting for dates and numbers. Persian: Solar Hijri (Jalali) dates and Persian
 * digits, via `@dargah/persian`. English: Gregorian dates and Latin digits. Instants are always
 * shown in Tehran time; the API sends and receives ISO 8601.
 */

export interface DateDisplayOptions {
  /** Append the time (24-hour, Tehran). */
  readonly withTime?: boolean;
  /** Prefix the weekday name. */
  readonly weekday?: boolean;
  /** `'long'` (default): month name; `'numeric'`: `۱۴۰۳/۰۱/۰۸` in fa, `2024-03-27` in en. */
  readonly month?: 'long' | 'numeric';
}

/** A `Date` from a Date, an ISO 8601 string or epoch milliseconds; RangeError when invalid. */
export function toDate(value: Date | string | number): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid date: ${String(value)}`);
  return date;
}

const gregorianFormatters = new Map<string, Intl.DateTimeFormat>();

function gregorianFormatter(options: DateDisplayOptions): Intl.DateTimeFormat {
  const key = `${options.month ?? 'long'}|${Boolean(options.weekday)}|${Boolean(options.withTime)}`;
  let formatter = gregorianFormatters.get(key);
  if (formatter === undefined) {
    const numeric = options.month === 'numeric';
    formatter = new Intl.DateTimeFormat(numeric ? 'en-CA' : 'en-GB', {
      timeZone: TEHRAN_TIME_ZONE,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: numeric ? '2-digit' : 'long',
      day: numeric ? '2-digit' : 'numeric',
      ...(options.weekday ? { weekday: 'long' as const } : {}),
      ...(options.withTime ? { hour: '2-digit' as const, minute: '2-digit' as const, hourCycle: 'h23' as const } : {}),
    });
    gregorianFormatters.set(key, formatter);
  }
  return formatter;
}

/** A date for display: `۸ فروردین ۱۴۰۳` in fa, `27 March 2024` in en. */
export function formatDate(value: Date | string | number, lang: Lang, options: DateDisplayOptions = {}): string {
  const date = toDate(value);
  if (lang === 'fa') {
    return formatJalali(date, {
      locale: 'fa',
      digits: 'persian',
      ...(options.withTime ? { withTime: true } : {}),
      ...(options.weekday ? { weekday: true } : {}),
      ...(options.month ? { month: options.month } : {}),
    });
  }
  return gregorianFormatter(options).format(date);
}

/** A date and time for display (Tehran time). */
export function formatDateTime(value: Date | string | number, lang: Lang): string {
  return formatDate(value, lang, { withTime: true });
}

const numberFormatters = new Map<string, Intl.NumberFormat>();

/** A number with the language's digits and grouping: `۱۲٬۳۴۵` in fa, `12,345` in en. */
export function formatNumber(value: number | bigint, lang: Lang, options: Intl.NumberFormatOptions = {}): string {
  const key = `${lang}|${JSON.stringify(options)}`;
  let formatter = numberFormatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(lang === 'fa' ? 'fa-IR-u-nu-arabext' : 'en-US-u-nu-latn', options);
    numberFormatters.set(key, formatter);
  }
  return formatter.format(value);
}

/** Digits inside free text (codes, tracking numbers): Persian digits in fa, unchanged in en. */
export function formatDigits(text: string | number, lang: Lang): string {
  return lang === 'fa' ? toPersianDigits(text) : String(text);
}

/**
 * A calendar day the API sends as Jalali `YYYY/MM/DD` with ASCII digits (e.g. a receipt's answer
 * date): `۱۲ مرداد ۱۴۰۴` in fa, `3 August 2025` in en. Unparseable text is shown as it came, with
 * the language's digits.
 */
export function formatJalaliDay(text: string, lang: Lang, options: Omit<DateDisplayOptions, 'withTime'> = {}): string {
  const parsed = parseJalali(text);
  if (!parsed.ok) return formatDigits(text, lang);
  return formatDate(fromJalali(parsed.value), lang, options);
}

/** Seconds left as `m:ss` (`۱:۰۵` in fa), for countdowns; negative values show `0:00`. */
export function formatCountdown(seconds: number, lang: Lang): string {
  const s = Math.max(0, Math.ceil(seconds));
  return formatDigits(`${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`, lang);
}

/**
 * A person's name as the API gives it; a name that is only an identifier (a citizen who has not
 * entered a name is shown by national code) gets the language's digits.
 */
export function formatName(name: string, lang: Lang): string {
  return /^[\d\s-]+$/.test(name) ? formatDigits(name, lang) : name;
}

/** The formatters bound to the current interface language; re-renders when it changes. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang: Lang = isLang(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANG;
  return {
    lang,
    date: (value: Date | string | number, options?: DateDisplayOptions) => formatDate(value, lang, options),
    dateTime: (value: Date | string | number) => formatDateTime(value, lang),
    number: (value: number | bigint, options?: Intl.NumberFormatOptions) => formatNumber(value, lang, options),
    /** An amount of money: `۲۵۰٬۰۰۰ ریال` in fa, `250,000 rials` in en. */
    rials: (amount: number) => formatRials(amount, lang),
    digits: (text: string | number) => formatDigits(text, lang),
    jalaliDay: (text: string, options?: Omit<DateDisplayOptions, 'withTime'>) => formatJalaliDay(text, lang, options),
    countdown: (seconds: number) => formatCountdown(seconds, lang),
    name: (name: string) => formatName(name, lang),
  };
}
