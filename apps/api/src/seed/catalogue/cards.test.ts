import { validateCardForSubmission, type ServiceCardContent } from '@dargah/contracts';
import { jalaliDateString } from '@dargah/persian';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { rows } from '../../platform/db';
import { seedDemoData } from '../demo';

let t: TestApp;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API bodies, asserted field by field
const get = async (url: string): Promise<any> => {
  const res = await t.app.inject({ url: `/api/v1${url}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<unknown>();
};

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoData(t.ctx);
});
afterAll(() => t.close());

describe('the public catalogue demo services', () => {
  it('are complete approved cards of all three agencies, with offices, fees and documents by inquiry', async () => {
    const cards = await rows<{ agencyId: string; content: ServiceCardContent | string }>(
      t.ctx.database.db,
      sql`SELECT c.agency_id AS "agencyId", v.content
            FROM service_cards c JOIN service_card_versions v ON v.card_id = c.id AND v.version_no = c.approved_version
           WHERE c.service_id IS NOT NULL`,
    );
    expect(cards.length).toBeGreaterThanOrEqual(10);
    const contents = cards.map((c) =>
      typeof c.content === 'string' ? (JSON.parse(c.content) as ServiceCardContent) : c.content,
    );
    for (const c of contents) expect(validateCardForSubmission(c), c.title).toEqual([]);
    expect(new Set(cards.map((c) => c.agencyId)).size).toBe(3);
    expect(new Set(contents.flatMap((c) => c.recipients))).toEqual(new Set(['G2C', 'G2B', 'G2G']));
    expect(contents.some((c) => c.maturity?.exemption)).toBe(true);
    expect(contents.filter((c) => c.maturity?.plannedDate).length).toBeGreaterThanOrEqual(2);
    expect(contents.some((c) => c.documents?.some((d) => d.byInquiry))).toBe(true);
    expect(contents.some((c) => (c.offices?.length ?? 0) > 1 && c.offices!.every((o) => o.hours))).toBe(true);
    expect(contents.some((c) => (c.fees ?? []).some((f) => (f.amountRials ?? 0) > 0))).toBe(true);
    expect(contents.some((c) => /\u200c/.test(c.title ?? ''))).toBe(true);
    expect(contents.some((c) => /[۰-۹]/.test(c.title ?? ''))).toBe(true);
  });

  it('are found by a search typed with Arabic letters, without ZWNJ, and by ASCII digits', async () => {
    const hits = await get(`/catalogue/services?q=${encodeURIComponent('ثبتنام بيمه بيكاري')}`);
    expect(hits.items[0]?.title).toBe('ثبت‌نام بیمه بیکاری');
    const digits = await get(`/catalogue/services?q=${encodeURIComponent('1404')}`);
    expect(digits.items.map((i: { title: string }) => i.title)).toContain(
      'ثبت‌نام در دوره‌های آموزشی کوتاه‌مدت نیمسال دوم ۱۴۰۴',
    );
  });

  it("list each agency's services not yet electronic with the planned date or the exemption", async () => {
    const agencies = (await get('/agencies')) as
      Array<{ id: string; kind: string }> | { items: Array<{ id: string; kind: string }> };
    const list = Array.isArray(agencies) ? agencies : agencies.items;
    const provincial = list.find((a) => a.kind === 'provincial_office')!;
    const page = await get(`/catalogue/agencies/${provincial.id}/services`);
    expect(page.electronic.length).toBeGreaterThanOrEqual(1);
    expect(page.notYetElectronic).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: 'بازدید ایمنی از کارگاه', exemption: expect.objectContaining({}) }),
        expect.objectContaining({
          title: 'برگزاری آزمون مهارت برای کارجویان',
          plannedDate: jalaliDateString(new Date(t.clock.now().getTime() + 150 * 24 * 3600 * 1000)),
        }),
      ]),
    );
  });
});

describe('the demo services in the service architecture', () => {
  it('are classified, so the category filter finds them', async () => {
    const arch = (await get('/catalogue/architecture')) as {
      domains: Array<{ code: string; categories: Array<{ id: string; code: string }> }>;
    };
    const skills = arch.domains.find((d) => d.code === 'education')!.categories.find((c) => c.code === 'skills')!;
    const found = await get(`/catalogue/services?category=${skills.id}&limit=100`);
    const titles = (found.items as Array<{ title: string; category: { id: string } }>).map((i) => i.title);
    expect(titles).toEqual(
      expect.arrayContaining(['صدور المثنی گواهی‌نامه مهارت', 'تأیید صلاحیت مربیان آموزشگاه‌های آزاد']),
    );
    expect(titles).not.toContain('ثبت‌نام بیمه بیکاری');
    for (const i of found.items as Array<{ category: { id: string } }>) expect(i.category.id).toBe(skills.id);
  });
});
