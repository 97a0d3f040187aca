import { normalizeForSearch } from '@dargah/persian';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency } from '../../../test/factories';

/*
 * The public catalogue lists services in Persian alphabetical order (migration 0013), not by code
 * point, which would put پ چ ژ گ after every other letter and ه before و.
 */

let t: TestApp;
// Alphabetical in Persian; by code point the order would be ب ت ه و پ چ ژ گ.
const TITLES = ['بیمه', 'پروانه', 'تمدید', 'چاپ', 'زمین', 'ژتون', 'کارت', 'گذرنامه', 'وام', 'هزینه'];

beforeAll(async () => {
  t = await buildTestApp();
  const agency = await buildAgency(t, { nameFa: 'دستگاه آزمایشی' });
  // Entries as the projection holds them (the order depends on nothing else); shuffled on the way in.
  const shuffled = [...TITLES].sort(() => Math.random() - 0.5);
  for (const [i, title] of shuffled.entries())
    await t.ctx.database.query(
      `INSERT INTO catalogue_entries (card_id, service_id, agency_id, agency_name, agency_legal_id, agency_version, title,
         title_key, search_key, approved_at, expires_at, card_version, synced_at)
       VALUES (gen_random_uuid(), $1, $2, 'دستگاه آزمایشی', '10000000000', 1, $3, $4, $4, now(), now() + interval '1 year', 1, now())`,
      [String(10_000_000_000 + i), agency.id, title, normalizeForSearch(title)],
    );
});
afterAll(() => t.close());

describe('the public catalogue’s order', () => {
  it('is the Persian alphabet’s', async () => {
    const res = await t.app.inject({ url: '/api/v1/catalogue/services?limit=50' });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ items: Array<{ title: string }> }>().items.map((i) => i.title)).toEqual(TITLES);
  });
});
