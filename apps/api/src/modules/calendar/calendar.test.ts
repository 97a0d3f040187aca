import { parseJalali, type JalaliDate } from '@dargah/persian';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAuditNow } from '../../../test/audit';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, signInStaff, type Session } from '../../../test/factories';
import { calendarFor } from './index';

/*
 * The holiday tables and local closures through the API (who may change what, the coded refusals,
 * the CSV import all-or-nothing, a concurrent double publish), and the agencies' working calendars
 * built from them (the answer dates of the requests module).
 */

let t: TestApp;
const ag = {} as Record<'isfahan' | 'yazd' | 'tehran' | 'isfahanOther', string>;
const s = {} as Record<'central' | 'auditor' | 'adminIsfahan' | 'expertIsfahan' | 'adminYazd' | 'platform', Session>;

beforeAll(async () => {
  t = await buildTestApp();
  const central = (await buildAgency(t, { nameFa: 'سازمان اداری و استخدامی', kind: 'central_body' })).id;
  ag.isfahan = (await buildAgency(t, { nameFa: 'اداره کل اصفهان', province: 'اصفهان' })).id;
  ag.isfahanOther = (await buildAgency(t, { nameFa: 'اداره دیگر اصفهان', province: 'اصفهان' })).id;
  ag.yazd = (await buildAgency(t, { nameFa: 'اداره کل یزد', province: 'یزد' })).id;
  ag.tehran = (await buildAgency(t, { nameFa: 'اداره کل تهران', province: 'تهران' })).id;
  const sign = async (agencyId: string, roles: Parameters<typeof buildStaff>[2]) => signInStaff(t, (await buildStaff(t, agencyId, roles)).username);
  s.central = await sign(central, ['central_reviewer']);
  s.auditor = await sign(central, ['oversight_auditor']);
  s.platform = await sign(central, ['platform_admin']);
  s.adminIsfahan = await sign(ag.isfahan, ['agency_admin']);
  s.expertIsfahan = await sign(ag.isfahan, ['expert']);
  s.adminYazd = await sign(ag.yazd, ['agency_admin']);
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who?: Session, payload?: unknown, lang?: string) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...(who?.headers ?? {}), ...(lang ? { 'accept-language': lang } : {}) },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
const importCsv = (year: number, version: number, csv: string | Buffer, who: Session = s.central, q = '') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/calendar/holidays/${year}/import?version=${version}${q}`,
    headers: { ...who.headers, 'content-type': 'text/csv' },
    payload: typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv,
  });
const j = (text: string): JalaliDate => {
  const r = parseJalali(text);
  if (!r.ok) throw new Error(text);
  return r.value;
};
const auditActions = async (objectType: string) => {
  await sealAuditNow(t.ctx.database);
  return (await t.ctx.database.query<{ action: string }>('SELECT action FROM audit_entries WHERE object_type = $1 ORDER BY id', [objectType])).map((r) => r.action);
};

describe('the yearly holiday table', () => {
  it('is empty and unpublished until published, then readable by anyone', async () => {
    expect((await call('GET', '/calendar/holidays/1404')).json()).toEqual({ year: 1404, published: false, version: 0, publishedAt: null, holidays: [] });
    const res = await call('PUT', '/calendar/holidays/1404', s.central, {
      version: 0,
      holidays: [
        { date: '۱۴۰۴/۰۱/۱۲', titleFa: 'روز جمهوری اسلامی', kind: 'solar' },
        { date: '1404/01/11', titleFa: '  عید   فطر ', titleEn: 'Eid al-Fitr', kind: 'lunar' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      year: 1404,
      published: true,
      version: 1,
      holidays: [
        { date: '1404/01/11', titleFa: 'عید فطر', titleEn: 'Eid al-Fitr', kind: 'lunar' },
        { date: '1404/01/12', titleFa: 'روز جمهوری اسلامی', titleEn: null, kind: 'solar' },
      ],
    });
    expect((await call('GET', '/calendar/holidays/1404')).json()).toEqual(res.json());
    expect(await auditActions('holiday_table')).toEqual(['holiday_table.publish']);
  });

  it('refuses agency staff, auditors and anonymous callers, and changes nothing', async () => {
    const body = { version: 1, holidays: [] };
    expect((await call('PUT', '/calendar/holidays/1404', s.adminIsfahan, body)).statusCode).toBe(403);
    expect((await call('PUT', '/calendar/holidays/1404', s.auditor, body)).statusCode).toBe(403);
    expect((await call('PUT', '/calendar/holidays/1404', undefined, body)).statusCode).toBe(401);
    expect((await importCsv(1404, 1, 'date,title,kind\n1404/02/01,x,lunar\n', s.adminIsfahan)).statusCode).toBe(403);
    expect((await call('GET', '/calendar/holidays/1404')).json().holidays).toHaveLength(2);
  });

  it('names every bad holiday at its field: another year, a day twice, an empty title, a bad date', async () => {
    const res = await call(
      'PUT',
      '/calendar/holidays/1404',
      s.central,
      {
        version: 1,
        holidays: [
          { date: '1405/01/01', titleFa: 'نوروز', kind: 'solar' },
          { date: '1404/05/01', titleFa: 'الف', kind: 'other' },
          { date: '1404/05/01', titleFa: '\u200c ', kind: 'other' },
        ],
      },
      'en',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toEqual([
      { field: 'body.holidays.0.date', code: 'HOLIDAY_DATE_OUTSIDE_YEAR', message: 'This date is not in that year.' },
      { field: 'body.holidays.2.date', code: 'HOLIDAY_DATE_DUPLICATE', message: 'This day appears twice.' },
      { field: 'body.holidays.2.titleFa', code: 'HOLIDAY_TITLE_REQUIRED', message: 'Enter the Persian title.' },
    ]);
    const badDate = await call('PUT', '/calendar/holidays/1404', s.central, { version: 1, holidays: [{ date: '1404/12/30', titleFa: 'x', kind: 'other' }] });
    expect(badDate.json().error.details.fields[0]).toMatchObject({ field: 'body.holidays.0.date', code: 'JALALI_DATE_INVALID' });
    const nul = await call('PUT', '/calendar/holidays/1404', s.central, { version: 1, holidays: [{ date: '1404/02/01', titleFa: 'a\u0000b', kind: 'other' }] });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.code).toBe('TEXT_NOT_ALLOWED');
    expect((await call('GET', '/calendar/holidays/1404')).json()).toMatchObject({ version: 1, holidays: [{ date: '1404/01/11' }, { date: '1404/01/12' }] });
  });

  it('lets one of two concurrent publications at the same version win; the other is 409 and changes nothing', async () => {
    const publish = (title: string) => call('PUT', '/calendar/holidays/1404', s.central, { version: 1, holidays: [{ date: '1404/03/01', titleFa: title, kind: 'other' }] });
    const results = await Promise.all([publish('نخست'), publish('دوم')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const table = (await call('GET', '/calendar/holidays/1404')).json();
    expect(table.version).toBe(2);
    expect(table.holidays).toHaveLength(1);
    expect(results.find((r) => r.statusCode === 200)!.json().holidays[0].titleFa).toBe(table.holidays[0].titleFa);
    // A first publication raced the same way.
    const first = await Promise.all([1, 2].map(() => call('PUT', '/calendar/holidays/1406', s.central, { version: 0, holidays: [] })));
    expect(first.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });
});

describe('the holiday import', () => {
  const GOOD = '\uFEFFتاریخ,عنوان,عنوان انگلیسی,نوع\r\n۱۴۰۵/۰۱/۱۲,روز جمهوری اسلامی,,خورشیدی\r\n1405/03/07,"عید قربان، نمونه",Eid al-Adha,قمری\r\n';

  it('checks a good file with dryRun (nothing published), then publishes it whole', async () => {
    const dry = await importCsv(1405, 0, GOOD, s.central, '&dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ published: false, holidays: [{ date: '1405/01/12' }, { date: '1405/03/07', titleFa: 'عید قربان، نمونه', kind: 'lunar' }] });
    expect((await call('GET', '/calendar/holidays/1405')).json().published).toBe(false);
    const res = await importCsv(1405, 0, GOOD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ published: true, version: 1, holidays: [{ titleEn: null, kind: 'solar' }, { titleEn: 'Eid al-Adha' }] });
    expect(await auditActions('holiday_table')).toContain('holiday_table.import');
  });

  it('refuses a file that lies, all of it, with every problem by row and column', async () => {
    const lying = [
      'kind,date,title,colour',
      'lunar,1405/02/01,درست',
      'قمری,1406/01/01,سال دیگر',
      'moon,1405/02/02,نوع بد',
      'lunar,1405/07/31,روز بد',
      'other,1405/02/01,تکراری',
      'other,1405/02/03,',
    ].join('\n');
    const res = await importCsv(1405, 1, lying, s.central);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('HOLIDAY_IMPORT_INVALID');
    const got = res.json().error.details.problems.map((p: { row: number; columnLetter: string | null; code: string }) => [p.row, p.columnLetter, p.code]);
    expect(got).toEqual([[1, 'D', 'HOLIDAY_COLUMN_UNKNOWN']]);
    const noColour = lying.replace(',colour', '');
    const rows = (await importCsv(1405, 1, noColour)).json().error.details.problems.map((p: { row: number; columnLetter: string | null; code: string }) => [p.row, p.columnLetter, p.code]);
    expect(rows).toEqual([
      [3, 'B', 'HOLIDAY_DATE_OUTSIDE_YEAR'],
      [4, 'A', 'HOLIDAY_KIND_INVALID'],
      [5, 'B', 'JALALI_DATE_INVALID'],
      [6, 'B', 'HOLIDAY_DATE_DUPLICATE'],
      [7, 'C', 'HOLIDAY_TITLE_REQUIRED'],
    ]);
    expect((await call('GET', '/calendar/holidays/1405')).json()).toMatchObject({ version: 1, holidays: [{ date: '1405/01/12' }, { date: '1405/03/07' }] });
  });

  it('refuses NUL characters, a missing column, an empty file, a ZIP posing as CSV and a stale version', async () => {
    const nul = await importCsv(1405, 1, 'date,title,kind\n1405/02/01,a\u0000b,lunar\n');
    expect([nul.statusCode, nul.json().error.code]).toEqual([400, 'HOLIDAY_IMPORT_UNREADABLE']);
    const missing = await importCsv(1405, 1, 'date,title\n1405/02/01,x\n');
    expect(missing.json().error.details.problems).toEqual([expect.objectContaining({ row: 1, columnLetter: null, code: 'HOLIDAY_COLUMN_MISSING' })]);
    expect((await importCsv(1405, 1, 'date,title,kind\n')).json().error.details.problems[0].code).toBe('HOLIDAY_FILE_EMPTY');
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x01]);
    expect((await importCsv(1405, 1, zip)).json().error.code).toBe('HOLIDAY_IMPORT_UNREADABLE');
    expect((await importCsv(1405, 0, GOOD)).statusCode).toBe(409);
    const tooBig = await importCsv(1405, 1, `date,title,kind\n${'1405/02/01,x,lunar\n'.repeat(20_000)}`);
    expect(tooBig.statusCode).toBe(413);
    expect((await call('GET', '/calendar/holidays/1405')).json().version).toBe(1);
  });
});

describe('local closures', () => {
  let isfahanClosure: string;

  it('lets an agency administrator close their agency, and refuses another agency, experts and provinces', async () => {
    const res = await call('POST', '/calendar/closures', s.adminIsfahan, { date: '1405/02/13', titleFa: 'تعمیرات ساختمان', agencyId: ag.isfahan });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ date: '1405/02/13', agencyId: ag.isfahan, province: null, titleEn: null });
    isfahanClosure = res.json().id;
    const other = await call('POST', '/calendar/closures', s.adminIsfahan, { date: '1405/02/13', titleFa: 'x', agencyId: ag.yazd }, 'en');
    expect([other.statusCode, other.json().error.code]).toEqual([403, 'CALENDAR_SCOPE_FORBIDDEN']);
    expect((await call('POST', '/calendar/closures', s.expertIsfahan, { date: '1405/02/14', titleFa: 'x', agencyId: ag.isfahan })).statusCode).toBe(403);
    expect((await call('POST', '/calendar/closures', s.adminIsfahan, { date: '1405/02/14', titleFa: 'x', province: 'اصفهان' })).statusCode).toBe(403);
    expect((await call('POST', '/calendar/closures', s.auditor, { date: '1405/02/14', titleFa: 'x', province: 'اصفهان' })).statusCode).toBe(403);
  });

  it('refuses the same day twice, an empty title, NUL, both or neither scope, and an unknown province', async () => {
    const dup = await call('POST', '/calendar/closures', s.adminIsfahan, { date: '۱۴۰۵/۰۲/۱۳', titleFa: 'دوباره', agencyId: ag.isfahan });
    expect([dup.statusCode, dup.json().error.code]).toEqual([409, 'CLOSURE_DUPLICATE']);
    const empty = await call('POST', '/calendar/closures', s.adminIsfahan, { date: '1405/02/14', titleFa: ' ', agencyId: ag.isfahan });
    expect(empty.json().error.details.fields[0]).toMatchObject({ field: 'body.titleFa', code: 'HOLIDAY_TITLE_REQUIRED' });
    expect((await call('POST', '/calendar/closures', s.adminIsfahan, { date: '1405/02/14', titleFa: 'a\u0000', agencyId: ag.isfahan })).json().error.code).toBe('TEXT_NOT_ALLOWED');
    const both = await call('POST', '/calendar/closures', s.platform, { date: '1405/02/14', titleFa: 'x', agencyId: ag.isfahan, province: 'اصفهان' });
    expect(both.json().error.details.fields[0].code).toBe('CLOSURE_SCOPE_REQUIRED');
    expect((await call('POST', '/calendar/closures', s.platform, { date: '1405/02/14', titleFa: 'x' })).statusCode).toBe(400);
    const nowhere = await call('POST', '/calendar/closures', s.central, { date: '1405/02/14', titleFa: 'x', province: 'آتلانتیس' });
    expect(nowhere.json().error.details.fields[0]).toMatchObject({ field: 'body.province', code: 'CLOSURE_PROVINCE_UNKNOWN' });
    const list = (await call('GET', `/calendar/closures?year=1405&agencyId=${ag.isfahan}`)).json();
    expect(list.map((c: { id: string }) => c.id)).toEqual([isfahanClosure]);
  });

  it('lets central reviewers close a province; the closures are listed by agency or province', async () => {
    expect((await call('POST', '/calendar/closures', s.central, { date: '1405/02/08', titleFa: 'آلودگی هوا', province: 'اصفهان' })).statusCode).toBe(201);
    expect((await call('POST', '/calendar/closures', s.central, { date: '1405/02/09', titleFa: 'گرما', province: 'یزد' })).statusCode).toBe(201);
    const listed = (await call('GET', `/calendar/closures?year=1405&agencyId=${ag.isfahan}&province=${encodeURIComponent('اصفهان')}`)).json();
    expect(listed.map((c: { date: string }) => c.date)).toEqual(['1405/02/08', '1405/02/13']);
    expect((await call('GET', '/calendar/closures?year=1404')).json()).toEqual([]);
  });

  it('removes a closure only for whoever may add it', async () => {
    const made = await call('POST', '/calendar/closures', s.adminYazd, { date: '1405/06/01', titleFa: 'موقت', agencyId: ag.yazd });
    const id = made.json().id;
    expect((await call('DELETE', `/calendar/closures/${id}`, s.adminIsfahan)).statusCode).toBe(404);
    expect((await call('DELETE', `/calendar/closures/${id}`, s.expertIsfahan)).statusCode).toBe(404);
    expect((await call('DELETE', `/calendar/closures/${id}`, s.adminYazd)).statusCode).toBe(204);
    expect((await call('DELETE', `/calendar/closures/${id}`, s.adminYazd)).statusCode).toBe(404);
    expect(await auditActions('local_closure')).toEqual(['local_closure.add', 'local_closure.add', 'local_closure.add', 'local_closure.add', 'local_closure.remove']);
  });

  it('tells the screen what the caller may change', async () => {
    expect((await call('GET', '/calendar/capabilities', s.adminIsfahan)).json()).toEqual({
      publishTable: false,
      provinceClosures: false,
      closureAgencies: [{ id: ag.isfahan, nameFa: 'اداره کل اصفهان', nameEn: 'Test agency', province: 'اصفهان' }],
    });
    expect((await call('GET', '/calendar/capabilities', s.central)).json()).toMatchObject({ publishTable: true, provinceClosures: true, closureAgencies: [] });
    expect((await call('GET', '/calendar/capabilities', s.auditor)).json()).toMatchObject({ publishTable: false, provinceClosures: false });
  });
});

describe("an agency's working calendar", () => {
  // 1405: Sat 02/05 … Wed 02/09, Sat 02/12 … Wed 02/16 (Thursdays and Fridays off).
  it('skips a published lunar holiday, the agency\'s and its province\'s closures, not another province\'s', async () => {
    // The table of 1405 gains a lunar holiday on Mon 02/07 (the closures above: Isfahan on Tue 02/08,
    // Yazd on Wed 02/09, the Isfahan office itself on Sun 02/13).
    const table = (await call('GET', '/calendar/holidays/1405')).json();
    const holidays = [...table.holidays, { date: '1405/02/07', titleFa: 'تعطیل قمری آزمایشی', kind: 'lunar' }];
    expect((await call('PUT', '/calendar/holidays/1405', s.central, { version: table.version, holidays })).statusCode).toBe(200);

    const submitted = new Date('2026-04-25T06:30:00.000Z'); // Sat 1405/02/05, 10:00 in Tehran
    const dueIn = async (agencyId: string) => (await calendarFor(t.ctx, agencyId)).addWorkingDaysToInstant(submitted, 5);
    // Isfahan office: 06, [07 lunar], [08 province], 09, 12, [13 own closure], 14, 15.
    expect(await dueIn(ag.isfahan)).toEqual(j('1405/02/15'));
    // Another Isfahan office: the province's closure, not the first office's own: 06, 09, 12, 13, 14.
    expect(await dueIn(ag.isfahanOther)).toEqual(j('1405/02/14'));
    // Tehran: only the national table: 06, 08, 09, 12, 13.
    expect(await dueIn(ag.tehran)).toEqual(j('1405/02/13'));
    const isfahan = await calendarFor(t.ctx, ag.isfahan);
    expect(isfahan.isWorkingDay(j('1405/02/09'))).toBe(true); // Yazd's closure
    expect(isfahan.holidayNames(j('1405/02/08'))).toEqual(['آلودگی هوا']);
  });

  it('is cached (the same calendar again) and rebuilt at once after a change in this process', async () => {
    const before = await calendarFor(t.ctx, ag.tehran);
    expect(await calendarFor(t.ctx, ag.tehran)).toBe(before);
    const made = await call('POST', '/calendar/closures', s.central, { date: '1405/02/06', titleFa: 'برف', province: 'تهران' });
    const after = await calendarFor(t.ctx, ag.tehran);
    expect(after).not.toBe(before);
    expect(after.isWorkingDay(j('1405/02/06'))).toBe(false);
    await call('DELETE', `/calendar/closures/${made.json().id}`, s.central);
    expect((await calendarFor(t.ctx, ag.tehran)).isWorkingDay(j('1405/02/06'))).toBe(true);
  });
});
