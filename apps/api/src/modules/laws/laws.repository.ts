import type { LawArticle, LawArticleRef, LawKind } from '@dargah/contracts';
import { sql } from 'drizzle-orm';
import { iso, json, list, rows, type Db } from '../../platform/db';

/** The SQL of the laws register (laws) and the agencies' missions (agency_missions). */


// Laws -----------------------------------------------------------------------------------------
export interface LawRow {
  id: string;
  title: string;
  kind: LawKind;
  approvingBody: string;
  number: string | null;
  /** ISO date YYYY-MM-DD. */
  approvedOn: string;
  link: string | null;
  articles: LawArticle[];
  version: number;
}
export type LawValues = Omit<LawRow, 'id' | 'version'>;
const LAW_COLS = sql`id, title, kind, approving_body AS "approvingBody", number, to_char(approved_on, 'YYYY-MM-DD') AS "approvedOn", link, articles, version`;
const fixLaw = (r: LawRow): LawRow => ({ ...r, articles: json<LawArticle[]>(r.articles) });

export async function insertLaw(db: Db, l: LawValues, now: Date): Promise<LawRow> {
  const [row] = await rows<LawRow>(
    db,
    sql`
    INSERT INTO laws (title, kind, approving_body, number, approved_on, link, articles, created_at, updated_at)
    VALUES (${l.title}, ${l.kind}, ${l.approvingBody}, ${l.number}, ${l.approvedOn}::date, ${l.link}, ${JSON.stringify(l.articles)}::jsonb,
            ${iso(now)}::timestamptz, ${iso(now)}::timestamptz)
    RETURNING ${LAW_COLS}`,
  );
  return fixLaw(row!);
}

/** Optimistic update: undefined when the row changed since `version` (or does not exist). */
export async function updateLaw(
  db: Db,
  id: string,
  version: number,
  l: LawValues,
  now: Date,
): Promise<LawRow | undefined> {
  const [row] = await rows<LawRow>(
    db,
    sql`
    UPDATE laws SET title = ${l.title}, kind = ${l.kind}, approving_body = ${l.approvingBody}, number = ${l.number}, approved_on = ${l.approvedOn}::date,
           link = ${l.link}, articles = ${JSON.stringify(l.articles)}::jsonb, version = version + 1, updated_at = ${iso(now)}::timestamptz
     WHERE id = ${id} AND version = ${version} RETURNING ${LAW_COLS}`,
  );
  return row && fixLaw(row);
}

export async function findLaw(db: Db, id: string): Promise<LawRow | undefined> {
  const [row] = await rows<LawRow>(db, sql`SELECT ${LAW_COLS} FROM laws WHERE id = ${id}`);
  return row && fixLaw(row);
}

export async function findLaws(db: Db, ids: readonly string[]): Promise<LawRow[]> {
  if (ids.length === 0) return [];
  return (await rows<LawRow>(db, sql`SELECT ${LAW_COLS} FROM laws WHERE id = ANY(${list(ids)}::uuid[])`)).map(fixLaw);
}

export async function listLaws(
  db: Db,
  f: { kind?: LawKind | undefined; limit: number; offset: number },
): Promise<LawRow[]> {
  const r = await rows<LawRow>(
    db,
    sql`SELECT ${LAW_COLS} FROM laws ${f.kind ? sql`WHERE kind = ${f.kind}` : sql``} ORDER BY title, id LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
  return r.map(fixLaw);
}

// Missions -------------------------------------------------------------------------------------
export interface MissionRow {
  id: string;
  agencyId: string;
  title: string;
  description: string | null;
  legalBasis: LawArticleRef[];
  version: number;
}
export type MissionValues = Pick<MissionRow, 'title' | 'description' | 'legalBasis'>;
const MISSION_COLS = sql`id, agency_id AS "agencyId", title, description, legal_basis AS "legalBasis", version`;
const fixMission = (r: MissionRow): MissionRow => ({ ...r, legalBasis: json<LawArticleRef[]>(r.legalBasis) });

export async function insertMission(db: Db, agencyId: string, m: MissionValues, now: Date): Promise<MissionRow> {
  const [row] = await rows<MissionRow>(
    db,
    sql`
    INSERT INTO agency_missions (agency_id, title, description, legal_basis, created_at, updated_at)
    VALUES (${agencyId}, ${m.title}, ${m.description}, ${JSON.stringify(m.legalBasis)}::jsonb, ${iso(now)}::timestamptz, ${iso(now)}::timestamptz)
    RETURNING ${MISSION_COLS}`,
  );
  return fixMission(row!);
}

export async function updateMission(
  db: Db,
  id: string,
  version: number,
  m: MissionValues,
  now: Date,
): Promise<MissionRow | undefined> {
  const [row] = await rows<MissionRow>(
    db,
    sql`
    UPDATE agency_missions SET title = ${m.title}, description = ${m.description}, legal_basis = ${JSON.stringify(m.legalBasis)}::jsonb,
           version = version + 1, updated_at = ${iso(now)}::timestamptz
     WHERE id = ${id} AND version = ${version} RETURNING ${MISSION_COLS}`,
  );
  return row && fixMission(row);
}

export async function deleteMission(db: Db, id: string): Promise<void> {
  await db.execute(sql`DELETE FROM agency_missions WHERE id = ${id}`);
}

export async function findMission(db: Db, id: string): Promise<MissionRow | undefined> {
  const [row] = await rows<MissionRow>(db, sql`SELECT ${MISSION_COLS} FROM agency_missions WHERE id = ${id}`);
  return row && fixMission(row);
}

export async function listMissions(db: Db, agencyId: string): Promise<MissionRow[]> {
  return (
    await rows<MissionRow>(
      db,
      sql`SELECT ${MISSION_COLS} FROM agency_missions WHERE agency_id = ${agencyId} ORDER BY title, id`,
    )
  ).map(fixMission);
}

/** Every law's id, title and number (the card import matches a file's references against them). */
export interface LawBrief {
  id: string;
  title: string;
  number: string | null;
}
export async function lawBriefs(db: Db): Promise<LawBrief[]> {
  return rows<LawBrief>(db, sql`SELECT id, title, number FROM laws`);
}
