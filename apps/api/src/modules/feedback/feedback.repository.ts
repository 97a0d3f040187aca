import { sql } from 'drizzle-orm';
import { date, iso, list, rows, type Db } from '../../platform/db';
import type { LowRatingScope } from './feedback.model';

export const STREAM = 'request_feedback';

export interface FeedbackRecord {
  id: string;
  requestId: string;
  agencyId: string;
  serviceId: string;
  unitId: string | null;
  rating: number;
  comment: string | null;
  createdAt: Date;
}

const COLS = sql`id, request_id AS "requestId", agency_id AS "agencyId", service_id AS "serviceId", unit_id AS "unitId",
                 rating, comment, created_at AS "createdAt"`;
const fix = (r: FeedbackRecord): FeedbackRecord => ({ ...r, rating: Number(r.rating), createdAt: date(r.createdAt) });

/** Stores a request's rating; undefined when the request has one already (the first stays). */
export async function insertFeedback(
  db: Db,
  f: { requestId: string; agencyId: string; serviceId: string; unitId: string | null; applicantId: string; rating: number; comment: string | null },
  now: Date,
): Promise<FeedbackRecord | undefined> {
  const [row] = await rows<FeedbackRecord>(db, sql`
    INSERT INTO request_feedback (request_id, agency_id, service_id, unit_id, applicant_id, rating, comment, created_at)
    VALUES (${f.requestId}, ${f.agencyId}, ${f.serviceId}, ${f.unitId}, ${f.applicantId}, ${f.rating}, ${f.comment}, ${iso(now)}::timestamptz)
    ON CONFLICT (request_id) DO NOTHING
    RETURNING ${COLS}`);
  return row && fix(row);
}

export async function findFeedback(db: Db, requestId: string): Promise<FeedbackRecord | undefined> {
  const [row] = await rows<FeedbackRecord>(db, sql`SELECT ${COLS} FROM request_feedback WHERE request_id = ${requestId}`);
  return row && fix(row);
}

/** How many ratings of each star per (agency, service, unit), in some agencies and an optional period. */
export async function ratingCounts(
  db: Db,
  f: { agencyIds: string[]; from?: Date | undefined; to?: Date | undefined },
): Promise<Array<{ agencyId: string; serviceId: string; unitId: string | null; rating: number; n: number }>> {
  const found = await rows<{ agencyId: string; serviceId: string; unitId: string | null; rating: number; n: number }>(db, sql`
    SELECT agency_id AS "agencyId", service_id AS "serviceId", unit_id AS "unitId", rating, count(*)::int AS n
      FROM request_feedback
     WHERE agency_id = ANY(${list(f.agencyIds)}::uuid[])
       ${f.from ? sql`AND created_at >= ${iso(f.from)}::timestamptz` : sql``}
       ${f.to ? sql`AND created_at < ${iso(f.to)}::timestamptz` : sql``}
     GROUP BY agency_id, service_id, unit_id, rating`);
  return found.map((r) => ({ ...r, rating: Number(r.rating), n: Number(r.n) }));
}

export interface Keyset {
  createdAt: Date;
  id: string;
}

/** Ratings of 1–2 in the scope, newest first (one more than `limit`: the caller pages). */
export async function lowRatings(db: Db, scope: LowRatingScope, before: Keyset | undefined, limit: number): Promise<FeedbackRecord[]> {
  const unitAgencies = scope.units.map((u) => u.agencyId);
  const unitIds = scope.units.map((u) => u.unitId);
  const found = await rows<FeedbackRecord>(db, sql`
    SELECT ${COLS} FROM request_feedback
     WHERE rating <= 2
       AND (agency_id = ANY(${list(scope.agencyWide)}::uuid[])
            OR (agency_id = ANY(${list(unitAgencies)}::uuid[]) AND (unit_id IS NULL OR unit_id = ANY(${list(unitIds)}::uuid[]))))
       ${before ? sql`AND (created_at, id) < (${iso(before.createdAt)}::timestamptz, ${before.id}::uuid)` : sql``}
     ORDER BY created_at DESC, id DESC
     LIMIT ${limit + 1}`);
  return found.map(fix);
}

/** For the desk scorecard: per agency, how many of these requests were rated, and how many 4 or 5. */
export async function ratingsOfRequests(db: Db, requestIds: readonly string[]): Promise<Array<{ agencyId: string; rated: number; satisfied: number }>> {
  if (requestIds.length === 0) return [];
  return rows(
    db,
    sql`SELECT agency_id AS "agencyId", count(*)::int AS rated, count(*) FILTER (WHERE rating >= 4)::int AS satisfied
          FROM request_feedback WHERE request_id = ANY(${list(requestIds)}::uuid[]) GROUP BY agency_id`,
  );
}
