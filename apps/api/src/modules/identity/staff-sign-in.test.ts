import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, nextAddress, TEST_PASSWORD } from '../../../test/factories';
import * as org from '../organisation';
import { sealAuditNow } from '../../../test/audit';

/**
 * Staff sign-in under concurrency and without leaks: the attempt is counted before its password
 * is judged, a known and an unknown username are answered alike, the waits grow per username and
 * per address, and a right password in a burst of guesses neither gets in nor clears them.
 */

let t: TestApp;
beforeAll(async () => {
  // A high per-minute limit: this file is about the per-username and per-address delays.
  t = await buildTestApp({ SIGN_IN_RATE_PER_MINUTE: '1000' });
});
afterAll(() => t.close());

const login = (username: string, password: string, remoteAddress = nextAddress()) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username, password }, remoteAddress });
/** Everything a client sees of a refusal except the request id (status, headers that matter, code, message, details). */
const answer = (res: Awaited<ReturnType<typeof login>>) => {
  const { requestId: _ignored, ...error } = res.json().error;
  return { status: res.statusCode, cookie: res.headers['set-cookie'] ?? null, error };
};
const auditActions = async (staffId: string) => {
  await sealAuditNow(t.ctx.database);
  return (await t.ctx.database.query<{ action: string }>('SELECT action FROM audit_entries WHERE object_id = $1 ORDER BY id', [staffId])).map((a) => a.action);
};

async function account() {
  const agency = await buildAgency(t);
  return buildStaff(t, agency.id, ['desk_clerk']);
}

describe('a known and an unknown username', () => {
  it('get byte-for-byte the same answers, step by step, through the waits', async () => {
    const known = await account();
    const unknown = `nobody.${known.username}`;
    for (let i = 0; i < 8; i++) {
      const a = answer(await login(known.username, `wrong-password-${i}`));
      const b = answer(await login(unknown, `wrong-password-${i}`));
      expect(b, `attempt ${i + 1}`).toEqual(a);
      if (i >= 4) {
        // Waiting: refused without looking at the password, alike for both.
        expect(answer(await login(known.username, TEST_PASSWORD))).toEqual(answer(await login(unknown, TEST_PASSWORD)));
        t.clock.advance(a.error.details.retryAfterSeconds * 1000);
      }
    }
  });

  it('are both answered 401 with when to try again, never 423', async () => {
    const known = await account();
    const seen = new Set<number>();
    for (let i = 0; i < 6; i++) seen.add((await login(known.username, 'wrong-password-1')).statusCode);
    for (let i = 0; i < 6; i++) seen.add((await login('no.such.user', 'wrong-password-1')).statusCode);
    expect([...seen].sort()).toEqual([401, 429]);
  });
});

describe('growing delays', () => {
  it('after five failures each further one doubles the wait, up to LOGIN_LOCK_MINUTES', async () => {
    const s = await account();
    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      const res = await login(s.username, 'wrong-password-1');
      expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
      const wait = res.json().error.details.retryAfterSeconds as number;
      waits.push(wait);
      t.clock.advance(wait * 1000);
    }
    expect(waits).toEqual([0, 0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900]);
  });

  it('refuses the right password during the wait, and lets it in after; a success ends the streak', async () => {
    const s = await account();
    for (let i = 0; i < 5; i++) await login(s.username, 'wrong-password-1');
    const refused = await login(s.username, TEST_PASSWORD);
    expect(answer(refused)).toMatchObject({ status: 429, cookie: null, error: { code: 'SIGN_IN_DELAYED', details: { retryAfterSeconds: 2 } } });
    t.clock.advance(2_000);
    expect((await login(s.username, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await org.findStaff(t.ctx.database.db, s.id))!).toMatchObject({ failedLogins: 0, lockedUntil: null });
    for (let i = 0; i < 4; i++) expect((await login(s.username, 'wrong-password-1')).json().error.details.retryAfterSeconds).toBe(0);
  });

  it('forgets a streak after a day without failures', async () => {
    const s = await account();
    for (let i = 0; i < 4; i++) await login(s.username, 'wrong-password-1');
    t.clock.advance(24 * 3_600_000 + 1);
    expect((await login(s.username, 'wrong-password-1')).json().error.details.retryAfterSeconds).toBe(0);
  });

  it('holds per address too: guesses at many usernames from one address make it wait, other addresses not', async () => {
    const limited = await buildTestApp({ SIGN_IN_RATE_PER_MINUTE: '1000', LOGIN_DELAY_AFTER_PER_ADDRESS: '3' });
    try {
      const agency = await buildAgency(limited);
      const victim = await buildStaff(limited, agency.id);
      const from = (username: string, password: string, remoteAddress: string) =>
        limited.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username, password }, remoteAddress });
      for (const name of ['a.one', 'b.two', 'c.three']) expect((await from(name, 'wrong-password-1', '203.0.113.9')).statusCode).toBe(401);
      const refused = await from(victim.username, TEST_PASSWORD, '203.0.113.9');
      expect([refused.statusCode, refused.json().error.code]).toEqual([429, 'SIGN_IN_DELAYED']);
      expect((await from(victim.username, TEST_PASSWORD, '203.0.113.10')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('a burst of concurrent guesses', () => {
  it('sixteen at once with the right password last: five are judged, the rest refused, and the right one does not get in', async () => {
    const s = await account();
    const address = nextAddress();
    const burst = [...Array.from({ length: 15 }, (_, i) => `wrong-password-${i}`), TEST_PASSWORD];
    const results = await Promise.all(burst.map((password) => login(s.username, password, address)));
    const last = results.at(-1)!;
    expect(last.statusCode).not.toBe(200);
    expect(last.headers['set-cookie']).toBeUndefined();
    expect(results.filter((r) => r.statusCode === 401)).toHaveLength(5);
    expect(results.filter((r) => r.statusCode === 429)).toHaveLength(11);
    expect(await t.ctx.database.query("SELECT 1 FROM sessions WHERE subject_id = $1", [s.id])).toEqual([]);
    // Counted once each, marked waiting once.
    expect((await org.findStaff(t.ctx.database.db, s.id))!.failedLogins).toBe(5);
    const actions = await auditActions(s.id);
    expect(actions.filter((a) => a === 'staff.sign_in_delayed')).toHaveLength(1);
    expect(actions.filter((a) => a === 'staff.login_failed')).toHaveLength(4);
    expect(actions).not.toContain('staff.sign_in');
  });

  it('sixteen at once at an unknown username are answered like those at a known one', async () => {
    const s = await account();
    const burst = (username: string) => Promise.all(Array.from({ length: 16 }, (_, i) => login(username, `wrong-password-${i}`)));
    const summary = (rs: Awaited<ReturnType<typeof burst>>) => rs.map((r) => JSON.stringify(answer(r))).sort();
    expect(summary(await burst(`ghost.${s.username}`))).toEqual(summary(await burst(s.username)));
  });
});

describe('an administrator’s unlock', () => {
  it('clears the failures through org.resetLoginFailures', async () => {
    const s = await account();
    for (let i = 0; i < 6; i++) await login(s.username, 'wrong-password-1');
    expect((await org.findStaff(t.ctx.database.db, s.id))!.lockedUntil).not.toBeNull();
    await org.resetLoginFailures(t.ctx.database.db, s.id);
    expect((await login(s.username, TEST_PASSWORD)).statusCode).toBe(200);
  });
});
