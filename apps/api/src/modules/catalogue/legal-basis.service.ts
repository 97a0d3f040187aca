import type { LegalBasisOption } from '@dargah/contracts';
import { json, type Db } from '../../platform/db';
import { lawsByIds } from '../laws';
import { approvedContentOfService } from './card-facts.repository';

/**
 * The legal bases a service's approved catalogue card cites (its `legalBasis`, then each fee's), with
 * the laws' titles from the register: what a decision on a request of that service may cite (the
 * signed answer, issue 11 item 7). None when the id has no approved card.
 */
export async function legalBasesOfService(db: Db, serviceId: string | null): Promise<LegalBasisOption[]> {
  if (!serviceId) return [];
  const found = await approvedContentOfService(db, serviceId);
  if (found === undefined) return [];
  const content = json<{ legalBasis?: Array<{ lawId?: string; article?: string }>; fees?: Array<{ legalBasis?: Array<{ lawId?: string; article?: string }> }> }>(found);
  const refs = [...(content.legalBasis ?? []), ...(content.fees ?? []).flatMap((f) => f.legalBasis ?? [])].flatMap((r) =>
    typeof r.lawId === 'string' && typeof r.article === 'string' && r.article.trim() ? [{ lawId: r.lawId, article: r.article.trim() }] : [],
  );
  const laws = await lawsByIds(db, [...new Set(refs.map((r) => r.lawId))]);
  const seen = new Set<string>();
  return refs.flatMap((r) => {
    const law = laws.get(r.lawId);
    const key = `${r.lawId}\u0001${r.article}`;
    if (!law || seen.has(key)) return [];
    seen.add(key);
    return [{ ...r, lawTitle: law.title }];
  });
}
