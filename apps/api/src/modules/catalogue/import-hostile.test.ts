import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, signInStaff, type Session } from '../../../test/factories';
import { storedZip, unpackZip } from '../../platform/files';
import { rssGrowthDuring, zipBomb } from '../../platform/files/zip.test-support';

/** Hostile files and file names sent to the card import (ADR 0010). */
let t: TestApp;
let agency: string;
let expert: Session;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  t = await buildTestApp();
  agency = (await buildAgency(t)).id;
  expert = await signInStaff(t, (await buildStaff(t, agency, ['expert'])).username);
});
afterAll(() => t.close());

const upload = (body: Buffer, query = '', type = XLSX) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/catalogue/imports?agencyId=${agency}&dryRun=true${query}`,
    headers: { ...expert.headers, 'content-type': type },
    payload: body,
  });

async function counts() {
  const [row] = await t.ctx.database.query<{ cards: number; imports: number }>(
    'SELECT (SELECT count(*)::int FROM service_cards) AS cards, (SELECT count(*)::int FROM card_imports) AS imports',
  );
  return row;
}

/** A workbook of a header and one row, whose cell text is written straight into the sheet's XML. */
async function xlsxWithCellXml(cellXml: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('کارت‌ها').addRows([['عنوان خدمت', 'شرح خدمت'], ['خدمت آزمایشی', 'MARKER']]);
  const entries = await unpackZip(Buffer.from(await wb.xlsx.writeBuffer()), { maxUnpackedBytes: 10_000_000 });
  const withMarker = entries.find((e) => e.data.includes('MARKER'));
  if (!withMarker) throw new Error('no entry holds the marker');
  withMarker.data = Buffer.from(withMarker.data.toString('utf8').replace('MARKER', cellXml));
  return storedZip(entries);
}

describe('the card import and hostile input', () => {
  it('refuses three lying-directory zip bombs at once with a code, memory bounded, creating nothing', async () => {
    const before = await counts();
    const bomb = zipBomb(1024, 1000);
    const { result, growth } = await rssGrowthDuring(() => Promise.all([1, 2, 3].map(() => upload(bomb))));
    for (const res of result) {
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({ code: 'IMPORT_FILE_EXPANDS_TOO_MUCH', details: { reason: 'declared-size-exceeded' } });
    }
    expect(growth).toBeLessThan(150 * 1024 * 1024);
    expect(await counts()).toEqual(before);
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });

  it('refuses a file name with NUL or a control character, naming the parameter, and creates nothing', async () => {
    const before = await counts();
    const csv = Buffer.from('عنوان خدمت\nخدمت آزمایشی\n');
    for (const [name, problem] of [
      ['cards\u0000.csv', 'NUL_CHARACTER'],
      ['cards\u0007.csv', 'CONTROL_CHARACTER'],
    ] as const) {
      const res = await upload(csv, `&fileName=${encodeURIComponent(name)}`, 'text/csv');
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'TEXT_NOT_ALLOWED', details: { fields: [{ field: 'querystring.fileName', code: problem }] } });
    }
    // Percent-encoded bytes that are not UTF-8 (what a lone surrogate would be) never decode to one.
    expect((await upload(csv, '&fileName=cards%ED%A0%80.csv', 'text/csv')).statusCode).toBeLessThan(500);
    expect(await counts()).toEqual(before);
  });

  it('reports an XLSX cell carrying NUL, a control character or a lone surrogate (_x0000_ escapes) by row and column', async () => {
    const before = await counts();
    for (const escape of ['_x0000_', '_x0001_', '_xD800_']) {
      const res = await upload(await xlsxWithCellXml(`شرح ${escape} خدمت`));
      expect(res.statusCode, escape).toBe(422);
      const problems = res.json().error.details.problems as Array<{ row: number; columnLetter: string; code: string }>;
      expect(problems).toContainEqual(expect.objectContaining({ row: 2, columnLetter: 'B', code: 'TEXT_NOT_ALLOWED' }));
    }
    expect(await counts()).toEqual(before);
  });
});
