import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { ManualClock } from '../clock';
import { withTransaction } from '../db';
import { JobRegistry, JobRunner } from '../jobs';
import pino from 'pino';
import { createNotifySendJob, notify, Notifier, type NotifyContext, type Recipient } from './notify';
import { createEmailSimulator, createSmsSimulator, createSmtpProvider, type Provider } from './providers';
import { findNotification, listNotifications, markRead, savePreferences, unreadCount } from './store';
import { defineTemplate, render } from './templates';

const greeting = defineTemplate({
  id: 'test.greeting',
  version: 3,
  personalisation: z.object({ name: z.string(), count: z.number().int() }),
  channels: {
    sms: { fa: { body: 'سلام ((name))، ((count)) پیام دارید.' }, en: { body: 'Hello ((name)), you have ((count)) messages.' } },
    email: {
      fa: { subject: 'پیام‌های ((name))', body: 'سلام ((name))،\n((count)) پیام تازه دارید.' },
      en: { subject: 'Messages for ((name))', body: 'Hello ((name)),\nyou have ((count)) new messages.' },
    },
    in_app: { fa: { subject: 'پیام تازه', body: '((count)) پیام تازه' }, en: { subject: 'New messages', body: '((count)) new messages' } },
  },
});

describe('templates', () => {
  it('refuse, at definition, a placeholder the personalisation does not define', () => {
    expect(() =>
      defineTemplate({ id: 'bad', version: 1, personalisation: z.object({ a: z.string() }), channels: { sms: { fa: { body: '((a)) ((b))' }, en: { body: '((a))' } } } }),
    ).toThrow(/uses \(\(b\)\)/);
    expect(() =>
      defineTemplate({ id: 'bad', version: 1, personalisation: z.object({}), channels: { email: { fa: { body: 'x' }, en: { body: 'x' } } } }),
    ).toThrow(/needs a subject/);
  });

  it('write numbers in Persian digits in Persian messages, except verbatim fields', () => {
    expect(render({ body: 'کد ((code)) برای ((n)) روز' }, { code: '123456', n: 12 }, 'fa', ['code']).body).toBe('کد 123456 برای ۱۲ روز');
    expect(render({ body: 'code ((code)) for ((n)) days' }, { code: '123456', n: 12 }, 'en', ['code']).body).toBe('code 123456 for 12 days');
  });

  it('insert personalisation literally (no nested placeholders, no markup)', () => {
    expect(render({ body: '((name))!' }, { name: '((count)) <b>&' }, 'en').body).toBe('((count)) <b>&!');
  });
});

describe('notify', () => {
  let t: TestDatabase;
  const clock = new ManualClock(new Date('2025-05-01T06:00:00Z'));
  const jobs = new JobRegistry();
  const sent: Array<{ channel: string; to: string; subject: string | null; body: string }> = [];
  const recording = (p: Provider): Provider => ({ ...p, send: async (m) => (sent.push({ channel: p.channel, ...m }), p.send(m)) });
  const notifier = new Notifier({ sms: recording(createSmsSimulator({ latencyMs: 0 })), email: recording(createEmailSimulator()) });
  const people: Record<string, { mobile?: string | null; email?: string | null; lang?: 'fa' | 'en' }> = {
    ali: { mobile: '09121112233', lang: 'fa' },
    sara: { mobile: '09351112233', email: 'sara@example.ir', lang: 'en' },
    nobody: {},
    offline: { mobile: '09999999995' },
    gone: { mobile: '09999999991' },
  };
  notifier.registerContacts('citizen', async (_db, id) => people[id]);
  jobs.define(createNotifySendJob(notifier));
  let runner: JobRunner;
  let ctx: NotifyContext;
  const send = (to: Recipient, count = 2) =>
    withTransaction(t.database, (tx) => notify(ctx, tx, greeting, { to, personalisation: { name: 'علی', count }, agencyId: 'agency-1', reference: 'case-9' }));

  beforeAll(async () => {
    t = await createTestDatabase();
    runner = new JobRunner(t.database, jobs, clock, pino({ level: 'silent' }), { concurrency: 1, pollMs: 50 });
    ctx = { notify: notifier, jobs, clock, runner };
  });
  afterAll(() => t.drop());

  it('reaches a person in their in-app inbox and by their default channel (SMS for citizens), in their language', async () => {
    const ids = await send({ person: { type: 'citizen', id: 'ali' } });
    const [inApp, sms] = await Promise.all(ids.map((id) => findNotification(t.database.db, id)));
    expect(inApp).toMatchObject({ channel: 'in_app', status: 'delivered', recipient: 'ali', subject: 'پیام تازه', body: '۲ پیام تازه', templateId: 'test.greeting', templateVersion: 3 });
    expect(sms).toMatchObject({ channel: 'sms', status: 'created', recipient: '09121112233', body: 'سلام علی، ۲ پیام دارید.', agencyId: 'agency-1', reference: 'case-9' });
    await runner.runDue();
    expect(await findNotification(t.database.db, ids[1]!)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(sent.at(-1)).toMatchObject({ channel: 'sms', to: '09121112233' });
  });

  it('follows the channels a person chose, and nothing else', async () => {
    await withTransaction(t.database, (tx) => savePreferences(tx.db, 'citizen', 'sara', ['email'], clock.now()));
    const ids = await send({ person: { type: 'citizen', id: 'sara' } }, 5);
    const made = await Promise.all(ids.map((id) => findNotification(t.database.db, id)));
    expect(made.map((m) => [m!.channel, m!.recipient, m!.lang])).toEqual([
      ['in_app', 'sara', 'en'],
      ['email', 'sara@example.ir', 'en'],
    ]);
    expect(made[1]).toMatchObject({ subject: 'Messages for علی', body: 'Hello علی,\nyou have 5 new messages.' });
  });

  it('records that a person without any address was not told', async () => {
    const sms = defineTemplate({ id: 'test.sms-only', version: 1, personalisation: z.object({}), channels: { sms: { fa: { body: 'پیام' }, en: { body: 'message' } } } });
    const [id] = await withTransaction(t.database, (tx) => notify(ctx, tx, sms, { to: { person: { type: 'citizen', id: 'nobody' } }, personalisation: {} }));
    expect(await findNotification(t.database.db, id!)).toMatchObject({ status: 'permanent_failure', failureReason: 'NO_ADDRESS_ON_FILE' });
  });

  it('sends to an explicit number whatever the preferences (a one-time code)', async () => {
    const ids = await send({ sms: '09120000000', lang: 'en' });
    expect(ids).toHaveLength(1);
    expect(await findNotification(t.database.db, ids[0]!)).toMatchObject({ channel: 'sms', recipient: '09120000000', personId: null, body: 'Hello علی, you have 2 messages.' });
  });

  it('writes nothing, and queues nothing, when the transaction rolls back', async () => {
    const queued = () => t.database.query("SELECT id FROM jobs WHERE kind = 'notify.send'");
    const before = (await listNotifications(t.database.db, { limit: 500 })).length;
    const jobsBefore = (await queued()).length;
    await withTransaction(t.database, async (tx) => {
      await notify(ctx, tx, greeting, { to: { person: { type: 'citizen', id: 'ali' } }, personalisation: { name: 'x', count: 1 } });
      throw new Error('rolled back');
    }).catch(() => undefined);
    expect((await listNotifications(t.database.db, { limit: 500 })).length).toBe(before);
    expect((await queued()).length).toBe(jobsBefore);
  });

  it('refuses personalisation that does not fit the template (a programming error, nothing written)', async () => {
    await expect(withTransaction(t.database, (tx) => notify(ctx, tx, greeting, { to: { sms: '09120000000' }, personalisation: { name: 'x', count: 'two' as never } }))).rejects.toThrow();
  });

  it('retries a temporary failure with backoff and keeps it a temporary failure after the last attempt', async () => {
    const [, id] = await send({ person: { type: 'citizen', id: 'offline' } });
    for (let i = 0; i < 5; i++) {
      await runner.runDue();
      clock.advance(3_600_000);
    }
    expect(await findNotification(t.database.db, id!)).toMatchObject({ status: 'temporary_failure', attempts: 5, failureReason: expect.stringMatching(/switched off/) });
  });

  it('does not retry a permanent failure', async () => {
    const [, id] = await send({ person: { type: 'citizen', id: 'gone' } });
    await runner.runDue();
    clock.advance(3_600_000);
    await runner.runDue();
    expect(await findNotification(t.database.db, id!)).toMatchObject({ status: 'permanent_failure', attempts: 1, failureReason: expect.stringMatching(/not a subscriber/) });
  });

  it('delivers a message once even when its job runs again (a worker that died and came back)', async () => {
    const [, id] = await send({ person: { type: 'citizen', id: 'ali' } });
    const before = sent.length;
    await runner.runDue();
    await jobs.get('notify.send')!.handle({ id }, { jobId: 'again', attempt: 2, database: t.database, clock, log: pino({ level: 'silent' }) });
    expect(sent.length - before).toBe(1);
  });

  it('lets a person read only their own in-app messages', async () => {
    const [inApp] = await send({ person: { type: 'citizen', id: 'ali' } });
    const unread = await unreadCount(t.database.db, 'citizen', 'ali');
    expect(await markRead(t.database.db, inApp!, 'citizen', 'sara', clock.now())).toBe(false);
    expect(await markRead(t.database.db, inApp!, 'citizen', 'ali', clock.now())).toBe(true);
    expect(await unreadCount(t.database.db, 'citizen', 'ali')).toBe(unread - 1);
  });
});

describe('e-mail over SMTP, against a real SMTP server', () => {
  const received: Array<{ from: string; to: string[]; raw: Buffer }> = [];
  let server: SMTPServer;
  let url: string;
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, cb) {
        if (address.address.endsWith('@full.example')) return cb(Object.assign(new Error('mailbox full, try later'), { responseCode: 452 }));
        if (address.address.endsWith('@nowhere.example')) return cb(Object.assign(new Error('no such user'), { responseCode: 550 }));
        cb();
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('delivers a Persian message with its subject, UTF-8 intact', async () => {
    const smtp = createSmtpProvider(url, 'Dargah <no-reply@dargah.test>');
    const ref = await smtp.send({ to: 'clerk@agency.example', subject: 'درخواست ۱۲۳ تأیید شد', body: 'سلام،\nدرخواست شما تأیید شد.' });
    smtp.close();
    expect(ref).toMatch(/@/);
    const mail = await simpleParser(received.at(-1)!.raw);
    expect(received.at(-1)).toMatchObject({ from: 'no-reply@dargah.test', to: ['clerk@agency.example'] });
    expect(mail.subject).toBe('درخواست ۱۲۳ تأیید شد');
    expect(mail.text?.trim()).toBe('سلام،\nدرخواست شما تأیید شد.');
    expect(mail.headers.get('content-language')).toBe('fa');
  });

  it('tells a temporary refusal (4xx) from a permanent one (5xx), and a server that is down is temporary', async () => {
    const smtp = createSmtpProvider(url, 'no-reply@dargah.test');
    await expect(smtp.send({ to: 'a@full.example', subject: 's', body: 'b' })).rejects.toMatchObject({ kind: 'temporary' });
    await expect(smtp.send({ to: 'a@nowhere.example', subject: 's', body: 'b' })).rejects.toMatchObject({ kind: 'permanent' });
    smtp.close();
    const down = createSmtpProvider('smtp://127.0.0.1:1', 'no-reply@dargah.test');
    await expect(down.send({ to: 'a@b.example', subject: 's', body: 'b' })).rejects.toMatchObject({ kind: 'temporary' });
    down.close();
  });
});
