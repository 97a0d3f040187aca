// Over 400 lines: the card form's one model (paths mirror the card's contract, converted both ways and
// checked as typed); it is pure and tested as a unit (cardForm.test.ts), so it stays one module.
import { parseJalali, toAsciiDigits, toPersianDigits, validateSheba } from '@dargah/persian';
import { ApiError } from '../../../lib/api';
import type { CardContent } from './api';

/*
 * The card editor's model. The form mirrors `ServiceCardContent` path for path (so the server's
 * field paths — `documents.0.title`, `process.normDays` — name the form's own fields), with text
 * where the card has numbers or booleans (what was typed, Persian digits included) and a stable
 * `key` on every repeated row. Rows are never dropped on the way out: row i of the form is row i of
 * the request, so a problem the server reports at `fees.2.sheba` is the third fee's Sheba field.
 */

export type YesNo = '' | 'yes' | 'no';
/** Whether a list that may be empty was answered: '' not yet, 'no' none (an empty list), 'yes' the rows. */
export type ListAnswer = YesNo;

export interface LawRefRow {
  key: string;
  lawId: string;
  article: string;
}
export interface SubServiceRow {
  key: string;
  title: string;
  description: string;
}
export interface DocumentRow {
  key: string;
  title: string;
  mandatory: YesNo;
  evidenceType: string;
  byInquiry: boolean;
  providerAgencyId: string;
}
export interface InquiryRow {
  key: string;
  agencyId: string;
  data: string;
  mode: string;
}
export interface FeeRow {
  key: string;
  title: string;
  amountRials: string;
  legalBasis: LawRefRow[];
  sheba: string;
}
export interface StageForm {
  description: string;
  unitIds: string[];
}
export interface OfficeRow {
  key: string;
  name: string;
  address: string;
  hours: string;
  phone: string;
  province: string;
}

export interface CardForm {
  title: string;
  titleEn: string;
  subServices: SubServiceRow[];
  description: string;
  collaboratingAgencyIds: string[];
  orgUnitIds: string[];
  recipients: string[];
  nature: string;
  level: string;
  lifeEvents: string[];
  startMode: string;
  legalBasis: LawRefRow[];
  documentsAnswer: ListAnswer;
  documents: DocumentRow[];
  inquiriesAnswer: ListAnswer;
  inquiries: InquiryRow[];
  identity: { personTypes: string[]; assuranceLevel: string };
  feesAnswer: ListAnswer;
  fees: FeeRow[];
  inPersonVisits: { count: string; reason: string };
  channels: { information: string[]; request: string[]; delivery: string[]; eServiceUrl: string };
  process: {
    start: StageForm;
    production: StageForm;
    delivery: StageForm;
    legalDeadlineDays: string;
    normDays: string;
    extensionAllowed: YesNo;
    extensionTermDays: string;
  };
  complaintRoute: string;
  maturity: {
    level: string;
    plannedDate: string;
    reason: string;
    hasExemption: boolean;
    exemption: { reference: string; approvedOn: string };
  };
  classification: { categoryId: string; layerId: string };
  offices: OfficeRow[];
}

let keySeq = 0;
/** A key for a new repeated row (React's list key; never sent). */
export const rowKey = (): string => `r${++keySeq}`;

export const emptyLawRef = (): LawRefRow => ({ key: rowKey(), lawId: '', article: '' });
export const emptySubService = (): SubServiceRow => ({ key: rowKey(), title: '', description: '' });
export const emptyDocument = (): DocumentRow => ({
  key: rowKey(),
  title: '',
  mandatory: '',
  evidenceType: '',
  byInquiry: false,
  providerAgencyId: '',
});
export const emptyInquiry = (): InquiryRow => ({ key: rowKey(), agencyId: '', data: '', mode: '' });
export const emptyFee = (): FeeRow => ({ key: rowKey(), title: '', amountRials: '', legalBasis: [], sheba: '' });
export const emptyOffice = (): OfficeRow => ({
  key: rowKey(),
  name: '',
  address: '',
  hours: '',
  phone: '',
  province: '',
});
const emptyStage = (): StageForm => ({ description: '', unitIds: [] });

/** Whether a repeated row holds nothing yet (removing it needs no confirmation). */
export function rowIsEmpty(row: object): boolean {
  return Object.entries(row).every(([k, v]) => {
    if (k === 'key') return true;
    if (typeof v === 'string') return v.trim() === '';
    if (typeof v === 'boolean') return v === false;
    if (Array.isArray(v)) return v.every((x) => typeof x === 'object' && x !== null && rowIsEmpty(x as object));
    return v === undefined || v === null;
  });
}

export function emptyForm(): CardForm {
  return {
    title: '',
    titleEn: '',
    subServices: [],
    description: '',
    collaboratingAgencyIds: [],
    orgUnitIds: [],
    recipients: [],
    nature: '',
    level: '',
    lifeEvents: [],
    startMode: '',
    legalBasis: [],
    documentsAnswer: '',
    documents: [],
    inquiriesAnswer: '',
    inquiries: [],
    identity: { personTypes: [], assuranceLevel: '' },
    feesAnswer: '',
    fees: [],
    inPersonVisits: { count: '', reason: '' },
    channels: { information: [], request: [], delivery: [], eServiceUrl: '' },
    process: {
      start: emptyStage(),
      production: emptyStage(),
      delivery: emptyStage(),
      legalDeadlineDays: '',
      normDays: '',
      extensionAllowed: '',
      extensionTermDays: '',
    },
    complaintRoute: '',
    maturity: {
      level: '',
      plannedDate: '',
      reason: '',
      hasExemption: false,
      exemption: { reference: '', approvedOn: '' },
    },
    classification: { categoryId: '', layerId: '' },
    offices: [],
  };
}

// From the card to the form ------------------------------------------------------------------
type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strs = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === 'string');
const yesNo = (v: unknown): YesNo => (v === true ? 'yes' : v === false ? 'no' : '');
const answer = (v: unknown): ListAnswer => (v === undefined || v === null ? '' : list(v).length === 0 ? 'no' : 'yes');

/** A card's content as the form shows it; `digits` writes numbers and dates in the reader's digits. */
export function formFromContent(content: Json, digits: (s: string) => string = (s) => s): CardForm {
  const num = (v: unknown) => (typeof v === 'number' ? digits(String(v)) : '');
  const date = (v: unknown) => (typeof v === 'string' ? digits(v) : '');
  const lawRefs = (v: unknown): LawRefRow[] =>
    list(v).map((r) => ({ key: rowKey(), lawId: str(obj(r).lawId), article: str(obj(r).article) }));
  const stage = (v: unknown): StageForm => ({ description: str(obj(v).description), unitIds: strs(obj(v).unitIds) });
  const identity = obj(content.identity);
  const visits = obj(content.inPersonVisits);
  const channels = obj(content.channels);
  const process = obj(content.process);
  const maturity = obj(content.maturity);
  const exemption = content.maturity && obj(maturity).exemption ? obj(maturity.exemption) : undefined;
  const classification = obj(content.classification);
  return {
    title: str(content.title),
    titleEn: str(content.titleEn),
    subServices: list(content.subServices).map((s) => ({
      key: rowKey(),
      title: str(obj(s).title),
      description: str(obj(s).description),
    })),
    description: str(content.description),
    collaboratingAgencyIds: strs(content.collaboratingAgencyIds),
    orgUnitIds: strs(content.orgUnitIds),
    recipients: strs(content.recipients),
    nature: str(content.nature),
    level: str(content.level),
    lifeEvents: strs(content.lifeEvents),
    startMode: str(content.startMode),
    legalBasis: lawRefs(content.legalBasis),
    documentsAnswer: answer(content.documents),
    documents: list(content.documents).map((d) => {
      const o = obj(d);
      return {
        key: rowKey(),
        title: str(o.title),
        mandatory: yesNo(o.mandatory),
        evidenceType: str(o.evidenceType),
        byInquiry: o.byInquiry === true,
        providerAgencyId: str(o.providerAgencyId),
      };
    }),
    inquiriesAnswer: answer(content.inquiries),
    inquiries: list(content.inquiries).map((q) => ({
      key: rowKey(),
      agencyId: str(obj(q).agencyId),
      data: str(obj(q).data),
      mode: str(obj(q).mode),
    })),
    identity: { personTypes: strs(identity.personTypes), assuranceLevel: str(identity.assuranceLevel) },
    feesAnswer: answer(content.fees),
    fees: list(content.fees).map((f) => {
      const o = obj(f);
      return {
        key: rowKey(),
        title: str(o.title),
        amountRials: num(o.amountRials),
        legalBasis: lawRefs(o.legalBasis),
        sheba: str(o.sheba),
      };
    }),
    inPersonVisits: { count: num(visits.count), reason: str(visits.reason) },
    channels: {
      information: strs(channels.information),
      request: strs(channels.request),
      delivery: strs(channels.delivery),
      eServiceUrl: str(channels.eServiceUrl),
    },
    process: {
      start: stage(process.start),
      production: stage(process.production),
      delivery: stage(process.delivery),
      legalDeadlineDays: num(process.legalDeadlineDays),
      normDays: num(process.normDays),
      extensionAllowed: yesNo(process.extensionAllowed),
      extensionTermDays: num(process.extensionTermDays),
    },
    complaintRoute: str(content.complaintRoute),
    maturity: {
      level: str(maturity.level),
      plannedDate: date(maturity.plannedDate),
      reason: str(maturity.reason),
      hasExemption: exemption !== undefined,
      exemption: { reference: str(exemption?.reference), approvedOn: date(exemption?.approvedOn) },
    },
    classification: { categoryId: str(classification.categoryId), layerId: str(classification.layerId) },
    offices: list(content.offices).map((o) => ({
      key: rowKey(),
      name: str(obj(o).name),
      address: str(obj(o).address),
      hours: str(obj(o).hours),
      phone: str(obj(o).phone),
      province: str(obj(o).province),
    })),
  };
}

// From the form to the card ------------------------------------------------------------------
const clean = (s: string) => s.trim();
const given = (s: string) => clean(s) !== '';
/** A typed whole number (Persian digits accepted); what cannot be read is sent as typed, for the server to refuse at its field. */
function numberOf(s: string): number | string {
  const ascii = toAsciiDigits(s).replace(/[,٬\s]/g, '');
  return /^-?\d+(\.\d+)?$/.test(ascii) ? Number(ascii) : clean(s);
}
const compact = <T extends Json>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
const optText = (s: string) => (given(s) ? clean(s) : undefined);
const optList = <T>(xs: T[]) => (xs.length > 0 ? xs : undefined);
const optBool = (v: YesNo) => (v === 'yes' ? true : v === 'no' ? false : undefined);
const optObject = <T extends Json>(o: T): T | undefined => {
  const c = compact(o);
  return Object.keys(c).length > 0 ? c : undefined;
};
const lawRefsOut = (rows: LawRefRow[]) => rows.map((r) => ({ lawId: clean(r.lawId), article: clean(r.article) }));
const answered = <T>(a: ListAnswer, rows: T[]): T[] | undefined =>
  a === 'no' ? [] : a === 'yes' ? optList(rows) : undefined;

/**
 * The card content to send. Blank fields are left out (a draft may be incomplete); every repeated
 * row is kept, in order, so the server's paths name the form's rows.
 */
export function contentFromForm(f: CardForm): CardContent {
  const stage = (s: StageForm) => optObject({ description: optText(s.description), unitIds: optList(s.unitIds) });
  const c = compact({
    title: optText(f.title),
    titleEn: optText(f.titleEn),
    subServices: optList(
      f.subServices.map((s) => compact({ title: clean(s.title), description: optText(s.description) })),
    ),
    description: optText(f.description),
    collaboratingAgencyIds: optList(f.collaboratingAgencyIds),
    orgUnitIds: optList(f.orgUnitIds),
    recipients: optList(f.recipients),
    nature: optText(f.nature),
    level: optText(f.level),
    lifeEvents: optList(f.lifeEvents),
    startMode: optText(f.startMode),
    legalBasis: optList(lawRefsOut(f.legalBasis)),
    documents: answered(
      f.documentsAnswer,
      f.documents.map((d) =>
        compact({
          title: optText(d.title),
          mandatory: optBool(d.mandatory),
          evidenceType: optText(d.evidenceType),
          byInquiry: d.byInquiry ? true : undefined,
          providerAgencyId: optText(d.providerAgencyId),
        }),
      ),
    ),
    inquiries: answered(
      f.inquiriesAnswer,
      f.inquiries.map((q) => compact({ agencyId: optText(q.agencyId), data: optText(q.data), mode: optText(q.mode) })),
    ),
    identity: optObject({
      personTypes: optList(f.identity.personTypes),
      assuranceLevel: optText(f.identity.assuranceLevel),
    }),
    fees: answered(
      f.feesAnswer,
      f.fees.map((fee) =>
        compact({
          title: optText(fee.title),
          amountRials: given(fee.amountRials) ? numberOf(fee.amountRials) : undefined,
          legalBasis: optList(lawRefsOut(fee.legalBasis)),
          sheba: given(fee.sheba) ? toAsciiDigits(fee.sheba).replace(/[\s-]/g, '').toUpperCase() : undefined,
        }),
      ),
    ),
    inPersonVisits: optObject({
      count: given(f.inPersonVisits.count) ? numberOf(f.inPersonVisits.count) : undefined,
      reason: optText(f.inPersonVisits.reason),
    }),
    channels: optObject({
      information: optList(f.channels.information),
      request: optList(f.channels.request),
      delivery: optList(f.channels.delivery),
      eServiceUrl: optText(f.channels.eServiceUrl),
    }),
    process: optObject({
      start: stage(f.process.start),
      production: stage(f.process.production),
      delivery: stage(f.process.delivery),
      legalDeadlineDays: given(f.process.legalDeadlineDays) ? numberOf(f.process.legalDeadlineDays) : undefined,
      normDays: given(f.process.normDays) ? numberOf(f.process.normDays) : undefined,
      extensionAllowed: optBool(f.process.extensionAllowed),
      extensionTermDays: given(f.process.extensionTermDays) ? numberOf(f.process.extensionTermDays) : undefined,
    }),
    complaintRoute: optText(f.complaintRoute),
    maturity: optObject({
      level: optText(f.maturity.level),
      plannedDate: optText(f.maturity.plannedDate),
      reason: optText(f.maturity.reason),
      exemption: f.maturity.hasExemption
        ? { reference: clean(f.maturity.exemption.reference), approvedOn: clean(f.maturity.exemption.approvedOn) }
        : undefined,
    }),
    classification: optObject({
      categoryId: optText(f.classification.categoryId),
      layerId: optText(f.classification.layerId),
    }),
    offices: optList(
      f.offices.map((o) =>
        compact({
          name: clean(o.name),
          address: optText(o.address),
          hours: optText(o.hours),
          phone: optText(o.phone),
          province: optText(o.province),
        }),
      ),
    ),
  });
  // Numbers that could not be read travel as typed: the server names the field. The type says number.
  return c as unknown as CardContent;
}

// Paths, ids and errors ----------------------------------------------------------------------
/** The control id of a content path: `documents.0.title` → `cf-documents-0-title`. */
export const fieldId = (path: string): string => `cf-${path.replace(/\./g, '-')}`;

/** One problem the server reported, at its content path (`documents.0.title`) or at none. */
export interface CardProblem {
  path: string | null;
  message: string;
}

/**
 * The problems of a refused save or submit: VALIDATION_FAILED (`body.content.…`) and
 * CARD_INCOMPLETE (`content.…`) both list them under `details.fields`. `null`: no field problems.
 */
export function cardProblemsOf(error: unknown): CardProblem[] | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code !== 'VALIDATION_FAILED' && error.code !== 'CARD_INCOMPLETE') return null;
  const fields = (error.details as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields)) return null;
  const out: CardProblem[] = [];
  for (const f of fields as Array<{ field?: unknown; message?: unknown }>) {
    if (typeof f.field !== 'string' || typeof f.message !== 'string') continue;
    const m = /^(?:body\.)?content\.(.+)$/.exec(f.field);
    out.push({ path: m ? m[1]! : null, message: f.message });
  }
  return out.length > 0 ? out : null;
}

/**
 * Where a problem is shown: its own path when the form has a control for it, else the nearest
 * enclosing path that has one (`legalBasis.0` → `legalBasis`), else nowhere (`null`).
 */
export function placePath(path: string, exists: (path: string) => boolean): string | null {
  const parts = path.split('.');
  while (parts.length > 0) {
    const p = parts.join('.');
    if (exists(p)) return p;
    parts.pop();
  }
  return null;
}

// Hints (checked in the browser only to help; the server decides) ------------------------------
export type HintKey = 'notWholeNumber' | 'normAboveDeadline' | 'shebaInvalid' | 'jalaliInvalid' | 'urlInvalid';

const wholeNumber = (s: string) => /^\d+$/.test(toAsciiDigits(s).replace(/[,٬\s]/g, ''));

/** Problems visible before sending, by content path. */
export function hintsOf(f: CardForm): Record<string, HintKey> {
  const out: Record<string, HintKey> = {};
  const whole = (path: string, s: string) => {
    if (given(s) && !wholeNumber(s)) out[path] = 'notWholeNumber';
  };
  whole('inPersonVisits.count', f.inPersonVisits.count);
  whole('process.legalDeadlineDays', f.process.legalDeadlineDays);
  whole('process.normDays', f.process.normDays);
  whole('process.extensionTermDays', f.process.extensionTermDays);
  const deadline = numberOf(f.process.legalDeadlineDays);
  const norm = numberOf(f.process.normDays);
  if (!out['process.normDays'] && typeof deadline === 'number' && typeof norm === 'number' && norm > deadline)
    out['process.normDays'] = 'normAboveDeadline';
  f.fees.forEach((fee, i) => {
    whole(`fees.${i}.amountRials`, fee.amountRials);
    if (given(fee.sheba) && !validateSheba(fee.sheba).ok) out[`fees.${i}.sheba`] = 'shebaInvalid';
  });
  const date = (path: string, s: string) => {
    if (given(s) && !parseJalali(s).ok) out[path] = 'jalaliInvalid';
  };
  date('maturity.plannedDate', f.maturity.plannedDate);
  if (f.maturity.hasExemption) date('maturity.exemption.approvedOn', f.maturity.exemption.approvedOn);
  if (given(f.channels.eServiceUrl) && !/^https?:\/\/\S+\.\S+/i.test(clean(f.channels.eServiceUrl)))
    out['channels.eServiceUrl'] = 'urlInvalid';
  return out;
}

/** Digits as the reader writes them: Persian in fa. */
export const readerDigits = (lang: string) => (s: string) => (lang === 'fa' ? toPersianDigits(s) : s);
