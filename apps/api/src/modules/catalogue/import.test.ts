import type { ServiceCardView } from '@dargah/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, signInStaff, type Session } from '../../../test/factories';
import { COLUMNS } from './import.columns';
import { columnLetter, toCsv } from './import.parse';
import { sealAuditNow } from '../../../test/audit';

let t: TestApp;
let agency: string;
let other: string;
let provider: { id: string; legalId: string };
let lawId: string;
const s: Record<'expert' | 'admin' | 'clerk' | 'otherAdmin' | 'central', Session> = {} as never;

const SHEBA = 'IR820540102680020817909002';
const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  t = await buildTestApp();
  agency = (await buildAgency(t, { nameFa: 'وزارت واردکننده', kind: 'ministry' })).id;
  other = (await buildAgency(t, { nameFa: 'دستگاه دیگر' })).id;
  const p = await buildAgency(t, { nameFa: 'سازمان ثبت احوال آزمایشی' });
  provider = { id: p.id, legalId: p.legalId };
  const central = (await buildAgency(t, { nameFa: 'سازمان اداری', kind: 'central_body' })).id;
  const sign = async (a: string, roles: Parameters<typeof buildStaff>[2]) =>
    signInStaff(t, (await buildStaff(t, a, roles)).username);
  s.expert = await sign(agency, ['expert']);
  s.admin = await sign(agency, ['agency_admin']);
  s.clerk = await sign(agency, ['desk_clerk']);
  s.otherAdmin = await sign(other, ['expert', 'agency_admin']);
  s.central = await sign(central, ['central_reviewer']);
  const law = await t.app.inject({
    method: 'POST',
    url: '/api/v1/catalogue/laws',
    headers: s.central.headers,
    payload: {
      title: 'قانون مدیریت خدمات کشوری',
      kind: 'law',
      approvingBody: 'مجلس شورای اسلامی',
      number: '۸۶',
      approvedOn: '1386/07/08',
      articles: [
        { number: '1', text: 'ماده یک' },
        { number: '2', text: 'ماده دو' },
      ],
    },
  });
  expect(law.statusCode).toBe(201);
  lawId = law.json().id;
});
afterAll(() => t.close());

type Row = Record<string, string>;
/** A complete card as a row of cells, by column key. */
const goodRow = (title: string, o: Row = {}): Row => ({
  title,
  description: 'شرح کامل خدمت',
  subServices: 'صدور المثنی | برای گم‌شدن؛ تمدید',
  recipients: 'شهروندان؛ G2B',
  nature: 'حاکمیتی',
  level: 'national',
  lifeEvents: 'کسب‌وکار',
  startMode: 'به درخواست متقاضی',
  legalBasis: '۸۶: ماده ۱، ۲',
  documents: `کارت ملی | اجباری؛ شناسنامه | اختیاری | ${provider.legalId} | گواهی ولادت`,
  inquiries: 'ندارد',
  personTypes: 'حقیقی',
  assuranceLevel: 'متوسط',
  fees: `هزینه صدور | ۵۰۰٬۰۰۰ | قانون مدیریت خدمات کشوری: ۲ | ${SHEBA}`,
  inPersonVisits: '۰',
  informationChannels: 'اینترنتی؛ مرکز تماس',
  requestChannels: 'web',
  deliveryChannels: 'پست',
  eServiceUrl: 'https://example.gov.ir/s',
  startStage: 'ثبت درخواست',
  productionStage: 'بررسی',
  deliveryStage: 'ارسال',
  legalDeadlineDays: '۱۰',
  normDays: '7',
  extensionAllowed: 'خیر',
  complaintRoute: 'سامانه ۱۱۱',
  maturity: 'تراکنشی',
  ...o,
});

/** A file with the given columns (Persian headers) and rows. */
function csvOf(rows: Row[], keys = Object.keys(rows[0]!)): Buffer {
  const header = keys.map((k) => COLUMNS.find((c) => c.key === k)?.fa ?? k);
  return Buffer.from(toCsv([header, ...rows.map((r) => keys.map((k) => r[k] ?? ''))]), 'utf8');
}

const upload = (
  body: Buffer,
  o: {
    who?: Session;
    agencyId?: string;
    dryRun?: boolean;
    type?: string;
    key?: string;
    lang?: string;
    name?: string;
  } = {},
) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/catalogue/imports?agencyId=${o.agencyId ?? agency}&dryRun=${o.dryRun ?? false}${o.name ? `&fileName=${encodeURIComponent(o.name)}` : ''}`,
    headers: {
      ...(o.who ?? s.expert).headers,
      'content-type': o.type ?? CSV,
      ...(o.key ? { 'idempotency-key': o.key } : {}),
      ...(o.lang ? { 'accept-language': o.lang } : {}),
    },
    payload: body,
  });

async function counts() {
  const q = async (sql: string) => (await t.ctx.database.query<{ n: number }>(sql))[0]!.n;
  return {
    cards: await q('SELECT count(*)::int AS n FROM service_cards'),
    versions: await q('SELECT count(*)::int AS n FROM service_card_versions'),
    imports: await q('SELECT count(*)::int AS n FROM card_imports'),
    events: await q('SELECT count(*)::int AS n FROM events'),
    audit: await sealAuditNow(t.ctx.database).then(() => q('SELECT count(*)::int AS n FROM audit_entries')),
  };
}

const card = async (id: string, who = s.expert) =>
  (await t.app.inject({ url: `/api/v1/catalogue/cards/${id}`, headers: who.headers })).json<ServiceCardView>();

describe('a good file', () => {
  it('checks a CSV on a dry run without changing anything', async () => {
    const before = await counts();
    const res = await upload(csvOf([goodRow('خدمت بررسی‌شده')]), { dryRun: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      dryRun: true,
      format: 'csv',
      rowCount: 1,
      cards: [{ row: 2, title: 'خدمت بررسی‌شده' }],
    });
    expect(await counts()).toEqual(before);
  });

  it('creates a draft card per CSV row, complete and ready to submit, with events, audit and the import record', async () => {
    const before = await counts();
    const rows = [
      goodRow('صدور پروانه الف'),
      goodRow('صدور پروانه ب', { extensionAllowed: 'بله', extensionTermDays: '۳' }),
    ];
    // Columns in another order than the template's.
    const keys = Object.keys(rows[1]!).reverse();
    const res = await upload(csvOf(rows, keys), { name: 'cards.csv' });
    expect(res.statusCode).toBe(201);
    const imp = res.json();
    expect(imp).toMatchObject({
      agencyId: agency,
      format: 'csv',
      rowCount: 2,
      fileName: 'cards.csv',
      alreadyImported: false,
    });
    expect(imp.cardIds).toHaveLength(2);
    const after = await counts();
    expect(after.cards - before.cards).toBe(2);
    expect(after.imports - before.imports).toBe(1);
    expect(after.events - before.events).toBe(3); // two cards created + the import
    expect(after.audit - before.audit).toBe(3);

    const a = await card(imp.cardIds[0]);
    expect(a).toMatchObject({ status: 'draft', agencyId: agency, currentVersion: 1 });
    expect(a.content).toEqual({
      title: 'صدور پروانه الف',
      description: 'شرح کامل خدمت',
      subServices: [{ title: 'صدور المثنی', description: 'برای گم‌شدن' }, { title: 'تمدید' }],
      recipients: ['G2C', 'G2B'],
      nature: 'sovereign',
      level: 'national',
      lifeEvents: ['business'],
      startMode: 'on_request',
      legalBasis: [
        { lawId, article: '1' },
        { lawId, article: '2' },
      ],
      documents: [
        { title: 'کارت ملی', mandatory: true },
        {
          title: 'شناسنامه',
          mandatory: false,
          byInquiry: true,
          providerAgencyId: provider.id,
          evidenceType: 'گواهی ولادت',
        },
      ],
      inquiries: [],
      identity: { personTypes: ['real'], assuranceLevel: 'substantial' },
      fees: [{ title: 'هزینه صدور', amountRials: 500000, legalBasis: [{ lawId, article: '2' }], sheba: SHEBA }],
      inPersonVisits: { count: 0 },
      channels: {
        information: ['web', 'call_centre'],
        request: ['web'],
        delivery: ['post'],
        eServiceUrl: 'https://example.gov.ir/s',
      },
      process: {
        start: { description: 'ثبت درخواست' },
        production: { description: 'بررسی' },
        delivery: { description: 'ارسال' },
        legalDeadlineDays: 10,
        normDays: 7,
        extensionAllowed: false,
      },
      complaintRoute: 'سامانه ۱۱۱',
      maturity: { level: 'transactional' },
    });
    expect(a.history).toEqual([expect.objectContaining({ action: 'created' })]);
    const b = await card(imp.cardIds[1]);
    expect(b.content.title).toBe('صدور پروانه ب');
    expect(b.content.process).toMatchObject({ extensionAllowed: true, extensionTermDays: 3 });

    // Complete: the agency administrator can submit it as it is.
    const submit = await t.app.inject({
      method: 'POST',
      url: `/api/v1/catalogue/cards/${a.id}/submit`,
      headers: s.admin.headers,
      payload: { version: a.version },
    });
    expect(submit.statusCode).toBe(200);

    const listed = await t.app.inject({
      url: `/api/v1/catalogue/imports?agencyId=${agency}`,
      headers: s.admin.headers,
    });
    expect(listed.json().map((x: { id: string }) => x.id)).toContain(imp.id);
    const one = await t.app.inject({ url: `/api/v1/catalogue/imports/${imp.id}`, headers: s.expert.headers });
    expect(one.json()).toMatchObject({ id: imp.id, cardIds: imp.cardIds });
  });

  it('imports an XLSX (first sheet, English headers and machine keys, numbers and dates as cells)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('cards');
    const row = goodRow('خدمت اکسل', {
      maturity: 'غیرالکترونیکی',
      plannedDate: '',
      maturityReason: 'نبود زیرساخت',
      inPersonVisits: '',
    });
    const keys = Object.keys(row);
    ws.addRow(keys.map((k, i) => (i % 2 ? COLUMNS.find((c) => c.key === k)!.en : k)));
    ws.addRow(
      keys.map((k) => {
        if (k === 'plannedDate') return new Date(Date.UTC(2026, 2, 21)); // 1405/01/01
        if (k === 'inPersonVisits') return 1;
        if (k === 'legalDeadlineDays') return 10;
        if (k === 'title') return { richText: [{ text: 'خدمت ' }, { font: { bold: true }, text: 'اکسل' }] };
        return row[k];
      }),
    );
    wb.addWorksheet('notes').addRow(['not read']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(bytes, { type: XLSX });
    expect(res.statusCode, res.body).toBe(422);
    // One visit needs its reason: the import says so at that row and column.
    expect(res.json().error.details.problems).toEqual([
      {
        row: 2,
        column: 'علت مراجعه حضوری',
        columnLetter: null,
        field: 'inPersonVisits.reason',
        code: 'REQUIRED',
        message: 'این فیلد الزامی است.',
      },
    ]);

    row.inPersonReason = 'تحویل اصل مدرک';
    keys.push('inPersonReason');
    ws.getRow(1).getCell(keys.length).value = 'علت مراجعه حضوری';
    ws.getRow(2).getCell(keys.length).value = row.inPersonReason;
    const ok = await upload(Buffer.from(await wb.xlsx.writeBuffer()), { type: XLSX });
    expect(ok.statusCode, ok.body).toBe(201);
    const c = await card(ok.json().cardIds[0]);
    expect(c.content).toMatchObject({
      title: 'خدمت اکسل',
      inPersonVisits: { count: 1, reason: 'تحویل اصل مدرک' },
      process: { legalDeadlineDays: 10 },
      maturity: { level: 'non_electronic', plannedDate: '1405/01/01', reason: 'نبود زیرساخت' },
    });
  });
});

describe('a bad file', () => {
  it('reports every problem by row and column and creates nothing', async () => {
    const before = await counts();
    const rows: Row[] = [
      goodRow('خدمت سالم'),
      goodRow('خدمت معیوب', {
        nature: 'نامعلوم',
        normDays: '۱۲',
        fees: 'هزینه | ۱۰۰ | ۸۶: ۲ | IR000000000000000000000000',
      }),
      goodRow('خدمت سالم'),
      goodRow('', { legalBasis: 'قانون ناموجود: ۱؛ ۸۶: ۹', documents: 'کارت ملی | شاید' }),
      goodRow('صدور پروانه الف'), // imported above
    ];
    const keys = [...Object.keys(rows[0]!), 'ستون اضافه'];
    const res = await upload(csvOf(rows, keys), { lang: 'en' });
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('IMPORT_INVALID');
    const letter = (k: string) => columnLetter(keys.indexOf(k));
    const header = (k: string) => COLUMNS.find((c) => c.key === k)!.fa;
    const got = error.details.problems.map((p: Record<string, unknown>) => [p.row, p.columnLetter, p.column, p.code]);
    expect(got).toEqual([
      [1, letter('ستون اضافه'), 'ستون اضافه', 'COLUMN_UNKNOWN'],
      [3, letter('nature'), header('nature'), 'ENUM_UNKNOWN'],
      [3, letter('fees'), header('fees'), 'SHEBA_INVALID'],
      [3, letter('normDays'), header('normDays'), 'NORM_EXCEEDS_DEADLINE'],
      [4, letter('title'), header('title'), 'TITLE_DUPLICATE_IN_FILE'],
      [5, letter('title'), header('title'), 'REQUIRED'],
      [5, letter('legalBasis'), header('legalBasis'), 'LAW_NOT_REGISTERED'],
      [5, letter('legalBasis'), header('legalBasis'), 'LAW_ARTICLE_NOT_FOUND'],
      [5, letter('documents'), header('documents'), 'BOOLEAN_INVALID'],
      [6, letter('title'), header('title'), 'TITLE_EXISTS'],
    ]);
    expect(error.details.problems[1]).toMatchObject({
      field: 'nature',
      message: 'This value is not one of the column’s allowed options.',
    });
    expect(error.details.problems[2]).toMatchObject({
      field: 'fees.0.sheba',
      message: 'Item 1: A Sheba (IBAN) number is IR followed by 24 digits, with correct check digits; copy it from the bank card or statement.',
    });
    expect(error.details.problems[7]).toMatchObject({
      field: 'legalBasis.0.article',
      message: 'Item 2: The cited law has no such article.',
    });
    expect(error.details.problemCount).toBe(10);
    expect(await counts()).toEqual(before);

    // In Persian by default.
    const fa = await upload(csvOf(rows, keys));
    expect(fa.json().error.details.problems[2].message).toBe('مورد ۱: شماره شبا با IR و ۲۴ رقم نوشته می‌شود و رقم‌های کنترلش باید درست باشد؛ آن را از کارت یا برگه حساب بانکی بردارید.');
    expect(await counts()).toEqual(before);
  });

  it('names a required column that is missing from the file', async () => {
    const row = goodRow('خدمت بدون ستون');
    delete row.complaintRoute;
    const res = await upload(csvOf([row]), { dryRun: true });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.problems).toEqual([
      {
        row: 2,
        column: 'مسیر رسیدگی به شکایت',
        columnLetter: null,
        field: 'complaintRoute',
        code: 'REQUIRED',
        message: 'این فیلد الزامی است.',
      },
    ]);
  });

  it('refuses a file too large, too many rows, empty, of the wrong type, or broken, changing nothing', async () => {
    const before = await counts();
    const big = await upload(Buffer.alloc(5 * 1024 * 1024 + 1, 0x61));
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'IMPORT_FILE_TOO_LARGE']);
    const many = csvOf(Array.from({ length: 2001 }, (_, i) => ({ title: `خدمت ${i}` })));
    const tooMany = await upload(many);
    expect([tooMany.statusCode, tooMany.json().error.code]).toEqual([413, 'IMPORT_TOO_MANY_ROWS']);
    const empty = await upload(Buffer.from('عنوان خدمت\r\n\r\n'));
    expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'IMPORT_FILE_EMPTY']);
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/v1/catalogue/imports?agencyId=${agency}`,
      headers: s.expert.headers,
      payload: { title: 'x' },
    });
    expect([json.statusCode, json.json().error.code]).toEqual([415, 'IMPORT_UNSUPPORTED_TYPE']);
    const pdf = await upload(Buffer.from('%PDF-1.4'), { type: 'application/pdf' });
    expect([pdf.statusCode, pdf.json().error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const notXlsx = await upload(Buffer.from('a,b\n'), { type: XLSX });
    expect([notXlsx.statusCode, notXlsx.json().error.code]).toEqual([400, 'IMPORT_FILE_UNREADABLE']);
    const latin1 = await upload(Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0xe9, 0x0a]));
    expect([latin1.statusCode, latin1.json().error.code]).toEqual([400, 'IMPORT_ENCODING_INVALID']);
    const quote = await upload(Buffer.from('title\n"open\n'));
    expect([quote.statusCode, quote.json().error.code, quote.json().error.details.row]).toEqual([
      400,
      'IMPORT_CSV_MALFORMED',
      2,
    ]);
    expect(await counts()).toEqual(before);
  });
});

describe('who may import, and replays', () => {
  it('answers another agency exactly as a missing one, refuses a desk clerk, and creates nothing', async () => {
    const before = await counts();
    const file = csvOf([goodRow('خدمت دیگران')]);
    const theirs = await upload(file, { agencyId: other });
    const missing = await upload(file, { agencyId: '00000000-0000-4000-8000-000000000000' });
    expect([theirs.statusCode, theirs.json().error.code]).toEqual([missing.statusCode, missing.json().error.code]);
    expect(theirs.statusCode).toBe(403);
    const clerk = await upload(file, { who: s.clerk });
    expect(clerk.statusCode).toBe(403);
    expect(await counts()).toEqual(before);

    // Their imports are not listed or shown either.
    const mine = await upload(csvOf([goodRow('خدمت برای فهرست')]), { who: s.admin });
    expect(mine.statusCode).toBe(201);
    const list = await t.app.inject({
      url: `/api/v1/catalogue/imports?agencyId=${agency}`,
      headers: s.otherAdmin.headers,
    });
    expect(list.json()).toEqual([]);
    const one = await t.app.inject({
      url: `/api/v1/catalogue/imports/${mine.json().id}`,
      headers: s.otherAdmin.headers,
    });
    expect([one.statusCode, one.json().error.code]).toEqual([404, 'IMPORT_NOT_FOUND']);
    const central = await t.app.inject({
      url: `/api/v1/catalogue/imports/${mine.json().id}`,
      headers: s.central.headers,
    });
    expect(central.statusCode).toBe(200);
  });

  it('replays an Idempotency-Key and answers the same file again with the earlier import', async () => {
    const file = csvOf([goodRow('خدمت تکرار')]);
    const first = await upload(file, { key: 'import-key-0001' });
    expect(first.statusCode).toBe(201);
    const before = await counts();
    const replay = await upload(file, { key: 'import-key-0001' });
    expect([replay.statusCode, replay.json()]).toEqual([201, first.json()]);
    const again = await upload(file, { who: s.admin });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...first.json(), alreadyImported: true });
    const dry = await upload(file, { dryRun: true });
    expect(dry.json()).toMatchObject({ id: first.json().id, alreadyImported: true });
    expect(await counts()).toEqual(before);
    const reused = await upload(csvOf([goodRow('خدمت دیگر')]), { key: 'import-key-0001' });
    expect([reused.statusCode, reused.json().error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });
});

describe('templates', () => {
  it('serves the CSV template: Persian headers and an example row that the importer reads', async () => {
    const res = await t.app.inject({ url: '/api/v1/catalogue/imports/template.csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, example] = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(header!.split(',')[0]).toBe('عنوان خدمت');
    expect(header!.split(',')).toHaveLength(COLUMNS.length);
    expect(example).toContain('صدور پروانه کسب');
  });

  it('serves the XLSX template with a guide sheet describing every column', async () => {
    const res = await t.app.inject({ url: '/api/v1/catalogue/imports/template.xlsx' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['شناسنامه‌ها', 'راهنما']);
    expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('عنوان خدمت');
    const guide = wb.worksheets[1]!;
    expect(guide.actualRowCount).toBe(COLUMNS.length + 1);
    const nature = guide.getRows(2, COLUMNS.length)!.find((r) => r.getCell(2).value === 'nature')!;
    expect(nature.getCell(4).text).toContain('حاکمیتی (sovereign)');
  });
});
