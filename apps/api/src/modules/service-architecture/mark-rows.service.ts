import type { Db } from '../../platform/db';
import { approvedCardOfService, approvedClassifications, cardBriefs } from '../catalogue';
import { agenciesByIds, agencyNameRanks, findPeople } from '../organisation';
import * as repo from './architecture.repository';

/*
 * The architecture's own rows (marks, categories) with what other modules know of them: the marked
 * cards' titles and service ids (the catalogue), the agencies' names and the staff's (the
 * organisation), each asked once per list through the owner's index.ts, in the caller's db or tx.
 */

/** Ascending, in code-unit order (ids are ASCII: the same as the database's). */
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The marks with their cards, agencies and staff named. */
async function named(db: Db, found: readonly repo.MarkRecord[]): Promise<repo.MarkRow[]> {
  if (found.length === 0) return [];
  const cards = await cardBriefs(db, found.flatMap((m) => (m.relatedCardId ? [m.cardId, m.relatedCardId] : [m.cardId])));
  const [agencies, people] = await Promise.all([
    agenciesByIds(db, [...cards.values()].map((c) => c.agencyId)),
    findPeople(db, { staff: found.flatMap((m) => (m.resolvedBy ? [m.createdBy, m.resolvedBy] : [m.createdBy])) }),
  ]);
  return found.map((m) => {
    const c = cards.get(m.cardId);
    const rc = m.relatedCardId ? cards.get(m.relatedCardId) : undefined;
    return {
      ...m,
      createdByName: people.staff.get(m.createdBy) ?? '',
      resolvedByName: m.resolvedBy ? (people.staff.get(m.resolvedBy) ?? null) : null,
      title: c?.title ?? '',
      serviceId: c?.serviceId ?? null,
      agencyId: c?.agencyId ?? '',
      agencyName: (c && agencies.get(c.agencyId)?.nameFa) ?? '',
      relatedTitle: rc ? rc.title : null,
      relatedServiceId: rc?.serviceId ?? null,
      relatedAgencyId: rc?.agencyId ?? null,
      relatedAgencyName: rc ? (agencies.get(rc.agencyId)?.nameFa ?? null) : null,
    };
  });
}

/** The mark (repo.findMark; with `forUpdate`, locked until the transaction ends). */
export async function findMark(db: Db, id: string, forUpdate = false): Promise<repo.MarkRow | undefined> {
  const m = await repo.findMark(db, id, forUpdate);
  return m && (await named(db, [m]))[0];
}

/** A page of marks (repo.listMarks: newest first) with their names. */
export async function listMarks(db: Db, f: Parameters<typeof repo.listMarks>[1]): Promise<{ items: repo.MarkRow[]; total: number }> {
  const { items, total } = await repo.listMarks(db, f);
  return { items: await named(db, items), total };
}

/** The approved card of a service id (locked with `forUpdate`), with its agency's name. */
export async function findApprovedCard(db: Db, serviceId: string, forUpdate = false) {
  const card = await approvedCardOfService(db, serviceId, forUpdate);
  return card && { ...card, agencyName: (await agenciesByIds(db, [card.agencyId])).get(card.agencyId)?.nameFa ?? '' };
}

/**
 * What the gaps screen counts, over the architecture's categories: approved services per category
 * (null: no known category), open marks per macro domain of the marked card's approved category,
 * and the approved services without a known category per agency (most first, then by name).
 */
export async function gapFacts(db: Db, categories: readonly repo.CategoryRow[]) {
  const domainOf = new Map(categories.map((c) => [c.id, c.domainId]));
  const [classified, openMarks] = await Promise.all([approvedClassifications(db), repo.openMarkCards(db)]);
  const counts = new Map<string | null, number>();
  const unclassified = new Map<string, number>();
  for (const r of classified) {
    const key = r.categoryId !== null && domainOf.has(r.categoryId) ? r.categoryId : null;
    counts.set(key, (counts.get(key) ?? 0) + r.n);
    if (key === null) unclassified.set(r.agencyId, (unclassified.get(r.agencyId) ?? 0) + r.n);
  }
  const cards = await cardBriefs(db, openMarks.map((m) => m.cardId));
  const marks = new Map<string, number>();
  for (const m of openMarks) {
    const category = cards.get(m.cardId)?.approvedCategoryId;
    const domain = category ? domainOf.get(category) : undefined;
    if (domain) marks.set(domain, (marks.get(domain) ?? 0) + m.n);
  }
  const [names, rank] = await Promise.all([
    agenciesByIds(db, unclassified.keys()),
    agencyNameRanks(db, unclassified.keys()),
  ]);
  const byAgency = [...unclassified]
    .map(([agencyId, n]) => ({ agencyId, name: names.get(agencyId)?.nameFa ?? '', n }))
    .sort((a, b) => b.n - a.n || (rank.get(a.agencyId) ?? 0) - (rank.get(b.agencyId) ?? 0) || byCodeUnit(a.agencyId, b.agencyId));
  return { counts, marks, unclassified: byAgency };
}
