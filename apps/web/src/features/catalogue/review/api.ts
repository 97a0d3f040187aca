import type * as C from '@dargah/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api';
import { itemsOf, type OrgUnit, type PublicAgency, type StaffMember } from '../../../lib/contracts';

/**
 * The review side of service identity cards (شناسنامه خدمت): the review cartable, one card with
 * its history and the steps open to the viewer, the diff between versions, change requests,
 * renewal and expiry notices. The server decides who may do what (the card's capabilities); pages
 * only offer it.
 */

export type CardStatus = C.CardStatus;
export type CardAction = C.CardAction;
export type ServiceCardSummary = C.ServiceCardSummary;
export type ServiceCardView = C.ServiceCardView;
export type CardDiff = C.CardDiff;
export type CardCapabilities = C.CardCapabilities;
export type CardNotification = C.CardNotification;
export type Law = C.Law;
export type ServiceArchitecture = C.ServiceArchitecture;
export type ChangeBasis = C.ChangeBasis;
export type HeadApproval = C.HeadApproval;

/** The steps of the review workflow (POST /catalogue/cards/:id/<step>). */
export type StepAction = 'submit' | 'forward' | 'return' | 'approve' | 'reject';

export const QUEUE_PAGE = 20;
export const NOTICES_PAGE = 20;

/** Shared with the card list of catalogue-cards: one card is cached once, whoever shows it. */
export const cardsKey = ['catalogue', 'cards'] as const;
export const queueKey = ['catalogue', 'review-queue'] as const;

const id = (x: string) => encodeURIComponent(x);

/** `GET /catalogue/review-queue`, oldest submission first, paged by offset. */
export const reviewQueueQuery = infiniteQueryOptions({
  queryKey: queueKey,
  initialPageParam: 0,
  queryFn: ({ pageParam, signal }) =>
    api.get<ServiceCardSummary[]>('/catalogue/review-queue', {
      signal,
      query: { limit: QUEUE_PAGE, offset: pageParam },
    }),
  getNextPageParam: (last, pages) => (last.length < QUEUE_PAGE ? undefined : pages.length * QUEUE_PAGE),
  // A queue others work on too: look again when the reviewer comes back to it.
  staleTime: 10_000,
  retry: (count, error) => !(error instanceof ApiError && error.status === 403) && count < 2,
});

/** `GET /catalogue/notifications`: expiry reminders, expiries and escalations for the agencies administered. */
export const notificationsQuery = infiniteQueryOptions({
  queryKey: ['catalogue', 'notifications'],
  initialPageParam: 0,
  queryFn: ({ pageParam, signal }) =>
    api.get<CardNotification[]>('/catalogue/notifications', {
      signal,
      query: { limit: NOTICES_PAGE, offset: pageParam },
    }),
  getNextPageParam: (last, pages) => (last.length < NOTICES_PAGE ? undefined : pages.length * NOTICES_PAGE),
  retry: false,
});

export const cardQuery = (cardId: string) =>
  queryOptions({
    queryKey: [...cardsKey, 'card', cardId],
    queryFn: ({ signal }) => api.get<ServiceCardView>(`/catalogue/cards/${id(cardId)}`, { signal }),
  });

/**
 * `GET /catalogue/cards/:id/capabilities`: what the viewer may do to the card now, one boolean per
 * operation, by the server's own checks (the workflow, the roles and separation of duties).
 */
export const cardCapabilitiesQuery = (cardId: string) =>
  queryOptions({
    queryKey: [...cardsKey, 'capabilities', cardId],
    queryFn: ({ signal }) => api.get<CardCapabilities>(`/catalogue/cards/${id(cardId)}/capabilities`, { signal }),
  });

export const diffQuery = (cardId: string, from: number, to: number) =>
  queryOptions({
    queryKey: [...cardsKey, 'diff', cardId, from, to],
    queryFn: ({ signal }) => api.get<CardDiff>(`/catalogue/cards/${id(cardId)}/diff`, { signal, query: { from, to } }),
    // Frozen versions never change; a draft may, so look again after a minute.
    staleTime: 60_000,
  });

/** One step at the version read; a stale version is refused with 409 CONFLICT. */
export const stepCard = (
  cardId: string,
  action: StepAction,
  body: { version: number; comment?: string; changeBasis?: ChangeBasis; headApproval?: HeadApproval },
) => api.post<ServiceCardView>(`/catalogue/cards/${id(cardId)}/${action}`, body);

/** Opens a change request on an approved card: a new draft version; the approved one stays in force. */
export const openChangeRequest = (cardId: string, body: { version: number; comment?: string }) =>
  api.post<ServiceCardView>(`/catalogue/cards/${id(cardId)}/change-requests`, body);

/** Renews an approved card: `confirm` (unchanged, to central review) or `change` (a change request). */
export const renewCard = (cardId: string, body: { version: number; mode: 'confirm' | 'change'; comment?: string }) =>
  api.post<ServiceCardView>(`/catalogue/cards/${id(cardId)}/renew`, body);

// What a card refers to, fetched to show names instead of ids -----------------------------------

/** Active agencies (public list). */
export const agenciesQuery = queryOptions({
  queryKey: ['public', 'agencies', 'flat'],
  queryFn: async ({ signal }) =>
    itemsOf(await api.get<PublicAgency[] | { items: PublicAgency[] }>('/agencies', { signal })),
  staleTime: 5 * 60_000,
});

/** The service architecture (public): category and layer names. */
export const architectureQuery = queryOptions({
  queryKey: ['public', 'catalogue', 'architecture'],
  queryFn: ({ signal }) => api.get<ServiceArchitecture>('/catalogue/architecture', { signal }),
  staleTime: 5 * 60_000,
  retry: false,
});

/** An agency's units: open to its administrators only; others see no names (and no error). */
export const unitsQuery = (agencyId: string) =>
  queryOptions({
    queryKey: ['admin', 'agencies', agencyId, 'units'],
    queryFn: async ({ signal }) =>
      itemsOf(await api.get<OrgUnit[] | { items: OrgUnit[] }>(`/admin/agencies/${id(agencyId)}/units`, { signal })),
    staleTime: 5 * 60_000,
    retry: false,
  });

/** An agency's staff with their roles: open to its administrators only (names in the history, the head approver). */
export const staffQuery = (agencyId: string) =>
  queryOptions({
    queryKey: ['admin', 'agencies', agencyId, 'staff'],
    queryFn: async ({ signal }) =>
      itemsOf(
        await api.get<StaffMember[] | { items: StaffMember[] }>(`/admin/agencies/${id(agencyId)}/staff`, { signal }),
      ),
    staleTime: 5 * 60_000,
    retry: false,
  });

/** Someone acted on the card first: a stale version, or a step its new status no longer allows. */
export const isConflict = (error: unknown): boolean => error instanceof ApiError && error.status === 409;

/** The field problems of a refused write (VALIDATION_FAILED or CARD_INCOMPLETE): `[{ field, message }]`. */
export function problemsOf(error: unknown): Array<{ field: string; message: string }> {
  if (!(error instanceof ApiError)) return [];
  const fields = (error.details as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.filter(
    (f): f is { field: string; message: string } =>
      typeof f === 'object' &&
      f !== null &&
      typeof (f as { field?: unknown }).field === 'string' &&
      typeof (f as { message?: unknown }).message === 'string',
  );
}

/** The versions a card has had: 1 … the highest named by the card or its history. */
export function versionsOf(card: ServiceCardView): number[] {
  const max = Math.max(card.currentVersion, card.approvedVersion ?? 1, ...card.history.map((h) => h.versionNo ?? 1));
  return Array.from({ length: max }, (_, i) => i + 1);
}

/** Days from `now` to an instant (negative once past), rounded up. */
export const daysUntil = (iso: string, now: number): number => Math.ceil((new Date(iso).getTime() - now) / 86_400_000);
