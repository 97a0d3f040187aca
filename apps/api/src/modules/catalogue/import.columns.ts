// Over 450 lines: a data table, one entry per spreadsheet column (header in fa and en, key, parser,
// where it lands on the card), not logic; splitting it would scatter one template across files.
import {
  ASSURANCE_LEVELS,
  CARD_RECIPIENTS,
  CHANNEL_KINDS,
  INQUIRY_MODES,
  LIFE_EVENTS,
  MATURITY_LEVELS,
  PERSON_TYPES,
  SERVICE_LEVELS,
  SERVICE_NATURES,
  START_MODES,
} from '@dargah/contracts';
import { normalizeForSearch, toAsciiDigits } from '@dargah/persian';

/*
 * The columns of a card import file and how each cell becomes part of a service card's content.
 * Headers may be the Persian header, the English one or the machine key, in any order. Multi-value
 * cells separate values with «؛», «;» or a line break; the parts of one item (a document, a fee, …)
 * are separated with «|». Enumerations accept the code or the Persian (or English) label; digits
 * may be Persian or Arabic.
 */

type Labels = Record<string, readonly string[]>;

/** Persian (first: the one the template shows) and English labels of each code. */
export const LABELS = {
  recipients: {
    G2C: ['شهروندان', 'دولت به شهروند', 'citizens'],
    G2B: ['کسب‌وکارها', 'دولت به کسب‌وکار', 'کسب و کار', 'businesses'],
    G2G: ['دستگاه‌های دولتی', 'دولت به دولت', 'government'],
  },
  nature: {
    sovereign: ['حاکمیتی'],
    supportive: ['حمایتی'],
    enterprise: ['تصدی‌گری', 'تصدی گری'],
  },
  level: {
    national: ['ملی'],
    provincial: ['استانی'],
    county: ['شهرستانی'],
    village: ['روستایی'],
  },
  lifeEvents: {
    birth: ['تولد'],
    education: ['تحصیل', 'آموزش'],
    health: ['سلامت'],
    military_service: ['خدمت سربازی', 'نظام وظیفه', 'military service'],
    employment: ['اشتغال'],
    marriage: ['ازدواج'],
    housing: ['مسکن'],
    business: ['کسب‌وکار'],
    tax: ['مالیات'],
    social_security: ['تأمین اجتماعی', 'social security'],
    insurance: ['بیمه'],
    vehicle: ['وسیله نقلیه', 'خودرو'],
    travel: ['سفر'],
    retirement: ['بازنشستگی'],
    death: ['فوت'],
    other: ['سایر'],
  },
  startMode: {
    on_request: ['به درخواست متقاضی', 'به درخواست', 'on request'],
    scheduled: ['زمان مشخص', 'scheduled'],
    event: ['وقوع رویداد', 'رویداد'],
    agency_initiative: ['تشخیص دستگاه', 'agency initiative'],
  },
  channels: {
    web: ['اینترنتی', 'وب', 'درگاه اینترنتی'],
    mobile_app: ['تلفن همراه', 'اپلیکیشن', 'mobile app', 'mobile'],
    sms: ['پیامک'],
    counter: ['پیشخوان'],
    post: ['پست'],
    in_person: ['میز خدمت حضوری', 'حضوری', 'in person'],
    call_centre: ['مرکز تماس', 'call centre', 'call center'],
  },
  maturity: {
    non_electronic: ['غیرالکترونیکی', 'غیر الکترونیکی', 'non electronic'],
    informational: ['اطلاع‌رسانی', 'اطلاع رسانی'],
    interactive: ['تعاملی'],
    transactional: ['تراکنشی'],
    integrated: ['یکپارچه'],
    smart: ['هوشمند'],
  },
  personTypes: { real: ['حقیقی', 'شخص حقیقی'], legal: ['حقوقی', 'شخص حقوقی'] },
  assuranceLevel: { low: ['پایین', 'کم'], substantial: ['متوسط', 'قابل توجه'], high: ['بالا', 'زیاد'] },
  inquiryMode: { instant: ['آنی', 'برخط', 'online'], process: ['فرایندی', 'فرآیندی'] },
} satisfies Record<string, Labels>;

const key = (s: string) => normalizeForSearch(s).replace(/[\s_-]+/g, '');

function lookup(codes: readonly string[], labels: Labels): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of codes) {
    m.set(key(c), c);
    for (const l of labels[c] ?? []) m.set(key(l), c);
  }
  return m;
}

const YES = ['بله', 'آری', 'دارد', 'مجاز', 'yes', 'y', 'true', '1'].map(key);
const NO = ['خیر', 'نه', 'ندارد', 'مجاز نیست', 'no', 'n', 'false', '0'].map(key);
const MANDATORY = ['اجباری', 'الزامی', 'mandatory', 'required', ...YES].map(key);
const OPTIONAL = ['اختیاری', 'غیرالزامی', 'optional', ...NO].map(key);
/** A list cell answered "none" (an empty list: no documents, no fees, …). */
const NONE = ['ندارد', 'هیچ', 'رایگان', '-', '—', 'none', 'free'].map(key);

/** Splits a multi-value cell. */
export const splitValues = (cell: string): string[] =>
  cell
    .split(/[؛;\r\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
const splitParts = (item: string): string[] => item.split('|').map((s) => s.trim());
const isNone = (cell: string) => NONE.includes(key(cell));

// What a cell reader may look up --------------------------------------------------------------
export type LawLookup = { id: string } | { code: 'LAW_NOT_REGISTERED' | 'LAW_REF_AMBIGUOUS' };
export interface Resolver {
  /** A law by its number or title. */
  law(text: string): LawLookup;
  /** An agency by its national (legal) id or its name. */
  agency(text: string): string | undefined;
  /** A service category by `domain/category` code (or the category code alone when it is unambiguous). */
  category(text: string): string | undefined;
  /** A service layer by its code. */
  layer(text: string): string | undefined;
}

/** A problem found while reading a cell: at a card field, with an item number for list cells. */
export interface CellProblem {
  field: string;
  code: string;
  /** 0-based item of a multi-value cell. */
  item?: number;
}

/** One law-article reference written into the content; its article is matched to the law's own numbering later. */
export interface LawRefSlot {
  ref: { lawId: string; article: string };
}

/** The content of one row as it is built, with the problems of its cells. */
export class RowBuilder {
  readonly content: Record<string, unknown> = {};
  readonly problems: Array<CellProblem & { column: ColumnDef }> = [];
  readonly lawRefs: LawRefSlot[] = [];
  /** For list fields: the item of the cell each list entry came from (entries of unreadable items are left out). */
  readonly items = new Map<string, number[]>();
  column!: ColumnDef;
  constructor(readonly resolver: Resolver) {}

  set(path: string, value: unknown): void {
    const parts = path.split('.');
    let o = this.content;
    for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
    o[parts.at(-1)!] = value;
  }
  problem(code: string, field: string = this.column.fields[0]!, item?: number): void {
    this.problems.push({ column: this.column, field, code, ...(item === undefined ? {} : { item }) });
  }
}

// Cell readers ----------------------------------------------------------------------------------
type Reader = (cell: string, b: RowBuilder) => void;

const textAt =
  (path: string): Reader =>
  (cell, b) =>
    b.set(path, cell);

function enumAt(path: string, codes: readonly string[], labels: Labels): Reader {
  const m = lookup(codes, labels);
  return (cell, b) => {
    const code = m.get(key(cell));
    if (code) b.set(path, code);
    else b.problem('ENUM_UNKNOWN', path);
  };
}

function enumListAt(path: string, codes: readonly string[], labels: Labels): Reader {
  const m = lookup(codes, labels);
  return (cell, b) => {
    const out: string[] = [];
    splitValues(cell).forEach((v, i) => {
      const code = m.get(key(v));
      if (!code) b.problem('ENUM_UNKNOWN', path, i);
      else if (!out.includes(code)) out.push(code);
    });
    b.set(path, out);
  };
}

/** A whole number ≥ 0 (Persian digits and thousands separators accepted), or undefined with a problem. */
function wholeNumber(text: string): number | undefined {
  const s = toAsciiDigits(text).replace(/[,٬'\s]/g, '');
  if (!/^\d{1,16}$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

const intAt =
  (path: string): Reader =>
  (cell, b) => {
    const n = wholeNumber(cell);
    if (n === undefined) b.problem('NUMBER_INVALID', path);
    else b.set(path, n);
  };

const boolAt =
  (path: string): Reader =>
  (cell, b) => {
    const k = key(cell);
    if (YES.includes(k)) b.set(path, true);
    else if (NO.includes(k)) b.set(path, false);
    else b.problem('BOOLEAN_INVALID', path);
  };

/** A Jalali date: digits made ASCII; the card schema checks the date itself. */
const dateAt =
  (path: string): Reader =>
  (cell, b) =>
    b.set(path, toAsciiDigits(cell).trim());

/** `law number or title : article, article` → one reference per article (undefined when malformed or unknown). */
function lawRefs(
  text: string,
  b: RowBuilder,
  field: string,
  item: number,
): Array<{ lawId: string; article: string }> | undefined {
  const at = text.lastIndexOf(':');
  const lawText = at > 0 ? text.slice(0, at).trim() : '';
  const articles = (at > 0 ? text.slice(at + 1) : '')
    .split(/[,،]/)
    .map((a) => a.replace(/^\s*(مواد|ماده|articles?)\s*/i, '').trim())
    .filter((a) => a !== '');
  if (!lawText || articles.length === 0) {
    b.problem('LAW_REF_INVALID', field, item);
    return undefined;
  }
  const law = b.resolver.law(lawText);
  if ('code' in law) {
    b.problem(law.code, field, item);
    return undefined;
  }
  return articles.map((article) => {
    const ref = { lawId: law.id, article };
    b.lawRefs.push({ ref });
    return ref;
  });
}

const legalBasis: Reader = (cell, b) => {
  const from: number[] = [];
  const refs = splitValues(cell).flatMap((v, i) => {
    const r = lawRefs(v, b, 'legalBasis', i) ?? [];
    from.push(...r.map(() => i));
    return r;
  });
  b.items.set('legalBasis', from);
  b.set('legalBasis', refs);
};

function agencyOf(text: string, b: RowBuilder, field: string, item?: number): string | undefined {
  const id = b.resolver.agency(text);
  if (!id) b.problem('AGENCY_REF_NOT_FOUND', field, item);
  return id;
}

/** A list of `|`-separated items, or [] when the cell says "none". */
function itemsAt<T>(path: string, read: (parts: string[], b: RowBuilder, i: number) => T | undefined): Reader {
  return (cell, b) => {
    if (isNone(cell)) return b.set(path, []);
    const out: T[] = [];
    const from: number[] = [];
    splitValues(cell).forEach((v, i) => {
      const x = read(splitParts(v), b, i);
      if (x !== undefined) {
        out.push(x);
        from.push(i);
      }
    });
    b.items.set(path, from);
    b.set(path, out);
  };
}
const opt = (s: string | undefined) => (s === undefined || s === '' ? undefined : s);
const defined = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const subServices = itemsAt('subServices', ([title, description, ...rest], b, i) => {
  if (!title || rest.length > 0) return b.problem('ITEM_INVALID', 'subServices', i);
  return defined({ title, description: opt(description) });
});

/** `title | اجباری or اختیاری | providing agency (national id or name) | evidence type` */
const documents = itemsAt('documents', ([title, mandatory, provider, evidenceType, ...rest], b, i) => {
  if (!title || rest.length > 0) return b.problem('ITEM_INVALID', 'documents', i);
  let m: boolean | undefined;
  if (mandatory) {
    const k = key(mandatory);
    if (MANDATORY.includes(k)) m = true;
    else if (OPTIONAL.includes(k)) m = false;
    else return b.problem('BOOLEAN_INVALID', `documents.${i}.mandatory`, i);
  }
  const providerAgencyId = opt(provider) && agencyOf(provider!, b, `documents.${i}.providerAgencyId`, i);
  if (opt(provider) && !providerAgencyId) return undefined;
  return defined({
    title,
    mandatory: m,
    byInquiry: providerAgencyId ? true : undefined,
    providerAgencyId: providerAgencyId || undefined,
    evidenceType: opt(evidenceType),
  });
});

const inquiryModes = lookup(INQUIRY_MODES, LABELS.inquiryMode);
/** `agency (national id or name) | data asked | آنی or فرایندی` */
const inquiries = itemsAt('inquiries', ([agency, data, mode, ...rest], b, i) => {
  if (!agency || rest.length > 0) return b.problem('ITEM_INVALID', 'inquiries', i);
  const agencyId = agencyOf(agency, b, `inquiries.${i}.agencyId`, i);
  const m = opt(mode) && inquiryModes.get(key(mode!));
  if (opt(mode) && !m) b.problem('ENUM_UNKNOWN', `inquiries.${i}.mode`, i);
  if (!agencyId || (opt(mode) && !m)) return undefined;
  return defined({ agencyId, data: opt(data), mode: m || undefined });
});

/** `title | amount in rials | law: articles | Sheba` */
const fees = itemsAt('fees', ([title, amount, basis, sheba, ...rest], b, i) => {
  if (!title || rest.length > 0) return b.problem('ITEM_INVALID', 'fees', i);
  let amountRials: number | undefined;
  if (opt(amount)) {
    amountRials = wholeNumber(amount!);
    if (amountRials === undefined) return b.problem('NUMBER_INVALID', `fees.${i}.amountRials`, i);
  }
  let refs: Array<{ lawId: string; article: string }> | undefined;
  if (opt(basis)) {
    refs = lawRefs(basis!, b, `fees.${i}.legalBasis`, i);
    if (!refs) return undefined;
  }
  return defined({ title, amountRials, legalBasis: refs, sheba: opt(sheba && toAsciiDigits(sheba)) });
});

const collaborating: Reader = (cell, b) => {
  const ids: string[] = [];
  splitValues(cell).forEach((v, i) => {
    const id = agencyOf(v, b, 'collaboratingAgencyIds', i);
    if (id && !ids.includes(id)) ids.push(id);
  });
  b.set('collaboratingAgencyIds', ids);
};

/** `name | address | hours | phone | province` */
const offices = itemsAt('offices', ([name, address, hours, phone, province, ...rest], b, i) => {
  if (!name || rest.length > 0) return b.problem('ITEM_INVALID', 'offices', i);
  return defined({ name, address: opt(address), hours: opt(hours), phone: opt(phone), province: opt(province) });
});

const codeAt =
  (path: string, find: (r: Resolver, text: string) => string | undefined, code: string): Reader =>
  (cell, b) => {
    const id = find(b.resolver, cell);
    if (id) b.set(path, id);
    else b.problem(code, path);
  };

// The columns -------------------------------------------------------------------------------------
export interface ColumnDef {
  key: string;
  fa: string;
  en: string;
  /** Card fields this column fills; problems at these paths (or below them) are reported at this column. */
  fields: string[];
  help: { fa: string; en: string };
  /** The allowed values, for enumerations (codes). */
  allowed?: { codes: readonly string[]; labels: Labels };
  example: string;
  read: Reader;
}

const col = (c: ColumnDef) => c;
const daysHelp = (fa: string, en: string) => ({ fa: `${fa} (عدد روز کاری)`, en: `${en} (working days, a number)` });

export const COLUMNS: readonly ColumnDef[] = [
  col({
    key: 'title',
    fa: 'عنوان خدمت',
    en: 'Service title',
    fields: ['title'],
    help: {
      fa: 'عنوان خدمت؛ در هر پرونده و در میان شناسنامه‌های دستگاه یکتا.',
      en: 'The service title; unique in the file and among the agency’s cards.',
    },
    example: 'صدور پروانه کسب',
    read: textAt('title'),
  }),
  col({
    key: 'titleEn',
    fa: 'عنوان انگلیسی خدمت',
    en: 'Service title in English',
    fields: ['titleEn'],
    help: {
      fa: 'اختیاری: عنوان خدمت به انگلیسی، برای فهرست خدمات به زبان انگلیسی.',
      en: 'Optional: the service title in English, for the catalogue in English.',
    },
    example: 'Business licence',
    read: textAt('titleEn'),
  }),
  col({
    key: 'description',
    fa: 'شرح خدمت',
    en: 'Description',
    fields: ['description'],
    help: { fa: 'شرح کامل خدمت.', en: 'A full description of the service.' },
    example: 'صدور پروانه کسب برای متقاضیان واجد شرایط',
    read: textAt('description'),
  }),
  col({
    key: 'subServices',
    fa: 'خدمات جزء',
    en: 'Sub-services',
    fields: ['subServices'],
    help: {
      fa: 'هر خدمت جزء: «عنوان | شرح (اختیاری)»؛ موارد با «؛» جدا شوند.',
      en: 'Each sub-service: “title | description (optional)”; items separated by “;”.',
    },
    example: 'صدور المثنی؛ تمدید پروانه',
    read: subServices,
  }),
  col({
    key: 'recipients',
    fa: 'گیرندگان خدمت',
    en: 'Recipients',
    fields: ['recipients'],
    help: { fa: 'یک یا چند مورد، با «؛» جدا.', en: 'One or more, separated by “;”.' },
    allowed: { codes: CARD_RECIPIENTS, labels: LABELS.recipients },
    example: 'شهروندان؛ کسب‌وکارها',
    read: enumListAt('recipients', CARD_RECIPIENTS, LABELS.recipients),
  }),
  col({
    key: 'nature',
    fa: 'ماهیت خدمت',
    en: 'Nature',
    fields: ['nature'],
    help: { fa: 'یکی از گزینه‌ها.', en: 'One of the options.' },
    allowed: { codes: SERVICE_NATURES, labels: LABELS.nature },
    example: 'حاکمیتی',
    read: enumAt('nature', SERVICE_NATURES, LABELS.nature),
  }),
  col({
    key: 'level',
    fa: 'سطح ارائه',
    en: 'Level',
    fields: ['level'],
    help: { fa: 'یکی از گزینه‌ها.', en: 'One of the options.' },
    allowed: { codes: SERVICE_LEVELS, labels: LABELS.level },
    example: 'ملی',
    read: enumAt('level', SERVICE_LEVELS, LABELS.level),
  }),
  col({
    key: 'lifeEvents',
    fa: 'رویدادهای زندگی',
    en: 'Life events',
    fields: ['lifeEvents'],
    help: { fa: 'صفر یا چند مورد، با «؛» جدا.', en: 'Zero or more, separated by “;”.' },
    allowed: { codes: LIFE_EVENTS, labels: LABELS.lifeEvents },
    example: 'کسب‌وکار',
    read: enumListAt('lifeEvents', LIFE_EVENTS, LABELS.lifeEvents),
  }),
  col({
    key: 'startMode',
    fa: 'نحوه آغاز',
    en: 'Start mode',
    fields: ['startMode'],
    help: { fa: 'یکی از گزینه‌ها.', en: 'One of the options.' },
    allowed: { codes: START_MODES, labels: LABELS.startMode },
    example: 'به درخواست متقاضی',
    read: enumAt('startMode', START_MODES, LABELS.startMode),
  }),
  col({
    key: 'legalBasis',
    fa: 'مستندات قانونی',
    en: 'Legal basis',
    fields: ['legalBasis'],
    help: {
      fa: 'هر مورد: «شماره یا عنوان قانون: شماره مواد با ویرگول»، موارد با «؛» جدا؛ قانون باید در سامانه قوانین ثبت شده باشد.',
      en: 'Each: “law number or title: article numbers separated by commas”, items separated by “;”; the law must be in the laws register.',
    },
    example: '۱۲۳: ۱، ۲',
    read: legalBasis,
  }),
  col({
    key: 'documents',
    fa: 'مدارک لازم',
    en: 'Required documents',
    fields: ['documents'],
    help: {
      fa: 'هر مدرک: «عنوان | اجباری یا اختیاری | دستگاه ارائه‌دهنده از راه استعلام (شناسه ملی یا نام، اختیاری) | نوع مدرک (برای استعلام)»؛ مدارک با «؛» جدا؛ «ندارد» اگر مدرکی لازم نیست.',
      en: 'Each: “title | mandatory or optional | agency supplying it by inquiry (national id or name, optional) | evidence type (for an inquiry)”; documents separated by “;”; “none” if no document is needed.',
    },
    example: 'کارت ملی | اجباری؛ گواهی عدم سوء پیشینه | اجباری | 14000000009 | گواهی عدم سوء پیشینه',
    read: documents,
  }),
  col({
    key: 'inquiries',
    fa: 'استعلام‌ها',
    en: 'Inquiries',
    fields: ['inquiries'],
    help: {
      fa: 'هر استعلام: «دستگاه (شناسه ملی یا نام) | داده استعلام‌شده | آنی یا فرایندی»؛ «ندارد» اگر استعلامی نیست.',
      en: 'Each: “agency (national id or name) | data asked | instant or process”; “none” if there are none.',
    },
    allowed: { codes: INQUIRY_MODES, labels: LABELS.inquiryMode },
    example: 'ندارد',
    read: inquiries,
  }),
  col({
    key: 'collaboratingAgencies',
    fa: 'دستگاه‌های همکار',
    en: 'Collaborating agencies',
    fields: ['collaboratingAgencyIds'],
    help: {
      fa: 'شناسه ملی یا نام دستگاه‌ها، با «؛» جدا (خدمت بین‌دستگاهی).',
      en: 'National ids or names of agencies, separated by “;” (an inter-agency service).',
    },
    example: '',
    read: collaborating,
  }),
  col({
    key: 'personTypes',
    fa: 'نوع متقاضی',
    en: 'Applicant type',
    fields: ['identity.personTypes', 'identity'],
    help: { fa: 'شخص حقیقی و/یا حقوقی، با «؛» جدا.', en: 'Real and/or legal person, separated by “;”.' },
    allowed: { codes: PERSON_TYPES, labels: LABELS.personTypes },
    example: 'حقیقی؛ حقوقی',
    read: enumListAt('identity.personTypes', PERSON_TYPES, LABELS.personTypes),
  }),
  col({
    key: 'assuranceLevel',
    fa: 'سطح اطمینان هویت',
    en: 'Identity assurance level',
    fields: ['identity.assuranceLevel'],
    help: { fa: 'یکی از گزینه‌ها.', en: 'One of the options.' },
    allowed: { codes: ASSURANCE_LEVELS, labels: LABELS.assuranceLevel },
    example: 'متوسط',
    read: enumAt('identity.assuranceLevel', ASSURANCE_LEVELS, LABELS.assuranceLevel),
  }),
  col({
    key: 'fees',
    fa: 'هزینه‌ها',
    en: 'Fees',
    fields: ['fees'],
    help: {
      fa: 'هر هزینه: «عنوان | مبلغ به ریال | شماره یا عنوان قانون: مواد | شماره شبا»؛ هزینه‌ها با «؛» جدا؛ «رایگان» اگر هزینه‌ای ندارد.',
      en: 'Each: “title | amount in rials | law number or title: articles | Sheba”; fees separated by “;”; “free” if there is no fee.',
    },
    example: 'هزینه صدور | ۵۰۰٬۰۰۰ | ۱۲۳: ۲ | IR820540102680020817909002',
    read: fees,
  }),
  col({
    key: 'inPersonVisits',
    fa: 'تعداد مراجعه حضوری',
    en: 'In-person visits',
    fields: ['inPersonVisits.count', 'inPersonVisits'],
    help: { fa: 'عدد؛ صفر اگر مراجعه حضوری لازم نیست.', en: 'A number; zero if no visit is needed.' },
    example: '۰',
    read: intAt('inPersonVisits.count'),
  }),
  col({
    key: 'inPersonReason',
    fa: 'علت مراجعه حضوری',
    en: 'Reason for in-person visits',
    fields: ['inPersonVisits.reason'],
    help: { fa: 'اگر مراجعه حضوری لازم است، چرا.', en: 'Why, when a visit is needed.' },
    example: '',
    read: textAt('inPersonVisits.reason'),
  }),
  col({
    key: 'informationChannels',
    fa: 'مجاری اطلاع‌رسانی',
    en: 'Information channels',
    fields: ['channels.information'],
    help: { fa: 'یک یا چند مجرا، با «؛» جدا.', en: 'One or more channels, separated by “;”.' },
    allowed: { codes: CHANNEL_KINDS, labels: LABELS.channels },
    example: 'اینترنتی؛ مرکز تماس',
    read: enumListAt('channels.information', CHANNEL_KINDS, LABELS.channels),
  }),
  col({
    key: 'requestChannels',
    fa: 'مجاری درخواست',
    en: 'Request channels',
    fields: ['channels.request'],
    help: { fa: 'یک یا چند مجرا، با «؛» جدا.', en: 'One or more channels, separated by “;”.' },
    allowed: { codes: CHANNEL_KINDS, labels: LABELS.channels },
    example: 'اینترنتی؛ پیشخوان',
    read: enumListAt('channels.request', CHANNEL_KINDS, LABELS.channels),
  }),
  col({
    key: 'deliveryChannels',
    fa: 'مجاری تحویل',
    en: 'Delivery channels',
    fields: ['channels.delivery'],
    help: { fa: 'یک یا چند مجرا، با «؛» جدا.', en: 'One or more channels, separated by “;”.' },
    allowed: { codes: CHANNEL_KINDS, labels: LABELS.channels },
    example: 'پست',
    read: enumListAt('channels.delivery', CHANNEL_KINDS, LABELS.channels),
  }),
  col({
    key: 'eServiceUrl',
    fa: 'نشانی خدمت الکترونیکی',
    en: 'E-service link',
    fields: ['channels.eServiceUrl', 'channels'],
    help: {
      fa: 'نشانی اینترنتی خدمت؛ برای مجرای اینترنتی یا تلفن همراه لازم است.',
      en: 'The service’s web address; needed with the web or mobile channels.',
    },
    example: 'https://example.gov.ir/licence',
    read: textAt('channels.eServiceUrl'),
  }),
  col({
    key: 'startStage',
    fa: 'مرحله آغاز',
    en: 'Start stage',
    fields: ['process.start'],
    help: { fa: 'شرح مرحله آغاز (دریافت درخواست).', en: 'The start stage (receiving the request).' },
    example: 'ثبت درخواست در درگاه',
    read: textAt('process.start.description'),
  }),
  col({
    key: 'productionStage',
    fa: 'مرحله تولید',
    en: 'Production stage',
    fields: ['process.production'],
    help: { fa: 'شرح مرحله تولید خدمت.', en: 'The production stage.' },
    example: 'بررسی مدارک و صدور',
    read: textAt('process.production.description'),
  }),
  col({
    key: 'deliveryStage',
    fa: 'مرحله تحویل',
    en: 'Delivery stage',
    fields: ['process.delivery'],
    help: { fa: 'شرح مرحله تحویل.', en: 'The delivery stage.' },
    example: 'ارسال پستی پروانه',
    read: textAt('process.delivery.description'),
  }),
  col({
    key: 'legalDeadlineDays',
    fa: 'مهلت قانونی (روز کاری)',
    en: 'Legal deadline (working days)',
    fields: ['process.legalDeadlineDays', 'process'],
    help: daysHelp('مهلتی که قانون تعیین کرده است', 'The deadline the law sets'),
    example: '۱۰',
    read: intAt('process.legalDeadlineDays'),
  }),
  col({
    key: 'normDays',
    fa: 'زمان استاندارد (روز کاری)',
    en: 'Service norm (working days)',
    fields: ['process.normDays'],
    help: daysHelp(
      'زمان استاندارد ارائه؛ بیشتر از مهلت قانونی نباشد',
      'The service norm; never above the legal deadline',
    ),
    example: '۷',
    read: intAt('process.normDays'),
  }),
  col({
    key: 'extensionAllowed',
    fa: 'امکان تمدید مهلت',
    en: 'Extension allowed',
    fields: ['process.extensionAllowed'],
    help: { fa: '«بله» یا «خیر».', en: '“yes” or “no”.' },
    example: 'خیر',
    read: boolAt('process.extensionAllowed'),
  }),
  col({
    key: 'extensionTermDays',
    fa: 'مدت تمدید (روز کاری)',
    en: 'Extension term (working days)',
    fields: ['process.extensionTermDays'],
    help: daysHelp('اگر تمدید مجاز است', 'When an extension is allowed'),
    example: '',
    read: intAt('process.extensionTermDays'),
  }),
  col({
    key: 'complaintRoute',
    fa: 'مسیر رسیدگی به شکایت',
    en: 'Complaint route',
    fields: ['complaintRoute'],
    help: { fa: 'شکایت از کجا و چگونه پیگیری می‌شود.', en: 'Where and how a complaint is handled.' },
    example: 'سامانه ۱۱۱',
    read: textAt('complaintRoute'),
  }),
  col({
    key: 'maturity',
    fa: 'سطح بلوغ الکترونیکی',
    en: 'Electronic maturity',
    fields: ['maturity.level', 'maturity'],
    help: { fa: 'یکی از گزینه‌ها.', en: 'One of the options.' },
    allowed: { codes: MATURITY_LEVELS, labels: LABELS.maturity },
    example: 'تراکنشی',
    read: enumAt('maturity.level', MATURITY_LEVELS, LABELS.maturity),
  }),
  col({
    key: 'plannedDate',
    fa: 'تاریخ برنامه الکترونیکی شدن',
    en: 'Planned electronic date',
    fields: ['maturity.plannedDate'],
    help: {
      fa: 'تاریخ شمسی ۱۴۰۴/۰۶/۳۱؛ برای خدمتی که هنوز الکترونیکی نیست.',
      en: 'A Jalali date 1404/06/31; for a service not yet electronic.',
    },
    example: '',
    read: dateAt('maturity.plannedDate'),
  }),
  col({
    key: 'maturityReason',
    fa: 'علت الکترونیکی نبودن',
    en: 'Reason not yet electronic',
    fields: ['maturity.reason'],
    help: { fa: 'برای خدمتی که هنوز الکترونیکی نیست.', en: 'For a service not yet electronic.' },
    example: '',
    read: textAt('maturity.reason'),
  }),
  col({
    key: 'exemptionReference',
    fa: 'شماره مصوبه معافیت',
    en: 'Exemption reference',
    fields: ['maturity.exemption.reference', 'maturity.exemption'],
    help: {
      fa: 'شماره مصوبه معافیت از الکترونیکی شدن (اگر هست).',
      en: 'The approved exemption from going electronic, if any.',
    },
    example: '',
    read: textAt('maturity.exemption.reference'),
  }),
  col({
    key: 'exemptionDate',
    fa: 'تاریخ مصوبه معافیت',
    en: 'Exemption date',
    fields: ['maturity.exemption.approvedOn'],
    help: { fa: 'تاریخ شمسی مصوبه معافیت.', en: 'The Jalali date of the exemption.' },
    example: '',
    read: dateAt('maturity.exemption.approvedOn'),
  }),
  col({
    key: 'category',
    fa: 'دسته خدمت',
    en: 'Service category',
    fields: ['classification.categoryId', 'classification'],
    help: {
      fa: 'کد دسته در معماری خدمات، به شکل «کد کلان‌حوزه/کد دسته» (یا فقط کد دسته اگر یکتاست).',
      en: 'The category code in the service architecture, as “domain code/category code” (or the category code alone when unique).',
    },
    example: '',
    read: codeAt('classification.categoryId', (r, t) => r.category(t), 'CATEGORY_NOT_FOUND'),
  }),
  col({
    key: 'layer',
    fa: 'لایه خدمت',
    en: 'Service layer',
    fields: ['classification.layerId'],
    help: { fa: 'کد لایه خدمت در معماری خدمات.', en: 'The service layer code in the service architecture.' },
    example: '',
    read: codeAt('classification.layerId', (r, t) => r.layer(t), 'LAYER_NOT_FOUND'),
  }),
  col({
    key: 'offices',
    fa: 'دفاتر ارائه خدمت',
    en: 'Offices',
    fields: ['offices'],
    help: {
      fa: 'هر دفتر: «نام | نشانی | ساعات کار | تلفن | استان»؛ دفاتر با «؛» جدا.',
      en: 'Each office: “name | address | hours | phone | province”; offices separated by “;”.',
    },
    example: 'دفتر مرکزی | تهران، خیابان آزادی | شنبه تا چهارشنبه ۸ تا ۱۴ | ۰۲۱۱۲۳۴۵۶۷۸ | تهران',
    read: offices,
  }),
];

const headerKey = (h: string) => key(h.replace(/\*+\s*$/, ''));
const BY_HEADER = new Map<string, ColumnDef>();
for (const c of COLUMNS) for (const h of [c.key, c.fa, c.en]) BY_HEADER.set(headerKey(h), c);

/** The column a header names (Persian, English or machine key; letters, spacing and digits normalised). */
export const columnByHeader = (header: string): ColumnDef | undefined => BY_HEADER.get(headerKey(header));
export const columnByKey = (k: string): ColumnDef | undefined => COLUMNS.find((c) => c.key === k);

/** The column that reports a problem at a card field path (the longest matching field). */
export function columnForField(path: string): ColumnDef | undefined {
  let best: { c: ColumnDef; len: number } | undefined;
  for (const c of COLUMNS)
    for (const f of c.fields)
      if ((path === f || path.startsWith(`${f}.`)) && f.length > (best?.len ?? -1)) best = { c, len: f.length };
  return best?.c;
}

/** Label of a code for the template guide. */
export function labelsOf(c: ColumnDef): string[] {
  if (!c.allowed) return [];
  return c.allowed.codes.map((code) => `${c.allowed!.labels[code]?.[0] ?? code} (${code})`);
}
