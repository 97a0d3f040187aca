import type * as C from '@dargah/contracts';
import { api } from '../../lib/api';

export type DeskReport = C.DeskReport;
export type DeskReportRow = C.DeskReportRow;
export type DeskReportFigures = C.DeskReportFigures;
export type DeskReportGroup = C.DeskReportGroup;
export type DeskReportOptions = C.DeskReportOptions;

export interface DeskFilters {
  year: string;
  groupBy: DeskReportGroup;
  agencyId: string;
  serviceId: string;
  unitId: string;
  officeKind: string;
}

/** The query string of the filters (empty ones left out). */
export function filterQuery(f: DeskFilters): Record<string, string> {
  return Object.fromEntries((Object.entries(f) as Array<[string, string]>).filter(([, v]) => v !== ''));
}

export const deskReportQuery = (f: DeskFilters) => ({
  queryKey: ['desk-reports', 'report', f] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) => api.get<DeskReport>('/desk-reports', { signal, query: filterQuery(f) }),
});

export const deskOptionsQuery = (agencyId: string) => ({
  queryKey: ['desk-reports', 'options', agencyId] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    api.get<DeskReportOptions>('/desk-reports/options', { signal, query: agencyId ? { agencyId } : {} }),
});

/** Where the browser downloads the report as a file (the session cookie goes along). */
export function exportUrl(f: DeskFilters, format: 'csv' | 'xlsx'): string {
  return `/api/v1/desk-reports?${new URLSearchParams({ ...filterQuery(f), format }).toString()}`;
}
