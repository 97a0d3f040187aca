import type { AuditChainStatus, AuditEntry, AuditEntryPage, AuditVerificationRecord } from '@dargah/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';

export type { AuditChainStatus, AuditEntry, AuditVerificationRecord };

/**
 * The audit log: entries filtered in the URL (`/staff/audit?action=…`), one entry, the chain's
 * status and a walk of the chain on demand. The server decides whose entries a person reads.
 */

export const FILTER_KEYS = ['agencyId', 'actor', 'action', 'objectType', 'objectId', 'from', 'to'] as const;
export type AuditFilterKey = (typeof FILTER_KEYS)[number];
export type AuditSearch = Partial<Record<AuditFilterKey, string>>;

/** The filters of a URL's search, each a trimmed non-empty string of reasonable length (others dropped). */
export function validateAuditSearch(search: Record<string, unknown>): AuditSearch {
  const out: AuditSearch = {};
  for (const key of FILTER_KEYS) {
    const v = search[key];
    // The router reads `?objectId=7` as a number: any filter may come as one.
    const text = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
    if (typeof text === 'string' && text.trim() !== '' && text.length <= 200) out[key] = text.trim();
  }
  return out;
}

export const hasFilters = (f: AuditSearch) => FILTER_KEYS.some((k) => f[k] !== undefined);

const PAGE_SIZE = 50;

export const auditEntriesQuery = (f: AuditSearch) =>
  infiniteQueryOptions({
    queryKey: ['audit', 'entries', f],
    queryFn: ({ signal, pageParam }) =>
      api.get<AuditEntryPage>('/audit/entries', { signal, query: { ...f, cursor: pageParam, limit: PAGE_SIZE } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // A record of what happens: someone may act meanwhile, so look again when coming back.
    staleTime: 10_000,
  });

/** The newest few entries, for the staff home. */
export const latestEntriesQuery = (n: number) =>
  queryOptions({
    queryKey: ['audit', 'latest', n],
    queryFn: ({ signal }) => api.get<AuditEntryPage>('/audit/entries', { signal, query: { limit: n } }),
    staleTime: 10_000,
  });

export const auditEntryQuery = (id: string) =>
  queryOptions({
    queryKey: ['audit', 'entry', id],
    queryFn: ({ signal }) => api.get<AuditEntry>(`/audit/entries/${encodeURIComponent(id)}`, { signal }),
    // An entry never changes.
    staleTime: Infinity,
  });

export const chainStatusQuery = queryOptions({
  queryKey: ['audit', 'status'],
  queryFn: ({ signal }) => api.get<AuditChainStatus>('/audit/status', { signal }),
  staleTime: 30_000,
});

/** `POST /audit/verifications`: walks the whole chain now (auditors, platform administrators). */
export const verifyChain = () => api.post<AuditVerificationRecord>('/audit/verifications', {});

/** Where the browser downloads the filtered list as CSV (the session cookie goes along). */
export function csvUrl(f: AuditSearch): string {
  const q = new URLSearchParams({ ...(f as Record<string, string>), format: 'csv' });
  return `/api/v1/audit/entries?${q.toString()}`;
}
