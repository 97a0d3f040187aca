import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, nextAddress, randomMobile, signInStaff, TEST_PASSWORD, type Session } from '../../../test/factories';
import { sealAuditNow } from '../../../test/audit';

/**
 * Staff administration through the API: creating an account with its roles (all or nothing),
 * editing details, deactivation and reactivation, and the searchable list.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const V1 = '/api/v1';
type Headers = Record<string, string>;
const get = (url: string, headers: Headers = {}) => t.app.inject({ method: 'GET', url: V1 + url, headers });
const post = (url: string, payload: object, headers: Headers = {}) => t.app.inject({ method: 'POST', url: V1 + url, payload, headers });
const put = (url: string, payload: object, headers: Headers = {}) => t.app.inject({ method: 'PUT', url: V1 + url, payload, headers });
const login = (username: string, password = TEST_PASSWORD) =>
  t.app.inject({ method: 'POST', url: `${V1}/auth/staff/login`, payload: { username, password }, remoteAddress: nextAddress() });

async function staffSession(agencyId: string, roles: Parameters<typeof buildStaff>[2] = []): Promise<Session & { id: string }> {
  const s = await buildStaff(t, agencyId, roles);
  return { ...(await signInStaff(t, s.username)), id: s.id };
}

/** Everything a staff creation writes to: accounts, role grants, events, audit entries. */
async function footprint() {
  const n = async (sql: string) => (await t.ctx.database.query<{ n: number }>(sql))[0]!.n;
  return {
    staff: await n('SELECT count(*)::int AS n FROM staff'),
    roles: await n('SELECT count(*)::int AS n FROM role_assignments'),
    events: await n('SELECT count(*)::int AS n FROM events'),
    audit: await sealAuditNow(t.ctx.database).then(() => n('SELECT count(*)::int AS n FROM audit_entries')),
  };
}

let agency: Awaited<ReturnType<typeof buildAgency>>;
let admin: Session & { id: string };
beforeAll(async () => {
  agency = await buildAgency(t, { nameFa: 'ادارهٔ کل آزمایش' });
  admin = await staffSession(agency.id, ['agency_admin']);
});

const newStaff = (username: string, extra: object = {}) => ({ username, displayName: 'کارمند تازه', password: 'Pazir-1404-amn', ...extra });

describe('creating a staff member with roles: all or nothing', () => {
  it('creates the account, its roles, their events and audit entries together', async () => {
    const unit = await post(`/admin/agencies/${agency.id}/units`, { nameFa: 'واحد پذیرش', kind: 'operational' }, admin.headers);
    const before = await footprint();
    const res = await post(
      `/admin/agencies/${agency.id}/staff`,
      newStaff('two.roles', {
        mobile: '۰۹۱۲ ۱۱۱ ۲۲۳۳',
        nationalCode: '۰۰۱۳۵۴۲۴۱۹',
        roles: [
          { role: 'desk_clerk', agencyId: agency.id, unitId: unit.json().id },
          { role: 'expert', agencyId: agency.id },
        ],
      }),
      admin.headers,
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ username: 'two.roles', mobile: '09121112233', nationalCode: '0013542419', version: 1, active: true });
    expect(res.json().roles.map((r: { role: string }) => r.role).sort()).toEqual(['desk_clerk', 'expert']);
    expect(await footprint()).toEqual({ staff: before.staff + 1, roles: before.roles + 2, events: before.events + 3, audit: before.audit + 3 });
    expect((await login('two.roles', 'Pazir-1404-amn')).statusCode).toBe(200);
  });

  it.each([
    ['a platform-only role', (a: string) => [{ role: 'desk_clerk', agencyId: a }, { role: 'central_reviewer', agencyId: a }], 403, 'ROLE_RESERVED'],
    ['a role in an agency the administrator does not administer', () => [{ role: 'desk_clerk', agencyId: otherAgencyId }], 404, 'AGENCY_NOT_FOUND'],
    ['a unit of another agency', () => [{ role: 'desk_clerk', agencyId: agency.id, unitId: otherUnitId }], 400, 'UNIT_NOT_IN_AGENCY'],
    ['sub-agencies the administrator does not administer', (a: string) => [{ role: 'expert', agencyId: a, includeSubagencies: true }], 403, 'FORBIDDEN'],
  ])('a refused grant (%s) creates nothing at all', async (_, roles, status, code) => {
    const before = await footprint();
    const res = await post(`/admin/agencies/${agency.id}/staff`, newStaff(`refused.${code.toLowerCase()}`, { roles: roles(agency.id) }), admin.headers);
    expect([res.statusCode, res.json().error.code]).toEqual([status, code]);
    expect(await footprint()).toEqual(before);
    expect((await login(`refused.${code.toLowerCase()}`, 'Pazir-1404-amn')).statusCode).toBe(401);
  });

  it('rolls back the account when a grant fails after it was written', async () => {
    // A trigger makes the second grant's insert fail inside the transaction, after the account row.
    await t.ctx.database.query(`CREATE FUNCTION fail_secretariat() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.role = 'secretariat' THEN RAISE EXCEPTION 'grant refused by the test'; END IF; RETURN NEW; END $$`);
    await t.ctx.database.query('CREATE TRIGGER fail_secretariat BEFORE INSERT ON role_assignments FOR EACH ROW EXECUTE FUNCTION fail_secretariat()');
    try {
      const before = await footprint();
      const res = await post(
        `/admin/agencies/${agency.id}/staff`,
        newStaff('half.done', { roles: [{ role: 'desk_clerk', agencyId: agency.id }, { role: 'secretariat', agencyId: agency.id }] }),
        admin.headers,
      );
      expect(res.statusCode).toBe(500);
      expect(await footprint()).toEqual(before);
    } finally {
      await t.ctx.database.query('DROP TRIGGER fail_secretariat ON role_assignments');
      await t.ctx.database.query('DROP FUNCTION fail_secretariat()');
    }
    // The same request now succeeds: nothing was left behind to collide with.
    const again = await post(`/admin/agencies/${agency.id}/staff`, newStaff('half.done', { roles: [{ role: 'secretariat', agencyId: agency.id }] }), admin.headers);
    expect(again.statusCode).toBe(201);
  });

  it('creates one account from 16 simultaneous requests with one key, and refuses the same username under other keys', async () => {
    const body = newStaff('sixteen.at.once', { roles: [{ role: 'expert', agencyId: agency.id }] });
    const before = await footprint();
    const same = await Promise.all(Array.from({ length: 16 }, () => post(`/admin/agencies/${agency.id}/staff`, body, { ...admin.headers, 'idempotency-key': 'sixteen-1' })));
    expect(new Set(same.map((r) => r.statusCode))).toEqual(new Set([201]));
    expect(new Set(same.map((r) => r.json<{ id: string }>().id)).size).toBe(1);
    expect(await footprint()).toEqual({ staff: before.staff + 1, roles: before.roles + 1, events: before.events + 2, audit: before.audit + 2 });
    const other = await Promise.all(Array.from({ length: 4 }, (_, i) => post(`/admin/agencies/${agency.id}/staff`, body, { ...admin.headers, 'idempotency-key': `sixteen-other-${i}` })));
    expect(other.map((r) => r.json<{ error?: { code: string } }>().error?.code)).toEqual(Array(4).fill('USERNAME_TAKEN'));
  });

  it('refuses a mobile that is not one, a NUL in the name and a role list that is too long, creating nothing', async () => {
    const before = await footprint();
    for (const extra of [
      { mobile: '08121234567' },
      { displayName: 'نام\u0000پنهان' },
      { roles: Array.from({ length: 11 }, () => ({ role: 'expert', agencyId: agency.id })) },
    ]) {
      const res = await post(`/admin/agencies/${agency.id}/staff`, newStaff('bad.input', extra), admin.headers);
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
    }
    expect(await footprint()).toEqual(before);
  });
});

describe('editing, the list and search', () => {
  it('replaces the details at the version read; a stale version is refused; the audit names fields, not values', async () => {
    const s = await buildStaff(t, agency.id, ['desk_clerk'], { displayName: 'مینا یزدانی' });
    const read = (await get(`/admin/staff/${s.id}`, admin.headers)).json();
    expect(read).toMatchObject({ displayName: 'مینا یزدانی', mobile: null, version: 1 });
    const edit = { displayName: 'مینا یزدانی‌پور', mobile: '+98 912 555 0101', email: 'mina@example.ir', version: 1 };
    const saved = await put(`/admin/staff/${s.id}`, edit, admin.headers);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ displayName: 'مینا یزدانی‌پور', mobile: '09125550101', email: 'mina@example.ir', version: 2 });
    const stale = await put(`/admin/staff/${s.id}`, { ...edit, displayName: 'دیگر' }, admin.headers);
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'CONFLICT']);
await sealAuditNow(t.ctx.database);
    const [entry] = await t.ctx.database.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_entries WHERE object_id = $1 AND action = 'staff.update'",
      [s.id],
    );
    expect(entry!.details).toEqual({ version: 2, fields: ['displayName', 'email', 'mobile'] });
    expect(JSON.stringify(entry!.details)).not.toContain('0912');
  });

  it('searches by name with Arabic letters and without ZWNJ, and by username; pages by name', async () => {
    const a = await buildAgency(t);
    const adminA = await staffSession(a.id, ['agency_admin']);
    await buildStaff(t, a.id, [], { displayName: 'علی کرمانی', username: 'ali.kermani' });
    await buildStaff(t, a.id, [], { displayName: 'مهسا نیک‌نام', username: 'mahsa.n' });
    for (const i of [1, 2, 3]) await buildStaff(t, a.id, [], { displayName: `کارمند ${i}` });
    const names = async (q: string) =>
      (await get(`/admin/agencies/${a.id}/staff?q=${encodeURIComponent(q)}`, adminA.headers)).json<{ items: Array<{ displayName: string }> }>().items.map((x) => x.displayName);
    expect(await names('علي كرماني')).toEqual(['علی کرمانی']);
    expect(await names('نیکنام')).toEqual(['مهسا نیک‌نام']);
    expect(await names('MAHSA')).toEqual(['مهسا نیک‌نام']);
    expect(await names('نیست')).toEqual([]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/admin/agencies/${a.id}/staff?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: Array<{ displayName: string }>; nextCursor: string | null } = (await get(url, adminA.headers)).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((x) => x.displayName));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    const bad = await get(`/admin/agencies/${a.id}/staff?cursor=not-a-cursor`, adminA.headers);
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});

describe('deactivation and reactivation', () => {
  it('ends the sessions at once, refuses sign-in, is recorded, and reactivation lets the person back in', async () => {
    const s = await buildStaff(t, agency.id, ['desk_clerk']);
    const session = await signInStaff(t, s.username);
    expect((await get('/auth/session', { cookie: session.cookie })).statusCode).toBe(200);
    const off = await post(`/admin/staff/${s.id}/deactivate`, {}, admin.headers);
    expect([off.statusCode, off.json().active]).toEqual([200, false]);
    expect((await get('/auth/session', { cookie: session.cookie })).statusCode).toBe(401);
    expect((await login(s.username)).statusCode).toBe(401);
    // Twice changes nothing more.
    expect((await post(`/admin/staff/${s.id}/deactivate`, {}, admin.headers)).statusCode).toBe(200);
    const on = await post(`/admin/staff/${s.id}/reactivate`, {}, admin.headers);
    expect([on.statusCode, on.json().active]).toEqual([200, true]);
    expect((await login(s.username)).statusCode).toBe(200);
await sealAuditNow(t.ctx.database);
    const actions = await t.ctx.database.query<{ action: string }>('SELECT action FROM audit_entries WHERE object_id = $1 ORDER BY id', [s.id]);
    // The refused sign-in of the deactivated account is counted like any failed one (the same answer as a wrong password).
    expect(actions.map((x) => x.action).filter((x) => x.startsWith('staff.') && x !== 'staff.sign_in')).toEqual(['staff.deactivate', 'staff.login_failed', 'staff.reactivate']);
    const events = await t.ctx.database.query<{ action: string }>("SELECT action FROM events WHERE stream_id = $1 AND action LIKE '%activated'", [s.id]);
    expect(events.map((e) => e.action)).toEqual(['deactivated', 'reactivated']);
  });

  it('never deactivates oneself, nor the person one acts for', async () => {
    const res = await post(`/admin/staff/${admin.id}/deactivate`, {}, admin.headers);
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'OWN_ACCOUNT_LOCKED']);
    expect((await get('/auth/session', { cookie: admin.cookie })).statusCode).toBe(200);
  });

  it("keeps the API tokens a deactivated administrator issued working: they are the agency's system's", async () => {
    const issuer = await staffSession(agency.id, ['agency_admin']);
    const token = await post('/admin/api-tokens', { agencyId: agency.id, name: 'سامانه بایگانی', scopes: ['catalogue:read'] }, issuer.headers);
    expect((await post(`/admin/staff/${issuer.id}/deactivate`, {}, admin.headers)).statusCode).toBe(200);
    const whoami = await get('/agency-systems/whoami', { authorization: `Bearer ${token.json().secret}` });
    expect([whoami.statusCode, whoami.json().agencyId]).toEqual([200, agency.id]);
  });

  it('unlocks an account, clearing its failed sign-ins', async () => {
    const s = await buildStaff(t, agency.id, [], { mobile: randomMobile() });
    for (let i = 0; i < 5; i++) await login(s.username, 'wrong-password-1');
    expect((await get(`/admin/staff/${s.id}`, admin.headers)).json()).toMatchObject({ locked: true });
    const res = await post(`/admin/staff/${s.id}/unlock`, {}, admin.headers);
    expect(res.json()).toMatchObject({ locked: false, failedLogins: 0 });
    expect((await login(s.username)).statusCode).toBe(200);
  });
});

let otherAgencyId = '';
let otherUnitId = '';
beforeAll(async () => {
  const other = await buildAgency(t);
  otherAgencyId = other.id;
  const platform = await staffSession(other.id, ['platform_admin']);
  otherUnitId = (await post(`/admin/agencies/${other.id}/units`, { nameFa: 'واحد دیگر', kind: 'operational' }, platform.headers)).json().id;
  // A sub-agency of the test agency, which its (narrow) administrator does not administer.
  await buildAgency(t, { parentId: agency.id });
});
