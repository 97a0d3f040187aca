import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Feedback, FeedbackState, FeedbackSummary, GiveFeedback, LowRating, Page } from '../../lib/contracts';

/** `GET /requests/:id/feedback`: the applicant's rating, and whether they may rate now. */
export const feedbackStateQuery = (requestId: string) =>
  queryOptions({
    queryKey: ['feedback', 'state', requestId],
    queryFn: ({ signal }) => api.get<FeedbackState>(`/requests/${encodeURIComponent(requestId)}/feedback`, { signal }),
  });

/** `POST /requests/:id/feedback`: rate a closed request once. */
export const giveFeedback = (requestId: string, body: GiveFeedback) =>
  api.post<Feedback>(`/requests/${encodeURIComponent(requestId)}/feedback`, body);

/** `GET /feedback/summary`: ratings per agency, service and office. */
export const feedbackSummaryQuery = queryOptions({
  queryKey: ['feedback', 'summary'],
  queryFn: ({ signal }) => api.get<FeedbackSummary>('/feedback/summary', { signal }),
});

/** `GET /feedback/low`: ratings of 1–2 with their comments, newest first (unit managers). */
export const lowRatingsQuery = infiniteQueryOptions({
  queryKey: ['feedback', 'low'],
  queryFn: ({ signal, pageParam }) => api.get<Page<LowRating>>('/feedback/low', { signal, query: { cursor: pageParam } }),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});
