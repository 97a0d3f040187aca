import { describe, expect, it } from 'vitest';
import { checkForm, normaliseForm } from './form-check';

const SCHEMA = {
  type: 'object',
  required: ['count', 'code'],
  properties: {
    count: { type: 'integer', title: 'تعداد', minimum: 1 },
    amount: { type: 'number', title: 'مبلغ' },
    code: { type: 'string', title: 'کد', pattern: '^[0-9]{4}$' },
    shift: { type: 'string', title: 'نوبت', enum: ['نوبت ۱', 'نوبت 2'] },
    email: { type: 'string', title: 'رایانامه', format: 'email' },
    notes: { type: 'string', title: 'توضیحات' },
    agree: { type: 'boolean', title: 'تأیید', const: true },
  },
  additionalProperties: false,
};

describe('normalising a filled form', () => {
  it('turns Persian and Arabic digits into ASCII in codes, and keeps free text as typed', () => {
    expect(normaliseForm(SCHEMA, { count: 12, amount: 3.5, code: '٠١٢٣', notes: ' کوچه ۱۲  ي ', agree: true })).toEqual({
      count: 12,
      amount: 3.5,
      code: '0123',
      notes: 'کوچه ۱۲ ی',
      agree: true,
    });
  });

  it('never converts types: a number sent as a string ("5", "۵", "3.5") is the wrong type', () => {
    expect(normaliseForm(SCHEMA, { count: '5', amount: '۳٫۵' })).toEqual({ count: '5', amount: '۳٫۵' });
    for (const count of ['5', '۵', ' 5 ', '5.0']) {
      const r = checkForm(SCHEMA, { count, code: '1234' }, 'en');
      expect(r).toEqual({ ok: false, fields: [{ field: 'body.form.count', code: 'invalid_type', message: 'Enter a whole number.' }] });
    }
    const amount = checkForm(SCHEMA, { count: 1, code: '1234', amount: '3.5' }, 'fa');
    expect(amount).toEqual({ ok: false, fields: [{ field: 'body.form.amount', code: 'invalid_type', message: 'یک عدد وارد کنید.' }] });
    const agree = checkForm(SCHEMA, { count: 1, code: '1234', agree: 'true' }, 'en');
    expect(agree.ok).toBe(false);
    expect(checkForm(SCHEMA, { count: 5, code: '1234', amount: 3.5 }, 'en').ok).toBe(true);
  });

  it('drops empty strings, so a blank required field is reported as missing', () => {
    expect(normaliseForm(SCHEMA, { notes: '   ', code: '' })).toEqual({});
    const r = checkForm(SCHEMA, { count: 1, code: ' ' }, 'fa');
    expect(r).toEqual({ ok: false, fields: [{ field: 'body.form.code', code: 'REQUIRED', message: 'این فیلد الزامی است.' }] });
  });

  it('matches an option typed with other digits to the option as listed', () => {
    expect(normaliseForm(SCHEMA, { shift: 'نوبت 1' }).shift).toBe('نوبت ۱');
    expect(normaliseForm(SCHEMA, { shift: 'نوبت ۲' }).shift).toBe('نوبت 2');
    expect(checkForm(SCHEMA, { count: 1, code: '1234', shift: 'نوبت 1' }, 'fa').ok).toBe(true);
  });
});

describe('checking a filled form against its JSON Schema', () => {
  it('accepts a valid form and returns it normalised', () => {
    expect(checkForm(SCHEMA, { count: 2, code: '۱۲۳۴', email: 'a@example.ir', agree: true }, 'fa')).toEqual({
      ok: true,
      form: { count: 2, code: '1234', email: 'a@example.ir', agree: true },
    });
  });

  it('checks formats and constants, in Persian or English', () => {
    const fa = checkForm(SCHEMA, { count: 0, code: '1234', email: 'not-an-email', agree: false }, 'fa');
    expect(fa.ok ? [] : fa.fields).toEqual([
      { field: 'body.form.count', code: 'too_small', message: 'مقدار باید دست‌کم ۱ باشد.' },
      { field: 'body.form.email', code: 'invalid_format', message: 'قالب مقدار درست نیست.' },
      { field: 'body.form.agree', code: 'invalid_value', message: 'برای ادامه، این گزینه را تأیید کنید.' },
    ]);
    const en = checkForm(SCHEMA, { count: 1.5, code: '1234' }, 'en');
    expect(en.ok ? [] : en.fields).toEqual([{ field: 'body.form.count', code: 'invalid_type', message: 'Enter a whole number.' }]);
  });
});

describe('Iranian identifiers asked for by format', () => {
  const IDS = {
    type: 'object',
    properties: {
      postalCode: { type: 'string', title: 'کد پستی', format: 'ir-postal-code' },
      nationalCode: { type: 'string', title: 'کد ملی', format: 'ir-national-code' },
      mobile: { type: 'string', title: 'همراه', format: 'ir-mobile' },
      sheba: { type: 'string', title: 'شبا', format: 'ir-sheba' },
      legalId: { type: 'string', title: 'شناسه ملی', format: 'ir-legal-id' },
    },
    additionalProperties: false,
  };

  it('accepts them typed with Persian digits, spaces and dashes, and keeps the canonical value', () => {
    expect(checkForm(IDS, { postalCode: '۱۶۱۹۷-۳۵۷۴۴', nationalCode: '۰۰۱ ۳۵۴۲ ۴۱۹', mobile: '+98 912 123 4567', sheba: 'ir82 0540 1026 8002 0817 9090 02', legalId: '۱۰۳۸۰۲۸۴۷۹۰' }, 'fa')).toEqual({
      ok: true,
      form: { postalCode: '1619735744', nationalCode: '0013542419', mobile: '09121234567', sheba: 'IR820540102680020817909002', legalId: '10380284790' },
    });
  });

  it('says what shape each expects, in Persian digits in Persian', () => {
    const r = checkForm(IDS, { postalCode: '1234567890', nationalCode: '0013542418', mobile: '0812123456', sheba: 'IR820540102680020817909003', legalId: '10380284791' }, 'fa');
    const fields = r.ok ? [] : r.fields;
    expect(fields.map((f) => f.code)).toEqual(['POSTAL_CODE_INVALID', 'NATIONAL_CODE_INVALID', 'MOBILE_INVALID', 'SHEBA_INVALID', 'LEGAL_ID_INVALID']);
    expect(fields[0]!.message).toBe('کد پستی ۱۰ رقم است و در پنج رقم نخستش ۰ و ۲ نمی‌آید؛ مانند ۱۶۱۹۷۳۵۷۴۴.');
    for (const f of fields) expect(f.message).not.toMatch(/[0-9]/);
    const en = checkForm(IDS, { postalCode: '۱۲۳' }, 'en');
    expect(en.ok ? [] : en.fields).toEqual([{ field: 'body.form.postalCode', code: 'POSTAL_CODE_INVALID', message: 'A postal code has 10 digits, with no 0 or 2 among the first five; for example 1619735744.' }]);
  });
});
