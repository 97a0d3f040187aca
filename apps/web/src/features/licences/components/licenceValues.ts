import { toAsciiDigits } from '@dargah/persian';
import type { TFunction } from 'i18next';
import type { Licence } from '../api';

/** The licence form's values as typed (text), the order of its fields, and what is sent to the server. */

export interface Ref {
  lawId: string;
  article: string;
}
export interface Values {
  agencyId: string;
  title: string;
  kind: string;
  legalBasis: Ref[];
  conditions: string;
  documents: Array<{ title: string; mandatory: boolean }>;
  inquiries: Array<{ agencyId: string; data: string }>;
  prerequisiteIds: string[];
  issueDays: string;
  validityMonths: string;
  costRials: string;
  costLegalBasis: Ref[];
  renewalTerms: string;
  amendmentTerms: string;
  cancellationConditions: string;
}
export type Key = keyof Values;
export const ORDER: readonly Key[] = [
  'agencyId',
  'title',
  'kind',
  'legalBasis',
  'conditions',
  'documents',
  'inquiries',
  'prerequisiteIds',
  'issueDays',
  'validityMonths',
  'costRials',
  'costLegalBasis',
  'renewalTerms',
  'amendmentTerms',
  'cancellationConditions',
];

export const initialOf = (l: Licence | undefined, agencyId: string): Values =>
  l
    ? {
        agencyId: l.agencyId,
        title: l.title,
        kind: l.kind,
        legalBasis: l.legalBasis.map((r) => ({ lawId: r.lawId, article: r.article })),
        conditions: l.conditions.join('\n'),
        documents: l.documents,
        inquiries: l.inquiries.map((i) => ({ agencyId: i.agencyId, data: i.data })),
        prerequisiteIds: l.prerequisites.map((p) => p.id),
        issueDays: String(l.issueDays),
        validityMonths: l.validityMonths === null ? '' : String(l.validityMonths),
        costRials: String(l.costRials),
        costLegalBasis: l.costLegalBasis.map((r) => ({ lawId: r.lawId, article: r.article })),
        renewalTerms: l.renewalTerms ?? '',
        amendmentTerms: l.amendmentTerms ?? '',
        cancellationConditions: l.cancellationConditions,
      }
    : {
        agencyId,
        title: '',
        kind: '',
        legalBasis: [{ lawId: '', article: '' }],
        conditions: '',
        documents: [],
        inquiries: [],
        prerequisiteIds: [],
        issueDays: '',
        validityMonths: '',
        costRials: '0',
        costLegalBasis: [],
        renewalTerms: '',
        amendmentTerms: '',
        cancellationConditions: '',
      };

export const int = (s: string) => {
  const v = toAsciiDigits(s.trim()).replace(/[,٬\s]/g, '');
  return /^\d+$/.test(v) ? Number(v) : NaN;
};

/** The form's own checks, before anything is sent: each field's problem in words. */
export function validateLicence(v: Values, t: TFunction, { isNew }: { isNew: boolean }): Partial<Record<Key, string>> {
  const e: Partial<Record<Key, string>> = {};
  const need = (k: Key, s: string, min = 2) => {
    if ([...s.trim()].length < min) e[k] = s.trim() ? t('licences.form.tooShort') : t('validation.required');
  };
  if (isNew && !v.agencyId) e.agencyId = t('validation.required');
  need('title', v.title);
  need('kind', v.kind);
  if (v.legalBasis.length === 0) e.legalBasis = t('licences.form.legalBasisRequired');
  else if (v.legalBasis.some((r) => !r.lawId || !r.article)) e.legalBasis = t('licences.form.refIncomplete');
  if (v.costLegalBasis.some((r) => !r.lawId || !r.article)) e.costLegalBasis = t('licences.form.refIncomplete');
  if (v.documents.some((d) => [...d.title.trim()].length < 2)) e.documents = t('licences.form.documentTitle');
  if (v.inquiries.some((i) => !i.agencyId || [...i.data.trim()].length < 2))
    e.inquiries = t('licences.form.inquiryIncomplete');
  if (!(int(v.issueDays) >= 0)) e.issueDays = t('licences.form.wholeNumber');
  if (v.validityMonths.trim() && !(int(v.validityMonths) >= 1)) e.validityMonths = t('licences.form.positive');
  const cost = int(v.costRials);
  if (!(cost >= 0)) e.costRials = t('licences.form.wholeNumber');
  else if (cost > 0 && v.costLegalBasis.length === 0 && !e.costLegalBasis)
    e.costLegalBasis = t('licences.form.costBasisRequired');
  need('cancellationConditions', v.cancellationConditions);
  return e;
}

/** What the server receives: trimmed text, numbers, the conditions one per line. */
export function requestBodyOf(v: Values) {
  return {
    title: v.title.trim(),
    kind: v.kind.trim(),
    legalBasis: v.legalBasis,
    conditions: v.conditions
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
    documents: v.documents.map((d) => ({ title: d.title.trim(), mandatory: d.mandatory })),
    inquiries: v.inquiries.map((i) => ({ agencyId: i.agencyId, data: i.data.trim() })),
    prerequisiteIds: v.prerequisiteIds,
    issueDays: int(v.issueDays),
    validityMonths: v.validityMonths.trim() ? int(v.validityMonths) : null,
    costRials: int(v.costRials),
    costLegalBasis: v.costLegalBasis,
    renewalTerms: v.renewalTerms.trim() || null,
    amendmentTerms: v.amendmentTerms.trim() || null,
    cancellationConditions: v.cancellationConditions.trim(),
  };
}
