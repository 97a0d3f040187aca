import { defineErrors, errorClassOf } from '../../platform/http/errors';
import { defineFieldMessages } from '../../platform/http/validation';

/** Refusals of the holiday calendar, with Persian and English text. */
export const calendarErrors = defineErrors({
  CLOSURE_NOT_FOUND: { status: 404, fa: 'تعطیلی محلی پیدا نشد.', en: 'The local closure was not found.' },
  CLOSURE_DUPLICATE: {
    status: 409,
    fa: 'برای این روز پیش‌تر تعطیلی محلی ثبت شده است.',
    en: 'A local closure is already recorded for this day.',
  },
  CALENDAR_SCOPE_FORBIDDEN: {
    status: 403,
    fa: 'شما اجازه تغییر تعطیلی‌های این دستگاه یا استان را ندارید.',
    en: 'You may not change the closures of this agency or province.',
  },
  HOLIDAY_IMPORT_INVALID: {
    status: 422,
    fa: 'پرونده جدول تعطیلات ایراد دارد و چیزی تغییر نکرد؛ همه ایرادها با ردیف و ستون فهرست شده است.',
    en: 'The holiday file has problems and nothing changed; every problem is listed with its row and column.',
  },
  HOLIDAY_IMPORT_UNREADABLE: {
    status: 400,
    fa: 'پرونده CSV خوانده نشد؛ آن را با نویسه‌گذاری UTF-8 و گیومه‌های درست ذخیره کنید.',
    en: 'The CSV file could not be read; save it as UTF-8 with well-formed quotes.',
  },
  HOLIDAY_IMPORT_TOO_LARGE: {
    status: 413,
    fa: 'پرونده جدول تعطیلات بیش از اندازه بزرگ است (حداکثر ۱۰۰ ردیف، ۱۰ ستون و ۲۵۶ کیلوبایت).',
    en: 'The holiday file is too large (at most 100 rows, 10 columns and 256 KB).',
  },
  HOLIDAY_IMPORT_UNSUPPORTED_TYPE: {
    status: 415,
    fa: 'فقط پرونده CSV (text/csv) پذیرفته می‌شود.',
    en: 'Only a CSV file (text/csv) is accepted.',
  },
});

/** The module's refusals: the platform's codes and its own. */
export const CalendarError = errorClassOf(calendarErrors);

/** Field codes of a holiday or closure (in details.fields) and of an import's cells (in details.problems). */
export const calendarFields = defineFieldMessages({
  HOLIDAY_DATE_OUTSIDE_YEAR: { fa: 'این تاریخ در همین سال نیست.', en: 'This date is not in that year.' },
  HOLIDAY_DATE_DUPLICATE: { fa: 'این روز دو بار آمده است.', en: 'This day appears twice.' },
  HOLIDAY_TITLE_REQUIRED: { fa: 'عنوان فارسی را بنویسید.', en: 'Enter the Persian title.' },
  HOLIDAY_KIND_INVALID: {
    fa: 'نوع باید خورشیدی، قمری یا سایر (solar، lunar، other) باشد.',
    en: 'The kind must be solar, lunar or other (خورشیدی، قمری، سایر).',
  },
  CLOSURE_SCOPE_REQUIRED: {
    fa: 'یکی از دستگاه یا استان را (و فقط یکی را) برگزینید.',
    en: 'Choose either an agency or a province (exactly one).',
  },
  CLOSURE_PROVINCE_UNKNOWN: { fa: 'هیچ دستگاهی در این استان ثبت نشده است.', en: 'No agency is registered in this province.' },
  CLOSURE_AGENCY_UNKNOWN: { fa: 'این دستگاه پیدا نشد.', en: 'This agency was not found.' },
  HOLIDAY_COLUMN_UNKNOWN: {
    fa: 'این ستون شناخته نیست؛ ستون‌ها: تاریخ، عنوان، عنوان انگلیسی، نوع.',
    en: 'Unknown column; the columns are: date, title, title_en, kind.',
  },
  HOLIDAY_COLUMN_DUPLICATE: { fa: 'این ستون دو بار آمده است.', en: 'This column appears twice.' },
  HOLIDAY_COLUMN_MISSING: { fa: 'این ستون در پرونده نیست.', en: 'This column is missing from the file.' },
  HOLIDAY_TEXT_NOT_ALLOWED: {
    fa: 'این خانه نویسه‌ای نامجاز (مانند نویسه تهی NUL) دارد.',
    en: 'This cell holds a character that is not allowed (such as NUL).',
  },
  HOLIDAY_FILE_EMPTY: { fa: 'پرونده جز سطر عنوان ردیفی ندارد.', en: 'The file has no rows besides the header.' },
  HOLIDAY_TITLE_TOO_LONG: { fa: 'عنوان بیش از ۲۰۰ نویسه است.', en: 'The title is longer than 200 characters.' },
});
