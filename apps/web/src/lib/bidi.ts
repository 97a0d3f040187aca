import { toPersianDigits } from '@dargah/persian';

/**
 * Mixed-direction text. Persian content inside English text (a service title, a person's name) and
 * Latin content inside Persian text (a user name, an English agency name) must be isolated, or the
 * bidirectional algorithm moves the parentheses and full stops around them. In the page that is a
 * `<bdi>` element (`components/UserText.tsx`); in plain strings (the document title, a message
 * interpolated by i18next) it is the first-strong isolate FSI … PDI (U+2068 … U+2069).
 */

/** Strong right-to-left letters: Hebrew, Arabic script (Persian), Syriac, Thaana, and their presentation forms. */
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/;
/** Strong left-to-right letters (Latin and other alphabetic scripts; digits are weak and need no isolation). */
const LTR = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/;

export const FSI = '\u2068';
export const PDI = '\u2069';

const STRONG = new RegExp(`${RTL.source}|${LTR.source}`);

/** The direction of the first strong letter, as `dir="auto"` and FSI decide it; undefined for none (digits, signs). */
export function firstStrong(text: string): 'rtl' | 'ltr' | undefined {
  const m = STRONG.exec(text);
  return m ? (RTL.test(m[0]) ? 'rtl' : 'ltr') : undefined;
}

/** Whether text begins (at its first letter) in the other direction from the interface's. */
export function runsAgainst(text: string, dir: 'rtl' | 'ltr'): boolean {
  const first = firstStrong(text);
  return first !== undefined && first !== dir;
}

/**
 * Text wrapped in FSI … PDI when it runs against the interface direction; unchanged otherwise (text
 * that starts in the interface's direction lays out the same isolated or not).
 */
export function isolateFor(text: string, dir: 'rtl' | 'ltr'): string {
  return runsAgainst(text, dir) && !(text.startsWith(FSI) && text.endsWith(PDI)) ? `${FSI}${text}${PDI}` : text;
}

/**
 * How i18next shows an interpolated value (`{{service}}`, `{{n}}`): numbers with the language's
 * digits (Persian in fa: «دست‌کم ۱۰ نویسه»), and text isolated when it runs against the language's
 * direction. Other values are left to i18next.
 */
export function interpolatedValue(value: unknown, lang: string | undefined): unknown {
  const dir = lang === 'fa' ? 'rtl' : 'ltr';
  if (typeof value === 'number' || typeof value === 'bigint')
    return lang === 'fa' ? toPersianDigits(String(value)) : String(value);
  if (typeof value === 'string') return isolateFor(value, dir);
  return value;
}
