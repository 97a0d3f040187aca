import { jalaliDateString } from '@dargah/persian';
import ExcelJS from 'exceljs';
import { csvDocument } from '../../platform/csv';
import type { DiscrepancyRowDb, Section } from './reports.repository';

/*
 * The discrepancy report as files: CSV (UTF-8 with a byte-order mark so spreadsheet programs read
 * Persian correctly; one table with the section as its first column) and XLSX (one right-to-left
 * sheet per section). Headers are Persian; dates Jalali.
 */

export const SECTION_TITLES: Record<Section, string> = {
  withoutId: 'ارائه‌شده بدون شناسه مصوب',
  neverDelivered: 'مصوب ولی ارائه‌نشده',
  expiredDelivered: 'منقضی ولی همچنان ارائه‌شده',
};

const REASONS: Record<string, string> = {
  no_link: 'خدمت پیشخوان به شناسه‌ای پیوند ندارد',
  not_approved: 'شناسهٔ پیوندشده مصوب نیست',
  review_pending: 'در انتظار بررسی',
  card_required: 'نیازمند ثبت شناسنامه',
};
const SOURCES: Record<string, string> = {
  desk: 'پیشخوان خدمت',
  provincial: 'گزارش سالانهٔ استان',
  catalogue: 'شناسنامهٔ مصوب',
};

/** The columns of every section, in order: Persian header and the cell of a row. */
const COLUMNS: Array<{ header: string; width: number; cell: (r: DiscrepancyRowDb) => string | number }> = [
  { header: 'دستگاه', width: 40, cell: (r) => r.agencyName },
  { header: 'استان', width: 14, cell: (r) => r.province ?? '' },
  { header: 'منبع', width: 20, cell: (r) => SOURCES[r.source] ?? r.source },
  { header: 'عنوان خدمت', width: 44, cell: (r) => r.title },
  { header: 'شناسه خدمت', width: 14, cell: (r) => r.serviceId ?? '' },
  { header: 'علت', width: 34, cell: (r) => (r.reason ? (REASONS[r.reason] ?? r.reason) : '') },
  { header: 'سال گزارش', width: 10, cell: (r) => r.year ?? '' },
  { header: 'تعداد', width: 10, cell: (r) => r.count },
  { header: 'آخرین درخواست', width: 14, cell: (r) => (r.lastAt ? jalaliDateString(new Date(r.lastAt)) : '') },
  { header: 'تاریخ انقضا', width: 14, cell: (r) => (r.expiresAt ? jalaliDateString(new Date(r.expiresAt)) : '') },
];

const ORDER: Section[] = ['withoutId', 'neverDelivered', 'expiredDelivered'];

export function discrepancyCsv(sections: Record<Section, DiscrepancyRowDb[]>): Buffer {
  const lines: Array<Array<string | number>> = [['بخش', ...COLUMNS.map((c) => c.header)]];
  for (const s of ORDER) for (const r of sections[s]) lines.push([SECTION_TITLES[s], ...COLUMNS.map((c) => c.cell(r))]);
  return csvDocument(lines);
}

export async function discrepancyXlsx(
  sections: Record<Section, DiscrepancyRowDb[]>,
  period: { fromJalali: string; toJalali: string },
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Dargah';
  book.title = `گزارش مغایرت خدمات ${period.fromJalali} تا ${period.toJalali}`;
  for (const s of ORDER) {
    const sheet = book.addWorksheet(SECTION_TITLES[s], { views: [{ rightToLeft: true, state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    for (const r of sections[s]) sheet.addRow(COLUMNS.map((c) => c.cell(r)));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
