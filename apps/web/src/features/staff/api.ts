import type { CardCounts, ReviewQueueCounts } from '@dargah/contracts';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';

/**
 * The counts on the staff home's sections. Each answer covers exactly what the section's own page
 * lists for the same person (the server applies the same scope).
 */

export const cardCountsQuery = queryOptions({
  queryKey: ['staff-home', 'card-counts'],
  queryFn: ({ signal }) => api.get<CardCounts>('/catalogue/cards/counts', { signal }),
  staleTime: 30_000,
});

export const reviewCountsQuery = queryOptions({
  queryKey: ['staff-home', 'review-counts'],
  queryFn: ({ signal }) => api.get<ReviewQueueCounts>('/catalogue/review-queue/counts', { signal }),
  staleTime: 30_000,
});

/** The central review's pending rows: only the total is needed. */
export const pendingDeliveryRowsQuery = queryOptions({
  queryKey: ['staff-home', 'delivery-pending'],
  queryFn: ({ signal }) =>
    api.get<{ total: number }>('/catalogue/delivery-review', { signal, query: { status: 'pending', limit: 1 } }),
  staleTime: 30_000,
});
