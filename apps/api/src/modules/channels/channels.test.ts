import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { sealAuditNow } from '../../../test/audit';
import { DESK_FORM, buildDeskService, persianDigits } from '../../../test/desk';
import { buildAgency, buildStaff, nextAddress, randomMobile, randomNationalCode, registerMobile, signInCitizen, signInStaff, type Session } from '../../../test/factories';

/*
 * Counter submissions with the citizen's one-time code as consent, walk-in requests at an agency's
 * in-person desk, and the agency's oversight of the counters' work: each request attributed to its
 * channel, office or unit and staff member, in the submission's transaction.
 */
let t: TestApp;
const s: Record<string, Session & { id?: string }> = {};
const ids: Record<string, string> = {};
let agencyA: string;
let agencyB: string;

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who?: Session, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { ...(who?.headers ?? {}), ...headers }, remoteAddress: nextAddress(), ...(payload ? { payload } : {}) });

/** The consent code the SMS simulator delivered to a mobile. */
async function consentCode(mobile: string): Promise<string> {
  await t.ctx.runner!.runDue();
  const [msg] = await t.ctx.database.query<{ body: string }>(
    "SELECT body FROM notifications WHERE recipient = $1 AND channel = 'sms' AND template_id = 'channels.consent-code' ORDER BY seq DESC LIMIT 1",
    [mobile],
  );
  const code = /(\d{6})/.exec(msg?.body ?? '')?.[1];
  if (!code) throw new Error(`no consent code delivered to ${mobile}`);
  return code;
}

/** A citizen whose mobile the registry matches, and a consent the operator started for them. */
async function consentFor(who: Session, path = '/counter/consents', extra: object = {}) {
  const citizen = { nationalCode: randomNationalCode(), mobile: randomMobile() };
  await registerMobile(t, citizen.nationalCode, citizen.mobile);
  const res = await call('POST', path, who, { ...citizen, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return { ...citizen, consentId: res.json<{ consentId: string }>().consentId, code: await consentCode(citizen.mobile) };
}

const form = { reason: 'ارائه به بانک' };
const submit = (who: Session, c: { consentId: string; code: string }, serviceId = ids.delegated!, extra: object = {}, headers: Record<string, string> = {}) =>
  call('POST', '/counter/requests', who, { consentId: c.consentId, code: c.code, serviceId, form, ...extra }, headers);

beforeAll(async () => {
  t = await buildTestApp({ OTP_SENDS_PER_10_MINUTES: '1000' });
  agencyA = (await buildAgency(t, { nameFa: 'ادارهٔ ثبت الف' })).id;
  agencyB = (await buildAgency(t, { nameFa: 'ادارهٔ ثبت ب' })).id;
  ids.delegated = await buildDeskService(t, agencyA, 'گواهی پیشخوانی');
  ids.notDelegated = await buildDeskService(t, agencyA, 'گواهی حضوری');
  ids.ofB = await buildDeskService(t, agencyB, 'گواهی دستگاه ب');
  const [unit] = await t.ctx.database.query<{ id: string }>(
    "INSERT INTO org_units (agency_id, name_fa, kind, created_at, updated_at) VALUES ($1, 'واحد پذیرش', 'operational', now(), now()) RETURNING id",
    [agencyA],
  );
  ids.unit = unit!.id;
  const mk = async (name: string, agencyId: string, roles: Parameters<typeof buildStaff>[2]) => {
    const st = await buildStaff(t, agencyId, roles);
    s[name] = { ...(await signInStaff(t, st.username)), id: st.id };
  };
  await mk('central', agencyA, ['central_reviewer']);
  await mk('platform', agencyA, ['platform_admin']);
  await mk('adminA', agencyA, ['agency_admin']);
  await mk('adminB', agencyB, ['agency_admin']);
  await mk('managerA', agencyA, ['unit_manager']);
  await mk('clerkA', agencyA, [{ role: 'desk_clerk', unitId: ids.unit }]);
  await mk('clerkB', agencyB, ['desk_clerk']);
  for (const op of ['op1', 'op2', 'op3', 'opLoose']) await mk(op, agencyA, ['counter_operator']);
  await mk('notOperator', agencyA, []);
  const office = async (code: string, name: string) =>
    (await call('POST', '/offices', s.central, { kind: 'counter', code, name, province: 'تهران', address: 'تهران، خیابان آزادی، پلاک ۱' })).json<{ id: string; version: number }>();
  const o1 = await office('51001', 'دفتر پیشخوان آزادی');
  const o2 = await office('51002', 'دفتر پیشخوان انقلاب');
  ids.office1 = o1.id;
  ids.office2 = o2.id;
  for (const [officeId, serviceId] of [[o1.id, ids.delegated], [o2.id, ids.delegated]] as const)
    expect((await call('PUT', `/offices/${officeId}/services/${serviceId}`, s.adminA)).statusCode).toBe(200);
  for (const [op, officeId] of [['op1', o1.id], ['op2', o1.id], ['op3', o2.id]] as const)
    expect((await call('PUT', `/offices/${officeId}/operators/${s[op]!.id}`, s.central)).statusCode).toBe(200);
});
afterAll(() => t?.close());

describe('a counter operator submits for a citizen with their one-time code', () => {
  it('the request is the citizen’s (in their requests, receipt by SMS), recorded as the counter’s, with the operator and the office', async () => {
    const c = await consentFor(s.op1!);
    const res = await submit(s.op1!, { consentId: c.consentId, code: persianDigits(c.code) });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json<{ id: string; trackingCode: string; status: string; history: Array<{ action: string; actorLabel: string }> }>();
    expect(r.status).toBe('submitted');
    expect(r.history[0]!.actorLabel).toBe('اپراتور دفتر پیشخوان');
    const [row] = await t.ctx.database.query<{ channel: string; office_id: string; staff_id: string; identity_check: string; consent_id: string }>('SELECT * FROM request_channels WHERE request_id = $1', [r.id]);
    expect(row).toMatchObject({ channel: 'counter', office_id: ids.office1, staff_id: s.op1!.id, identity_check: 'otp', consent_id: c.consentId });
    const [event] = await t.ctx.database.query<{ actor_type: string; actor_id: string; payload: Record<string, unknown> }>("SELECT actor_type, actor_id, payload FROM events WHERE stream_type = 'service_request' AND stream_id = $1", [r.id]);
    expect(event).toMatchObject({ actor_type: 'staff', actor_id: s.op1!.id, payload: { channel: 'counter', officeId: ids.office1, actedAs: 'counter_operator' } });
    await sealAuditNow(t.ctx.database);
    const audits = await t.ctx.database.query<{ action: string; details: Record<string, unknown> }>("SELECT action, details FROM audit_entries WHERE object_id = $1 OR object_id = $2 ORDER BY seq", [r.id, c.consentId]);
    expect(audits.map((a) => a.action)).toEqual(['channel_consent.request', 'service_request.submit']);
    expect(audits[1]!.details).toMatchObject({ channel: 'counter', officeId: ids.office1 });

    // The citizen signs in later: the request is theirs.
    const citizen = await signInCitizen(t, c.nationalCode, c.mobile);
    const mine = (await call('GET', '/requests/mine', citizen)).json<{ items: Array<{ trackingCode: string; history: Array<{ actorLabel: string }> }> }>();
    expect(mine.items.map((i) => i.trackingCode)).toEqual([r.trackingCode]);
    const channel = (await call('GET', `/requests/${r.id}/channel`, citizen)).json();
    expect(channel).toMatchObject({ channel: 'counter', officeName: 'دفتر پیشخوان آزادی', identityCheck: 'otp', postal: null });
    const [sms] = await t.ctx.database.query<{ body: string }>("SELECT body FROM notifications WHERE recipient = $1 AND template_id = 'requests.received'", [c.mobile]);
    expect(sms?.body).toContain('کد رهگیری');
    // Another citizen and the operator of another agency's counter see nothing of it.
    expect((await call('GET', `/requests/${r.id}/channel`, await signInCitizen(t))).statusCode).toBe(404);
  });

  it('a retry with the same Idempotency-Key returns the first receipt; one request', async () => {
    const c = await consentFor(s.op1!);
    const key = { 'idempotency-key': `counter-${c.consentId}` };
    const first = await submit(s.op1!, c, ids.delegated, {}, key);
    const again = await submit(s.op1!, c, ids.delegated, {}, key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const [n] = await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM request_channels WHERE consent_id = $1', [c.consentId]);
    expect(n!.n).toBe(1);
  });

  it('a wrong code is counted: after five, even the right one is refused', async () => {
    const c = await consentFor(s.op1!);
    const wrong = String((Number(c.code) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 4; i >= 0; i--) {
      const res = await submit(s.op1!, { ...c, code: wrong });
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'CONSENT_CODE_WRONG', details: { remainingAttempts: i } });
    }
    const right = await submit(s.op1!, c);
    expect(right.json().error.code).toBe('CONSENT_TOO_MANY_ATTEMPTS');
    await sealAuditNow(t.ctx.database);
    const [failed] = await t.ctx.database.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_entries WHERE action = 'channel_consent.code_failed' AND object_id = $1", [c.consentId]);
    expect(failed!.n).toBe(5);
  });

  it('a consent is spent by one request: reusing it, or letting it expire, is refused', async () => {
    const c = await consentFor(s.op1!);
    expect((await submit(s.op1!, c)).statusCode).toBe(201);
    const reused = await submit(s.op1!, c);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('CONSENT_USED');

    const late = await consentFor(s.op1!);
    t.clock.advance(t.ctx.config.OTP_TTL_SECONDS * 1000 + 1);
    const expired = await submit(s.op1!, late);
    expect(expired.json().error.code).toBe('CONSENT_EXPIRED');
  });

  it('another operator’s consent (even at the same office) is not found, and stays usable by its own', async () => {
    const c = await consentFor(s.op1!);
    const other = await submit(s.op2!, c);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('CONSENT_NOT_FOUND');
    expect((await submit(s.op3!, c)).json().error.code).toBe('CONSENT_NOT_FOUND');
    expect((await submit(s.op1!, c)).statusCode).toBe(201);
  });

  it('only services delegated to the operator’s office, G2C, published; the consent survives a refusal', async () => {
    const c = await consentFor(s.op1!);
    const notDelegated = await submit(s.op1!, c, ids.notDelegated);
    expect(notDelegated.statusCode).toBe(403);
    expect(notDelegated.json().error.code).toBe('SERVICE_NOT_DELEGATED');
    expect((await submit(s.op1!, c, ids.ofB)).json().error.code).toBe('SERVICE_NOT_DELEGATED');
    expect((await submit(s.op1!, c, '00000000-0000-4000-8000-000000000000')).json().error.code).toBe('SERVICE_NOT_FOUND');
    const bad = await submit(s.op1!, c, ids.delegated, { form: { reason: 'x'.repeat(101) } });
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect((await submit(s.op1!, c)).statusCode).toBe(201);
    const [n] = await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM request_channels WHERE consent_id = $1', [c.consentId]);
    expect(n!.n).toBe(1);
  });

  it('a mobile not registered to the national code gets no code', async () => {
    const nationalCode = randomNationalCode();
    const mobile = randomMobile();
    await registerMobile(t, randomNationalCode(), mobile);
    const res = await call('POST', '/counter/consents', s.op1, { nationalCode, mobile });
    expect(res.json().error.code).toBe('MOBILE_NOT_OWNED');
    const [sent] = await t.ctx.database.query<{ n: number }>("SELECT count(*)::int AS n FROM notifications WHERE recipient = $1", [mobile]);
    expect(sent!.n).toBe(0);
  });

  it('the operator of an inactive office, an operator with no office and staff without the role enter nothing', async () => {
    const c = await consentFor(s.op3!);
    const office = (await call('GET', `/offices/${ids.office2}`)).json<{ name: string; province: string; address: string; version: number }>();
    const closed = await call('PUT', `/offices/${ids.office2}`, s.central, { name: office.name, province: office.province, address: office.address, active: false, version: office.version });
    expect(closed.statusCode).toBe(200);
    expect((await submit(s.op3!, c)).json().error.code).toBe('COUNTER_OFFICE_INACTIVE');
    expect((await call('POST', '/counter/consents', s.op3, { nationalCode: c.nationalCode, mobile: c.mobile })).json().error.code).toBe('COUNTER_OFFICE_INACTIVE');
    expect((await call('GET', '/counter', s.op3)).json()).toMatchObject({ office: { active: false }, services: [] });
    expect((await call('GET', '/counter', s.opLoose)).json().error.code).toBe('COUNTER_OFFICE_NOT_LINKED');
    expect((await call('POST', '/counter/consents', s.opLoose, { nationalCode: c.nationalCode, mobile: c.mobile })).json().error.code).toBe('COUNTER_OFFICE_NOT_LINKED');
    for (const who of [s.notOperator, s.clerkA, s.adminA]) {
      expect((await call('GET', '/counter', who)).statusCode).toBe(403);
      expect((await submit(who!, c)).statusCode).toBe(403);
    }
    const citizen = await signInCitizen(t);
    expect((await call('GET', '/counter', citizen)).statusCode).toBe(403);
    expect((await call('GET', '/counter')).statusCode).toBe(401);
  });

  it('the desk lists the office’s delegated services with their forms', async () => {
    const desk = (await call('GET', '/counter', s.op1)).json<{ office: { id: string }; services: Array<{ serviceId: string; formSchema: object; postalDelivery: boolean }> }>();
    expect(desk.office.id).toBe(ids.office1);
    expect(desk.services).toMatchObject([{ serviceId: ids.delegated, formSchema: DESK_FORM, postalDelivery: false }]);
  });

  it('refuses NUL and malformed input, storing nothing', async () => {
    const c = await consentFor(s.op1!);
    for (const body of [
      { consentId: c.consentId, code: `${c.code.slice(0, 5)}\u0000`, serviceId: ids.delegated, form },
      { consentId: c.consentId, code: c.code, serviceId: ids.delegated, form: { reason: 'ا\u0000ب' } },
      { consentId: 'not-a-uuid', code: c.code, serviceId: ids.delegated, form },
      { consentId: c.consentId, code: c.code, serviceId: ids.delegated, form, extra: true },
    ]) {
      const res = await call('POST', '/counter/requests', s.op1, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    for (const body of [{ nationalCode: '12345\u000067890', mobile: c.mobile }, { nationalCode: c.nationalCode, mobile: '0912' }]) {
      expect((await call('POST', '/counter/consents', s.op1, body)).statusCode).toBe(400);
    }
    const [n] = await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM channel_consents WHERE id = $1 AND consumed_at IS NOT NULL', [c.consentId]);
    expect(n!.n).toBe(0);
  });

  it('sixteen submissions with one consent at once make one request', async () => {
    const c = await consentFor(s.op1!);
    const answers = await Promise.all(Array.from({ length: 16 }, () => submit(s.op1!, c)));
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.statusCode === 409).map((r) => r.json<{ error: { code: string } }>().error.code)).toEqual(Array(15).fill('CONSENT_USED'));
    const [n] = await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM service_requests r JOIN citizens c ON c.id = r.applicant_id WHERE c.national_code = $1', [c.nationalCode]);
    expect(n!.n).toBe(1);
  });
});

describe('linking counter operators to offices', () => {
  it('only the central organisation links, only staff holding the role; one office each; the role only a platform administrator grants', async () => {
    expect((await call('PUT', `/offices/${ids.office1}/operators/${s.opLoose!.id}`, s.adminA)).statusCode).toBe(403);
    expect((await call('PUT', `/offices/${ids.office1}/operators/${s.notOperator!.id}`, s.central)).json().error.code).toBe('OFFICE_OPERATOR_ROLE_MISSING');
    const grant = await call('POST', `/admin/staff/${s.notOperator!.id}/roles`, s.adminA, { role: 'counter_operator', agencyId: agencyA });
    expect(grant.json().error.code).toBe('ROLE_RESERVED');
    const linked = await call('PUT', `/offices/${ids.office1}/operators/${s.opLoose!.id}`, s.central);
    expect(linked.json().operators).toContain(s.opLoose!.id);
    const unlinked = await call('DELETE', `/offices/${ids.office1}/operators/${s.opLoose!.id}`, s.central);
    expect(unlinked.json().operators).not.toContain(s.opLoose!.id);
    expect((await call('DELETE', `/offices/${ids.office1}/operators/${s.opLoose!.id}`, s.central)).statusCode).toBe(200);
    await sealAuditNow(t.ctx.database);
    const audits = await t.ctx.database.query<{ action: string }>("SELECT action FROM audit_entries WHERE object_id = $1 AND action LIKE '%operator' ORDER BY seq", [ids.office1]);
    expect(audits.map((a) => a.action).slice(-2)).toEqual(['service_office.link_operator', 'service_office.unlink_operator']);
  });
});

describe('the agency oversees the counters’ work on its services', () => {
  it('lists who entered what, when, at which office, filtered by office and Jalali dates, paginated; its administrators and unit managers only', async () => {
    const page = (await call('GET', `/agencies/${agencyA}/counter-work?limit=2`, s.adminA)).json<{ items: Array<Record<string, unknown>>; total: number; nextOffset: number | null; offices: Array<{ id: string }> }>();
    expect(page.total).toBeGreaterThanOrEqual(5);
    expect(page.items).toHaveLength(2);
    expect(page.nextOffset).toBe(2);
    expect(page.items[0]).toMatchObject({ officeId: ids.office1, officeName: 'دفتر پیشخوان آزادی', operatorId: s.op1!.id, serviceTitle: 'گواهی پیشخوانی' });
    expect(page.offices.map((o) => o.id)).toContain(ids.office1);
    const today = page.items[0]!.submittedOnJalali as string;
    const sameDay = (await call('GET', `/agencies/${agencyA}/counter-work?from=${encodeURIComponent(persianDigits(today))}&to=${encodeURIComponent(today)}&limit=100`, s.managerA)).json<{ total: number }>();
    expect(sameDay.total).toBeGreaterThan(0);
    const future = (await call('GET', `/agencies/${agencyA}/counter-work?from=1499/01/01`, s.adminA)).json<{ total: number }>();
    expect(future.total).toBe(0);
    const otherOffice = (await call('GET', `/agencies/${agencyA}/counter-work?officeId=${ids.office2}`, s.adminA)).json<{ total: number }>();
    expect(otherOffice.total).toBe(0);
    expect((await call('GET', `/agencies/${agencyA}/counter-work`, s.adminB)).statusCode).toBe(404);
    expect((await call('GET', `/agencies/${agencyA}/counter-work`, s.clerkA)).statusCode).toBe(403);
    expect((await call('GET', `/agencies/${agencyA}/counter-work`, s.op1)).statusCode).toBe(403);
    expect((await call('GET', `/agencies/${agencyA}/counter-work?from=1403/13/01`, s.adminA)).statusCode).toBe(400);
    expect((await call('GET', `/agencies/${agencyA}/counter-work?officeId=x%00`, s.adminA)).statusCode).toBe(400);
    expect((await call('GET', `/agencies/${agencyB}/counter-work`, s.adminB)).json().total).toBe(0);
  });
});

describe('the in-person desk registers walk-in requests', () => {
  it('with the original national card seen: the person is created if new, the request is in person, at the clerk’s unit, the attestation recorded', async () => {
    const nationalCode = randomNationalCode();
    const res = await call('POST', '/walk-in/requests', s.clerkA, { identity: { method: 'card_seen', nationalCode, attestation: true }, serviceId: ids.notDelegated, form });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json<{ id: string; history: Array<{ actorLabel: string }> }>();
    expect(r.history[0]!.actorLabel).toBe('کارمند پیشخوان دستگاه');
    const [row] = await t.ctx.database.query<{ channel: string; unit_id: string; identity_check: string }>('SELECT * FROM request_channels WHERE request_id = $1', [r.id]);
    expect(row).toMatchObject({ channel: 'in_person', unit_id: ids.unit, identity_check: 'card_seen' });
    await sealAuditNow(t.ctx.database);
    const [entry] = await t.ctx.database.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_entries WHERE object_id = $1 AND action = 'service_request.submit'", [r.id]);
    expect(entry!.details).toMatchObject({ channel: 'in_person', identityCheck: 'card_seen', attestation: 'original_national_card_seen', unitId: ids.unit });
    // The person signs in later: the request is theirs.
    const citizen = await signInCitizen(t, nationalCode, randomMobile());
    expect((await call('GET', '/requests/mine', citizen)).json().items).toHaveLength(1);
    // It runs as any other: the clerk takes it from the cartable.
    const taken = await call('POST', `/requests/${r.id}/take`, s.clerkA, {});
    expect(taken.statusCode, taken.body).toBe(200);
  });

  it('with the citizen’s one-time code (a consent for the agency), spent once', async () => {
    const c = await consentFor(s.clerkA!, '/walk-in/consents', { agencyId: agencyA });
    const body = { identity: { method: 'otp', consentId: c.consentId, code: c.code }, serviceId: ids.delegated, form };
    expect((await call('POST', '/walk-in/requests', s.clerkA, body)).statusCode).toBe(201);
    expect((await call('POST', '/walk-in/requests', s.clerkA, body)).json().error.code).toBe('CONSENT_USED');
    // A counter consent is not a walk-in consent, nor the other way round.
    const counter = await consentFor(s.op1!);
    const crossed = await call('POST', '/walk-in/requests', s.clerkA, { ...body, identity: { method: 'otp', consentId: counter.consentId, code: counter.code } });
    expect(crossed.json().error.code).toBe('CONSENT_NOT_FOUND');
  });

  it('another agency’s clerk, another agency, a missing attestation and sixteen at once are refused', async () => {
    const nationalCode = randomNationalCode();
    const body = { identity: { method: 'card_seen', nationalCode, attestation: true }, serviceId: ids.notDelegated, form };
    expect((await call('POST', '/walk-in/requests', s.clerkB, body)).statusCode).toBe(404);
    expect((await call('POST', '/walk-in/consents', s.clerkB, { nationalCode, mobile: randomMobile(), agencyId: agencyA })).statusCode).toBe(404);
    expect((await call('POST', '/walk-in/requests', s.op1, body)).statusCode).toBe(403);
    expect((await call('POST', '/walk-in/requests', s.clerkA, { ...body, identity: { method: 'card_seen', nationalCode, attestation: false } })).statusCode).toBe(400);
    expect((await call('POST', '/walk-in/requests', s.clerkA, { ...body, identity: { method: 'card_seen', nationalCode: `${nationalCode.slice(0, 9)}\u0000` , attestation: true } })).statusCode).toBe(400);
    const key = { 'idempotency-key': `walk-in-${nationalCode}` };
    const answers = await Promise.all(Array.from({ length: 16 }, () => call('POST', '/walk-in/requests', s.clerkA, body, key)));
    expect(answers.every((a) => a.statusCode === 201 || a.statusCode === 409)).toBe(true);
    expect(new Set(answers.filter((a) => a.statusCode === 201).map((a) => a.json<{ id: string }>().id)).size).toBe(1);
    const [n] = await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM service_requests r JOIN citizens c ON c.id = r.applicant_id WHERE c.national_code = $1', [nationalCode]);
    expect(n!.n).toBe(1);
    const desk = (await call('GET', '/walk-in', s.clerkA)).json<{ services: Array<{ serviceId: string }> }>();
    expect(desk.services.map((x) => x.serviceId).sort()).toEqual([ids.delegated, ids.notDelegated].sort());
  });
});

describe('postal delivery of the answer', () => {
  it('is kept where the service version offers it, to the address given or the profile’s; refused elsewhere or without an address', async () => {
    await t.ctx.database.query('UPDATE service_versions SET postal_delivery = true WHERE service_id = $1', [ids.delegated]);
    const c = await consentFor(s.op1!);
    const missing = await submit(s.op1!, c, ids.delegated, { postal: {} });
    expect(missing.json().error.code).toBe('POSTAL_ADDRESS_MISSING');
    const postal = { postalCode: persianDigits('1619735744'), address: 'تهران، خیابان آزادی، کوچهٔ یکم، پلاک ۲', recipientName: 'مریم احمدی' };
    const res = await submit(s.op1!, c, ids.delegated, { postal });
    expect(res.statusCode, res.body).toBe(201);
    const view = (await call('GET', `/requests/${res.json().id}/channel`, s.op1)).statusCode;
    expect(view).toBe(404); // the operator is not the agency's desk staff: the request is the citizen's
    const staffView = (await call('GET', `/requests/${res.json().id}/channel`, s.clerkA)).json();
    expect(staffView.postal).toMatchObject({ status: 'awaiting_answer', postalCodeMasked: '16******44', postalTracking: null });

    // A citizen whose profile has an address: the answer goes there when none is given.
    const known = await consentFor(s.op1!);
    const profiled = await signInCitizen(t, known.nationalCode, known.mobile);
    const profile = { name: 'زهرا کاظمی', postalCode: '1619735744', address: 'تهران، میدان ونک، پلاک ۳' };
    const patch = await t.app.inject({ method: 'PATCH', url: '/api/v1/me/profile', headers: profiled.headers, payload: profile });
    expect(patch.statusCode, patch.body).toBe(200);
    const byProfile = await submit(s.op1!, known, ids.delegated, { postal: {} });
    expect(byProfile.statusCode, byProfile.body).toBe(201);
    const [kept] = await t.ctx.database.query<{ recipient_name: string; address: string }>('SELECT recipient_name, address FROM postal_dispatches WHERE request_id = $1', [byProfile.json<{ id: string }>().id]);
    expect(kept).toMatchObject({ recipient_name: profile.name, address: profile.address });

    const walkIn = await call('POST', '/walk-in/requests', s.clerkA, { identity: { method: 'card_seen', nationalCode: randomNationalCode(), attestation: true }, serviceId: ids.notDelegated, form, postal });
    expect(walkIn.json().error.code).toBe('POSTAL_NOT_OFFERED');
    const badCode = await submit(s.op1!, await consentFor(s.op1!), ids.delegated, { postal: { ...postal, postalCode: '0123456789' } });
    expect(badCode.statusCode).toBe(400);
  });

  it('when the answer is signed the postal job hands it to the post: the applicant and staff see its postal tracking number; the post is listed in /readyz', async () => {
    const c = await consentFor(s.op1!);
    const postal = { postalCode: '1619735744', address: 'تهران، خیابان انقلاب، پلاک ۸', recipientName: 'علی رضایی' };
    const r = (await submit(s.op1!, c, ids.delegated, { postal })).json<{ id: string }>();
    // The manager enrols a signing key and answers with her PIN: the post gets only a signed answer.
    expect((await call('POST', '/documents/signer-keys', s.managerA, { pin: '135790' })).statusCode).toBe(201);
    const answered = await call('POST', `/requests/${r.id}/answer`, s.managerA, { decision: 'approve', pin: '135790' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().signatureCount).toBe(1);
    // The signature's transaction only marked it due (ADR 0039); the job it enqueued hands it over.
    expect((await call('GET', `/requests/${r.id}/channel`, s.clerkA)).json().postal).toMatchObject({ status: 'due', postalTracking: null });
    await t.ctx.runner!.runDue();
    const citizen = await signInCitizen(t, c.nationalCode, c.mobile);
    const seen = (await call('GET', `/requests/${r.id}/channel`, citizen)).json<{ postal: { status: string; postalTracking: string; dispatchedAt: string } }>();
    expect(seen.postal).toMatchObject({ status: 'dispatched', postalTracking: expect.stringMatching(/^[1-9]\d{23}$/) });
    const [row] = await t.ctx.database.query<{ document_id: string }>('SELECT document_id FROM postal_dispatches WHERE request_id = $1', [r.id]);
    expect(row!.document_id).toBe(answered.json<{ documentId: string }>().documentId);
    await sealAuditNow(t.ctx.database);
    const [entry] = await t.ctx.database.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_entries WHERE object_id = $1 AND action = 'postal_dispatch.dispatch'", [r.id]);
    expect(entry!.details).toMatchObject({ postalTracking: seen.postal.postalTracking });
    const ready = (await t.app.inject({ url: '/readyz' })).json<{ simulators: string[] }>();
    expect(ready.simulators).toContain('post');
  });
});
