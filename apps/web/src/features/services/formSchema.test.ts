import { describe, expect, it } from 'vitest';
import {
  displayAnswer,
  formModelFromSchema,
  formPayload,
  initialValues,
  normaliseNumberInput,
  validateField,
  validateValues,
  type FormFieldSpec,
} from './formSchema';

/** A demo service form in the shape the API accepts. */
const schema = {
  type: 'object',
  required: ['reason', 'copies', 'delivery', 'agree'],
  properties: {
    reason: { type: 'string', title: 'علت درخواست', description: 'به‌کوتاهی بنویسید.', minLength: 3, maxLength: 500 },
    fullName: { type: 'string', title: 'نام', maxLength: 100 },
    copies: { type: 'integer', title: 'تعداد نسخه', minimum: 1, maximum: 5 },
    fee: { type: 'number', title: 'مبلغ', exclusiveMinimum: 0 },
    delivery: { type: 'string', title: 'شیوهٔ تحویل', enum: ['post', 'office'], enumNames: ['پست', 'حضوری'] },
    province: {
      type: 'string',
      title: 'استان',
      oneOf: [
        { const: 'tehran', title: 'تهران' },
        { const: 'fars', title: 'فارس' },
        { const: 'gilan', title: 'گیلان' },
        { const: 'yazd', title: 'یزد' },
        { const: 'kerman', title: 'کرمان' },
      ],
    },
    urgent: { type: 'boolean', title: 'فوری', default: false },
    agree: { type: 'boolean', title: 'درستی اطلاعات را تأیید می‌کنم', const: true },
    postalCode: { type: 'string', title: 'کد پستی', pattern: '^\\d{10}$' },
    email: { type: 'string', title: 'رایانامه', format: 'email' },
    attachments: { type: 'array', title: 'پیوست‌ها', items: { type: 'string' } },
  },
};

const field = (name: string): FormFieldSpec => {
  const found = formModelFromSchema(schema).fields.find((f) => f.name === name);
  if (!found) throw new Error(`no field ${name}`);
  return found;
};

describe('formModelFromSchema', () => {
  it('maps each property to a field, required ones first, with title as label and description as help', () => {
    const { fields, unsupported } = formModelFromSchema(schema);
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['reason', 'textarea', true],
      ['copies', 'number', true],
      ['delivery', 'radios', true],
      ['agree', 'checkbox', true],
      ['fullName', 'text', false],
      ['fee', 'number', false],
      ['province', 'select', false],
      ['urgent', 'checkbox', false],
      ['postalCode', 'text', false],
      ['email', 'email', false],
    ]);
    expect(unsupported).toEqual(['پیوست‌ها']);
    expect(field('reason')).toMatchObject({
      label: 'علت درخواست',
      help: 'به‌کوتاهی بنویسید.',
      minLength: 3,
      maxLength: 500,
    });
  });

  it('labels enum options from enumNames or oneOf titles', () => {
    expect(field('delivery').options).toEqual([
      { value: 'post', key: 'post', label: 'پست' },
      { value: 'office', key: 'office', label: 'حضوری' },
    ]);
    expect(field('province').options?.map((o) => o.label)).toEqual(['تهران', 'فارس', 'گیلان', 'یزد', 'کرمان']);
  });

  it('reads integer bounds, exclusive bounds and a must-be-ticked checkbox', () => {
    expect(field('copies')).toMatchObject({ integer: true, minimum: 1, maximum: 5 });
    expect(field('fee')).toMatchObject({ minimum: 0 });
    expect(field('fee').integer).toBeUndefined();
    expect(field('agree').mustBeChecked).toBe(true);
  });

  it('honours an explicit widget and falls back to the property name as label', () => {
    const { fields } = formModelFromSchema({
      type: 'object',
      properties: {
        note: { type: 'string', 'x-widget': 'textarea' },
        size: { type: 'string', enum: ['s', 'm'], 'x-widget': 'select' },
        count: { enum: [1, 2, 3] },
      },
    });
    expect(fields.map((f) => [f.name, f.kind, f.label])).toEqual([
      ['note', 'textarea', 'note'],
      ['size', 'select', 'size'],
      ['count', 'radios', 'count'],
    ]);
    expect(fields[2]!.options?.[0]).toEqual({ value: 1, key: '1', label: '1' });
  });

  it('asks in the order the schema gives (x-order or ui:order), else required first: jsonb sorts object keys', () => {
    // As PostgreSQL jsonb hands back the seed's schema: keys by length, `required` in its own order.
    const fromJsonb = {
      type: 'object',
      required: ['employerName', 'complaintType', 'description'],
      properties: {
        description: { type: 'string' },
        employerName: { type: 'string' },
        monthsUnpaid: { type: 'integer' },
        complaintType: { type: 'string', enum: ['a', 'b'] },
      },
    };
    const names = (s: unknown) => formModelFromSchema(s).fields.map((f) => f.name);
    expect(names(fromJsonb)).toEqual(['employerName', 'complaintType', 'description', 'monthsUnpaid']);
    expect(names({ ...fromJsonb, 'x-order': ['employerName', 'monthsUnpaid', 'ghost'] })).toEqual([
      'employerName',
      'monthsUnpaid',
      'description',
      'complaintType',
    ]);
    expect(names({ ...fromJsonb, 'ui:order': ['complaintType'] })[0]).toBe('complaintType');
  });

  it('gives an empty model for something that is not an object schema', () => {
    expect(formModelFromSchema(null)).toEqual({ fields: [], unsupported: [] });
    expect(formModelFromSchema({ type: 'string' })).toEqual({ fields: [], unsupported: [] });
  });
});

describe('initialValues', () => {
  it('uses known answers, then schema defaults, then empty', () => {
    const { fields } = formModelFromSchema(schema);
    const values = initialValues(fields, { fullName: 'مریم رضایی', delivery: 'drone', copies: 2 });
    expect(values).toMatchObject({
      fullName: 'مریم رضایی',
      delivery: '',
      copies: '2',
      reason: '',
      urgent: false,
      agree: false,
    });
  });
});

describe('validateField', () => {
  it.each([
    ['reason', '', { code: 'required' }],
    ['reason', '  ', { code: 'required' }],
    ['reason', 'اب', { code: 'tooShort', limit: 3 }],
    ['reason', 'گم شدن', undefined],
    ['fullName', '', undefined],
    ['copies', 'دو', { code: 'notNumber' }],
    ['copies', '۲٫۵', { code: 'notInteger' }],
    ['copies', '۰', { code: 'tooSmall', limit: 1 }],
    ['copies', '6', { code: 'tooLarge', limit: 5 }],
    ['copies', '۳', undefined],
    ['fee', '۱۲٫۵', undefined],
    ['delivery', 'drone', { code: 'notAnOption' }],
    ['delivery', 'post', undefined],
    ['postalCode', '۱۲۳', { code: 'pattern' }],
    ['postalCode', '۱۳۴۵۶۷۸۹۰۱', undefined],
    ['email', 'a@b', { code: 'email' }],
  ] as const)('%s = %j', (name, value, expected) => {
    expect(validateField(field(name), value)).toEqual(expected);
  });

  it('requires a must-be-ticked checkbox to be ticked, and nothing of an ordinary one', () => {
    expect(validateField(field('agree'), false)).toEqual({ code: 'mustBeChecked' });
    expect(validateField(field('agree'), true)).toBeUndefined();
    expect(validateField(field('urgent'), false)).toBeUndefined();
  });

  it('counts characters, not UTF-16 units', () => {
    const short: FormFieldSpec = { name: 'x', kind: 'text', label: 'x', required: false, maxLength: 2 };
    expect(validateField(short, '😀😀')).toBeUndefined();
  });

  it('leaves a pattern the browser cannot compile to the server', () => {
    const odd: FormFieldSpec = { name: 'x', kind: 'text', label: 'x', required: false, pattern: '(?<' };
    expect(validateField(odd, 'anything')).toBeUndefined();
  });
});

describe('validateValues and formPayload', () => {
  it('lists every problem of a fresh form', () => {
    const { fields } = formModelFromSchema(schema);
    expect(Object.keys(validateValues(fields, initialValues(fields)))).toEqual([
      'reason',
      'copies',
      'delivery',
      'agree',
    ]);
  });

  it('builds the form object with the schema types, leaving empty optional fields out', () => {
    const { fields } = formModelFromSchema(schema);
    const values = {
      ...initialValues(fields),
      reason: '  گم شدن کارت  ',
      copies: '۲',
      fee: '۱٬۲۰۰٫۵',
      delivery: 'office',
      agree: true,
      postalCode: '۱۳۴۵۶۷۸۹۰۱',
    };
    expect(validateValues(fields, values)).toEqual({});
    expect(formPayload(fields, values)).toEqual({
      reason: 'گم شدن کارت',
      copies: 2,
      fee: 1200.5,
      delivery: 'office',
      urgent: false,
      agree: true,
      postalCode: '1345678901',
    });
  });

  it('sends numeric enum values as numbers', () => {
    const { fields } = formModelFromSchema({ type: 'object', properties: { n: { type: 'integer', enum: [1, 2] } } });
    expect(formPayload(fields, { n: '2' })).toEqual({ n: 2 });
  });
});

describe('normaliseNumberInput and displayAnswer', () => {
  it('reads Persian digits and separators', () => {
    expect(normaliseNumberInput('۱٬۲۳۴٫۵')).toBe('1234.5');
    expect(normaliseNumberInput('−۳')).toBe('-3');
  });

  it('shows a choice by its label', () => {
    expect(displayAnswer(field('delivery'), 'office')).toEqual({ text: 'حضوری' });
    expect(displayAnswer(undefined, 12)).toEqual({ text: '12' });
    expect(displayAnswer(undefined, true)).toEqual({ text: 'true', isBoolean: true });
  });
});

describe('answers typed with Persian digits come back in Persian digits', () => {
  const persian = (text: string) => text.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
  const ids = formModelFromSchema({
    type: 'object',
    properties: {
      workshopPostalCode: { type: 'string', title: 'کد پستی کارگاه', format: 'ir-postal-code' },
      mobile: { type: 'string', title: 'همراه', format: 'ir-mobile' },
    },
  }).fields;

  it('sends numbers and codes with ASCII digits, and shows them back with the reader’s digits', () => {
    const values = { copies: '۳', postalCode: '۱۶۱۹۷۳۵۷۴۴', reason: 'سه نسخه ۲ رنگ', delivery: 'post', agree: true };
    const sent = formPayload(formModelFromSchema(schema).fields, values);
    expect(sent).toMatchObject({ copies: 3, postalCode: '1619735744', reason: 'سه نسخه ۲ رنگ' });
    expect(displayAnswer(field('copies'), sent.copies, persian)).toEqual({ text: '۳' });
    expect(displayAnswer(field('postalCode'), sent.postalCode, persian)).toEqual({ text: '۱۶۱۹۷۳۵۷۴۴', code: true });
    // Free text is shown as it was typed.
    expect(displayAnswer(field('reason'), sent.reason, persian)).toEqual({ text: 'سه نسخه ۲ رنگ' });
    // In English, the digits stay Latin.
    expect(displayAnswer(field('copies'), 3)).toEqual({ text: '3' });
  });

  it('checks identifiers as the server does, keeps the canonical value, and names which one failed', () => {
    const [postal, mobile] = ids;
    expect(postal).toMatchObject({ identifier: 'ir-postal-code', kind: 'text' });
    expect(mobile).toMatchObject({ identifier: 'ir-mobile', kind: 'tel' });
    expect(validateField(postal!, '۱۲۳۴۵۶۷۸۹۰')).toEqual({ code: 'identifier', format: 'ir-postal-code' });
    expect(validateField(postal!, '۱۶۱۹۷-۳۵۷۴۴')).toBeUndefined();
    expect(formPayload(ids, { workshopPostalCode: '۱۶۱۹۷-۳۵۷۴۴', mobile: '+98 912 123 4567' })).toEqual({
      workshopPostalCode: '1619735744',
      mobile: '09121234567',
    });
  });
});
