import { sql, type SQL } from 'drizzle-orm';
import { iso, list, rows, type Db } from '../../platform/db';

/*
 * The desk reports' SQL: two aggregates over service_requests, each read from one index
 * (migration 0032): requests accepted in the period (by submitted_at: counts, still open, overdue)
 * and requests answered in the period (by decided_at: counts, late, mean and percentiles of the
 * durations stored when each was decided). GROUPING SETS gives the groups and the total in one
 * pass, so the total's percentiles are over every row, not a mean of the groups'.
 */

/** How rows fall into groups: time buckets (their lower bounds), the service, the office, or the office's kind. */
export type DeskGrouping =
  | { by: 'bucket'; bounds: readonly Date[] }
  | { by: 'service' }
  | { by: 'office' }
  | { by: 'officeKind'; headquarters: readonly string[] };

/** Which offices: one unit, units of a kind (the kind's unit ids), or requests no unit serves yet. */
export type DeskOfficeFilter = { unitIds: readonly string[] } | { notUnitIds: readonly string[] } | { unassigned: true };

export interface DeskReportFilter {
  /** null: every agency. */
  agencyIds: readonly string[] | null;
  from: Date;
  to: Date;
  serviceId?: string | undefined;
  office?: DeskOfficeFilter | undefined;
  /** What counts as overdue: open and due at or before this instant. */
  now: Date;
}

export interface AcceptedAgg {
  key: string | null;
  accepted: number;
  pending: number;
  overdue: number;
}

export interface AnsweredAgg {
  key: string | null;
  answered: number;
  late: number;
  wMean: number | null;
  wP50: number | null;
  wP90: number | null;
  cMean: number | null;
  cP50: number | null;
  cP90: number | null;
}

function keyOf(g: DeskGrouping, at: SQL): SQL {
  switch (g.by) {
    case 'bucket':
      // An integer key: sorting and hashing it is cheaper than text (measured in bench/desk-reports.ts).
      return g.bounds.length === 1 ? sql`1` : sql`width_bucket(${at}, ${list(g.bounds.map((d) => iso(d)))}::timestamptz[])`;
    case 'service':
      return sql`r.service_id::text`;
    case 'office':
      return sql`COALESCE(r.unit_id::text, 'unassigned')`;
    case 'officeKind':
      return sql`CASE WHEN r.unit_id IS NULL THEN 'unassigned' WHEN r.unit_id = ANY(${list(g.headquarters)}::uuid[]) THEN 'headquarters' ELSE 'operational' END`;
  }
}

function where(f: DeskReportFilter, at: SQL): SQL {
  const parts: SQL[] = [sql`${at} >= ${iso(f.from)}::timestamptz`, sql`${at} < ${iso(f.to)}::timestamptz`];
  if (f.agencyIds !== null) parts.unshift(sql`r.agency_id = ANY(${list(f.agencyIds)}::uuid[])`);
  if (f.serviceId) parts.push(sql`r.service_id = ${f.serviceId}::uuid`);
  const o = f.office;
  if (o && 'unitIds' in o) parts.push(sql`r.unit_id = ANY(${list(o.unitIds)}::uuid[])`);
  if (o && 'notUnitIds' in o) parts.push(sql`r.unit_id IS NOT NULL AND NOT (r.unit_id = ANY(${list(o.notUnitIds)}::uuid[]))`);
  if (o && 'unassigned' in o) parts.push(sql`r.unit_id IS NULL`);
  return sql.join(parts, sql` AND `);
}

/** Requests accepted in the period, per group and in total (key null). */
export async function acceptedAggregates(db: Db, f: DeskReportFilter, g: DeskGrouping): Promise<AcceptedAgg[]> {
  const at = sql`r.submitted_at`;
  const found = await rows<Omit<AcceptedAgg, 'key'> & { key: unknown; total: number }>(
    db,
    sql`SELECT k AS key, GROUPING(k) AS total, count(*)::int AS accepted,
               count(*) FILTER (WHERE decided_at IS NULL)::int AS pending,
               count(*) FILTER (WHERE decided_at IS NULL AND due_at <= ${iso(f.now)}::timestamptz)::int AS overdue
          FROM (SELECT ${keyOf(g, at)} AS k, r.decided_at, r.due_at FROM service_requests r WHERE ${where(f, at)}) s
         GROUP BY GROUPING SETS ((k), ())`,
  );
  return found.map((r) => ({ key: keyText(r.key, r.total), accepted: r.accepted, pending: r.pending, overdue: r.overdue }));
}

/** Requests answered in the period, per group and in total (key null): counts and the durations' statistics. */
export async function answeredAggregates(db: Db, f: DeskReportFilter, g: DeskGrouping): Promise<AnsweredAgg[]> {
  const at = sql`r.decided_at`;
  // percentile_cont with an array of fractions sorts each group's values once for both.
  const found = await rows<{ key: unknown; total: number; answered: number; late: number; wMean: unknown; w: unknown; cMean: unknown; c: unknown }>(
    db,
    sql`SELECT k AS key, GROUPING(k) AS total, count(*)::int AS answered,
               count(*) FILTER (WHERE decided_at >= due_at)::int AS late,
               avg(w)::float8 AS "wMean", percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY w) AS w,
               avg(c)::float8 AS "cMean", percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY c) AS c
          FROM (SELECT ${keyOf(g, at)} AS k, r.decided_at, r.due_at, r.answer_working_days AS w, r.answer_calendar_days AS c
                  FROM service_requests r WHERE r.decided_at IS NOT NULL AND ${where(f, at)}) s
         GROUP BY GROUPING SETS ((k), ())`,
  );
  return found.map((r) => {
    const [wP50, wP90] = pair(r.w);
    const [cP50, cP90] = pair(r.c);
    return { key: keyText(r.key, r.total), answered: r.answered, late: r.late, wMean: num(r.wMean), wP50, wP90, cMean: num(r.cMean), cP50, cP90 };
  });
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
/** A float8[] of two from either driver (an array, or its text form). */
function pair(v: unknown): [number | null, number | null] {
  const a = Array.isArray(v) ? v : typeof v === 'string' ? v.replace(/[{}]/g, '').split(',') : [];
  return [num(a[0] === 'NULL' ? null : a[0]), num(a[1] === 'NULL' ? null : a[1])];
}
/** The group's key as text; null for the total row. */
const keyText = (key: unknown, total: number): string | null => (Number(total) === 1 ? null : String(key));

// The working days of requests decided before migration 0032 -----------------------------------

/** Decided requests whose working days are not counted yet (a batch). */
export const decidedWithoutWorkingDays = (db: Db, limit: number) =>
  rows<{ id: string; agencyId: string; submittedAt: string | Date; decidedAt: string | Date }>(
    db,
    sql`SELECT id, agency_id AS "agencyId", submitted_at AS "submittedAt", decided_at AS "decidedAt" FROM service_requests
         WHERE decided_at IS NOT NULL AND answer_working_days IS NULL ORDER BY id LIMIT ${limit}`,
  );

/** Stores counted working days less the request's paused ones (only where still missing: a concurrent run changes nothing twice). */
export async function setWorkingDays(db: Db, found: ReadonlyArray<{ id: string; workingDays: number }>): Promise<void> {
  if (found.length === 0) return;
  await db.execute(sql`
    UPDATE service_requests r SET answer_working_days = GREATEST(0, v.w - r.paused_working_days)
      FROM unnest(${list(found.map((x) => x.id))}::uuid[], ${list(found.map((x) => String(x.workingDays)))}::int[]) AS v(id, w)
     WHERE r.id = v.id AND r.answer_working_days IS NULL`);
}

// The desk scorecard's facts (issue 11 item 12) ---------------------------------------------------

/** Per agency, what the desk scorecard counts of its requests in a period (see docs/adr/0032-desk-scorecard.md). */
export interface ScorecardRequestFacts {
  agencyId: string;
  /** Submitted in the period. */
  accepted: number;
  /** Of those, with a tracking code. */
  withTrackingCode: number;
  /** Of those, whose receipt could be issued at acceptance: a tracking code and an answer date set when submitted. */
  withReceipt: number;
  /** Of those, still open now. */
  open: number;
  /** Of those open, not yet past their answer date. */
  openInNorm: number;
  /** Decided (answered) in the period. */
  decided: number;
  /** Of those, decided before their answer date. */
  decidedInNorm: number;
}

/** The scorecard's request counts per agency (null: every agency) for [from, to); open/overdue as of now. */
export async function scorecardRequestFacts(db: Db, f: { agencyIds: readonly string[] | null; from: Date; to: Date; now: Date }): Promise<ScorecardRequestFacts[]> {
  if (f.agencyIds !== null && f.agencyIds.length === 0) return [];
  const agencies = f.agencyIds === null ? sql`` : sql`AND r.agency_id = ANY(${list(f.agencyIds)}::uuid[])`;
  const [from, to, now] = [iso(f.from), iso(f.to), iso(f.now)];
  return rows<ScorecardRequestFacts>(
    db,
    sql`SELECT a.agency_id AS "agencyId",
               coalesce(a.accepted, 0)::int AS accepted, coalesce(a.tracked, 0)::int AS "withTrackingCode",
               coalesce(a.receipted, 0)::int AS "withReceipt", coalesce(a.open, 0)::int AS open,
               coalesce(a.open_in_norm, 0)::int AS "openInNorm",
               coalesce(d.decided, 0)::int AS decided,
               coalesce(d.in_norm, 0)::int AS "decidedInNorm"
          FROM (SELECT r.agency_id, count(*) AS accepted,
                       count(*) FILTER (WHERE r.tracking_code IS NOT NULL) AS tracked,
                       count(*) FILTER (WHERE r.tracking_code IS NOT NULL AND r.due_at IS NOT NULL) AS receipted,
                       count(*) FILTER (WHERE r.decided_at IS NULL) AS open,
                       count(*) FILTER (WHERE r.decided_at IS NULL AND r.due_at > ${now}::timestamptz) AS open_in_norm
                  FROM service_requests r
                 WHERE r.submitted_at >= ${from}::timestamptz AND r.submitted_at < ${to}::timestamptz ${agencies}
                 GROUP BY r.agency_id) a
          FULL JOIN (SELECT r.agency_id, count(*) AS decided,
                            count(*) FILTER (WHERE r.decided_at < r.due_at) AS in_norm
                       FROM service_requests r
                      WHERE r.decided_at >= ${from}::timestamptz AND r.decided_at < ${to}::timestamptz ${agencies}
                      GROUP BY r.agency_id) d USING (agency_id)`,
  );
}

/** The ids of requests decided in [from, to) (null: every agency), for counting what other modules hold of them. */
export const decidedRequestIds = async (db: Db, f: { agencyIds: readonly string[] | null; from: Date; to: Date }): Promise<string[]> =>
  f.agencyIds !== null && f.agencyIds.length === 0
    ? []
    : (
        await rows<{ id: string }>(
          db,
          sql`SELECT r.id FROM service_requests r
               WHERE r.decided_at >= ${iso(f.from)}::timestamptz AND r.decided_at < ${iso(f.to)}::timestamptz
                 ${f.agencyIds === null ? sql`` : sql`AND r.agency_id = ANY(${list(f.agencyIds)}::uuid[])`}`,
        )
      ).map((r) => r.id);
