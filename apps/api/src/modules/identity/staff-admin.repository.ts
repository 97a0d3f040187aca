import { sql } from 'drizzle-orm';
import { iso, rows, type Db } from '../../platform/db';
import { STAFF_SIGN_IN_COLS, type StaffRow } from './identity.repository';

/** SQL of staff administration: a staff member's details, the searchable list, password resets. */

export type StaffListRow = Omit<StaffRow, 'passwordHash'>;
const LIST_COLS = sql`id, agency_id AS "agencyId", username, display_name AS "displayName", ${STAFF_SIGN_IN_COLS}, active, mobile`;

export interface StaffDetailsRow extends StaffListRow {
  nationalCode: string | null;
  email: string | null;
  oidcSubject: string | null;
  version: number;
}
const DETAILS_COLS = sql`${LIST_COLS}, national_code AS "nationalCode", email, oidc_subject AS "oidcSubject", version`;

export async function findStaffDetails(db: Db, id: string): Promise<StaffDetailsRow | undefined> {
  return (await rows<StaffDetailsRow>(db, sql`SELECT ${DETAILS_COLS} FROM staff WHERE id = ${id}`))[0];
}

/**
 * The name a staff list is searched and ordered by: lowercased, Arabic ي ى ك ة ۀ folded to their
 * Persian forms and ZWNJ removed, the way `normalizeForSearch` folds the query.
 */
const SEARCH_KEY = sql`lower(replace(translate(display_name, 'يىكةۀأإآ', 'ییکههااا'), chr(8204), '') || ' ' || username)`;

/**
 * One page of an agency's staff by display name (then id), after the keyset `after`, whose name or
 * username contains `q` (already normalised for search); one row more than `limit` tells whether
 * there is a next page.
 */
export const listStaffPage = (db: Db, agencyId: string, q: string, after: { displayName: string; id: string } | null, limit: number) =>
  rows<StaffListRow>(db, sql`
    SELECT ${LIST_COLS} FROM staff
     WHERE agency_id = ${agencyId}
       AND (${q} = '' OR position(${q} in ${SEARCH_KEY}) > 0)
       AND (${after === null} OR (display_name, id) > (${after?.displayName ?? ''}, ${after?.id ?? '00000000-0000-0000-0000-000000000000'}::uuid))
     ORDER BY display_name, id
     LIMIT ${limit + 1}`);

/** Replaces the details at `version`; undefined when the row changed since (or does not exist). */
export async function updateStaffDetails(
  db: Db,
  id: string,
  version: number,
  d: { displayName: string; nationalCode: string | null; email: string | null; mobile: string | null; oidcSubject: string | null },
  now: Date,
): Promise<StaffDetailsRow | undefined> {
  return (await rows<StaffDetailsRow>(db, sql`
    UPDATE staff SET display_name = ${d.displayName}, national_code = ${d.nationalCode}, email = ${d.email}, mobile = ${d.mobile},
           oidc_subject = ${d.oidcSubject}, version = version + 1, updated_at = ${iso(now)}::timestamptz
     WHERE id = ${id} AND version = ${version} RETURNING ${DETAILS_COLS}`))[0];
}

/** Sets the account active or not; false when it already was (nothing changed). */
export async function setStaffActive(db: Db, id: string, active: boolean, now: Date): Promise<boolean> {
  return (await rows(db, sql`
    UPDATE staff SET active = ${active}, version = version + 1, updated_at = ${iso(now)}::timestamptz
     WHERE id = ${id} AND active <> ${active} RETURNING id`)).length > 0;
}

export async function setStaffPassword(db: Db, id: string, passwordHash: string, now: Date): Promise<void> {
  await rows(db, sql`
    UPDATE staff SET password_hash = ${passwordHash}, password_changed_at = ${iso(now)}::timestamptz, updated_at = ${iso(now)}::timestamptz
     WHERE id = ${id}`);
}

// Password resets --------------------------------------------------------------------------------
export interface PasswordResetRow {
  id: string;
  staffId: string;
  expiresAt: Date;
  usedAt: Date | null;
  cancelledAt: Date | null;
}
const RESET_COLS = sql`id, staff_id AS "staffId", expires_at AS "expiresAt", used_at AS "usedAt", cancelled_at AS "cancelledAt"`;

export const countPasswordResetsSince = async (db: Db, staffId: string, since: Date) =>
  Number((await rows<{ n: number }>(db, sql`
    SELECT count(*)::int AS n FROM staff_password_resets WHERE staff_id = ${staffId} AND created_at > ${iso(since)}::timestamptz`))[0]!.n);

/** Cancels the staff member's codes not yet used (a newer code, a deactivation). */
export const cancelPasswordResets = (db: Db, staffId: string, now: Date) =>
  rows(db, sql`
    UPDATE staff_password_resets SET cancelled_at = ${iso(now)}::timestamptz
     WHERE staff_id = ${staffId} AND used_at IS NULL AND cancelled_at IS NULL`);

export async function insertPasswordReset(
  db: Db,
  r: { staffId: string; codeHash: string; sentTo: string; createdBy: string; expiresAt: Date },
  now: Date,
): Promise<string> {
  const [row] = await rows<{ id: string }>(db, sql`
    INSERT INTO staff_password_resets (staff_id, code_hash, sent_to, created_by, created_at, expires_at)
    VALUES (${r.staffId}, ${r.codeHash}, ${r.sentTo}, ${r.createdBy}, ${iso(now)}::timestamptz, ${iso(r.expiresAt)}::timestamptz)
    RETURNING id`);
  return row!.id;
}

export async function findPasswordReset(db: Db, codeHash: string): Promise<PasswordResetRow | undefined> {
  return (await rows<PasswordResetRow>(db, sql`SELECT ${RESET_COLS} FROM staff_password_resets WHERE code_hash = ${codeHash}`))[0];
}

/** Locks the code's row for its one use. */
export async function lockPasswordReset(db: Db, id: string): Promise<PasswordResetRow | undefined> {
  return (await rows<PasswordResetRow>(db, sql`SELECT ${RESET_COLS} FROM staff_password_resets WHERE id = ${id} FOR UPDATE`))[0];
}

export const usePasswordReset = (db: Db, id: string, now: Date) =>
  rows(db, sql`UPDATE staff_password_resets SET used_at = ${iso(now)}::timestamptz WHERE id = ${id}`);
