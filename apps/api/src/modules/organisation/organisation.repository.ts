import { sql } from 'drizzle-orm';
import type { Role, RoleGrant } from '../../platform/actor';
import { iso, list, rows, type Db } from '../../platform/db';
import { clearThrottle, throttleState } from '../../platform/rate-limit';

/** The SQL of the organisation: agencies, org_units, staff, role_assignments, delegations. */



// Agencies ---------------------------------------------------------------------------------------
export interface AgencyRow {
  id: string;
  legalId: string;
  nameFa: string;
  nameEn: string | null;
  kind: 'ministry' | 'organisation' | 'provincial_office' | 'county_office' | 'central_body';
  parentId: string | null;
  province: string | null;
  county: string | null;
  version: number;
}
const AGENCY_COLS = sql`id, legal_id AS "legalId", name_fa AS "nameFa", name_en AS "nameEn", kind, parent_id AS "parentId", province, county, version`;

export const listAgencies = (db: Db) => rows<AgencyRow>(db, sql`SELECT ${AGENCY_COLS} FROM agencies WHERE active ORDER BY name_fa`);

/** True once any agency exists (the demo seed runs only on an empty database). */
export const anyAgencyExists = async (db: Db): Promise<boolean> =>
  (await rows(db, sql`SELECT 1 FROM agencies LIMIT 1`)).length > 0;

export async function findAgency(db: Db, id: string): Promise<AgencyRow | undefined> {
  return (await rows<AgencyRow>(db, sql`SELECT ${AGENCY_COLS} FROM agencies WHERE id = ${id}`))[0];
}

export async function insertAgency(db: Db, a: Omit<AgencyRow, 'id' | 'version'>, now: Date): Promise<AgencyRow> {
  const [row] = await rows<AgencyRow>(db, sql`
    INSERT INTO agencies (legal_id, name_fa, name_en, kind, parent_id, province, county, created_at, updated_at)
    VALUES (${a.legalId}, ${a.nameFa}, ${a.nameEn}, ${a.kind}, ${a.parentId}, ${a.province}, ${a.county}, ${iso(now)}::timestamptz, ${iso(now)}::timestamptz)
    RETURNING ${AGENCY_COLS}`);
  return row!;
}

/** Optimistic update: refuses (returns undefined) when the row changed since `version`. */
export async function updateAgency(db: Db, id: string, version: number, a: Omit<AgencyRow, 'id' | 'version'>, now: Date): Promise<AgencyRow | undefined> {
  const [row] = await rows<AgencyRow>(db, sql`
    UPDATE agencies SET legal_id = ${a.legalId}, name_fa = ${a.nameFa}, name_en = ${a.nameEn}, kind = ${a.kind}, parent_id = ${a.parentId},
           province = ${a.province}, county = ${a.county}, version = version + 1, updated_at = ${iso(now)}::timestamptz
     WHERE id = ${id} AND version = ${version} RETURNING ${AGENCY_COLS}`);
  return row;
}

/** The agency and every agency below it. */
export async function descendantAgencyIds(db: Db, rootIds: string[]): Promise<string[]> {
  if (rootIds.length === 0) return [];
  const r = await rows<{ id: string }>(db, sql`
    WITH RECURSIVE t AS (SELECT id FROM agencies WHERE id = ANY(${list(rootIds)}::uuid[])
                         UNION SELECT a.id FROM agencies a JOIN t ON a.parent_id = t.id)
    SELECT id FROM t`);
  return r.map((x) => x.id);
}

// Units ------------------------------------------------------------------------------------------
export interface OrgUnitRow {
  id: string;
  agencyId: string;
  parentId: string | null;
  nameFa: string;
  nameEn: string | null;
  kind: 'headquarters' | 'operational';
  code: string | null;
  version: number;
}
const UNIT_COLS = sql`id, agency_id AS "agencyId", parent_id AS "parentId", name_fa AS "nameFa", name_en AS "nameEn", kind, code, version`;

export const listUnits = (db: Db, agencyId: string) =>
  rows<OrgUnitRow>(db, sql`SELECT ${UNIT_COLS} FROM org_units WHERE agency_id = ${agencyId} AND active ORDER BY name_fa`);

/** The units (active or not) of some agencies, or of every agency (null): for reports by office. */
export const unitsOfAgencies = (db: Db, agencyIds: readonly string[] | null) =>
  rows<OrgUnitRow>(
    db,
    agencyIds === null
      ? sql`SELECT ${UNIT_COLS} FROM org_units ORDER BY agency_id, name_fa, id`
      : sql`SELECT ${UNIT_COLS} FROM org_units WHERE agency_id = ANY(${list(agencyIds)}::uuid[]) ORDER BY agency_id, name_fa, id`,
  );

export async function findUnit(db: Db, id: string): Promise<OrgUnitRow | undefined> {
  return (await rows<OrgUnitRow>(db, sql`SELECT ${UNIT_COLS} FROM org_units WHERE id = ${id}`))[0];
}

export async function insertUnit(db: Db, u: Omit<OrgUnitRow, 'id' | 'version'>, now: Date): Promise<OrgUnitRow> {
  const [row] = await rows<OrgUnitRow>(db, sql`
    INSERT INTO org_units (agency_id, parent_id, name_fa, name_en, kind, code, created_at, updated_at)
    VALUES (${u.agencyId}, ${u.parentId}, ${u.nameFa}, ${u.nameEn}, ${u.kind}, ${u.code}, ${iso(now)}::timestamptz, ${iso(now)}::timestamptz)
    RETURNING ${UNIT_COLS}`);
  return row!;
}

export async function updateUnit(db: Db, id: string, version: number, u: Omit<OrgUnitRow, 'id' | 'version' | 'agencyId'>, now: Date): Promise<OrgUnitRow | undefined> {
  const [row] = await rows<OrgUnitRow>(db, sql`
    UPDATE org_units SET parent_id = ${u.parentId}, name_fa = ${u.nameFa}, name_en = ${u.nameEn}, kind = ${u.kind}, code = ${u.code},
           version = version + 1, updated_at = ${iso(now)}::timestamptz
     WHERE id = ${id} AND version = ${version} RETURNING ${UNIT_COLS}`);
  return row;
}

// Staff ------------------------------------------------------------------------------------------
export interface StaffRow {
  id: string;
  agencyId: string;
  username: string;
  displayName: string;
  passwordHash: string | null;
  failedLogins: number;
  lockedUntil: Date | null;
  active: boolean;
  /** Where a password-reset code is sent. */
  mobile: string | null;
}
/** Failed password sign-ins are counted per username typed, known or not (see staff-sign-in.service.ts). */
export const STAFF_LOGIN_BUCKET = 'staff-login:account';
const streak = throttleState(STAFF_LOGIN_BUCKET, sql`staff.username`);
/** A staff row's sign-in failures and the wait they impose, from the shared throttle (not staff columns). */
export const STAFF_SIGN_IN_COLS = sql`${streak.failures} AS "failedLogins", ${streak.blockedUntil} AS "lockedUntil"`;
const STAFF_COLS = sql`id, agency_id AS "agencyId", username, display_name AS "displayName", password_hash AS "passwordHash",
  ${STAFF_SIGN_IN_COLS}, active, mobile`;

export async function findStaffByUsername(db: Db, username: string): Promise<StaffRow | undefined> {
  return (await rows<StaffRow>(db, sql`SELECT ${STAFF_COLS} FROM staff WHERE username = ${username}`))[0];
}
export async function findStaff(db: Db, id: string): Promise<StaffRow | undefined> {
  return (await rows<StaffRow>(db, sql`SELECT ${STAFF_COLS} FROM staff WHERE id = ${id}`))[0];
}
export async function findStaffByOidcSubject(db: Db, subject: string): Promise<StaffRow | undefined> {
  return (await rows<StaffRow>(db, sql`SELECT ${STAFF_COLS} FROM staff WHERE oidc_subject = ${subject}`))[0];
}
export async function insertStaff(
  db: Db,
  s: {
    agencyId: string;
    username: string;
    displayName: string;
    passwordHash: string | null;
    nationalCode?: string | null;
    email?: string | null;
    mobile?: string | null;
    oidcSubject?: string | null;
  },
  now: Date,
): Promise<string> {
  const [row] = await rows<{ id: string }>(db, sql`
    INSERT INTO staff (agency_id, username, display_name, password_hash, national_code, email, mobile, oidc_subject, password_changed_at, created_at, updated_at)
    VALUES (${s.agencyId}, ${s.username}, ${s.displayName}, ${s.passwordHash}, ${s.nationalCode ?? null}, ${s.email ?? null}, ${s.mobile ?? null}, ${s.oidcSubject ?? null},
            ${iso(now)}::timestamptz, ${iso(now)}::timestamptz, ${iso(now)}::timestamptz)
    RETURNING id`);
  return row!.id;
}

/** Clears a staff account's failed sign-ins and any wait they caused (an administrator's unlock). */
export async function resetLoginFailures(db: Db, id: string): Promise<void> {
  const [row] = await rows<{ username: string }>(db, sql`SELECT username FROM staff WHERE id = ${id}`);
  if (row) await clearThrottle(db, STAFF_LOGIN_BUCKET, row.username);
}

// Roles and delegation ---------------------------------------------------------------------------
export async function roleGrants(db: Db, staffId: string): Promise<RoleGrant[]> {
  return rows<RoleGrant>(db, sql`
    SELECT role, agency_id AS "agencyId", unit_id AS "unitId", include_subagencies AS "includeSubagencies"
      FROM role_assignments WHERE staff_id = ${staffId} ORDER BY role, agency_id`);
}

export async function insertRoleGrant(db: Db, staffId: string, g: RoleGrant, now: Date): Promise<void> {
  await rows(db, sql`
    INSERT INTO role_assignments (staff_id, agency_id, unit_id, role, include_subagencies, created_at)
    VALUES (${staffId}, ${g.agencyId}, ${g.unitId}, ${g.role}, ${g.includeSubagencies}, ${iso(now)}::timestamptz)
    ON CONFLICT DO NOTHING`);
}

export async function deleteRoleGrant(db: Db, staffId: string, g: { role: Role; agencyId: string; unitId: string | null }): Promise<number> {
  return (await rows(db, sql`
    DELETE FROM role_assignments WHERE staff_id = ${staffId} AND role = ${g.role} AND agency_id = ${g.agencyId}
       AND unit_id IS NOT DISTINCT FROM ${g.unitId}::uuid RETURNING id`)).length;
}

export interface DelegationRow {
  id: string;
  principalId: string;
  principalName: string;
  delegateId: string;
  delegateName: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  revokedAt: Date | null;
}
const DELEGATION_SELECT = sql`
  SELECT d.id, d.principal_id AS "principalId", p.display_name AS "principalName", d.delegate_id AS "delegateId",
         g.display_name AS "delegateName", d.starts_at AS "startsAt", d.ends_at AS "endsAt", d.reason, d.revoked_at AS "revokedAt"
    FROM delegations d JOIN staff p ON p.id = d.principal_id JOIN staff g ON g.id = d.delegate_id`;

/** Delegations in force at `now` that let `delegateId` act for someone. */
export const activeDelegationsFor = (db: Db, delegateId: string, now: Date) =>
  rows<DelegationRow>(db, sql`${DELEGATION_SELECT}
    WHERE d.delegate_id = ${delegateId} AND d.revoked_at IS NULL AND d.starts_at <= ${iso(now)}::timestamptz AND d.ends_at > ${iso(now)}::timestamptz`);

export const listDelegations = (db: Db, agencyIds: string[]) =>
  rows<DelegationRow>(db, sql`${DELEGATION_SELECT} WHERE p.agency_id = ANY(${list(agencyIds)}::uuid[]) ORDER BY d.starts_at DESC`);

export async function insertDelegation(db: Db, d: { principalId: string; delegateId: string; startsAt: Date; endsAt: Date; reason: string; createdBy: string }, now: Date): Promise<string> {
  const [row] = await rows<{ id: string }>(db, sql`
    INSERT INTO delegations (principal_id, delegate_id, starts_at, ends_at, reason, created_by, created_at)
    VALUES (${d.principalId}, ${d.delegateId}, ${iso(d.startsAt)}::timestamptz, ${iso(d.endsAt)}::timestamptz, ${d.reason}, ${d.createdBy}, ${iso(now)}::timestamptz)
    RETURNING id`);
  return row!.id;
}

export async function revokeDelegation(db: Db, id: string, now: Date): Promise<{ principalId: string } | undefined> {
  return (await rows<{ principalId: string }>(db, sql`
    UPDATE delegations SET revoked_at = ${iso(now)}::timestamptz WHERE id = ${id} AND revoked_at IS NULL RETURNING principal_id AS "principalId"`))[0];
}

// Administration ---------------------------------------------------------------------------------

/** Agencies by id (all of them when ids is null), active or not, by name. */
export const listAgenciesIn = (db: Db, ids: string[] | null) =>
  rows<AgencyRow>(db, sql`
    SELECT ${AGENCY_COLS} FROM agencies WHERE ${ids === null} OR id = ANY(${list(ids ?? [])}::uuid[]) ORDER BY name_fa, id`);

/**
 * Serialises changes to the agency tree until the transaction ends, so two concurrent moves cannot
 * together close a cycle that each alone would not.
 */
export const lockAgencyTree = (db: Db) => rows(db, sql`SELECT pg_advisory_xact_lock(hashtext('dargah:agency-tree')::bigint)`);
/** The same for the unit tree of one agency. */
export const lockUnitTree = (db: Db, agencyId: string) =>
  rows(db, sql`SELECT pg_advisory_xact_lock(hashtext(${`dargah:unit-tree:${agencyId}`})::bigint)`);

/** The unit and every unit below it. */
export async function descendantUnitIds(db: Db, rootId: string): Promise<string[]> {
  const r = await rows<{ id: string }>(db, sql`
    WITH RECURSIVE t AS (SELECT id FROM org_units WHERE id = ${rootId}
                         UNION SELECT u.id FROM org_units u JOIN t ON u.parent_id = t.id)
    SELECT id FROM t`);
  return r.map((x) => x.id);
}

/** The role grants of several staff members, as stored (not expanded to sub-agencies). */
export const roleGrantsOf = (db: Db, staffIds: string[]) =>
  rows<RoleGrant & { staffId: string }>(db, sql`
    SELECT staff_id AS "staffId", role, agency_id AS "agencyId", unit_id AS "unitId", include_subagencies AS "includeSubagencies"
      FROM role_assignments WHERE staff_id = ANY(${list(staffIds)}::uuid[]) ORDER BY role, agency_id, unit_id`);

/** Adds a grant; false when the staff member already holds exactly it. */
export async function addRoleGrant(db: Db, staffId: string, g: RoleGrant, now: Date): Promise<boolean> {
  const r = await rows(db, sql`
    INSERT INTO role_assignments (staff_id, agency_id, unit_id, role, include_subagencies, created_at)
    VALUES (${staffId}, ${g.agencyId}, ${g.unitId}, ${g.role}, ${g.includeSubagencies}, ${iso(now)}::timestamptz)
    ON CONFLICT DO NOTHING RETURNING id`);
  return r.length > 0;
}

export async function findDelegation(db: Db, id: string): Promise<(DelegationRow & { principalAgencyId: string }) | undefined> {
  return (await rows<DelegationRow & { principalAgencyId: string }>(db, sql`
    SELECT d.id, d.principal_id AS "principalId", p.display_name AS "principalName", d.delegate_id AS "delegateId",
           g.display_name AS "delegateName", d.starts_at AS "startsAt", d.ends_at AS "endsAt", d.reason, d.revoked_at AS "revokedAt",
           p.agency_id AS "principalAgencyId"
      FROM delegations d JOIN staff p ON p.id = d.principal_id JOIN staff g ON g.id = d.delegate_id
     WHERE d.id = ${id}`))[0];
}

/**
 * Delegations whose principal belongs to one of the agencies (all when null), or that name one of
 * the staff; only those naming `about` (as principal or delegate), when given.
 */
export const listDelegationsVisible = (db: Db, agencyIds: string[] | null, staffIds: string[], about?: string) =>
  rows<DelegationRow>(db, sql`${DELEGATION_SELECT}
    WHERE (${agencyIds === null} OR p.agency_id = ANY(${list(agencyIds ?? [])}::uuid[])
       OR d.principal_id = ANY(${list(staffIds)}::uuid[]) OR d.delegate_id = ANY(${list(staffIds)}::uuid[]))
      AND (${about ?? null}::uuid IS NULL OR d.principal_id = ${about ?? null}::uuid OR d.delegate_id = ${about ?? null}::uuid)
    ORDER BY d.starts_at DESC, d.id`);


// Names for records that keep only ids (the audit log) -------------------------------------------
export interface NamedStaff {
  id: string;
  displayName: string;
  username: string;
}
export const staffNamed = (db: Db, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([]) : rows<NamedStaff>(db, sql`SELECT id, display_name AS "displayName", username FROM staff WHERE id = ANY(${list(ids)}::uuid[])`);

export interface AgencyFacts {
  id: string;
  nameFa: string;
  nameEn: string | null;
  province: string | null;
  active: boolean;
  parentId: string | null;
  legalId: string;
  /** Bumped by every change to the agency (readers keeping a copy of its name compare it). */
  version: number;
}
export const agenciesNamed = (db: Db, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([] as AgencyFacts[])
    : rows<AgencyFacts>(
        db,
        sql`SELECT id, name_fa AS "nameFa", name_en AS "nameEn", province, active, parent_id AS "parentId", legal_id AS "legalId", version
              FROM agencies WHERE id = ANY(${list(ids)}::uuid[])`,
      );

/**
 * Each agency's place in the order of Persian names, as the database collates them (equal names
 * share a place): for a reader that sorts or pages its own rows by agency name. Unknown ids are left out.
 */
export async function agencyNameRanks(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const r = await rows<{ id: string; rank: number }>(
    db,
    sql`SELECT id, dense_rank() OVER (ORDER BY name_fa)::int AS rank FROM agencies WHERE id = ANY(${list(ids)}::uuid[])`,
  );
  return new Map(r.map((x) => [x.id, x.rank]));
}

/** The agencies of a province. */
export async function agencyIdsInProvince(db: Db, province: string): Promise<string[]> {
  return (await rows<{ id: string }>(db, sql`SELECT id FROM agencies WHERE province = ${province}`)).map((r) => r.id);
}

/** The agencies switched off (few: most are active). */
export const inactiveAgencyIds = async (db: Db): Promise<string[]> =>
  (await rows<{ id: string }>(db, sql`SELECT id FROM agencies WHERE NOT active`)).map((r) => r.id);

/** Where a staff member can be reached: the e-mail on file. */
export async function staffContact(db: Db, id: string): Promise<{ email: string | null } | undefined> {
  const [r] = await rows<{ email: string | null }>(db, sql`SELECT email FROM staff WHERE id = ${id}`);
  return r;
}

// Agencies as other modules see them (through index.ts) ------------------------------------------
export interface AgencyRef {
  id: string;
  nameFa: string;
  nameEn: string | null;
  parentId: string | null;
}

export async function findActiveAgency(db: Db, id: string): Promise<AgencyRef | undefined> {
  const [row] = await rows<AgencyRef>(
    db,
    sql`SELECT id, name_fa AS "nameFa", name_en AS "nameEn", parent_id AS "parentId" FROM agencies WHERE id = ${id} AND active`,
  );
  return row;
}

/** Which of the ids name existing agencies. */
export async function existingAgencyIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const r = await rows<{ id: string }>(db, sql`SELECT id FROM agencies WHERE id = ANY(${list(ids)}::uuid[])`);
  return new Set(r.map((x) => x.id));
}

/** Agencies directly below any of the given ones. */
export async function childAgencyIds(db: Db, parentIds: readonly string[]): Promise<string[]> {
  if (parentIds.length === 0) return [];
  const r = await rows<{ id: string }>(
    db,
    sql`SELECT id FROM agencies WHERE parent_id = ANY(${list(parentIds)}::uuid[])`,
  );
  return r.map((x) => x.id);
}

/** Whether the staff member is active and holds agency_admin in the agency. */
export async function isAgencyAdmin(db: Db, staffId: string, agencyId: string): Promise<boolean> {
  const r = await rows<{ id: string }>(
    db,
    sql`SELECT s.id FROM staff s JOIN role_assignments r ON r.staff_id = s.id
         WHERE s.id = ${staffId} AND s.active AND r.agency_id = ${agencyId} AND r.role = 'agency_admin' LIMIT 1`,
  );
  return r.length === 1;
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

/** Active staff holding one of the roles in an agency, with those grants (the cartable's colleagues). */
export interface StaffWithGrants {
  id: string;
  displayName: string;
  grants: Array<{ role: Role; unitId: string | null }>;
}
export async function activeStaffWithRoles(db: Db, agencyId: string, roles: readonly Role[]): Promise<StaffWithGrants[]> {
  const found = await rows<{ id: string; displayName: string; role: Role; unitId: string | null }>(db, sql`
    SELECT s.id, s.display_name AS "displayName", a.role, a.unit_id AS "unitId"
      FROM role_assignments a JOIN staff s ON s.id = a.staff_id
     WHERE a.agency_id = ${agencyId} AND a.role = ANY(${list(roles)}::text[]) AND s.active
     ORDER BY s.display_name, s.id`);
  const by = new Map<string, StaffWithGrants>();
  for (const f of found) {
    const s = by.get(f.id) ?? { id: f.id, displayName: f.displayName, grants: [] };
    s.grants.push({ role: f.role, unitId: f.unitId });
    by.set(f.id, s);
  }
  return [...by.values()];
}
