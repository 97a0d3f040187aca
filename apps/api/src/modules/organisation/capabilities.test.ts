import { randomUUID } from 'node:crypto';
import { ROLES } from '@dargah/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, nextAddress, randomLegalId, randomMobile, signInStaff, type Session } from '../../../test/factories';
import * as repo from './organisation.repository';
import * as identity from '../identity';

/**
 * The capabilities each screen asks for agree with what the operations then do, for several
 * people: true ⇒ the operation is accepted, false ⇒ it is refused with 403 or 404. An object the
 * person may not see answers 404 and counts as "all false".
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const V1 = '/api/v1';
type Res = Awaited<ReturnType<TestApp['app']['inject']>>;
const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: Session, payload?: object): Promise<Res> =>
  t.app.inject({ method, url: V1 + url, headers: who.headers, remoteAddress: nextAddress(), ...(payload ? { payload } : {}) });

/** The capabilities, or null when the object answers 404 (anything else fails the test). */
async function caps<T>(url: string, who: Session): Promise<T | null> {
  const res = await call('GET', url, who);
  if (res.statusCode === 404) return null;
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
}

/** The operation did what the capability said. */
function agrees(label: string, capability: boolean, res: Res) {
  const verdict = capability ? res.statusCode >= 200 && res.statusCode < 300 : [403, 404].includes(res.statusCode);
  expect(verdict, `${label}: capability ${capability}, answer ${res.statusCode} ${res.body}`).toBe(true);
}

// The world: a ministry, agency A under it, a sub-agency S under A, and another agency B.
let ministry: repo.AgencyRow;
let a: repo.AgencyRow;
let s: repo.AgencyRow;
let b: repo.AgencyRow;
const actors: Record<string, Session & { id: string }> = {};

beforeAll(async () => {
  ministry = await buildAgency(t, { kind: 'ministry' });
  a = await buildAgency(t, { parentId: ministry.id });
  s = await buildAgency(t, { parentId: a.id, kind: 'provincial_office' });
  b = await buildAgency(t);
  await repo.insertUnit(t.ctx.database.db, { agencyId: a.id, parentId: null, nameFa: 'واحد الف', nameEn: null, kind: 'operational', code: null }, t.clock.now());
  const where = { ministry, a, s, b };
  for (const [name, [agency, roles]] of Object.entries(PEOPLE)) {
    const p = await buildStaff(t, where[agency].id, roles);
    actors[name] = { ...(await signInStaff(t, p.username)), id: p.id };
  }
});

/** Who asks, in which agency, with which roles. */
const PEOPLE: Record<string, ['ministry' | 'a' | 's' | 'b', Parameters<typeof buildStaff>[2]]> = {
  'platform administrator': ['b', ['platform_admin']],
  'administrator of the agency': ['a', ['agency_admin']],
  'administrator of the parent, with its sub-agencies': ['ministry', [{ role: 'agency_admin', includeSubagencies: true }]],
  'administrator of a sub-agency': ['s', ['agency_admin']],
  'administrator of another agency': ['b', ['agency_admin']],
  'a clerk of the agency': ['a', ['desk_clerk']],
};
const names = () => Object.keys(PEOPLE);

describe('capabilities agree with the operations', () => {
  it.each(names())('the administration area, for %s', async (name) => {
    const who = actors[name]!;
    const c = (await caps<{ createAgency: boolean; allAgencies: boolean; agencyIds: string[] }>('/admin/capabilities', who))!;
    agrees('createAgency', c.createAgency, await call('POST', '/admin/agencies', who, { legalId: randomLegalId(), nameFa: 'دستگاه تازه', kind: 'organisation' }));
    // The agencies it names are the ones the person administers.
    const listed = await call('GET', '/admin/agencies', who);
    if (c.allAgencies || c.agencyIds.length > 0) {
      const ids = listed.json().map((x: { id: string }) => x.id);
      if (!c.allAgencies) expect(ids.sort()).toEqual([...c.agencyIds].sort());
    } else expect(listed.statusCode).toBe(403);
  });

  it.each(names())('agency A, for %s', async (name) => {
    const who = actors[name]!;
    type C = { edit: boolean; changeLegalIdOrParent: boolean; createUnit: boolean; editUnits: boolean; createStaff: boolean; issueApiToken: boolean; grantableRoles: string[] };
    const c = (await caps<C>(`/agencies/${a.id}/capabilities`, who)) ?? { edit: false, changeLegalIdOrParent: false, createUnit: false, editUnits: false, createStaff: false, issueApiToken: false, grantableRoles: [] };
    const current = async () => (await repo.findAgency(t.ctx.database.db, a.id))!;
    const body = (x: repo.AgencyRow) => ({ legalId: x.legalId, nameFa: x.nameFa, kind: x.kind, parentId: x.parentId, version: x.version });
    agrees('edit', c.edit, await call('PUT', `/admin/agencies/${a.id}`, who, { ...body(await current()), nameFa: `دستگاه الف ${name}` }));
    agrees('changeLegalIdOrParent', c.changeLegalIdOrParent, await call('PUT', `/admin/agencies/${a.id}`, who, { ...body(await current()), legalId: randomLegalId() }));
    const unit = await call('POST', `/admin/agencies/${a.id}/units`, who, { nameFa: 'واحد تازه', kind: 'operational' });
    agrees('createUnit', c.createUnit, unit);
    const anyUnit = (await repo.listUnits(t.ctx.database.db, a.id))[0]!;
    agrees('editUnits', c.editUnits, await call('PUT', `/admin/units/${anyUnit.id}`, who, { nameFa: anyUnit.nameFa, kind: anyUnit.kind, version: anyUnit.version }));
    agrees('issueApiToken', c.issueApiToken, await call('POST', '/admin/api-tokens', who, { agencyId: a.id, name: 'سامانه', scopes: ['catalogue:read'] }));
    const newStaff = (roles: object[]) => ({ username: `n.${randomUUID().slice(0, 8)}`, displayName: 'کارمند تازه', password: 'Pazir-1404-amn', roles });
    agrees('createStaff', c.createStaff, await call('POST', `/admin/agencies/${a.id}/staff`, who, newStaff([])));
    for (const role of ROLES) {
      agrees(`grant ${role} at creation`, c.grantableRoles.includes(role), await call('POST', `/admin/agencies/${a.id}/staff`, who, newStaff([{ role, agencyId: a.id }])));
    }
  });

  it.each(names())('a staff member of agency A, and themselves, for %s', async (name) => {
    const who = actors[name]!;
    const colleague = await buildStaff(t, a.id, ['desk_clerk']);
    for (const target of [(await buildStaff(t, a.id, ['desk_clerk'], { mobile: randomMobile() })).id, who.id]) {
      type C = { edit: boolean; changeRoles: boolean; grantableRoles: string[]; deactivate: boolean; reactivate: boolean; unlock: boolean; resetPassword: boolean; delegate: boolean };
      const none: C = { edit: false, changeRoles: false, grantableRoles: [], deactivate: false, reactivate: false, unlock: false, resetPassword: false, delegate: false };
      const c = (await caps<C>(`/staff/${target}/capabilities`, who)) ?? none;
      const label = (op: string) => `${op} of ${target === who.id ? 'themselves' : 'a staff member'}`;
      const me = (await call('GET', `/admin/staff/${target}`, who)).json();
      agrees(label('edit'), c.edit, await call('PUT', `/admin/staff/${target}`, who, { displayName: 'نام تازه', mobile: randomMobile(), version: me.version ?? 1 }));
      for (const role of ROLES) {
        const res = await call('POST', `/admin/staff/${target}/roles`, who, { role, agencyId: a.id });
        // Granting where the person is not in agency A's administration: the agency itself answers 404.
        agrees(label(`grant ${role}`), c.grantableRoles.includes(role), res);
      }
      expect(c.changeRoles).toBe(c.grantableRoles.length > 0);
      agrees(label('unlock'), c.unlock, await call('POST', `/admin/staff/${target}/unlock`, who));
      agrees(label('resetPassword'), c.resetPassword, await call('POST', `/admin/staff/${target}/password-reset`, who));
      const delegation = await call('POST', '/admin/delegations', who, {
        principalId: target,
        delegateId: colleague.id,
        startsAt: t.clock.now().toISOString(),
        endsAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
        reason: 'مرخصی استحقاقی',
      });
      // The delegate must be a colleague of the principal's agency: only the authorisation is compared.
      if (delegation.statusCode === 400) expect(delegation.json().error.code).toBe('DELEGATE_NOT_ELIGIBLE');
      else agrees(label('delegate'), c.delegate, delegation);
      agrees(label('deactivate'), c.deactivate, await call('POST', `/admin/staff/${target}/deactivate`, who));
      agrees(label('reactivate'), c.reactivate, await call('POST', `/admin/staff/${target}/reactivate`, who));
    }
  });

  it.each(names())('a delegation and an API token of agency A, for %s', async (name) => {
    const who = actors[name]!;
    const db = t.ctx.database.db;
    const now = t.clock.now();
    const [principal, delegate] = [await buildStaff(t, a.id), await buildStaff(t, a.id)];
    const window = { startsAt: now, endsAt: new Date(now.getTime() + 86_400_000), reason: 'مأموریت', createdBy: principal.id };
    const theirs = await repo.insertDelegation(db, { principalId: principal.id, delegateId: delegate.id, ...window }, now);
    // And one naming the person: its principal may end it, whoever administers.
    const own = await repo.insertDelegation(db, { principalId: who.id, delegateId: (await buildStaff(t, (await repo.findStaff(db, who.id))!.agencyId)).id, ...window, createdBy: who.id }, now);
    for (const id of [theirs, own]) {
      const c = (await caps<{ end: boolean }>(`/delegations/${id}/capabilities`, who)) ?? { end: false };
      agrees(`end delegation ${id === own ? '(their own)' : ''}`, c.end, await call('POST', `/admin/delegations/${id}/revoke`, who));
    }
    const token = await identity.insertApiToken(db, { agencyId: a.id, name: 'سامانه', tokenHash: randomUUID(), prefix: 'dgh_test', scopes: ['catalogue:read'], createdBy: null }, now);
    const c = (await caps<{ revoke: boolean }>(`/api-tokens/${token.id}/capabilities`, who)) ?? { revoke: false };
    agrees('revoke token', c.revoke, await call('POST', `/admin/api-tokens/${token.id}/revoke`, who));
  });

  it('is not vacuous: each kind of person gets a different mix of true and false', async () => {
    const agencyCaps = async (n: string) => (await caps<{ createStaff: boolean; changeLegalIdOrParent: boolean; grantableRoles: string[] }>(`/agencies/${a.id}/capabilities`, actors[n]!));
    expect(await agencyCaps('platform administrator')).toMatchObject({ createStaff: true, changeLegalIdOrParent: true, grantableRoles: [...ROLES] });
    expect(await agencyCaps('administrator of the agency')).toMatchObject({ createStaff: true, changeLegalIdOrParent: false, grantableRoles: ROLES.filter((r) => !['central_reviewer', 'oversight_auditor', 'platform_admin', 'counter_operator', 'provincial_evaluator'].includes(r)) });
    expect(await agencyCaps('administrator of the parent, with its sub-agencies')).toMatchObject({ createStaff: true });
    for (const n of ['administrator of a sub-agency', 'administrator of another agency', 'a clerk of the agency']) expect(await agencyCaps(n)).toBeNull();
    const self = actors['administrator of the agency']!;
    expect(await caps(`/staff/${self.id}/capabilities`, self)).toMatchObject({ edit: true, deactivate: false, changeRoles: false, resetPassword: false, delegate: true });
    const clerk = actors['a clerk of the agency']!;
    expect(await caps(`/staff/${clerk.id}/capabilities`, clerk)).toEqual({ edit: false, changeRoles: false, grantableRoles: [], deactivate: false, reactivate: false, unlock: false, resetPassword: false, delegate: true });
    expect(await caps('/admin/capabilities', clerk)).toEqual({ createAgency: false, allAgencies: false, agencyIds: [] });
  });
});
