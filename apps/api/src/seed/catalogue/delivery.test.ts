import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { rows } from '../../platform/db';
import { seedDemoData } from '../demo';
import { EXPIRED_CARD_TITLE } from './lifecycle';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoData(t.ctx);
});
afterAll(() => t.close());

describe('the demo desk services', () => {
  it('are linked to the approved service they are, by title, one to an expired card, with one left unlinked (and the fee demo, in no card)', async () => {
    const links = await rows<{ desk: string; catalogue: string | null }>(
      t.ctx.database.db,
      sql`SELECT s.title_fa AS desk, v.content->>'title' AS catalogue
            FROM services s
            LEFT JOIN service_cards c ON c.service_id = s.catalogue_service_id
            LEFT JOIN service_card_versions v ON v.card_id = c.id AND v.version_no = c.approved_version
           ORDER BY s.title_fa`,
    );
    const byDesk = Object.fromEntries(links.map((l) => [l.desk, l.catalogue]));
    expect(byDesk['درخواست گواهی سابقه اشتغال']).toBe('صدور گواهی سابقه اشتغال');
    expect(byDesk['ثبت شکایت کارگری']).toBe('ثبت شکایت کارگری');
    expect(byDesk['صدور المثنی گواهی‌نامه مهارت']).toBe('صدور المثنی گواهی‌نامه مهارت');
    // Linked while its card was in force; the card has expired since (closed to new requests).
    expect(byDesk['صدور مجوز تأسیس مؤسسه کاریابی']).toBe(EXPIRED_CARD_TITLE);
    // The organisation's last one, and the service whose fee is paid through the gateway (no card shares its title).
    expect(links.filter((l) => l.catalogue === null).map((l) => l.desk).sort()).toEqual(['آزمون ارزشیابی مهارت', 'صدور پروانه تأسیس آموزشگاه آزاد فنی و حرفه‌ای'].sort());
  });
});
