import type { LegalBasisOption } from '@dargah/contracts';
import { sql } from 'drizzle-orm';
import { json, rows, type Db } from '../../platform/db';
import { lawsByIds } from '../laws';

/**
 * The legal bases a service's approved catalogue card cites (its `legalBasis`, then each fee's), with
 * the laws' titles from the register: what a decision on a request of that service may cite (the
 * signed answer, issue 11 item 7). None when the id has no approved card.
 */
export async function legalBasesOfService(db: Db, serviceId: string | null): Promise<LegalBasisOption[]> {
  if (!serviceId) return [];
  const [card] = await rows<{ content: unknown }>(
    db,
    sql`SELECT v.content FROM service_cards c
          JOIN service_card_versions v ON v.card_id = c.id AND v.version_no = c.approved_version
         WHERE c.service_id = ${serviceId} AND c.approved_version IS NOT NULL`,
  );
  if (!card) return [];
  const content = json<{ legalBasis?: Array<{ lawId?: string; article?: string }>; fees?: Array<{ legalBasis?: Array<{ lawId?: string; article?: string }> }> }>(card.content);
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
