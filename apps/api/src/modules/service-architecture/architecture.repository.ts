import type { MarkKind, MarkStatus } from '@dargah/contracts';
import { sql, type SQL } from 'drizzle-orm';
import { date, dateOrNull, iso, list, rows, type Db } from '../../platform/db';

/*
 * The only SQL for the service architecture: service_domains, service_layers, service_categories
 * and service_marks (migration 0008), and the classification read from approved card versions
 * (content.classification.categoryId / layerId).
 */


// Taxonomy -------------------------------------------------------------------------------------
export type TermTable = 'service_domains' | 'service_layers';

export interface TermRow {
  id: string;
  code: string;
  titleFa: string;
  titleEn: string | null;
  description: string | null;
  sort: number;
  version: number;
}
export interface CategoryRow extends TermRow {
  domainId: string;
}
export interface TermValues {
  code: string;
  titleFa: string;
  titleEn: string | null;
  description: string | null;
  sort: number;
}

const TERM_COLS = sql.raw(`id, code, title_fa AS "titleFa", title_en AS "titleEn", description, sort, version`);
const CAT_COLS = sql.raw(
  `id, domain_id AS "domainId", code, title_fa AS "titleFa", title_en AS "titleEn", description, sort, version`,
);
const table = (t: TermTable) => sql.raw(t);

export async function listTerms(db: Db, t: TermTable): Promise<TermRow[]> {
  return rows<TermRow>(db, sql`SELECT ${TERM_COLS} FROM ${table(t)} ORDER BY sort, title_fa, id`);
}

export async function listCategories(db: Db): Promise<CategoryRow[]> {
  return rows<CategoryRow>(db, sql`SELECT ${CAT_COLS} FROM service_categories ORDER BY sort, title_fa, id`);
}

export async function findTerm(db: Db, t: TermTable, id: string): Promise<TermRow | undefined> {
  const [r] = await rows<TermRow>(db, sql`SELECT ${TERM_COLS} FROM ${table(t)} WHERE id = ${id}`);
  return r;
}

export async function findCategory(db: Db, id: string): Promise<CategoryRow | undefined> {
  const [r] = await rows<CategoryRow>(db, sql`SELECT ${CAT_COLS} FROM service_categories WHERE id = ${id}`);
  return r;
}

/** Inserts a term; undefined when its code is taken. */
export async function insertTerm(db: Db, t: TermTable, v: TermValues, now: Date): Promise<TermRow | undefined> {
  const [r] = await rows<TermRow>(
    db,
    sql`INSERT INTO ${table(t)} (code, title_fa, title_en, description, sort, created_at, updated_at)
        VALUES (${v.code}, ${v.titleFa}, ${v.titleEn}, ${v.description}, ${v.sort}, ${iso(now)}::timestamptz, ${iso(now)}::timestamptz)
        ON CONFLICT DO NOTHING RETURNING ${TERM_COLS}`,
  );
  return r;
}

/** Whether another row of the table (or of the domain, for categories) already has the code. */
export async function codeTaken(
  db: Db,
  t: TermTable | 'service_categories',
  code: string,
  exceptId: string | null,
  domainId?: string,
): Promise<boolean> {
  const scope = t === 'service_categories' ? sql`AND domain_id = ${domainId!}` : sql``;
  const [r] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM ${table(t as TermTable)} WHERE code = ${code} ${scope}
          AND (${exceptId}::uuid IS NULL OR id <> ${exceptId}::uuid)`,
  );
  return (r?.n ?? 0) > 0;
}

/** Optimistic update: undefined when the row changed since `version` (or is gone). */
export async function updateTerm(
  db: Db,
  t: TermTable,
  id: string,
  version: number,
  v: TermValues,
  now: Date,
): Promise<TermRow | undefined> {
  const [r] = await rows<TermRow>(
    db,
    sql`UPDATE ${table(t)} SET code = ${v.code}, title_fa = ${v.titleFa}, title_en = ${v.titleEn},
          description = ${v.description}, sort = ${v.sort}, version = version + 1, updated_at = ${iso(now)}::timestamptz
        WHERE id = ${id} AND version = ${version} RETURNING ${TERM_COLS}`,
  );
  return r;
}

export async function deleteTerm(db: Db, t: TermTable | 'service_categories', id: string, version: number) {
  const r = await rows<{ id: string }>(
    db,
    sql`DELETE FROM ${table(t as TermTable)} WHERE id = ${id} AND version = ${version} RETURNING id`,
  );
  return r.length > 0;
}

export async function insertCategory(
  db: Db,
  domainId: string,
  v: TermValues,
  now: Date,
): Promise<CategoryRow | undefined> {
  const [r] = await rows<CategoryRow>(
    db,
    sql`INSERT INTO service_categories (domain_id, code, title_fa, title_en, description, sort, created_at, updated_at)
        VALUES (${domainId}, ${v.code}, ${v.titleFa}, ${v.titleEn}, ${v.description}, ${v.sort},
                ${iso(now)}::timestamptz, ${iso(now)}::timestamptz)
        ON CONFLICT DO NOTHING RETURNING ${CAT_COLS}`,
  );
  return r;
}

export async function updateCategory(
  db: Db,
  id: string,
  version: number,
  domainId: string,
  v: TermValues,
  now: Date,
): Promise<CategoryRow | undefined> {
  const [r] = await rows<CategoryRow>(
    db,
    sql`UPDATE service_categories SET domain_id = ${domainId}, code = ${v.code}, title_fa = ${v.titleFa},
          title_en = ${v.titleEn}, description = ${v.description}, sort = ${v.sort}, version = version + 1,
          updated_at = ${iso(now)}::timestamptz
        WHERE id = ${id} AND version = ${version} RETURNING ${CAT_COLS}`,
  );
  return r;
}

export async function categoryIdsOf(db: Db, domainId: string): Promise<string[]> {
  const r = await rows<{ id: string }>(db, sql`SELECT id FROM service_categories WHERE domain_id = ${domainId}`);
  return r.map((x) => x.id);
}

/** Which of the ids exist (categories or layers). */
export async function existingIds(
  db: Db,
  t: 'service_categories' | 'service_layers',
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const r = await rows<{ id: string }>(db, sql`SELECT id FROM ${sql.raw(t)} WHERE id = ANY(${list(ids)}::uuid[])`);
  return new Set(r.map((x) => x.id));
}

// Gaps -------------------------------------------------------------------------------------------
/** The cards with open marks, with how many each. */
export async function openMarkCards(db: Db): Promise<Array<{ cardId: string; n: number }>> {
  return rows(db, sql`SELECT card_id AS "cardId", count(*)::int AS n FROM service_marks WHERE status = 'open' GROUP BY card_id`);
}

// Marks ------------------------------------------------------------------------------------------
/** A mark as stored; mark-rows.service.ts adds the cards' titles and the agencies' and staff's names (MarkRow). */
export interface MarkRecord {
  id: string;
  cardId: string;
  kind: MarkKind;
  relatedCardId: string | null;
  note: string | null;
  status: MarkStatus;
  resolutionNote: string | null;
  createdBy: string;
  resolvedBy: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
  version: number;
}

export interface MarkRow extends MarkRecord {
  createdByName: string;
  resolvedByName: string | null;
  title: string;
  serviceId: string | null;
  agencyId: string;
  agencyName: string;
  relatedTitle: string | null;
  relatedServiceId: string | null;
  relatedAgencyId: string | null;
  relatedAgencyName: string | null;
}

const MARK_SELECT = sql`
  SELECT m.id, m.card_id AS "cardId", m.kind, m.related_card_id AS "relatedCardId", m.note, m.status,
         m.resolution_note AS "resolutionNote", m.created_by AS "createdBy", m.resolved_by AS "resolvedBy",
         m.created_at AS "createdAt", m.resolved_at AS "resolvedAt", m.version
    FROM service_marks m`;

const fixMark = (r: MarkRecord): MarkRecord => ({
  ...r,
  createdAt: date(r.createdAt),
  resolvedAt: dateOrNull(r.resolvedAt),
});

export async function findMark(db: Db, id: string, forUpdate = false): Promise<MarkRecord | undefined> {
  const [r] = await rows<MarkRecord>(
    db,
    sql`${MARK_SELECT} WHERE m.id = ${id} ${forUpdate ? sql`FOR UPDATE OF m` : sql``}`,
  );
  return r && fixMark(r);
}

/** Inserts an open mark; undefined when the card already has an open mark of that kind. */
export async function insertMark(
  db: Db,
  m: { cardId: string; kind: MarkKind; relatedCardId: string | null; note: string | null; createdBy: string },
  now: Date,
): Promise<string | undefined> {
  const [r] = await rows<{ id: string }>(
    db,
    sql`INSERT INTO service_marks (card_id, kind, related_card_id, note, created_by, created_at)
        VALUES (${m.cardId}, ${m.kind}, ${m.relatedCardId}, ${m.note}, ${m.createdBy}, ${iso(now)}::timestamptz)
        ON CONFLICT DO NOTHING RETURNING id`,
  );
  return r?.id;
}

export async function resolveMark(
  db: Db,
  id: string,
  version: number,
  by: string,
  note: string,
  now: Date,
): Promise<boolean> {
  const r = await rows<{ id: string }>(
    db,
    sql`UPDATE service_marks SET status = 'resolved', resolution_note = ${note}, resolved_by = ${by},
          resolved_at = ${iso(now)}::timestamptz, version = version + 1
        WHERE id = ${id} AND version = ${version} AND status = 'open' RETURNING id`,
  );
  return r.length > 0;
}

export async function listMarks(
  db: Db,
  f: { status?: MarkStatus | undefined; kind?: MarkKind | undefined; limit: number; offset: number },
): Promise<{ items: MarkRecord[]; total: number }> {
  const where: SQL[] = [];
  if (f.status) where.push(sql`m.status = ${f.status}`);
  if (f.kind) where.push(sql`m.kind = ${f.kind}`);
  const cond = where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
  const items = await rows<MarkRecord>(
    db,
    sql`${MARK_SELECT} ${cond} ORDER BY m.created_at DESC, m.id LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
  const [t] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM service_marks m ${cond}`);
  return { items: items.map(fixMark), total: t?.n ?? 0 };
}

/** Titles (Persian, and English where given) of service-architecture categories and macro domains, by id. */
export async function architectureTitles(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { fa: string; en: string | null }>> {
  if (ids.length === 0) return new Map();
  const r = await rows<{ id: string; fa: string; en: string | null }>(
    db,
    sql`SELECT id, title_fa AS fa, title_en AS en FROM service_categories WHERE id = ANY(${list(ids)}::uuid[])
        UNION ALL SELECT id, title_fa AS fa, title_en AS en FROM service_domains WHERE id = ANY(${list(ids)}::uuid[])`,
  );
  return new Map(r.map((x) => [x.id, { fa: x.fa, en: x.en }]));
}

/** The macro domain of each of these categories, by category id (ids compared as text: a malformed one is simply absent). */
export async function categoryDomains(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await rows<{ id: string; domainId: string }>(
    db,
    sql`SELECT id, domain_id AS "domainId" FROM service_categories WHERE id::text = ANY(${list(ids)}::text[])`,
  );
  return new Map(r.map((x) => [x.id, x.domainId]));
}

/** A concept's code (categories with their domain's code), for matching a file's references. */
export interface CodeRef {
  id: string;
  code: string;
  domainCode: string | null;
}
export async function categoryCodes(db: Db): Promise<CodeRef[]> {
  return rows<CodeRef>(
    db,
    sql`SELECT c.id, c.code, d.code AS "domainCode" FROM service_categories c JOIN service_domains d ON d.id = c.domain_id`,
  );
}
export async function layerCodes(db: Db): Promise<CodeRef[]> {
  return rows<CodeRef>(db, sql`SELECT id, code, NULL AS "domainCode" FROM service_layers`);
}
