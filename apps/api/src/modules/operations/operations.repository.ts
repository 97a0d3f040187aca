import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db';

/** The write probe's one row (the benchmark issues the same INSERT directly). */
export async function insertWriteProbe(db: Db, label: string, at: Date): Promise<string> {
  const res = await rows<{ id: string }>(db, sql`
    INSERT INTO write_probes (label, created_at) VALUES (${label}, ${at.toISOString()}::timestamptz) RETURNING id`);
  return res[0]!.id;
}
