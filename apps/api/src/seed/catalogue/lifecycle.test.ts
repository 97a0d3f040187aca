import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { recordExpiryNotices } from '../../modules/catalogue/catalogue.jobs';
import { DEMO_PASSWORD, seedDemoData } from '../demo';
import { EXPIRED_CARD_TITLE, EXPIRING_CARD_TITLE } from './lifecycle';

let t: TestApp;
let headers: Record<string, string>;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoData(t.ctx);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/staff/login',
    payload: { username: 'admin.ministry', password: DEMO_PASSWORD },
  });
  const cookie = String([res.headers['set-cookie']].flat().find((c) => String(c).startsWith('dargah_session=')));
  headers = { cookie: cookie.split(';')[0]!, 'x-csrf-token': res.json().csrfToken as string };
});
afterAll(() => t.close());

const get = async (url: string): Promise<unknown> => {
  const res = await t.app.inject({ url: `/api/v1${url}`, headers });
  expect(res.statusCode, url).toBe(200);
  return res.json();
};
const DAY = 86_400_000;

describe('lifecycle demo data', () => {
  it('gives the ministry one expired approved card and one expiring in 20 days, both complete', async () => {
    const now = t.clock.now().getTime();
    const cards = (await get('/catalogue/cards?status=approved&limit=100')) as Array<{
      id: string;
      title: string;
      expired: boolean;
      expiresAt: string;
      serviceId: string;
    }>;
    const expired = cards.find((c) => c.title === EXPIRED_CARD_TITLE);
    const expiring = cards.find((c) => c.title === EXPIRING_CARD_TITLE);
    expect(expired).toMatchObject({ expired: true, serviceId: expect.stringMatching(/^\d{11}$/) });
    expect(new Date(expired!.expiresAt).getTime()).toBeLessThan(now - 20 * DAY);
    expect(expiring).toMatchObject({ expired: false });
    expect(Math.round((new Date(expiring!.expiresAt).getTime() - now) / DAY)).toBe(20);

    // Complete enough to be submitted again: the renewal with changes needs nothing added.
    const view = (await get(`/catalogue/cards/${expired!.id}`)) as {
      content: { title: string; legalBasis: unknown[] };
    };
    expect(view).toMatchObject({ status: 'approved', expired: true, actions: ['change', 'renew'] });
    expect(view.content.title).toBe(EXPIRED_CARD_TITLE);
    expect(view.content.legalBasis).toHaveLength(2);
  });

  it('has the notices the daily expiry run would have written, which it does not write again', async () => {
    const notices = (await get('/catalogue/notifications')) as Array<{
      title: string;
      kind: string;
      daysBefore: number;
    }>;
    expect(notices.filter((n) => n.title === EXPIRED_CARD_TITLE)).toEqual([
      expect.objectContaining({ kind: 'expired', daysBefore: 0 }),
    ]);
    expect(notices.filter((n) => n.title === EXPIRING_CARD_TITLE)).toEqual([
      expect.objectContaining({ kind: 'expiry_reminder', daysBefore: 30 }),
    ]);
    expect(await recordExpiryNotices(t.ctx.database, t.clock.now())).toBe(0);
  });
});
