/**
 * Domain errors carry a stable code; one table maps each code to an HTTP status and a Persian
 * and an English message. Throw below the routes: `throw new DomainError('NOT_FOUND', { id })`.
 */
export interface ErrorSpec {
  status: number;
  fa: string;
  en: string;
}

export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, fa: 'برخی از مقادیر ارسال‌شده معتبر نیست.', en: 'Some of the submitted values are not valid.' },
  MALFORMED_JSON: { status: 400, fa: 'متن درخواست JSON معتبر نیست.', en: 'The request body is not valid JSON.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, fa: 'نوع محتوای درخواست پشتیبانی نمی‌شود.', en: 'The request content type is not supported.' },
  PAYLOAD_TOO_LARGE: { status: 413, fa: 'حجم درخواست از حد مجاز بیشتر است.', en: 'The request is larger than allowed.' },
  NOT_FOUND: { status: 404, fa: 'مورد درخواستی پیدا نشد.', en: 'The requested item was not found.' },
  ROUTE_NOT_FOUND: { status: 404, fa: 'چنین نشانی‌ای در این سامانه وجود ندارد.', en: 'There is no such address in this system.' },
  METHOD_NOT_ALLOWED: { status: 405, fa: 'این روش برای این نشانی مجاز نیست.', en: 'This method is not allowed for this address.' },
  UNAUTHENTICATED: { status: 401, fa: 'برای این کار باید وارد سامانه شوید.', en: 'You must sign in to do this.' },
  FORBIDDEN: { status: 403, fa: 'شما اجازه این کار را ندارید.', en: 'You are not allowed to do this.' },
  CONFLICT: { status: 409, fa: 'این مورد هم‌زمان تغییر کرده است؛ دوباره بارگذاری کنید.', en: 'This item was changed at the same time; reload and try again.' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, fa: 'این کلید تکرارناپذیری پیش‌تر برای درخواست دیگری به کار رفته است.', en: 'This idempotency key was already used for a different request.' },
  IDEMPOTENCY_KEY_INVALID: { status: 400, fa: 'کلید تکرارناپذیری باید ۸ تا ۲۰۰ نویسه از حروف لاتین، رقم، خط تیره یا زیرخط باشد.', en: 'The idempotency key must be 8 to 200 characters of letters, digits, dashes or underscores.' },
  RATE_LIMITED: { status: 429, fa: 'تعداد درخواست‌ها بیش از حد مجاز است؛ کمی بعد دوباره تلاش کنید.', en: 'Too many requests; please try again shortly.' },
  DATABASE_UNAVAILABLE: { status: 503, fa: 'پایگاه داده در دسترس نیست؛ چیزی ذخیره نشد. کمی بعد دوباره تلاش کنید.', en: 'The database is unavailable; nothing was saved. Please try again shortly.' },
  SHUTTING_DOWN: { status: 503, fa: 'سامانه در حال راه‌اندازی دوباره است؛ کمی بعد دوباره تلاش کنید.', en: 'The system is restarting; please try again shortly.' },
  FEATURE_DISABLED: { status: 404, fa: 'این امکان در این استقرار فعال نیست.', en: 'This feature is not enabled in this deployment.' },
  BLOB_TOO_LARGE: { status: 413, fa: 'حجم پرونده از حد مجاز بیشتر است.', en: 'The file is larger than allowed.' },
  BLOB_TYPE_NOT_ALLOWED: { status: 415, fa: 'نوع این پرونده مجاز نیست.', en: 'This type of file is not allowed.' },
  BLOB_NOT_FOUND: { status: 404, fa: 'پرونده پیدا نشد.', en: 'The file was not found.' },
  BLOB_EMPTY: { status: 400, fa: 'پرونده خالی است.', en: 'The file is empty.' },
  JOB_NOT_FOUND: { status: 404, fa: 'کار پس‌زمینه پیدا نشد.', en: 'The background job was not found.' },
  INTERNAL: { status: 500, fa: 'خطای پیش‌بینی‌نشده‌ای رخ داد. شناسه درخواست را به پشتیبانی اعلام کنید.', en: 'An unexpected error occurred. Please report the request id to support.' },
  // Hostile input at the edge (ADR 0010)
  TEXT_NOT_ALLOWED: { status: 400, fa: 'متن ارسال‌شده نویسه‌ای دارد که پذیرفته نیست (نویسه تهی، نویسه کنترلی یا نویسه ناقص)؛ فیلد آن نام برده شده است.', en: 'The submitted text contains a character that is not accepted (NUL, a control character or a broken character); its field is named.' },
  NESTING_TOO_DEEP: { status: 400, fa: 'داده‌های درخواست بیش از حد تودرتو است.', en: 'The request data is nested too deeply.' },
  VALUE_NOT_STORABLE: { status: 400, fa: 'یکی از مقادیر ارسال‌شده قابل ذخیره نیست (عددی بیش از حد بزرگ یا متنی بیش از حد بلند).', en: 'One of the submitted values cannot be stored (a number too large or a text too long).' },
  URL_TOO_LONG: { status: 414, fa: 'بخشی از نشانی درخواست بیش از حد بلند است.', en: 'A part of the request address is too long.' },
  URL_MALFORMED: { status: 400, fa: 'نشانی درخواست درست رمزگذاری نشده است.', en: 'The request address is not correctly encoded.' },
  MALFORMED_REQUEST: { status: 400, fa: 'درخواست HTTP درست ساخته نشده است.', en: 'The HTTP request is malformed.' },
  HEADERS_TOO_LARGE: { status: 431, fa: 'نشانی یا سرآیندهای درخواست بیش از حد بلند است؛ جست‌وجو یا فیلترها را کوتاه‌تر کنید.', en: 'The request address or headers are too long; shorten the search or filters.' },
  REQUEST_TIMEOUT: { status: 408, fa: 'درخواست در زمان مجاز کامل نرسید؛ دوباره تلاش کنید.', en: 'The request did not arrive in time; please try again.' },
  ARCHIVE_UNREADABLE: { status: 400, fa: 'پرونده فشرده (ZIP) خوانده نشد یا ساختار آن درست نیست.', en: 'The compressed (ZIP) file could not be read or is malformed.' },
  ARCHIVE_EXPANDS_TOO_MUCH: { status: 413, fa: 'محتوای این پرونده فشرده پس از گشودن از حد مجاز بزرگ‌تر می‌شود.', en: 'This compressed file unpacks to more than allowed.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalogue;

/** Registers more codes (each module adds its own table at start-up). */
const extra = new Map<string, ErrorSpec>();
export function registerErrorCodes(table: Record<string, ErrorSpec>): void {
  for (const [code, spec] of Object.entries(table)) {
    if (code in errorCatalogue || (extra.has(code) && extra.get(code) !== spec)) {
      throw new Error(`error code ${code} registered twice`);
    }
    extra.set(code, spec);
  }
}

export function errorSpec(code: string): ErrorSpec {
  return (errorCatalogue as Record<string, ErrorSpec>)[code] ?? extra.get(code) ?? errorCatalogue.INTERNAL;
}

/** Every code with its spec: the platform's and those the modules registered (for catalogue-wide tests). */
export function allErrorSpecs(): Array<[string, ErrorSpec]> {
  return [...Object.entries(errorCatalogue as Record<string, ErrorSpec>), ...extra.entries()];
}

export function isKnownCode(code: string): boolean {
  return code in errorCatalogue || extra.has(code);
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode | (string & {}),
    readonly details: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

/** A field-level problem; `details.fields` of VALIDATION_FAILED holds a list of these. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}
