import type { TFunction } from 'i18next';
import type { useFormat } from '../../../lib/format';
import { recipientLabel, termLabel, type TermKind } from '../terms/labels';
import type { CardRefs } from './refs';

type Format = ReturnType<typeof useFormat>;

/** The label of each field name a content path may hold: shared with the editor where it reads the same. */
const FIELD_LABEL: Record<string, string> = {
  title: 'catalogueTerms.field.title',
  titleEn: 'catalogueTerms.field.titleEn',
  agency: 'catalogueTerms.field.agency',
  parentAgency: 'catalogueReview.fields.parentAgency',
  subServices: 'catalogueTerms.field.subServices',
  description: 'catalogueTerms.field.description',
  collaboratingAgencyIds: 'catalogueReview.fields.collaboratingAgencyIds',
  orgUnitIds: 'catalogueTerms.field.orgUnits',
  recipients: 'catalogueTerms.field.recipients',
  nature: 'catalogueTerms.field.nature',
  level: 'catalogueTerms.field.level',
  lifeEvents: 'catalogueTerms.field.lifeEvents',
  startMode: 'catalogueTerms.field.startMode',
  legalBasis: 'catalogueReview.fields.legalBasis',
  documents: 'catalogueTerms.section.documents',
  inquiries: 'catalogueTerms.section.inquiries',
  identity: 'catalogueTerms.section.identity',
  personTypes: 'catalogueTerms.field.personTypes',
  assuranceLevel: 'catalogueTerms.field.assuranceLevel',
  fees: 'catalogueTerms.section.fees',
  inPersonVisits: 'catalogueTerms.section.visits',
  count: 'catalogueReview.fields.count',
  reason: 'catalogueReview.fields.reason',
  channels: 'catalogueTerms.section.channels',
  information: 'catalogueTerms.channelStage.information',
  request: 'catalogueTerms.channelStage.request',
  delivery: 'catalogueTerms.channelStage.delivery',
  eServiceUrl: 'catalogueTerms.field.eServiceUrl',
  process: 'catalogueTerms.section.process',
  start: 'catalogueTerms.stage.start',
  production: 'catalogueTerms.stage.production',
  legalDeadlineDays: 'catalogueTerms.field.legalDeadlineDays',
  normDays: 'catalogueTerms.field.normDays',
  extensionAllowed: 'catalogueReview.fields.extensionAllowed',
  extensionTermDays: 'catalogueTerms.field.extensionTermDays',
  complaintRoute: 'catalogueTerms.field.complaintRoute',
  maturity: 'catalogueTerms.section.maturity',
  plannedDate: 'catalogueTerms.field.plannedDate',
  exemption: 'catalogueReview.fields.exemption',
  approvedOn: 'catalogueReview.fields.approvedOn',
  reference: 'catalogueReview.fields.reference',
  classification: 'catalogueReview.fields.classification',
  categoryId: 'catalogueTerms.field.category',
  layerId: 'catalogueTerms.field.layer',
  offices: 'catalogueTerms.section.offices',
  name: 'catalogueTerms.field.officeName',
  address: 'catalogueTerms.field.address',
  hours: 'catalogueTerms.field.hours',
  phone: 'catalogueTerms.field.phone',
  province: 'catalogueTerms.field.province',
  mandatory: 'catalogueTerms.field.mandatory',
  evidenceType: 'catalogueTerms.field.evidenceType',
  byInquiry: 'catalogueReview.fields.byInquiry',
  providerAgencyId: 'catalogueTerms.field.providerAgency',
  agencyId: 'catalogueTerms.field.inquiryAgency',
  data: 'catalogueTerms.field.inquiryData',
  mode: 'catalogueTerms.field.inquiryMode',
  amountRials: 'catalogueTerms.field.amountRials',
  sheba: 'catalogueTerms.field.sheba',
  lawId: 'catalogueTerms.field.law',
  article: 'catalogueTerms.field.article',
  unitIds: 'catalogueReview.fields.unitIds',
};

/** One field name as words (the name itself when the card page has no label for it). */
export function fieldName(key: string, t: TFunction): string {
  const label = FIELD_LABEL[key];
  return label ? t(label as 'catalogueTerms.field.title') : key;
}

/** Field names whose values are card vocabularies (`catalogueTerms.<kind>`). */
const ENUM_OF: Record<string, TermKind> = {
  recipients: 'recipient',
  nature: 'nature',
  startMode: 'startMode',
  lifeEvents: 'lifeEvent',
  information: 'channel',
  request: 'channel',
  delivery: 'channel',
  personTypes: 'personType',
  assuranceLevel: 'assurance',
  mode: 'inquiryMode',
};

/**
 * A dotted content path (`documents.1.title`, `process.normDays`) as the reader names it:
 * «مدارک لازم › مورد ۲ › عنوان خدمت» — each segment its Persian label, array items numbered from one.
 */
export function fieldLabel(path: string, t: TFunction, format: Format): string {
  const parts = path.split('.').filter(Boolean);
  return parts
    .map((p, i) => {
      if (/^\d+$/.test(p)) return t('catalogueReview.fields.item', { n: format.number(Number(p) + 1) });
      // `level` under `maturity` is the maturity level, at the top it is the service level.
      if (p === 'level' && parts[i - 1] === 'maturity') return t('catalogueTerms.field.maturityLevel');
      return fieldName(p, t);
    })
    .join(' › ');
}

/** The vocabulary a path's value belongs to, if any (`channels.request.0` → channel). */
function enumFor(path: string): TermKind | undefined {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  const last = parts[parts.length - 1];
  if (!last) return undefined;
  if (last === 'level') return parts[parts.length - 2] === 'maturity' ? 'maturity' : 'level';
  return ENUM_OF[last];
}

/** One vocabulary value as the card page shows it: recipients with their code («شهروندان (G2C)»). */
export function enumLabel(kind: TermKind, value: string, t: TFunction): string {
  return kind === 'recipient' ? recipientLabel(t, value, { withCode: true }) : termLabel(t, kind, value);
}

/**
 * A value of the card content at `path` as the reader should see it: enumerations in words, law,
 * agency, unit and category ids by name, yes/no, numbers with the language's digits, lists joined.
 */
export function displayValue(path: string, value: unknown, t: TFunction, format: Format, refs: CardRefs): string {
  if (value === null || value === undefined || value === '') return t('catalogueReview.diff.empty');
  const last =
    path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? '';
  if (Array.isArray(value)) {
    if (value.length === 0) return t('catalogueReview.fields.none');
    return value.map((v) => displayValue(path, v, t, format, refs)).join('، ');
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.lawId === 'string')
      return `${refs.lawTitle(o.lawId)}${typeof o.article === 'string' ? `، ${t('catalogueTerms.lawArticle', { n: format.digits(o.article) })}` : ''}`;
    return Object.entries(o)
      .map(([k, v]) => `${fieldLabel(k, t, format)}: ${displayValue(`${path}.${k}`, v, t, format, refs)}`)
      .join('؛ ');
  }
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number') {
    if (last === 'amountRials') return t('catalogueTerms.rials', { amount: format.number(value) });
    return format.number(value);
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const kind = enumFor(path);
  if (kind) return enumLabel(kind, text, t);
  if (last === 'lawId') return refs.lawTitle(text);
  if (last === 'article') return format.digits(text);
  if (last === 'collaboratingAgencyIds' || last === 'providerAgencyId' || last === 'agencyId')
    return refs.agencyName(text);
  if (last === 'orgUnitIds' || last === 'unitIds') return refs.unitName(text);
  if (last === 'categoryId') return refs.categoryName(text);
  if (last === 'layerId') return refs.layerName(text);
  if (last === 'plannedDate' || last === 'approvedOn') return format.jalaliDay(text);
  if (last === 'sheba') return text;
  return text;
}
