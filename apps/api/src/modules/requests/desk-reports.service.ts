import type { DeskOfficeKind, DeskReport, DeskReportFigures, DeskReportGroup, DeskReportOptions, DeskReportRow } from '@dargah/contracts';
import { fromJalali, toJalali } from '@dargah/persian';
import { requireStaff, type Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import type { Lang } from '../../platform/http/i18n';
import { activeAgencies, agenciesByIds, agencyIdsInProvince, CENTRAL_ROLES, unitsOfAgencies, type OrgUnitRow } from '../organisation';
import { servicesByIds, servicesOfAgencies } from '../services';
import * as repo from './desk-reports.repository';
import { DeskReportsError } from './desk-reports.errors';
import { DESK_REPORT_ROLES, deskReportAgencies } from './desk-reports.policy';

/*
 * Desk reports (issue 11 item 11): for one Jalali year, requests accepted (submitted in the
 * period), answered (decided in it), still pending and overdue now, and the time from acceptance
 * to answer in working and calendar days (stored on each request when decided), grouped by month,
 * quarter, year, service, office, or headquarters against operational units. An analytical read:
 * it goes to the read replica where there is one (ADR 0026).
 */

/** The first Jalali year reports may be asked for. */
export const FIRST_REPORT_YEAR = 1390;

export interface DeskReportQuery {
  year?: number | undefined;
  groupBy: DeskReportGroup;
  agencyId?: string | undefined;
  province?: string | undefined;
  serviceId?: string | undefined;
  unitId?: string | undefined;
  officeKind?: DeskOfficeKind | undefined;
}

function scopeOf(actor: Actor): string[] | null {
  requireStaff(actor);
  const scope = deskReportAgencies(actor);
  if (scope === undefined) throw new DeskReportsError('FORBIDDEN', { need: [...DESK_REPORT_ROLES, ...CENTRAL_ROLES] });
  return scope;
}

/** The agencies asked for, within the scope: one agency, a province's, or the whole scope. */
async function agenciesAsked(db: Db, scope: string[] | null, q: { agencyId?: string | undefined; province?: string | undefined }): Promise<string[] | null> {
  if (q.agencyId) {
    if (scope !== null && !scope.includes(q.agencyId)) throw new DeskReportsError('DESK_REPORT_AGENCY_NOT_ALLOWED', { agencyId: q.agencyId });
    return [q.agencyId];
  }
  const province = q.province?.trim();
  if (province) {
    const inProvince = await agencyIdsInProvince(db, province);
    return scope === null ? inProvince : inProvince.filter((id) => scope.includes(id));
  }
  return scope;
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
const pad = (n: number) => String(n).padStart(2, '0');

/** The lower bounds of the period's buckets and each bucket's key and number. */
function periodsOf(year: number, groupBy: 'month' | 'quarter' | 'year'): Array<{ key: string; period: number; from: Date }> {
  if (groupBy === 'year') return [{ key: String(year), period: 1, from: fromJalali(year, 1, 1) }];
  if (groupBy === 'quarter') return [1, 2, 3, 4].map((q) => ({ key: `${year}-Q${q}`, period: q, from: fromJalali(year, q * 3 - 2, 1) }));
  return Array.from({ length: 12 }, (_, i) => ({ key: `${year}-${pad(i + 1)}`, period: i + 1, from: fromJalali(year, i + 1, 1) }));
}

const EMPTY: DeskReportFigures = {
  accepted: 0,
  answered: 0,
  answeredLate: 0,
  pending: 0,
  overdue: 0,
  workingDays: { mean: null, p50: null, p90: null },
  calendarDays: { mean: null, p50: null, p90: null },
};

function figures(a: repo.AcceptedAgg | undefined, b: repo.AnsweredAgg | undefined): DeskReportFigures {
  return {
    accepted: a?.accepted ?? 0,
    pending: a?.pending ?? 0,
    overdue: a?.overdue ?? 0,
    answered: b?.answered ?? 0,
    answeredLate: b?.late ?? 0,
    workingDays: b ? { mean: round(b.wMean), p50: round(b.wP50), p90: round(b.wP90) } : EMPTY.workingDays,
    calendarDays: b ? { mean: round(b.cMean), p50: round(b.cP50), p90: round(b.cP90) } : EMPTY.calendarDays,
  };
}

/** GET /desk-reports: the report of one Jalali year, grouped as asked, with the total. */
export async function deskReport(ctx: AppContext, actor: Actor, q: DeskReportQuery, lang: Lang): Promise<DeskReport> {
  const scope = scopeOf(actor);
  const now = ctx.clock.now();
  const thisYear = toJalali(now).jy;
  const year = q.year ?? thisYear;
  if (year < FIRST_REPORT_YEAR || year > thisYear) throw new DeskReportsError('DESK_REPORT_YEAR_OUT_OF_RANGE', { year, first: FIRST_REPORT_YEAR, last: thisYear });
  if (q.unitId && q.officeKind) throw new DeskReportsError('DESK_REPORT_FILTERS_CONFLICT', { unitId: q.unitId, officeKind: q.officeKind });
  const from = fromJalali(year, 1, 1);
  const to = fromJalali(year + 1, 1, 1);

  return ctx.reads.read(async (db) => {
    const agencyIds = await agenciesAsked(db, scope, q);
    const needUnits = q.groupBy === 'office' || q.groupBy === 'officeKind' || q.unitId || q.officeKind;
    const units: OrgUnitRow[] = needUnits && (agencyIds === null || agencyIds.length > 0) ? await unitsOfAgencies(db, agencyIds) : [];
    const ofKind = (kind: OrgUnitRow['kind']) => units.filter((u) => u.kind === kind).map((u) => u.id);
    let office: repo.DeskOfficeFilter | undefined;
    if (q.unitId) {
      if (!units.some((u) => u.id === q.unitId)) throw new DeskReportsError('DESK_REPORT_OFFICE_NOT_FOUND', { unitId: q.unitId });
      office = { unitIds: [q.unitId] };
    } else if (q.officeKind) office = q.officeKind === 'unassigned' ? { unassigned: true } : { unitIds: ofKind(q.officeKind) };

    const periods = q.groupBy === 'month' || q.groupBy === 'quarter' || q.groupBy === 'year' ? periodsOf(year, q.groupBy) : undefined;
    const grouping: repo.DeskGrouping = periods
      ? { by: 'bucket', bounds: periods.map((p) => p.from) }
      : q.groupBy === 'officeKind'
        ? { by: 'officeKind', headquarters: ofKind('headquarters') }
        : { by: q.groupBy === 'service' ? 'service' : 'office' };
    const filter: repo.DeskReportFilter = { agencyIds: agencyIds ?? null, from, to, serviceId: q.serviceId, office, now };
    const nothing = agencyIds !== null && agencyIds.length === 0;
    const [accepted, answered] = nothing
      ? [[], []]
      : await Promise.all([repo.acceptedAggregates(db, filter, grouping), repo.answeredAggregates(db, filter, grouping)]);
    const a = new Map(accepted.map((x) => [x.key, x]));
    const b = new Map(answered.map((x) => [x.key, x]));

    let rows: DeskReportRow[];
    if (periods) {
      rows = periods.map((p, i) => ({ key: p.key, label: null, period: p.period, officeKind: null, ...figures(a.get(String(i + 1)), b.get(String(i + 1))) }));
    } else {
      const keys = [...new Set([...a.keys(), ...b.keys()])].filter((k): k is string => k !== null);
      rows = await labelled(db, q.groupBy, keys, units, lang, (k) => figures(a.get(k), b.get(k)));
    }
    return {
      year,
      groupBy: q.groupBy,
      agencyIds,
      from: from.toISOString(),
      to: to.toISOString(),
      rows,
      total: nothing ? EMPTY : figures(a.get(null), b.get(null)),
    };
  });
}

const UNASSIGNED = { fa: 'بدون واحد', en: 'No office' };

/** Rows of service, office or office-kind groups, named and in name order (kinds: headquarters, operational, none). */
async function labelled(
  db: Db,
  groupBy: DeskReportGroup,
  keys: string[],
  units: OrgUnitRow[],
  lang: Lang,
  figuresOf: (key: string) => DeskReportFigures,
): Promise<DeskReportRow[]> {
  if (groupBy === 'officeKind') {
    const order: DeskOfficeKind[] = ['headquarters', 'operational', 'unassigned'];
    return order.filter((k) => keys.includes(k)).map((k) => ({ key: k, label: null, period: null, officeKind: k, ...figuresOf(k) }));
  }
  let named: Array<{ key: string; label: string; officeKind: DeskOfficeKind | null }>;
  if (groupBy === 'service') {
    const services = await servicesByIds(db, keys);
    named = keys.map((k) => {
      const s = services.get(k);
      return { key: k, label: (lang === 'en' && s?.titleEn) || s?.titleFa || k, officeKind: null };
    });
  } else {
    const byId = new Map(units.map((u) => [u.id, u]));
    named = keys.map((k) => {
      const u = byId.get(k);
      if (!u) return { key: k, label: UNASSIGNED[lang], officeKind: 'unassigned' as const };
      return { key: k, label: (lang === 'en' && u.nameEn) || u.nameFa, officeKind: u.kind };
    });
  }
  const collator = new Intl.Collator(lang);
  return named
    .sort((x, y) => Number(x.key === 'unassigned') - Number(y.key === 'unassigned') || collator.compare(x.label, y.label))
    .map((n) => ({ ...n, period: null, ...figuresOf(n.key) }));
}

/** GET /desk-reports/options: the agencies the viewer may report on, and the offices and services of the one chosen (or of theirs). */
export async function deskReportOptions(ctx: AppContext, actor: Actor, q: { agencyId?: string | undefined }, lang: Lang): Promise<DeskReportOptions> {
  const scope = scopeOf(actor);
  const thisYear = toJalali(ctx.clock.now()).jy;
  return ctx.reads.read(async (db) => {
    const name = (a: { nameFa: string; nameEn: string | null }) => (lang === 'en' && a.nameEn) || a.nameFa;
    const agencies =
      scope === null
        ? (await activeAgencies(db)).map((a) => ({ id: a.id, name: name(a) }))
        : [...(await agenciesByIds(db, scope)).values()].map((a) => ({ id: a.id, name: name(a) }));
    const chosen = q.agencyId ? await agenciesAsked(db, scope, q) : scope;
    const [units, services] = chosen === null ? [[], []] : await Promise.all([unitsOfAgencies(db, chosen), servicesOfAgencies(db, chosen)]);
    const collator = new Intl.Collator(lang);
    return {
      agencies: agencies.sort((x, y) => collator.compare(x.name, y.name)),
      offices: units.map((u) => ({ id: u.id, agencyId: u.agencyId, name: (lang === 'en' && u.nameEn) || u.nameFa, kind: u.kind })),
      services: services.map((s) => ({ id: s.id, agencyId: s.agencyId, title: (lang === 'en' && s.titleEn) || s.titleFa })),
      years: { first: FIRST_REPORT_YEAR, last: thisYear },
    };
  });
}
