import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { CartableItem, Page, RequestStatus } from '../../../lib/contracts';

/*
 * The cartable's work items (GET /cartable with its filters, claim, release, assign, refer,
 * internal notes, bulk actions, colleagues and the unit's load), as the API returns them
 * (apps/api/src/modules/requests/cartable.schemas.ts).
 */

export type WorkAction = 'claim' | 'release' | 'assign' | 'refer' | 'note';
export type SlaBadge = 'on_time' | 'due_soon' | 'overdue';
export type ClaimFilter = 'mine' | 'unclaimed' | 'all';

export interface Claim {
  holderId: string;
  holderName: string;
  mine: boolean;
  via: 'claim' | 'assign' | 'refer';
  heldSince: string;
}

export type WorkRow = CartableItem & {
  agencyId: string;
  serviceId: string;
  /** The status in words, by the request's own workflow definition. */
  statusLabel: string;
  sla: SlaBadge | null;
  claim: Claim | null;
  claimVersion: number;
  actions: WorkAction[];
};

export interface WorkItem {
  requestId: string;
  agencyId: string;
  claim: Claim | null;
  claimVersion: number;
  actions: WorkAction[];
  notes: Array<{
    id: string;
    kind: 'note' | 'referral';
    authorName: string;
    mine: boolean;
    toName: string | null;
    body: string;
    at: string;
  }>;
  history: Array<{ action: string; at: string; actorName: string; holderName: string | null }>;
}

export interface BulkResult {
  allOrNothing: false;
  succeeded: number;
  failed: number;
  results: Array<{ requestId: string; ok: boolean; code: string | null; message: string | null }>;
}

export interface CartableFilters {
  /** A status of the requests' workflows (ADR 0034: any state id) or 'all'. */
  status?: RequestStatus | undefined;
  claim?: ClaimFilter | undefined;
  sla?: SlaBadge | undefined;
  q?: string | undefined;
}

export const SLA_BADGES: readonly SlaBadge[] = ['on_time', 'due_soon', 'overdue'];
export const CLAIM_FILTERS: readonly ClaimFilter[] = ['all', 'mine', 'unclaimed'];
export const isSla = (v: unknown): v is SlaBadge =>
  typeof v === 'string' && (SLA_BADGES as readonly string[]).includes(v);
export const isClaimFilter = (v: unknown): v is ClaimFilter =>
  typeof v === 'string' && (CLAIM_FILTERS as readonly string[]).includes(v);

/** `GET /cartable`: the work queue with its filters, oldest first, a page at a time. */
export const workQueueQuery = (f: CartableFilters) =>
  infiniteQueryOptions({
    queryKey: [
      'requests',
      'cartable',
      { status: f.status ?? 'open', claim: f.claim ?? 'all', sla: f.sla ?? null, q: f.q ?? '' },
    ],
    queryFn: ({ signal, pageParam }) =>
      api.get<Page<WorkRow>>('/cartable', {
        signal,
        query: { status: f.status, claim: f.claim, sla: f.sla, q: f.q || undefined, cursor: pageParam },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // A queue others work on too: look again when the clerk comes back to it.
    staleTime: 10_000,
  });

/** `GET /requests/:id/work`: holder, actions, internal notes and history (desk staff only). */
export const workItemQuery = (requestId: string) =>
  queryOptions({
    queryKey: ['requests', 'work', requestId],
    queryFn: ({ signal }) => api.get<WorkItem>(`/requests/${encodeURIComponent(requestId)}/work`, { signal }),
  });

/** `GET /cartable/colleagues`: desk colleagues to refer to; `assignable` ones for a unit manager. */
export const colleaguesQuery = (agencyId: string) =>
  queryOptions({
    queryKey: ['requests', 'colleagues', agencyId],
    queryFn: ({ signal }) =>
      api.get<{ agencyId: string; items: Array<{ id: string; name: string; assignable: boolean }> }>(
        '/cartable/colleagues',
        {
          signal,
          query: { agencyId },
        },
      ),
    staleTime: 60_000,
  });

/** `GET /cartable/load`: the unit manager's view of the unit's load. */
export const unitLoadQuery = queryOptions({
  queryKey: ['requests', 'cartable-load'],
  queryFn: ({ signal }) =>
    api.get<{
      agencyId: string;
      unclaimed: number;
      unclaimedOverdue: number;
      colleagues: Array<{ id: string; name: string; open: number; overdue: number }>;
    }>('/cartable/load', { signal }),
  staleTime: 10_000,
});

const path = (requestId: string, action: string) => `/requests/${encodeURIComponent(requestId)}/${action}`;

/** Claim, release, assign or refer one item at the claim version shown (a stale one is refused with 409). */
export const changeWork = (
  requestId: string,
  change:
    | { op: 'claim' | 'release'; version: number }
    | { op: 'assign'; staffId: string; version: number }
    | { op: 'refer'; staffId: string; note: string; version: number },
  idempotencyKey: string,
) => {
  const { op, ...body } = change;
  return api.post<WorkItem>(path(requestId, op), body, { idempotencyKey });
};

/** `POST /requests/:id/internal-notes`: a staff-only note. */
export const addInternalNote = (requestId: string, body: string, idempotencyKey: string) =>
  api.post<WorkItem>(path(requestId, 'internal-notes'), { body }, { idempotencyKey });

/** `POST /cartable/bulk`: claim or assign several, each on its own. */
export const bulkWork = (body: { action: 'claim' | 'assign'; requestIds: string[]; staffId?: string }) =>
  api.post<BulkResult>('/cartable/bulk', body);
