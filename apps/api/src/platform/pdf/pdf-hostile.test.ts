import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderDocument, renderPdf } from './index';
import { breakLongRuns, guardDocumentText } from './text';
import { pdfInfo, pdfText, sampleLetter, sampleReport, squeezed, refusal } from './test-support';

// Text that would be markup, code or an escape if it were ever pasted into template source.
const hostile = [
  '#read("/etc/passwd")',
  '#import "@preview/cetz:0.3.0": *',
  'a ] b [ c',
  '$x^2$ and $$',
  '# heading? #{1 + 1} #let x = 1',
  '<label> @ref @preview',
  'back\\slash \\ \\\\ \\u{41}',
  '*bold* _emph_ `raw` = title',
  '"quoted" // comment /* block */',
];

/**
 * The text is on a line exactly, up to where pdftotext puts the punctuation that ends a
 * left-to-right line on a right-to-left page: it reads that tail as right-to-left and writes it,
 * reversed, at the start (`#read("/etc/passwd")` comes back as `)"#read("/etc/passwd`; the page
 * itself shows it in order). So a line holds h when it is h, or h with a tail of characters that
 * are neither letters nor digits moved to the front reversed: every character, in order.
 */
function onSomeLine(text: string, h: string): boolean {
  const want = squeezed(h);
  const forms = [want];
  for (let k = 1; k < want.length; k++) {
    const tail = want.slice(want.length - k);
    if (/[\p{L}\p{N}]/u.test(tail)) break;
    forms.push([...tail].reverse().join('') + want.slice(0, want.length - k));
  }
  return text.split('\n').some((line) => forms.includes(squeezed(line)));
}

describe('platform/pdf: hostile text is shown, never run', () => {
  it('prints markup and code characters literally, and never the contents of /etc/passwd', async () => {
    const doc = await renderDocument('letter', sampleLetter({ paragraphs: hostile }));
    const text = pdfText(doc.pdf);
    for (const h of hostile) expect(onSomeLine(text, h), h).toBe(true);
    const passwd = fs.readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;
    expect(passwd).toMatch(/^root:/);
    expect(text).not.toContain('root:');
    // In table cells too; and as the title and agency names (right-to-left lines there, so only
    // their letters are looked for).
    const report = sampleReport(3);
    const pdf = await renderPdf('report', {
      ...report,
      title: hostile[0]!,
      agency: { ...report.agency, name: hostile[2]!, unit: hostile[6]! },
      report: { ...report.report, table: { ...report.report.table, rows: hostile.map((h, i) => [i, h, null]) } },
    });
    const reportText = pdfText(pdf);
    for (const h of hostile) expect(onSomeLine(reportText, h), h).toBe(true);
    expect(squeezed(reportText)).toContain('read("/etc/passwd")');
    expect(squeezed(reportText)).toContain('a]b[c');
    expect(reportText).not.toContain('root:');
  });

  it('wraps a 10,000-character word inside the page instead of running off it', async () => {
    const word = 'W'.repeat(10_000);
    const persian = 'ب'.repeat(3_000);
    const doc = await renderDocument('letter', sampleLetter({ paragraphs: [`پیش از ${word} پس از`, persian] }));
    const text = pdfText(doc.pdf);
    // Text past the page edge is not extracted: every letter coming back means every letter is on a page.
    expect(text.match(/W/g)).toHaveLength(10_000);
    expect(text.match(/ب/g)?.length).toBeGreaterThanOrEqual(3_000);
    expect(doc.pages).toBeGreaterThanOrEqual(3);
    for (let p = 1; p <= doc.pages; p++) {
      const widest = Math.max(
        ...pdfText(doc.pdf, { page: p })
          .split('\n')
          .map((l) => l.length),
      );
      expect(widest, `page ${p}`).toBeLessThan(200);
    }
  });

  it('refuses NUL and other control characters and lone surrogates with TEXT_NOT_ALLOWED naming the field', async () => {
    for (const [bad, problem] of [
      ['a\u0000b', 'NUL_CHARACTER'],
      ['a\u0007b', 'CONTROL_CHARACTER'],
      ['a\uD800b', 'LONE_SURROGATE'],
    ] as const) {
      const e = await refusal(renderPdf('letter', sampleLetter({ paragraphs: ['ok', bad] })));
      expect(e.code).toBe('TEXT_NOT_ALLOWED');
      expect(e.details).toMatchObject({ fields: [{ field: 'data.letter.paragraphs.1', code: problem }] });
    }
  });

  it('strips bidi embedding, override and isolate controls, as the HTTP edge does, and keeps ZWNJ', async () => {
    const spoof = 'abc\u202Edef\u202C ghi\u2067jkl\u2069';
    const pdf = await renderPdf('letter', sampleLetter({ paragraphs: [spoof, 'می‌روند'] }));
    const text = squeezed(pdfText(pdf));
    expect(text).toContain('abcdefghijkl');
    expect(guardDocumentText({ s: spoof, z: 'می‌روند' }, 'fa')).toEqual({ s: 'abcdef ghijkl', z: 'می‌روند' });
  });

  it('puts break opportunities only into long runs, between graphemes', () => {
    expect(breakLongRuns('short words stay as they are')).toBe('short words stay as they are');
    const broken = breakLongRuns('x'.repeat(100));
    expect(broken.replaceAll('\u200B', '')).toBe('x'.repeat(100));
    expect(broken.split('\u200B').map((s) => s.length)).toEqual([32, 32, 32, 4]);
    const accented = 'کِ'.repeat(60); // letter + kasra: one grapheme each, never split
    expect(
      breakLongRuns(accented)
        .split('\u200B')
        .every((s) => s.length % 2 === 0),
    ).toBe(true);
  });

  it('survives huge input within the limits, and refuses more than the limits', async () => {
    const many = Array.from({ length: 200 }, (_, i) => `بند ${i}: ${'متن آزمایشی '.repeat(10)}`);
    expect(Number(pdfInfo(await renderPdf('letter', sampleLetter({ paragraphs: many }))).Pages)).toBeGreaterThan(5);
    expect((await refusal(renderPdf('letter', sampleLetter({ paragraphs: [...many, 'one too many'] })))).code).toBe(
      'PDF_DATA_INVALID',
    );
    expect((await refusal(renderPdf('letter', sampleLetter({ paragraphs: ['x'.repeat(20_001)] })))).code).toBe(
      'PDF_DATA_INVALID',
    );
  });
});
