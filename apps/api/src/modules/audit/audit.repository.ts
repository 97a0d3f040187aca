import { sql } from 'drizzle-orm';
import { date, iso, json, jsonb, rows, type Db } from '../../platform/db';

/** The only SQL for audit_verifications; the chain itself is read through platform/audit. */

export interface VerificationRow {
  id: string;
  startedAt: Date;
  finishedAt: Date;
  ok: boolean;
  entries: number;
  chains: number;
  checkpoints: number;
  problems: Array<{ reason: string; message: string; chain?: string; seq?: number; checkpoint?: number }>;
  brokenAt: number | null;
  reason: string | null;
  requestedByType: 'staff' | 'system';
  requestedById: string | null;
}

const COLS = sql`id, started_at AS "startedAt", finished_at AS "finishedAt", ok, entries, chains, checkpoints, problems, broken_at AS "brokenAt", reason,
  requested_by_type AS "requestedByType", requested_by_id AS "requestedById"`;

const fix = (r: VerificationRow): VerificationRow => ({
  ...r,
  startedAt: date(r.startedAt),
  finishedAt: date(r.finishedAt),
  entries: Number(r.entries),
  problems: json<VerificationRow['problems']>(r.problems),
  brokenAt: r.brokenAt === null ? null : Number(r.brokenAt),
});

export async function insertVerification(db: Db, v: Omit<VerificationRow, 'id'>): Promise<VerificationRow> {
  const [row] = await rows<VerificationRow>(
    db,
    sql`INSERT INTO audit_verifications (started_at, finished_at, ok, entries, chains, checkpoints, problems, broken_at, reason, requested_by_type, requested_by_id)
        VALUES (${iso(v.startedAt)}::timestamptz, ${iso(v.finishedAt)}::timestamptz, ${v.ok}, ${v.entries},
                ${v.chains}, ${v.checkpoints}, ${jsonb(v.problems)}::jsonb, ${v.brokenAt}, ${v.reason}, ${v.requestedByType}, ${v.requestedById})
        RETURNING ${COLS}`,
  );
  return fix(row!);
}

export async function latestVerification(db: Db): Promise<VerificationRow | undefined> {
  const [row] = await rows<VerificationRow>(db, sql`SELECT ${COLS} FROM audit_verifications ORDER BY seq DESC LIMIT 1`);
  return row && fix(row);
}
