import { sql } from 'drizzle-orm';
import { date, iso, list, rows, textArray, type Db } from '../../platform/db';

/* The SQL of card imports (card_imports) and the look-ups an import file's references need. */


export interface ImportRow {
  id: string;
  agencyId: string;
  fileSha256: string;
  fileName: string | null;
  fileBytes: number;
  format: 'csv' | 'xlsx';
  rowCount: number;
  cardIds: string[];
  createdBy: string;
  createdAt: Date;
}

const COLUMNS = sql`id, agency_id AS "agencyId", file_sha256 AS "fileSha256", file_name AS "fileName",
  file_bytes AS "fileBytes", format, row_count AS "rowCount", card_ids AS "cardIds", created_by AS "createdBy",
  created_at AS "createdAt"`;
const toRow = (r: Record<string, unknown>): ImportRow =>
  ({ ...r, cardIds: textArray(r.cardIds), createdAt: date(r.createdAt) }) as ImportRow;

export type ImportValues = Omit<ImportRow, 'id' | 'cardIds' | 'createdAt'>;

/** Inserts the import row; undefined when this agency already imported the same file. */
export async function insertImport(db: Db, v: ImportValues, now: Date): Promise<ImportRow | undefined> {
  const [r] = await rows<Record<string, unknown>>(
    db,
    sql`
    INSERT INTO card_imports (agency_id, file_sha256, file_name, file_bytes, format, row_count, created_by, created_at)
    VALUES (${v.agencyId}, ${v.fileSha256}, ${v.fileName}, ${v.fileBytes}, ${v.format}, ${v.rowCount}, ${v.createdBy},
            ${iso(now)}::timestamptz)
    ON CONFLICT (agency_id, file_sha256) DO NOTHING
    RETURNING ${COLUMNS}`,
  );
  return r ? toRow(r) : undefined;
}

export async function setImportCards(db: Db, id: string, cardIds: readonly string[]): Promise<void> {
  await db.execute(sql`UPDATE card_imports SET card_ids = ${list(cardIds)}::uuid[] WHERE id = ${id}`);
}

export async function findImport(db: Db, id: string): Promise<ImportRow | undefined> {
  const [r] = await rows<Record<string, unknown>>(db, sql`SELECT ${COLUMNS} FROM card_imports WHERE id = ${id}`);
  return r ? toRow(r) : undefined;
}

export async function findImportByFile(db: Db, agencyId: string, sha256: string): Promise<ImportRow | undefined> {
  const [r] = await rows<Record<string, unknown>>(
    db,
    sql`SELECT ${COLUMNS} FROM card_imports WHERE agency_id = ${agencyId} AND file_sha256 = ${sha256}`,
  );
  return r ? toRow(r) : undefined;
}

/** Imports of these agencies (all when null), newest first. */
export async function listImports(
  db: Db,
  f: { agencyIds: readonly string[] | null; limit: number; offset: number },
): Promise<ImportRow[]> {
  const where = f.agencyIds === null ? sql`true` : sql`agency_id = ANY(${list(f.agencyIds)}::uuid[])`;
  const r = await rows<Record<string, unknown>>(
    db,
    sql`SELECT ${COLUMNS} FROM card_imports WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
  return r.map(toRow);
}

/** Titles of the agency's cards (their current version), except rejected ones. */
export async function agencyCardTitles(db: Db, agencyId: string): Promise<string[]> {
  const r = await rows<{ title: string | null }>(
    db,
    sql`
    SELECT v.content->>'title' AS title
      FROM service_cards c JOIN service_card_versions v ON v.card_id = c.id AND v.version_no = c.current_version
     WHERE c.agency_id = ${agencyId} AND c.status <> 'rejected'`,
  );
  return r.flatMap((x) => (x.title ? [x.title] : []));
}
