import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { deliveredCode, nextAddress, randomMobile, randomNationalCode, registerMobile, signInCitizen } from '../../../test/factories';
import { maskMobile } from '@dargah/persian';
import { sealAuditNow } from '../../../test/audit';

/**
 * Citizen sign-in proves that the mobile belongs to the national code (the mobile-ownership
 * registry, شاهکار, here its simulator): the takeover attempt of someone who knows a victim's
 * national code, a mobile change with and without a match, the registry's silence, and the limits
 * per national code, per mobile and per address.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const requestCode = (nationalCode: string, mobile: string, remoteAddress = nextAddress(), app = t.app) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/citizen/otp', payload: { nationalCode, mobile }, remoteAddress });
const verify = (challengeId: string, code: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/citizen/verify', payload: { challengeId, code }, remoteAddress: nextAddress() });
const q = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => t.ctx.database.query<T>(text, params);
const textsTo = async (mobile: string) => {
  await t.ctx.runner!.runDue();
  return q<{ body: string; purpose: string }>("SELECT body, template_id AS purpose FROM notifications WHERE recipient = $1 AND channel = 'sms' ORDER BY seq", [mobile]);
};
const storedMobile = async (nationalCode: string) =>
  (await q<{ mobile: string }>('SELECT mobile FROM citizens WHERE national_code = $1', [nationalCode]))[0]?.mobile;
/** The answer without its request id, which differs for every request. */
const answer = (res: { statusCode: number; json(): { error: { requestId?: string } } }) => {
  const { requestId: _ignored, ...error } = res.json().error;
  return { status: res.statusCode, error };
};
/** Someone else's SIM: registered to another national code. */
async function someoneElsesMobile(): Promise<string> {
  const mobile = randomMobile();
  await registerMobile(t, randomNationalCode(), mobile);
  return mobile;
}

describe('an attacker who knows the victim’s national code', () => {
  it('is refused for any other number, and no code is sent or mobile changed', async () => {
    const victim = await signInCitizen(t);
    const attackersOwn = await someoneElsesMobile();
    const res = await requestCode(victim.nationalCode, attackersOwn);
    expect(answer(res)).toEqual({
      status: 400,
      error: { code: 'MOBILE_NOT_OWNED', message: expect.stringContaining('به نام دارندهٔ این کد ملی ثبت نشده'), details: {} },
    });
    expect(await textsTo(attackersOwn)).toEqual([]);
    expect(await q('SELECT 1 FROM otp_challenges WHERE national_code = $1 AND mobile = $2', [victim.nationalCode, attackersOwn])).toEqual([]);
    expect(await storedMobile(victim.nationalCode)).toBe(victim.mobile);
await sealAuditNow(t.ctx.database);
    const [refusal] = await q<{ details: Record<string, unknown>; actor_type: string }>(
      "SELECT details, actor_type FROM audit_entries WHERE action = 'citizen.otp_refused' AND details->>'mobile' = $1 ORDER BY seq DESC LIMIT 1",
      [maskMobile(attackersOwn)],
    );
    expect(refusal).toMatchObject({ actor_type: 'anonymous', details: { outcome: 'no_match', registryReference: expect.stringMatching(/^sim-/) } });
    // The victim's own number still works, and the account is the same one.
    const again = await signInCitizen(t, victim.nationalCode, victim.mobile);
    expect(again.id).toBe(victim.id);
  });

  it('gets one answer whether the number is someone else’s or nobody’s, and whether the national code has an account or not', async () => {
    const victim = await signInCitizen(t);
    const stranger = randomNationalCode(); // no Dargah account, unknown to the registry
    const taken = await someoneElsesMobile();
    const unissued = randomMobile();
    const answers = [
      await requestCode(victim.nationalCode, taken),
      await requestCode(victim.nationalCode, unissued),
      await requestCode(stranger, taken),
      await requestCode(stranger, unissued),
    ].map(answer);
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ status: 400, error: { code: 'MOBILE_NOT_OWNED' } });
await sealAuditNow(t.ctx.database);
    const outcomes = await q<{ outcome: string }>(
      "SELECT details->>'outcome' AS outcome FROM audit_entries WHERE action = 'citizen.otp_refused' ORDER BY seq DESC LIMIT 4",
    );
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['no_match', 'no_match', 'not_found', 'not_found']);
  });

  it('cannot use a code that was sent without a registry match (left over from before matches were required)', async () => {
    const victim = await signInCitizen(t);
    const attackersOwn = await someoneElsesMobile();
    const id = randomUUID();
    const codeHash = createHash('sha256').update(`${id}:123456`).digest('hex');
    await q(
      "INSERT INTO otp_challenges (id, national_code, mobile, code_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, now() + interval '1 hour', now())",
      [id, victim.nationalCode, attackersOwn, codeHash],
    );
    const res = await verify(id, '123456');
    expect(answer(res)).toMatchObject({ status: 400, error: { code: 'OTP_EXPIRED' } });
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await storedMobile(victim.nationalCode)).toBe(victim.mobile);
  });
});

describe('a change of mobile', () => {
  it('happens only through a verified match: recorded, audited with both numbers masked, and told to the old number', async () => {
    const person = await signInCitizen(t);
    const newSim = randomMobile();
    await registerMobile(t, person.nationalCode, newSim); // the person's new SIM, registered to them
    const after = await signInCitizen(t, person.nationalCode, newSim);
    expect(after.id).toBe(person.id);
    const profile = await t.app.inject({ url: '/api/v1/me/profile', headers: { cookie: after.cookie } });
    expect(profile.json()).toMatchObject({ mobile: newSim });

    const change = { from: maskMobile(person.mobile), to: maskMobile(newSim), registryReference: expect.stringMatching(/^sim-/) };
    const [event] = await q<{ payload: unknown; actor_id: string }>("SELECT payload, actor_id FROM events WHERE stream_id = $1 AND action = 'mobile_changed'", [person.id]);
    expect(event).toEqual({ payload: change, actor_id: person.id });
await sealAuditNow(t.ctx.database);
    const [entry] = await q<{ details: Record<string, unknown> }>("SELECT details FROM audit_entries WHERE object_id = $1 AND action = 'citizen.mobile_changed'", [person.id]);
    expect(entry!.details).toEqual(change);
    expect(JSON.stringify(entry!.details)).not.toContain(person.mobile);
    expect(JSON.stringify(entry!.details)).not.toContain(newSim);

    const notice = (await textsTo(person.mobile)).filter((m) => m.purpose === 'identity.mobile-changed');
    expect(notice).toHaveLength(1);
    expect(notice[0]!.body).toContain('۰۹۱۲***');
    expect((await textsTo(newSim)).map((m) => m.purpose)).toEqual(['identity.otp']);
  });

  it('does not happen when the new number is not registered to the person, and nothing is recorded', async () => {
    const person = await signInCitizen(t);
    const other = await someoneElsesMobile();
    expect((await requestCode(person.nationalCode, other)).statusCode).toBe(400);
    expect(await storedMobile(person.nationalCode)).toBe(person.mobile);
    expect(await q("SELECT 1 FROM events WHERE stream_id = $1 AND action = 'mobile_changed'", [person.id])).toEqual([]);
    expect((await textsTo(person.mobile)).map((m) => m.purpose)).toEqual(['identity.otp']);
  });

  it('follows the SIM: a number passed on to a new owner no longer signs the old owner in', async () => {
    const first = await signInCitizen(t);
    await registerMobile(t, randomNationalCode(), first.mobile); // the operator reissued the number
    expect(answer(await requestCode(first.nationalCode, first.mobile))).toMatchObject({ status: 400, error: { code: 'MOBILE_NOT_OWNED' } });
  });
});

describe('when the registry does not answer', () => {
  it('sends nothing and says so (503), and its silence does not count against the person', async () => {
    // An app process that waits 200 ms for the registry, over the same database.
    const impatient = await buildTestApp({ SHAHKAR_TIMEOUT_MS: '200' }, t);
    onTestFinished(() => impatient.close());
    const nationalCode = randomNationalCode();
    const own = randomMobile();
    await registerMobile(t, nationalCode, own);
    for (let i = 0; i < 6; i++) {
      const silent = `099999999${80 + i}`;
      const res = await requestCode(nationalCode, silent, nextAddress(), impatient.app);
      expect(answer(res)).toEqual({
        status: 503,
        error: { code: 'MOBILE_REGISTRY_UNAVAILABLE', message: expect.stringContaining('شاهکار'), details: { retryAfterSeconds: 60 } },
      });
      expect(await textsTo(silent)).toEqual([]);
    }
    expect(await q('SELECT 1 FROM otp_challenges WHERE national_code = $1', [nationalCode])).toEqual([]);
    expect((await requestCode(nationalCode, own)).statusCode).toBe(201);
  });

  it('is reported at /readyz as a simulator', async () => {
    expect((await t.app.inject({ url: '/readyz' })).json().simulators).toContain('shahkar');
  });
});

describe('limits on one-time codes', () => {
  it('one mobile targeted from many national codes: no text at all, and the probing stops after five', async () => {
    const owner = randomNationalCode();
    const target = randomMobile();
    await registerMobile(t, owner, target);
    const results = await Promise.all(Array.from({ length: 16 }, () => requestCode(randomNationalCode(), target)));
    const codes = results.map((r) => r.json<{ error: { code: string } }>().error.code);
    expect(codes.filter((c) => c === 'MOBILE_NOT_OWNED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'OTP_TOO_MANY_REQUESTS')).toHaveLength(11);
    expect(results.find((r) => r.statusCode === 429)!.json().error.details).toEqual({ retryAfterSeconds: 3600 });
    expect(await textsTo(target)).toEqual([]);
    // The price of bounding the probing: the owner waits for the hour to pass, then signs in.
    expect((await requestCode(owner, target)).statusCode).toBe(429);
    t.clock.advance(3_600_000);
    const ok = await requestCode(owner, target);
    expect(ok.statusCode).toBe(201);
    expect(await deliveredCode(t, target)).toMatch(/^\d{6}$/);
  });

  it('the same right request sixteen times at once sends three codes, to one phone', async () => {
    const nationalCode = randomNationalCode();
    const mobile = randomMobile();
    await registerMobile(t, nationalCode, mobile);
    const results = await Promise.all(Array.from({ length: 16 }, () => requestCode(nationalCode, mobile)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([...Array(3).fill(201), ...Array(13).fill(429)]);
    expect(await textsTo(mobile)).toHaveLength(3);
  });

  it('limits texts per mobile whichever national code asks', async () => {
    const mobile = randomMobile();
    const owner = randomNationalCode();
    await registerMobile(t, owner, mobile);
    for (let i = 0; i < 3; i++) expect((await requestCode(owner, mobile)).statusCode).toBe(201);
    expect(answer(await requestCode(owner, mobile))).toMatchObject({ status: 429, error: { code: 'OTP_TOO_MANY_REQUESTS', details: { retryAfterSeconds: 600 } } });
    t.clock.advance(600_000);
    expect((await requestCode(owner, mobile)).statusCode).toBe(201);
  });

  it('takes Persian and Arabic digits, and refuses a NUL character with a coded answer and no text', async () => {
    const nationalCode = randomNationalCode();
    const mobile = randomMobile();
    await registerMobile(t, nationalCode, mobile);
    const arabic = nationalCode.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);
    const persianMobile = mobile.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    expect((await requestCode(arabic, persianMobile)).statusCode).toBe(201);
    const nul = await requestCode(`${nationalCode}\u0000`, mobile);
    expect(answer(nul)).toMatchObject({ status: 400, error: { code: 'TEXT_NOT_ALLOWED' } });
    expect(await textsTo(mobile)).toHaveLength(1);
  });
});
