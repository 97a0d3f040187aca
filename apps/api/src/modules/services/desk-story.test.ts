import { toPersianDigits } from '@dargah/persian';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, linkToApprovedCard, signInCitizen } from '../../../test/factories';
import { createService, type NewService } from '.';
import { sealAuditNow } from '../../../test/audit';

/*
 * The desk and the catalogue tell one story: a desk service shows its approved card's title (in
 * English where the card has one), says whether it takes requests, and the API refuses a request
 * (with its code, creating nothing) when the card has expired or does not let it be requested
 * online. The public catalogue says the same of the same service.
 */

let t: TestApp;
let agency: string;
const desk = {} as Record<'open' | 'counter' | 'informational' | 'expired' | 'unlinked', string>;
const ids = {} as Record<'open' | 'counter' | 'informational' | 'expired', string>;
const DAY = 86_400_000;

const service = (titleFa: string, o: Partial<NewService> = {}): NewService => ({
  agencyId: agency,
  titleFa,
  titleEn: `${titleFa} (desk)`,
  descriptionFa: 'شرح خدمت پیشخوان',
  recipients: 'G2C',
  normDays: 5,
  formSchema: { type: 'object', properties: { note: { type: 'string', title: 'یادداشت', maxLength: 50 } } },
  published: true,
  ...o,
});

beforeAll(async () => {
  t = await buildTestApp();
  agency = (await buildAgency(t, { nameFa: 'دستگاه پیشخوان', nameEn: 'Desk agency' })).id;
  const db = t.ctx.database.db;
  const now = t.clock.now();
  for (const [k, title] of [
    ['open', 'درخواست گواهی پیشخوان'],
    ['counter', 'خدمت حضوری پیشخوان'],
    ['informational', 'خدمت اطلاع‌رسانی پیشخوان'],
    ['expired', 'خدمت منقضی پیشخوان'],
    ['unlinked', 'خدمت بی‌شناسهٔ پیشخوان'],
  ] as const)
    desk[k] = await createService(db, service(title), now);
  const link = async (k: keyof typeof ids, o: Parameters<typeof linkToApprovedCard>[2]) =>
    (ids[k] = (await linkToApprovedCard(t, desk[k], o)).catalogueServiceId);
  await link('open', { title: 'صدور گواهی مصوب', titleEn: 'Approved certificate' });
  await link('counter', { title: 'خدمت حضوری مصوب', requestChannels: ['counter', 'in_person'], maturity: 'integrated' });
  await link('informational', { title: 'خدمت اطلاع‌رسانی مصوب', maturity: 'informational' });
  await link('expired', { title: 'خدمت منقضی مصوب', approvedAt: new Date(now.getTime() - 400 * DAY) });
});
afterAll(() => t.close());

const get = (url: string, lang = 'fa') =>
  t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { 'accept-language': lang } });
interface Desk {
  id: string;
  title: string;
  availability: string;
  catalogueServiceId: string | null;
  channels: { request: string[]; delivery: string[] } | null;
}
const deskOf = async (id: string, lang = 'fa') => (await get(`/services/${id}`, lang)).json<Desk>();

/** Everything a refused request must leave as it was. */
async function counts() {
  await sealAuditNow(t.ctx.database);
  const n = async (table: string) =>
    (await t.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  return { requests: await n('service_requests'), events: await n('events'), audit: await n('audit_entries') };
}

describe('a desk service and its catalogue card', () => {
  it('shows the approved card’s title, in English where the card has one, and says it takes requests', async () => {
    expect(await deskOf(desk.open)).toMatchObject({
      title: 'صدور گواهی مصوب',
      availability: 'open',
      catalogueServiceId: ids.open,
      channels: { request: ['web'], delivery: ['web'] },
    });
    expect((await deskOf(desk.open, 'en')).title).toBe('Approved certificate');
    // The card has no English title: its Persian one, not the desk's own English title.
    expect((await deskOf(desk.counter, 'en')).title).toBe('خدمت حضوری مصوب');
    // Not linked: the desk's own title, open, nothing to say how else it is delivered.
    expect(await deskOf(desk.unlinked)).toMatchObject({
      title: 'خدمت بی‌شناسهٔ پیشخوان',
      availability: 'open',
      catalogueServiceId: null,
      channels: null,
    });
  });

  it('says which are not requested online and which have expired, as the public catalogue does', async () => {
    expect(await deskOf(desk.counter)).toMatchObject({
      availability: 'not_electronic',
      channels: { request: ['counter', 'in_person'], delivery: ['web'] },
    });
    expect((await deskOf(desk.informational)).availability).toBe('not_electronic');
    expect((await deskOf(desk.expired)).availability).toBe('expired');

    // The same services, titles and state in the portal's list and the public catalogue.
    const list = (await get(`/services?agencyId=${agency}&limit=100`)).json<{ items: Desk[] }>().items;
    const catalogue = (await get(`/catalogue/services?agencyId=${agency}&limit=100`)).json<{
      items: Array<{ serviceId: string; title: string; expired: boolean; onlineRequest: boolean }>;
    }>().items;
    expect(catalogue.map((c) => c.serviceId).sort()).toEqual(Object.values(ids).sort());
    for (const c of catalogue) {
      const d = list.find((x) => x.catalogueServiceId === c.serviceId)!;
      expect({ title: d.title, availability: d.availability }).toEqual({
        title: c.title,
        availability: c.expired ? 'expired' : c.onlineRequest ? 'open' : 'not_electronic',
      });
    }
  });

  it('refuses a request to a service not requested online, or expired, with its code, creating nothing', async () => {
    const citizen = await signInCitizen(t);
    const submit = (serviceId: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/requests',
        headers: citizen.headers,
        payload: { serviceId, form: { note: 'درخواست' } },
      });
    for (const [k, code] of [
      ['counter', 'SERVICE_NOT_ELECTRONIC'],
      ['informational', 'SERVICE_NOT_ELECTRONIC'],
      ['expired', 'SERVICE_CARD_EXPIRED'],
    ] as const) {
      const before = await counts();
      const res = await submit(desk[k]);
      expect([k, res.statusCode, res.json().error.code]).toEqual([k, 409, code]);
      expect(res.json().error.message).toMatch(/شناسنامه/);
      expect(await counts()).toEqual(before);
    }
    // Sixteen at once (a client retrying hard) are all refused; nothing is created.
    const before = await counts();
    const all = await Promise.all(Array.from({ length: 16 }, () => submit(desk.expired)));
    expect(new Set(all.map((r) => r.json<{ error: { code: string } }>().error.code))).toEqual(new Set(['SERVICE_CARD_EXPIRED']));
    expect(await counts()).toEqual(before);
    // In English too.
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: { ...citizen.headers, 'accept-language': 'en' },
      payload: { serviceId: desk.counter, form: {} },
    });
    expect(en.json().error.message).toContain('not requested online');
    // The open one and the unlinked one take it.
    expect((await submit(desk.open)).statusCode).toBe(201);
    expect((await submit(desk.unlinked)).statusCode).toBe(201);
  });

  it('finds the desk services delivering given service ids, typed in any digits', async () => {
    const typed = toPersianDigits(`${ids.open.slice(0, 3)}-${ids.open.slice(3)}`);
    const one = (await get(`/services?catalogueServiceId=${encodeURIComponent(typed)}`)).json<{ items: Desk[] }>();
    expect(one.items.map((d) => d.id)).toEqual([desk.open]);
    const two = (await get(`/services?catalogueServiceId=${ids.open}&catalogueServiceId=${ids.expired}`)).json<{
      items: Desk[];
    }>();
    expect(two.items.map((d) => d.id).sort()).toEqual([desk.open, desk.expired].sort());
    const tooMany = Array.from({ length: 51 }, () => `catalogueServiceId=${ids.open}`).join('&');
    expect((await get(`/services?${tooMany}`)).statusCode).toBe(400);
    for (const bad of ['12345', 'abcdefghijk'])
      expect((await get(`/services?catalogueServiceId=${bad}`)).json().error.code).toBe('VALIDATION_FAILED');
    // A NUL is refused at the edge, before the filter is read.
    expect((await get(`/services?catalogueServiceId=${ids.open}%00`)).json().error.code).toBe('TEXT_NOT_ALLOWED');
  });
});
