import type { RJSFSchema } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { asciiCodes, normaliseCode, parseNumber, showCode } from './digits';
import { messageOf, serverErrorSchema } from './errors';
import { uiFor } from './uiDefaults';
import { deskValidator } from './validator';
import { isoOfJalali } from './widgets';

const SCHEMA: RJSFSchema & { allOf: [{ if: RJSFSchema; then: RJSFSchema }] } = {
  type: 'object',
  required: ['nationalCode', 'kind'],
  properties: {
    nationalCode: { type: 'string', title: 'کد ملی', format: 'ir-national-code' },
    kind: { type: 'string', title: 'نوع', enum: ['حقیقی', 'حقوقی'] },
    count: { type: 'integer', title: 'تعداد', minimum: 1 },
    children: {
      type: 'array',
      title: 'فرزندان',
      items: { type: 'object', required: ['name'], properties: { name: { type: 'string', title: 'نام', minLength: 2 }, postalCode: { type: 'string', title: 'کد پستی', format: 'ir-postal-code' } } },
    },
  },
  allOf: [
    {
      if: { properties: { kind: { const: 'حقوقی' } }, required: ['kind'] },
      then: { properties: { legalId: { type: 'string', title: 'شناسه ملی', format: 'ir-legal-id' } }, required: ['legalId'] },
    },
  ],
};

const t = (key: string, values?: Record<string, unknown>) => (values ? `${key}:${JSON.stringify(values)}` : key);
const digits = (n: unknown) => String(n);

describe('digits typed in a code box', () => {
  it('keeps ASCII digits without separators, whatever digits were typed, and a Sheba in capitals', () => {
    expect(normaliseCode('۰۰۱۳-۵۴۲ ۴۱۹', 'ir-national-code')).toBe('0013542419');
    expect(normaliseCode('٠٩١٢١٢٣٤٥٦٧', 'ir-mobile')).toBe('09121234567');
    expect(normaliseCode('ir82 0540 1026 8002 0817 9090 02', 'ir-sheba')).toBe('IR820540102680020817909002');
    expect(normaliseCode('۱۲ ۳', undefined)).toBe('12 3');
  });

  it('shows Persian digits on a Persian page and ASCII otherwise', () => {
    expect(showCode('0013542419', 'fa')).toBe('۰۰۱۳۵۴۲۴۱۹');
    expect(showCode('0013542419', 'en')).toBe('0013542419');
  });

  it('reads numbers typed in any digits and separators, and nothing that is not a number', () => {
    expect(parseNumber('۱۲٫۵')).toBe(12.5);
    expect(parseNumber('١٢,٥')).toBe(12.5);
    expect(parseNumber('۱۲۳')).toBe(123);
    expect(parseNumber('-3')).toBe(-3);
    expect(parseNumber('12a')).toBeUndefined();
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('۱۲٫')).toBeUndefined();
  });

  it('turns the digits of codes into ASCII everywhere in the data, repeating groups too, and leaves free text as typed', () => {
    const data = { nationalCode: '۰۰۱۳۵۴۲۴۱۹', children: [{ name: 'علی ۲', postalCode: '۱۶۱۹۷-۳۵۷۴۴' }] };
    expect(asciiCodes(SCHEMA, data)).toEqual({ nationalCode: '0013542419', children: [{ name: 'علی ۲', postalCode: '1619735744' }] });
  });
});

describe('the CSP-safe validator', () => {
  it('accepts a valid form', () => {
    const r = deskValidator.validateFormData({ nationalCode: '0013542419', kind: 'حقیقی', children: [{ name: 'سارا' }] }, SCHEMA);
    expect(r.errors).toEqual([]);
  });

  it('names each problem at its field, with the params the messages need: required, identifier format, bound, in a repeating group', () => {
    const r = deskValidator.validateFormData({ nationalCode: '0013542418', count: 0, children: [{ name: 'س', postalCode: '1234567890' }] }, SCHEMA);
    const byProperty = Object.fromEntries(r.errors.map((e) => [e.property, e.name]));
    expect(byProperty).toEqual({
      '.nationalCode': 'format',
      '.kind': 'required',
      '.count': 'minimum',
      '.children.0.name': 'minLength',
      '.children.0.postalCode': 'format',
    });
    expect(r.errors.find((e) => e.property === '.count')!.params).toMatchObject({ limit: 1 });
    expect(r.errors.find((e) => e.property === '.nationalCode')!.params).toMatchObject({ format: 'ir-national-code' });
    expect(r.errorSchema).toMatchObject({ children: { 0: { name: { __errors: [expect.any(String)] } } } });
  });

  it('asks for a conditional field only when its condition holds', () => {
    const person = deskValidator.validateFormData({ nationalCode: '0013542419', kind: 'حقیقی' }, SCHEMA);
    expect(person.errors).toEqual([]);
    const company = deskValidator.validateFormData({ nationalCode: '0013542419', kind: 'حقوقی' }, SCHEMA);
    expect(company.errors.map((e) => [e.property, e.name])).toEqual([['.legalId', 'required']]);
    const wrong = deskValidator.validateFormData({ nationalCode: '0013542419', kind: 'حقوقی', legalId: '10380284791' }, SCHEMA);
    expect(wrong.errors.map((e) => [e.property, e.name])).toEqual([['.legalId', 'format']]);
    expect(deskValidator.isValid(SCHEMA.allOf[0].if, { kind: 'حقوقی' }, SCHEMA)).toBe(true);
    expect(deskValidator.isValid(SCHEMA.allOf[0].if, { kind: 'حقیقی' }, SCHEMA)).toBe(false);
  });

  it('checks a pattern on the digits in ASCII, as the server does: a code typed in Persian digits passes', () => {
    const coded: RJSFSchema = { type: 'object', properties: { certificate: { type: 'string', title: 'شماره', pattern: '^[0-9]{7}$' } } };
    expect(deskValidator.validateFormData({ certificate: '۱۲۳۴۵۶۷' }, coded).errors).toEqual([]);
    expect(deskValidator.validateFormData({ certificate: '۱۲۳۴۵۶' }, coded).errors.map((e) => e.name)).toEqual(['pattern']);
  });

  it('counts a cleared text box as not filled in, as the server does', () => {
    const r = deskValidator.validateFormData({ nationalCode: '', kind: 'حقیقی' }, SCHEMA);
    expect(r.errors.map((e) => [e.property, e.name])).toEqual([['.nationalCode', 'required']]);
  });

  it('never evaluates code: the validator works with eval forbidden (our Content-Security-Policy)', () => {
    const original = globalThis.Function;
    globalThis.Function = function () {
      throw new EvalError('eval is forbidden');
    } as unknown as FunctionConstructor;
    try {
      const r = deskValidator.validateFormData({ nationalCode: 'x' }, SCHEMA);
      expect(r.errors.length).toBeGreaterThan(0);
    } finally {
      globalThis.Function = original;
    }
  });
});

describe('messages at the field', () => {
  it('says what shape each identifier expects, and the bound of a length or value', () => {
    expect(messageOf({ name: 'format', property: '.a', params: { format: 'ir-national-code' }, stack: '' }, t, digits)).toBe('desk.formats.nationalCode');
    expect(messageOf({ name: 'format', property: '.a', params: { format: 'ir-sheba' }, stack: '' }, t, digits)).toBe('desk.formats.sheba');
    expect(messageOf({ name: 'required', property: '.a', params: {}, stack: '' }, t, digits)).toBe('validation.required');
    expect(messageOf({ name: 'minLength', property: '.a', params: { limit: 3 }, stack: '' }, t, digits)).toBe('validation.tooShort:{"count":3,"n":"3"}');
    expect(messageOf({ name: 'type', property: '.a', params: { type: 'integer' }, stack: '' }, t, digits)).toBe('validation.notInteger');
    expect(messageOf({ name: 'const', property: '.a', params: { allowedValue: true }, stack: '' }, t, digits)).toBe('validation.mustBeChecked');
  });

  it('puts the server’s problems at their fields, nested ones too, and keeps the rest apart', () => {
    const { tree, other } = serverErrorSchema([
      { field: 'body.form.nationalCode', message: 'کد ملی نادرست' },
      { field: 'body.form.children.0.name', message: 'الزامی' },
      { field: 'body.form.nationalCode', message: 'کد ملی نادرست' },
      { field: 'body.serviceId', message: 'خدمت نیست' },
    ]);
    expect(tree).toEqual({ nationalCode: { __errors: ['کد ملی نادرست'] }, children: { 0: { name: { __errors: ['الزامی'] } } } });
    expect(other).toEqual(['خدمت نیست']);
  });
});

describe('UI defaults', () => {
  it('shows few choices as radio buttons and many as a list, long text as a text area, a province/county pair as linked lists', () => {
    const ui = uiFor({
      type: 'object',
      properties: {
        few: { type: 'string', enum: ['a', 'b'], 'x-enumNames': ['الف', 'ب'] },
        many: { type: 'string', enum: ['1', '2', '3', '4', '5'] },
        long: { type: 'string', maxLength: 1000 },
        place: { type: 'object', properties: { province: { type: 'string' }, county: { type: 'string' } } },
        items: { type: 'array', items: { type: 'object', properties: { k: { type: 'string', enum: ['x'] } } } },
      },
    }, { long: { 'ui:help': 'h' } });
    expect(ui).toMatchObject({
      few: { 'ui:widget': 'radio', 'ui:enumNames': ['الف', 'ب'] },
      many: { 'ui:widget': 'select' },
      long: { 'ui:widget': 'textarea', 'ui:help': 'h' },
      place: { 'ui:field': 'provinceCounty' },
      items: { items: { k: { 'ui:widget': 'radio' } } },
      'ui:order': ['few', 'many', 'long', 'place', 'items', '*'],
    });
  });
});

describe('the Jalali date picker', () => {
  it('stores the Gregorian date the server checks for a Jalali day, and nothing for a day that does not exist', () => {
    expect(isoOfJalali(1403, 1, 1)).toBe('2024-03-20');
    expect(isoOfJalali(1402, 12, 29)).toBe('2024-03-19');
    expect(isoOfJalali(1402, 12, 30)).toBeUndefined();
    expect(isoOfJalali(1403, 7, 31)).toBeUndefined();
  });
});
