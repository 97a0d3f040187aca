import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import {
  buildAgency,
  buildStaff,
  nextAddress,
  randomMobile,
  signInStaff,
  TEST_PASSWORD,
  type Session,
} from '../../../test/factories';
import { sealAuditNow } from '../../../test/audit';

/**
 * A password reset: the administrator sends a one-time code to the staff member's mobile, and the
 * staff member sets a new password with it. The code is single use, expires, is cancelled by a
 * newer one, and of 16 simultaneous uses exactly one succeeds.
 */
let t: TestApp;
beforeAll(async () => {
  // The clock moves past codes' expiry; the administrator's session must outlive it.
  t = await buildTestApp({ PUBLIC_BASE_URL: 'https://dargah.example.ir/', SESSION_IDLE_MINUTES: '600' });
});
afterAll(() => t.close());

const V1 = '/api/v1';
const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: V1 + url, payload, headers, remoteAddress: nextAddress() });
const reset = (code: string, password: string) => post('/auth/staff/reset-password', { code, password });
const login = (username: string, password: string) => post('/auth/staff/login', { username, password });

let agency: Awaited<ReturnType<typeof buildAgency>>;
let admin: Session & { id: string };
beforeAll(async () => {
  agency = await buildAgency(t);
  const a = await buildStaff(t, agency.id, ['agency_admin'], { mobile: randomMobile() });
  admin = { ...(await signInStaff(t, a.username)), id: a.id };
});

/** The code in the latest reset message to `mobile`, and the message. */
async function sentCode(mobile: string): Promise<{ code: string; body: string }> {
  await t.ctx.runner!.runDue();
  const [msg] = await t.ctx.database.query<{ body: string }>(
    "SELECT body FROM notifications WHERE recipient = $1 AND channel = 'sms' AND template_id = 'identity.password-reset' ORDER BY seq DESC LIMIT 1",
    [mobile],
  );
  const code = /code=([0-9A-Z]{16})/.exec(msg?.body ?? '')?.[1];
  if (!code) throw new Error(`no reset code sent to ${mobile}`);
  return { code, body: msg!.body };
}

async function staffWithMobile() {
  const mobile = randomMobile();
  const s = await buildStaff(t, agency.id, ['desk_clerk'], { mobile });
  return { ...s, mobile };
}

const NEW_PASSWORD = 'Tazeh-ramz-1405';

describe('password reset', () => {
  it('sends a code the administrator never sees; using it sets the password, ends every session and is recorded', async () => {
    const s = await staffWithMobile();
    const session = await signInStaff(t, s.username);
    const sent = await post(`/admin/staff/${s.id}/password-reset`, {}, admin.headers);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toEqual({
      sentTo: `${s.mobile.slice(0, 4)}***${s.mobile.slice(-4)}`,
      expiresAt: new Date(t.clock.now().getTime() + 30 * 60_000).toISOString(),
    });
    const { code, body } = await sentCode(s.mobile);
    expect(body).toContain(`https://dargah.example.ir/staff/reset-password?code=${code}`);
    expect(body).toContain(code.match(/.{4}/g)!.join('-'));
    expect(sent.body).not.toContain(code);
    const [row] = await t.ctx.database.query<{ code_hash: string }>(
      'SELECT code_hash FROM staff_password_resets WHERE staff_id = $1',
      [s.id],
    );
    expect(row!.code_hash).toMatch(/^[0-9a-f]{64}$/);
await sealAuditNow(t.ctx.database);
    expect(
      JSON.stringify(await t.ctx.database.query('SELECT details FROM audit_entries WHERE object_id = $1', [s.id])),
    ).not.toContain(code);

    // A weak password is refused at its field and leaves the code usable.
    const weak = await reset(code, 'short1');
    expect([weak.statusCode, weak.json().error.code, weak.json().error.details.field]).toEqual([
      400,
      'PASSWORD_TOO_SHORT',
      'password',
    ]);
    const mine = await reset(code, `x-${s.username}-1`);
    expect(mine.json().error.code).toBe('PASSWORD_CONTAINS_USERNAME');

    // Typed as a person might: lowercase, in groups, with Persian digits.
    const typed = code
      .toLowerCase()
      .match(/.{4}/g)!
      .join(' - ')
      .replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    const ok = await reset(typed, NEW_PASSWORD);
    expect([ok.statusCode, ok.json()]).toEqual([200, { reset: true }]);
    expect((await t.app.inject({ url: `${V1}/auth/session`, headers: { cookie: session.cookie } })).statusCode).toBe(
      401,
    );
    expect((await login(s.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(s.username, NEW_PASSWORD)).statusCode).toBe(200);
await sealAuditNow(t.ctx.database);
    const actions = await t.ctx.database.query<{ action: string; actor_id: string }>(
      "SELECT action, actor_id FROM audit_entries WHERE object_id = $1 AND action LIKE 'staff.password%' ORDER BY seq",
      [s.id],
    );
    expect(actions).toEqual([
      { action: 'staff.password_reset_send', actor_id: admin.id },
      { action: 'staff.password_reset', actor_id: s.id },
    ]);

    // Used once: never again.
    const again = await reset(code, 'Digar-ramz-1406');
    expect([again.statusCode, again.json().error.code]).toEqual([400, 'RESET_CODE_INVALID']);
  });

  it('refuses a wrong code, an expired one and one cancelled by a newer code, changing nothing', async () => {
    const s = await staffWithMobile();
    expect((await reset('0000-0000-0000-0000', NEW_PASSWORD)).json().error.code).toBe('RESET_CODE_INVALID');
    for (const junk of ['short', 'ABCD-EFGH-IJKL-MNOP', 'ABCDEFGHJKMNPQRS\u0000', 'x'.repeat(65)]) {
      const res = await reset(junk, NEW_PASSWORD);
      expect([res.statusCode, res.json().error.code], junk).toEqual([400, junk.includes('\u0000') ? 'TEXT_NOT_ALLOWED' : 'VALIDATION_FAILED']);
    }
    await post(`/admin/staff/${s.id}/password-reset`, {}, admin.headers);
    const first = (await sentCode(s.mobile)).code;
    t.clock.advance(60_000);
    await post(`/admin/staff/${s.id}/password-reset`, {}, admin.headers);
    const second = (await sentCode(s.mobile)).code;
    expect((await reset(first, NEW_PASSWORD)).json().error.code).toBe('RESET_CODE_INVALID');
    t.clock.advance(30 * 60_000);
    const expired = await reset(second, NEW_PASSWORD);
    expect([expired.statusCode, expired.json().error.code]).toEqual([400, 'RESET_CODE_EXPIRED']);
    expect((await login(s.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('lets exactly one of 16 simultaneous uses of one code succeed', async () => {
    const s = await staffWithMobile();
    await post(`/admin/staff/${s.id}/password-reset`, {}, admin.headers);
    const { code } = await sentCode(s.mobile);
    const all = await Promise.all(Array.from({ length: 16 }, (_, i) => reset(code, `${NEW_PASSWORD}-${i}`)));
    const won = all.filter((r) => r.statusCode === 200);
    expect(won).toHaveLength(1);
    expect(
      new Set(all.filter((r) => r.statusCode !== 200).map((r) => r.json<{ error: { code: string } }>().error.code)),
    ).toEqual(new Set(['RESET_CODE_INVALID']));
    const winner = all.indexOf(won[0]!);
    expect((await login(s.username, `${NEW_PASSWORD}-${winner}`)).statusCode).toBe(200);
await sealAuditNow(t.ctx.database);
    const recorded = await t.ctx.database.query(
      "SELECT 1 FROM audit_entries WHERE object_id = $1 AND action = 'staff.password_reset'",
      [s.id],
    );
    expect(recorded).toHaveLength(1);
  });

  it('is refused without a mobile, for oneself, for an inactive account, for another agency, and past five an hour', async () => {
    const noMobile = await buildStaff(t, agency.id, ['desk_clerk']);
    const r1 = await post(`/admin/staff/${noMobile.id}/password-reset`, {}, admin.headers);
    expect([r1.statusCode, r1.json().error.code]).toEqual([409, 'STAFF_NO_MOBILE']);
    const r2 = await post(`/admin/staff/${admin.id}/password-reset`, {}, admin.headers);
    expect([r2.statusCode, r2.json().error.code]).toEqual([403, 'OWN_ACCOUNT_LOCKED']);
    const other = await buildAgency(t);
    const foreign = await buildStaff(t, other.id, [], { mobile: randomMobile() });
    const r3 = await post(`/admin/staff/${foreign.id}/password-reset`, {}, admin.headers);
    expect([r3.statusCode, r3.json().error.code]).toEqual([404, 'STAFF_NOT_FOUND']);

    const s = await staffWithMobile();
    await post(`/admin/staff/${s.id}/password-reset`, {}, admin.headers);
    const { code } = await sentCode(s.mobile);
    await post(`/admin/staff/${s.id}/deactivate`, {}, admin.headers);
    expect((await reset(code, NEW_PASSWORD)).json().error.code).toBe('RESET_CODE_INVALID');
    const r4 = await post(`/admin/staff/${s.id}/password-reset`, {}, admin.headers);
    expect([r4.statusCode, r4.json().error.code]).toEqual([409, 'STAFF_INACTIVE']);
    await post(`/admin/staff/${s.id}/reactivate`, {}, admin.headers);
    // One code was sent already this hour; four more, then refused.
    for (let i = 0; i < 4; i++)
      expect((await post(`/admin/staff/${s.id}/password-reset`, {}, admin.headers)).statusCode).toBe(200);
    const r5 = await post(`/admin/staff/${s.id}/password-reset`, {}, admin.headers);
    expect([r5.statusCode, r5.json().error.code]).toEqual([429, 'PASSWORD_RESET_TOO_MANY']);
  });

  it('limits guesses per address: past the sign-in rate a minute, the address is refused (429) whatever the code', async () => {
    const guess = (i: number) =>
      t.app.inject({
        method: 'POST',
        url: `${V1}/auth/staff/reset-password`,
        payload: { code: `${String(i).padStart(4, '0')}-0000-0000-0000`, password: NEW_PASSWORD },
        remoteAddress: '10.99.0.1',
      });
    const answers = [];
    for (let i = 0; i < 21; i++) answers.push((await guess(i)).statusCode);
    expect(answers.slice(0, 20)).toEqual(Array(20).fill(400));
    expect(answers[20]).toBe(429);
  });
});
