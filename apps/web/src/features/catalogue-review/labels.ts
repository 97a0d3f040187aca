import type { TFunction } from 'i18next';
import type { useFormat } from '../../lib/format';
import type { CardRefs } from './refs';

type Format = ReturnType<typeof useFormat>;

/** Field names with a label in `catalogueReview.fields`. */
const FIELD_KEYS = new Set([
  'title',
  'subServices',
  'description',
  'collaboratingAgencyIds',
  'orgUnitIds',
  'recipients',
  'nature',
  'level',
  'lifeEvents',
  'startMode',
  'legalBasis',
  'documents',
  'inquiries',
  'identity',
  'personTypes',
  'assuranceLevel',
  'fees',
  'inPersonVisits',
  'count',
  'reason',
  'channels',
  'information',
  'request',
  'delivery',
  'eServiceUrl',
  'process',
  'start',
  'production',
  'legalDeadlineDays',
  'normDays',
  'extensionAllowed',
  'extensionTermDays',
  'complaintRoute',
  'maturity',
  'level',
  'plannedDate',
  'exemption',
  'approvedOn',
  'reference',
  'classification',
  'categoryId',
  'layerId',
  'offices',
  'name',
  'address',
  'hours',
  'phone',
  'province',
  'mandatory',
  'evidenceType',
  'byInquiry',
  'providerAgencyId',
  'agencyId',
  'data',
  'mode',
  'amountRials',
  'sheba',
  'lawId',
  'article',
  'unitIds',
]);

/** Enumerations whose values have labels in `catalogueReview.values.<key>`. */
const ENUM_OF: Record<string, string> = {
  recipients: 'recipients',
  nature: 'nature',
  startMode: 'startMode',
  lifeEvents: 'lifeEvents',
  information: 'channels',
  request: 'channels',
  delivery: 'channels',
  personTypes: 'personTypes',
  assuranceLevel: 'assuranceLevel',
  mode: 'mode',
};

/**
 * A dotted content path (`documents.1.title`, `process.normDays`) as the reader names it:
 * «مدارک › مورد ۲ › عنوان خدمت» — each segment its Persian label, array items numbered from one.
 */
export function fieldLabel(path: string, t: TFunction, format: Format): string {
  const parts = path.split('.').filter(Boolean);
  return parts
    .map((p, i) => {
      if (/^\d+$/.test(p)) return t('catalogueReview.fields.item', { n: format.number(Number(p) + 1) });
      // `level` under `maturity` is the maturity level, at the top it is the service level.
      if (p === 'level' && parts[i - 1] === 'maturity') return t('catalogueReview.fields.maturity');
      return FIELD_KEYS.has(p) ? t(`catalogueReview.fields.${p}` as 'catalogueReview.fields.title') : p;
    })
    .join(' › ');
}

/** The enumeration a path's value belongs to, if any (`channels.request.0` → channels). */
function enumFor(path: string): string | undefined {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  const last = parts[parts.length - 1];
  if (!last) return undefined;
  if (last === 'level') return parts[parts.length - 2] === 'maturity' ? 'maturity' : 'level';
  return ENUM_OF[last];
}

/** One enumeration value as words (the code itself when unknown). */
export function enumLabel(kind: string, value: string, t: TFunction): string {
  return t(`catalogueReview.values.${kind}.${value}` as 'catalogueReview.values.yes', { defaultValue: value });
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
      return `${refs.lawTitle(o.lawId)}${typeof o.article === 'string' ? `، ${t('catalogueReview.fields.articleOf', { article: format.digits(o.article) })}` : ''}`;
    return Object.entries(o)
      .map(([k, v]) => `${fieldLabel(k, t, format)}: ${displayValue(`${path}.${k}`, v, t, format, refs)}`)
      .join('؛ ');
  }
  if (typeof value === 'boolean') return value ? t('catalogueReview.values.yes') : t('catalogueReview.values.no');
  if (typeof value === 'number') {
    if (last === 'amountRials') return t('catalogueReview.fields.rials', { amount: format.number(value) });
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
