import { sql } from 'drizzle-orm';
import { list, rows, type Db } from '../../platform/db';

/*
 * What separation of duties needs to know about people and agencies (separation.policy.ts):
 * staff members' home agencies and national codes, citizens' national codes, and an agency's
 * line of parents.
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

/** The national codes of these citizens (companies have none). */
export async function citizenNationalCodes(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const r = await rows<{ code: string }>(
    db,
    sql`SELECT national_code AS code FROM citizens WHERE id = ANY(${list(ids)}::uuid[]) AND national_code IS NOT NULL`,
  );
  return r.map((x) => x.code);
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
