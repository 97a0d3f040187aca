import type { CalendarCapabilities, Closure, Holiday, HolidayKind, HolidayTable, ImportProblem } from '@dargah/contracts';
import { HOLIDAY_KINDS } from '@dargah/contracts';
import { toJalali } from '@dargah/persian';
import { queryOptions } from '@tanstack/react-query';
import { api, ApiError } from '../../lib/api';

export type { CalendarCapabilities, Closure, Holiday, HolidayKind, HolidayTable, ImportProblem };
export { HOLIDAY_KINDS };

/**
 * The working-day calendar: a year's holiday table (read by anyone, published by the central
 * organisation, edited here or imported from CSV) and the local closures of agencies and provinces.
 */

export const YEAR_MIN = 1390;
export const YEAR_MAX = 1499;
/** The Jalali year of today in Tehran. */
export const currentYear = (): number => toJalali(new Date()).jy;

/** `?year=1405` in the URL, or nothing (the current year). */
export function validateCalendarSearch(search: Record<string, unknown>): { year?: number } {
  const y = Number(search.year);
  return Number.isInteger(y) && y >= YEAR_MIN && y <= YEAR_MAX ? { year: y } : {};
}

export const holidayTableQuery = (year: number) =>
  queryOptions({
    queryKey: ['calendar', 'holidays', year],
    queryFn: ({ signal }) => api.get<HolidayTable>(`/calendar/holidays/${year}`, { signal }),
  });

export const closuresQuery = (year: number, scope: { agencyId?: string; province?: string }) =>
  queryOptions({
    queryKey: ['calendar', 'closures', year, scope],
    queryFn: ({ signal }) => api.get<Closure[]>('/calendar/closures', { signal, query: { year, ...scope } }),
  });

export const capabilitiesQuery = queryOptions({
  queryKey: ['calendar', 'capabilities'],
  queryFn: ({ signal }) => api.get<CalendarCapabilities>('/calendar/capabilities', { signal }),
  staleTime: 60_000,
});

export interface HolidayDraft {
  date: string;
  titleFa: string;
  titleEn: string;
  kind: HolidayKind;
}

/** PUT the whole table at the version read (0 for a year never published). */
export const publishTable = (year: number, version: number, holidays: HolidayDraft[]) =>
  api.put<HolidayTable>(`/calendar/holidays/${year}`, {
    version,
    holidays: holidays.map((h) => ({ date: h.date, titleFa: h.titleFa, titleEn: h.titleEn.trim() || null, kind: h.kind })),
  });

/** POST the CSV file as the body: a check (dryRun) or the publication. */
export const importTable = (year: number, version: number, file: File, dryRun: boolean) =>
  api.post<HolidayTable>(`/calendar/holidays/${year}/import`, file, {
    query: { version, dryRun },
    headers: { 'Content-Type': 'text/csv' },
  });

export const addClosure = (c: { date: string; titleFa: string; agencyId?: string; province?: string }) =>
  api.post<Closure>('/calendar/closures', c);

export const removeClosure = (id: string) => api.delete<null>(`/calendar/closures/${id}`);

/** The problems by row and column of a refused import, or none. */
export function importProblemsOf(error: unknown): ImportProblem[] {
  if (!(error instanceof ApiError) || error.code !== 'HOLIDAY_IMPORT_INVALID') return [];
  const problems = (error.details as { problems?: unknown } | undefined)?.problems;
  return Array.isArray(problems) ? (problems as ImportProblem[]) : [];
}
