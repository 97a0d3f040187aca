import type { CalendarCapabilities, Closure, ClosureInput, HolidayInput, HolidayTable, HolidayTableInput } from '@dargah/contracts';
import { normalizeDisplay } from '@dargah/persian';
import type { Actor, RequestOrigin } from '../../platform/actor';
import { requireStaff } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db } from '../../platform/db';
import { recordChange } from '../../platform/events';
import type { FieldProblem } from '../../platform/http/errors';
import type { Lang } from '../../platform/http/i18n';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { activeAgencies, agenciesByIds, agencyIdsInProvince, findActiveAgency } from '../organisation';
import { CalendarError, calendarFields } from './calendar.errors';
import { closureAgencyIds, mayCloseProvinces, mayPublishTable, requireClosureScope, requirePublisher } from './calendar.policy';
import * as repo from './calendar.repository';
import { invalidateCalendars } from './working-calendar.service';

/*
 * The holiday tables and local closures. Every change is one transaction holding the change, its
 * event and its audit entry (stream 'holiday_table', id the year; stream 'local_closure'); this
 * process's working calendars are dropped once it has committed (working-calendar.service.ts).
 */

// Checking holidays -------------------------------------------------------------------------------
/** A problem of one holiday of a table: its index, the field and a field code. */
export interface HolidayProblem {
  index: number;
  field: 'date' | 'titleFa' | 'titleEn' | 'kind';
  code: string;
}

/** Titles normalised (an empty English title is none); the rows in date order. */
export function cleanHolidays(holidays: readonly HolidayInput[]): repo.HolidayRow[] {
  return holidays.map((h) => ({
    date: h.date,
    titleFa: normalizeDisplay(h.titleFa),
    titleEn: h.titleEn ? normalizeDisplay(h.titleEn) || null : null,
    kind: h.kind,
  }));
}

/** Every problem of a year's table: a date of another year, a day twice, a Persian title empty. */
export function holidayProblems(year: number, holidays: readonly repo.HolidayRow[]): HolidayProblem[] {
  const problems: HolidayProblem[] = [];
  const seen = new Set<string>();
  holidays.forEach((h, index) => {
    if (!h.date.startsWith(`${year}/`)) problems.push({ index, field: 'date', code: 'HOLIDAY_DATE_OUTSIDE_YEAR' });
    else if (seen.has(h.date)) problems.push({ index, field: 'date', code: 'HOLIDAY_DATE_DUPLICATE' });
    seen.add(h.date);
    if (h.titleFa === '') problems.push({ index, field: 'titleFa', code: 'HOLIDAY_TITLE_REQUIRED' });
  });
  return problems;
}

// Yearly tables ---------------------------------------------------------------------------------------
export async function getHolidayTable(db: Db, year: number): Promise<HolidayTable> {
  const y = await repo.findYear(db, year);
  if (!y) return { year, published: false, version: 0, publishedAt: null, holidays: [] };
  return { year, published: true, version: y.version, publishedAt: y.publishedAt.toISOString(), holidays: await repo.holidaysOf(db, year) };
}

/**
 * Publishes a year's table whole (already checked), at the version read: the year's claim refuses a
 * stale or concurrent publication with 409 CONFLICT, so of two publishers at one version one wins.
 */
export async function writeHolidayTable(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  year: number,
  version: number,
  holidays: readonly repo.HolidayRow[],
  how: 'published' | 'imported',
): Promise<HolidayTable> {
  const staff = requirePublisher(actor);
  const at = ctx.clock.now();
  const table = await withTransaction(ctx.database, async (tx) => {
    const now = await repo.claimYear(tx.db, year, version, staff.id, at);
    if (now === undefined) throw new CalendarError('CONFLICT', { year, currentVersion: (await repo.findYear(tx.db, year))?.version ?? 0 });
    await repo.replaceHolidays(tx.db, year, [...holidays].sort((a, b) => a.date.localeCompare(b.date)));
    await recordChange(
      tx,
      { actor, origin, at },
      {
        stream: 'holiday_table',
        id: String(year),
        event: how,
        audit: `holiday_table.${how === 'published' ? 'publish' : 'import'}`,
        agencyId: null,
        details: { year, version: now, holidays: holidays.length, lunar: holidays.filter((h) => h.kind === 'lunar').length },
      },
    );
    return getHolidayTable(tx.db, year);
  });
  invalidateCalendars(ctx);
  return table;
}

/** The central organisation replaces a year's table (from the screen). */
export async function publishHolidayTable(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  year: number,
  input: HolidayTableInput,
  lang: Lang,
): Promise<HolidayTable> {
  requirePublisher(actor);
  const holidays = cleanHolidays(input.holidays);
  const problems = holidayProblems(year, holidays);
  if (problems.length > 0) {
    const fields: FieldProblem[] = problems.map((p) => ({
      field: `body.holidays.${p.index}.${p.field}`,
      code: p.code,
      message: calendarFields.message(p.code, lang),
    }));
    throw new CalendarError('VALIDATION_FAILED', { fields });
  }
  return writeHolidayTable(ctx, actor, origin, year, input.version, holidays, 'published');
}

// Local closures ------------------------------------------------------------------------------------
const toClosure = (c: repo.ClosureRow): Closure => ({ ...c, createdAt: c.createdAt.toISOString() });

export async function listClosures(
  ctx: AppContext,
  q: { year: number; agencyId?: string | undefined; province?: string | undefined },
): Promise<Closure[]> {
  const province = q.province === undefined ? undefined : normalizeDisplay(q.province);
  return (await repo.listClosures(ctx.database.db, { ...q, province })).map(toClosure);
}

const fieldError = (field: string, code: string, lang: Lang) =>
  new CalendarError('VALIDATION_FAILED', { fields: [{ field: `body.${field}`, code, message: calendarFields.message(code, lang) }] });

/** An agency's administrator closes their agency for a day; a central role closes a province. */
export async function addClosure(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  input: ClosureInput,
  lang: Lang,
  claim?: IdempotencyClaim,
): Promise<Replayable<Closure, 201>> {
  requireStaff(actor);
  const agencyId = input.agencyId ?? null;
  const province = input.province === undefined ? null : normalizeDisplay(input.province);
  const staff = requireClosureScope(actor, { agencyId, province });
  const titleFa = normalizeDisplay(input.titleFa);
  if (titleFa === '') throw fieldError('titleFa', 'HOLIDAY_TITLE_REQUIRED', lang);
  if (province === '') throw fieldError('province', 'CLOSURE_PROVINCE_UNKNOWN', lang);
  const at = ctx.clock.now();
  const made = await withTransaction(ctx.database, (tx) =>
    once(tx, claim, at, async () => {
      if (agencyId !== null && !(await findActiveAgency(tx.db, agencyId))) throw fieldError('agencyId', 'CLOSURE_AGENCY_UNKNOWN', lang);
      if (province !== null && (await agencyIdsInProvince(tx.db, province)).length === 0)
        throw fieldError('province', 'CLOSURE_PROVINCE_UNKNOWN', lang);
      const row = await repo.insertClosure(
        tx.db,
        { date: input.date, titleFa, titleEn: input.titleEn ? normalizeDisplay(input.titleEn) || null : null, agencyId, province },
        staff.id,
        at,
      );
      if (!row) throw new CalendarError('CLOSURE_DUPLICATE', { date: input.date, agencyId, province });
      await recordChange(
        tx,
        { actor, origin, at },
        {
          stream: 'local_closure',
          id: row.id,
          event: 'added',
          audit: 'local_closure.add',
          agencyId,
          details: { date: row.date, title: row.titleFa, province },
        },
      );
      return { status: 201 as const, body: toClosure(row) };
    }),
  );
  invalidateCalendars(ctx);
  return made;
}

/** Removes a closure: the same people who may add it; to anyone else it does not exist (404). */
export async function removeClosure(ctx: AppContext, actor: Actor, origin: RequestOrigin, id: string): Promise<void> {
  requireStaff(actor);
  const at = ctx.clock.now();
  await withTransaction(ctx.database, async (tx) => {
    const c = await repo.findClosure(tx.db, id);
    if (!c) throw new CalendarError('CLOSURE_NOT_FOUND', { closureId: id });
    // Whoever may not remove it is told it does not exist, as for any object of another agency.
    try {
      requireClosureScope(actor, c);
    } catch {
      throw new CalendarError('CLOSURE_NOT_FOUND', { closureId: id });
    }
    if (!(await repo.deleteClosure(tx.db, id))) throw new CalendarError('CLOSURE_NOT_FOUND', { closureId: id });
    await recordChange(
      tx,
      { actor, origin, at },
      {
        stream: 'local_closure',
        id,
        event: 'removed',
        audit: 'local_closure.remove',
        agencyId: c.agencyId,
        details: { date: c.date, title: c.titleFa, province: c.province },
      },
    );
  });
  invalidateCalendars(ctx);
}

// What the caller may do ------------------------------------------------------------------------------
export async function calendarCapabilities(ctx: AppContext, actor: Actor): Promise<CalendarCapabilities> {
  const db = ctx.database.db;
  const scope = closureAgencyIds(actor);
  const ids = scope === 'all' ? (await activeAgencies(db)).map((a) => a.id) : scope;
  const facts = await agenciesByIds(db, ids);
  return {
    publishTable: mayPublishTable(actor),
    provinceClosures: mayCloseProvinces(actor),
    closureAgencies: [...facts.values()]
      .filter((a) => a.active)
      .map((a) => ({ id: a.id, nameFa: a.nameFa, nameEn: a.nameEn, province: a.province }))
      .sort((a, b) => a.nameFa.localeCompare(b.nameFa, 'fa')),
  };
}
