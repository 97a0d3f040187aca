import type * as C from '@dargah/contracts';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';

/**
 * The laws register (the API's `laws` module): what cards, change requests and licences cite. One
 * query for every screen, so they share one cached answer.
 */

export type Law = C.Law;

/** The laws register (the first 100 by title: enough to choose from; the API pages beyond). */
export const lawsQuery = queryOptions({
  queryKey: ['catalogue', 'laws'],
  queryFn: ({ signal }) => api.get<Law[]>('/catalogue/laws', { signal, query: { limit: 100 } }),
  staleTime: 5 * 60_000,
});

/** One law of the register, by id (to show its title where a card cites it). */
export const lawQuery = (lawId: string) =>
  queryOptions({
    queryKey: ['catalogue', 'law', lawId],
    queryFn: ({ signal }) => api.get<Law>(`/catalogue/laws/${encodeURIComponent(lawId)}`, { signal }),
    staleTime: 5 * 60_000,
    retry: false,
  });
