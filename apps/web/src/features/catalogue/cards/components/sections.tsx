import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../../../components/Notice';
import type { OrgUnit, PublicAgency } from '../../../../lib/contracts';
import { useFormat } from '../../../../lib/format';
import type { Law, ServiceArchitecture } from '../api';
import { useCardForm } from './fields';

/** The sections of the card, in order: the in-page index lists them. */
export const SECTIONS = [
  'basics',
  'description',
  'agencies',
  'kind',
  'legal',
  'documents',
  'inquiries',
  'identity',
  'fees',
  'visits',
  'channels',
  'process',
  'complaint',
  'maturity',
  'classification',
  'offices',
] as const;
export type SectionKey = (typeof SECTIONS)[number];
export const sectionId = (key: SectionKey) => `cf-section-${key}`;

/** Sections titled only in the editor; the rest share their titles with the card page (`catalogueTerms.section`). */
const EDITOR_SECTIONS = ['basics', 'description', 'kind', 'classification'] as const;
type EditorSection = (typeof EDITOR_SECTIONS)[number];
const isEditorSection = (k: SectionKey): k is EditorSection => (EDITOR_SECTIONS as readonly string[]).includes(k);

/** A section's title, as the section heading and the in-page index show it. */
export const sectionTitle = (t: TFunction, k: SectionKey): string =>
  isEditorSection(k) ? t(`catalogueCards.section.${k}`) : t(`catalogueTerms.section.${k}`);

export interface SectionData {
  /** The providing agency. */
  agencyId: string;
  agencies: readonly PublicAgency[];
  laws: readonly Law[];
  /** The agency's unit tree; `null` when the reader may not list it. */
  units: readonly OrgUnit[] | null;
  architecture: ServiceArchitecture | null;
}

export function Section({ k, children }: { k: SectionKey; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="card stack cf-section" aria-labelledby={`${sectionId(k)}-title`} id={sectionId(k)}>
      <h2 id={`${sectionId(k)}-title`} className="card__title" tabIndex={-1}>
        {sectionTitle(t, k)}
      </h2>
      {children}
    </section>
  );
}

/** What every part of the card's form uses: the form, its words, and the agency and unit choices. */
export function useSectionKit(data: SectionData) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { form } = useCardForm();
  const f = form;
  const agencyName = (a: PublicAgency) => (i18n.language === 'en' && a.nameEn ? a.nameEn : a.nameFa);
  const agencyOptions = data.agencies.map((a) => ({ value: a.id, label: agencyName(a) }));
  const n = (x: number) => format.number(x);
  const units = data.units;
  const unitsNote = (count: number) =>
    units === null ? (
      <Notice tone="info">
        <p>{t('catalogueCards.field.unitsUnavailable', { n: n(count) })}</p>
      </Notice>
    ) : null;

  return { t, i18n, format, f, agencyOptions, n, units, unitsNote };
}
