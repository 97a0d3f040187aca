import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { itemsOf, type Page, type PublicAgency, type PublicService } from '../../lib/contracts';
import { inTreeOrder } from '../../lib/tree';

/*
 * The public catalogue: agencies and the services they publish. Keys start with 'public': they
 * are the same for everyone and survive a sign-out.
 */

/** `GET /agencies`: the agencies with a public catalogue, each parent before its sub-agencies. */
export const agenciesQuery = queryOptions({
  queryKey: ['public', 'agencies'],
  queryFn: async ({ signal }) =>
    inTreeOrder(itemsOf(await api.get<Page<PublicAgency> | PublicAgency[]>('/agencies', { signal }))),
  staleTime: 5 * 60_000,
});

/** `GET /services?agencyId=`: one agency's services, a page at a time. */
export const agencyServicesQuery = (agencyId: string) =>
  infiniteQueryOptions({
    queryKey: ['public', 'services', { agencyId }],
    queryFn: ({ signal, pageParam }) =>
      api.get<Page<PublicService>>('/services', { signal, query: { agencyId, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 5 * 60_000,
  });

/** `GET /services/:id`: one service with its form. */
export const serviceQuery = (serviceId: string) =>
  queryOptions({
    queryKey: ['public', 'service', serviceId],
    queryFn: ({ signal }) => api.get<PublicService>(`/services/${encodeURIComponent(serviceId)}`, { signal }),
    staleTime: 5 * 60_000,
  });

/** An agency's name in the interface language (English when there is one, else Persian). */
export function agencyName(agency: Pick<PublicAgency, 'nameFa' | 'nameEn'>, lang: string): string {
  return lang === 'en' && agency.nameEn ? agency.nameEn : agency.nameFa;
}
