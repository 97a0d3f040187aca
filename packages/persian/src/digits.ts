const PERSIAN_ZERO = 0x06f0; // ۰
const ARABIC_INDIC_ZERO = 0x0660; // ٠

/** Persian (U+06F0–06F9) or Arabic-Indic (U+0660–0669) digit. */
const NON_ASCII_DIGIT = /[\u06F0-\u06F9\u0660-\u0669]/g;
const ASCII_OR_ARABIC_DIGIT = /[0-9\u0660-\u0669]/g;

/**
 * Characters removed from identifier input: whitespace (incl. NBSP), dashes and hyphens,
 * zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM), bidi controls and soft hyphen.
 */
const SEPARATORS =
  /[\s\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF\-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/** Converts Persian ۰-۹ and Arabic-Indic ٠-٩ digits to ASCII 0-9; other characters are kept. */
export function toAsciiDigits(text: string): string {
  return text.replace(NON_ASCII_DIGIT, (ch) => {
    const code = ch.charCodeAt(0);
    const zero = code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_INDIC_ZERO;
    return String(code - zero);
  });
}

/**
 * Converts ASCII and Arabic-Indic digits to Persian ۰-۹. Numbers are stringified with `String(n)`
 * first (no grouping or localised decimal separator: use `Intl.NumberFormat` for that).
 */
export function toPersianDigits(input: string | number): string {
  return String(input).replace(ASCII_OR_ARABIC_DIGIT, (ch) => {
    const code = ch.charCodeAt(0);
    const digit = code >= ARABIC_INDIC_ZERO ? code - ARABIC_INDIC_ZERO : code - 0x30;
    return String.fromCharCode(PERSIAN_ZERO + digit);
  });
}

/** Removes spaces, dashes, zero-width and bidi control characters (for identifier input). */
export function stripSeparators(text: string): string {
  return text.replace(SEPARATORS, '');
}

/** Normalises identifier input: Persian/Arabic digits to ASCII, then separators removed. */
export function normalizeIdentifierInput(text: string): string {
  return stripSeparators(toAsciiDigits(text));
}

/**
 * An amount of money in rials with thousands grouped: `۱٬۲۵۰٬۰۰۰ ریال` in Persian (Persian digits,
 * the Arabic thousands separator U+066C), `1,250,000 rials` in English.
 */
export function formatRials(amount: number, locale: 'fa' | 'en' = 'fa'): string {
  if (locale === 'en') return `${new Intl.NumberFormat('en-US').format(amount)} rials`;
  return `${toPersianDigits(new Intl.NumberFormat('en-US').format(amount).replace(/,/g, '\u066C'))} ریال`;
}
