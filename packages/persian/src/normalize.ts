import { toAsciiDigits } from './digits';

/** Bidi controls: ALM, LRM, RLM, embeddings/overrides (U+202A–202E), isolates (U+2066–2069). */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Step 2 of the search key: ZWSP–RLM (incl. ZWNJ), bidi controls, word joiner, BOM, soft hyphen. */
const INVISIBLES = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** Step 3 of the search key: Arabic and variant letters to their Persian base letter. */
const LETTER_MAP: Readonly<Record<string, string>> = {
  '\u064A': 'ی', // ي Arabic yeh
  '\u0649': 'ی', // ى alef maksura
  '\u06D0': 'ی', // ې
  '\u06D2': 'ی', // ے
  '\u0626': 'ی', // ئ
  '\u0643': 'ک', // ك Arabic kaf
  '\u06AA': 'ک', // ڪ
  '\u06C0': 'ه', // ۀ
  '\u06C1': 'ه', // ہ
  '\u06D5': 'ه', // ە
  '\u06BE': 'ه', // ھ
  '\u0629': 'ه', // ة
  '\u0623': 'ا', // أ
  '\u0625': 'ا', // إ
  '\u0671': 'ا', // ٱ
  '\u0622': 'ا', // آ
  '\u0624': 'و', // ؤ
};
const LETTERS = new RegExp(`[${Object.keys(LETTER_MAP).join('')}]`, 'g');

/** Step 4: harakat and hamza marks U+064B–065F, superscript alef U+0670, tatweel, lone hamza ء. */
const DIACRITICS = /[\u064B-\u065F\u0670\u0640\u0621]/g;

/** Step 5: Arabic decimal separator, thousands separator and percent sign. */
const ARABIC_PUNCTUATION: Readonly<Record<string, string>> = {
  '\u066B': '.', // ٫
  '\u066C': '', // ٬
  '\u066A': '%', // ٪
};

/**
 * Search key (iran.md §2): NFKC; drop invisibles incl. ZWNJ; fold ي ى ې ے ئ → ی, ك ڪ → ک,
 * ۀ ہ ە ھ ة → ه, أ إ ٱ آ → ا, ؤ → و; delete harakat, tatweel and lone ء; Persian/Arabic digits →
 * ASCII, ٫ → `.`, ٬ dropped, ٪ → `%`; collapse whitespace, trim and lowercase. Idempotent.
 * Use for index and query keys only, never for stored text.
 */
export function normalizeForSearch(text: string): string {
  return toAsciiDigits(
    text
      .normalize('NFKC')
      .replace(INVISIBLES, '')
      .replace(LETTERS, (ch) => LETTER_MAP[ch] ?? ch)
      .replace(DIACRITICS, ''),
  )
    .replace(/[\u066A-\u066C]/g, (ch) => ARABIC_PUNCTUATION[ch] ?? ch)
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Light normalisation for stored display text: NFC, Arabic ي ى → ی and ك → ک, bidi controls,
 * ZWSP and BOM removed, ZWNJ kept (repeated ZWNJ collapsed, ZWNJ next to a space or at an
 * edge dropped), runs of spaces/tabs collapsed, spaces around line breaks and at the ends trimmed.
 */
export function normalizeDisplay(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(BIDI_CONTROLS, '')
    .replace(/[\u200B\u2060\uFEFF]/g, '')
    .replace(/[\u064A\u0649]/g, 'ی')
    .replace(/\u0643/g, 'ک')
    .replace(/[^\S\n]+/g, ' ')
    // A run of spaces and ZWNJs is one space if it holds a space, else one ZWNJ.
    .replace(/[ \u200C]+/g, (m) => (m.includes(' ') ? ' ' : '\u200C'))
    .replace(/^\u200C|\u200C$/gm, '')
    .replace(/ *\n */g, '\n')
    .trim();
}

/**
 * Words of a search key (the text is passed through `normalizeForSearch` first): runs of letters,
 * marks and digits; `.`, `/`, `:` or `-` between two digits (dates, times, decimals) stay inside.
 */
export function searchTokens(text: string): string[] {
  const key = normalizeForSearch(text);
  return key.match(/(?:[\p{L}\p{M}\p{N}]|(?<=\p{N})[./:-](?=\p{N}))+/gu) ?? [];
}
