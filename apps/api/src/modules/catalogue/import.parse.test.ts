import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { rssGrowthDuring, zipBomb } from '../../platform/files/zip.test-support';
import { columnByHeader, columnForField, splitValues } from './import.columns';
import {
  columnLetter,
  CsvSyntaxError,
  parseCsv,
  readSheet,
  toCsv,
  XLSX_MAX_UNPACKED_BYTES,
} from './import.parse';

const cells = (text: string) => parseCsv(text).map((r) => r.cells);

describe('parseCsv', () => {
  it('reads plain rows with LF or CRLF line ends and numbers them as a spreadsheet does', () => {
    expect(parseCsv('a,b\n1,2\n')).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', '2'] },
    ]);
    expect(cells('a,b\r\n1,2\r\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('drops a byte-order mark and keeps Persian text and ZWNJ as written', () => {
    expect(cells('\uFEFFعنوان خدمت,شرح\nصدور پروانه\u200Cها,«متن»\n')).toEqual([
      ['عنوان خدمت', 'شرح'],
      ['صدور پروانه\u200Cها', '«متن»'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks inside', () => {
    const rows = parseCsv('t,d\n"a, b","he said ""hi"""\n"line1\r\nline2",x\nlast,y');
    expect(rows.map((r) => r.cells)).toEqual([
      ['t', 'd'],
      ['a, b', 'he said "hi"'],
      ['line1\r\nline2', 'x'],
      ['last', 'y'],
    ]);
    // A record with a line break inside is one spreadsheet row.
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
  });

  it('skips empty lines (trailing ones and in between) but keeps the row numbers', () => {
    const rows = parseCsv('h\na\n\n,\nb\n\n\n');
    expect(rows).toEqual([
      { row: 1, cells: ['h'] },
      { row: 2, cells: ['a'] },
      { row: 5, cells: ['b'] },
    ]);
  });

  it('keeps empty fields and an empty quoted field', () => {
    expect(cells('a,,c\n"",x,')).toEqual([
      ['a', '', 'c'],
      ['', 'x', ''],
    ]);
  });

  it('refuses an unterminated quote, a quote inside a field and text after a closing quote, at their row', () => {
    const fail = (t: string) => {
      try {
        parseCsv(t);
      } catch (e) {
        return e instanceof CsvSyntaxError ? [e.row, e.reason] : e;
      }
      return 'parsed';
    };
    expect(fail('a\n"open,x\n')).toEqual([2, 'UNTERMINATED_QUOTE']);
    expect(fail('a\nb\nab"c,d')).toEqual([3, 'QUOTE_IN_FIELD']);
    expect(fail('a\n"x"y,z')).toEqual([2, 'TEXT_AFTER_QUOTE']);
  });

  it('reads back what toCsv writes', () => {
    const rows = [
      ['عنوان', 'a,b', 'q"q'],
      ['x\ny', '', 'z'],
    ];
    expect(cells(toCsv(rows))).toEqual(rows);
  });
});

describe('readSheet', () => {
  it('refuses bytes that are not UTF-8 as a CSV, and a CSV that is a zip', async () => {
    await expect(readSheet(Buffer.from([0x61, 0xff, 0x0a]), 'csv', 10)).rejects.toMatchObject({
      code: 'IMPORT_ENCODING_INVALID',
    });
    await expect(readSheet(Buffer.from('a\u0000b'), 'csv', 10)).rejects.toMatchObject({
      code: 'IMPORT_ENCODING_INVALID',
    });
    await expect(readSheet(Buffer.from('PK\u0003\u0004rest'), 'csv', 10)).rejects.toMatchObject({
      code: 'IMPORT_FILE_UNREADABLE',
    });
    await expect(readSheet(Buffer.from('"a\nb'), 'csv', 10)).rejects.toMatchObject({
      code: 'IMPORT_CSV_MALFORMED',
      details: { row: 1 },
    });
  });

  it('refuses an XLSX whose directory declares more than the limit, before unpacking anything', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').addRow(['عنوان خدمت']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await readSheet(bytes, 'xlsx', 10)).toHaveLength(1);
    // The same workbook whose first entry claims to unpack to 200 MB (what an honest zip bomb declares).
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let cd = bytes.length - 22;
    while (view.getUint32(cd, true) !== 0x06054b50) cd--;
    const first = view.getUint32(cd + 16, true);
    view.setUint32(first + 24, 200 * 1024 * 1024, true);
    await expect(readSheet(bytes, 'xlsx', 10)).rejects.toMatchObject({
      code: 'IMPORT_FILE_EXPANDS_TOO_MUCH',
      details: { maxUnpackedBytes: XLSX_MAX_UNPACKED_BYTES, reason: 'bytes' },
    });
  });

  it('refuses the lying directory (1 GiB of zeros declared as 1,000 bytes) at 1,000 bytes, memory bounded', async () => {
    const bomb = zipBomb(1024, 1000);
    const { result, growth } = await rssGrowthDuring(() =>
      Promise.all([1, 2, 3].map(() => readSheet(bomb, 'xlsx', 2000).catch((e: unknown) => e))),
    );
    for (const r of result) expect(r).toMatchObject({ code: 'IMPORT_FILE_EXPANDS_TOO_MUCH', details: { reason: 'declared-size-exceeded' } });
    expect(growth).toBeLessThan(150 * 1024 * 1024);
  });

  it('refuses a CSV with a record wider than a sheet of cards, or with too many rows, as soon as it is read', async () => {
    const wide = `عنوان خدمت${','.repeat(250_000)}\nx\n`;
    await expect(readSheet(Buffer.from(wide), 'csv', 10, 100)).rejects.toMatchObject({
      code: 'IMPORT_TOO_MANY_COLUMNS',
      details: { maxColumns: 100, row: 1 },
    });
    const long = `عنوان خدمت\n${'x\n'.repeat(500_000)}`;
    await expect(readSheet(Buffer.from(long), 'csv', 2000)).rejects.toMatchObject({ code: 'IMPORT_TOO_MANY_ROWS' });
    expect(await readSheet(Buffer.from(`a,b\n${'x,y\n'.repeat(2000)}`), 'csv', 2000, 2)).toHaveLength(2001);
  });

  it('refuses an XLSX as wide as a spreadsheet allows before reading its rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('a');
    for (let r = 1; r <= 3; r++) {
      ws.getCell(r, 1).value = 'x';
      ws.getCell(r, 16_384).value = 'y';
    }
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    await expect(readSheet(bytes, 'xlsx', 2000, 100)).rejects.toMatchObject({ code: 'IMPORT_TOO_MANY_COLUMNS' });
  });

  it('refuses an XLSX that is not a workbook', async () => {
    await expect(readSheet(Buffer.from('a,b\n'), 'xlsx', 10)).rejects.toMatchObject({ code: 'IMPORT_FILE_UNREADABLE' });
    await expect(readSheet(Buffer.from('PK\u0003\u0004broken zip'), 'xlsx', 10)).rejects.toMatchObject({
      code: 'IMPORT_FILE_UNREADABLE',
    });
  });

  it('reads the first worksheet of an XLSX as text: rich text, numbers, dates (Jalali), formulas', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('first');
    wb.addWorksheet('second').addRow(['ignored']);
    ws.addRow(['عنوان خدمت', 'عدد', 'تاریخ', 'فرمول']);
    ws.addRow([
      { richText: [{ text: 'صدور ' }, { font: { bold: true }, text: 'پروانه' }] },
      1234567,
      new Date(Date.UTC(2025, 2, 21)),
      { formula: '1+1', result: 2 },
    ]);
    ws.addRow([]);
    ws.addRow(['دوم', 2.5, null, 'x']);
    const rows = await readSheet(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx', 10);
    expect(rows).toEqual([
      { row: 1, cells: ['عنوان خدمت', 'عدد', 'تاریخ', 'فرمول'] },
      { row: 2, cells: ['صدور پروانه', '1234567', '1404/01/01', '2'] },
      { row: 4, cells: ['دوم', '2.5', '', 'x'] },
    ]);
  });

  it('refuses an XLSX with more rows than allowed before reading them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    for (let i = 0; i < 5; i++) ws.addRow([`r${i}`]);
    await expect(readSheet(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx', 3)).rejects.toMatchObject({
      code: 'IMPORT_TOO_MANY_ROWS',
    });
  });
});

describe('columns', () => {
  it('letters columns as spreadsheets do', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });

  it('knows a column by its Persian header (Arabic letters, spacing and ZWNJ aside), English header or key', () => {
    expect(columnByHeader('عنوان خدمت')?.key).toBe('title');
    expect(columnByHeader('  title ')?.key).toBe('title');
    expect(columnByHeader('Service title')?.key).toBe('title');
    expect(columnByHeader('هزينه ها')?.key).toBe('fees');
    expect(columnByHeader('مهلت قانونی (روز کاری) *')?.key).toBe('legalDeadlineDays');
    expect(columnByHeader('ستون ناشناخته')).toBeUndefined();
  });

  it('reports a field at the column that fills it (the longest match)', () => {
    expect(columnForField('documents.1.title')?.key).toBe('documents');
    expect(columnForField('process.normDays')?.key).toBe('normDays');
    expect(columnForField('maturity.plannedDate')?.key).toBe('plannedDate');
    expect(columnForField('maturity.level')?.key).toBe('maturity');
    expect(columnForField('identity.personTypes')?.key).toBe('personTypes');
    expect(columnForField('orgUnitIds')).toBeUndefined();
  });

  it('splits multi-value cells on «؛», «;» and line breaks', () => {
    expect(splitValues('الف؛ ب ;ج\nد\r\n\n')).toEqual(['الف', 'ب', 'ج', 'د']);
  });
});
