import { DeliveryPage, Inbox, NotificationPreferences } from '@dargah/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import { withTransaction } from '../../platform/db';
import { defineTemplate, notify } from '../../platform/notify';
import { createService } from '../services';

const notice = defineTemplate({
  id: 'test.notice',
  version: 1,
  personalisation: z.object({ n: z.number() }),
  channels: {
    sms: { fa: { body: 'اطلاع ((n))' }, en: { body: 'Notice ((n))' } },
    in_app: { fa: { subject: 'اطلاع', body: 'اطلاع شماره ((n))' }, en: { subject: 'Notice', body: 'Notice number ((n))' } },
  },
});

let t: TestApp;
let citizen: Session & { id: string; mobile: string };
let other: Session & { id: string };
let agencyA: string;
let agencyB: string;
const tell = (personId: string, n: number, agencyId: string, reference = `case-${n}`) =>
  withTransaction(t.ctx.database, (tx) => notify(t.ctx, tx, notice, { to: { person: { type: 'citizen', id: personId } }, personalisation: { n }, agencyId, reference }));

beforeAll(async () => {
  t = await buildTestApp();
  citizen = await signInCitizen(t);
  other = await signInCitizen(t);
  agencyA = (await buildAgency(t)).id;
  agencyB = (await buildAgency(t)).id;
  for (let n = 1; n <= 3; n++) await tell(citizen.id, n, agencyA);
  await tell(other.id, 9, agencyB);
});
afterAll(() => t.close());

const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });

describe('a person’s in-app messages', () => {
  it('lists only their own, newest first, in pages, with the unread count', async () => {
    const first = Inbox.parse((await get('/api/v1/me/notifications?limit=2', citizen)).json());
    expect(first.items.map((m) => m.body)).toEqual(['اطلاع شماره ۳', 'اطلاع شماره ۲']);
    expect(first.unread).toBe(3);
    const next = Inbox.parse((await get(`/api/v1/me/notifications?limit=2&before=${first.nextBefore}`, citizen)).json());
    expect(next.items.map((m) => m.body)).toEqual(['اطلاع شماره ۱']);
    expect(next.nextBefore).toBeNull();
  });

  it('marks one read; another person’s message answers like a missing one and stays unread', async () => {
    const mine = Inbox.parse((await get('/api/v1/me/notifications', citizen)).json()).items[0]!;
    const theirs = Inbox.parse((await get('/api/v1/me/notifications', other)).json()).items[0]!;
    const stolen = await t.app.inject({ method: 'POST', url: `/api/v1/me/notifications/${theirs.id}/read`, headers: citizen.headers });
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().error.code).toBe('NOTIFICATION_NOT_FOUND');
    expect(Inbox.parse((await get('/api/v1/me/notifications', other)).json()).unread).toBe(1);
    const ok = await Promise.all(Array.from({ length: 16 }, () => t.app.inject({ method: 'POST', url: `/api/v1/me/notifications/${mine.id}/read`, headers: citizen.headers })));
    expect(ok.map((r) => r.statusCode)).toEqual(Array(16).fill(204));
    expect(Inbox.parse((await get('/api/v1/me/notifications', citizen)).json()).unread).toBe(2);
  });

  it('needs a session (and the CSRF header for a write)', async () => {
    expect((await get('/api/v1/me/notifications')).statusCode).toBe(401);
    const mine = Inbox.parse((await get('/api/v1/me/notifications', citizen)).json()).items[0]!;
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/me/notifications/${mine.id}/read`, headers: { cookie: citizen.cookie } })).statusCode).toBe(403);
  });
});

describe('channel preferences', () => {
  it('shows the default (SMS for citizens) with the number on file masked', async () => {
    const prefs = NotificationPreferences.parse((await get('/api/v1/me/notification-preferences', citizen)).json());
    expect(prefs).toEqual({ channels: ['sms'], addresses: { sms: `${citizen.mobile.slice(0, 4)}***${citizen.mobile.slice(-4)}`, email: null } });
  });

  it('refuses a channel with no address on file (none, or an e-mail not yet confirmed) and changes nothing', async () => {
    const choose = (channels: string[]) => t.app.inject({ method: 'PUT', url: '/api/v1/me/notification-preferences', headers: citizen.headers, payload: { channels } });
    for (const step of ['none on file', 'an address waiting for its code']) {
      if (step !== 'none on file') {
        const asked = await t.app.inject({ method: 'PUT', url: '/api/v1/me/email', headers: citizen.headers, payload: { email: 'waiting@example.ir' } });
        expect(asked.statusCode).toBe(202);
      }
      const res = await choose(['sms', 'email']);
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'NOTIFICATION_CHANNEL_WITHOUT_ADDRESS', details: { channel: 'email' } });
      expect(res.json().error.message).toMatch(/[\u0600-\u06FF]/);
    }
    expect(NotificationPreferences.parse((await get('/api/v1/me/notification-preferences', citizen)).json()).channels).toEqual(['sms']);
    const written = await t.ctx.database.query('SELECT 1 FROM events WHERE stream_id = $1 AND action = $2', [citizen.id, 'notification_channels_set']);
    expect(written).toHaveLength(0);
  });

  it('keeps a choice of channels with an address, with its event and audit entry; an address removed later falls back', async () => {
    await t.ctx.database.query('UPDATE citizens SET email = $2, email_verified_at = now() WHERE id = $1', [citizen.id, 'citizen@example.ir']);
    const set = await t.app.inject({ method: 'PUT', url: '/api/v1/me/notification-preferences', headers: citizen.headers, payload: { channels: ['email', 'email'] } });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ channels: ['email'], addresses: { email: expect.stringContaining('***') } });
    const events = await t.ctx.database.query<{ payload: unknown }>('SELECT payload FROM events WHERE stream_id = $1 AND action = $2', [citizen.id, 'notification_channels_set']);
    expect(events.map((e) => e.payload)).toEqual([{ before: null, after: ['email'] }]);
    const audited = await t.ctx.database.query('SELECT 1 FROM audit_entries WHERE object_id = $1 AND action = $2', [citizen.id, 'citizen.notification_channels_set']);
    expect(audited).toHaveLength(1);
    // With the e-mail gone from file, a message still reaches them in-app and by the channel that can.
    await t.ctx.database.query('UPDATE citizens SET email = NULL, email_verified_at = NULL WHERE id = $1', [citizen.id]);
    const ids = await tell(citizen.id, 7, agencyA);
    const [, sms] = await t.ctx.database.query<{ channel: string }>('SELECT channel FROM notifications WHERE id = ANY($1::uuid[]) ORDER BY channel', [ids]);
    expect(sms?.channel).toBe('sms');
  });

  it('refuses an unknown channel and changes nothing', async () => {
    for (const channels of [['fax'], ['in_app'], 'sms', ['sms', 'email', 'sms']]) {
      const res = await t.app.inject({ method: 'PUT', url: '/api/v1/me/notification-preferences', headers: citizen.headers, payload: { channels } });
      expect(res.statusCode, JSON.stringify(channels)).toBe(400);
    }
    expect(NotificationPreferences.parse((await get('/api/v1/me/notification-preferences', citizen)).json()).channels).toEqual(['email']);
  });
});

describe('delivery status for staff', () => {
  it('shows an agency administrator the deliveries of their agency only, recipients masked', async () => {
    const clerk = await signInStaff(t, (await buildStaff(t, agencyA, ['agency_admin'])).username);
    const page = DeliveryPage.parse((await get('/api/v1/notifications?channel=sms', clerk)).json());
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((d) => d.reference !== 'case-9')).toBe(true);
    expect(page.items[0]!.recipient).toMatch(/^09\d\d\*\*\*\d{4}$/);
    const byCase = DeliveryPage.parse((await get('/api/v1/notifications?reference=case-2', clerk)).json());
    expect(byCase.items.map((d) => d.channel).sort()).toEqual(['in_app', 'sms']);
    // Another agency's reference answers an empty page, not its messages.
    expect(DeliveryPage.parse((await get('/api/v1/notifications?reference=case-9', clerk)).json()).items).toEqual([]);
  });

  it('shows a platform administrator every agency’s deliveries, and refuses citizens', async () => {
    const admin = await signInStaff(t, (await buildStaff(t, agencyB, ['platform_admin'])).username);
    expect(DeliveryPage.parse((await get('/api/v1/notifications?reference=case-9', admin)).json()).items).toHaveLength(2);
    expect((await get('/api/v1/notifications', citizen)).statusCode).toBe(403);
  });

  it('refuses the agency-wide list to staff who follow messages only on a request’s page', async () => {
    for (const role of ['desk_clerk', 'secretariat', 'expert'] as const) {
      const who = await signInStaff(t, (await buildStaff(t, agencyA, [role])).username);
      for (const url of ['/api/v1/notifications', '/api/v1/notifications?reference=case-2']) {
        const res = await get(url, who);
        expect(res.statusCode, `${role} ${url}`).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
    }
  });
});

describe('the messages of one request, on its page', () => {
  it('shows them to whoever may open the request, and to nobody else (404 like the request itself)', async () => {
    const serviceId = await createService(t.ctx.database.db, {
      agencyId: agencyA,
      titleFa: 'گواهی آزمایشی',
      titleEn: 'Test certificate',
      descriptionFa: 'خدمت آزمایشی',
      recipients: 'G2C',
      normDays: 5,
      formSchema: { type: 'object', properties: {}, additionalProperties: false },
      published: true,
    }, t.clock.now());
    const applicant = await signInCitizen(t);
    const submitted = await t.app.inject({ method: 'POST', url: '/api/v1/requests', headers: applicant.headers, payload: { serviceId, form: {} } });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const requestId = submitted.json<{ id: string }>().id;
    const url = `/api/v1/notifications?requestId=${requestId}`;

    const clerk = await signInStaff(t, (await buildStaff(t, agencyA, ['desk_clerk'])).username);
    const page = DeliveryPage.parse((await get(url, clerk)).json());
    expect(page.items.map((d) => [d.template, d.channel]).sort()).toEqual([['requests.received', 'in_app'], ['requests.received', 'sms']]);
    expect(page.items.every((d) => d.reference === requestId)).toBe(true);
    expect(page.items.find((d) => d.channel === 'sms')!.recipient).toBe(`${applicant.mobile.slice(0, 4)}***${applicant.mobile.slice(-4)}`);

    // Staff who cannot open the request: another agency's clerk, a same-agency role without the desk, an auditor.
    const outsiders = [
      await buildStaff(t, agencyB, ['desk_clerk']),
      await buildStaff(t, agencyA, ['secretariat']),
      await buildStaff(t, agencyB, ['oversight_auditor']),
    ];
    for (const who of outsiders) {
      const res = await get(url, await signInStaff(t, who.username));
      expect(res.statusCode, who.username).toBe(404);
      expect(res.json().error.code).toBe('REQUEST_NOT_FOUND');
    }
    // A request that does not exist answers the same.
    expect((await get('/api/v1/notifications?requestId=00000000-0000-4000-8000-000000000000', clerk)).statusCode).toBe(404);
    // The filter cannot be widened by another reference.
    expect(DeliveryPage.parse((await get(`${url}&reference=case-2`, clerk)).json()).items).toEqual([]);
    expect((await get(url, applicant)).statusCode).toBe(403);
  });
});
