import type { Db } from '../../platform/db';
import { agenciesByIds, agencyIdsInProvince, agencyNameRanks } from '../organisation';
import * as repo from './reports.repository';

/*
 * Reports and their rows as the screens show them: the module's own rows, then one batched call to
 * the organisation for the agencies' names and provinces, in the caller's db or transaction. The
 * report list is ordered by agency name: the organisation ranks the agencies the filter keeps and
 * the repository pages by that rank.
 */

async function namedReports(db: Db, found: readonly repo.ReportRecord[]): Promise<repo.ReportRow[]> {
  if (found.length === 0) return [];
  const agencies = await agenciesByIds(db, found.map((r) => r.agencyId));
  return found.map((r) => ({ ...r, agencyName: agencies.get(r.agencyId)?.nameFa ?? '' }));
}

async function namedRows(db: Db, found: readonly repo.RowRecord[]): Promise<repo.RowRow[]> {
  if (found.length === 0) return [];
  const agencies = await agenciesByIds(db, found.map((r) => r.agencyId));
  return found.map((r) => ({
    ...r,
    agencyName: agencies.get(r.agencyId)?.nameFa ?? '',
    province: agencies.get(r.agencyId)?.province ?? null,
  }));
}

export async function findReport(db: Db, id: string, forUpdate = false): Promise<repo.ReportRow | undefined> {
  const r = await repo.findReport(db, id, forUpdate);
  return r && (await namedReports(db, [r]))[0];
}

export async function findCurrentReport(db: Db, agencyId: string, year: number): Promise<repo.ReportRow | undefined> {
  const r = await repo.findCurrentReport(db, agencyId, year);
  return r && (await namedReports(db, [r]))[0];
}

/** A page of reports (newest year first, then by agency name, newest revision) with the total. */
export async function listReports(db: Db, f: repo.ReportFilter): Promise<{ items: repo.ReportRow[]; total: number }> {
  const rank = await agencyNameRanks(db, await repo.reportAgencyIds(db, f));
  const { items, total } = await repo.listReports(db, f, rank);
  return { items: await namedReports(db, items), total };
}

export const reportRows = async (db: Db, reportId: string) => namedRows(db, await repo.reportRows(db, reportId));

/** A report row; with `lockReport`, its report is share-locked (repo.findReportRow). */
export async function findReportRow(db: Db, id: string, lockReport = false): Promise<repo.RowRow | undefined> {
  const r = await repo.findReportRow(db, id, lockReport);
  return r && (await namedRows(db, [r]))[0];
}

/** Rows of current reports in the review statuses asked (repo.reviewRows), of one province's agencies when asked. */
export async function reviewRows(
  db: Db,
  f: Omit<Parameters<typeof repo.reviewRows>[1], 'agencyIds'> & { province?: string | undefined },
): Promise<{ items: repo.RowRow[]; total: number }> {
  const { province, ...rest } = f;
  const agencyIds = province ? await agencyIdsInProvince(db, province) : undefined;
  const { items, total } = await repo.reviewRows(db, { ...rest, agencyIds });
  return { items: await namedRows(db, items), total };
}
