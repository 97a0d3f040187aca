import type { HolidayKind } from '@dargah/contracts';
import { sql } from 'drizzle-orm';
import { date, iso, rows, type Db } from '../../platform/db';

/** The SQL of the working-day calendar: holiday_years, holidays and local_closures. */

// Yearly tables ----------------------------------------------------------------------------------
export interface HolidayRow {
  date: string;
  titleFa: string;
  titleEn: string | null;
  kind: HolidayKind;
}
export interface YearRow {
  year: number;
  version: number;
  publishedAt: Date;
}

const HOLIDAY_COLS = sql`jalali_date AS "date", title_fa AS "titleFa", title_en AS "titleEn", kind`;

export async function findYear(db: Db, year: number): Promise<YearRow | undefined> {
  const [row] = await rows<YearRow>(
    db,
    sql`SELECT year, version, published_at AS "publishedAt" FROM holiday_years WHERE year = ${year}`,
  );
  return row && { ...row, publishedAt: date(row.publishedAt) };
}

export async function holidaysOf(db: Db, year: number): Promise<HolidayRow[]> {
  return rows<HolidayRow>(db, sql`SELECT ${HOLIDAY_COLS} FROM holidays WHERE year = ${year} ORDER BY jalali_date`);
}

/**
 * Claims the year at the version read: the first publication (version 0) inserts the year, a later
 * one moves it on from `version`. Undefined when another publication got there first (409).
 */
export async function claimYear(db: Db, year: number, version: number, by: string, now: Date): Promise<number | undefined> {
  const [row] =
    version === 0
      ? await rows<{ version: number }>(
          db,
          sql`INSERT INTO holiday_years (year, version, published_at, published_by)
              VALUES (${year}, 1, ${iso(now)}::timestamptz, ${by}) ON CONFLICT (year) DO NOTHING RETURNING version`,
        )
      : await rows<{ version: number }>(
          db,
          sql`UPDATE holiday_years SET version = version + 1, published_at = ${iso(now)}::timestamptz, published_by = ${by}
               WHERE year = ${year} AND version = ${version} RETURNING version`,
        );
  return row?.version;
}

/** Replaces the year's holidays with these (the year claimed in the same transaction). */
export async function replaceHolidays(db: Db, year: number, holidays: readonly HolidayRow[]): Promise<void> {
  await db.execute(sql`DELETE FROM holidays WHERE year = ${year}`);
  if (holidays.length === 0) return;
  const values = sql.join(
    holidays.map((h) => sql`(${year}, ${h.date}, ${h.titleFa}, ${h.titleEn}, ${h.kind})`),
    sql`, `,
  );
  await db.execute(sql`INSERT INTO holidays (year, jalali_date, title_fa, title_en, kind) VALUES ${values}`);
}

// Local closures ---------------------------------------------------------------------------------
export interface ClosureRow {
  id: string;
  date: string;
  titleFa: string;
  titleEn: string | null;
  agencyId: string | null;
  province: string | null;
  createdAt: Date;
}
const CLOSURE_COLS = sql`id, jalali_date AS "date", title_fa AS "titleFa", title_en AS "titleEn", agency_id AS "agencyId", province, created_at AS "createdAt"`;
const fixClosure = (r: ClosureRow): ClosureRow => ({ ...r, createdAt: date(r.createdAt) });

/** Inserts a closure; undefined when the agency or province already has one that day. */
export async function insertClosure(
  db: Db,
  c: Omit<ClosureRow, 'id' | 'createdAt'>,
  by: string,
  now: Date,
): Promise<ClosureRow | undefined> {
  const conflict = c.agencyId !== null ? sql`(agency_id, jalali_date) WHERE agency_id IS NOT NULL` : sql`(province, jalali_date) WHERE province IS NOT NULL`;
  const [row] = await rows<ClosureRow>(
    db,
    sql`INSERT INTO local_closures (jalali_date, title_fa, title_en, agency_id, province, created_by, created_at)
        VALUES (${c.date}, ${c.titleFa}, ${c.titleEn}, ${c.agencyId}, ${c.province}, ${by}, ${iso(now)}::timestamptz)
        ON CONFLICT ${conflict} DO NOTHING RETURNING ${CLOSURE_COLS}`,
  );
  return row && fixClosure(row);
}

export async function findClosure(db: Db, id: string): Promise<ClosureRow | undefined> {
  const [row] = await rows<ClosureRow>(db, sql`SELECT ${CLOSURE_COLS} FROM local_closures WHERE id = ${id}`);
  return row && fixClosure(row);
}

/** Deletes the closure; false when it was already gone. */
export async function deleteClosure(db: Db, id: string): Promise<boolean> {
  return (await rows<{ id: string }>(db, sql`DELETE FROM local_closures WHERE id = ${id} RETURNING id`)).length > 0;
}

/** A year's closures, of one agency and/or one province when asked (either matches), by date. */
export async function listClosures(
  db: Db,
  f: { year: number; agencyId?: string | undefined; province?: string | undefined },
): Promise<ClosureRow[]> {
  const scopes = [
    ...(f.agencyId !== undefined ? [sql`agency_id = ${f.agencyId}`] : []),
    ...(f.province !== undefined ? [sql`province = ${f.province}`] : []),
  ];
  const scope = scopes.length > 0 ? sql` AND (${sql.join(scopes, sql` OR `)})` : sql``;
  return (
    await rows<ClosureRow>(
      db,
      sql`SELECT ${CLOSURE_COLS} FROM local_closures WHERE jalali_date LIKE ${`${f.year}/%`}${scope} ORDER BY jalali_date, id`,
    )
  ).map(fixClosure);
}

// What the working calendars are built from --------------------------------------------------------
export interface CalendarSnapshotRows {
  holidays: HolidayRow[];
  closures: Array<Pick<ClosureRow, 'date' | 'titleFa' | 'agencyId' | 'province'>>;
}

/** Every published holiday and every closure (a few dozen rows a year). */
export async function snapshot(db: Db): Promise<CalendarSnapshotRows> {
  const holidays = await rows<HolidayRow>(db, sql`SELECT ${HOLIDAY_COLS} FROM holidays`);
  const closures = await rows<CalendarSnapshotRows['closures'][number]>(
    db,
    sql`SELECT jalali_date AS "date", title_fa AS "titleFa", agency_id AS "agencyId", province FROM local_closures`,
  );
  return { holidays, closures };
}
