import { parseDay, type JalaliDate } from '@dargah/persian';
import type { Lang } from './i18n';
import { DomainError, type FieldProblem } from './errors';

/**
 * Persian and English text for field-level problems. Zod issue codes and our validators' reason
 * codes (from @dargah/persian) share this one table.
 */
const fieldMessages: Record<string, { fa: string; en: string }> = {
  REQUIRED: { fa: 'این فیلد الزامی است.', en: 'This field is required.' },
  invalid_type: { fa: 'نوع مقدار درست نیست.', en: 'The value has the wrong type.' },
  too_small: { fa: 'مقدار کوتاه‌تر یا کوچک‌تر از حد مجاز است.', en: 'The value is too short or too small.' },
  too_big: { fa: 'مقدار بلندتر یا بزرگ‌تر از حد مجاز است.', en: 'The value is too long or too large.' },
  invalid_format: { fa: 'قالب مقدار درست نیست.', en: 'The value is not in the right format.' },
  invalid_value: { fa: 'این مقدار از گزینه‌های مجاز نیست.', en: 'This value is not one of the allowed options.' },
  unrecognized_keys: { fa: 'فیلدهای ناشناخته ارسال شده است.', en: 'Unknown fields were sent.' },
  NATIONAL_CODE_INVALID: { fa: 'کد ملی معتبر نیست.', en: 'The national code is not valid.' },
  LEGAL_ID_INVALID: { fa: 'شناسه ملی حقوقی معتبر نیست.', en: 'The legal-entity national id is not valid.' },
  POSTAL_CODE_INVALID: { fa: 'کد پستی معتبر نیست.', en: 'The postal code is not valid.' },
  SHEBA_INVALID: { fa: 'شماره شبا معتبر نیست.', en: 'The Sheba (IBAN) number is not valid.' },
  MOBILE_INVALID: { fa: 'شماره تلفن همراه معتبر نیست.', en: 'The mobile number is not valid.' },
  JALALI_DATE_INVALID: { fa: 'تاریخ شمسی معتبر نیست.', en: 'The Jalali date is not valid.' },
  custom: { fa: 'مقدار معتبر نیست.', en: 'The value is not valid.' },
  // Service catalogue (catalogue module)
  NORM_EXCEEDS_DEADLINE: { fa: 'زمان استاندارد (نُرم) ارائه خدمت نباید از مهلت قانونی بیشتر باشد.', en: 'The service norm must not exceed the legal deadline.' },
  EXTENSION_TERM_REQUIRED: { fa: 'وقتی تمدید مهلت مجاز است، مدت تمدید باید تعیین شود.', en: 'When an extension is allowed, its term must be given.' },
  EXTENSION_NOT_ALLOWED: { fa: 'تمدید مهلت مجاز نشده است؛ مدت تمدید نباید تعیین شود.', en: 'Extension is not allowed, so no extension term may be given.' },
  MATURITY_PLAN_REQUIRED: { fa: 'برای خدمتی که هنوز الکترونیکی نشده، تاریخ برنامه‌ریزی‌شده و علت، یا معافیت مصوب لازم است.', en: 'A service not yet electronic needs a planned date and reason, or an approved exemption.' },
  DUPLICATE_ARTICLE: { fa: 'شماره این ماده تکراری است.', en: 'This article number is repeated.' },
  LAW_NOT_REGISTERED: { fa: 'این قانون در سامانه قوانین ثبت نشده است.', en: 'This law is not in the laws register.' },
  LAW_ARTICLE_NOT_FOUND: { fa: 'این ماده در قانون ارجاع‌شده ثبت نشده است.', en: 'The cited law has no such article.' },
  AGENCY_REF_NOT_FOUND: { fa: 'دستگاه انتخاب‌شده پیدا نشد.', en: 'The chosen agency was not found.' },
};

export function fieldMessage(code: string, lang: Lang): string {
  return (fieldMessages[code] ?? fieldMessages.custom!)[lang];
}

interface ValidationIssueLike {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Turns the type provider's validation errors into field problems in the caller's language. */
export function toFieldProblems(issues: ValidationIssueLike[], context: string | undefined, lang: Lang): FieldProblem[] {
  return issues.map((i) => {
    const path = (i.instancePath ?? '').split('/').filter(Boolean).join('.');
    const custom = (i.params?.params as { code?: unknown } | undefined)?.code;
    let code = typeof custom === 'string' ? custom : (i.keyword ?? 'custom');
    if (code === 'invalid_type' && /received undefined/.test(i.message ?? '')) code = 'REQUIRED';
    return { field: [context, path].filter(Boolean).join('.'), code, message: fieldMessage(code, lang) };
  });
}

/** A day typed as a Jalali or an ISO date (`parseDay`), or VALIDATION_FAILED naming the field. */
export function parseDayField(text: string, field: string, lang: Lang): JalaliDate {
  const day = parseDay(text);
  if (day.ok) return day.value;
  throw new DomainError('VALIDATION_FAILED', {
    fields: [{ field, code: 'JALALI_DATE_INVALID', message: fieldMessage('JALALI_DATE_INVALID', lang) }],
  });
}
