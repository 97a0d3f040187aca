import type * as C from '@dargah/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { itemsOf, type OrgUnit, type PublicAgency } from '../../../lib/contracts';
import { inTreeOrder } from '../../../lib/tree';

/**
 * Service identity cards (شناسنامه خدمت) from the agency's side: the list, a card, drafting and
 * submitting. The server decides who may do what; the pages only hide the ways in.
 */

export type CardStatus = C.CardStatus;
export type CardAction = C.CardAction;
export type ServiceCardSummary = C.ServiceCardSummary;
export type ServiceCardView = C.ServiceCardView;
export type Law = C.Law;
/** What a draft may hold: the input shape of `ServiceCardContent` (dates as typed, Persian digits allowed). */
export type CardContent = (typeof C.ServiceCardContent)['_input'];

export const CARDS_PAGE = 20;

/** Roles that draft cards (the API: expert and agency administrator of the card's agency). */
export const AUTHOR_ROLES = ['expert', 'agency_admin'] as const;

export interface CardListFilter {
  status?: CardStatus | undefined;
  agencyId?: string | undefined;
}

export const cardsKey = ['catalogue', 'cards'] as const;

/** `GET /catalogue/cards`, paged by offset: another page while the last one was full. */
export const cardsQuery = (filter: CardListFilter) =>
  infiniteQueryOptions({
    queryKey: [...cardsKey, 'list', filter.status ?? '', filter.agencyId ?? ''],
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) =>
      api.get<ServiceCardSummary[]>('/catalogue/cards', {
        signal,
        query: { status: filter.status, agencyId: filter.agencyId, limit: CARDS_PAGE, offset: pageParam },
      }),
    getNextPageParam: (last, pages) => (last.length < CARDS_PAGE ? undefined : pages.length * CARDS_PAGE),
  });

export const cardQuery = (id: string) =>
  queryOptions({
    queryKey: [...cardsKey, 'card', id],
    queryFn: ({ signal }) => api.get<ServiceCardView>(`/catalogue/cards/${encodeURIComponent(id)}`, { signal }),
  });

/** Takes an idempotency key: a retried or double-clicked create returns the first card. */
export const createCard = (body: { agencyId: string; content: CardContent }, idempotencyKey: string) =>
  api.post<ServiceCardView>('/catalogue/cards', body, { idempotencyKey });

/** Saves the draft at the version read; a newer one is refused with 409 CONFLICT. */
export const saveCard = (id: string, body: { version: number; content: CardContent }) =>
  api.put<ServiceCardView>(`/catalogue/cards/${encodeURIComponent(id)}`, body);

/** Sends the card (at `version`) for review: CARD_INCOMPLETE lists every problem at its field. */
export const submitCard = (id: string, version: number) =>
  api.post<ServiceCardView>(`/catalogue/cards/${encodeURIComponent(id)}/submit`, { version });

/** Active agencies (the public list), in tree order: the providing, collaborating and inquired agencies. */
export const agenciesQuery = queryOptions({
  queryKey: ['public', 'agencies'],
  queryFn: async ({ signal }) =>
    inTreeOrder(itemsOf(await api.get<PublicAgency[] | { items: PublicAgency[] }>('/agencies', { signal }))),
  staleTime: 5 * 60_000,
});

/** The agency's unit tree (flat, each unit names its parent); the API opens it to the agency's administrators. */
export const cardUnitsQuery = (agencyId: string) =>
  queryOptions({
    queryKey: ['admin', 'agencies', agencyId, 'units'],
    queryFn: async ({ signal }) =>
      itemsOf(
        await api.get<OrgUnit[] | { items: OrgUnit[] }>(`/admin/agencies/${encodeURIComponent(agencyId)}/units`, {
          signal,
        }),
      ),
    retry: false,
  });

export type ServiceArchitecture = C.ServiceArchitecture;
/** Macro domains with their categories, and the service layers (public). */
export const architectureQuery = queryOptions({
  queryKey: ['public', 'catalogue', 'architecture'],
  queryFn: ({ signal }) => api.get<ServiceArchitecture>('/catalogue/architecture', { signal }),
  staleTime: 5 * 60_000,
});
