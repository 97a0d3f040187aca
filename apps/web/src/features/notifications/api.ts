import type {
  DeliveryPage,
  DeliveryRecord,
  EmailOnFile,
  Inbox,
  InboxMessage,
  NotificationPreferences,
} from '@dargah/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';

export type { DeliveryRecord, EmailOnFile, InboxMessage, NotificationPreferences };
export type ExternalChannel = 'sms' | 'email';

/**
 * The signed-in person's messages (`/me/notifications`), their channel preferences, their e-mail on
 * file, and for staff the delivery of one request's messages. The server decides what each may see.
 */

const INBOX_PAGE = 20;

export const inboxQuery = infiniteQueryOptions({
  queryKey: ['notifications', 'inbox'],
  queryFn: ({ signal, pageParam }) =>
    api.get<Inbox>('/me/notifications', { signal, query: { before: pageParam, limit: INBOX_PAGE } }),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextBefore ?? undefined,
  staleTime: 15_000,
});

/** The unread count for the navigation's badge (one message fetched; the count comes with it). */
export const unreadQuery = queryOptions({
  queryKey: ['notifications', 'unread'],
  queryFn: ({ signal }) => api.get<Inbox>('/me/notifications', { signal, query: { limit: 1 } }),
  select: (inbox) => inbox.unread,
  staleTime: 30_000,
  refetchInterval: 60_000,
});

export const markRead = (id: string) => api.post<null>(`/me/notifications/${encodeURIComponent(id)}/read`);

export const preferencesQuery = queryOptions({
  queryKey: ['notifications', 'preferences'],
  queryFn: ({ signal }) => api.get<NotificationPreferences>('/me/notification-preferences', { signal }),
});

export const savePreferences = (channels: ExternalChannel[]) =>
  api.put<NotificationPreferences>('/me/notification-preferences', { channels });

export const emailQuery = queryOptions({
  queryKey: ['notifications', 'email'],
  queryFn: ({ signal }) => api.get<EmailOnFile>('/me/email', { signal }),
});

export const requestEmail = (email: string, key: string) =>
  api.put<EmailOnFile>('/me/email', { email }, { idempotencyKey: key });

export const verifyEmail = (code: string, key: string) =>
  api.post<EmailOnFile>('/me/email/verify', { code }, { idempotencyKey: key });

/** The messages sent about one request, for its desk staff (`GET /notifications?requestId=`). */
export const requestDeliveriesQuery = (requestId: string) =>
  queryOptions({
    queryKey: ['notifications', 'deliveries', requestId],
    queryFn: ({ signal }) => api.get<DeliveryPage>('/notifications', { signal, query: { requestId, limit: 50 } }),
    staleTime: 10_000,
  });
