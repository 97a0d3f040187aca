import type * as C from '@dargah/contracts';
import { api } from '../../lib/api';

export type DiscrepancyReport = C.DiscrepancyReport;
export type DiscrepancyRow = C.DiscrepancyRow;
export type ReviewRowPage = C.ReviewRowPage;
export type ReviewRow = C.ReviewRow;
export type PublicAgency = C.PublicAgency;
export type SectionKey = 'withoutId' | 'neverDelivered' | 'expiredDelivered';

export interface ReportFilters {
  from: string;
  to: string;
  agencyId: string;
  province: string;
}

export const PAGE_SIZE = 20;
const OFFSET_PARAM: Record<SectionKey, string> = {
  withoutId: 'withoutIdOffset',
  neverDelivered: 'neverDeliveredOffset',
  expiredDelivered: 'expiredOffset',
};

/** The query string of the filters (empty ones left out). */
export function filterQuery(f: ReportFilters): Record<string, string> {
  return Object.fromEntries(
    (Object.entries(f) as Array<[string, string]>).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]),
  );
}

export const reportQuery = (f: ReportFilters, offsets: Record<SectionKey, number>) => ({
  queryKey: ['catalogue-reports', 'discrepancies', f, offsets] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    api.get<DiscrepancyReport>('/catalogue/reports/discrepancies', {
      signal,
      query: {
        ...filterQuery(f),
        limit: PAGE_SIZE,
        ...Object.fromEntries((Object.keys(offsets) as SectionKey[]).map((k) => [OFFSET_PARAM[k], offsets[k]])),
      },
    }),
});

/** Where the browser downloads the report as a file (the session cookie goes along). */
export function exportUrl(f: ReportFilters, format: 'csv' | 'xlsx'): string {
  const q = new URLSearchParams({ ...filterQuery(f), format });
  return `/api/v1/catalogue/reports/discrepancies?${q.toString()}`;
}

export const agenciesQuery = {
  queryKey: ['catalogue-reports', 'agencies'] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) => api.get<PublicAgency[]>('/agencies', { signal }),
};

export const reviewQuery = {
  queryKey: ['catalogue-reports', 'review'] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    api.get<ReviewRowPage>('/catalogue/delivery-review', { signal, query: { limit: 100 } }),
};

/** Whether the reviewer may resolve the row (not the report's submitter, nor of its agency or one above). */
export const rowCapabilitiesQuery = (rowId: string) => ({
  queryKey: ['catalogue-reports', 'review', 'capabilities', rowId] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    api.get<C.DeliveryRowCapabilities>(`/catalogue/delivery-report-rows/${encodeURIComponent(rowId)}/capabilities`, {
      signal,
    }),
});

export const resolveRow = (id: string, body: C.ResolveDeliveryRow) =>
  api.post<ReviewRow>(`/catalogue/delivery-report-rows/${encodeURIComponent(id)}/resolve`, body);

/** Takes an idempotency key: a retried or double-clicked submission returns the first result. */
export const submitYearlyReport = (body: C.SubmitDeliveryReport, idempotencyKey: string) =>
  api.post<C.DeliveryReport>('/catalogue/delivery-reports', body, { idempotencyKey });
