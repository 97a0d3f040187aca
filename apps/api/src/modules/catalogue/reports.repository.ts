import { sql, type SQL } from 'drizzle-orm';
import { iso, isoOf, isoOrNull, list, rows, type Db } from '../../platform/db';

/*
 * SQL of the delivery reports (migration 0010): the link check of a catalogue service id, the
 * yearly delivery reports and their rows, and the discrepancy report's three sections. Every
 * section is one set-based query; the page and the per-agency totals read the same fragment.
 */


// Catalogue service ids ---------------------------------------------------------------------------

export interface ApprovedService {
  serviceId: string;
  agencyId: string;
  title: string;
  /** Null when the id exists but its card has no version in force. */
  approved: boolean;
  expiresAt: Date | null;
}

/** The cards of these service ids (with their title in force), whatever their state. */
export async function findServiceIds(db: Db, ids: readonly string[]): Promise<ApprovedService[]> {
  if (ids.length === 0) return [];
  const r = await rows<{
    serviceId: string;
    agencyId: string;
    title: string | null;
    approved: boolean;
    expiresAt: unknown;
  }>(
    db,
    sql`SELECT c.service_id AS "serviceId", c.agency_id AS "agencyId", v.content->>'title' AS title,
               (c.approved_version IS NOT NULL) AS approved, c.expires_at AS "expiresAt"
          FROM service_cards c
          LEFT JOIN service_card_versions v ON v.card_id = c.id AND v.version_no = coalesce(c.approved_version, c.current_version)
         WHERE c.service_id = ANY(${list(ids)}::text[])`,
  );
  return r.map((x) => ({
    ...x,
    title: x.title ?? '',
    expiresAt: x.expiresAt ? new Date(x.expiresAt as string) : null,
  }));
}

export interface AgencyLineage {
  id: string;
  nameFa: string;
  kind: string;
  province: string | null;
  /** Parent, grandparent, … */
  ancestors: string[];
}

/** The agency with its chain of parents (one recursive query). */
export async function agencyLineage(db: Db, agencyId: string): Promise<AgencyLineage | undefined> {
  const r = await rows<{
    id: string;
    nameFa: string;
    kind: string;
    province: string | null;
    ancestors: string[] | null;
  }>(
    db,
    sql`WITH RECURSIVE up (id, parent_id, depth) AS (
          SELECT id, parent_id, 0 FROM agencies WHERE id = ${agencyId}
          UNION ALL
          SELECT a.id, a.parent_id, up.depth + 1 FROM agencies a JOIN up ON a.id = up.parent_id WHERE up.depth < 20
        )
        SELECT a.id, a.name_fa AS "nameFa", a.kind, a.province,
               (SELECT array_agg(up.id::text ORDER BY up.depth) FROM up WHERE up.depth > 0) AS ancestors
          FROM agencies a WHERE a.id = ${agencyId}`,
  );
  const a = r[0];
  return a && { ...a, ancestors: a.ancestors ?? [] };
}

// Yearly delivery reports -------------------------------------------------------------------------

export interface ReportRow {
  id: string;
  agencyId: string;
  agencyName: string;
  year: number;
  revision: number;
  replacesId: string | null;
  current: boolean;
  submittedAt: string;
  version: number;
  rowCount: number;
  pendingCount: number;
}

const REPORT_COLUMNS = sql`d.id, d.agency_id AS "agencyId", a.name_fa AS "agencyName", d.year, d.revision,
  d.replaces_id AS "replacesId", (d.superseded_at IS NULL) AS current, d.submitted_at AS "submittedAt", d.version,
  (SELECT count(*)::int FROM delivery_report_rows x WHERE x.report_id = d.id) AS "rowCount",
  (SELECT count(*)::int FROM delivery_report_rows x WHERE x.report_id = d.id AND x.review_status = 'pending') AS "pendingCount"`;
const fixReport = (r: ReportRow): ReportRow => ({ ...r, submittedAt: isoOf(r.submittedAt) });

export async function findReport(db: Db, id: string, forUpdate = false): Promise<ReportRow | undefined> {
  const [r] = await rows<ReportRow>(
    db,
    sql`SELECT ${REPORT_COLUMNS} FROM delivery_reports d JOIN agencies a ON a.id = d.agency_id WHERE d.id = ${id}
        ${forUpdate ? sql`FOR UPDATE OF d` : sql``}`,
  );
  return r && fixReport(r);
}

export async function findCurrentReport(db: Db, agencyId: string, year: number): Promise<ReportRow | undefined> {
  const [r] = await rows<ReportRow>(
    db,
    sql`SELECT ${REPORT_COLUMNS} FROM delivery_reports d JOIN agencies a ON a.id = d.agency_id
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

export async function listReports(db: Db, f: ReportFilter): Promise<{ items: ReportRow[]; total: number }> {
  const r = await rows<ReportRow & { total: number }>(
    db,
    sql`SELECT ${REPORT_COLUMNS}, count(*) OVER ()::int AS total
          FROM delivery_reports d JOIN agencies a ON a.id = d.agency_id
         WHERE true
           ${f.agencies ? sql`AND d.agency_id = ANY(${list(f.agencies)}::uuid[])` : sql``}
           ${f.agencyId ? sql`AND d.agency_id = ${f.agencyId}` : sql``}
           ${f.year ? sql`AND d.year = ${f.year}` : sql``}
           ${f.history ? sql`` : sql`AND d.superseded_at IS NULL`}
         ORDER BY d.year DESC, a.name_fa, d.revision DESC, d.id
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

export interface RowRow {
  id: string;
  reportId: string;
  agencyId: string;
  agencyName: string;
  province: string | null;
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

const ROW_SELECT = sql`SELECT x.id, x.report_id AS "reportId", x.agency_id AS "agencyId", a.name_fa AS "agencyName", a.province,
    d.year, (d.superseded_at IS NULL) AS current, x.row_no AS "rowNo", x.title, x.delivered_count AS "deliveredCount",
    x.service_id AS "serviceId", x.review_status AS status, x.resolved_service_id AS "resolvedServiceId",
    x.resolution_note AS "resolutionNote", x.resolved_at AS "resolvedAt", x.version
  FROM delivery_report_rows x JOIN delivery_reports d ON d.id = x.report_id JOIN agencies a ON a.id = x.agency_id`;
const fixRow = (r: RowRow): RowRow => ({ ...r, resolvedAt: isoOrNull(r.resolvedAt) });

export async function reportRows(db: Db, reportId: string): Promise<RowRow[]> {
  return (await rows<RowRow>(db, sql`${ROW_SELECT} WHERE x.report_id = ${reportId} ORDER BY x.row_no`)).map(fixRow);
}

/**
 * A report row; with `lockReport`, its report is share-locked until the transaction ends, so a
 * correction superseding the report (which locks it FOR UPDATE) goes first or waits: a resolution
 * never lands on a report superseded meanwhile.
 */
export async function findReportRow(db: Db, id: string, lockReport = false): Promise<RowRow | undefined> {
  const [r] = await rows<RowRow>(db, sql`${ROW_SELECT} WHERE x.id = ${id} ${lockReport ? sql`FOR SHARE OF d` : sql``}`);
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
    province?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ items: RowRow[]; total: number }> {
  const where = sql`WHERE d.superseded_at IS NULL AND x.review_status = ANY(${list(f.statuses)}::text[])
    ${f.agencyId ? sql`AND x.agency_id = ${f.agencyId}` : sql``}
    ${f.province ? sql`AND a.province = ${f.province}` : sql``}`;
  const r = await rows<RowRow>(
    db,
    sql`${ROW_SELECT} ${where} ORDER BY d.submitted_at, x.report_id, x.row_no LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
  const [total] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM delivery_report_rows x JOIN delivery_reports d ON d.id = x.report_id
          JOIN agencies a ON a.id = x.agency_id ${where}`,
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

/** Which agencies' rows, on the alias `a` (agencies). */
function agencyWhere(f: DiscrepancyFilter): SQL {
  return sql`${f.agencies ? sql`AND a.id = ANY(${list(f.agencies)}::uuid[])` : sql``}
    ${f.agencyId ? sql`AND a.id = ${f.agencyId}` : sql``}
    ${f.province ? sql`AND a.province = ${f.province}` : sql``}`;
}

/** One section as a SELECT with the uniform columns of DiscrepancyRowDb (plus a sort key). */
function sectionSql(section: Section, f: DiscrepancyFilter): SQL {
  const from = sql`${iso(f.from)}::timestamptz`;
  const to = sql`${iso(f.to)}::timestamptz`;
  const inPeriod = sql`r.submitted_at >= ${from} AND r.submitted_at < ${to}`;
  const reportOverlaps = sql`d.superseded_at IS NULL AND d.period_start < ${to} AND d.period_end > ${from}`;
  const common = (agency: SQL) => sql`${agency} AS "agencyId", a.name_fa AS "agencyName", a.province`;
  if (section === 'withoutId') {
    // Desk services with requests in the period and no link in force, plus provincial rows without an id.
    return sql`
      SELECT ${common(sql`s.agency_id`)}, 'desk' AS source, s.title_fa AS title, s.catalogue_service_id AS "serviceId",
             CASE WHEN s.catalogue_service_id IS NULL THEN 'no_link' ELSE 'not_approved' END AS reason,
             s.id AS "deskServiceId", NULL::uuid AS "reportRowId", NULL::int AS year,
             count(*)::int AS count, max(r.submitted_at) AS "lastAt", NULL::timestamptz AS "expiresAt", s.id::text AS sort_key
        FROM service_requests r
        JOIN services s ON s.id = r.service_id
        JOIN agencies a ON a.id = s.agency_id
        LEFT JOIN service_cards c ON c.service_id = s.catalogue_service_id AND c.approved_version IS NOT NULL
       WHERE ${inPeriod} AND c.id IS NULL ${agencyWhere(f)}
       GROUP BY s.id, a.id
      UNION ALL
      SELECT ${common(sql`x.agency_id`)}, 'provincial', x.title, NULL,
             CASE x.review_status WHEN 'pending' THEN 'review_pending' ELSE 'card_required' END,
             NULL, x.id, d.year, x.delivered_count, NULL, NULL, x.id::text
        FROM delivery_report_rows x
        JOIN delivery_reports d ON d.id = x.report_id
        JOIN agencies a ON a.id = x.agency_id
       WHERE ${reportOverlaps} AND x.review_status IN ('pending', 'card_required') ${agencyWhere(f)}`;
  }
  if (section === 'neverDelivered') {
    // Cards in force at some time in the period with no request through a linked desk service and
    // no provincial row counting them.
    return sql`
      SELECT ${common(sql`c.agency_id`)}, 'catalogue' AS source, coalesce(v.content->>'title', '') AS title, c.service_id AS "serviceId",
             NULL AS reason, NULL::uuid AS "deskServiceId", NULL::uuid AS "reportRowId", NULL::int AS year,
             0 AS count, NULL::timestamptz AS "lastAt", c.expires_at AS "expiresAt", c.service_id AS sort_key
        FROM service_cards c
        JOIN service_card_versions v ON v.card_id = c.id AND v.version_no = c.approved_version
        JOIN agencies a ON a.id = c.agency_id
       WHERE c.approved_version IS NOT NULL AND c.service_id IS NOT NULL
         AND c.approved_at < ${to} AND c.expires_at > ${from} ${agencyWhere(f)}
         AND NOT EXISTS (
           SELECT 1 FROM services s JOIN service_requests r ON r.service_id = s.id
            WHERE s.catalogue_service_id = c.service_id AND ${inPeriod})
         AND NOT EXISTS (
           SELECT 1 FROM delivery_report_rows x JOIN delivery_reports d ON d.id = x.report_id
            WHERE ${reportOverlaps} AND x.delivered_count > 0
              AND ((x.review_status = 'counted' AND x.service_id = c.service_id)
                OR (x.review_status = 'linked' AND x.resolved_service_id = c.service_id)))`;
  }
  // Requests received at or after the linked card's expiry.
  return sql`
    SELECT ${common(sql`s.agency_id`)}, 'desk' AS source, s.title_fa AS title, c.service_id AS "serviceId",
           NULL AS reason, s.id AS "deskServiceId", NULL::uuid AS "reportRowId", NULL::int AS year,
           count(*)::int AS count, max(r.submitted_at) AS "lastAt", c.expires_at AS "expiresAt", s.id::text AS sort_key
      FROM service_requests r
      JOIN services s ON s.id = r.service_id
      JOIN agencies a ON a.id = s.agency_id
      JOIN service_cards c ON c.service_id = s.catalogue_service_id AND c.approved_version IS NOT NULL
     WHERE ${inPeriod} AND r.submitted_at >= c.expires_at ${agencyWhere(f)}
     GROUP BY s.id, a.id, c.id`;
}

const fixDiscrepancy = (r: DiscrepancyRowDb): DiscrepancyRowDb => ({
  ...r,
  lastAt: isoOrNull(r.lastAt),
  expiresAt: isoOrNull(r.expiresAt),
});

/** A page of one section in a stable order (agency, title, key), with the section's total. */
export async function sectionPage(
  db: Db,
  section: Section,
  f: DiscrepancyFilter,
  limit: number,
  offset: number,
): Promise<{ items: DiscrepancyRowDb[]; total: number }> {
  const r = await rows<DiscrepancyRowDb & { total: number; sort_key: string }>(
    db,
    sql`SELECT q.*, count(*) OVER ()::int AS total FROM (${sectionSql(section, f)}) q
         ORDER BY q."agencyName", q.title, q.sort_key
         LIMIT ${limit} OFFSET ${offset}`,
  );
  return {
    items: r.map(({ total: _t, sort_key: _k, ...x }) => fixDiscrepancy(x)),
    total: r[0]?.total ?? (offset > 0 ? await sectionTotal(db, section, f) : 0),
  };
}

async function sectionTotal(db: Db, section: Section, f: DiscrepancyFilter): Promise<number> {
  const [r] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (${sectionSql(section, f)}) q`);
  return r?.n ?? 0;
}

/** Rows per agency and section, for the charts (one query over the three sections). */
export async function totalsByAgency(
  db: Db,
  f: DiscrepancyFilter,
): Promise<Array<{ agencyId: string; agencyName: string; section: Section; n: number }>> {
  return rows(
    db,
    sql`SELECT q."agencyId", q."agencyName", q.section, count(*)::int AS n FROM (
          SELECT 'withoutId' AS section, w."agencyId", w."agencyName" FROM (${sectionSql('withoutId', f)}) w
          UNION ALL SELECT 'neverDelivered', n."agencyId", n."agencyName" FROM (${sectionSql('neverDelivered', f)}) n
          UNION ALL SELECT 'expiredDelivered', e."agencyId", e."agencyName" FROM (${sectionSql('expiredDelivered', f)}) e
        ) q GROUP BY q."agencyId", q."agencyName", q.section ORDER BY q."agencyName", q."agencyId"`,
  );
}
