import { describe, expect, it } from 'vitest';
import { assertCleanText, cleanValue, MAX_NESTING, storableHeaderText, stripBidiControls, textNotAllowed, textProblem } from './text-guard';

describe('what text is refused', () => {
  it.each([
    ['a\u0000b', 'NUL_CHARACTER'],
    ['\u0000', 'NUL_CHARACTER'],
    ['a\u0001b', 'CONTROL_CHARACTER'],
    ['a\u0008', 'CONTROL_CHARACTER'],
    ['\u000B vertical tab', 'CONTROL_CHARACTER'],
    ['\u000C form feed', 'CONTROL_CHARACTER'],
    ['esc \u001B[31m', 'CONTROL_CHARACTER'],
    ['a\uD800b', 'LONE_SURROGATE'],
    ['a\uDC00b', 'LONE_SURROGATE'],
    ['\uDBFF', 'LONE_SURROGATE'],
    ['ends high \uD83D', 'LONE_SURROGATE'],
    ['\uDE00 starts low', 'LONE_SURROGATE'],
    ['\u0007 and \uD800: NUL wins when present \u0000', 'NUL_CHARACTER'],
  ])('%j is %s', (s, problem) => {
    expect(textProblem(s)).toBe(problem);
  });

  it.each([
    'سلام دنیا',
    'tab\tnew line\ncarriage return\r',
    'می‌روم کتاب‌ها', // ZWNJ
    'emoji 😀 and 𝄞', // pairs
    'LRM \u200E RLM \u200F ALM \u061C ZWJ \u200D',
    'DEL \u007F and C1 \u0085',
    '۱۲۳۴ ١٢٣٤',
    '',
  ])('%j is text', (s) => {
    expect(textProblem(s)).toBeUndefined();
  });
});

describe('bidi controls', () => {
  it('strips embeddings, overrides and isolates, and keeps marks and joiners', () => {
    expect(stripBidiControls('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(stripBidiControls('\u202Aa\u202Bb\u202Cc\u202Dd\u2066e\u2067f\u2068g\u2069')).toBe('abcdefg');
    const kept = 'نام \u200Fرسمی\u200E و می‌روم\u061C';
    expect(stripBidiControls(kept)).toBe(kept);
  });
});

describe('cleaning a parsed request part in place', () => {
  it('names the first refused string by its path, keys included', () => {
    const holder = { body: { a: 'ok', list: ['x', { deep: 'y\u0000' }] } };
    expect(cleanValue(holder, 'body', 'body')).toEqual({ field: 'body.list.1.deep', problem: 'NUL_CHARACTER' });
    const keyed = { body: { form: { 'bad\u0000key': 'v' } } };
    expect(cleanValue(keyed, 'body', 'body')).toEqual({ field: 'body.form.bad\uFFFDkey', problem: 'NUL_CHARACTER' });
    const bidiKey = { body: { 'a\u202Eb': 1 } };
    expect(cleanValue(bidiKey, 'body', 'body')).toEqual({ field: 'body.ab', problem: 'CONTROL_CHARACTER' });
  });

  it('strips bidi controls from the strings it keeps, at any depth and in a top-level string', () => {
    const holder = { body: { title: 'a\u202Eb', items: ['\u2066c\u2069'], n: 5, on: true, none: null } };
    expect(cleanValue(holder, 'body', 'body')).toBeUndefined();
    expect(holder.body).toEqual({ title: 'ab', items: ['c'], n: 5, on: true, none: null });
    const top = { body: 'x\u202Ey' };
    cleanValue(top, 'body', 'body');
    expect(top.body).toBe('xy');
  });

  it('refuses JSON nested deeper than any schema goes, before anything recurses into it', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(cleanValue({ body: { form: { note: deep } } }, 'body', 'body')).toEqual({ field: expect.stringMatching(/^body\.form\.note(\.0)+$/), problem: 'NESTED_TOO_DEEP' });
    let fine: unknown = 'x';
    for (let i = 0; i < MAX_NESTING - 2; i++) fine = { a: fine };
    expect(cleanValue({ body: fine }, 'body', 'body')).toBeUndefined();
    expect(textNotAllowed({ field: 'body.x', problem: 'NESTED_TOO_DEEP' }, 'fa')).toMatchObject({ code: 'NESTING_TOO_DEEP', details: { field: 'body.x', maxDepth: MAX_NESTING } });
  });

  it('leaves a raw upload (a Buffer) to the route that reads it', () => {
    const holder = { body: Buffer.from('a\u0000b') };
    expect(cleanValue(holder, 'body', 'body')).toBeUndefined();
  });

  it('walks objects without a prototype, as query strings are parsed', () => {
    const query = Object.create(null) as Record<string, unknown>;
    query.q = 'a\u0000';
    expect(cleanValue({ query }, 'query', 'querystring')).toEqual({ field: 'querystring.q', problem: 'NUL_CHARACTER' });
  });
});

describe('text a handler reads itself', () => {
  it('throws TEXT_NOT_ALLOWED naming the field, in the caller language', () => {
    expect(() => assertCleanText('a\u0000', 'file.name', 'en')).toThrow(expect.objectContaining({
      code: 'TEXT_NOT_ALLOWED',
      details: { fields: [{ field: 'file.name', code: 'NUL_CHARACTER', message: 'This text contains a NUL character, which is not accepted; type it again.' }] },
    }));
    expect(assertCleanText('name\u202E.pdf', 'file.name', 'fa')).toBe('name.pdf');
  });
});

describe('a header kept with sessions and audit entries', () => {
  it('replaces controls and broken characters, drops bidi controls and keeps to the length', () => {
    expect(storableHeaderText('Mozilla\u0000/5.0 \u202E(x)\u0007', 300)).toBe('Mozilla\uFFFD/5.0 (x)\uFFFD');
    expect(storableHeaderText('a\uD800b', 300)).toBe('a\uFFFDb');
    // Cut first: the cut never leaves half a surrogate pair behind.
    expect(storableHeaderText('ab😀', 3)).toBe('ab\uFFFD');
    expect(storableHeaderText(undefined, 300)).toBeNull();
    expect(storableHeaderText('x'.repeat(500), 300)).toHaveLength(300);
  });
});
