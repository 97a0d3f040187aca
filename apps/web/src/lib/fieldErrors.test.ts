import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { fieldErrorsOf, firstInvalidField } from './fieldErrors';

const validation = (fields: unknown) =>
  new ApiError(400, 'VALIDATION_FAILED', 'برخی از مقادیر ارسال‌شده معتبر نیست.', { fields }, 'req-1');

describe('fieldErrorsOf', () => {
  it('keys the problems by the form field under the prefix, first message per field', () => {
    const error = validation([
      { field: 'body.nationalCode', code: 'NATIONAL_CODE_INVALID', message: 'کد ملی معتبر نیست.' },
      { field: 'body.mobile', code: 'MOBILE_INVALID', message: 'شماره تلفن همراه معتبر نیست.' },
      { field: 'body.mobile', code: 'too_small', message: 'دوم' },
    ]);
    expect(fieldErrorsOf(error)).toEqual({
      fields: { nationalCode: 'کد ملی معتبر نیست.', mobile: 'شماره تلفن همراه معتبر نیست.' },
      other: [],
    });
  });

  it('maps a service form (body.form.*) and keeps what belongs to no field', () => {
    const error = validation([
      { field: 'body.form.reason', code: 'REQUIRED', message: 'این فیلد الزامی است.' },
      { field: 'body.form.address.line1', code: 'too_big', message: 'بلند' },
      { field: 'body.form', code: 'unrecognized_keys', message: 'فیلدهای ناشناخته ارسال شده است.' },
      { field: 'body.serviceId', code: 'invalid_format', message: 'قالب مقدار درست نیست.' },
      { field: 'x', message: 'no code is fine' },
      { nonsense: true },
    ]);
    expect(fieldErrorsOf(error, 'body.form')).toEqual({
      fields: { reason: 'این فیلد الزامی است.', address: 'بلند' },
      other: ['فیلدهای ناشناخته ارسال شده است.', 'قالب مقدار درست نیست.', 'no code is fine'],
    });
  });

  it('shows text the server refuses (TEXT_NOT_ALLOWED) at its field too', () => {
    const error = new ApiError(400, 'TEXT_NOT_ALLOWED', 'متن ارسال‌شده نویسه‌ای دارد که پذیرفته نیست.', {
      fields: [{ field: 'body.form.note', code: 'NUL_CHARACTER', message: 'این متن نویسه تهی (NUL) دارد.' }],
    });
    expect(fieldErrorsOf(error, 'body.form')).toEqual({ fields: { note: 'این متن نویسه تهی (NUL) دارد.' }, other: [] });
  });

  it('is null for other errors and for a validation error without field details', () => {
    expect(fieldErrorsOf(new ApiError(409, 'CONFLICT', 'm'))).toBeNull();
    expect(fieldErrorsOf(new Error('x'))).toBeNull();
    expect(fieldErrorsOf(new ApiError(400, 'VALIDATION_FAILED', 'm', {}))).toBeNull();
    expect(fieldErrorsOf(new ApiError(400, 'VALIDATION_FAILED', 'm', { fields: 'no' }))).toBeNull();
  });
});

describe('firstInvalidField', () => {
  it('follows the form order, not the order of the messages', () => {
    expect(firstInvalidField(['name', 'postalCode', 'address'], { address: 'a', postalCode: 'p' })).toBe('postalCode');
    expect(firstInvalidField(['name'], {})).toBeUndefined();
  });
});
