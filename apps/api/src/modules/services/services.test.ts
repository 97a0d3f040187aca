import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency } from '../../../test/factories';
import { createService, type NewService } from '.';

let t: TestApp;
let agencyA: string;
let agencyB: string;
const ids: Record<string, string> = {};

const FORM = {
  type: 'object',
  required: ['reason'],
  properties: { reason: { type: 'string', title: 'علت', enum: ['الف', 'ب'] } },
  additionalProperties: false,
};
const service = (agencyId: string, titleFa: string, o: Partial<NewService> = {}): NewService => ({
  agencyId,
  titleFa,
  titleEn: null,
  descriptionFa: 'شرح خدمت',
  recipients: 'G2C',
  normDays: 5,
  formSchema: FORM,
  published: true,
  ...o,
});

beforeAll(async () => {
  t = await buildTestApp();
  agencyA = (await buildAgency(t, { nameFa: 'دستگاه الف', nameEn: 'Agency A' })).id;
  agencyB = (await buildAgency(t, { nameFa: 'دستگاه ب', nameEn: null })).id;
  const db = t.ctx.database.db;
  const now = t.clock.now();
  ids.a1 = await createService(
    db,
    service(agencyA, 'پ خدمت سوم', { titleEn: 'Third service', recipients: 'G2B' }),
    now,
  );
  ids.a2 = await createService(db, service(agencyA, 'ا خدمت اول'), now);
  ids.a3 = await createService(db, service(agencyA, 'ب خدمت دوم'), now);
  ids.hidden = await createService(db, service(agencyA, 'خدمت منتشرنشده', { published: false }), now);
  ids.b1 = await createService(db, service(agencyB, 'خدمت دستگاه ب', { normDays: 12 }), now);
  const off = (await buildAgency(t, { nameFa: 'دستگاه منحل' })).id;
  ids.inactive = await createService(db, service(off, 'خدمت دستگاه منحل'), now);
  await rows(db, sql`UPDATE agencies SET active = false WHERE id = ${off}`);
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('GET /api/v1/services', () => {
  it('lists published services of active agencies to anyone, with the agency name, norm and form', async () => {
    const res = await get('/api/v1/services');
    expect(res.statusCode).toBe(200);
    const { items, nextCursor } = res.json();
    expect(items.map((s: { id: string }) => s.id).sort()).toEqual([ids.a1, ids.a2, ids.a3, ids.b1].sort());
    expect(nextCursor).toBeNull();
    expect(items.find((s: { id: string }) => s.id === ids.b1)).toEqual({
      id: ids.b1,
      agencyId: agencyB,
      agencyName: 'دستگاه ب',
      title: 'خدمت دستگاه ب',
      description: 'شرح خدمت',
      normDays: 12,
      formSchema: FORM,
      uiSchema: {},
      recipients: 'G2C',
      catalogueServiceId: null,
      // Not linked to an approved catalogue card: open, with nothing to say how else it is delivered.
      availability: 'open',
      channels: null,
      fee: { kind: 'none' },
      postalDelivery: false,
    });
  });

  it('filters by agency and recipients, and pages with a cursor in title order', async () => {
    const first = await get(`/api/v1/services?agencyId=${agencyA}&limit=2`);
    const p1 = first.json();
    expect(p1.items).toHaveLength(2);
    expect(p1.nextCursor).toEqual(expect.any(String));
    const p2 = (await get(`/api/v1/services?agencyId=${agencyA}&limit=2&cursor=${p1.nextCursor}`)).json();
    expect(p2.items).toHaveLength(1);
    expect(p2.nextCursor).toBeNull();
    const all = [...p1.items, ...p2.items].map((s: { id: string }) => s.id);
    expect(new Set(all)).toEqual(new Set([ids.a1, ids.a2, ids.a3]));
    const g2b = (await get(`/api/v1/services?recipients=G2B`)).json();
    expect(g2b.items.map((s: { id: string }) => s.id)).toEqual([ids.a1]);
  });

  it('shows English titles and names when asked in English, Persian ones otherwise', async () => {
    const en = (await get(`/api/v1/services/${ids.a1}`, { 'accept-language': 'en' })).json();
    expect(en).toMatchObject({ title: 'Third service', agencyName: 'Agency A' });
    const fallback = (await get(`/api/v1/services/${ids.b1}`, { 'accept-language': 'en' })).json();
    expect(fallback).toMatchObject({ title: 'خدمت دستگاه ب', agencyName: 'دستگاه ب' });
  });

  it('refuses a malformed cursor and unknown filters with field problems', async () => {
    const res = await get('/api/v1/services?cursor=not-a-cursor');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'querystring.cursor', code: 'invalid_format', message: 'قالب مقدار درست نیست.' }] },
    });
    expect((await get('/api/v1/services?agencyId=nope')).statusCode).toBe(400);
  });
});

describe('GET /api/v1/services/:id', () => {
  it('returns a published service and hides unpublished or unknown ones', async () => {
    expect((await get(`/api/v1/services/${ids.a2}`)).json()).toMatchObject({
      id: ids.a2,
      title: 'ا خدمت اول',
      normDays: 5,
    });
    for (const id of [ids.hidden, '00000000-0000-4000-8000-000000000000']) {
      const res = await get(`/api/v1/services/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'SERVICE_NOT_FOUND', message: 'خدمت پیدا نشد یا در دسترس نیست.' });
    }
  });
});
