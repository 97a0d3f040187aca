import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, signInStaff, type Session } from '../../../test/factories';
import { expectKeyReuseRefused, expectReplayedCreate } from '../../../test/idempotency';

let t: TestApp;
let child: string;
let other: string;
let lawId: string;
const s: Record<'expertC' | 'adminC' | 'central1' | 'central2' | 'otherStaff', Session> = {} as never;

beforeAll(async () => {
  t = await buildTestApp();
  const parent = (await buildAgency(t, { nameFa: 'وزارت آزمایشی', kind: 'ministry' })).id;
  child = (await buildAgency(t, { nameFa: 'سازمان زیرمجموعه', parentId: parent })).id;
  other = (await buildAgency(t, { nameFa: 'دستگاه دیگر' })).id;
  const central = (await buildAgency(t, { nameFa: 'سازمان اداری و استخدامی', kind: 'central_body' })).id;
  const sign = async (agencyId: string, roles: Parameters<typeof buildStaff>[2]) =>
    signInStaff(t, (await buildStaff(t, agencyId, roles)).username);
  s.expertC = await sign(child, ['expert']);
  s.adminC = await sign(child, ['expert', 'agency_admin']);
  s.central1 = await sign(central, ['central_reviewer']);
  s.central2 = await sign(central, ['central_reviewer']);
  s.otherStaff = await sign(other, ['expert', 'agency_admin']);
});
afterAll(() => t.close());

const call = (
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  who?: Session,
  payload?: unknown,
  lang?: string,
) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...(who?.headers ?? {}), ...(lang ? { 'accept-language': lang } : {}) },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

describe('laws register and missions', () => {
  it('lets central reviewers register a law with a Jalali date, and anyone read it', async () => {
    const res = await call('POST', '/catalogue/laws', s.central1, {
      title: 'قانون آزمایشی خدمات',
      kind: 'law',
      approvingBody: 'مجلس شورای اسلامی',
      number: '۱۲۳',
      approvedOn: '۱۳۸۲/۱۰/۱۷',
      articles: [
        { number: '1', text: 'متن ماده یک' },
        { number: '2', text: 'متن ماده دو' },
      ],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ approvedOn: '2004-01-07', approvedOnJalali: '1382/10/17', version: 1 });
    lawId = res.json().id;
    expect((await call('GET', `/catalogue/laws/${lawId}`)).json()).toMatchObject({
      id: lawId,
      articles: [{ number: '1' }, { number: '2' }],
    });
    expect((await call('GET', '/catalogue/laws')).json().map((l: { id: string }) => l.id)).toContain(lawId);
  });

  it('refuses agency staff, a bad Jalali date and repeated article numbers', async () => {
    const body = {
      title: 'آیین‌نامه',
      kind: 'regulation',
      approvingBody: 'هیئت وزیران',
      approvedOn: '1402/01/01',
      articles: [],
    };
    expect((await call('POST', '/catalogue/laws', s.adminC, body)).statusCode).toBe(403);
    const bad = await call('POST', '/catalogue/laws', s.central1, { ...body, approvedOn: '1402/12/31' }); // 1402 is not a leap year
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toEqual([
      { field: 'body.approvedOn', code: 'JALALI_DATE_INVALID', message: 'تاریخ شمسی معتبر نیست.' },
    ]);
    const dup = await call('POST', '/catalogue/laws', s.central1, {
      ...body,
      articles: [
        { number: '1', text: 'a' },
        { number: '1', text: 'b' },
      ],
    });
    expect(dup.json().error.details.fields).toEqual([
      { field: 'body.articles.1.number', code: 'DUPLICATE_ARTICLE', message: 'شماره این ماده تکراری است.' },
    ]);
  });

  it('updates a law at the version read', async () => {
    const law = (await call('GET', `/catalogue/laws/${lawId}`)).json();
    const { id: _id, approvedOnJalali: _j, ...rest } = law;
    const body = { ...rest, approvedOn: '1382/10/17', number: '124', link: undefined };
    delete body.link;
    const ok = await call('PUT', `/catalogue/laws/${lawId}`, s.central1, body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ number: '124', version: 2 });
    expect((await call('PUT', `/catalogue/laws/${lawId}`, s.central2, body)).json().error.code).toBe('CONFLICT');
  });

  it('lets an agency administrator record missions citing registered articles', async () => {
    const bad = await call('POST', `/catalogue/agencies/${child}/missions`, s.adminC, {
      title: 'مأموریت',
      legalBasis: [{ lawId, article: '99' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toEqual([
      {
        field: 'body.legalBasis.0.article',
        code: 'LAW_ARTICLE_NOT_FOUND',
        message: 'این ماده در قانون ارجاع‌شده ثبت نشده است.',
      },
    ]);
    expect(
      (
        await call('POST', `/catalogue/agencies/${child}/missions`, s.expertC, {
          title: 'مأموریت',
          legalBasis: [{ lawId, article: '1' }],
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call('POST', `/catalogue/agencies/${child}/missions`, s.otherStaff, {
          title: 'مأموریت',
          legalBasis: [{ lawId, article: '1' }],
        })
      ).statusCode,
    ).toBe(403);
    const res = await call('POST', `/catalogue/agencies/${child}/missions`, s.adminC, {
      title: 'ارائه گواهی‌ها',
      legalBasis: [{ lawId, article: '1' }],
    });
    expect(res.statusCode).toBe(201);
    const m = res.json();
    expect((await call('GET', `/catalogue/agencies/${child}/missions`)).json()).toEqual([m]);
    const upd = await call('PUT', `/catalogue/missions/${m.id}`, s.adminC, {
      version: 1,
      title: 'ارائه گواهی‌ها و مجوزها',
      legalBasis: [{ lawId, article: '2' }],
    });
    expect(upd.json()).toMatchObject({ version: 2, legalBasis: [{ lawId, article: '2' }] });
    expect((await call('DELETE', `/catalogue/missions/${m.id}`, s.otherStaff)).statusCode).toBe(404);
    expect((await call('DELETE', `/catalogue/missions/${m.id}`, s.adminC)).statusCode).toBe(204);
    expect((await call('GET', `/catalogue/agencies/${child}/missions`)).json()).toEqual([]);
  });
});

describe('retrying a create with an Idempotency-Key', () => {
  const law = (title: string) => ({
    title,
    kind: 'regulation',
    approvingBody: 'هیئت وزیران',
    approvedOn: '1400/05/01',
    articles: [{ number: '1', text: 'متن ماده' }],
  });
  const lawCall = () => ({
    url: '/catalogue/laws',
    headers: s.central1.headers,
    payload: law('آیین‌نامه تکرار'),
    table: 'laws',
    stream: 'law',
  });
  const missionCall = () => ({
    url: `/catalogue/agencies/${other}/missions`,
    headers: s.otherStaff.headers,
    payload: { title: 'مأموریت تکرار', legalBasis: [{ lawId, article: '1' }] },
    table: 'agency_missions',
    stream: 'agency_mission',
  });
  it('registers a law once', async () => {
    const { body } = await expectReplayedCreate<{ id: string }>(t, lawCall());
    expect((await call('GET', `/catalogue/laws/${body.id}`)).json()).toMatchObject({ title: 'آیین‌نامه تکرار' });
  });

  it('records a mission once', async () => {
    const { body } = await expectReplayedCreate<{ id: string }>(t, missionCall());
    expect((await call('GET', `/catalogue/agencies/${other}/missions`)).json()).toEqual([
      expect.objectContaining({ id: body.id, title: 'مأموریت تکرار' }),
    ]);
  });

  it('refuses the same key with another body, changing nothing', async () => {
    await expectKeyReuseRefused(t, lawCall(), law('آیین‌نامه دیگر'));
    await expectKeyReuseRefused(t, missionCall(), { title: 'مأموریت دیگر', legalBasis: [{ lawId, article: '2' }] });
  });

  it('refuses a malformed key before doing anything', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalogue/laws',
      headers: { ...s.central1.headers, 'idempotency-key': 'short' },
      payload: law('آیین‌نامه کلید بد'),
    });
    expect(res.json().error.code).toBe('IDEMPOTENCY_KEY_INVALID');
    expect(
      (await call('GET', '/catalogue/laws?limit=100')).json().map((l: { title: string }) => l.title),
    ).not.toContain('آیین‌نامه کلید بد');
  });
});
