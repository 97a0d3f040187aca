import type * as C from '@dargah/contracts';
import { queryOptions } from '@tanstack/react-query';
import { api, ApiError } from '../../lib/api';
import type { PublicAgency } from '../../lib/contracts';

/**
 * The licence register (درگاه ملی مجوزها): staff lists, a licence, its create/edit, mapping to an
 * approved service id, unmapping, cancelling, and the report of licences without a service id. The
 * server decides who may do what; the page only hides the way in.
 */

export type Licence = C.Licence;
export type LicenceSummary = C.LicenceSummary;
export type LicencePage = C.LicencePage;
export type UnmappedReport = C.UnmappedLicenceReport;
export type Law = C.Law;

export interface LicenceFilters {
  agencyId: string;
  mapped: '' | 'yes' | 'no';
  q: string;
}

export const PAGE_SIZE = 20;

export const licencesQueryKey = ['catalogue', 'licences'] as const;

export const licencesListKey = (f: LicenceFilters) => [...licencesQueryKey, 'list', f] as const;
export const fetchLicences = (f: LicenceFilters, offset: number, signal?: AbortSignal) =>
  api.get<LicencePage>('/catalogue/licences', {
    ...(signal ? { signal } : {}),
    query: {
      agencyId: f.agencyId || undefined,
      mapped: f.mapped || undefined,
      q: f.q.trim() || undefined,
      limit: PAGE_SIZE,
      offset,
    },
  });

export const licenceQuery = (id: string) =>
  queryOptions({
    queryKey: [...licencesQueryKey, 'one', id],
    queryFn: ({ signal }) => api.get<Licence>(`/catalogue/licences/${encodeURIComponent(id)}`, { signal }),
  });

/** Every licence the viewer may see (for choosing prerequisites). */
export const allLicencesQuery = queryOptions({
  queryKey: [...licencesQueryKey, 'all'],
  queryFn: ({ signal }) =>
    api.get<LicencePage>('/catalogue/licences', { signal, query: { limit: 100, status: 'active' } }),
});

export const unmappedKey = [...licencesQueryKey, 'unmapped'] as const;
export const fetchUnmapped = (offset: number, signal?: AbortSignal) =>
  api.get<UnmappedReport>('/catalogue/licences/unmapped', {
    ...(signal ? { signal } : {}),
    query: { limit: PAGE_SIZE, offset },
  });
export const UNMAPPED_CSV_URL = '/api/v1/catalogue/licences/unmapped?format=csv';

export const agenciesQuery = queryOptions({
  queryKey: ['public', 'agencies', 'licences'],
  queryFn: async ({ signal }) => {
    const body = await api.get<PublicAgency[] | { items: PublicAgency[] }>('/agencies', { signal });
    return Array.isArray(body) ? body : body.items;
  },
  staleTime: 5 * 60_000,
});

export interface ServiceHit {
  serviceId: string;
  title: string;
  agency: { id: string; name: string };
}
/** The public catalogue's search, to find a service id by title. */
export const searchServices = (q: string, signal?: AbortSignal) =>
  api.get<{ items: ServiceHit[] }>('/catalogue/services', {
    ...(signal ? { signal } : {}),
    query: { q: q.trim() || undefined, limit: 10 },
  });

/** Takes an idempotency key: a retried or double-clicked create returns the first licence. */
export const createLicence = (body: C.LicenceInput, idempotencyKey: string) =>
  api.post<Licence>('/catalogue/licences', body, { idempotencyKey });
export const updateLicence = (id: string, body: C.LicenceUpdate) =>
  api.put<Licence>(`/catalogue/licences/${encodeURIComponent(id)}`, body);
export const mapService = (id: string, serviceId: string, version: number) =>
  api.put<Licence>(`/catalogue/licences/${encodeURIComponent(id)}/service`, { serviceId, version });
export const unmapService = (id: string, version: number) =>
  api.delete<Licence>(`/catalogue/licences/${encodeURIComponent(id)}/service`, { query: { version } });
export const cancelLicence = (id: string, reason: string, version: number) =>
  api.post<Licence>(`/catalogue/licences/${encodeURIComponent(id)}/cancel`, { reason, version });

export const isConflict = (error: unknown) => error instanceof ApiError && error.code === 'CONFLICT';
