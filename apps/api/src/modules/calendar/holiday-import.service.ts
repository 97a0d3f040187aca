import { HOLIDAY_TABLE_MAX, HOLIDAY_TITLE_MAX, type HolidayKind, type HolidayTable, type ImportProblem } from '@dargah/contracts';
import { jalaliDateString, normalizeDisplay, parseJalali, toAsciiDigits } from '@dargah/persian';
import type { Actor, RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { DomainError } from '../../platform/http/errors';
import type { Lang } from '../../platform/http/i18n';
import { textProblem } from '../../platform/http/text-guard';
import { columnLetter, CsvSyntaxError, decodeUtf8, parseCsv } from '../catalogue';
import { CalendarError, calendarFields } from './calendar.errors';
import { requirePublisher } from './calendar.policy';
import type { HolidayRow } from './calendar.repository';
import { cleanHolidays, holidayProblems, writeHolidayTable } from './calendar.service';

/*
 * A year's holiday table from a CSV file (UTF-8; the header names the columns, in Persian or
 * English, in any order): all of it or nothing. Every problem is reported by row and column (the
 * header is row 1), as the card import does; a good file replaces the table at the version read.
 */

/** Largest file read (HOLIDAY_IMPORT_TOO_LARGE above it). */
export const HOLIDAY_IMPORT_MAX_BYTES = 256 * 1024;
const MAX_COLUMNS = 10;

type Column = 'date' | 'titleFa' | 'titleEn' | 'kind';
const HEADERS: Record<Column, readonly string[]> = {
  date: ['تاریخ', 'date'],
  titleFa: ['عنوان', 'عنوان فارسی', 'title', 'title_fa'],
  titleEn: ['عنوان انگلیسی', 'title_en'],
  kind: ['نوع', 'kind'],
};
const REQUIRED: readonly Column[] = ['date', 'titleFa', 'kind'];
const columnOf = (header: string): Column | undefined => {
  const h = normalizeDisplay(header).toLowerCase();
  return (Object.keys(HEADERS) as Column[]).find((c) => HEADERS[c].includes(h));
};
const KINDS: Record<string, HolidayKind> = {
  solar: 'solar',
  'خورشیدی': 'solar',
  'شمسی': 'solar',
  lunar: 'lunar',
  'قمری': 'lunar',
  other: 'other',
  'سایر': 'other',
};

/** The header and rows read from the file, or the refusal of an unreadable one. */
function readRows(bytes: Uint8Array) {
  if (bytes.length > HOLIDAY_IMPORT_MAX_BYTES) throw new CalendarError('HOLIDAY_IMPORT_TOO_LARGE', { maxBytes: HOLIDAY_IMPORT_MAX_BYTES });
  try {
    return parseCsv(decodeUtf8(bytes), MAX_COLUMNS, HOLIDAY_TABLE_MAX);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new CalendarError('HOLIDAY_IMPORT_UNREADABLE', { row: e.row, reason: e.reason });
    if (e instanceof DomainError && e.code === 'IMPORT_ENCODING_INVALID') throw new CalendarError('HOLIDAY_IMPORT_UNREADABLE', { reason: 'ENCODING' });
    if (e instanceof DomainError && (e.code === 'IMPORT_TOO_MANY_ROWS' || e.code === 'IMPORT_TOO_MANY_COLUMNS'))
      throw new CalendarError('HOLIDAY_IMPORT_TOO_LARGE', { maxRows: HOLIDAY_TABLE_MAX, maxColumns: MAX_COLUMNS });
    throw e;
  }
}

/** Reads and checks a file: its rows as holidays, or every problem. */
export function analyseHolidayFile(bytes: Uint8Array, year: number, lang: Lang): { holidays: HolidayRow[]; problems: ImportProblem[] } {
  const [header, ...data] = readRows(bytes);
  const problems: ImportProblem[] = [];
  const problem = (row: number, column: string | null, index: number | null, code: string) =>
    problems.push({ row, column, columnLetter: index === null ? null : columnLetter(index), field: null, code, message: calendarFields.message(code, lang) });

  const placed = new Map<Column, { index: number; header: string }>();
  (header?.cells ?? []).forEach((cell, index) => {
    const text = cell.trim();
    if (text === '') return;
    const c = columnOf(text);
    if (!c) problem(header!.row, text, index, 'HOLIDAY_COLUMN_UNKNOWN');
    else if (placed.has(c)) problem(header!.row, text, index, 'HOLIDAY_COLUMN_DUPLICATE');
    else placed.set(c, { index, header: text });
  });
  for (const c of REQUIRED) if (!placed.has(c)) problem(header?.row ?? 1, HEADERS[c][lang === 'en' ? 1 : 0] ?? c, null, 'HOLIDAY_COLUMN_MISSING');
  if (data.length === 0) problem((header?.row ?? 1) + 1, null, null, 'HOLIDAY_FILE_EMPTY');
  if (problems.length > 0) return { holidays: [], problems };

  // Each row into a holiday; cell problems at their cell.
  const rowsRead: Array<{ row: number; holiday: HolidayRow }> = [];
  for (const r of data) {
    const cell = (c: Column) => (r.cells[placed.get(c)?.index ?? -1] ?? '').trim();
    const at = (c: Column, code: string) => problem(r.row, placed.get(c)!.header, placed.get(c)!.index, code);
    let ok = true;
    for (const c of placed.keys()) {
      if (textProblem(cell(c))) {
        at(c, 'HOLIDAY_TEXT_NOT_ALLOWED');
        ok = false;
      }
    }
    if (!ok) continue;
    const date = parseJalali(cell('date'));
    if (!date.ok) at('date', 'JALALI_DATE_INVALID');
    const kind = KINDS[toAsciiDigits(normalizeDisplay(cell('kind'))).toLowerCase()];
    if (!kind) at('kind', 'HOLIDAY_KIND_INVALID');
    for (const c of ['titleFa', 'titleEn'] as const)
      if (cell(c).length > HOLIDAY_TITLE_MAX) at(c, 'HOLIDAY_TITLE_TOO_LONG');
    if (!date.ok || !kind) continue;
    rowsRead.push({
      row: r.row,
      holiday: { date: jalaliDateString(date.value), titleFa: cell('titleFa'), titleEn: cell('titleEn') || null, kind },
    });
  }
  // The table's own rules (the year, one row a day, a Persian title), at the row that breaks them.
  const holidays = cleanHolidays(rowsRead.map((r) => r.holiday));
  for (const p of holidayProblems(year, holidays)) {
    const placedAt = placed.get(p.field)!;
    problem(rowsRead[p.index]!.row, placedAt.header, placedAt.index, p.code);
  }
  problems.sort((a, b) => a.row - b.row || (a.columnLetter ?? '').localeCompare(b.columnLetter ?? ''));
  return { holidays, problems };
}

/** Imports a year's table from a CSV file; `dryRun` checks only and answers what would be published. */
export async function importHolidayTable(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  year: number,
  q: { version: number; dryRun: boolean },
  bytes: Uint8Array,
  lang: Lang,
): Promise<HolidayTable> {
  requirePublisher(actor);
  const { holidays, problems } = analyseHolidayFile(bytes, year, lang);
  if (problems.length > 0) throw new CalendarError('HOLIDAY_IMPORT_INVALID', { problems });
  if (q.dryRun) return { year, published: false, version: q.version, publishedAt: null, holidays: [...holidays].sort((a, b) => a.date.localeCompare(b.date)) };
  return writeHolidayTable(ctx, actor, origin, year, q.version, holidays, 'imported');
}
