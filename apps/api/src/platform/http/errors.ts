/**
 * Domain errors carry a stable code; tables of codes as data map each code to an HTTP status and a
 * Persian and an English message. The platform's generic codes are below; each module declares its
 * own table (`defineErrors`) and lists it in its `AppModule.errors`; the app joins them into one
 * `ErrorCatalogue` when it is built (platform/module.ts), refusing a code declared twice.
 * Throw below the routes with the module's error class (`errorClassOf`), so an undeclared code does
 * not compile: `throw new CatalogueError('CARD_NOT_FOUND', { id })`.
 */
export interface ErrorSpec {
  status: number;
  fa: string;
  en: string;
}

/** Codes as data: each code's HTTP status and its Persian and English text. */
export type ErrorTable = Readonly<Record<string, ErrorSpec>>;

/** A module's error table, its codes kept as literal types (for `errorClassOf`). */
export const defineErrors = <const T extends ErrorTable>(table: T): T => table;

/** The platform's generic codes: no domain rules, used by every module. */
export const platformErrors = {
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
  OVERLOADED: { status: 503, fa: 'سامانه در این لحظه بیش از توانش درخواست دارد؛ چیزی ذخیره نشد. چند ثانیه بعد دوباره تلاش کنید.', en: 'The system is overloaded right now; nothing was saved. Please try again in a few seconds.' },
  SHUTTING_DOWN: { status: 503, fa: 'سامانه در حال راه‌اندازی دوباره است؛ کمی بعد دوباره تلاش کنید.', en: 'The system is restarting; please try again shortly.' },
  FEATURE_DISABLED: { status: 404, fa: 'این امکان در این استقرار فعال نیست.', en: 'This feature is not enabled in this deployment.' },
  BLOB_TOO_LARGE: { status: 413, fa: 'حجم پرونده از حد مجاز بیشتر است.', en: 'The file is larger than allowed.' },
  BLOB_TYPE_NOT_ALLOWED: { status: 415, fa: 'نوع این پرونده مجاز نیست.', en: 'This type of file is not allowed.' },
  BLOB_NOT_FOUND: { status: 404, fa: 'پرونده پیدا نشد.', en: 'The file was not found.' },
  BLOB_EMPTY: { status: 400, fa: 'پرونده خالی است.', en: 'The file is empty.' },
  JOB_NOT_FOUND: { status: 404, fa: 'کار پس‌زمینه پیدا نشد.', en: 'The background job was not found.' },
  INTERNAL: { status: 500, fa: 'خطای پیش‌بینی‌نشده‌ای رخ داد. شناسه درخواست را به پشتیبانی اعلام کنید.', en: 'An unexpected error occurred. Please report the request id to support.' },
  // A form of a server-rendered page posted from elsewhere, or without its token (ADR 0018)
  FORM_REFUSED: { status: 403, fa: 'این فرم از صفحه‌ای از همین سامانه فرستاده نشده یا کهنه شده است؛ صفحه را دوباره باز کنید و فرم را از نو بفرستید.', en: 'This form was not sent from a page of this site, or it is out of date; open the page again and send the form anew.' },
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
  // Letter numbers and the شمس id (platform/numbering, ADR 0041)
  NUMBERING_KEY_INVALID: { status: 400, fa: 'دامنه، سال یا حوزه شماره‌گذاری معتبر نیست.', en: 'The numbering scope, domain or year is not valid.' },
  NUMBER_PATTERN_INVALID: { status: 400, fa: 'الگوی شماره نامه معتبر نیست: باید {seq} را داشته باشد و فقط جای‌نگهدارهای شناخته‌شده ({seq}، {year}، {yy}، {unit}، {domain}) را به کار ببرد.', en: 'The letter number pattern is not valid: it must contain {seq} and use only the known placeholders ({seq}, {year}, {yy}, {unit}, {domain}).' },
  NUMBER_TOO_LONG: { status: 422, fa: 'شماره نامه‌ای که این الگو می‌سازد از ۲۰ نویسه بلندتر است (حد سامانه شمس).', en: 'The letter number this pattern makes is longer than 20 characters (the شمس limit).' },
  SHAMS_ID_INVALID: { status: 400, fa: 'شناسه ملی سند (شمس) معتبر نیست.', en: 'The national document id (شمس) is not valid.' },
  SHAMS_FIELD_INVALID: { status: 422, fa: 'یکی از اقلام منتشرشده شمس (شماره، تاریخ ثبت، شناسه یکتا، کد ملی امضاکنندگان، رایانامه یا شناسه ملی سازمان) معتبر نیست؛ نام آن آمده است.', en: 'One of the published شمس items (number, registration time, GUID, signers\' national codes, e-mail or the organisation\'s national id) is not valid; it is named.' },
  // Documents (platform/pdf, ADR 0021)
  PDF_DATA_INVALID: { status: 400, fa: 'داده‌های این سند کامل یا درست نیست؛ سند ساخته نشد.', en: 'The data for this document is incomplete or invalid; the document was not made.' },
  PDF_IMAGE_INVALID: { status: 400, fa: 'تصویر این سند (نشان سازمان) PNG، JPEG یا SVG سالم نیست.', en: 'The picture for this document (the agency logo) is not a sound PNG, JPEG or SVG.' },
  PDF_TEMPLATE_NOT_FOUND: { status: 500, fa: 'قالبی برای این نوع سند وجود ندارد.', en: 'There is no template for this kind of document.' },
  PDF_TEMPLATE_REFUSED: { status: 500, fa: 'قالب این سند پذیرفته نیست (بیش از حد بلند است یا پرونده‌ای جز پرونده‌های محلی را فرا می‌خواند).', en: 'This document template is not accepted (too long, or it imports something other than a local file).' },
  PDF_TEMPLATE_FAILED: { status: 500, fa: 'قالب این سند خطا دارد و سند ساخته نشد؛ به پشتیبانی اطلاع دهید.', en: 'This document template has an error and the document was not made; please tell support.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof platformErrors;

/**
 * A domain refusal. Platform code throws it with the platform's codes; a module throws its own
 * subclass (`errorClassOf`), which also takes the module's codes.
 */
export class DomainError extends Error {
  readonly code: string;
  constructor(
    code: ErrorCode,
    readonly details: Record<string, unknown> = {},
  ) {
    super(code);
    this.code = code;
    this.name = 'DomainError';
  }

  /** The same refusal (its code already checked where it was thrown) with other details. */
  withDetails(details: Record<string, unknown>): DomainError {
    return Object.assign(new DomainError('INTERNAL', details), { code: this.code, message: this.code });
  }
}

/** The codes a module's error class takes: `ErrorCodeOf<typeof CatalogueError>`. */
export type ErrorCodeOf<C extends abstract new (code: never, ...rest: never[]) => DomainError> = ConstructorParameters<C>[0];

/** The codes of some error tables. */
export type CodeOf<T extends readonly ErrorTable[]> = { [K in keyof T]: keyof T[K] & string }[number];

/**
 * A module's error class: a DomainError that takes the platform's codes and the codes of the given
 * tables only, so a code the module has not declared does not compile. Pass the module's own tables,
 * and another module's table (from its index.ts) only for the codes it lets others throw.
 */
export function errorClassOf<const T extends readonly ErrorTable[]>(..._tables: T) {
  return class ModuleError extends DomainError {
    constructor(code: ErrorCode | CodeOf<T>, details: Record<string, unknown> = {}) {
      super(code as ErrorCode, details);
    }
  };
}

/** Thrown while the app is built when two tables declare the same code. */
export class DuplicateCodeError extends Error {
  constructor(
    readonly code: string,
    readonly owners: [string, string],
  ) {
    super(`code ${code} is declared twice: by ${owners[0]} and by ${owners[1]}`);
    this.name = 'DuplicateCodeError';
  }
}

/** The Persian and English text of a field-level problem's code (no status: it sits in `details.fields`). */
export interface FieldText {
  fa: string;
  en: string;
}

/** Field codes as data. */
export type FieldTable = Readonly<Record<string, FieldText>>;

export interface OwnedTable<V> {
  /** The platform or the module that declares the table, named when a code is declared twice. */
  owner: string;
  table: Readonly<Record<string, V>>;
}

/** Joins tables into one map, refusing a code that two tables declare. */
function joinOnce<V>(tables: ReadonlyArray<OwnedTable<V>>): Map<string, { value: V; owner: string }> {
  const joined = new Map<string, { value: V; owner: string }>();
  for (const { owner, table } of tables) {
    for (const [code, value] of Object.entries(table)) {
      const seen = joined.get(code);
      if (seen) throw new DuplicateCodeError(code, [seen.owner, owner]);
      joined.set(code, { value, owner });
    }
  }
  return joined;
}

/**
 * One app's codes: the error codes and the field codes of the platform and of every module, each
 * declared once (built by `catalogueOf` in platform/module.ts when the app is built).
 */
export class ErrorCatalogue {
  private readonly errors: Map<string, { value: ErrorSpec; owner: string }>;
  private readonly fields: Map<string, { value: FieldText; owner: string }>;

  constructor(tables: { errors: ReadonlyArray<OwnedTable<ErrorSpec>>; fields: ReadonlyArray<OwnedTable<FieldText>> }) {
    this.errors = joinOnce(tables.errors);
    this.fields = joinOnce(tables.fields);
  }

  has(code: string): boolean {
    return this.errors.has(code);
  }

  /** The code's status and texts; an unknown code answers as INTERNAL. */
  spec(code: string): ErrorSpec {
    return this.errors.get(code)?.value ?? platformErrors.INTERNAL;
  }

  /** The text of a field code; an unknown one gets the generic «the value is not valid». */
  fieldMessage(code: string, lang: 'fa' | 'en'): string {
    return (this.fields.get(code) ?? this.fields.get('custom'))?.value[lang] ?? code;
  }

  /** Every error code with its spec and owner (for catalogue-wide tests). */
  errorEntries(): Array<[code: string, spec: ErrorSpec, owner: string]> {
    return [...this.errors].map(([code, { value, owner }]) => [code, value, owner]);
  }

  /** Every field code with its texts and owner. */
  fieldEntries(): Array<[code: string, text: FieldText, owner: string]> {
    return [...this.fields].map(([code, { value, owner }]) => [code, value, owner]);
  }
}

/** A field-level problem; `details.fields` of VALIDATION_FAILED holds a list of these. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
  /** Where in the field's text, for a problem inside a text (an output template's placeholder): the UTF-16 offset, line and column from 1. */
  at?: { offset: number; line: number; column: number };
}
