import { SCORECARD_CRITERIA, type ScorecardCriterion, type ScorecardCriterionName, type ScorecardRow } from '@dargah/contracts';
import type { Lang } from '../../platform/http/i18n';

/*
 * The desk scorecard's arithmetic (ADR 0032): what was counted for one agency (or summed for a
 * province or the table), and the ten criteria as shares of it. A share whose denominator is 0 is
 * not measured (value null, with a note), never scored 0 or 1; the total is the mean of the
 * measured shares. Pure: the service gathers the counts from the modules that own them.
 */

export interface ScorecardCounts {
  /** Approved catalogue services (cards) of the agency in force at some time in the year. */
  catalogued: number;
  /** Of those, delivered by a published desk service. */
  offeredAtDesk: number;
  /** Of those offered at the desk, whose approved card lets them be requested online. */
  electronicRequest: number;
  /** Desk services published now and created before the year’s end. */
  deskServices: number;
  /** Of those, linked to an approved card in force in the year. */
  deskLinked: number;
  /** Requests submitted in the year. */
  accepted: number;
  withReceipt: number;
  withTrackingCode: number;
  /** Of those accepted, still open now; and of those, not past their answer date. */
  open: number;
  openInNorm: number;
  /** Requests decided in the year; with a signed electronic answer; before their answer date; rated by the applicant. */
  decided: number;
  answeredElectronically: number;
  decidedInNorm: number;
  rated: number;
  /** Of those rated, rated 4 or 5. */
  satisfied: number;
}

export const NO_COUNTS: ScorecardCounts = {
  catalogued: 0,
  offeredAtDesk: 0,
  electronicRequest: 0,
  deskServices: 0,
  deskLinked: 0,
  accepted: 0,
  withReceipt: 0,
  withTrackingCode: 0,
  open: 0,
  openInNorm: 0,
  decided: 0,
  answeredElectronically: 0,
  decidedInNorm: 0,
  rated: 0,
  satisfied: 0,
};

export function addCounts(a: ScorecardCounts, b: ScorecardCounts): ScorecardCounts {
  const out = { ...a };
  for (const k of Object.keys(out) as Array<keyof ScorecardCounts>) out[k] += b[k];
  return out;
}

type Text = { fa: string; en: string };
interface Definition {
  of: (c: ScorecardCounts) => [numerator: number, denominator: number];
  evidence: Text;
  /** Said even when measured: the share holds by the platform's construction. */
  byConstruction?: Text;
}

const BY_CONSTRUCTION_RECEIPT: Text = {
  fa: 'در درگاه هر درخواست پذیرفته‌شده همان لحظه رسید (با کد رهگیری و موعد پاسخ) می‌گیرد؛ این سهم کمتر از یک نمی‌شود مگر داده ناقص باشد.',
  en: 'On this platform every accepted request gets its receipt (tracking code and answer date) at once; the share is below 1 only when data is missing.',
};

/** The ten criteria: what each counts (numerator of denominator), in the order of SCORECARD_CRITERIA. */
export const DEFINITIONS: Record<ScorecardCriterionName, Definition> = {
  offeredAtDesk: {
    of: (c) => [c.offeredAtDesk, c.catalogued],
    evidence: {
      fa: 'خدمات شناسنامه‌دار (شناسهٔ مصوب در سال) که یک خدمت منتشرشدهٔ میز خدمت به آن پیوند دارد، از همهٔ خدمات شناسنامه‌دار دستگاه',
      en: 'Approved catalogue services (card in force in the year) delivered by a published desk service, of all the agency’s approved catalogue services',
    },
  },
  electronicRequest: {
    of: (c) => [c.electronicRequest, c.catalogued],
    evidence: {
      fa: 'خدمات شناسنامه‌دار ارائه‌شده در میز خدمت که شناسنامهٔ مصوبشان درخواست الکترونیکی را می‌پذیرد (مجرای درخواست و بلوغ)، از همهٔ خدمات شناسنامه‌دار',
      en: 'Approved catalogue services offered at the desk whose approved card allows an electronic request (request channel and maturity), of all approved catalogue services',
    },
  },
  immediateReceipt: {
    of: (c) => [c.withReceipt, c.accepted],
    evidence: {
      fa: 'درخواست‌های پذیرفته‌شده در سال که هنگام پذیرش کد رهگیری و موعد پاسخ (محتوای رسید) گرفتند، از همهٔ درخواست‌های پذیرفته‌شده',
      en: 'Requests accepted in the year given a tracking code and an answer date (the receipt’s content) at acceptance, of all requests accepted',
    },
    byConstruction: BY_CONSTRUCTION_RECEIPT,
  },
  trackingCode: {
    of: (c) => [c.withTrackingCode, c.accepted],
    evidence: {
      fa: 'درخواست‌های پذیرفته‌شده در سال که کد رهگیری دارند، از همهٔ درخواست‌های پذیرفته‌شده',
      en: 'Requests accepted in the year with a tracking code, of all requests accepted',
    },
    byConstruction: BY_CONSTRUCTION_RECEIPT,
  },
  answeredElectronically: {
    of: (c) => [c.answeredElectronically, c.decided],
    evidence: {
      fa: 'درخواست‌های پاسخ‌داده در سال که پاسخشان سند امضاشدهٔ الکترونیکی است، از همهٔ درخواست‌های پاسخ‌داده',
      en: 'Requests answered in the year whose answer is a signed electronic document, of all requests answered',
    },
  },
  feedbackCollected: {
    of: (c) => [c.rated, c.decided],
    evidence: {
      fa: 'درخواست‌های پاسخ‌داده در سال که متقاضی تا امروز به آن‌ها نمره داده است، از همهٔ درخواست‌های پاسخ‌داده',
      en: 'Requests answered in the year that the applicant has rated (so far), of all requests answered',
    },
  },
  answeredWithinNorm: {
    of: (c) => [c.decidedInNorm, c.decided],
    evidence: {
      fa: 'درخواست‌های پاسخ‌داده در سال که پیش از موعد پاسخ (مدت استاندارد خدمت) پاسخ گرفتند، از همهٔ درخواست‌های پاسخ‌داده',
      en: 'Requests answered in the year before their answer date (the service’s norm), of all requests answered',
    },
  },
  linkedToCatalogue: {
    of: (c) => [c.deskLinked, c.deskServices],
    evidence: {
      fa: 'خدمات منتشرشدهٔ میز خدمت (امروز، ساخته‌شده تا پایان سال) که به شناسهٔ خدمت مصوبِ معتبر در سال پیوند دارند، از همهٔ خدمات منتشرشدهٔ میز خدمت',
      en: 'Published desk services (today, created by the year’s end) linked to an approved service id in force in the year, of all published desk services',
    },
  },
  openWithinNorm: {
    of: (c) => [c.openInNorm, c.open],
    evidence: {
      fa: 'درخواست‌های پذیرفته‌شده در سال که هنوز باز هستند و موعد پاسخشان نگذشته است، از همهٔ درخواست‌های باز',
      en: 'Requests accepted in the year, still open and not past their answer date, of all those still open',
    },
  },
  satisfaction: {
    of: (c) => [c.satisfied, c.rated],
    evidence: {
      fa: 'نمره‌های ۴ و ۵ متقاضیان به درخواست‌های پاسخ‌داده در سال، از همهٔ نمره‌های داده‌شده به آن‌ها',
      en: 'Applicants’ ratings of 4 or 5 of requests answered in the year, of all their ratings',
    },
  },
};

const NOT_MEASURABLE: Text = {
  fa: 'سنجش‌پذیر نیست: در این دوره چیزی برای شمردن نبود (امتیازی داده نمی‌شود).',
  en: 'Not measurable: there was nothing to count in this period (no score is given).',
};

const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

export function criteriaOf(c: ScorecardCounts, lang: Lang): ScorecardCriterion[] {
  return SCORECARD_CRITERIA.map((criterion) => {
    const d = DEFINITIONS[criterion];
    const [numerator, denominator] = d.of(c);
    const measured = denominator > 0;
    return {
      criterion,
      value: measured ? round4(numerator / denominator) : null,
      numerator,
      denominator,
      evidence: d.evidence[lang],
      note: measured ? (d.byConstruction?.[lang] ?? null) : NOT_MEASURABLE[lang],
    };
  });
}

/** A row of the table: the criteria of the counts and their total (the mean of the measured values). */
export function rowOf(key: string, name: string, province: string | null, c: ScorecardCounts, lang: Lang): ScorecardRow {
  const criteria = criteriaOf(c, lang);
  const values = criteria.map((x) => x.value).filter((v): v is number => v !== null);
  return {
    key,
    name,
    province,
    criteria,
    total: values.length === 0 ? null : round4(values.reduce((s, v) => s + v, 0) / values.length),
    measured: values.length,
  };
}
