import { sql } from 'drizzle-orm';
import { iso, list, rows, type Db } from '../../platform/db';

/** The SQL of identity: citizens, company_representatives, otp_challenges, sessions, api_tokens. */



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

/** Creates a person (at first sign-in, with the mobile the registry matched; without one when seen at an in-person desk); undefined when they already exist. */
export async function insertPerson(db: Db, nationalCode: string, mobile: string | null, now: Date): Promise<string | undefined> {
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

// API tokens as the administration lists them ------------------------------------------------
export async function findApiToken(db: Db, id: string): Promise<ApiTokenRow | undefined> {
  return (await rows<ApiTokenRow>(db, sql`SELECT ${TOKEN_COLS} FROM api_tokens WHERE id = ${id}`))[0];
}
/** Tokens of the agencies (all when null), newest first. */
export const listApiTokensIn = (db: Db, agencyIds: string[] | null) =>
  rows<ApiTokenRow>(db, sql`
    SELECT ${TOKEN_COLS} FROM api_tokens WHERE ${agencyIds === null} OR agency_id = ANY(${list(agencyIds ?? [])}::uuid[])
     ORDER BY created_at DESC, id`);


/** Citizens (persons and companies) by id, for modules that show who applied or acted. */
export const citizensByIds = (db: Db, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([] as CitizenRow[]) : rows<CitizenRow>(db, sql`SELECT ${CITIZEN_COLS} FROM citizens WHERE id = ANY(${list(ids)}::uuid[])`);

export const apiTokensNamed = (db: Db, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([]) : rows<{ id: string; name: string; prefix: string }>(db, sql`SELECT id, name, prefix FROM api_tokens WHERE id = ANY(${list(ids)}::uuid[])`);

/** Where a citizen (or a company) can be reached: the mobile on file, and the e-mail once its code came back. */
export async function citizenContact(db: Db, id: string): Promise<{ mobile: string | null; email: string | null } | undefined> {
  const [r] = await rows<{ mobile: string | null; email: string | null }>(db, sql`
    SELECT mobile, CASE WHEN email_verified_at IS NOT NULL THEN email END AS email FROM citizens WHERE id = ${id}`);
  return r;
}

/**
 * Citizens (persons and companies) to look requests up by: the national code (or a company's
 * legal id) exactly, or a name containing the search key (normalizeForSearch: ي/ك and the like
 * folded, ZWNJ dropped, lower case), at most `limit` of them.
 */
export async function citizenIdsMatching(db: Db, q: { code?: string; nameKey?: string }, limit = 200): Promise<string[]> {
  const where = q.code
    ? sql`national_code = ${q.code} OR legal_id = ${q.code}`
    : sql`translate(lower(COALESCE(name, '')), ${'\u064A\u0649\u0626\u0643\u06C0\u0629\u0623\u0625\u0622\u200C\u200B'}, ${'یییکههااا'}) LIKE ${`%${(q.nameKey ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`;
  const found = await rows<{ id: string }>(db, sql`SELECT id FROM citizens WHERE ${where} ORDER BY id LIMIT ${limit}`);
  return found.map((r) => r.id);
}
