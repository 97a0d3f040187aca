import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { useSession } from '../../identity';
import { agenciesQuery, architectureQuery, staffQuery, unitsQuery, type Law, type ServiceCardView } from './api';
import { lawQuery } from '../../laws';

/** Names of what a card refers to by id: laws, agencies, units, categories, people. */
export interface CardRefs {
  law: (id: string) => Law | undefined;
  lawTitle: (id: string) => string;
  agencyName: (id: string) => string;
  unitName: (id: string) => string;
  categoryName: (id: string) => string;
  layerName: (id: string) => string;
  /** A staff member's name when the viewer may see it (self, or staff of an agency they administer). */
  personName: (id: string) => string | undefined;
}

const short = (id: string) => id.slice(0, 8);

/** Every law id a content value mentions (legal basis, fee bases, change basis). */
function lawIdsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => lawIdsIn(v, out));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      if (k === 'lawId' && typeof v === 'string') out.add(v);
      else lawIdsIn(v, out);
    }
  return out;
}

/**
 * Fetches the names a card needs (each request cached and shared): laws one by one, the public
 * agency list and architecture, and, where the viewer administers the agency, its units and staff.
 * What cannot be fetched falls back to a neutral label, never an error.
 */
export function useCardRefs(card: ServiceCardView | undefined, extraLawIds: readonly string[] = []): CardRefs {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const en = i18n.resolvedLanguage === 'en';

  const lawIds = card ? [...lawIdsIn([card.content, card.changeBasis, extraLawIds])] : [...extraLawIds];
  const laws = useQueries({ queries: lawIds.map((id) => lawQuery(id)) });
  const agencies = useQuery(agenciesQuery);
  const architecture = useQuery(architectureQuery);
  const administered = new Set(
    (session?.roles ?? [])
      .filter((r) => r.role === 'agency_admin' || r.role === 'platform_admin')
      .map((r) => r.agencyId),
  );
  const platformAdmin = (session?.roles ?? []).some((r) => r.role === 'platform_admin');
  // The server decides; asking only where an answer is likely keeps the console free of 403s.
  const mayAdminister = (agencyId: string | null | undefined): agencyId is string =>
    !!agencyId && (platformAdmin || administered.has(agencyId));
  // A parent's administrator usually holds the role with its sub-agencies too.
  const mayAdministerCardAgency = mayAdminister(card?.agencyId) || mayAdminister(card?.parentAgencyId);
  const agencyIds: string[] = [];
  if (card && mayAdministerCardAgency) agencyIds.push(card.agencyId);
  if (card && mayAdminister(card.parentAgencyId)) agencyIds.push(card.parentAgencyId);
  const units = useQuery({ ...unitsQuery(card?.agencyId ?? ''), enabled: !!card && mayAdministerCardAgency });
  const staff = useQueries({ queries: agencyIds.map((a) => staffQuery(a)) });
  const ownAgencyStaff = useQuery({
    ...staffQuery(session?.agency?.id ?? ''),
    enabled: mayAdminister(session?.agency?.id),
  });

  const lawById = new Map<string, Law>();
  for (const q of laws) if (q.data) lawById.set(q.data.id, q.data);
  const agencyById = new Map((agencies.data ?? []).map((a) => [a.id, (en && a.nameEn) || a.nameFa]));
  const unitById = new Map((units.data ?? []).map((u) => [u.id, (en && u.nameEn) || u.nameFa]));
  const people = new Map<string, string>();
  for (const q of [...staff, ownAgencyStaff]) for (const m of q.data ?? []) people.set(m.id, m.displayName);
  if (session) people.set(session.id, session.displayName);
  const terms = new Map<string, string>();
  for (const d of architecture.data?.domains ?? [])
    for (const c of d.categories) terms.set(c.id, `${(en && d.titleEn) || d.title} › ${(en && c.titleEn) || c.title}`);
  for (const l of architecture.data?.layers ?? []) terms.set(l.id, (en && l.titleEn) || l.title);

  return {
    law: (id) => lawById.get(id),
    lawTitle: (id) =>
      lawById.get(id)?.title ?? t('catalogueReview.fields.unknownLaw', { id: format.digits(short(id)) }),
    agencyName: (id) =>
      agencyById.get(id) ??
      (card && id === card.agencyId
        ? card.agencyName
        : t('catalogueReview.fields.unknownAgency', { id: format.digits(short(id)) })),
    unitName: (id) => unitById.get(id) ?? `${t('catalogueReview.fields.unknownUnit')} (${format.digits(short(id))})`,
    categoryName: (id) => terms.get(id) ?? format.digits(short(id)),
    layerName: (id) => terms.get(id) ?? format.digits(short(id)),
    personName: (id) => people.get(id),
  };
}
