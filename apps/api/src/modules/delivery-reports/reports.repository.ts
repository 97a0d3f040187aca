import { sql, type SQL } from 'drizzle-orm';
import { iso, isoOf, isoOrNull, list, rows, type Db } from '../../platform/db';

/*
 * SQL of the delivery reports (migration 0010): the yearly delivery reports and their rows, and the
 * reports' part of the discrepancy report (provincial rows without an id, service ids counted).
 * Agencies' names and provinces, the desk's requests and services and the catalogue's cards come
 * from their owners' index.ts (report-rows.service.ts, discrepancies.service.ts); lists ordered by
 * agency name take each agency's place in that order from the organisation.
 */


// Yearly delivery reports -------------------------------------------------------------------------

/** A report as stored; report-rows.service.ts adds its agency's name (ReportRow). */
export interface ReportRecord {
  id: string;
  agencyId: string;
  year: number;
  revision: number;
  replacesId: string | null;
  current: boolean;
  submittedAt: string;
  version: number;
  rowCount: number;
  pendingCount: number;
}
export interface ReportRow extends ReportRecord {
  agencyName: string;
}

const REPORT_COLUMNS = sql`d.id, d.agency_id AS "agencyId", d.year, d.revision,
  d.replaces_id AS "replacesId", (d.superseded_at IS NULL) AS current, d.submitted_at AS "submittedAt", d.version,
  (SELECT count(*)::int FROM delivery_report_rows x WHERE x.report_id = d.id) AS "rowCount",
  (SELECT count(*)::int FROM delivery_report_rows x WHERE x.report_id = d.id AND x.review_status = 'pending') AS "pendingCount"`;
const fixReport = (r: ReportRecord): ReportRecord => ({ ...r, submittedAt: isoOf(r.submittedAt) });

export async function findReport(db: Db, id: string, forUpdate = false): Promise<ReportRecord | undefined> {
  const [r] = await rows<ReportRecord>(
    db,
    sql`SELECT ${REPORT_COLUMNS} FROM delivery_reports d WHERE d.id = ${id}
        ${forUpdate ? sql`FOR UPDATE OF d` : sql``}`,
  );
  return r && fixReport(r);
}

export async function findCurrentReport(db: Db, agencyId: string, year: number): Promise<ReportRecord | undefined> {
  const [r] = await rows<ReportRecord>(
    db,
    sql`SELECT ${REPORT_COLUMNS} FROM delivery_reports d
         WHERE d.agency_id = ${agencyId} AND d.year = ${year} AND d.superseded_at IS NULL`,
  );
  return r && fixReport(r);
}

export interface ReportFilter {
  /** null: every agency. */
  agencies: string[] | null;
  agencyId?: string | undefined;
  year?: number | undefined;
  history: boolean;
  limit: number;
  offset: number;
}

function reportWhere(f: ReportFilter): SQL {
  return sql`WHERE true
           ${f.agencies ? sql`AND d.agency_id = ANY(${list(f.agencies)}::uuid[])` : sql``}
           ${f.agencyId ? sql`AND d.agency_id = ${f.agencyId}` : sql``}
           ${f.year ? sql`AND d.year = ${f.year}` : sql``}
           ${f.history ? sql`` : sql`AND d.superseded_at IS NULL`}`;
}

/** The agencies of the reports the filter keeps (to rank them by name before paging). */
export async function reportAgencyIds(db: Db, f: ReportFilter): Promise<string[]> {
  return (await rows<{ id: string }>(db, sql`SELECT DISTINCT d.agency_id AS id FROM delivery_reports d ${reportWhere(f)}`)).map((r) => r.id);
}

/** Each agency's place in the order of names, as one join: `JOIN ${byRank(rank)} ON o.id = …`, ordered by o.rank. */
const byRank = (rank: ReadonlyMap<string, number>) =>
  sql`unnest(${list([...rank.keys()])}::uuid[], ${list([...rank.values()].map(String))}::int[]) AS o(id, rank)`;

/** A page of reports: newest year first, then by agency name (`rank`, from the organisation), newest revision. */
export async function listReports(
  db: Db,
  f: ReportFilter,
  rank: ReadonlyMap<string, number>,
): Promise<{ items: ReportRecord[]; total: number }> {
  const r = await rows<ReportRecord & { total: number }>(
    db,
    sql`SELECT ${REPORT_COLUMNS}, count(*) OVER ()::int AS total
          FROM delivery_reports d LEFT JOIN ${byRank(rank)} ON o.id = d.agency_id
         ${reportWhere(f)}
         ORDER BY d.year DESC, o.rank, d.revision DESC, d.id
         LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
  return { items: r.map(({ total: _, ...x }) => fixReport(x)), total: r[0]?.total ?? 0 };
}

export interface NewReport {
  agencyId: string;
  year: number;
  periodStart: Date;
  periodEnd: Date;
  revision: number;
  replacesId: string | null;
  submittedBy: string | null;
}

export async function insertReport(db: Db, r: NewReport, now: Date): Promise<string> {
  const [row] = await rows<{ id: string }>(
    db,
    sql`INSERT INTO delivery_reports (agency_id, year, period_start, period_end, revision, replaces_id, submitted_by, submitted_at, created_at, updated_at)
        VALUES (${r.agencyId}, ${r.year}, ${iso(r.periodStart)}::timestamptz, ${iso(r.periodEnd)}::timestamptz, ${r.revision},
                ${r.replacesId}, ${r.submittedBy}, ${iso(now)}::timestamptz, ${iso(now)}::timestamptz, ${iso(now)}::timestamptz)
        RETURNING id`,
  );
  return row!.id;
}

/** Marks the report replaced, at the version read; false when it changed meanwhile. */
export async function supersedeReport(db: Db, id: string, version: number, now: Date): Promise<boolean> {
  const r = await rows(
    db,
    sql`UPDATE delivery_reports SET superseded_at = ${iso(now)}::timestamptz, version = version + 1, updated_at = ${iso(now)}::timestamptz
         WHERE id = ${id} AND version = ${version} AND superseded_at IS NULL RETURNING id`,
  );
  return r.length === 1;
}

export interface NewReportRow {
  title: string;
  deliveredCount: number;
  serviceId: string | null;
}

/** All rows of a report in one statement. */
export async function insertReportRows(
  db: Db,
  reportId: string,
  agencyId: string,
  items: NewReportRow[],
): Promise<void> {
  if (items.length === 0) return;
  const values = items.map(
    (x, i) =>
      sql`(${reportId}::uuid, ${agencyId}::uuid, ${i + 1}, ${x.title}, ${x.deliveredCount}, ${x.serviceId}, ${x.serviceId ? 'counted' : 'pending'})`,
  );
  await rows(
    db,
    sql`INSERT INTO delivery_report_rows (report_id, agency_id, row_no, title, delivered_count, service_id, review_status)
        VALUES ${sql.join(values, sql`, `)}`,
  );
}

/** A report row as stored; report-rows.service.ts adds its agency's name and province (RowRow). */
export interface RowRecord {
  id: string;
  reportId: string;
  agencyId: string;
  year: number;
  current: boolean;
  rowNo: number;
  title: string;
  deliveredCount: number;
  serviceId: string | null;
  status: 'counted' | 'pending' | 'linked' | 'card_required' | 'dismissed';
  resolvedServiceId: string | null;
  resolutionNote: string | null;
  resolvedAt: string | null;
  version: number;
}
export interface RowRow extends RowRecord {
  agencyName: string;
  province: string | null;
}

const ROW_SELECT = sql`SELECT x.id, x.report_id AS "reportId", x.agency_id AS "agencyId",
    d.year, (d.superseded_at IS NULL) AS current, x.row_no AS "rowNo", x.title, x.delivered_count AS "deliveredCount",
    x.service_id AS "serviceId", x.review_status AS status, x.resolved_service_id AS "resolvedServiceId",
    x.resolution_note AS "resolutionNote", x.resolved_at AS "resolvedAt", x.version
  FROM delivery_report_rows x JOIN delivery_reports d ON d.id = x.report_id`;
const fixRow = (r: RowRecord): RowRecord => ({ ...r, resolvedAt: isoOrNull(r.resolvedAt) });

export async function reportRows(db: Db, reportId: string): Promise<RowRecord[]> {
  return (await rows<RowRecord>(db, sql`${ROW_SELECT} WHERE x.report_id = ${reportId} ORDER BY x.row_no`)).map(fixRow);
}

/**
 * A report row; with `lockReport`, its report is share-locked until the transaction ends, so a
 * correction superseding the report (which locks it FOR UPDATE) goes first or waits: a resolution
 * never lands on a report superseded meanwhile.
 */
export async function findReportRow(db: Db, id: string, lockReport = false): Promise<RowRecord | undefined> {
  const [r] = await rows<RowRecord>(db, sql`${ROW_SELECT} WHERE x.id = ${id} ${lockReport ? sql`FOR SHARE OF d` : sql``}`);
  return r && fixRow(r);
}

/**
 * Who submitted a report: its recorded submitter and the staff actor (and whom they acted for) of
 * its `submitted` or `corrected` event.
 */
export async function reportSubmitters(db: Db, reportId: string): Promise<string[]> {
  const r = await rows<{ by: string | null; actorId: string | null; onBehalfOfId: string | null }>(
    db,
    sql`SELECT d.submitted_by AS by, e.actor_id AS "actorId", e.on_behalf_of_id AS "onBehalfOfId"
          FROM delivery_reports d
          LEFT JOIN events e ON e.stream_type = 'delivery_report' AND e.stream_id = d.id::text
                            AND e.actor_type = 'staff' AND e.action IN ('submitted', 'corrected')
         WHERE d.id = ${reportId}`,
  );
  return [...new Set(r.flatMap((x) => [x.by, x.actorId, x.onBehalfOfId]).filter((x): x is string => !!x))];
}

/** Rows of current reports in the review statuses asked, oldest report first. */
export async function reviewRows(
  db: Db,
  f: {
    statuses: string[];
    agencyId?: string | undefined;
    /** The agencies of the province asked (the organisation's), when one is. */
    agencyIds?: readonly string[] | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ items: RowRecord[]; total: number }> {
  const where = sql`WHERE d.superseded_at IS NULL AND x.review_status = ANY(${list(f.statuses)}::text[])
    ${f.agencyId ? sql`AND x.agency_id = ${f.agencyId}` : sql``}
    ${f.agencyIds ? sql`AND x.agency_id = ANY(${list(f.agencyIds)}::uuid[])` : sql``}`;
  const r = await rows<RowRecord>(
    db,
    sql`${ROW_SELECT} ${where} ORDER BY d.submitted_at, x.report_id, x.row_no LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
  const [total] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM delivery_report_rows x JOIN delivery_reports d ON d.id = x.report_id ${where}`,
  );
  return { items: r.map(fixRow), total: total?.n ?? 0 };
}

export async function resolveRow(
  db: Db,
  id: string,
  version: number,
  p: { status: 'linked' | 'card_required' | 'dismissed'; serviceId: string | null; note: string | null; by: string },
  now: Date,
): Promise<boolean> {
  const r = await rows(
    db,
    sql`UPDATE delivery_report_rows
           SET review_status = ${p.status}, resolved_service_id = ${p.serviceId}, resolution_note = ${p.note},
               resolved_by = ${p.by}, resolved_at = ${iso(now)}::timestamptz, version = version + 1
         WHERE id = ${id} AND version = ${version} RETURNING id`,
  );
  return r.length === 1;
}

// The discrepancy report --------------------------------------------------------------------------

export interface DiscrepancyFilter {
  from: Date;
  /** Exclusive. */
  to: Date;
  /** null: every agency (central roles). */
  agencies: string[] | null;
  agencyId?: string | undefined;
  province?: string | undefined;
}

export type Section = 'withoutId' | 'neverDelivered' | 'expiredDelivered';

export interface DiscrepancyRowDb {
  agencyId: string;
  agencyName: string;
  province: string | null;
  source: 'desk' | 'provincial' | 'catalogue';
  title: string;
  serviceId: string | null;
  reason: 'no_link' | 'not_approved' | 'review_pending' | 'card_required' | null;
  deskServiceId: string | null;
  reportRowId: string | null;
  year: number | null;
  count: number;
  lastAt: string | null;
  expiresAt: string | null;
}

/** A current report's rows without an id still open (pending, or a card required), of reports overlapping [from, to). */
export async function openProvincialRows(
  db: Db,
  p: { from: Date; to: Date; agencyIds: readonly string[] | null },
): Promise<Array<{ id: string; agencyId: string; title: string; year: number; count: number; status: 'pending' | 'card_required' }>> {
  if (p.agencyIds !== null && p.agencyIds.length === 0) return [];
  return rows(
    db,
    sql`SELECT x.id, x.agency_id AS "agencyId", x.title, d.year, x.delivered_count AS count, x.review_status AS status
          FROM delivery_report_rows x JOIN delivery_reports d ON d.id = x.report_id
         WHERE ${reportOverlaps(p)} AND x.review_status IN ('pending', 'card_required')
           ${p.agencyIds === null ? sql`` : sql`AND x.agency_id = ANY(${list(p.agencyIds)}::uuid[])`}`,
  );
}

/** The service ids that current reports overlapping [from, to) count as delivered (counted, or linked on review). */
export async function countedServiceIds(db: Db, p: { from: Date; to: Date }): Promise<Set<string>> {
  const r = await rows<{ id: string }>(
    db,
    sql`SELECT DISTINCT CASE x.review_status WHEN 'counted' THEN x.service_id ELSE x.resolved_service_id END AS id
          FROM delivery_report_rows x JOIN delivery_reports d ON d.id = x.report_id
         WHERE ${reportOverlaps(p)} AND x.delivered_count > 0
           AND ((x.review_status = 'counted' AND x.service_id IS NOT NULL) OR (x.review_status = 'linked' AND x.resolved_service_id IS NOT NULL))`,
  );
  return new Set(r.map((x) => x.id));
}

const reportOverlaps = (p: { from: Date; to: Date }) =>
  sql`d.superseded_at IS NULL AND d.period_start < ${iso(p.to)}::timestamptz AND d.period_end > ${iso(p.from)}::timestamptz`;
