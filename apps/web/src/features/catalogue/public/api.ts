import { CARD_RECIPIENTS, LIFE_EVENTS, MATURITY_LEVELS } from '@dargah/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api';
import type { Page, PublicService } from '../../../lib/contracts';

/*
 * The public service catalogue (سامانه مدیریت خدمات دولت, public side): search over approved
 * services, a service's information package, an agency's electronic and not-yet-electronic
 * services, and the service architecture for the category filter. The same for everyone: keys
 * start with 'public'.
 */

export type Recipient = (typeof CARD_RECIPIENTS)[number];
export type LifeEvent = (typeof LIFE_EVENTS)[number];
export type Maturity = (typeof MATURITY_LEVELS)[number];
export { CARD_RECIPIENTS, LIFE_EVENTS, MATURITY_LEVELS };

/** The filters and query of `/catalogue`, as kept in the URL. */
export interface CatalogueSearch {
  q?: string;
  agencyId?: string;
  province?: string;
  lifeEvent?: LifeEvent;
  category?: string;
  recipients?: Recipient;
  maturity?: Maturity;
  /** Where the page of results starts (the previous page's `nextCursor`): «more» is a link to the next page. */
  cursor?: string;
}
export const FILTER_KEYS = ['agencyId', 'province', 'lifeEvent', 'category', 'recipients', 'maturity'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);
const text = (v: unknown, max: number) =>
  typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, max) : typeof v === 'number' ? String(v) : undefined;

/** Keeps only well-formed search params (anything else in the URL is dropped, never sent). */
export function validateCatalogueSearch(search: Record<string, unknown>): CatalogueSearch {
  const out: CatalogueSearch = {};
  const q = text(search.q, 200);
  if (q) out.q = q;
  if (typeof search.agencyId === 'string' && UUID.test(search.agencyId)) out.agencyId = search.agencyId;
  const province = text(search.province, 100);
  if (province) out.province = province;
  if (oneOf(LIFE_EVENTS, search.lifeEvent)) out.lifeEvent = search.lifeEvent;
  if (typeof search.category === 'string' && UUID.test(search.category)) out.category = search.category;
  if (oneOf(CARD_RECIPIENTS, search.recipients)) out.recipients = search.recipients;
  if (oneOf(MATURITY_LEVELS, search.maturity)) out.maturity = search.maturity;
  if (typeof search.cursor === 'string' && /^[\w.=-]{1,200}$/.test(search.cursor)) out.cursor = search.cursor;
  return out;
}

export interface ServiceSummary {
  serviceId: string;
  title: string;
  agency: { id: string; name: string };
  recipients: Recipient[];
  level: string | null;
  maturity: Maturity | null;
  lifeEvents: LifeEvent[];
  province: string | null;
  approvedAt: string;
  expiresAt: string;
  expired: boolean;
  /** The card lets it be requested online (an electronic request channel and maturity). */
  onlineRequest: boolean;
  /** How the card says it is requested and delivered. */
  channels: { request: Channel[]; delivery: Channel[] };
  category?: { id: string; title: string } | null;
}
export interface SearchResult {
  match: 'exact' | 'fuzzy';
  items: ServiceSummary[];
  nextCursor: string | null;
}

export const SEARCH_PAGE = 20;

/** `GET /catalogue/services`: a page at a time, «بیشتر» follows nextCursor. */
export const searchQuery = (search: CatalogueSearch) =>
  infiniteQueryOptions({
    queryKey: ['public', 'catalogue', 'search', search],
    queryFn: ({ signal, pageParam }) =>
      api.get<SearchResult>('/catalogue/services', {
        signal,
        query: { ...search, limit: SEARCH_PAGE, cursor: pageParam },
      }),
    initialPageParam: search.cursor,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 60_000,
  });

export interface LegalRef {
  lawId: string;
  article: string;
  lawTitle: string | null;
  link: string | null;
}
export interface MaturityPlan {
  /** Jalali YYYY/MM/DD. */
  plannedDate: string | null;
  reason: string | null;
  exemption: { reference: string; approvedOn: string } | null;
}
export interface Office {
  name: string;
  address: string | null;
  hours: string | null;
  phone: string | null;
  province: string | null;
}
export type Channel = 'web' | 'mobile_app' | 'sms' | 'counter' | 'post' | 'in_person' | 'call_centre';
export interface ServiceInfo {
  serviceId: string;
  title: string;
  category?: { id: string; title: string } | null;
  onlineRequest: boolean;
  description: string | null;
  subServices: Array<{ title: string; description: string | null }>;
  agency: { id: string; name: string; nameEn: string | null; legalId: string; province: string | null };
  recipients: Recipient[];
  level: 'national' | 'provincial' | 'county' | 'village' | null;
  nature: string | null;
  lifeEvents: LifeEvent[];
  howToApply: {
    startMode: 'on_request' | 'scheduled' | 'event' | 'agency_initiative' | null;
    steps: Array<{ stage: 'start' | 'production' | 'delivery'; description: string }>;
    inPersonVisits: number | null;
    inPersonReason: string | null;
  };
  channels: { information: Channel[]; request: Channel[]; delivery: Channel[]; eServiceUrl: string | null };
  documents: Array<{
    title: string | null;
    mandatory: boolean | null;
    evidenceType: string | null;
    byInquiry: boolean;
    providerAgency: string | null;
  }>;
  time: {
    normDays: number | null;
    legalDeadlineDays: number | null;
    extensionAllowed: boolean | null;
    extensionTermDays: number | null;
  };
  fees: Array<{ title: string | null; amountRials: number | null; legalBasis: LegalRef[] }>;
  legalBasis: LegalRef[];
  complaintRoute: string | null;
  offices: Office[];
  maturity: Maturity | null;
  maturityPlan: MaturityPlan;
  approvedAt: string;
  expiresAt: string;
  expired: boolean;
}

/** `GET /catalogue/services/:serviceId`: the information package. */
export const serviceInfoQuery = (serviceId: string) =>
  queryOptions({
    queryKey: ['public', 'catalogue', 'service', serviceId],
    queryFn: ({ signal }) => api.get<ServiceInfo>(`/catalogue/services/${encodeURIComponent(serviceId)}`, { signal }),
    staleTime: 60_000,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });

export interface AgencyServiceSummary {
  serviceId: string;
  title: string;
  recipients: Recipient[];
  maturity: Maturity | null;
  lifeEvents: LifeEvent[];
  approvedAt: string;
  expiresAt: string;
  expired: boolean;
  onlineRequest: boolean;
  channels: { request: Channel[]; delivery: Channel[] };
}
export interface AgencyServices {
  agency: { id: string; name: string; nameEn: string | null; province: string | null };
  electronic: AgencyServiceSummary[];
  notYetElectronic: Array<AgencyServiceSummary & MaturityPlan>;
}

/** `GET /catalogue/agencies/:agencyId/services`: electronic and not-yet-electronic services. */
export const agencyServicesQuery = (agencyId: string) =>
  queryOptions({
    queryKey: ['public', 'catalogue', 'agency', agencyId],
    queryFn: ({ signal }) =>
      api.get<AgencyServices>(`/catalogue/agencies/${encodeURIComponent(agencyId)}/services`, { signal }),
    staleTime: 60_000,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });

export interface ArchitectureTerm {
  id: string;
  code: string;
  title: string;
  titleEn: string | null;
}
export interface ServiceArchitecture {
  domains: Array<ArchitectureTerm & { categories: ArchitectureTerm[] }>;
  layers: ArchitectureTerm[];
}

/** `GET /catalogue/architecture`: domains and their categories; null where the server has none (404). */
export const architectureQuery = queryOptions({
  queryKey: ['public', 'catalogue', 'architecture'],
  queryFn: async ({ signal }) => {
    try {
      return await api.get<ServiceArchitecture>('/catalogue/architecture', { signal });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

/**
 * The desk services (GET /services?catalogueServiceId=…) delivering these catalogue services, of any
 * agency (a provincial office delivers its parent's), by catalogue service id. The same records the
 * portal lists: the same titles and the same state.
 */
export const deskServicesQuery = (serviceIds: readonly string[]) => {
  const ids = [...new Set(serviceIds)].sort();
  return queryOptions({
    queryKey: ['public', 'catalogue', 'desk', ids],
    queryFn: async ({ signal }) => {
      const byId = new Map<string, PublicService[]>();
      if (ids.length === 0) return byId;
      const page = await api.get<Page<PublicService>>('/services', {
        signal,
        query: { catalogueServiceId: ids, limit: 100 },
      });
      for (const d of page.items)
        if (d.catalogueServiceId) byId.set(d.catalogueServiceId, [...(byId.get(d.catalogueServiceId) ?? []), d]);
      return byId;
    },
    staleTime: 60_000,
  });
};

/** Is this a "not found" answer (unknown id, or an id of the wrong shape)? */
export const isNotFound = (error: unknown) =>
  error instanceof ApiError && (error.status === 404 || error.status === 400);
