// Over 450 lines: one app and its helpers serve every administration case (agencies, units, staff,
// roles, delegations) and their abuse; split by area it would rebuild the same fixtures five times.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, randomLegalId, signInCitizen, signInStaff, TEST_PASSWORD, type Session } from '../../../test/factories';
import { sealAuditNow } from '../../../test/audit';

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
const del = (url: string, payload: object, headers: Headers = {}) => t.app.inject({ method: 'DELETE', url: V1 + url, payload, headers });

interface AuditEntry {
  action: string;
  actor_type: string;
  actor_id: string | null;
  on_behalf_of_id: string | null;
  object_type: string;
  object_id: string | null;
  agency_id: string | null;
  details: Record<string, unknown>;
}
const auditOf = async (objectId: string) => {
  await sealAuditNow(t.ctx.database);
  return t.ctx.database.query<AuditEntry & Record<string, unknown>>('SELECT * FROM audit_entries WHERE object_id = $1 ORDER BY id', [objectId]);
};
const eventsOf = (streamId: string) =>
  t.ctx.database.query<{ stream_type: string; action: string; actor_id: string; on_behalf_of_id: string | null }>(
    'SELECT stream_type, action, actor_id, on_behalf_of_id FROM events WHERE stream_id = $1 ORDER BY id',
    [streamId],
  );

/**
 * Sign-in is limited to 20 attempts a minute per address; this file signs in far more often, so
 * each sign-in after the first few comes from an address of its own (signInStaff always uses one).
 */
let signIns = 0;
const nextAddress = () => `10.20.${Math.floor(signIns / 200)}.${(signIns++ % 200) + 1}`;
async function signIn(username: string, password = TEST_PASSWORD): Promise<Session> {
  if (signIns === 0) {
    signIns++;
    return signInStaff(t, username, password);
  }
  const res = await t.app.inject({ method: 'POST', url: `${V1}/auth/staff/login`, payload: { username, password }, remoteAddress: nextAddress() });
  if (res.statusCode !== 200) throw new Error(res.body);
  const cookie = String([res.headers['set-cookie']].flat().find((c) => String(c).startsWith('dargah_session='))).split(';')[0]!;
  const csrf = res.json<{ csrfToken: string }>().csrfToken;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}
const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: `${V1}/auth/staff/login`, payload: { username, password }, remoteAddress: nextAddress() });

/** A signed-in staff member with these roles in the agency. */
async function staffSession(agencyId: string, roles: Parameters<typeof buildStaff>[2] = []): Promise<Session & { id: string }> {
  const s = await buildStaff(t, agencyId, roles);
  return { ...(await signIn(s.username)), id: s.id };
}

let home: Awaited<ReturnType<typeof buildAgency>>;
let platform: Session & { id: string };
beforeAll(async () => {
  home = await buildAgency(t, { nameFa: 'سازمان فناوری اطلاعات' });
  platform = await staffSession(home.id, ['platform_admin']);
});

describe('agencies', () => {
  it('lets a platform administrator register an agency under a ministry, audited and evented', async () => {
    const ministry = await post('/admin/agencies', { legalId: randomLegalId(), nameFa: 'وزارت آزمایش', kind: 'ministry' }, platform.headers);
    expect(ministry.statusCode).toBe(201);
    const legalId = randomLegalId();
    const org = await post(
      '/admin/agencies',
      { legalId: legalId.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!), nameFa: 'سازمان تابعه', nameEn: 'Subsidiary', kind: 'organisation', parentId: ministry.json().id, province: 'تهران' },
      platform.headers,
    );
    expect(org.statusCode).toBe(201);
    expect(org.json()).toMatchObject({ legalId, parentId: ministry.json().id, kind: 'organisation', version: 1, county: null });
    const [entry] = await auditOf(org.json().id);
    expect(entry).toMatchObject({ action: 'agency.create', actor_id: platform.id, object_type: 'agency', agency_id: org.json().id });
    expect(await eventsOf(org.json().id)).toEqual([expect.objectContaining({ stream_type: 'agency', action: 'created', actor_id: platform.id })]);

    const pub = await get('/agencies');
    expect(pub.statusCode).toBe(200);
    const listed = pub.json<Array<Record<string, unknown>>>().find((a) => a.id === org.json().id);
    expect(listed).toEqual({ id: org.json().id, nameFa: 'سازمان تابعه', nameEn: 'Subsidiary', kind: 'organisation', parentId: ministry.json().id, province: 'تهران' });
  });

  it('names an invalid legal id and other bad fields in Persian', async () => {
    const res = await post('/admin/agencies', { legalId: '12345678901', nameFa: 'x', kind: 'castle' }, platform.headers);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    const fields = res.json().error.details.fields as Array<{ field: string; code: string; message: string }>;
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'body.legalId', code: 'LEGAL_ID_INVALID', message: 'شناسه ملی اشخاص حقوقی ۱۱ رقم است و رقم آخرش رقم کنترل است؛ رقم‌ها را با آگهی ثبت شرکت مقایسه کنید.' },
        expect.objectContaining({ field: 'body.nameFa', code: 'too_small' }),
        expect.objectContaining({ field: 'body.kind', code: 'invalid_value' }),
      ]),
    );
  });

  it('refuses a legal id already registered (409) and a parent that does not exist', async () => {
    const legalId = randomLegalId();
    expect((await post('/admin/agencies', { legalId, nameFa: 'دستگاه یک', kind: 'organisation' }, platform.headers)).statusCode).toBe(201);
    const dup = await post('/admin/agencies', { legalId, nameFa: 'دستگاه دو', kind: 'organisation' }, platform.headers);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'LEGAL_ID_TAKEN', message: 'دستگاهی با این شناسه ملی پیش‌تر ثبت شده است.' });
    const other = await buildAgency(t);
    const upd = await put(`/admin/agencies/${other.id}`, { legalId, nameFa: other.nameFa, kind: other.kind, version: 1 }, platform.headers);
    expect(upd.json().error.code).toBe('LEGAL_ID_TAKEN');
    const orphan = await post('/admin/agencies', { legalId: randomLegalId(), nameFa: 'دستگاه سه', kind: 'organisation', parentId: randomUUID() }, platform.headers);
    expect(orphan.json().error.code).toBe('AGENCY_PARENT_NOT_FOUND');
  });

  it('replays a create sent again with the same Idempotency-Key', async () => {
    const body = { legalId: randomLegalId(), nameFa: 'دستگاه تکراری', kind: 'central_body' };
    const headers = { ...platform.headers, 'idempotency-key': 'agency-create-0001' };
    const a = await post('/admin/agencies', body, headers);
    const b = await post('/admin/agencies', body, headers);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json().id).toBe(a.json().id);
  });

  it('keeps agency creation to platform administrators', async () => {
    const admin = await staffSession(home.id, ['agency_admin']);
    const res = await post('/admin/agencies', { legalId: randomLegalId(), nameFa: 'دستگاه', kind: 'organisation' }, admin.headers);
    expect(res.statusCode).toBe(403);
  });

  it('refuses a stale version: of two edits from the same version one wins, the other gets 409 and nothing is lost', async () => {
    const a = await buildAgency(t, { nameFa: 'نام نخست' });
    const admin = await staffSession(a.id, ['agency_admin']);
    const base = { legalId: a.legalId, kind: a.kind, version: a.version };
    const [x, y] = await Promise.all([
      put(`/admin/agencies/${a.id}`, { ...base, nameFa: 'نام ویرایش یک' }, admin.headers),
      put(`/admin/agencies/${a.id}`, { ...base, nameFa: 'نام ویرایش دو' }, platform.headers),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const [won, lost] = x.statusCode === 200 ? [x, y] : [y, x];
    expect(lost.json().error).toMatchObject({ code: 'CONFLICT', details: { currentVersion: 2 } });
    const now = (await get('/admin/agencies', platform.headers)).json().find((g: { id: string }) => g.id === a.id);
    expect(now).toMatchObject({ nameFa: won.json().nameFa, version: 2 });
    // The loser reloads and re-applies its edit on top of the winner's.
    const retry = await put(`/admin/agencies/${a.id}`, { ...base, nameFa: 'نام ویرایش سه', version: 2 }, admin.headers);
    expect(retry.json()).toMatchObject({ nameFa: 'نام ویرایش سه', version: 3 });
    const updates = (await auditOf(a.id)).filter((e) => e.action === 'agency.update');
    expect(updates).toHaveLength(2);
    expect(updates[1]!.details).toMatchObject({ version: 3, changes: { nameFa: { from: won.json().nameFa, to: 'نام ویرایش سه' } } });
  });

  it('refuses a parent that is the agency itself or one of its sub-agencies', async () => {
    const top = await buildAgency(t, { kind: 'ministry' });
    const mid = await buildAgency(t, { parentId: top.id });
    const low = await buildAgency(t, { parentId: mid.id, kind: 'provincial_office' });
    const move = (id: string, version: number, parentId: string, legalId: string, kind: string) =>
      put(`/admin/agencies/${id}`, { legalId, nameFa: 'دستگاه جابه‌جا', kind, parentId, version }, platform.headers);
    const self = await move(top.id, 1, top.id, top.legalId, 'ministry');
    expect(self.statusCode).toBe(400);
    expect(self.json().error.code).toBe('AGENCY_CYCLE');
    expect((await move(top.id, 1, low.id, top.legalId, 'ministry')).json().error.code).toBe('AGENCY_CYCLE');
    // Moving the lowest office up to the ministry is fine.
    expect((await move(low.id, 1, top.id, low.legalId, 'provincial_office')).json()).toMatchObject({ parentId: top.id, version: 2 });
  });

  it('lets an agency administrator edit names but not the legal id or the parent', async () => {
    const parent = await buildAgency(t, { kind: 'ministry' });
    const a = await buildAgency(t, { parentId: parent.id });
    const admin = await staffSession(a.id, ['agency_admin']);
    const ok = await put(`/admin/agencies/${a.id}`, { legalId: a.legalId, nameFa: 'نام تازه', kind: a.kind, parentId: parent.id, province: 'اصفهان', version: 1 }, admin.headers);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ nameFa: 'نام تازه', province: 'اصفهان', nameEn: null });
    const moved = await put(`/admin/agencies/${a.id}`, { legalId: randomLegalId(), nameFa: 'نام تازه', kind: a.kind, parentId: null, version: 2 }, admin.headers);
    expect(moved.statusCode).toBe(403);
    expect(moved.json().error).toMatchObject({ code: 'AGENCY_FIELD_LOCKED', details: { fields: ['legalId', 'parentId'] } });
  });
});

describe('scoping and access', () => {
  it('answers 401 to nobody, 403 to a citizen and to staff without an administrative role', async () => {
    const a = await buildAgency(t);
    expect((await get('/admin/agencies')).statusCode).toBe(401);
    expect((await get(`/admin/agencies/${a.id}/units`)).statusCode).toBe(401);
    expect((await post(`/admin/agencies/${a.id}/units`, { nameFa: 'واحد', kind: 'operational' })).statusCode).toBe(401);
    const citizen = await signInCitizen(t);
    expect((await get(`/admin/agencies/${a.id}/staff`, { cookie: citizen.cookie })).statusCode).toBe(403);
    expect((await post(`/admin/agencies/${a.id}/units`, { nameFa: 'واحد', kind: 'operational' }, citizen.headers)).statusCode).toBe(403);
    const clerk = await staffSession(a.id, ['desk_clerk']);
    const res = await get(`/admin/agencies/${a.id}/units`, { cookie: clerk.cookie });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it("hides another agency's units, staff, agency and tokens from an agency administrator (404)", async () => {
    const a = await buildAgency(t);
    const b = await buildAgency(t);
    const adminA = await staffSession(a.id, ['agency_admin']);
    const unitB = await post(`/admin/agencies/${b.id}/units`, { nameFa: 'واحد ب', kind: 'headquarters' }, platform.headers);
    const staffB = await buildStaff(t, b.id);
    const tokenB = await post('/admin/api-tokens', { agencyId: b.id, name: 'سامانه ب', scopes: ['catalogue:read'] }, platform.headers);
    const h = adminA.headers;
    const expect404 = async (p: Promise<{ statusCode: number; json(): { error: { code: string } } }>, code: string) => {
      const res = await p;
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe(code);
    };
    await expect404(get(`/admin/agencies/${b.id}/units`, h), 'AGENCY_NOT_FOUND');
    await expect404(post(`/admin/agencies/${b.id}/units`, { nameFa: 'واحد', kind: 'operational' }, h), 'AGENCY_NOT_FOUND');
    await expect404(put(`/admin/units/${unitB.json().id}`, { nameFa: 'واحد', kind: 'operational', version: 1 }, h), 'UNIT_NOT_FOUND');
    await expect404(get(`/admin/agencies/${b.id}/staff`, h), 'AGENCY_NOT_FOUND');
    await expect404(post(`/admin/agencies/${b.id}/staff`, { username: 'intruder.one', displayName: 'نفوذی', password: 'Strong-pass-1404' }, h), 'AGENCY_NOT_FOUND');
    await expect404(post(`/admin/staff/${staffB.id}/roles`, { role: 'expert', agencyId: b.id }, h), 'STAFF_NOT_FOUND');
    await expect404(post(`/admin/staff/${staffB.id}/unlock`, {}, h), 'STAFF_NOT_FOUND');
    await expect404(put(`/admin/agencies/${b.id}`, { legalId: b.legalId, nameFa: 'دستگاه', kind: b.kind, version: 1 }, h), 'AGENCY_NOT_FOUND');
    await expect404(post(`/admin/api-tokens/${tokenB.json().id}/revoke`, {}, h), 'API_TOKEN_NOT_FOUND');
    await expect404(post('/admin/api-tokens', { agencyId: b.id, name: 'سامانه', scopes: ['catalogue:read'] }, h), 'AGENCY_NOT_FOUND');
    // Lists show only agency A.
    expect((await get('/admin/agencies', h)).json().map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect((await get('/admin/api-tokens', h)).json()).toEqual([]);
    // A platform administrator sees both.
    const all = (await get('/admin/agencies', platform.headers)).json().map((x: { id: string }) => x.id);
    expect(all).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it('lets an administrator of a ministry with include_subagencies manage its organisations, not without it', async () => {
    const ministry = await buildAgency(t, { kind: 'ministry' });
    const sub = await buildAgency(t, { parentId: ministry.id });
    const office = await buildAgency(t, { parentId: sub.id, kind: 'provincial_office' });
    const wide = await staffSession(ministry.id, [{ role: 'agency_admin', includeSubagencies: true }]);
    const narrow = await staffSession(ministry.id, ['agency_admin']);
    const unit = await post(`/admin/agencies/${office.id}/units`, { nameFa: 'اداره کل', kind: 'operational' }, wide.headers);
    expect(unit.statusCode).toBe(201);
    expect((await get(`/admin/agencies/${sub.id}/staff`, wide.headers)).statusCode).toBe(200);
    const seen = (await get('/admin/agencies', wide.headers)).json().map((x: { id: string }) => x.id);
    expect(seen.sort()).toEqual([ministry.id, sub.id, office.id].sort());
    expect((await post(`/admin/agencies/${office.id}/units`, { nameFa: 'اداره کل', kind: 'operational' }, narrow.headers)).statusCode).toBe(404);
    expect((await get('/admin/agencies', narrow.headers)).json().map((x: { id: string }) => x.id)).toEqual([ministry.id]);
  });
});

describe('organisational units', () => {
  it('builds a tree of headquarters and operational units, listed flat with parents', async () => {
    const a = await buildAgency(t);
    const admin = await staffSession(a.id, ['agency_admin']);
    const hq = await post(`/admin/agencies/${a.id}/units`, { nameFa: 'حوزه ریاست', kind: 'headquarters', code: 'HQ' }, admin.headers);
    expect(hq.statusCode).toBe(201);
    const op = await post(`/admin/agencies/${a.id}/units`, { nameFa: 'اداره خدمات', kind: 'operational', parentId: hq.json().id, code: 'OP1' }, admin.headers);
    expect(op.json()).toMatchObject({ agencyId: a.id, parentId: hq.json().id, kind: 'operational', code: 'OP1', version: 1 });
    const list = await get(`/admin/agencies/${a.id}/units`, admin.headers);
    expect(list.json()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: hq.json().id, parentId: null, kind: 'headquarters' }),
        expect.objectContaining({ id: op.json().id, parentId: hq.json().id }),
      ]),
    );
    const dupCode = await post(`/admin/agencies/${a.id}/units`, { nameFa: 'واحد دیگر', kind: 'operational', code: 'HQ' }, admin.headers);
    expect(dupCode.statusCode).toBe(409);
    expect(dupCode.json().error.code).toBe('UNIT_CODE_TAKEN');
    const [entry] = await auditOf(op.json().id);
    expect(entry).toMatchObject({ action: 'org_unit.create', actor_id: admin.id, agency_id: a.id });
  });

  it('replays a unit create with the same Idempotency-Key instead of adding a second unit', async () => {
    const a = await buildAgency(t);
    const admin = await staffSession(a.id, ['agency_admin']);
    const headers = { ...admin.headers, 'idempotency-key': 'unit-create-0001' };
    const one = await post(`/admin/agencies/${a.id}/units`, { nameFa: 'دبیرخانه', kind: 'headquarters' }, headers);
    const two = await post(`/admin/agencies/${a.id}/units`, { nameFa: 'دبیرخانه', kind: 'headquarters' }, headers);
    expect(two.json().id).toBe(one.json().id);
    expect((await get(`/admin/agencies/${a.id}/units`, admin.headers)).json()).toHaveLength(1);
  });

  it('keeps a parent in the same agency and refuses cycles; stale versions get 409', async () => {
    const a = await buildAgency(t);
    const b = await buildAgency(t);
    const unitOf = async (agencyId: string, nameFa: string, parentId?: string) =>
      (await post(`/admin/agencies/${agencyId}/units`, { nameFa, kind: 'operational', ...(parentId ? { parentId } : {}) }, platform.headers)).json<{ id: string }>();
    const root = await unitOf(a.id, 'ریشه');
    const child = await unitOf(a.id, 'فرزند', root.id);
    const grandchild = await unitOf(a.id, 'نوه', child.id);
    const foreign = await unitOf(b.id, 'واحد بیگانه');
    const cross = await post(`/admin/agencies/${a.id}/units`, { nameFa: 'واحد', kind: 'operational', parentId: foreign.id }, platform.headers);
    expect(cross.statusCode).toBe(400);
    expect(cross.json().error.code).toBe('UNIT_NOT_IN_AGENCY');
    const cyc = await put(`/admin/units/${root.id}`, { nameFa: 'ریشه', kind: 'operational', parentId: grandchild.id, version: 1 }, platform.headers);
    expect(cyc.statusCode).toBe(400);
    expect(cyc.json().error.code).toBe('UNIT_CYCLE');
    expect((await put(`/admin/units/${root.id}`, { nameFa: 'ریشه', kind: 'operational', parentId: root.id, version: 1 }, platform.headers)).json().error.code).toBe('UNIT_CYCLE');
    const moved = await put(`/admin/units/${grandchild.id}`, { nameFa: 'نوه', kind: 'headquarters', parentId: root.id, version: 1 }, platform.headers);
    expect(moved.json()).toMatchObject({ parentId: root.id, kind: 'headquarters', version: 2 });
    const stale = await put(`/admin/units/${grandchild.id}`, { nameFa: 'نوه قدیمی', kind: 'operational', version: 1 }, platform.headers);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
    const [, upd] = await auditOf(grandchild.id);
    expect(upd).toMatchObject({ action: 'org_unit.update', details: { changes: { parentId: { from: child.id, to: root.id }, kind: { from: 'operational', to: 'headquarters' } } } });
  });
});

describe('staff and roles', () => {
  it('links a staff account to an OpenID Connect subject, once', async () => {
    const a = await buildAgency(t);
    const admin = await staffSession(a.id, ['agency_admin']);
    const first = await post(`/admin/agencies/${a.id}/staff`, { username: 'oidc.one', displayName: 'کارمند یک', password: 'Pazir-1404-amn', oidcSubject: 'sub-42' }, admin.headers);
    expect(first.statusCode).toBe(201);
    const [row] = await t.ctx.database.query<{ oidc_subject: string }>('SELECT oidc_subject FROM staff WHERE id = $1', [first.json().id]);
    expect(row!.oidc_subject).toBe('sub-42');
    const again = await post(`/admin/agencies/${a.id}/staff`, { username: 'oidc.two', displayName: 'کارمند دو', password: 'Pazir-1404-amn', oidcSubject: 'sub-42' }, admin.headers);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('OIDC_SUBJECT_TAKEN');
  });

  it('creates a staff account that can sign in, and lists it with its roles', async () => {
    const a = await buildAgency(t);
    const admin = await staffSession(a.id, ['agency_admin']);
    const unit = (await post(`/admin/agencies/${a.id}/units`, { nameFa: 'اداره پذیرش', kind: 'operational' }, admin.headers)).json();
    const created = await post(`/admin/agencies/${a.id}/staff`, { username: ' Sara.Ahmadi ', displayName: 'سارا احمدی', password: 'Pazir-1404-amn' }, admin.headers);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: 'sara.ahmadi', agencyId: a.id, active: true, locked: false, roles: [] });
    const id = created.json().id as string;
    const granted = await post(`/admin/staff/${id}/roles`, { role: 'desk_clerk', agencyId: a.id, unitId: unit.id }, admin.headers);
    expect(granted.statusCode).toBe(200);
    expect(granted.json().roles).toEqual([{ role: 'desk_clerk', agencyId: a.id, unitId: unit.id, includeSubagencies: false }]);
    // Granting it again changes nothing and records nothing.
    await post(`/admin/staff/${id}/roles`, { role: 'desk_clerk', agencyId: a.id, unitId: unit.id }, admin.headers);
    expect((await auditOf(id)).map((e) => e.action)).toEqual(['staff.create', 'staff.role_grant']);

    const list = await get(`/admin/agencies/${a.id}/staff`, admin.headers);
    expect(list.json().items).toEqual(expect.arrayContaining([expect.objectContaining({ id, roles: [expect.objectContaining({ role: 'desk_clerk' })] })]));
    expect(JSON.stringify(list.json())).not.toMatch(/argon2|passwordHash/);

    const s = await signIn('sara.ahmadi', 'Pazir-1404-amn');
    expect((await get('/auth/session', { cookie: s.cookie })).json()).toMatchObject({ roles: [{ role: 'desk_clerk', agencyId: a.id, unitId: unit.id }] });

    const revoked = await del(`/admin/staff/${id}/roles`, { role: 'desk_clerk', agencyId: a.id, unitId: unit.id }, admin.headers);
    expect(revoked.json().roles).toEqual([]);
    expect((await del(`/admin/staff/${id}/roles`, { role: 'desk_clerk', agencyId: a.id, unitId: unit.id }, admin.headers)).json().error.code).toBe('ROLE_GRANT_NOT_FOUND');
    expect((await auditOf(id)).at(-1)).toMatchObject({ action: 'staff.role_revoke', actor_id: admin.id, agency_id: a.id });
  });

  it('refuses weak passwords with their own code, and a taken username with 409', async () => {
    const a = await buildAgency(t);
    const admin = await staffSession(a.id, ['agency_admin']);
    const create = (username: string, password: string) => post(`/admin/agencies/${a.id}/staff`, { username, displayName: 'کارمند تازه', password }, admin.headers);
    expect((await create('weak.one', 'short1')).json().error.code).toBe('PASSWORD_TOO_SHORT');
    expect((await create('weak.two', 'onlyletterslong')).json().error.code).toBe('PASSWORD_TOO_SIMPLE');
    const contains = await create('weak.three', 'weak.three-1404');
    expect(contains.statusCode).toBe(400);
    expect(contains.json().error).toMatchObject({ code: 'PASSWORD_CONTAINS_USERNAME', message: 'گذرواژه نباید نام کاربری را در خود داشته باشد.' });
    expect((await create('same.name', 'Strong-pass-1404')).statusCode).toBe(201);
    const taken = await create('same.name', 'Strong-pass-1404');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('USERNAME_TAKEN');
    const bad = await create('نام فارسی', 'Strong-pass-1404');
    expect(bad.json().error.details.fields).toEqual([expect.objectContaining({ field: 'body.username', code: 'invalid_format' })]);
  });

  it('keeps platform-wide roles, other agencies and their own roles out of an agency administrator’s reach', async () => {
    const ministry = await buildAgency(t, { kind: 'ministry' });
    const sub = await buildAgency(t, { parentId: ministry.id });
    const admin = await staffSession(sub.id, ['agency_admin']);
    const clerk = await buildStaff(t, sub.id);
    for (const role of ['platform_admin', 'central_reviewer', 'oversight_auditor']) {
      const res = await post(`/admin/staff/${clerk.id}/roles`, { role, agencyId: sub.id }, admin.headers);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('ROLE_RESERVED');
    }
    expect((await post(`/admin/staff/${clerk.id}/roles`, { role: 'expert', agencyId: ministry.id }, admin.headers)).json().error.code).toBe('AGENCY_NOT_FOUND');
    expect((await post(`/admin/staff/${admin.id}/roles`, { role: 'expert', agencyId: sub.id }, admin.headers)).json().error.code).toBe('OWN_ROLES_LOCKED');
    const otherUnit = (await post(`/admin/agencies/${ministry.id}/units`, { nameFa: 'واحد وزارت', kind: 'operational' }, platform.headers)).json();
    expect((await post(`/admin/staff/${clerk.id}/roles`, { role: 'expert', agencyId: sub.id, unitId: otherUnit.id }, admin.headers)).json().error.code).toBe('UNIT_NOT_IN_AGENCY');
    // A platform administrator may grant them.
    const ok = await post(`/admin/staff/${clerk.id}/roles`, { role: 'central_reviewer', agencyId: sub.id }, platform.headers);
    expect(ok.json().roles).toEqual([expect.objectContaining({ role: 'central_reviewer' })]);
    expect((await del(`/admin/staff/${clerk.id}/roles`, { role: 'central_reviewer', agencyId: sub.id }, admin.headers)).json().error.code).toBe('ROLE_RESERVED');
  });

  it('lets an administrator grant include_subagencies only over sub-agencies they administer', async () => {
    const ministry = await buildAgency(t, { kind: 'ministry' });
    await buildAgency(t, { parentId: ministry.id });
    const narrow = await staffSession(ministry.id, ['agency_admin']);
    const wide = await staffSession(ministry.id, [{ role: 'agency_admin', includeSubagencies: true }]);
    const expert = await buildStaff(t, ministry.id);
    const body = { role: 'expert', agencyId: ministry.id, includeSubagencies: true };
    expect((await post(`/admin/staff/${expert.id}/roles`, body, narrow.headers)).statusCode).toBe(403);
    const ok = await post(`/admin/staff/${expert.id}/roles`, body, wide.headers);
    expect(ok.json().roles).toEqual([{ role: 'expert', agencyId: ministry.id, unitId: null, includeSubagencies: true }]);
  });

  it('unlocks an account locked by failed sign-ins', async () => {
    const a = await buildAgency(t);
    const admin = await staffSession(a.id, ['agency_admin']);
    const s = await buildStaff(t, a.id);
    for (let i = 0; i < 5; i++) await login(s.username, 'wrong-password-1');
    const listed = (await get(`/admin/agencies/${a.id}/staff`, admin.headers)).json().items.find((x: { id: string }) => x.id === s.id);
    expect(listed).toMatchObject({ locked: true, failedLogins: 5 });
    const res = await post(`/admin/staff/${s.id}/unlock`, {}, admin.headers);
    expect(res.json()).toMatchObject({ locked: false, failedLogins: 0, lockedUntil: null });
    expect((await login(s.username, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await auditOf(s.id)).map((e) => e.action)).toContain('staff.unlock');
  });
});

describe('delegation (جانشین)', () => {
  it('records what a delegate does as "delegate on behalf of principal"', async () => {
    const a = await buildAgency(t);
    const principal = await staffSession(a.id, ['agency_admin', 'unit_manager']);
    const delegate = await staffSession(a.id, ['expert']);
    const now = t.clock.now().getTime();
    // Before the delegation the delegate cannot act for the principal.
    expect((await post('/auth/act-for', { id: principal.id }, delegate.headers)).statusCode).toBe(403);
    const d = await post(
      '/admin/delegations',
      { principalId: principal.id, delegateId: delegate.id, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 7 * 86_400_000).toISOString(), reason: 'مرخصی استحقاقی' },
      principal.headers,
    );
    expect(d.statusCode).toBe(201);
    expect(d.json()).toMatchObject({ principalId: principal.id, delegateId: delegate.id, status: 'active', revokedAt: null });
    expect((await auditOf(d.json().id))[0]).toMatchObject({ action: 'delegation.create', actor_id: principal.id, agency_id: a.id });

    const switched = await post('/auth/act-for', { id: principal.id }, delegate.headers);
    expect(switched.statusCode).toBe(200);
    expect(switched.json()).toMatchObject({ id: delegate.id, onBehalfOf: { id: principal.id } });
    expect(switched.json().roles.map((r: { role: string }) => r.role).sort()).toEqual(['agency_admin', 'unit_manager']);

    const unit = await post(`/admin/agencies/${a.id}/units`, { nameFa: 'واحد ساخته جانشین', kind: 'operational' }, delegate.headers);
    expect(unit.statusCode).toBe(201);
    const [entry] = await auditOf(unit.json().id);
    expect(entry).toMatchObject({ action: 'org_unit.create', actor_type: 'staff', actor_id: delegate.id, on_behalf_of_id: principal.id });
    expect(await eventsOf(unit.json().id)).toEqual([expect.objectContaining({ actor_id: delegate.id, on_behalf_of_id: principal.id })]);

    // The delegate may not pass the principal's work on, nor change the principal's roles.
    const on = await post(
      '/admin/delegations',
      { principalId: principal.id, delegateId: (await buildStaff(t, a.id)).id, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 86_400_000).toISOString(), reason: 'واگذاری دوباره' },
      delegate.headers,
    );
    expect(on.json().error.code).toBe('REDELEGATION_FORBIDDEN');
    expect((await post(`/admin/staff/${principal.id}/roles`, { role: 'expert', agencyId: a.id }, delegate.headers)).json().error.code).toBe('OWN_ROLES_LOCKED');
    expect((await post(`/admin/staff/${delegate.id}/roles`, { role: 'secretariat', agencyId: a.id }, delegate.headers)).json().error.code).toBe('OWN_ROLES_LOCKED');

    // Both see it; once revoked, the delegate is back to their own roles.
    expect((await get('/admin/delegations', { cookie: delegate.cookie })).json().map((x: { id: string }) => x.id)).toContain(d.json().id);
    const revoked = await post(`/admin/delegations/${d.json().id}/revoke`, {}, principal.headers);
    expect(revoked.json()).toMatchObject({ status: 'revoked' });
    expect((await post(`/admin/delegations/${d.json().id}/revoke`, {}, principal.headers)).statusCode).toBe(200);
    expect((await auditOf(d.json().id)).map((e) => e.action)).toEqual(['delegation.create', 'delegation.revoke']);
    const after = await get('/auth/session', { cookie: delegate.cookie });
    expect(after.json()).toMatchObject({ onBehalfOf: null, roles: [{ role: 'expert' }] });
  });

  it('lets anyone delegate only their own work; an administrator any within the agency', async () => {
    const a = await buildAgency(t);
    const b = await buildAgency(t);
    const manager = await staffSession(a.id, ['unit_manager']);
    const colleague = await buildStaff(t, a.id);
    const other = await buildStaff(t, a.id);
    const outsider = await buildStaff(t, b.id);
    const admin = await staffSession(a.id, ['agency_admin']);
    const now = t.clock.now().getTime();
    const win = { startsAt: new Date(now + 86_400_000).toISOString(), endsAt: new Date(now + 3 * 86_400_000).toISOString(), reason: 'مأموریت اداری' };
    expect((await post('/admin/delegations', { principalId: other.id, delegateId: colleague.id, ...win }, manager.headers)).statusCode).toBe(403);
    const own = await post('/admin/delegations', { principalId: manager.id, delegateId: colleague.id, ...win }, manager.headers);
    expect(own.json()).toMatchObject({ status: 'scheduled' });
    expect((await post('/admin/delegations', { principalId: other.id, delegateId: colleague.id, ...win }, admin.headers)).statusCode).toBe(201);
    const cross = await post('/admin/delegations', { principalId: manager.id, delegateId: outsider.id, ...win }, manager.headers);
    expect(cross.json().error.code).toBe('DELEGATE_NOT_ELIGIBLE');
    const backwards = await post('/admin/delegations', { principalId: manager.id, delegateId: colleague.id, ...win, endsAt: win.startsAt, startsAt: win.endsAt }, manager.headers);
    expect(backwards.json().error.code).toBe('DELEGATION_WINDOW_INVALID');
    // The manager sees their own; the administrator sees both of the agency; an admin of B neither.
    expect((await get('/admin/delegations', { cookie: manager.cookie })).json()).toHaveLength(1);
    expect((await get('/admin/delegations', { cookie: admin.cookie })).json()).toHaveLength(2);
    const adminB = await staffSession(b.id, ['agency_admin']);
    expect((await get('/admin/delegations', { cookie: adminB.cookie })).json()).toEqual([]);
    expect((await post(`/admin/delegations/${own.json().id}/revoke`, {}, adminB.headers)).statusCode).toBe(404);
    expect((await post('/admin/delegations', { principalId: other.id, delegateId: colleague.id, ...win }, adminB.headers)).statusCode).toBe(404);
  });
});

describe('API tokens for agencies’ systems', () => {
  it('issues a token once, stores only its hash, and lets the system use its scopes', async () => {
    const a = await buildAgency(t, { nameFa: 'سازمان ثبت' });
    const admin = await staffSession(a.id, ['agency_admin']);
    const res = await post('/admin/api-tokens', { agencyId: a.id, name: 'سامانه بایگانی', scopes: ['requests:read', 'catalogue:read', 'catalogue:read'] }, admin.headers);
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const { secret, id, prefix } = res.json();
    expect(secret).toMatch(/^dgh_[A-Za-z0-9_-]{40}$/);
    expect(secret.startsWith(prefix)).toBe(true);
    expect(res.json().scopes).toEqual(['catalogue:read', 'requests:read']);
    const [stored] = await t.ctx.database.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE id = $1', [id]);
    expect(stored!.token_hash).not.toContain(secret);
    expect(stored!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const listed = await get('/admin/api-tokens', admin.headers);
    expect(listed.json()).toEqual([expect.objectContaining({ id, prefix, revokedAt: null })]);
    expect(JSON.stringify(listed.json())).not.toContain(secret);

    const auth = { authorization: `Bearer ${secret}` };
    const who = await get('/agency-systems/whoami', auth);
    expect(who.statusCode).toBe(200);
    expect(who.json()).toEqual({ tokenId: id, agencyId: a.id, agencyName: 'سازمان ثبت', scopes: ['catalogue:read', 'requests:read'] });
    expect((await get(`/agency-systems/agencies/${a.id}/units`, auth)).statusCode).toBe(200);
    expect((await auditOf(id))[0]).toMatchObject({ action: 'api_token.create', actor_id: admin.id, agency_id: a.id });
  });

  it('refuses a token outside its scopes or agency with 403, audited', async () => {
    const a = await buildAgency(t);
    const b = await buildAgency(t);
    const res = await post('/admin/api-tokens', { agencyId: a.id, name: 'سامانه نامه', scopes: ['letters:deliver'] }, platform.headers);
    const auth = { authorization: `Bearer ${res.json().secret}` };
    const refused = await get('/agency-systems/whoami', auth);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    const read = await post('/admin/api-tokens', { agencyId: a.id, name: 'سامانه فهرست', scopes: ['catalogue:read'] }, platform.headers);
    const readAuth = { authorization: `Bearer ${read.json().secret}` };
    expect((await get(`/agency-systems/agencies/${b.id}/units`, readAuth)).statusCode).toBe(403);
    // And staff-only endpoints are not for systems.
    expect((await get('/admin/agencies', readAuth)).statusCode).toBe(403);

    const refusals = (id: string) => auditOf(id).then((es) => es.filter((e) => e.action === 'api_token.refused'));
    await expect.poll(() => refusals(res.json().id)).toHaveLength(1);
    expect((await refusals(res.json().id))[0]).toMatchObject({ actor_type: 'api_client', actor_id: res.json().id, details: { method: 'GET', path: '/api/v1/agency-systems/whoami' } });
    await expect.poll(() => refusals(read.json().id)).toHaveLength(2);
  });

  it('refuses a revoked token and an unknown one with 401', async () => {
    const a = await buildAgency(t);
    const admin = await staffSession(a.id, ['agency_admin']);
    const res = await post('/admin/api-tokens', { agencyId: a.id, name: 'سامانه موقت', scopes: ['catalogue:read'] }, admin.headers);
    const auth = { authorization: `Bearer ${res.json().secret}` };
    expect((await get('/agency-systems/whoami', auth)).statusCode).toBe(200);
    const revoked = await post(`/admin/api-tokens/${res.json().id}/revoke`, {}, admin.headers);
    expect(revoked.json().revokedAt).not.toBeNull();
    expect((await auditOf(res.json().id)).map((e) => e.action)).toContain('api_token.revoke');
    const after = await get('/agency-systems/whoami', auth);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
    expect((await get('/agency-systems/whoami', { authorization: `Bearer dgh_${'x'.repeat(40)}` })).statusCode).toBe(401);
    expect((await get('/agency-systems/whoami')).statusCode).toBe(401);
  });

  it('validates scopes against the fixed list', async () => {
    const a = await buildAgency(t);
    const res = await post('/admin/api-tokens', { agencyId: a.id, name: 'سامانه', scopes: ['everything'] }, platform.headers);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toEqual([expect.objectContaining({ field: 'body.scopes.0', code: 'invalid_value' })]);
  });
});

describe('OpenAPI', () => {
  it('documents the administration endpoints under the tag of the organisation module', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    for (const p of ['/api/v1/agencies', '/api/v1/admin/agencies/{id}', '/api/v1/admin/staff/{id}/roles', '/api/v1/admin/api-tokens', '/api/v1/agency-systems/whoami']) {
      expect(doc.paths[p], p).toBeDefined();
    }
    expect(doc.paths['/api/v1/admin/agencies/{id}'].put.tags).toEqual(['organisation']);
    expect(doc.paths['/api/v1/admin/staff/{id}/roles'].delete.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/admin/agencies/{id}/units'].post.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'idempotency-key' })]));
  });
});
