import type * as C from '@dargah/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';

/**
 * The service architecture for central reviewers: the taxonomy (macro domains with categories,
 * service layers), the gaps per domain, and marks on approved services. The server decides who may
 * do what; the page only offers it to those who may.
 */

export type TaxonomyAdmin = C.TaxonomyAdmin;
export type TaxonomyTerm = C.TaxonomyTerm;
export type ServiceCategory = C.ServiceCategory;
export type ArchitectureGaps = C.ArchitectureGaps;
export type ServiceMark = C.ServiceMark;
export type ServiceMarkPage = C.ServiceMarkPage;
export type MarkKind = C.MarkKind;
export type MarkStatus = C.MarkStatus;
export type MarkCapabilities = C.MarkCapabilities;
export type TermInput = C.TaxonomyTermInput;

export const MARK_KINDS: readonly MarkKind[] = ['duplicate', 'removable', 'merge'];
export const MARKS_PAGE = 20;

export const architectureKey = ['catalogue', 'architecture'] as const;
const id = (x: string) => encodeURIComponent(x);

/** `GET /catalogue/architecture/terms`: the taxonomy with versions, for editing. */
export const termsQuery = queryOptions({
  queryKey: [...architectureKey, 'terms'],
  queryFn: ({ signal }) => api.get<TaxonomyAdmin>('/catalogue/architecture/terms', { signal }),
  retry: false,
});

/** `GET /catalogue/architecture/gaps`. */
export const gapsQuery = queryOptions({
  queryKey: [...architectureKey, 'gaps'],
  queryFn: ({ signal }) => api.get<ArchitectureGaps>('/catalogue/architecture/gaps', { signal }),
  retry: false,
});

/** `GET /catalogue/marks?status=`, newest first, paged by offset. */
export const marksQuery = (status: MarkStatus | undefined) =>
  infiniteQueryOptions({
    queryKey: [...architectureKey, 'marks', status ?? 'all'],
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) =>
      api.get<ServiceMarkPage>('/catalogue/marks', {
        signal,
        query: { status, limit: MARKS_PAGE, offset: pageParam },
      }),
    getNextPageParam: (last, pages) => {
      const seen = pages.reduce((n, p) => n + p.items.length, 0);
      return seen < last.total ? seen : undefined;
    },
    retry: false,
  });

export type TermKind = 'domains' | 'layers' | 'categories';

/** Creates take an idempotency key: a retried or double-clicked create returns the first result. */
export const createTerm = (kind: TermKind, body: TermInput & { domainId?: string }, idempotencyKey: string) =>
  api.post<TaxonomyTerm>(`/catalogue/architecture/${kind}`, body, { idempotencyKey });
export const updateTerm = (kind: TermKind, termId: string, body: TermInput & { domainId?: string; version: number }) =>
  api.put<TaxonomyTerm>(`/catalogue/architecture/${kind}/${id(termId)}`, body);
export const deleteTerm = (kind: TermKind, termId: string, version: number) =>
  api.delete<void>(`/catalogue/architecture/${kind}/${id(termId)}`, { query: { version } });

export const createMark = (
  body: { serviceId: string; kind: MarkKind; relatedServiceId?: string; note?: string },
  idempotencyKey: string,
) => api.post<ServiceMark>('/catalogue/marks', body, { idempotencyKey });
/** Whether the reviewer may resolve the mark (not whoever made it, nor a reviewer of the service's agency). */
export const markCapabilitiesQuery = (markId: string) =>
  queryOptions({
    queryKey: [...architectureKey, 'marks', 'capabilities', markId],
    queryFn: ({ signal }) => api.get<MarkCapabilities>(`/catalogue/marks/${id(markId)}/capabilities`, { signal }),
  });
export const resolveMark = (markId: string, body: { version: number; note: string }) =>
  api.post<ServiceMark>(`/catalogue/marks/${id(markId)}/resolve`, body);

/** One result of the public catalogue search (GET /catalogue/services?q=). */
export interface FoundService {
  serviceId: string;
  title: string;
  agency: { id: string; name: string };
}
export const searchServices = (q: string, signal?: AbortSignal) =>
  api.get<{ items: FoundService[] }>('/catalogue/services', { query: { q, limit: 10 }, ...(signal ? { signal } : {}) });
