import { createWorkingCalendar, parseJalali, type Holiday, type JalaliDate, type WorkingCalendar } from '@dargah/persian';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { agenciesByIds } from '../organisation';
import * as repo from './calendar.repository';

/*
 * Each agency's working calendar: Saturday to Wednesday, the fixed solar holidays of the law
 * (packages/persian), every published year's holiday table, the agency's own closures and its
 * province's closures.
 *
 * Cached per process: every holiday and closure is read at once (a few dozen rows a year) and kept
 * CALENDAR_CACHE_TTL_MS; each agency's calendar and province are added on its first use. So a
 * request's submission reads nothing once its agency's calendar is cached. A change made through
 * this process (publish, import, add or remove a closure) drops the cache after its transaction
 * commits; another process (a second API server, the worker) sees the change within the TTL.
 */

/** How long a process keeps the calendars before reading the tables again. */
export const CALENDAR_CACHE_TTL_MS = 60_000;

interface Snapshot {
  readonly loadedAt: number;
  readonly national: readonly Holiday[];
  readonly byAgency: ReadonlyMap<string, readonly Holiday[]>;
  readonly byProvince: ReadonlyMap<string, readonly Holiday[]>;
  /** Each agency's calendar, built on first use. */
  readonly calendars: Map<string, WorkingCalendar>;
}

interface Slot {
  generation: number;
  snapshot?: Snapshot | undefined;
  loading?: Promise<Snapshot> | undefined;
}

// One slot per database (tests build several apps in one process); a Db outlives no app.
const slots = new WeakMap<object, Slot>();
const slotOf = (key: object): Slot => {
  let s = slots.get(key);
  if (!s) slots.set(key, (s = { generation: 0 }));
  return s;
};

type Source = AppContext | Db;
const dbOf = (source: Source): Db => ('database' in source && 'clock' in source ? source.database.db : source);

function dateOf(text: string): JalaliDate {
  const r = parseJalali(text);
  if (!r.ok) throw new Error(`stored calendar date ${text} is not a Jalali date`);
  return r.value;
}

function group(rows: repo.CalendarSnapshotRows['closures'], key: 'agencyId' | 'province'): Map<string, Holiday[]> {
  const m = new Map<string, Holiday[]>();
  for (const r of rows) {
    const k = r[key];
    if (k === null) continue;
    m.set(k, [...(m.get(k) ?? []), { date: dateOf(r.date), title: r.titleFa }]);
  }
  return m;
}

async function load(db: Db): Promise<Snapshot> {
  const found = await repo.snapshot(db);
  return {
    loadedAt: performance.now(),
    national: found.holidays.map((h) => ({ date: dateOf(h.date), title: h.titleFa })),
    byAgency: group(found.closures, 'agencyId'),
    byProvince: group(found.closures, 'province'),
    calendars: new Map(),
  };
}

async function snapshotOf(db: Db): Promise<Snapshot> {
  const slot = slotOf(db);
  const fresh = slot.snapshot && performance.now() - slot.snapshot.loadedAt < CALENDAR_CACHE_TTL_MS;
  if (fresh) return slot.snapshot!;
  if (!slot.loading) {
    const generation = slot.generation;
    const loading: Promise<Snapshot> = load(db).then(
      (s) => {
        // A change committed while this read was under way: keep the read for this caller only.
        if (slot.generation === generation) slot.snapshot = s;
        if (slot.loading === loading) slot.loading = undefined;
        return s;
      },
      (e: unknown) => {
        if (slot.loading === loading) slot.loading = undefined;
        throw e;
      },
    );
    slot.loading = loading;
  }
  return slot.loading;
}

/**
 * The agency's working calendar (the national table, the agency's closures and its province's).
 * `source` is the app context or a db; a transaction's db reads but is not worth caching, so pass
 * the context wherever one is at hand.
 */
export async function calendarFor(source: Source, agencyId: string): Promise<WorkingCalendar> {
  const db = dbOf(source);
  const snap = await snapshotOf(db);
  const cached = snap.calendars.get(agencyId);
  if (cached) return cached;
  const province = (await agenciesByIds(db, [agencyId])).get(agencyId)?.province ?? undefined;
  const calendar = createWorkingCalendar({
    ...(province === undefined ? {} : { province }),
    holidays: [
      ...snap.national,
      ...(snap.byAgency.get(agencyId) ?? []),
      // The province's closures, marked with it: createWorkingCalendar keeps those of the calendar's province.
      ...(province === undefined ? [] : (snap.byProvince.get(province) ?? []).map((h) => ({ ...h, province }))),
    ],
  });
  snap.calendars.set(agencyId, calendar);
  return calendar;
}

/** Drops this process's calendars (after a change to the tables has committed). */
export function invalidateCalendars(source: Source): void {
  const slot = slotOf(dbOf(source));
  slot.generation += 1;
  slot.snapshot = undefined;
  slot.loading = undefined;
}
