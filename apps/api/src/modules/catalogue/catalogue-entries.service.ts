import type { ServiceCardContent } from '@dargah/contracts';
import { json, type Db } from '../../platform/db';
import { agenciesByIds } from '../organisation';
import { categoryDomains } from '../service-architecture';
import * as repo from './catalogue-public.repository';

/*
 * Keeping the public catalogue's entries (its search projection, catalogue_entries) current: the
 * catalogue's own cards, plus one batched call each to the organisation (agency names, legal id,
 * province, version) and the service architecture (a category's macro domain), in the caller's db
 * or transaction. The entry keeps the agency's version, so the sync sees a renamed agency.
 */

async function writeEntries(db: Db, sources: readonly repo.EntrySource[]): Promise<void> {
  if (sources.length === 0) return;
  const categoryOf = (s: repo.EntrySource) => json<ServiceCardContent>(s.content).classification?.categoryId ?? null;
  const [agencies, domains] = await Promise.all([
    agenciesByIds(db, sources.map((s) => s.agencyId)),
    categoryDomains(db, [...new Set(sources.flatMap((s) => categoryOf(s) ?? []))]),
  ]);
  for (const s of sources) {
    const a = agencies.get(s.agencyId);
    if (!a) continue; // an agency always exists (foreign key); nothing to show without it
    const asked = categoryOf(s);
    const domainId = asked === null ? undefined : domains.get(asked);
    await repo.upsertEntry(db, s, {
      agencyName: a.nameFa,
      agencyNameEn: a.nameEn,
      agencyLegalId: a.legalId,
      agencyVersion: a.version,
      province: a.province,
      categoryId: domainId === undefined ? null : asked,
      domainId: domainId ?? null,
    });
  }
}

/**
 * Recomputes the catalogue entry of one card: upserted while it has an approved version in force
 * (also during a change request or renewal review, which leave approved_version in place), removed
 * otherwise. Call it inside the transaction that changes the card (e.g. the approve step).
 */
export async function refreshCatalogueEntry(db: Db, cardId: string): Promise<void> {
  const sources = await repo.entrySources(db, [cardId]);
  if (sources.length > 0) await writeEntries(db, sources);
  else await repo.deleteEntry(db, cardId);
}

/** Brings every stale entry up to date (in batches); returns how many entries were written or removed. */
export async function syncStaleEntries(db: Db, batch = 200): Promise<number> {
  const agencies = [...(await agenciesByIds(db, await repo.agenciesWithApprovedCards(db))).values()];
  const current = { ids: agencies.map((a) => a.id), versions: agencies.map((a) => a.version) };
  let n = 0;
  for (;;) {
    const stale = await repo.staleEntryCards(db, current, batch);
    if (stale.length === 0) break;
    await writeEntries(db, await repo.entrySources(db, stale));
    n += stale.length;
    if (stale.length < batch) break;
  }
  return n + (await repo.dropUnapprovedEntries(db));
}
