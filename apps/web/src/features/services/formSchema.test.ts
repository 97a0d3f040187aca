import { describe, expect, it } from 'vitest';
import {
  displayAnswer,
  formModelFromSchema,
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

describe('displayAnswer', () => {
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

  it('shows numbers and codes (kept with ASCII digits) back with the reader’s digits', () => {
    const sent = { copies: 3, postalCode: '1619735744', reason: 'سه نسخه ۲ رنگ' };
    expect(displayAnswer(field('copies'), sent.copies, persian)).toEqual({ text: '۳' });
    expect(displayAnswer(field('postalCode'), sent.postalCode, persian)).toEqual({ text: '۱۶۱۹۷۳۵۷۴۴', code: true });
    // Free text is shown as it was typed.
    expect(displayAnswer(field('reason'), sent.reason, persian)).toEqual({ text: 'سه نسخه ۲ رنگ' });
    // In English, the digits stay Latin.
    expect(displayAnswer(field('copies'), 3)).toEqual({ text: '3' });
  });

  it('knows which fields are identifiers, so their answers are shown as codes', () => {
    const [postal, mobile] = ids;
    expect(postal).toMatchObject({ identifier: 'ir-postal-code', kind: 'text' });
    expect(mobile).toMatchObject({ identifier: 'ir-mobile', kind: 'tel' });
    expect(displayAnswer(postal, '1619735744', persian)).toEqual({ text: '۱۶۱۹۷۳۵۷۴۴', code: true });
  });

});
