/*
 * CSV files people open in spreadsheet programs: UTF-8 with a byte-order mark (so Persian reads
 * right), CRLF line ends, fields quoted when they hold a separator, quote or line break, and text
 * that a spreadsheet would run as a formula (= + - @ at the start) defused with a leading quote.
 */

export type CsvValue = string | number | null | undefined;

/** One field, quoted and defused as needed. */
export function csvField(v: CsvValue): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole document: the rows (the first is usually the header) as bytes. */
export function csvDocument(rows: ReadonlyArray<ReadonlyArray<CsvValue>>): Buffer {
  return Buffer.from(`\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`, 'utf8');
}
