import { parseDay, toPersianDigits, type JalaliDate } from '@dargah/persian';
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
  // Identifiers with a known shape: say what is expected, not only that it is wrong.
  NATIONAL_CODE_INVALID: {
    fa: 'کد ملی ۱۰ رقم است و رقم آخرش رقم کنترل است؛ رقم‌ها را با کارت ملی مقایسه کنید.',
    en: 'A national code has 10 digits, the last one a check digit; compare the digits with the national card.',
  },
  LEGAL_ID_INVALID: {
    fa: 'شناسه ملی اشخاص حقوقی ۱۱ رقم است و رقم آخرش رقم کنترل است؛ رقم‌ها را با آگهی ثبت شرکت مقایسه کنید.',
    en: 'A legal-entity national id has 11 digits, the last one a check digit; compare the digits with the company’s registration notice.',
  },
  POSTAL_CODE_INVALID: {
    fa: 'کد پستی ۱۰ رقم است و در پنج رقم نخستش ۰ و ۲ نمی‌آید؛ مانند ۱۶۱۹۷۳۵۷۴۴.',
    en: 'A postal code has 10 digits, with no 0 or 2 among the first five; for example 1619735744.',
  },
  SHEBA_INVALID: {
    fa: 'شماره شبا با IR و ۲۴ رقم نوشته می‌شود و رقم‌های کنترلش باید درست باشد؛ آن را از کارت یا برگه حساب بانکی بردارید.',
    en: 'A Sheba (IBAN) number is IR followed by 24 digits, with correct check digits; copy it from the bank card or statement.',
  },
  MOBILE_INVALID: {
    fa: 'شماره تلفن همراه ۱۱ رقم است و با ۰۹ آغاز می‌شود؛ مانند ۰۹۱۲۳۴۵۶۷۸۹.',
    en: 'A mobile number has 11 digits and starts with 09; for example 09123456789.',
  },
  EMAIL_INVALID: {
    fa: 'نشانی ایمیل را در یک خط و بدون فاصله بنویسید؛ مانند name@example.ir.',
    en: 'Write the e-mail address on one line without spaces; for example name@example.ir.',
  },
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

/** Every code of the table (for the test that checks each message's digits). */
export const fieldMessageCodes = (): string[] => Object.keys(fieldMessages);

/** A bound as the reader's digits: Persian in fa. */
const bound = (n: unknown, lang: Lang) => (lang === 'fa' ? toPersianDigits(String(n)) : String(n));

/**
 * zod's size problems with their bound, when the issue carries one: «دست‌کم ۱۰ نویسه…» rather than
 * «too short». Text counts characters, numbers compare values, lists count items.
 */
function sizeMessage(code: 'too_small' | 'too_big', params: Record<string, unknown> | undefined, lang: Lang): string | undefined {
  const limit = code === 'too_small' ? params?.minimum : params?.maximum;
  if (typeof limit !== 'number' && typeof limit !== 'bigint') return undefined;
  if (!Number.isFinite(Number(limit)) || Math.abs(Number(limit)) > Number.MAX_SAFE_INTEGER) return undefined;
  const n = bound(limit, lang);
  const fa = lang === 'fa';
  const exclusive = params?.inclusive === false;
  const small = code === 'too_small';
  switch (params?.origin) {
    case 'string':
      return small ? (fa ? `دست‌کم ${n} نویسه بنویسید.` : `Write at least ${n} characters.`) : fa ? `حداکثر ${n} نویسه مجاز است.` : `At most ${n} characters are allowed.`;
    case 'array':
    case 'set':
      return small ? (fa ? `دست‌کم ${n} مورد لازم است.` : `At least ${n} items are needed.`) : fa ? `حداکثر ${n} مورد مجاز است.` : `At most ${n} items are allowed.`;
    case 'number':
    case 'int':
    case 'bigint':
      if (small) return fa ? `مقدار باید ${exclusive ? 'بیشتر از' : 'دست‌کم'} ${n} باشد.` : `The value must be ${exclusive ? 'more than' : 'at least'} ${n}.`;
      return fa ? `مقدار باید ${exclusive ? 'کمتر از' : 'حداکثر'} ${n} باشد.` : `The value must be ${exclusive ? 'less than' : 'at most'} ${n}.`;
    default:
      return undefined;
  }
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
    const sized = code === 'too_small' || code === 'too_big' ? sizeMessage(code, i.params, lang) : undefined;
    return { field: [context, path].filter(Boolean).join('.'), code, message: sized ?? fieldMessage(code, lang) };
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
