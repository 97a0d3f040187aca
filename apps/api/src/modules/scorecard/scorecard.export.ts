import { labelsIn, SCORECARD_CRITERIA, SCORECARD_CRITERION_LABELS, type DeskScorecard, type ScorecardRow } from '@dargah/contracts';
import ExcelJS from 'exceljs';
import { csvDocument, type CsvValue } from '../../platform/csv';

/*
 * The scorecard as files, like the desk reports' exports: CSV (spreadsheet-safe, platform/csv.ts)
 * and XLSX (one right-to-left sheet). Persian headers; one line per agency, then per province
 * (central scope), then the total. Each criterion gives its share and its numerator/denominator;
 * an unmeasured share is an empty cell, never 0. Numbers stay numbers (ASCII digits).
 */

const CRITERION_TITLES_FA = labelsIn(SCORECARD_CRITERION_LABELS, 'fa');

function table(s: DeskScorecard): CsvValue[][] {
  const header: CsvValue[] = ['ردیف', 'نام', 'استان'];
  for (const c of SCORECARD_CRITERIA) header.push(CRITERION_TITLES_FA[c], `${CRITERION_TITLES_FA[c]} (صورت)`, `${CRITERION_TITLES_FA[c]} (مخرج)`);
  header.push('امتیاز کل', 'معیارهای سنجیده');
  const line = (kind: string, r: ScorecardRow): CsvValue[] => [
    kind,
    r.name,
    r.province ?? '',
    ...r.criteria.flatMap((c) => [c.value, c.numerator, c.denominator]),
    r.total,
    r.measured,
  ];
  return [header, ...s.agencies.map((r) => line('دستگاه', r)), ...s.provinces.map((r) => line('استان', r)), line('جمع', s.total)];
}

export const scorecardCsv = (s: DeskScorecard): Buffer => csvDocument(table(s));

export async function scorecardXlsx(s: DeskScorecard): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Dargah';
  book.title = `کارنامهٔ ارزیابی میز خدمت ${s.year}`;
  const sheet = book.addWorksheet(`کارنامه ${s.year}`, { views: [{ rightToLeft: true, state: 'frozen', ySplit: 1, xSplit: 2 }] });
  const [header, ...body] = table(s);
  sheet.columns = [{ width: 10 }, { width: 32 }, { width: 14 }, ...(header ?? []).slice(3).map(() => ({ width: 12 }))];
  sheet.addRow(header);
  sheet.getRow(1).font = { bold: true };
  for (const line of body) sheet.addRow(line.map((v) => v ?? null));
  sheet.getRow(sheet.rowCount).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** desk-scorecard-<year>.<ext> (ASCII: the province, if chosen, is in the table, not the name). */
export const scorecardFileName = (s: Pick<DeskScorecard, 'year'>, ext: 'csv' | 'xlsx') => `desk-scorecard-${s.year}.${ext}`;
