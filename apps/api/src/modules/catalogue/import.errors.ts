import { defineErrors, type FieldTable } from '../../platform/http/errors';

/** Refusals of the card import, with Persian and English text. */
export const importErrors = defineErrors({
  IMPORT_INVALID: {
    status: 422,
    fa: 'پرونده ورود شناسنامه‌ها ایراد دارد و هیچ شناسنامه‌ای ثبت نشد؛ همه ایرادها با ردیف و ستون فهرست شده است.',
    en: 'The import file has problems and no card was created; every problem is listed with its row and column.',
  },
  IMPORT_FILE_TOO_LARGE: {
    status: 413,
    fa: 'حجم پرونده بیش از ۵ مگابایت است.',
    en: 'The file is larger than 5 MB.',
  },
  IMPORT_FILE_EXPANDS_TOO_MUCH: {
    status: 413,
    fa: 'محتوای فشرده این پرونده اکسل پس از گشودن بیش از ۱۰۰ مگابایت می‌شود؛ پرونده‌ای کوچک‌تر بفرستید.',
    en: 'This Excel file unpacks to more than 100 MB; send a smaller file.',
  },
  IMPORT_TOO_MANY_COLUMNS: {
    status: 413,
    fa: 'پرونده ستون‌های بسیار بیشتری از الگوی شناسنامه‌ها دارد؛ از الگوی دریافتی استفاده کنید.',
    en: 'The file has far more columns than the card template; use the template.',
  },
  IMPORT_TOO_MANY_ROWS: {
    status: 413,
    fa: 'پرونده بیش از ۲۰۰۰ ردیف شناسنامه دارد؛ آن را در چند پرونده وارد کنید.',
    en: 'The file has more than 2,000 card rows; split it into several files.',
  },
  IMPORT_FILE_EMPTY: {
    status: 400,
    fa: 'پرونده خالی است یا جز سطر عنوان ردیفی ندارد.',
    en: 'The file is empty or has no rows besides the header.',
  },
  IMPORT_FILE_UNREADABLE: {
    status: 400,
    fa: 'پرونده خوانده نشد؛ یک پرونده CSV یا XLSX (اکسل) سالم بارگذاری کنید.',
    en: 'The file could not be read; upload a valid CSV or XLSX (Excel) file.',
  },
  IMPORT_ENCODING_INVALID: {
    status: 400,
    fa: 'پرونده CSV باید با نویسه‌گذاری UTF-8 ذخیره شده باشد.',
    en: 'The CSV file must be saved in UTF-8.',
  },
  IMPORT_CSV_MALFORMED: {
    status: 400,
    fa: 'ساختار پرونده CSV درست نیست (گیومه‌ها بسته نشده یا نابه‌جاست).',
    en: 'The CSV file is malformed (an unclosed or misplaced quote).',
  },
  IMPORT_UNSUPPORTED_TYPE: {
    status: 415,
    fa: 'فقط پرونده CSV یا XLSX پذیرفته می‌شود.',
    en: 'Only CSV or XLSX files are accepted.',
  },
  IMPORT_NOT_FOUND: { status: 404, fa: 'ورود شناسنامه‌ها پیدا نشد.', en: 'The card import was not found.' },
});

/** Problem codes of a row or a column, worded for a cell (the card's own codes follow: `importProblems`). */
export const importProblemTexts = {
  COLUMN_UNKNOWN: {
    fa: 'این ستون شناخته نشد؛ عنوان ستون‌ها را از الگو بردارید.',
    en: 'Unknown column; take the column headers from the template.',
  },
  COLUMN_DUPLICATE: { fa: 'این ستون دو بار آمده است.', en: 'This column appears twice.' },
  COLUMN_HEADER_EMPTY: {
    fa: 'ستونی که مقدار دارد عنوان ندارد.',
    en: 'A column with values has no header.',
  },
  COLUMN_MISSING: { fa: 'ستون عنوان خدمت در پرونده نیست.', en: 'The service title column is missing.' },
  ENUM_UNKNOWN: {
    fa: 'این مقدار از گزینه‌های مجاز این ستون نیست.',
    en: 'This value is not one of the column’s allowed options.',
  },
  NUMBER_INVALID: { fa: 'یک عدد صحیح نامنفی وارد کنید.', en: 'Enter a whole number, zero or more.' },
  BOOLEAN_INVALID: { fa: '«بله» یا «خیر» وارد کنید.', en: 'Enter “yes” or “no”.' },
  LAW_REF_INVALID: {
    fa: 'ارجاع قانونی را به شکل «شماره یا عنوان قانون: شماره مواد» بنویسید.',
    en: 'Write a legal reference as “law number or title: article numbers”.',
  },
  LAW_NOT_REGISTERED: {
    fa: 'قانونی با این شماره یا عنوان در سامانه قوانین ثبت نشده است.',
    en: 'No law with this number or title is in the laws register.',
  },
  LAW_REF_AMBIGUOUS: {
    fa: 'چند قانون با این شماره یا عنوان ثبت شده است؛ عنوان کامل قانون را بنویسید.',
    en: 'Several laws have this number or title; write the law’s full title.',
  },
  AGENCY_REF_NOT_FOUND: {
    fa: 'دستگاهی با این شناسه ملی یا نام پیدا نشد.',
    en: 'No agency has this national id or name.',
  },
  ITEM_INVALID: {
    fa: 'قالب این مورد درست نیست؛ بخش‌ها را با «|» جدا کنید (راهنمای ستون را ببینید).',
    en: 'This item is not in the right form; separate its parts with “|” (see the column guide).',
  },
  TITLE_DUPLICATE_IN_FILE: {
    fa: 'خدمتی با همین عنوان در ردیف دیگری از پرونده آمده است.',
    en: 'Another row of the file has a service with the same title.',
  },
  TITLE_EXISTS: {
    fa: 'دستگاه پیش‌تر شناسنامه‌ای با همین عنوان دارد.',
    en: 'The agency already has a card with this title.',
  },
  LAYER_NOT_FOUND: {
    fa: 'لایه‌ای با این کد در معماری خدمات ثبت نشده است.',
    en: 'No service layer has this code in the service architecture.',
  },
  TEXT_NOT_ALLOWED: {
    fa: 'این خانه نویسه‌ای نامرئی یا ناقص دارد (نویسه تهی، نویسه کنترلی یا نویسه ناقص)؛ متن آن را دوباره تایپ کنید.',
    en: 'This cell contains an invisible or broken character (NUL, a control character or a broken character); type its text again.',
  },
  CATEGORY_NOT_FOUND: {
    fa: 'دسته‌ای با این کد در معماری خدمات ثبت نشده است.',
    en: 'No category with this code is in the service architecture.',
  },
} as const satisfies FieldTable;
