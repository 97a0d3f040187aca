import { describe, expect, it } from 'vitest';
import { FSI, PDI, interpolatedValue, isolateFor } from './bidi';
import '../app/i18n';
import { i18n } from './i18n';

describe('isolating text of the other direction', () => {
  it('isolates Persian in English and Latin in Persian, and leaves text of the same direction alone', () => {
    expect(isolateFor('درخواست گواهی', 'ltr')).toBe(`${FSI}درخواست گواهی${PDI}`);
    expect(isolateFor('clerk.ministry', 'rtl')).toBe(`${FSI}clerk.ministry${PDI}`);
    expect(isolateFor('Employment certificate', 'ltr')).toBe('Employment certificate');
    expect(isolateFor('درخواست گواهی', 'rtl')).toBe('درخواست گواهی');
    expect(isolateFor('1403/01/08', 'rtl')).toBe('1403/01/08'); // digits are weak: no isolation needed
    expect(isolateFor(isolateFor('علی', 'ltr'), 'ltr')).toBe(`${FSI}علی${PDI}`); // not twice
    expect(isolateFor('(۱) گواهی', 'ltr')).toBe(`${FSI}(۱) گواهی${PDI}`); // the first letter decides, not the first character
    expect(isolateFor('گواهی ISO 9001', 'rtl')).toBe('گواهی ISO 9001');
  });

  it('gives numbers the language’s digits', () => {
    expect(interpolatedValue(10, 'fa')).toBe('۱۰');
    expect(interpolatedValue(10, 'en')).toBe('10');
    expect(interpolatedValue(true, 'fa')).toBe(true);
  });
});

describe('the interface catalogue', () => {
  it('writes numbers in Persian digits in Persian: «دست‌کم ۱۰ نویسه», never «دست‌کم 10 نویسه»', () => {
    expect(i18n.t('validation.tooShort', { lng: 'fa', count: 10, n: 10 })).toBe('دست‌کم ۱۰ نویسه بنویسید.');
    expect(i18n.t('validation.tooShort', { lng: 'en', count: 10, n: 10 })).toBe('Write at least 10 characters.');
  });

  it('isolates a Persian service title inside an English sentence, so its full stop stays after it', () => {
    const text = i18n.t('apply.lead', { lng: 'en', agency: 'وزارت کار (ستاد)', n: 5 });
    expect(text).toBe(`${FSI}وزارت کار (ستاد)${PDI} · answer within 5 working days`);
    expect(i18n.t('apply.lead', { lng: 'fa', agency: 'وزارت کار', n: 5 })).toBe('وزارت کار · مهلت پاسخ ۵ روز کاری');
  });
});
