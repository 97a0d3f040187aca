import type * as C from '@dargah/contracts';
import { api } from '../../lib/api';

export type DeskScorecard = C.DeskScorecard;
export type ScorecardRow = C.ScorecardRow;

export interface ScorecardFilters {
  /** '' for the current year. */
  year: string;
  province: string;
}

const queryOf = (f: ScorecardFilters): Record<string, string> =>
  Object.fromEntries((Object.entries(f) as Array<[string, string]>).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));

export const scorecardQuery = (f: ScorecardFilters) => ({
  queryKey: ['desk-scorecard', f] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) => api.get<DeskScorecard>('/desk-scorecard', { signal, query: queryOf(f) }),
});

/** Where the browser downloads the table as a file (the session cookie goes along). */
export const scorecardExportUrl = (f: ScorecardFilters, format: 'csv' | 'xlsx') =>
  `/api/v1/desk-scorecard?${new URLSearchParams({ ...queryOf(f), format }).toString()}`;
