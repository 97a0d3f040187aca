import { sql } from 'drizzle-orm';
import { date, iso, list, rows, type Db } from '../../platform/db';

/** The SQL of the offices' directory (service_offices, office_services). */

export interface OfficeRow {
  id: string;
  kind: 'counter' | 'post';
  code: string;
  name: string;
  province: string;
  county: string;
  address: string;
  phone: string | null;
  active: boolean;
  version: number;
}
export type OfficeValues = Omit<OfficeRow, 'id' | 'active' | 'version'>;
const COLS = sql`id, kind, code, name, province, county, address, phone, active, version`;

/** Inserts an office; undefined when one of its kind already has the code. */
export async function insertOffice(db: Db, o: OfficeValues, now: Date): Promise<OfficeRow | undefined> {
  const [row] = await rows<OfficeRow>(db, sql`
    INSERT INTO service_offices (kind, code, name, province, county, address, phone, created_at, updated_at)
    VALUES (${o.kind}, ${o.code}, ${o.name}, ${o.province}, ${o.county}, ${o.address}, ${o.phone}, ${iso(now)}::timestamptz, ${iso(now)}::timestamptz)
    ON CONFLICT (kind, code) DO NOTHING RETURNING ${COLS}`);
  return row;
}

/** Optimistic update: undefined when the row changed since `version` (or does not exist). */
export async function updateOffice(db: Db, id: string, version: number, o: Omit<OfficeValues, 'kind' | 'code'> & { active: boolean }, now: Date): Promise<OfficeRow | undefined> {
  const [row] = await rows<OfficeRow>(db, sql`
    UPDATE service_offices SET name = ${o.name}, province = ${o.province}, county = ${o.county}, address = ${o.address}, phone = ${o.phone},
           active = ${o.active}, version = version + 1, updated_at = ${iso(now)}::timestamptz
     WHERE id = ${id} AND version = ${version} RETURNING ${COLS}`);
  return row;
}

export async function findOffice(db: Db, id: string, forUpdate = false): Promise<OfficeRow | undefined> {
  const [row] = await rows<OfficeRow>(db, sql`SELECT ${COLS} FROM service_offices WHERE id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql``}`);
  return row;
}

export interface DirectoryQuery {
  province?: string | undefined;
  kind?: 'counter' | 'post' | undefined;
  serviceId?: string | undefined;
  includeInactive: boolean;
  limit: number;
  offset: number;
}

/** A page of the directory by province, kind and name, with the total. */
export async function listOffices(db: Db, q: DirectoryQuery): Promise<{ items: OfficeRow[]; total: number }> {
  const where = sql.join(
    [
      q.includeInactive ? sql`true` : sql`o.active`,
      q.province ? sql`o.province = ${q.province}` : sql`true`,
      q.kind ? sql`o.kind = ${q.kind}` : sql`true`,
      q.serviceId ? sql`EXISTS (SELECT 1 FROM office_services d WHERE d.office_id = o.id AND d.service_id = ${q.serviceId})` : sql`true`,
    ],
    sql` AND `,
  );
  const items = await rows<OfficeRow & { total: number }>(db, sql`
    SELECT ${COLS}, count(*) OVER ()::int AS total FROM service_offices o WHERE ${where}
     ORDER BY province, kind, name, id LIMIT ${q.limit} OFFSET ${q.offset}`);
  return { items: items.map(({ total: _t, ...o }) => o), total: items[0]?.total ?? 0 };
}

export interface DelegationRow {
  officeId: string;
  serviceId: string;
  agencyId: string;
  since: Date;
}

/** The services delegated to each of the offices. */
export async function delegationsOf(db: Db, officeIds: string[]): Promise<DelegationRow[]> {
  if (!officeIds.length) return [];
  const found = await rows<Omit<DelegationRow, 'since'> & { since: string | Date }>(db, sql`
    SELECT office_id AS "officeId", service_id AS "serviceId", agency_id AS "agencyId", delegated_at AS since
      FROM office_services WHERE office_id = ANY(${list(officeIds)}::uuid[]) ORDER BY delegated_at, service_id`);
  return found.map((d) => ({ ...d, since: date(d.since) }));
}

/** Delegates a service to an office; false when it already was. */
export async function addDelegation(db: Db, d: Omit<DelegationRow, 'since'>, now: Date): Promise<boolean> {
  const inserted = await rows(db, sql`
    INSERT INTO office_services (office_id, service_id, agency_id, delegated_at) VALUES (${d.officeId}, ${d.serviceId}, ${d.agencyId}, ${iso(now)}::timestamptz)
    ON CONFLICT (office_id, service_id) DO NOTHING RETURNING 1`);
  return inserted.length > 0;
}

/** Withdraws a delegation; false when there was none. */
export async function removeDelegation(db: Db, officeId: string, serviceId: string): Promise<boolean> {
  const removed = await rows(db, sql`DELETE FROM office_services WHERE office_id = ${officeId} AND service_id = ${serviceId} RETURNING 1`);
  return removed.length > 0;
}

// Counter operators (office_operators) ---------------------------------------------------------
/** Links a counter operator to an office (one office each: a link elsewhere moves them); false when already so. */
export async function linkOperator(db: Db, staffId: string, officeId: string, now: Date): Promise<boolean> {
  const changed = await rows(db, sql`
    INSERT INTO office_operators (staff_id, office_id, linked_at) VALUES (${staffId}, ${officeId}, ${iso(now)}::timestamptz)
    ON CONFLICT (staff_id) DO UPDATE SET office_id = EXCLUDED.office_id, linked_at = EXCLUDED.linked_at
     WHERE office_operators.office_id <> EXCLUDED.office_id
    RETURNING 1`);
  return changed.length > 0;
}

/** Removes the operator's link to the office; false when there was none. */
export async function unlinkOperator(db: Db, staffId: string, officeId: string): Promise<boolean> {
  return (await rows(db, sql`DELETE FROM office_operators WHERE staff_id = ${staffId} AND office_id = ${officeId} RETURNING 1`)).length > 0;
}

/** The office a counter operator works at, if linked. */
export async function officeOfOperator(db: Db, staffId: string): Promise<OfficeRow | undefined> {
  const [row] = await rows<OfficeRow>(db, sql`
    SELECT ${COLS} FROM service_offices WHERE id = (SELECT office_id FROM office_operators WHERE staff_id = ${staffId})`);
  return row;
}

/** The operators linked to an office. */
export const operatorsOf = (db: Db, officeId: string) =>
  rows<{ staffId: string }>(db, sql`SELECT staff_id AS "staffId" FROM office_operators WHERE office_id = ${officeId} ORDER BY linked_at, staff_id`);

/** Whether the service is delegated to the office. */
export async function isDelegated(db: Db, officeId: string, serviceId: string): Promise<boolean> {
  return (await rows(db, sql`SELECT 1 FROM office_services WHERE office_id = ${officeId} AND service_id = ${serviceId}`)).length > 0;
}

/** Offices by id (names for lists). */
export async function officesByIds(db: Db, ids: readonly string[]): Promise<OfficeRow[]> {
  if (!ids.length) return [];
  return rows<OfficeRow>(db, sql`SELECT ${COLS} FROM service_offices WHERE id = ANY(${list(ids)}::uuid[])`);
}
