import type { Db } from '../../platform/db';
import { approvedTitles } from '../catalogue';
import { agenciesByIds, agencyNameRanks } from '../organisation';
import * as repo from './licences.repository';

/*
 * Licences as the screens show them: the register's own rows, then one batched call each to the
 * organisation (agency names) and the catalogue (the title in force of the mapped service), in the
 * caller's db or transaction. Lists are ordered by agency name: the organisation ranks the agencies
 * the filter keeps, and the repository pages by that rank, title and id.
 */

async function named(db: Db, found: readonly repo.LicenceRecord[]): Promise<repo.LicenceRow[]> {
  if (found.length === 0) return [];
  const [agencies, titles] = await Promise.all([
    agenciesByIds(db, found.map((l) => l.agencyId)),
    approvedTitles(db, [...new Set(found.flatMap((l) => (l.serviceId ? [l.serviceId] : [])))]),
  ]);
  return found.map((l) => ({
    ...l,
    agencyNameFa: agencies.get(l.agencyId)?.nameFa ?? '',
    agencyNameEn: agencies.get(l.agencyId)?.nameEn ?? null,
    serviceTitle: l.serviceId ? (titles.get(l.serviceId) ?? null) : null,
  }));
}

/** The licence (with `forUpdate`, locked until the transaction ends). */
export async function findLicence(db: Db, id: string, forUpdate = false): Promise<repo.LicenceRow | undefined> {
  const l = await repo.findLicence(db, id, forUpdate);
  return l && (await named(db, [l]))[0];
}

/** A page of licences by agency name, title and id, with the total. */
export async function listLicences(db: Db, f: repo.ListFilter): Promise<{ items: repo.LicenceRow[]; total: number }> {
  const rank = await agencyNameRanks(db, await repo.licenceAgencies(db, f));
  const { items, total } = await repo.listLicences(db, f, rank);
  return { items: await named(db, items), total };
}

/** Active licences without a service id per agency, by agency name (then id). */
export async function unmappedCounts(db: Db, agencyIds: string[] | null) {
  const counts = await repo.unmappedCounts(db, agencyIds);
  const ids = counts.map((c) => c.agencyId);
  const [agencies, rank] = await Promise.all([agenciesByIds(db, ids), agencyNameRanks(db, ids)]);
  return counts
    .map((c) => ({ ...c, agencyNameFa: agencies.get(c.agencyId)?.nameFa ?? '', agencyNameEn: agencies.get(c.agencyId)?.nameEn ?? null }))
    .sort((a, b) => (rank.get(a.agencyId) ?? 0) - (rank.get(b.agencyId) ?? 0) || (a.agencyId < b.agencyId ? -1 : a.agencyId > b.agencyId ? 1 : 0));
}
