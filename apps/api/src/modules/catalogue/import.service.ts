// Over 400 lines: one pipeline (resolve the file's references, check every row against the column
// table, write the cards in one transaction) whose steps share the resolver, the row builder and the
// problem list; the parsing (import.parse) and the column table (import.columns) are already apart.
import { createHash } from 'node:crypto';
import {
  IMPORT_MAX_ROWS,
  ServiceCardContent,
  validateCardForSubmission,
  type CardImport,
  type CardProblem,
  type ImportCheck,
  type ImportFormat,
  type ImportProblem,
} from '@dargah/contracts';
import { normalizeForSearch, toAsciiDigits, toPersianDigits } from '@dargah/persian';
import ExcelJS from 'exceljs';
import type { Actor, RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db } from '../../platform/db';
import { recordChange } from '../../platform/events';
import type { Lang } from '../../platform/http/i18n';
import { stripBidiControls, textProblem } from '../../platform/http/text-guard';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { requireStaff } from '../../platform/actor';
import { OrganisationError, activeAgencies, agenciesWithRole, findActiveAgency, isCentral, requireRole } from '../organisation';
import { lawBriefs, lawsByIds } from '../laws';
import { categoryCodes, layerCodes, type CodeRef } from '../service-architecture';
import { createDraftCardInTx, referenceProblems } from './catalogue.service';
import { AUTHOR_ROLES } from './catalogue-workflow';
import {
  COLUMNS,
  columnByHeader,
  columnForField,
  labelsOf,
  RowBuilder,
  type ColumnDef,
  type LawLookup,
  type Resolver,
} from './import.columns';
import { columnLetter, readSheet, toCsv, type SheetRow } from './import.parse';
import * as repo from './import.repository';
import { CatalogueError, importProblems } from './catalogue.errors';

/*
 * Card import: a CSV or XLSX file of service cards becomes draft cards of one agency, all of them
 * or none. Every row is read into card content and checked exactly as a submitted card is
 * (`validateCardForSubmission` and the reference checks of the card service), plus duplicate titles
 * in the file and among the agency's cards. Problems are reported by row and column, all of them.
 */

const key = (s: string) => normalizeForSearch(s);

// Reading the references of a file ------------------------------------------------------------
async function buildResolver(db: Db): Promise<Resolver> {
  const [laws, agencies, categories, layers] = await Promise.all([
    lawBriefs(db),
    activeAgencies(db),
    categoryCodes(db),
    layerCodes(db),
  ]);
  const lawsByKey = new Map<string, Set<string>>();
  const addLaw = (k: string, id: string) => {
    if (!k) return;
    const s = lawsByKey.get(k) ?? new Set<string>();
    s.add(id);
    lawsByKey.set(k, s);
  };
  for (const l of laws) {
    addLaw(key(l.title), l.id);
    if (l.number) addLaw(key(l.number), l.id);
  }
  const agencyByKey = new Map<string, string>();
  for (const a of agencies) {
    agencyByKey.set(a.legalId, a.id);
    agencyByKey.set(key(a.nameFa), a.id);
    if (a.nameEn) agencyByKey.set(key(a.nameEn), a.id);
  }
  const byCode = (refs: CodeRef[]) => {
    const m = new Map<string, string[]>();
    for (const r of refs) {
      for (const k of r.domainCode ? [`${r.domainCode}/${r.code}`, r.code] : [r.code])
        m.set(k, [...(m.get(k) ?? []), r.id]);
    }
    return (text: string) => {
      const found = m.get(toAsciiDigits(text).trim().toLowerCase());
      return found?.length === 1 ? found[0] : undefined;
    };
  };
  return {
    law(text): LawLookup {
      const ids = lawsByKey.get(key(text));
      if (!ids) return { code: 'LAW_NOT_REGISTERED' };
      if (ids.size > 1) return { code: 'LAW_REF_AMBIGUOUS' };
      return { id: [...ids][0]! };
    },
    agency: (text) => agencyByKey.get(toAsciiDigits(text).trim()) ?? agencyByKey.get(key(text)),
    category: byCode(categories),
    layer: byCode(layers),
  };
}

// Checking a file -----------------------------------------------------------------------------
interface ParsedCard {
  row: number;
  content: ServiceCardContent;
}
interface Analysis {
  rowCount: number;
  problems: ImportProblem[];
  cards: ParsedCard[];
}

interface Placed {
  def: ColumnDef;
  index: number;
  header: string;
}

/** A problem at a column: as the file names it (letter and header), or the expected header when it is missing. */
function at(placed: Map<ColumnDef, Placed>, def: ColumnDef | undefined, lang: Lang) {
  const p = def ? placed.get(def) : undefined;
  if (p) return { column: p.header, columnLetter: columnLetter(p.index) };
  return { column: def ? (lang === 'en' ? def.en : def.fa) : null, columnLetter: null };
}

function itemPrefix(item: number | undefined, lang: Lang): string {
  if (item === undefined) return '';
  return lang === 'en' ? `Item ${item + 1}: ` : `مورد ${toPersianDigits(item + 1)}: `;
}

/** The item of a list cell that a field path points into (documents.2.title → the cell item of entry 2). */
function itemOf(b: RowBuilder, def: ColumnDef | undefined, path: string): number | undefined {
  if (!def) return undefined;
  for (const f of def.fields) {
    const m = path.startsWith(`${f}.`) ? /^(\d+)/.exec(path.slice(f.length + 1)) : null;
    if (m) return b.items.get(f)?.[Number(m[1])] ?? Number(m[1]);
  }
  return undefined;
}

/** A card problem that only follows from an unreadable cell having been left out (a required field now missing). */
const followsFromOmission = (code: string) => code.endsWith('REQUIRED');

/** Reads and checks every row of a file (the first row is the header). */
async function analyse(db: Db, agencyId: string, rows: SheetRow[], lang: Lang): Promise<Analysis> {
  const [header, ...data] = rows;
  if (!header || data.length === 0) throw new CatalogueError('IMPORT_FILE_EMPTY');
  if (data.length > IMPORT_MAX_ROWS)
    throw new CatalogueError('IMPORT_TOO_MANY_ROWS', { maxRows: IMPORT_MAX_ROWS, rows: data.length });
  const problems: ImportProblem[] = [];
  const fileProblem = (row: number, column: string | null, index: number | null, code: string) =>
    problems.push({
      row,
      column,
      columnLetter: index === null ? null : columnLetter(index),
      field: null,
      code,
      message: importProblems.message(code, lang),
    });

  // The header: which column is where.
  const placed = new Map<ColumnDef, Placed>();
  const byIndex = new Map<number, ColumnDef>();
  const width = Math.max(header.cells.length, ...data.map((r) => r.cells.length));
  for (let i = 0; i < width; i++) {
    const text = (header.cells[i] ?? '').trim();
    if (text === '') {
      if (data.some((r) => (r.cells[i] ?? '').trim() !== '')) fileProblem(header.row, '', i, 'COLUMN_HEADER_EMPTY');
      continue;
    }
    const def = columnByHeader(text);
    if (!def) fileProblem(header.row, text, i, 'COLUMN_UNKNOWN');
    else if (placed.has(def)) fileProblem(header.row, text, i, 'COLUMN_DUPLICATE');
    else {
      placed.set(def, { def, index: i, header: text });
      byIndex.set(i, def);
    }
  }

  // Each row into content.
  const resolver = await buildResolver(db);
  const built = data.map((r) => {
    const b = new RowBuilder(resolver);
    for (const [i, def] of byIndex) {
      // The file's text meets the same edge rules as a request's (ADR 0010): an XLSX can carry
      // NUL, control characters and lone surrogates as _x0000_ escapes.
      const cell = stripBidiControls((r.cells[i] ?? '').trim());
      if (cell === '') continue;
      b.column = def;
      if (textProblem(cell)) b.problem('TEXT_NOT_ALLOWED');
      else def.read(cell, b);
    }
    return { row: r.row, b };
  });

  // Article numbers as the law writes them (a file may write ۱ for 1).
  const lawIds = [...new Set(built.flatMap(({ b }) => b.lawRefs.map((s) => s.ref.lawId)))];
  const laws = await lawsByIds(db, lawIds);
  for (const { b } of built)
    for (const { ref } of b.lawRefs) {
      const found = laws.get(ref.lawId)?.articles.find((a) => key(a.number) === key(ref.article));
      if (found) ref.article = found.number;
    }

  // Titles already used by the agency, and within the file.
  const existing = new Set((await repo.agencyCardTitles(db, agencyId)).map(key));
  const seen = new Map<string, number>();
  const titleDef = COLUMNS.find((c) => c.key === 'title')!;

  const cards: ParsedCard[] = [];
  for (const { row, b } of built) {
    const rowProblems: ImportProblem[] = [];
    const add = (def: ColumnDef | undefined, field: string | null, code: string, item?: number) =>
      rowProblems.push({
        row,
        ...at(placed, def, lang),
        field,
        code,
        message: itemPrefix(item, lang) + importProblems.message(code, lang),
      });
    for (const p of b.problems) add(p.column, p.field, p.code, p.item);
    // A cell that could not be read is reported once, not again as a required value now missing.
    const unread = new Set(b.problems.map((p) => p.column));

    const parsed = ServiceCardContent.safeParse(b.content);
    const content = (parsed.success ? parsed.data : b.content) as ServiceCardContent;
    const cardProblems: CardProblem[] = [
      ...(parsed.success
        ? []
        : parsed.error.issues.map((i) => ({
            path: i.path.join('.'),
            code: (i as { params?: { code?: string } }).params?.code ?? i.code,
          }))),
      ...validateCardForSubmission(content),
      ...(await referenceProblems(db, content)),
    ];
    const done = new Set<string>();
    for (const p of cardProblems) {
      const def = columnForField(p.path);
      if (def && unread.has(def) && followsFromOmission(p.code)) continue;
      const id = `${p.path}|${p.code}`;
      if (done.has(id)) continue;
      done.add(id);
      add(def, p.path, p.code, itemOf(b, def, p.path));
    }

    const title = typeof b.content.title === 'string' ? key(b.content.title) : '';
    if (title) {
      if (existing.has(title)) add(titleDef, 'title', 'TITLE_EXISTS');
      else if (seen.has(title)) add(titleDef, 'title', 'TITLE_DUPLICATE_IN_FILE');
      else seen.set(title, row);
    }
    problems.push(...rowProblems);
    if (rowProblems.length === 0 && parsed.success) cards.push({ row, content: parsed.data });
  }
  const order = (p: ImportProblem) => (p.columnLetter ? columnIndex(p.columnLetter) : 100_000);
  problems.sort((a, b) => a.row - b.row || order(a) - order(b));
  return { rowCount: data.length, problems, cards };
}

const columnIndex = (letter: string) => [...letter].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

// Views ----------------------------------------------------------------------------------------
const toImport = (r: repo.ImportRow, alreadyImported: boolean): CardImport => ({
  id: r.id,
  agencyId: r.agencyId,
  fileSha256: r.fileSha256,
  fileName: r.fileName,
  fileBytes: r.fileBytes,
  format: r.format,
  rowCount: r.rowCount,
  cardIds: r.cardIds,
  createdBy: r.createdBy,
  createdAt: r.createdAt.toISOString(),
  alreadyImported,
});

// Use cases ------------------------------------------------------------------------------------
export interface ImportFile {
  bytes: Buffer;
  format: ImportFormat;
}
export interface ImportRequest {
  agencyId: string;
  dryRun: boolean;
  fileName?: string | undefined;
}

/**
 * Imports a file of cards for an agency (its experts and administrators). A dry run only checks.
 * Otherwise every row becomes a draft card with its event and audit entry, with the import's own
 * event and audit entry, in one transaction; any problem refuses the whole file (IMPORT_INVALID,
 * every problem listed). The same file imported again by the agency answers with the earlier import.
 * `claimFor` makes the Idempotency-Key claim of a real import from the file's SHA-256 (a dry run takes none).
 */
export async function importCards(
  ctx: AppContext,
  actor: Actor,
  req: ImportRequest,
  file: ImportFile,
  origin: RequestOrigin,
  lang: Lang,
  claimFor?: (sha256: string) => IdempotencyClaim | undefined,
): Promise<Replayable<CardImport | ImportCheck, 200 | 201>> {
  const staff = requireRole(actor, AUTHOR_ROLES, req.agencyId);
  const db = ctx.database.db;
  if (!(await findActiveAgency(db, req.agencyId)))
    throw new OrganisationError('AGENCY_NOT_FOUND', { agencyId: req.agencyId });
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const rows = await readSheet(file.bytes, file.format, IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS);

  if (req.dryRun) {
    const earlier = await repo.findImportByFile(db, req.agencyId, sha256);
    if (earlier) return { status: 200, body: toImport(earlier, true), replayed: false };
    const a = await analyse(db, req.agencyId, rows, lang);
    if (a.problems.length > 0) throw invalid(a);
    return {
      status: 200,
      body: {
        dryRun: true,
        format: file.format,
        rowCount: a.rowCount,
        cards: a.cards.map((c) => ({ row: c.row, title: c.content.title ?? '' })),
      },
      replayed: false,
    };
  }

  const claim = claimFor?.(sha256);
  const at = ctx.clock.now();
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, at, async () => {
      const earlier = await repo.findImportByFile(tx.db, req.agencyId, sha256);
      if (earlier) return { status: 200 as const, body: toImport(earlier, true) };
      const a = await analyse(tx.db, req.agencyId, rows, lang);
      if (a.problems.length > 0) throw invalid(a);
      const values: repo.ImportValues = {
        agencyId: req.agencyId,
        fileSha256: sha256,
        fileName: req.fileName ?? null,
        fileBytes: file.bytes.length,
        format: file.format,
        rowCount: a.rowCount,
        createdBy: staff.id,
      };
      // The import row first: the same file sent twice at once waits here for the first to commit.
      const row = await repo.insertImport(tx.db, values, at);
      if (!row)
        return {
          status: 200 as const,
          body: toImport((await repo.findImportByFile(tx.db, req.agencyId, sha256))!, true),
        };
      const who = { actor, origin, at };
      const cardIds: string[] = [];
      for (const c of a.cards)
        cardIds.push(
          await createDraftCardInTx(tx, who, staff.id, req.agencyId, c.content, { importId: row.id, importRow: c.row }),
        );
      await repo.setImportCards(tx.db, row.id, cardIds);
      const details = {
        fileSha256: sha256,
        fileName: values.fileName,
        format: file.format,
        rowCount: a.rowCount,
        cardIds,
      };
      await recordChange(tx, who, {
        stream: 'card_import',
        id: row.id,
        event: 'imported',
        audit: 'card_import.create',
        agencyId: req.agencyId,
        details,
      });
      return { status: 201 as const, body: toImport({ ...row, cardIds }, false) };
    }),
  );
}

/** A sheet of cards has at most the template's columns; a few more (notes) are allowed, thousands are not. */
export const IMPORT_MAX_COLUMNS = COLUMNS.length + 20;

/** At most this many problems are listed (problemCount tells them all): enough to fix a file by. */
export const IMPORT_MAX_PROBLEMS_LISTED = 1000;

const invalid = (a: Analysis) =>
  new CatalogueError('IMPORT_INVALID', {
    rowCount: a.rowCount,
    problemCount: a.problems.length,
    problems: a.problems.slice(0, IMPORT_MAX_PROBLEMS_LISTED),
  });

/** Whether the actor may see an agency's imports: its experts and administrators, and the central roles. */
const mayView = (actor: Actor, agencyId: string) =>
  isCentral(actor) || agenciesWithRole(actor, AUTHOR_ROLES).includes(agencyId);

export async function getImport(ctx: AppContext, actor: Actor, id: string): Promise<CardImport> {
  requireStaff(actor);
  const r = await repo.findImport(ctx.database.db, id);
  if (!r || !mayView(actor, r.agencyId)) throw new CatalogueError('IMPORT_NOT_FOUND', { importId: id });
  return toImport(r, false);
}

/** Past imports of the agencies the actor authors cards for (all for central roles), newest first. */
export async function listImports(
  ctx: AppContext,
  actor: Actor,
  q: { agencyId?: string | undefined; limit: number; offset: number },
): Promise<CardImport[]> {
  requireStaff(actor);
  let agencyIds: string[] | null = isCentral(actor) ? null : agenciesWithRole(actor, AUTHOR_ROLES);
  if (q.agencyId) agencyIds = agencyIds === null || agencyIds.includes(q.agencyId) ? [q.agencyId] : [];
  if (agencyIds !== null && agencyIds.length === 0) return [];
  return (await repo.listImports(ctx.database.db, { agencyIds, limit: q.limit, offset: q.offset })).map((r) =>
    toImport(r, false),
  );
}

// Templates ------------------------------------------------------------------------------------
const templateRows = (lang: Lang) => [COLUMNS.map((c) => (lang === 'en' ? c.en : c.fa)), COLUMNS.map((c) => c.example)];

/** The CSV template: the header row and one example row (UTF-8 with a byte-order mark). */
export function templateCsv(lang: Lang): Buffer {
  return Buffer.from(toCsv(templateRows(lang)), 'utf8');
}

/** The XLSX template: the header row and an example row, and a second sheet describing each column. */
export async function templateXlsx(lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dargah';
  const rtl = lang !== 'en';
  const cards = wb.addWorksheet(lang === 'en' ? 'Cards' : 'شناسنامه‌ها', {
    views: [{ rightToLeft: rtl, state: 'frozen', ySplit: 1 }],
  });
  for (const r of templateRows(lang)) cards.addRow(r);
  cards.getRow(1).font = { bold: true };
  cards.columns.forEach((c) => (c.width = 28));
  const guide = wb.addWorksheet(lang === 'en' ? 'Guide' : 'راهنما', { views: [{ rightToLeft: rtl }] });
  guide.addRow(
    lang === 'en'
      ? ['Column', 'Key', 'What to write', 'Allowed values']
      : ['ستون', 'کلید', 'چه بنویسید', 'مقادیر مجاز'],
  );
  guide.getRow(1).font = { bold: true };
  for (const c of COLUMNS)
    guide.addRow([lang === 'en' ? c.en : c.fa, c.key, c.help[lang], labelsOf(c).join(lang === 'en' ? '; ' : '؛ ')]);
  guide.columns.forEach((c, i) => (c.width = i === 2 ? 80 : 30));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
