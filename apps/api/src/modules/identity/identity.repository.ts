import { sql } from 'drizzle-orm';
import type { Role, RoleGrant } from '../../platform/actor';
import { iso, list, rows, type Db } from '../../platform/db';
import { clearThrottle, throttleState } from '../../platform/rate-limit';


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

// Citizens ---------------------------------------------------------------------------------------
export interface CitizenRow {
  id: string;
  kind: 'person' | 'company';
  nationalCode: string | null;
  legalId: string | null;
  name: string | null;
  mobile: string | null;
  postalCode: string | null;
  address: string | null;
}
const CITIZEN_COLS = sql`id, kind, national_code AS "nationalCode", legal_id AS "legalId", name, mobile, postal_code AS "postalCode", address`;

export async function findCitizen(db: Db, id: string): Promise<CitizenRow | undefined> {
  return (await rows<CitizenRow>(db, sql`SELECT ${CITIZEN_COLS} FROM citizens WHERE id = ${id}`))[0];
}

/** The person with this national code, locked until the sign-in's transaction ends. */
export async function lockPerson(db: Db, nationalCode: string): Promise<{ id: string; mobile: string | null } | undefined> {
  return (await rows<{ id: string; mobile: string | null }>(db, sql`
    SELECT id, mobile FROM citizens WHERE national_code = ${nationalCode} FOR UPDATE`))[0];
}

/** Creates a person (at first sign-in, with the mobile the registry matched); undefined when they already exist. */
export async function insertPerson(db: Db, nationalCode: string, mobile: string, now: Date): Promise<string | undefined> {
  const [row] = await rows<{ id: string }>(db, sql`
    INSERT INTO citizens (kind, national_code, mobile, created_at, updated_at)
    VALUES ('person', ${nationalCode}, ${mobile}, ${iso(now)}::timestamptz, ${iso(now)}::timestamptz)
    ON CONFLICT (national_code) DO NOTHING RETURNING id`);
  return row?.id;
}

/** Replaces a person's mobile; only after the registry matched the new number to them. */
export const changeMobile = (db: Db, id: string, mobile: string, now: Date) =>
  rows(db, sql`UPDATE citizens SET mobile = ${mobile}, updated_at = ${iso(now)}::timestamptz WHERE id = ${id}`);

export async function insertCompany(db: Db, c: { legalId: string; name: string }, now: Date): Promise<string> {
  const [row] = await rows<{ id: string }>(db, sql`
    INSERT INTO citizens (kind, legal_id, name, created_at, updated_at)
    VALUES ('company', ${c.legalId}, ${c.name}, ${iso(now)}::timestamptz, ${iso(now)}::timestamptz) RETURNING id`);
  return row!.id;
}

export async function updateCitizenProfile(db: Db, id: string, p: { name?: string | undefined; postalCode?: string | undefined; address?: string | undefined }, now: Date): Promise<CitizenRow> {
  const [row] = await rows<CitizenRow>(db, sql`
    UPDATE citizens SET name = COALESCE(${p.name ?? null}, name), postal_code = COALESCE(${p.postalCode ?? null}, postal_code),
           address = COALESCE(${p.address ?? null}, address), updated_at = ${iso(now)}::timestamptz
     WHERE id = ${id} RETURNING ${CITIZEN_COLS}`);
  return row!;
}

export async function addRepresentative(db: Db, companyId: string, personId: string, title: string, now: Date): Promise<void> {
  await rows(db, sql`
    INSERT INTO company_representatives (company_id, person_id, title, created_at)
    VALUES (${companyId}, ${personId}, ${title}, ${iso(now)}::timestamptz) ON CONFLICT DO NOTHING`);
}

/** Companies this person currently represents. */
export const representedCompanies = (db: Db, personId: string) =>
  rows<{ id: string; name: string }>(db, sql`
    SELECT c.id, COALESCE(c.name, c.legal_id) AS name FROM company_representatives r JOIN citizens c ON c.id = r.company_id
     WHERE r.person_id = ${personId} AND r.revoked_at IS NULL ORDER BY c.name`);

// One-time codes ---------------------------------------------------------------------------------
export async function insertChallenge(
  db: Db,
  c: { id: string; nationalCode: string; mobile: string; codeHash: string; expiresAt: Date; ip: string | null; registryRef: string },
  now: Date,
): Promise<void> {
  await rows(db, sql`
    INSERT INTO otp_challenges (id, national_code, mobile, code_hash, expires_at, ip, registry_ref, created_at)
    VALUES (${c.id}, ${c.nationalCode}, ${c.mobile}, ${c.codeHash}, ${iso(c.expiresAt)}::timestamptz, ${c.ip}, ${c.registryRef}, ${iso(now)}::timestamptz)`);
}

export interface ChallengeRow {
  id: string;
  nationalCode: string;
  mobile: string;
  codeHash: string;
  attempts: number;
  expiresAt: Date;
  consumedAt: Date | null;
  /** The registry's reference for the match that let the code be sent (null: sent before matches were required). */
  registryRef: string | null;
}
/** Locks the challenge row for this verification attempt. */
export async function lockChallenge(db: Db, id: string): Promise<ChallengeRow | undefined> {
  return (await rows<ChallengeRow>(db, sql`
    SELECT id, national_code AS "nationalCode", mobile, code_hash AS "codeHash", attempts, expires_at AS "expiresAt", consumed_at AS "consumedAt",
           registry_ref AS "registryRef"
      FROM otp_challenges WHERE id = ${id} FOR UPDATE`))[0];
}
export const countChallengeFailure = (db: Db, id: string) => rows(db, sql`UPDATE otp_challenges SET attempts = attempts + 1 WHERE id = ${id}`);
export const consumeChallenge = (db: Db, id: string, now: Date) =>
  rows(db, sql`UPDATE otp_challenges SET consumed_at = ${iso(now)}::timestamptz WHERE id = ${id}`);

// Sessions ---------------------------------------------------------------------------------------
export interface SessionRow {
  tokenHash: string;
  subjectType: 'staff' | 'citizen';
  subjectId: string;
  actingForId: string | null;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export async function insertSession(db: Db, s: Omit<SessionRow, 'revokedAt' | 'lastSeenAt' | 'actingForId'> & { ip: string | null; userAgent: string | null }): Promise<void> {
  await rows(db, sql`
    INSERT INTO sessions (token_hash, subject_type, subject_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
    VALUES (${s.tokenHash}, ${s.subjectType}, ${s.subjectId}, ${s.csrfToken}, ${iso(s.createdAt)}::timestamptz, ${iso(s.createdAt)}::timestamptz,
            ${iso(s.expiresAt)}::timestamptz, ${s.ip}, ${s.userAgent})`);
}

export async function findSession(db: Db, tokenHash: string): Promise<SessionRow | undefined> {
  return (await rows<SessionRow>(db, sql`
    SELECT token_hash AS "tokenHash", subject_type AS "subjectType", subject_id AS "subjectId", acting_for_id AS "actingForId",
           csrf_token AS "csrfToken", created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"
      FROM sessions WHERE token_hash = ${tokenHash}`))[0];
}
export const touchSession = (db: Db, tokenHash: string, now: Date) =>
  rows(db, sql`UPDATE sessions SET last_seen_at = ${iso(now)}::timestamptz WHERE token_hash = ${tokenHash}`);
export const setActingFor = (db: Db, tokenHash: string, actingForId: string | null) =>
  rows(db, sql`UPDATE sessions SET acting_for_id = ${actingForId} WHERE token_hash = ${tokenHash}`);
export const revokeSession = (db: Db, tokenHash: string, now: Date) =>
  rows(db, sql`UPDATE sessions SET revoked_at = ${iso(now)}::timestamptz WHERE token_hash = ${tokenHash} AND revoked_at IS NULL`);
export async function revokeAllSessions(db: Db, subjectType: string, subjectId: string, now: Date): Promise<number> {
  return (await rows(db, sql`
    UPDATE sessions SET revoked_at = ${iso(now)}::timestamptz
     WHERE subject_type = ${subjectType} AND subject_id = ${subjectId} AND revoked_at IS NULL RETURNING token_hash`)).length;
}

// API tokens -------------------------------------------------------------------------------------
export interface ApiTokenRow {
  id: string;
  agencyId: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}
const TOKEN_COLS = sql`id, agency_id AS "agencyId", name, prefix, scopes, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

export async function insertApiToken(db: Db, t: { agencyId: string; name: string; tokenHash: string; prefix: string; scopes: string[]; createdBy: string | null }, now: Date): Promise<ApiTokenRow> {
  const [row] = await rows<ApiTokenRow>(db, sql`
    INSERT INTO api_tokens (agency_id, name, token_hash, prefix, scopes, created_by, created_at)
    VALUES (${t.agencyId}, ${t.name}, ${t.tokenHash}, ${t.prefix}, ${list(t.scopes)}::text[], ${t.createdBy}, ${iso(now)}::timestamptz)
    RETURNING ${TOKEN_COLS}`);
  return row!;
}
export async function findApiTokenByHash(db: Db, tokenHash: string): Promise<ApiTokenRow | undefined> {
  return (await rows<ApiTokenRow>(db, sql`SELECT ${TOKEN_COLS} FROM api_tokens WHERE token_hash = ${tokenHash}`))[0];
}
export const listApiTokens = (db: Db, agencyIds: string[]) =>
  rows<ApiTokenRow>(db, sql`SELECT ${TOKEN_COLS} FROM api_tokens WHERE agency_id = ANY(${list(agencyIds)}::uuid[]) ORDER BY created_at DESC`);
export async function revokeApiToken(db: Db, id: string, now: Date): Promise<{ agencyId: string } | undefined> {
  return (await rows<{ agencyId: string }>(db, sql`
    UPDATE api_tokens SET revoked_at = ${iso(now)}::timestamptz WHERE id = ${id} AND revoked_at IS NULL RETURNING agency_id AS "agencyId"`))[0];
}
export const touchApiToken = (db: Db, id: string, now: Date) =>
  rows(db, sql`UPDATE api_tokens SET last_used_at = ${iso(now)}::timestamptz WHERE id = ${id}`);

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

export async function findApiToken(db: Db, id: string): Promise<ApiTokenRow | undefined> {
  return (await rows<ApiTokenRow>(db, sql`SELECT ${TOKEN_COLS} FROM api_tokens WHERE id = ${id}`))[0];
}
/** Tokens of the agencies (all when null), newest first. */
export const listApiTokensIn = (db: Db, agencyIds: string[] | null) =>
  rows<ApiTokenRow>(db, sql`
    SELECT ${TOKEN_COLS} FROM api_tokens WHERE ${agencyIds === null} OR agency_id = ANY(${list(agencyIds ?? [])}::uuid[])
     ORDER BY created_at DESC, id`);

// People as other modules show them -------------------------------------------------------------

/** Citizens (persons and companies) by id, for modules that show who applied or acted. */
export const citizensByIds = (db: Db, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([] as CitizenRow[]) : rows<CitizenRow>(db, sql`SELECT ${CITIZEN_COLS} FROM citizens WHERE id = ANY(${list(ids)}::uuid[])`);

/** Staff display names by id. */
export const staffNamesByIds = (db: Db, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([] as { id: string; displayName: string }[]) : rows<{ id: string; displayName: string }>(db, sql`SELECT id, display_name AS "displayName" FROM staff WHERE id = ANY(${list(ids)}::uuid[])`);

// Names for records that keep only ids (the audit log) -------------------------------------------
export interface NamedStaff {
  id: string;
  displayName: string;
  username: string;
}
export const staffNamed = (db: Db, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([]) : rows<NamedStaff>(db, sql`SELECT id, display_name AS "displayName", username FROM staff WHERE id = ANY(${list(ids)}::uuid[])`);

export interface NamedCitizen {
  id: string;
  kind: 'person' | 'company';
  name: string | null;
  nationalCode: string | null;
  legalId: string | null;
}
export const citizensNamed = (db: Db, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : rows<NamedCitizen>(db, sql`SELECT id, kind, name, national_code AS "nationalCode", legal_id AS "legalId" FROM citizens WHERE id = ANY(${list(ids)}::uuid[])`);

export const apiTokensNamed = (db: Db, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([]) : rows<{ id: string; name: string; prefix: string }>(db, sql`SELECT id, name, prefix FROM api_tokens WHERE id = ANY(${list(ids)}::uuid[])`);

export const agenciesNamed = (db: Db, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([]) : rows<{ id: string; nameFa: string; nameEn: string | null }>(db, sql`SELECT id, name_fa AS "nameFa", name_en AS "nameEn" FROM agencies WHERE id = ANY(${list(ids)}::uuid[])`);

/** Where a citizen (or a company) can be reached: the mobile on file, and the e-mail once its code came back. */
export async function citizenContact(db: Db, id: string): Promise<{ mobile: string | null; email: string | null } | undefined> {
  const [r] = await rows<{ mobile: string | null; email: string | null }>(db, sql`
    SELECT mobile, CASE WHEN email_verified_at IS NOT NULL THEN email END AS email FROM citizens WHERE id = ${id}`);
  return r;
}

/** Where a staff member can be reached: the e-mail on file. */
export async function staffContact(db: Db, id: string): Promise<{ email: string | null } | undefined> {
  const [r] = await rows<{ email: string | null }>(db, sql`SELECT email FROM staff WHERE id = ${id}`);
  return r;
}
