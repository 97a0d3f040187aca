import type { Db } from '../../platform/db';
import { agenciesByIds } from '../organisation';
import { refreshCatalogueEntry } from './catalogue-entries.service';
import * as repo from './catalogue.repository';

/*
 * Cards as the desk's screens and checks use them: the catalogue's own rows, then one batched call
 * to the organisation for their agencies' names and parents, in the caller's db or transaction.
 * Order and paging stay the repository's (on the cards' own columns).
 */

/** The cards with their agencies' names (both languages) and parent agency. */
async function named<T extends repo.CardRecord>(db: Db, found: readonly T[]): Promise<Array<T & repo.CardRow>> {
  if (found.length === 0) return [];
  const agencies = await agenciesByIds(db, found.map((c) => c.agencyId));
  return found.map((c) => {
    const a = agencies.get(c.agencyId);
    return { ...c, agencyNameFa: a?.nameFa ?? '', agencyNameEn: a?.nameEn ?? null, parentId: a?.parentId ?? null };
  });
}

/** The card; with `forUpdate`, its row stays locked until the transaction ends (repo.findCard). */
export async function findCard(db: Db, id: string, forUpdate = false): Promise<repo.CardRow | undefined> {
  const card = await repo.findCard(db, id, forUpdate);
  return card && (await named(db, [card]))[0];
}

/** A page of cards (repo.listCards) with their agencies' names. */
export const listCards = async (db: Db, f: repo.CardListFilter): Promise<repo.CardSummaryRow[]> =>
  named(db, await repo.listCards(db, f));

/**
 * Saves the card row at the version read (false when it changed since) and, in the same
 * transaction, its public catalogue entry: what the public search shows is what was committed.
 */
export async function saveCard(db: Db, id: string, version: number, p: repo.CardPatch, now: Date): Promise<boolean> {
  if (!(await repo.updateCard(db, id, version, p, now))) return false;
  await refreshCatalogueEntry(db, id);
  return true;
}
