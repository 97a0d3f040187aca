import { sql } from 'drizzle-orm';
import { list, rows, type Db } from '../../platform/db';

/*
 * What separation of duties needs to know about people and agencies (separation.policy.ts):
 * staff members' home agencies and national codes, and an agency's line of parents (citizens'
 * national codes are identity's: separation.service.ts asks its index.ts).
 */

/** The staff members' home agencies and national codes (unknown ids are left out). */
export async function staffFacts(
  db: Db,
  ids: readonly string[],
): Promise<Array<{ id: string; agencyId: string; nationalCode: string | null }>> {
  if (ids.length === 0) return [];
  return rows(
    db,
    sql`SELECT id, agency_id AS "agencyId", national_code AS "nationalCode" FROM staff WHERE id = ANY(${list(ids)}::uuid[])`,
  );
}

/** The agency and every agency above it, nearest first (bounded: agency trees are shallow). */
export async function agencyLineage(db: Db, agencyId: string): Promise<string[]> {
  const r = await rows<{ id: string }>(
    db,
    sql`WITH RECURSIVE up(id, parent_id, depth) AS (
          SELECT id, parent_id, 0 FROM agencies WHERE id = ${agencyId}::uuid
          UNION ALL
          SELECT a.id, a.parent_id, up.depth + 1 FROM agencies a JOIN up ON a.id = up.parent_id WHERE up.depth < 20
        ) SELECT id FROM up ORDER BY depth`,
  );
  return r.map((x) => x.id);
}
