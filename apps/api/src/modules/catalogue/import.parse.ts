import { jalaliDateString } from '@dargah/persian';
import ExcelJS from 'exceljs';
import { verifiedZip } from '../../platform/files';
import { DomainError } from '../../platform/http/errors';
import { CatalogueError } from './catalogue.errors';

/*
 * Reading an uploaded card file into rows of text cells. CSV: UTF-8 (a BOM is dropped), comma
 * separated, RFC 4180 quoting (embedded commas, doubled quotes and line breaks), CRLF or LF line
 * ends. XLSX: the first worksheet, every cell read as text (rich text joined, numbers as written,
 * dates as Jalali YYYY/MM/DD, formulas by their result). Fully empty rows are skipped but keep
 * their numbers, so a row number is the one the spreadsheet shows (the header is row 1).
 */

export interface SheetRow {
  /** The spreadsheet row number (1-based). */
  row: number;
  cells: string[];
}

/** A CSV that is not well formed, at the row where it breaks. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    readonly reason: 'UNTERMINATED_QUOTE' | 'QUOTE_IN_FIELD' | 'TEXT_AFTER_QUOTE',
  ) {
    super(`${reason} at row ${row}`);
  }
}

const isEmptyRow = (cells: string[]) => cells.every((c) => c.trim() === '');

/** More columns than any sheet of cards has: what a file may hold before it is refused unread. */
export const DEFAULT_MAX_COLUMNS = 200;

/**
 * Parses CSV text (already decoded) into rows; throws CsvSyntaxError on malformed quoting and
 * IMPORT_TOO_MANY_COLUMNS as soon as a record has more than `maxColumns` fields (a line of a
 * million commas is refused, not kept), IMPORT_TOO_MANY_ROWS as soon as there are more than
 * `maxRows` records after the header.
 */
export function parseCsv(input: string, maxColumns = DEFAULT_MAX_COLUMNS, maxRows = Infinity): SheetRow[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const out: SheetRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field was quoted (and closed)
  let row = 1; // the record being read
  const endField = () => {
    if (cells.length >= maxColumns) throw new CatalogueError('IMPORT_TOO_MANY_COLUMNS', { maxColumns, row });
    cells.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (!isEmptyRow(cells)) out.push({ row, cells });
    if (out.length > maxRows + 1) throw new CatalogueError('IMPORT_TOO_MANY_ROWS', { maxRows });
    cells = [];
    row++;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          wasQuoted = true;
        }
      } else field += ch;
      continue;
    }
    if (ch === ',') endField();
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else if (ch === '"') {
      if (field !== '' || wasQuoted) throw new CsvSyntaxError(row, 'QUOTE_IN_FIELD');
      quoted = true;
    } else {
      if (wasQuoted) throw new CsvSyntaxError(row, 'TEXT_AFTER_QUOTE');
      field += ch;
    }
  }
  if (quoted) throw new CsvSyntaxError(row, 'UNTERMINATED_QUOTE');
  // The last record, unless the text ended with a line break.
  if (field !== '' || wasQuoted || cells.length > 0) endRecord();
  return out;
}

/** Writes rows as CSV (CRLF, fields quoted when needed), with a BOM so spreadsheet programs read UTF-8. */
export function toCsv(rows: string[][]): string {
  const q = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `\uFEFF${rows.map((r) => r.map(q).join(',')).join('\r\n')}\r\n`;
}

/** Column letters as spreadsheets show them: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Decodes UTF-8 strictly: invalid bytes or a NUL mean the file is not a UTF-8 text CSV. */
export function decodeUtf8(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CatalogueError('IMPORT_ENCODING_INVALID');
  }
  if (text.includes('\u0000')) throw new CatalogueError('IMPORT_ENCODING_INVALID');
  return text;
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** The text of one XLSX cell value. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  // A date cell is the UTC midnight of its calendar day: noon of that day names it in Tehran too.
  if (v instanceof Date)
    return Number.isNaN(v.getTime()) ? '' : jalaliDateString(new Date(v.getTime() + 12 * 3600_000));
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('hyperlink' in v) {
      const t = (v as { text?: unknown }).text;
      return typeof t === 'string' ? t : cellText(t as ExcelJS.CellValue);
    }
    if ('error' in v) return '';
  }
  return '';
}

/** How far an XLSX (a ZIP) may unpack: a few megabytes of text can hold far more than 2,000 rows. */
export const XLSX_MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

/**
 * The workbook's ZIP unpacked within the limit, counting the bytes actually inflated (a central
 * directory may lie about sizes), and rebuilt stored for exceljs, which then inflates nothing.
 */
async function verifiedWorkbook(bytes: Uint8Array): Promise<Buffer> {
  try {
    return await verifiedZip(bytes, { maxUnpackedBytes: XLSX_MAX_UNPACKED_BYTES });
  } catch (e) {
    if (e instanceof DomainError && e.code === 'ARCHIVE_EXPANDS_TOO_MUCH')
      throw new CatalogueError('IMPORT_FILE_EXPANDS_TOO_MUCH', { maxUnpackedBytes: XLSX_MAX_UNPACKED_BYTES, reason: e.details.reason });
    if (e instanceof DomainError && e.code === 'ARCHIVE_UNREADABLE')
      throw new CatalogueError('IMPORT_FILE_UNREADABLE', { format: 'xlsx' });
    throw e;
  }
}

/** Reads the first worksheet of an XLSX file into rows of text cells. */
export async function readXlsx(
  bytes: Uint8Array,
  maxRows: number,
  maxColumns = DEFAULT_MAX_COLUMNS,
): Promise<SheetRow[]> {
  if (!isZip(bytes)) throw new CatalogueError('IMPORT_FILE_UNREADABLE', { format: 'xlsx' });
  const verified = await verifiedWorkbook(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(verified as never);
  } catch {
    throw new CatalogueError('IMPORT_FILE_UNREADABLE', { format: 'xlsx' });
  }
  const ws = wb.worksheets[0];
  if (!ws) return [];
  // The header row and at most maxRows data rows are read; one more tells that there are too many.
  if (ws.actualRowCount > maxRows + 1) throw new CatalogueError('IMPORT_TOO_MANY_ROWS', { maxRows });
  // A sheet as wide as a spreadsheet allows (16,384 columns) would make a cell object for every
  // column of every row: refused before any row is read, and the rows read cell by cell.
  const width = ws.columnCount;
  if (width > maxColumns) throw new CatalogueError('IMPORT_TOO_MANY_COLUMNS', { maxColumns });
  const out: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const cells: string[] = Array.from({ length: width }, () => '');
    r.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col <= width) cells[col - 1] = cellText(cell.value);
    });
    if (!isEmptyRow(cells)) out.push({ row: rowNumber, cells });
  });
  return out;
}

/** Reads an uploaded file of the given format into rows (the first one is the header). */
export async function readSheet(
  bytes: Uint8Array,
  format: 'csv' | 'xlsx',
  maxRows: number,
  maxColumns = DEFAULT_MAX_COLUMNS,
): Promise<SheetRow[]> {
  if (format === 'xlsx') return readXlsx(bytes, maxRows, maxColumns);
  if (isZip(bytes)) throw new CatalogueError('IMPORT_FILE_UNREADABLE', { format: 'csv' });
  try {
    return parseCsv(decodeUtf8(bytes), maxColumns, maxRows);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new CatalogueError('IMPORT_CSV_MALFORMED', { row: e.row, reason: e.reason });
    throw e;
  }
}
