import { toJalali, toPersianDigits } from '@dargah/persian';
import type { Lang } from '../http/i18n';
import { cleanValue, textNotAllowed } from '../http/text-guard';

/*
 * What a document's text goes through before it reaches a template: the same rule as every
 * request's text at the edge (ADR 0010: NUL, other control characters and broken surrogates
 * refused with TEXT_NOT_ALLOWED; bidi embedding, override and isolate controls stripped), then long
 * unbroken runs get break opportunities, and dates and amounts are written in Persian.
 */

/**
 * A copy of the data with bidi controls stripped from every string; throws TEXT_NOT_ALLOWED (with
 * the field) for a string that carries a refused character.
 */
export function guardDocumentText<T>(data: T, lang: Lang): T {
  const holder = { data: structuredClone(data) };
  const offence = cleanValue(holder, 'data', 'data');
  if (offence) throw textNotAllowed(offence, lang);
  return holder.data;
}

/** Runs of this many characters without a space get a break opportunity (U+200B) every BREAK_EVERY. */
const LONG_RUN = /\S{48,}/gu;
const BREAK_EVERY = 32;
const graphemes = new Intl.Segmenter('fa', { granularity: 'grapheme' });

/**
 * The text with a zero-width space inside every run of 48 or more non-space characters, between
 * graphemes, every 32: Typst breaks lines only at break opportunities, and a longer word (a URL,
 * a pasted hash, a hostile 10,000-letter "word") would otherwise run off the page.
 */
export function breakLongRuns(text: string): string {
  return text.replace(LONG_RUN, (run) => {
    let out = '';
    let n = 0;
    for (const { segment } of graphemes.segment(run)) {
      if (n > 0 && n % BREAK_EVERY === 0) out += '\u200B';
      out += segment;
      n++;
    }
    return out;
  });
}

const pad = (n: number) => String(n).padStart(2, '0');
const tehranTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Tehran',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const persianNumber = new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 2 });

/** ۱۴۰۴/۰۱/۰۱: the Jalali date of the Tehran day containing the instant. */
export function jalaliDate(date: Date): string {
  const { jy, jm, jd } = toJalali(date);
  return toPersianDigits(`${jy}/${pad(jm)}/${pad(jd)}`);
}

/** ۱۴۰۴/۰۱/۰۱ ساعت ۰۹:۳۰ (Tehran time). */
export function jalaliDateTime(date: Date): string {
  return `${jalaliDate(date)} ساعت ${toPersianDigits(tehranTime.format(date))}`;
}

/** A number in Persian digits with Persian grouping (۱۲٬۵۰۰). */
export function persianAmount(n: number): string {
  return persianNumber.format(n);
}
