import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeDisplay, normalizeForSearch, searchTokens } from './normalize';

const ZWNJ = '\u200c';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('normalizeForSearch', () => {
  it.each([
    // iran.md §2 outputs
    ['علي', 'علی'],
    [`كتاب${ZWNJ}ها`, 'کتابها'],
    ['مدرسة', 'مدرسه'],
    ['خانۀ', 'خانه'],
    ['خانهٔ', 'خانه'],
    ['کتـــاب', 'کتاب'],
    ['کِتابُ', 'کتاب'],
    ['ﻛﺘﺎﺏ', 'کتاب'],
    ['رئیس', 'رییس'],
    ['١٤٠٣/٠١/٠١', '1403/01/01'],
    // documented limitation
    ['مسئول', 'مسیول'],
    ['مسؤول', 'مسوول'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeForSearch(input)).toBe(expected);
  });

  it.each([
    ['NFKC folds the rial sign', '﷼', 'ریال'],
    ['ى alef maksura', 'على', 'علی'],
    ['ې and ے', 'ېے', 'یی'],
    ['ڪ', 'ڪتاب', 'کتاب'],
    ['ہ ە ھ', 'ہەھ', 'ههه'],
    ['alef variants', 'أإٱآ', 'اااا'],
    ['آ in a word', 'آب', 'اب'],
    ['ؤ', 'مؤمن', 'مومن'],
    ['lone hamza', 'جزء', 'جز'],
    ['tanwin', 'حتماً', 'حتما'],
    ['superscript alef', 'رحمٰن', 'رحمن'],
    ['Persian digits', '۱۴۰۳', '1403'],
    ['Arabic decimal and percent', '۱۲٫۵٪', '12.5%'],
    ['Arabic thousands separator dropped', '۱٬۰۰۰٬۰۰۰', '1000000'],
    ['bidi controls and ZWSP', '\u202bسلام\u202c\u200b\u200e\u2067x\u2069\ufeff', 'سلامx'],
    ['soft hyphen', 'co\u00adop', 'coop'],
    ['whitespace collapsed and trimmed', '  علی \t\n  رضا  ', 'علی رضا'],
    ['lowercased', 'Dargah ABC', 'dargah abc'],
    ['fullwidth Latin via NFKC', 'ＡＢＣ１２', 'abc12'],
    ['empty', '', ''],
  ])('%s: %j → %j', (_label, input, expected) => {
    expect(normalizeForSearch(input)).toBe(expected);
  });

  it('equates the Arabic and Persian spellings of the same words', () => {
    expect(normalizeForSearch('كتابهاي مدرسة علي')).toBe(
      normalizeForSearch(`کتاب${ZWNJ}های مدرسه علی`),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const once = normalizeForSearch(s);
        expect(normalizeForSearch(once)).toBe(once);
      }),
    );
  });

  it('is idempotent on Persian/Arabic-heavy text', () => {
    const alphabet = [
      ...'اآأإٱبپتثجچحخدذرزژسشصضطظعغفقکكڪگلمنوؤهۀةھیيىئءـًٌٍَُِّْٰٔ۰۱۹٠١٩٫٬٪ ﷼ﻛﺘ',
      ZWNJ,
      '\u200f',
      '\t',
    ];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...alphabet) }), (s) => {
        const once = normalizeForSearch(s);
        expect(normalizeForSearch(once)).toBe(once);
        // Characters the key must never contain: Arabic kaf/yeh variants, teh marbuta, tatweel,
        // ZWNJ, harakat and non-ASCII digits (listed singly: harakat are combining marks).
        const banned = [0x643, 0x64a, 0x649, 0x629, 0x640, 0x200c, ...range(0x64b, 0x65f), ...range(0x6f0, 0x6f9), ...range(0x660, 0x669)];
        expect([...once].some((ch) => banned.includes(ch.codePointAt(0)!))).toBe(false);
        expect(once).not.toMatch(/^\s|\s$|\s\s/);
      }),
    );
  });
});

describe('normalizeDisplay', () => {
  it.each([
    ['Arabic yeh and kaf', 'علي كتاب', 'علی کتاب'],
    ['alef maksura', 'على', 'علی'],
    ['keeps ZWNJ', `می${ZWNJ}روند`, `می${ZWNJ}روند`],
    ['collapses repeated ZWNJ', `می${ZWNJ}${ZWNJ}روند`, `می${ZWNJ}روند`],
    ['drops ZWNJ next to a space', `کتاب ${ZWNJ}ها و ${ZWNJ} من${ZWNJ} تو`, 'کتاب ها و من تو'],
    ['drops ZWNJ at the edges', `${ZWNJ}سلام${ZWNJ}`, 'سلام'],
    // Found by the idempotence property: a ZWNJ on each side of a space took two passes.
    ['drops ZWNJs on both sides of a space in one pass', `ا${ZWNJ} ${ZWNJ}ا`, 'ا ا'],
    ['strips bidi controls', '\u202bسلام\u200f \u2067abc\u2069\u061c', 'سلام abc'],
    ['strips ZWSP and BOM', '\ufeffسل\u200bام', 'سلام'],
    ['collapses and trims spaces', '  سلام   \t دنیا  ', 'سلام دنیا'],
    [
      'keeps line breaks, trims around them',
      'خط اول  \r\n   خط دوم\n\nسوم',
      'خط اول\nخط دوم\n\nسوم',
    ],
    ['keeps harakat, tatweel and digits', 'کِتـاب ۱۲ ١٢', 'کِتـاب ۱۲ ١٢'],
    ['keeps ة ۀ ئ', 'مدرسة خانۀ رئیس', 'مدرسة خانۀ رئیس'],
    ['NFC composes alef + madda', 'ا\u0653ب', 'آب'],
  ])('%s', (_label, input, expected) => {
    expect(normalizeDisplay(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const alphabet = [...'ابکكيیىهة ۱1', ZWNJ, '\u200f', '\u202b', '\t', '\n', '\r'];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...alphabet) }), (s) => {
        const once = normalizeDisplay(s);
        expect(normalizeDisplay(once)).toBe(once);
      }),
    );
  });
});

describe('searchTokens', () => {
  it.each([
    ['كتاب‌های مدرسة', ['کتابهای', 'مدرسه']],
    ['تاریخ ۱۴۰۳/۰۱/۰۸، ساعت 10:30', ['تاریخ', '1403/01/08', 'ساعت', '10:30']],
    ['«سلام»! (دنیا)؛ چطوری؟', ['سلام', 'دنیا', 'چطوری']],
    ['وزن: ۳٫۵kg — 12-3', ['وزن', '3.5kg', '12-3']],
    ['e-government', ['e', 'government']],
    ['   ', []],
    ['', []],
  ])('%j → %j', (input, expected) => {
    expect(searchTokens(input)).toEqual(expected);
  });

  it('returns non-empty tokens without spaces that are their own search keys', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        for (const token of searchTokens(s)) {
          expect(token).not.toBe('');
          expect(token).not.toMatch(/\s/);
          expect(normalizeForSearch(token)).toBe(token);
        }
      }),
    );
  });
});
