// Over 450 lines: the delivery reports' use cases (submit, correct, resolve rows, the discrepancy report
// and its exports) share one scope (reportAgencies) and one period (reportPeriod); the discrepancy
// report's rows are composed in discrepancies.service.ts, the names in report-rows.service.ts.
import type {
  CorrectDeliveryReport,
  DeliveryReport,
  DeliveryReportPage,
  DeliveryRowCapabilities,
  DeliveryRowInput,
  DiscrepancyReport,
  ResolveDeliveryRow,
  ReviewRow,
  ReviewRowPage,
  SubmitDeliveryReport,
} from '@dargah/contracts';
import { addJalaliDays, fromJalali, jalaliDateString, toJalali } from '@dargah/persian';
import type { Actor, RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { isUniqueViolation, withTransaction, type Db } from '../../platform/db';
import { recordChange } from '../../platform/events';
import type { FieldProblem } from '../../platform/http/errors';
import type { Lang } from '../../platform/http/i18n';
import { parseDayField } from '../../platform/http/validation';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { requireStaff } from '../../platform/actor';
import { agencyLineage, agenciesWithRole, assertNoReviewConflict, CENTRAL_ROLES, hasRole, isCentral, requireRole, reviewConflictOf } from '../organisation';
import * as repo from './reports.repository';
import * as rowsOf from './report-rows.service';
import { discrepancySections, totalsByAgency } from './discrepancies.service';
import { cardsOfServiceIds, isValidServiceId } from '../catalogue';
import { ReportsError, reportsErrors } from './reports.errors';

/*
 * Delivery against the catalogue: which approved service id a desk service or a provincial report
 * row may name, the yearly delivery reports of provincial and county offices with the central
 * review of their rows without an id, and the discrepancy report. Every write is one transaction
 * with its event (stream 'delivery_report' or 'delivery_report_row') and audit entry.
 */

/** Who resolves report rows without an id. */
export const ROW_REVIEWERS = ['central_reviewer', 'platform_admin'] as const;
/** Agency kinds that submit yearly delivery reports, and may name their parents' service ids. */
const FIELD_OFFICES = new Set(['provincial_office', 'county_office']);

/** A row's service id that may not be named, as a field problem worded like the refusal itself. */
const problem = (field: string, code: LinkProblem, lang: Lang): FieldProblem => ({
  field,
  code,
  message: reportsErrors[code][lang],
});

// Which service ids an agency may name --------------------------------------------------------------

/**
 * Why the agency may not name this service id, or null when it may: the id must be an approved
 * card's (CATALOGUE_SERVICE_NOT_APPROVED) of the agency itself or, for a provincial or county
 * office, of one of its parent agencies (CATALOGUE_SERVICE_OTHER_AGENCY); with `inForce`, the card
 * must not have expired (CATALOGUE_SERVICE_EXPIRED).
 */
type LinkProblem = 'CATALOGUE_SERVICE_NOT_APPROVED' | 'CATALOGUE_SERVICE_OTHER_AGENCY' | 'CATALOGUE_SERVICE_EXPIRED';

async function linkProblems(
  db: Db,
  agencyId: string,
  serviceIds: readonly string[],
  o: { inForce: boolean; now: Date },
): Promise<Map<string, LinkProblem>> {
  const out = new Map<string, LinkProblem>();
  const valid = [...new Set(serviceIds)].filter((id) => {
    if (isValidServiceId(id)) return true;
    out.set(id, 'CATALOGUE_SERVICE_NOT_APPROVED');
    return false;
  });
  if (valid.length === 0) return out;
  const lineage = await agencyLineage(db, agencyId);
  const allowed = new Set([agencyId, ...(lineage && FIELD_OFFICES.has(lineage.kind) ? lineage.ancestors : [])]);
  const found = new Map((await cardsOfServiceIds(db, valid)).map((s) => [s.serviceId, s]));
  for (const id of valid) {
    const s = found.get(id);
    if (!s || !s.approved) out.set(id, 'CATALOGUE_SERVICE_NOT_APPROVED');
    else if (!allowed.has(s.agencyId)) out.set(id, 'CATALOGUE_SERVICE_OTHER_AGENCY');
    else if (o.inForce && s.expiresAt && s.expiresAt.getTime() <= o.now.getTime())
      out.set(id, 'CATALOGUE_SERVICE_EXPIRED');
  }
  return out;
}

/**
 * For the services module: throws unless a desk service of `agencyId` may be linked to the
 * service id (approved, in force, of the agency or — for a provincial or county office — a parent).
 */
export async function assertLinkableService(db: Db, agencyId: string, serviceId: string, now: Date): Promise<void> {
  const code = (await linkProblems(db, agencyId, [serviceId], { inForce: true, now })).get(serviceId);
  if (code) throw new ReportsError(code, { serviceId });
}

export interface CatalogueServiceInfo {
  serviceId: string;
  title: string;
  approved: boolean;
  expiresAt: Date | null;
}

/** The cards behind these service ids (for showing a link). */
export async function describeServiceIds(db: Db, ids: readonly string[]): Promise<CatalogueServiceInfo[]> {
  return (await cardsOfServiceIds(db, ids)).map(({ serviceId, title, approved, expiresAt }) => ({
    serviceId,
    title,
    approved,
    expiresAt,
  }));
}

// Scope ---------------------------------------------------------------------------------------------


/** The agencies whose reports the actor sees: all (null, central roles), those they administer, or none (undefined). */
export function reportAgencies(actor: Actor): string[] | null | undefined {
  if (isCentral(actor)) return null;
  const mine = agenciesWithRole(actor, ['agency_admin']);
  return mine.length === 0 ? undefined : mine;
}

/** reportAgencies, refusing anyone who sees none. */
function reportScope(actor: Actor): string[] | null {
  requireStaff(actor);
  const scope = reportAgencies(actor);
  if (scope === undefined) throw new ReportsError('FORBIDDEN', { need: ['agency_admin', ...CENTRAL_ROLES] });
  return scope;
}
const inScope = (scope: string[] | null, agencyId: string) => scope === null || scope.includes(agencyId);

// Yearly delivery reports ---------------------------------------------------------------------------

function yearPeriod(year: number): { start: Date; end: Date } {
  return { start: fromJalali(year, 1, 1), end: fromJalali(year + 1, 1, 1) };
}

async function checkRows(db: Db, agencyId: string, rows: DeliveryRowInput[], at: Date, lang: Lang): Promise<void> {
  const ids = rows.flatMap((r) => (r.serviceId ? [r.serviceId] : []));
  const problems = await linkProblems(db, agencyId, ids, { inForce: false, now: at });
  const fields = rows.flatMap((r, i) => {
    const code = r.serviceId ? problems.get(r.serviceId) : undefined;
    return code ? [problem(`body.rows.${i}.serviceId`, code, lang)] : [];
  });
  const first = rows.map((r) => (r.serviceId ? problems.get(r.serviceId) : undefined)).find((c) => c !== undefined);
  if (first) throw new ReportsError(first, { fields });
}

const rowValues = (rows: DeliveryRowInput[]): repo.NewReportRow[] =>
  rows.map((r) => ({ title: r.title, deliveredCount: r.deliveredCount, serviceId: r.serviceId ?? null }));

const toRow = (r: repo.RowRow) => ({
  id: r.id,
  rowNo: r.rowNo,
  title: r.title,
  deliveredCount: r.deliveredCount,
  serviceId: r.serviceId,
  status: r.status,
  resolvedServiceId: r.resolvedServiceId,
  resolutionNote: r.resolutionNote,
  resolvedAt: r.resolvedAt,
  version: r.version,
});

async function reportView(db: Db, id: string): Promise<DeliveryReport> {
  const r = await rowsOf.findReport(db, id);
  if (!r) throw new ReportsError('DELIVERY_REPORT_NOT_FOUND', { reportId: id });
  const { rowCount: _c, pendingCount: _p, ...rest } = r;
  return { ...rest, rows: (await rowsOf.reportRows(db, id)).map(toRow) };
}

/**
 * A provincial or county office's administrator reports the services delivered in a Jalali year.
 * One report per agency and year (DELIVERY_REPORT_EXISTS); every service id named must be approved
 * and the agency's or a parent's (reported at its row).
 */
export async function submitReport(
  ctx: AppContext,
  actor: Actor,
  input: SubmitDeliveryReport,
  origin: RequestOrigin,
  lang: Lang,
  claim?: IdempotencyClaim,
): Promise<Replayable<DeliveryReport, 201>> {
  const admin = requireRole(actor, ['agency_admin'], input.agencyId);
  const at = ctx.clock.now();
  const period = yearPeriod(input.year);
  // Two submissions racing past the check meet a unique index (of the current report, and of revision 1, per agency and year).
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, at, async () => {
      const agency = await agencyLineage(tx.db, input.agencyId);
      if (!agency || !FIELD_OFFICES.has(agency.kind))
        throw new ReportsError('DELIVERY_REPORT_NOT_PROVINCIAL', { agencyId: input.agencyId });
      if (period.start.getTime() > at.getTime()) throw new ReportsError('DELIVERY_YEAR_IN_FUTURE', { year: input.year });
      const existing = await rowsOf.findCurrentReport(tx.db, input.agencyId, input.year);
      if (existing)
        throw new ReportsError('DELIVERY_REPORT_EXISTS', { reportId: existing.id, version: existing.version });
      await checkRows(tx.db, input.agencyId, input.rows, at, lang);
      const id = await repo.insertReport(
        tx.db,
        {
          agencyId: input.agencyId,
          year: input.year,
          periodStart: period.start,
          periodEnd: period.end,
          revision: 1,
          replacesId: null,
          submittedBy: admin.onBehalfOfId ?? admin.id,
        },
        at,
      );
      await repo.insertReportRows(tx.db, id, input.agencyId, rowValues(input.rows));
      const withoutId = input.rows.filter((r) => !r.serviceId).length;
      await recordChange(
        tx,
        { actor, origin, at },
        {
          stream: 'delivery_report',
          id,
          event: 'submitted',
          audit: 'delivery_report.submit',
          agencyId: input.agencyId,
          details: { year: input.year, revision: 1, rows: input.rows.length, withoutId },
        },
      );
      return { status: 201 as const, body: await reportView(tx.db, id) };
    }),
  ).catch((err: unknown) => {
    if (
      ['delivery_reports_current_idx', 'delivery_reports_agency_id_year_revision_key'].some((c) =>
        isUniqueViolation(err, c),
      )
    )
      throw new ReportsError('DELIVERY_REPORT_EXISTS', { agencyId: input.agencyId, year: input.year });
    throw err;
  });
}

/** A correction: a new revision replaces the current report, which stays in the history. */
export async function correctReport(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: CorrectDeliveryReport,
  origin: RequestOrigin,
  lang: Lang,
): Promise<DeliveryReport> {
  requireStaff(actor);
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const old = await rowsOf.findReport(tx.db, id, true);
    if (!old || !inScope(reportScope(actor), old.agencyId))
      throw new ReportsError('DELIVERY_REPORT_NOT_FOUND', { reportId: id });
    requireRole(actor, ['agency_admin'], old.agencyId);
    if (!old.current) throw new ReportsError('DELIVERY_REPORT_SUPERSEDED', { reportId: id });
    if (old.version !== input.version) throw new ReportsError('CONFLICT', { currentVersion: old.version });
    await checkRows(tx.db, old.agencyId, input.rows, at, lang);
    if (!(await repo.supersedeReport(tx.db, id, input.version, at)))
      throw new ReportsError('CONFLICT', { currentVersion: old.version });
    const period = yearPeriod(old.year);
    const newId = await repo.insertReport(
      tx.db,
      {
        agencyId: old.agencyId,
        year: old.year,
        periodStart: period.start,
        periodEnd: period.end,
        revision: old.revision + 1,
        replacesId: id,
        submittedBy: actor.onBehalfOfId ?? actor.id,
      },
      at,
    );
    await repo.insertReportRows(tx.db, newId, old.agencyId, rowValues(input.rows));
    await recordChange(
      tx,
      { actor, origin, at },
      {
        stream: 'delivery_report',
        id: newId,
        event: 'corrected',
        audit: 'delivery_report.correct',
        agencyId: old.agencyId,
        details: { year: old.year, revision: old.revision + 1, replaces: id, rows: input.rows.length },
      },
    );
    return reportView(tx.db, newId);
  });
}

export async function getReport(ctx: AppContext, actor: Actor, id: string): Promise<DeliveryReport> {
  const scope = reportScope(actor);
  const r = await rowsOf.findReport(ctx.database.db, id);
  if (!r || !inScope(scope, r.agencyId)) throw new ReportsError('DELIVERY_REPORT_NOT_FOUND', { reportId: id });
  return reportView(ctx.database.db, id);
}

export async function listReports(
  ctx: AppContext,
  actor: Actor,
  q: { agencyId?: string | undefined; year?: number | undefined; history: boolean; limit: number; offset: number },
): Promise<DeliveryReportPage> {
  const agencies = reportScope(actor);
  return rowsOf.listReports(ctx.database.db, { agencies, ...q });
}

const toReviewRow = (r: repo.RowRow): ReviewRow => ({
  ...toRow(r),
  reportId: r.reportId,
  agencyId: r.agencyId,
  agencyName: r.agencyName,
  province: r.province,
  year: r.year,
});

/** The central review list: rows without an id of current reports (pending by default). */
export async function reviewList(
  ctx: AppContext,
  actor: Actor,
  q: {
    status: 'pending' | 'card_required' | 'resolved';
    agencyId?: string | undefined;
    province?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<ReviewRowPage> {
  requireRole(actor, CENTRAL_ROLES);
  const statuses = q.status === 'resolved' ? ['linked', 'dismissed'] : [q.status];
  const page = await rowsOf.reviewRows(ctx.database.db, {
    statuses,
    agencyId: q.agencyId,
    province: q.province,
    limit: q.limit,
    offset: q.offset,
  });
  return { items: page.items.map(toReviewRow), total: page.total };
}

/** A row under central review, for separation of duties: the report's submitter and its agency. */
const rowReviewSubject = async (db: Db, row: repo.RowRow) => ({
  submittedBy: await repo.reportSubmitters(db, row.reportId),
  ownerAgencyId: row.agencyId,
});

/** Why the actor may not resolve the row now (as resolveRow would refuse it), or null. */
async function resolveRefusal(db: Db, actor: Actor, row: repo.RowRow): Promise<string | null> {
  if (!hasRole(actor, ROW_REVIEWERS)) return 'FORBIDDEN';
  if (!row.current || !['pending', 'card_required'].includes(row.status)) return 'DELIVERY_ROW_NOT_RESOLVABLE';
  return reviewConflictOf(db, actor, await rowReviewSubject(db, row));
}

/**
 * GET /catalogue/delivery-rows/:id/capabilities: whether the caller may resolve the row now (a
 * central reviewer, a row still open, and not the report's submitter nor of its agency or one above).
 */
export async function rowCapabilities(ctx: AppContext, actor: Actor, id: string): Promise<DeliveryRowCapabilities> {
  requireRole(actor, CENTRAL_ROLES);
  const row = await rowsOf.findReportRow(ctx.database.db, id);
  if (!row) throw new ReportsError('DELIVERY_ROW_NOT_FOUND', { rowId: id });
  return { resolve: (await resolveRefusal(ctx.database.db, actor, row)) === null };
}

/**
 * A central reviewer resolves a row without an id: linked to an approved service id (the agency's
 * or a parent's), card required (the agency must register a card; can later be linked), or
 * dismissed with a reason. Only rows of the current report; a stale version is CONFLICT.
 */
export async function resolveRow(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ResolveDeliveryRow,
  origin: RequestOrigin,
): Promise<ReviewRow> {
  const reviewer = requireRole(actor, ROW_REVIEWERS);
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const row = await rowsOf.findReportRow(tx.db, id, true);
    if (!row) throw new ReportsError('DELIVERY_ROW_NOT_FOUND', { rowId: id });
    const from = input.resolution === 'linked' ? ['pending', 'card_required'] : ['pending'];
    if (!row.current || !from.includes(row.status))
      throw new ReportsError('DELIVERY_ROW_NOT_RESOLVABLE', { rowId: id, status: row.status, current: row.current });
    if (row.version !== input.version) throw new ReportsError('CONFLICT', { currentVersion: row.version });
    await assertNoReviewConflict(tx.db, actor, await rowReviewSubject(tx.db, row), { rowId: id });
    let serviceId: string | null = null;
    let note: string | null = null;
    if (input.resolution === 'linked') {
      const code = (await linkProblems(tx.db, row.agencyId, [input.serviceId], { inForce: false, now: at })).get(
        input.serviceId,
      );
      if (code) throw new ReportsError(code, { serviceId: input.serviceId });
      serviceId = input.serviceId;
    } else if (input.resolution === 'dismissed') note = input.reason;
    else note = input.note?.trim() || null;
    if (
      !(await repo.resolveRow(
        tx.db,
        id,
        input.version,
        { status: input.resolution, serviceId, note, by: reviewer.onBehalfOfId ?? reviewer.id },
        at,
      ))
    )
      throw new ReportsError('CONFLICT', { currentVersion: row.version });
    await recordChange(
      tx,
      { actor, origin, at },
      {
        stream: 'delivery_report_row',
        id,
        event: `resolved_${input.resolution}`,
        audit: 'delivery_report_row.resolve',
        agencyId: row.agencyId,
        details: { reportId: row.reportId, resolution: input.resolution, serviceId, note, title: row.title },
      },
    );
    return toReviewRow((await rowsOf.findReportRow(tx.db, id))!);
  });
}

// The discrepancy report ----------------------------------------------------------------------------

export interface Period {
  from: Date;
  to: Date;
  fromJalali: string;
  toJalali: string;
}

/** The period asked: from the first day's start to the end of the last day (default: this Jalali year so far). */
export function reportPeriod(q: { from?: string | undefined; to?: string | undefined }, now: Date, lang: Lang): Period {
  const today = toJalali(now);
  const first = q.from ? parseDayField(q.from, 'querystring.from', lang) : { jy: today.jy, jm: 1, jd: 1 };
  const last = q.to ? parseDayField(q.to, 'querystring.to', lang) : today;
  const from = fromJalali(first);
  const to = fromJalali(addJalaliDays(last, 1));
  if (to.getTime() <= from.getTime() || to.getTime() - from.getTime() > 10 * 366 * 86_400_000)
    throw new ReportsError('REPORT_PERIOD_INVALID', { from: q.from ?? null, to: q.to ?? null });
  return { from, to, fromJalali: jalaliDateString(first), toJalali: jalaliDateString(last) };
}

export interface DiscrepancyQuery {
  from?: string | undefined;
  to?: string | undefined;
  agencyId?: string | undefined;
  province?: string | undefined;
  limit: number;
  withoutIdOffset: number;
  neverDeliveredOffset: number;
  expiredOffset: number;
}

/** Who sees which rows: central roles everything, an agency administrator their agencies. */
function discrepancyScope(actor: Actor): string[] | null {
  return reportScope(actor);
}

function filterOf(
  actor: Actor,
  q: DiscrepancyQuery,
  now: Date,
  lang: Lang,
): { f: repo.DiscrepancyFilter; period: Period } {
  const agencies = discrepancyScope(actor);
  const period = reportPeriod(q, now, lang);
  return {
    period,
    f: { from: period.from, to: period.to, agencies, agencyId: q.agencyId, province: q.province?.trim() || undefined },
  };
}

/** GET /catalogue/reports/discrepancies: the three sections, a page each, with per-agency totals. */
export async function discrepancies(
  ctx: AppContext,
  actor: Actor,
  q: DiscrepancyQuery,
  lang: Lang,
): Promise<DiscrepancyReport> {
  const { f, period } = filterOf(actor, q, ctx.clock.now(), lang);
  // An analytical report: the read replica where there is one (ADR 0026).
  const { sections, rank } = await ctx.reads.read((db) => discrepancySections(db, f));
  const page = (s: repo.Section, offset: number) => ({ items: sections[s].slice(offset, offset + q.limit), total: sections[s].length });
  const withoutId = page('withoutId', q.withoutIdOffset);
  const neverDelivered = page('neverDelivered', q.neverDeliveredOffset);
  const expiredDelivered = page('expiredDelivered', q.expiredOffset);
  return {
    period: {
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      fromJalali: period.fromJalali,
      toJalali: period.toJalali,
    },
    summary: {
      withoutId: withoutId.total,
      neverDelivered: neverDelivered.total,
      expiredDelivered: expiredDelivered.total,
    },
    byAgency: totalsByAgency(sections, rank),
    sections: {
      withoutId: { ...withoutId, offset: q.withoutIdOffset },
      neverDelivered: { ...neverDelivered, offset: q.neverDeliveredOffset },
      expiredDelivered: { ...expiredDelivered, offset: q.expiredOffset },
    },
  };
}

/** Most rows an export carries per section. */
export const EXPORT_LIMIT = 50_000;

/** Every row of the three sections (up to EXPORT_LIMIT each), for CSV and XLSX. */
export async function discrepancyRowsForExport(
  ctx: AppContext,
  actor: Actor,
  q: DiscrepancyQuery,
  lang: Lang,
): Promise<{ period: Period; sections: Record<repo.Section, repo.DiscrepancyRowDb[]> }> {
  const { f, period } = filterOf(actor, q, ctx.clock.now(), lang);
  const { sections } = await ctx.reads.read((db) => discrepancySections(db, f));
  const first = (s: repo.Section) => sections[s].slice(0, EXPORT_LIMIT);
  return { period, sections: { withoutId: first('withoutId'), neverDelivered: first('neverDelivered'), expiredDelivered: first('expiredDelivered') } };
}
