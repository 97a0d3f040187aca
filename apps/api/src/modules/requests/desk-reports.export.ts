import type { DeskReport, DeskReportFigures, DeskReportRow } from '@dargah/contracts';
import { JALALI_MONTH_NAMES_FA } from '@dargah/persian';
import ExcelJS from 'exceljs';
import { csvDocument, type CsvValue } from '../../platform/csv';

/*
 * The desk report as files: CSV (spreadsheet-safe, platform/csv.ts) and XLSX (one right-to-left
 * sheet, as the delivery reports' exports). Persian headers; one line per group, then the total.
 * Numbers stay numbers (ASCII digits) so a spreadsheet can compute with them.
 */

const QUARTERS = ['سه‌ماههٔ اول', 'سه‌ماههٔ دوم', 'سه‌ماههٔ سوم', 'سه‌ماههٔ چهارم'];
const KINDS: Record<string, string> = { headquarters: 'ستاد', operational: 'صف (واحد عملیاتی)', unassigned: 'بدون واحد' };
const GROUP_HEADERS: Record<DeskReport['groupBy'], string> = {
  month: 'ماه',
  quarter: 'سه‌ماهه',
  year: 'سال',
  service: 'خدمت',
  office: 'واحد',
  officeKind: 'نوع واحد',
};

/** The group's name in a file: the Jalali month or quarter with the year, the year, or the row's label. */
export function groupName(r: DeskReportRow, report: Pick<DeskReport, 'groupBy' | 'year'>): string {
  if (report.groupBy === 'month') return `${JALALI_MONTH_NAMES_FA[(r.period ?? 1) - 1]} ${report.year}`;
  if (report.groupBy === 'quarter') return `${QUARTERS[(r.period ?? 1) - 1]} ${report.year}`;
  if (report.groupBy === 'year') return String(report.year);
  if (report.groupBy === 'officeKind') return KINDS[r.key] ?? r.key;
  return r.label ?? r.key;
}

const FIGURES: Array<{ header: string; width: number; cell: (f: DeskReportFigures) => CsvValue }> = [
  { header: 'پذیرفته', width: 10, cell: (f) => f.accepted },
  { header: 'پاسخ‌داده', width: 10, cell: (f) => f.answered },
  { header: 'پاسخ پس از موعد', width: 14, cell: (f) => f.answeredLate },
  { header: 'در انتظار', width: 10, cell: (f) => f.pending },
  { header: 'گذشته از موعد', width: 12, cell: (f) => f.overdue },
  { header: 'میانگین روز کاری', width: 14, cell: (f) => f.workingDays.mean },
  { header: 'میانه روز کاری', width: 14, cell: (f) => f.workingDays.p50 },
  { header: 'صدک ۹۰ روز کاری', width: 14, cell: (f) => f.workingDays.p90 },
  { header: 'میانگین روز تقویمی', width: 16, cell: (f) => f.calendarDays.mean },
  { header: 'میانه روز تقویمی', width: 16, cell: (f) => f.calendarDays.p50 },
  { header: 'صدک ۹۰ روز تقویمی', width: 16, cell: (f) => f.calendarDays.p90 },
];

const TOTAL = 'جمع';

function table(report: DeskReport): CsvValue[][] {
  return [
    [GROUP_HEADERS[report.groupBy], ...FIGURES.map((c) => c.header)],
    ...report.rows.map((r) => [groupName(r, report), ...FIGURES.map((c) => c.cell(r))]),
    [TOTAL, ...FIGURES.map((c) => c.cell(report.total))],
  ];
}

export const deskReportCsv = (report: DeskReport): Buffer => csvDocument(table(report));

export async function deskReportXlsx(report: DeskReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Dargah';
  book.title = `گزارش میز خدمت ${report.year}`;
  const sheet = book.addWorksheet(`میز خدمت ${report.year}`, { views: [{ rightToLeft: true, state: 'frozen', ySplit: 1 }] });
  const [header, ...body] = table(report);
  sheet.columns = [{ width: 28 }, ...FIGURES.map((c) => ({ width: c.width }))];
  sheet.addRow(header);
  sheet.getRow(1).font = { bold: true };
  for (const line of body) sheet.addRow(line.map((v) => v ?? null));
  sheet.getRow(sheet.rowCount).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The file's name: desk-report-<year>-<group>.<ext>. */
export const deskReportFileName = (report: Pick<DeskReport, 'year' | 'groupBy'>, ext: 'csv' | 'xlsx') => `desk-report-${report.year}-${report.groupBy}.${ext}`;
