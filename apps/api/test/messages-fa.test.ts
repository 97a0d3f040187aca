import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modules } from '../src/modules';
import { checkForm } from '../src/platform/forms';
import { fieldMessage, toFieldProblems } from '../src/platform/http/validation';
import { catalogueOf } from '../src/platform/module';
import { importProblems } from '../src/modules/catalogue/catalogue.errors';
import { buildTestApp, type TestApp } from './app';

/**
 * Persian messages use Persian digits («دست‌کم ۱۰ نویسه», never «دست‌کم 10 نویسه»). Latin digits
 * may appear only inside a Latin name (UTF-8), so they are checked after Latin words are taken out.
 */
const latinDigitsOutsideNames = (text: string) => text.replace(/[A-Za-z][A-Za-z0-9.-]*/g, '').match(/[0-9]+/g) ?? [];

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** The app's codes: the platform's and every module's, as the app joins them. */
const catalogue = catalogueOf(modules);

describe('Persian messages the API can produce', () => {
  it('registers every module (so the catalogue below is complete)', () => {
    expect(modules.map((m) => m.name).sort()).toEqual([
      'audit',
      'calendar',
      'catalogue',
      'channels',
      'delivery-reports',
      'documents',
      'feedback',
      'identity',
      'laws',
      'licences',
      'notifications',
      'offices',
      'operations',
      'organisation',
      'payments',
      'requests',
      'scorecard',
      'service-architecture',
      'services',
    ]);
    const codes = catalogue.errorEntries().map(([code]) => code);
    // One code of each module's catalogue, and the one whose Persian names UTF-8.
    for (const code of [
      'INTERNAL',
      'REQUEST_NOT_FOUND',
      'SERVICE_NOT_FOUND',
      'PASSWORD_TOO_SHORT',
      'AGENCY_NOT_FOUND',
      'LAW_NOT_FOUND',
      'LICENCE_NOT_FOUND',
      'MARK_NOT_FOUND',
      'CATALOGUE_SERVICE_NOT_APPROVED',
      'IMPORT_ENCODING_INVALID',
      'CARD_NOT_FOUND',
      'FEEDBACK_ALREADY_GIVEN',
      'CONSENT_USED',
      'PAYMENT_NOT_USABLE',
    ]) {
      expect(codes).toContain(code);
    }
    expect(codes.length).toBeGreaterThan(60);
  });

  it('the error catalogue (platform and every module): no Latin digits in Persian', () => {
    const offending = catalogue.errorEntries().filter(([, spec]) => latinDigitsOutsideNames(spec.fa).length > 0);
    expect(offending.map(([code, spec]) => `${code}: ${spec.fa}`)).toEqual([]);
  });

  it('the field-problem messages (platform and every module, and the import report): none', () => {
    const texts = [
      ...catalogue.fieldEntries().map(([code, text]) => [code, text.fa] as const),
      ...Object.entries(importProblems.table).map(([code, text]) => [code, text.fa] as const),
    ];
    expect(texts.length).toBeGreaterThan(40);
    const offending = texts.filter(([, fa]) => latinDigitsOutsideNames(fa).length > 0);
    expect(offending.map(([code, fa]) => `${code}: ${fa}`)).toEqual([]);
  });

  it('size problems built from zod issues name the bound in the reader’s digits', () => {
    const issues = [
      { instancePath: '/name', keyword: 'too_small', params: { origin: 'string', minimum: 10, inclusive: true } },
      { instancePath: '/name', keyword: 'too_big', params: { origin: 'string', maximum: 200, inclusive: true } },
      { instancePath: '/count', keyword: 'too_small', params: { origin: 'number', minimum: 0, inclusive: false } },
      { instancePath: '/count', keyword: 'too_big', params: { origin: 'int', maximum: 120, inclusive: true } },
      { instancePath: '/items', keyword: 'too_small', params: { origin: 'array', minimum: 1, inclusive: true } },
      { instancePath: '/x', keyword: 'too_big', params: { origin: 'date', maximum: 1 } },
    ];
    expect(toFieldProblems(issues, 'body', 'fa').map((p) => p.message)).toEqual([
      'دست‌کم ۱۰ نویسه بنویسید.',
      'حداکثر ۲۰۰ نویسه مجاز است.',
      'مقدار باید بیشتر از ۰ باشد.',
      'مقدار باید حداکثر ۱۲۰ باشد.',
      'دست‌کم ۱ مورد لازم است.',
      fieldMessage('too_big', 'fa'),
    ]);
    expect(toFieldProblems(issues.slice(0, 1), 'body', 'en')[0]!.message).toBe('Write at least 10 characters.');
  });

  it('a real request refused by zod says «دست‌کم ۲ نویسه» with Persian digits', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/staff/login',
      payload: { username: 'a', password: '' },
    });
    expect(res.statusCode).toBe(400);
    const messages = (res.json().error.details.fields as Array<{ message: string }>).map((f) => f.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(latinDigitsOutsideNames(m)).toEqual([]);
  });

  it('service-form problems built from a JSON Schema: none', () => {
    const schema = {
      type: 'object',
      required: ['must'],
      properties: {
        must: { type: 'string' },
        short: { type: 'string', minLength: 10 },
        long: { type: 'string', maxLength: 3 },
        low: { type: 'integer', minimum: 5 },
        high: { type: 'number', exclusiveMaximum: 100 },
        code: { type: 'string', pattern: '^[0-9]{4}$' },
        postal: { type: 'string', format: 'ir-postal-code' },
        choice: { type: 'string', enum: ['الف'] },
        agree: { type: 'boolean', const: true },
      },
      additionalProperties: false,
    };
    const r = checkForm(
      schema,
      {
        short: 'کوتاه',
        long: 'بلندتر',
        low: 1,
        high: 100,
        code: 'x',
        postal: '123',
        choice: 'ب',
        agree: false,
        extra: 1,
      },
      'fa',
    );
    const fields = r.ok ? [] : r.fields;
    expect(fields.length).toBeGreaterThanOrEqual(9);
    expect(fields.filter((f) => latinDigitsOutsideNames(f.message).length > 0)).toEqual([]);
    expect(fields.find((f) => f.field === 'body.form.short')!.message).toBe('دست‌کم ۱۰ نویسه وارد کنید.');
  });
});
