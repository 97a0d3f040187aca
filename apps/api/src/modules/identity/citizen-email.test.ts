import { EmailOnFile, NotificationPreferences } from '@dargah/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import { withTransaction } from '../../platform/db';
import { defineTemplate, notify } from '../../platform/notify';
import { sealAuditNow } from '../../../test/audit';

type Citizen = Session & { id: string; mobile: string };

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

let n = 0;
const address = () => `person${++n}.${Date.now()}@example.ir`;
const setEmail = (s: Session, email: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'PUT', url: '/api/v1/me/email', headers: { ...s.headers, ...headers }, payload: { email } });
const verify = (s: Session, code: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/me/email/verify', headers: { ...s.headers, ...headers }, payload: { code } });
const state = async (s: Session) => EmailOnFile.parse((await t.app.inject({ method: 'GET', url: '/api/v1/me/email', headers: { cookie: s.cookie } })).json());

/** The codes sent to an address, newest first (read from the message as the mailbox would get it). */
async function codesSentTo(email: string): Promise<string[]> {
  const found = await t.ctx.database.query<{ body: string; channel: string }>(
    "SELECT body, channel FROM notifications WHERE recipient = $1 AND template_id = 'identity.email-verify' ORDER BY seq DESC",
    [email.toLowerCase()],
  );
  for (const m of found) expect(m.channel).toBe('email');
  return found.map((m) => /(\d{6})/.exec(m.body)![1]!);
}
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

const countRows = async (table: 'events' | 'audit', citizenId: string, action: string) => {
  const q =
    table === 'events'
      ? 'SELECT count(*)::int AS n FROM events WHERE stream_id = $1 AND action = $2'
      : 'SELECT count(*)::int AS n FROM audit_entries WHERE object_id = $1 AND action = $2';
  if (table === 'audit') await sealAuditNow(t.ctx.database);
  return (await t.ctx.database.query<{ n: number }>(q, [citizenId, action]))[0]!.n;
};

describe('a citizen’s e-mail on file', () => {
  let citizen: Citizen;
  const email = 'Sara.Example@Example.IR';
  beforeAll(async () => {
    citizen = await signInCitizen(t);
  });

  it('sends a code to the address asked for, keeps nothing on file until it comes back, and does not send twice on a retry', async () => {
    const first = await setEmail(citizen, email);
    expect(first.statusCode, first.body).toBe(202);
    const body = EmailOnFile.parse(first.json());
    expect(body).toMatchObject({ email: null, verifiedAt: null, pending: { email: 's***@example.ir' } });
    const again = await setEmail(citizen, email);
    expect(again.json()).toEqual(first.json());
    expect(await codesSentTo(email)).toHaveLength(1);
    // Not yet on file: the e-mail channel cannot reach them.
    const prefs = NotificationPreferences.parse((await t.app.inject({ method: 'GET', url: '/api/v1/me/notification-preferences', headers: { cookie: citizen.cookie } })).json());
    expect(prefs.addresses.email).toBeNull();
    expect(await t.ctx.notify.contactOf(t.ctx.database.db, 'citizen', citizen.id)).toMatchObject({ email: null });
    expect(await countRows('events', citizen.id, 'email_change_requested')).toBe(1);
    expect(await countRows('audit', citizen.id, 'citizen.email_change_request')).toBe(1);
  });

  it('refuses a wrong code, counting it, and changes nothing', async () => {
    const [code] = await codesSentTo(email);
    const res = await verify(citizen, wrong(code!));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'EMAIL_CODE_INVALID', details: { remainingAttempts: 4 } });
    expect((await state(citizen)).email).toBeNull();
    expect(await countRows('audit', citizen.id, 'citizen.email_verify_failed')).toBe(1);
  });

  it('puts the address on file with the right code, in one transaction with its event and audit entry; the e-mail channel then uses it', async () => {
    const [code] = await codesSentTo(email);
    const res = await verify(citizen, code!);
    expect(res.statusCode, res.body).toBe(200);
    expect(EmailOnFile.parse(res.json())).toMatchObject({ email: 's***@example.ir', pending: null });
    expect(res.json().verifiedAt).toBe(t.clock.now().toISOString());
    expect(await countRows('events', citizen.id, 'email_changed')).toBe(1);
    expect(await countRows('audit', citizen.id, 'citizen.email_change')).toBe(1);
    expect(await t.ctx.notify.contactOf(t.ctx.database.db, 'citizen', citizen.id)).toMatchObject({ email: 'sara.example@example.ir' });
    // A message that goes by preference now reaches the mailbox.
    await t.app.inject({ method: 'PUT', url: '/api/v1/me/notification-preferences', headers: citizen.headers, payload: { channels: ['email'] } });
    const hello = defineTemplate({ id: 'test.hello', version: 1, personalisation: z.object({}), channels: { email: { fa: { subject: 'سلام', body: 'سلام' }, en: { subject: 'Hi', body: 'Hi' } } } });
    const ids = await withTransaction(t.ctx.database, (tx) => notify(t.ctx, tx, hello, { to: { person: { type: 'citizen', id: citizen.id } }, personalisation: {} }));
    const [sent] = await t.ctx.database.query<{ recipient: string }>('SELECT recipient FROM notifications WHERE id = $1', [ids[0]]);
    expect(sent?.recipient).toBe('sara.example@example.ir');
  });

  it('refuses the same code again (a replay) and records nothing more; a retry with its Idempotency-Key replays the answer', async () => {
    const [code] = await codesSentTo(email);
    const replay = await verify(citizen, code!);
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe('EMAIL_CODE_INVALID');
    expect(await countRows('events', citizen.id, 'email_changed')).toBe(1);

    const other = address();
    await setEmail(citizen, other);
    const [next] = await codesSentTo(other);
    const key = { 'idempotency-key': `verify-${Date.now()}` };
    const ok = await verify(citizen, next!, key);
    const retried = await verify(citizen, next!, key);
    expect([ok.statusCode, retried.statusCode]).toEqual([200, 200]);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.json()).toEqual(ok.json());
    expect(await countRows('events', citizen.id, 'email_changed')).toBe(2);
  });

  it('is not fooled by someone else’s code', async () => {
    const a = await signInCitizen(t);
    const b = await signInCitizen(t);
    const [ea, eb] = [address(), address()];
    await setEmail(a, ea);
    await setEmail(b, eb);
    const [codeA] = await codesSentTo(ea);
    const [codeB] = await codesSentTo(eb);
    if (codeA !== codeB) {
      const stolen = await verify(b, codeA!);
      expect(stolen.json().error.code).toBe('EMAIL_CODE_INVALID');
    }
    expect((await state(b)).email).toBeNull();
    expect((await verify(a, codeA!)).statusCode).toBe(200);
    expect((await state(b)).email).toBeNull();
    expect(await t.ctx.notify.contactOf(t.ctx.database.db, 'citizen', b.id)).toMatchObject({ email: null });
  });

  it('of 16 verifications at once with the right code, exactly one succeeds', async () => {
    const c = await signInCitizen(t);
    const e = address();
    await setEmail(c, e);
    const [code] = await codesSentTo(e);
    const answers = await Promise.all(Array.from({ length: 16 }, () => verify(c, code!)));
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.statusCode === 400 && r.json().error.code === 'EMAIL_CODE_INVALID')).toHaveLength(15);
    expect(await countRows('events', c.id, 'email_changed')).toBe(1);
    expect(await countRows('audit', c.id, 'citizen.email_change')).toBe(1);
  });

  it('of 16 wrong guesses at once, five are counted and the code is then dead, even the right one', async () => {
    const c = await signInCitizen(t);
    const e = address();
    await setEmail(c, e);
    const [code] = await codesSentTo(e);
    const answers = await Promise.all(Array.from({ length: 16 }, () => verify(c, wrong(code!))));
    const codes = answers.map((r) => r.json().error.code as string);
    expect(codes.filter((x) => x === 'EMAIL_CODE_INVALID')).toHaveLength(5);
    expect(codes.filter((x) => x === 'EMAIL_CODE_TOO_MANY_ATTEMPTS')).toHaveLength(11);
    expect((await verify(c, code!)).json().error.code).toBe('EMAIL_CODE_TOO_MANY_ATTEMPTS');
    expect((await state(c)).email).toBeNull();
  });

  it('a newer address replaces the code sent before; an expired code is refused', async () => {
    const c = await signInCitizen(t);
    const [e1, e2] = [address(), address()];
    await setEmail(c, e1);
    const [old] = await codesSentTo(e1);
    await setEmail(c, e2);
    expect((await verify(c, old!)).json().error.code).toBe('EMAIL_CODE_INVALID');
    t.clock.advance(16 * 60_000);
    const [current] = await codesSentTo(e2);
    const late = await verify(c, current!);
    expect(late.json().error.code).toBe('EMAIL_CODE_EXPIRED');
    expect((await state(c)).email).toBeNull();
  });

  it('refuses an address with a NUL, a CR or LF (header injection), spaces or no domain, and sends nothing', async () => {
    const c = await signInCitizen(t);
    const before = (await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications'))[0]!.n;
    const cases: Array<[unknown, string]> = [
      ['a\u0000@example.ir', 'TEXT_NOT_ALLOWED'],
      ['victim@example.ir\r\nBcc: everyone@example.ir', 'VALIDATION_FAILED'],
      ['victim@example.ir\nSubject: hi', 'VALIDATION_FAILED'],
      ['a b@example.ir', 'VALIDATION_FAILED'],
      ['nobody', 'VALIDATION_FAILED'],
      [`${'a'.repeat(250)}@example.ir`, 'VALIDATION_FAILED'],
      [42, 'VALIDATION_FAILED'],
    ];
    for (const [email, code] of cases) {
      const res = await setEmail(c, email);
      expect(res.statusCode, JSON.stringify(email)).toBe(400);
      expect(res.json().error.code, JSON.stringify(email)).toBe(code);
    }
    const crlf = await t.app.inject({ method: 'PUT', url: '/api/v1/me/email', headers: { ...c.headers, 'accept-language': 'en' }, payload: { email: 'x@example.ir\r\nBcc: y@example.ir' } });
    expect(crlf.json().error.details.fields).toEqual([{ field: 'body.email', code: 'EMAIL_INVALID', message: expect.stringContaining('one line') }]);
    const after = (await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications'))[0]!.n;
    expect(after).toBe(before);
    expect(await state(c)).toEqual({ email: null, verifiedAt: null, pending: null });
  });

  it('limits the codes sent to one address, whoever asks', async () => {
    const victim = address();
    const answers = [];
    for (let i = 0; i < 7; i++) {
      const c = await signInCitizen(t);
      answers.push((await setEmail(c, victim)).statusCode);
    }
    expect(answers).toEqual([202, 202, 202, 202, 202, 429, 429]);
    expect(await codesSentTo(victim)).toHaveLength(5);
  });

  it('belongs to citizens: staff and visitors are refused', async () => {
    const staff = await signInStaff(t, (await buildStaff(t, (await buildAgency(t)).id, ['desk_clerk'])).username);
    expect((await setEmail(staff, address())).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/email' })).statusCode).toBe(401);
  });
});
