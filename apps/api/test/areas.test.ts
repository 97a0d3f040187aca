import { AREA_NAMES, type AreaName, type Areas } from '@dargah/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/platform/actor';
import * as orgRepo from '../src/modules/organisation/organisation.repository';
import { buildTestApp, type TestApp } from './app';
import { buildAgency, buildStaff, signInCitizen, signInStaff, type Session } from './factories';

/*
 * The areas a person may open (issue 8 §2) come with the session. For every role, and a few
 * combinations, this file pins what the session offers and proves the server agrees: an area
 * offered is never refused (no 401/403 on its entry endpoint), an area withheld is refused (403).
 */

let t: TestApp;
const ag = {} as Record<'parent' | 'child', string>;

type Persona =
  | 'clerk'
  | 'expert'
  | 'manager'
  | 'secretariat'
  | 'leafAdmin'
  | 'parentAdmin'
  | 'central'
  | 'auditor'
  | 'platform'
  | 'clerkAdmin'
  | 'callCentre'
  | 'evaluator'
  | 'counter'
  | 'citizen';

const sessions = {} as Record<Persona, Session>;
const agencyOf = {} as Record<Persona, string>;

/** What each persona's session must offer (every other area: false). */
const OFFERED: Record<Persona, AreaName[]> = {
  clerk: ['staff', 'cartable', 'documents', 'walkIn'],
  expert: ['staff', 'cartable', 'catalogue', 'catalogueDrafting', 'documents'],
  manager: ['staff', 'cartable', 'deskReports', 'documents', 'feedback', 'counterWork'],
  secretariat: ['staff', 'documents'],
  leafAdmin: ['staff', 'catalogue', 'catalogueDrafting', 'licences', 'reports', 'deskReports', 'deskScorecard', 'auditLog', 'administration', 'holidayCalendar', 'documents', 'signerKeyUnlock', 'feedback', 'counterWork'],
  parentAdmin: ['staff', 'catalogue', 'catalogueDrafting', 'catalogueReview', 'licences', 'reports', 'deskReports', 'deskScorecard', 'auditLog', 'administration', 'holidayCalendar', 'documents', 'signerKeyUnlock', 'feedback', 'counterWork'],
  central: ['staff', 'catalogue', 'catalogueReview', 'deliveryReview', 'architecture', 'licences', 'reports', 'deskReports', 'deskScorecard', 'holidayCalendar', 'documents'],
  auditor: ['staff', 'catalogue', 'deliveryReview', 'architecture', 'licences', 'reports', 'deskReports', 'deskScorecard', 'auditLog', 'operations', 'documents'],
  platform: [
    'staff',
    'catalogue',
    'catalogueReview',
    'deliveryReview',
    'architecture',
    'licences',
    'reports',
    'deskReports',
    'deskScorecard',
    'auditLog',
    'operations',
    'administration',
    'holidayCalendar',
    'documents',
    'signerKeyUnlock',
  ],
  clerkAdmin: ['staff', 'cartable', 'catalogue', 'catalogueDrafting', 'licences', 'reports', 'deskReports', 'deskScorecard', 'auditLog', 'administration', 'holidayCalendar', 'documents', 'signerKeyUnlock', 'feedback', 'walkIn', 'counterWork'],
  callCentre: ['staff', 'documents', 'callCentre'],
  evaluator: ['staff', 'documents', 'deskScorecard'],
  counter: ['staff', 'documents', 'counterDesk'],
  citizen: ['me'],
};

/**
 * The endpoint that opens each area, and whether the server refuses the people the area is not
 * offered to. The service cards and the licence register are readable by every staff member
 * (their own agency's); the areas are offered to those whose work they are, so a withheld one is
 * not necessarily refused.
 */
interface Probe {
  method?: 'GET' | 'POST';
  url: string;
  payload?: object;
}
const ENTRY: Record<AreaName, { call: (p: Persona) => Probe; refusesOthers: boolean }> = {
  me: { call: () => ({ url: '/api/v1/me/profile' }), refusesOthers: true },
  staff: { call: () => ({ url: '/api/v1/catalogue/cards/counts' }), refusesOthers: true },
  cartable: { call: () => ({ url: '/api/v1/cartable' }), refusesOthers: true },
  catalogue: { call: () => ({ url: '/api/v1/catalogue/cards' }), refusesOthers: false },
  catalogueDrafting: {
    call: (p) => ({ method: 'POST', url: '/api/v1/catalogue/cards', payload: { agencyId: agencyOf[p], content: { title: `پیش‌نویس ${p}` } } }),
    refusesOthers: true,
  },
  catalogueReview: { call: () => ({ url: '/api/v1/catalogue/review-queue' }), refusesOthers: true },
  deliveryReview: { call: () => ({ url: '/api/v1/catalogue/delivery-review' }), refusesOthers: true },
  architecture: { call: () => ({ url: '/api/v1/catalogue/architecture/gaps' }), refusesOthers: true },
  licences: { call: () => ({ url: '/api/v1/catalogue/licences' }), refusesOthers: false },
  reports: { call: () => ({ url: '/api/v1/catalogue/delivery-reports' }), refusesOthers: true },
  deskReports: { call: () => ({ url: '/api/v1/desk-reports' }), refusesOthers: true },
  deskScorecard: { call: () => ({ url: '/api/v1/desk-scorecard' }), refusesOthers: true },
  auditLog: { call: () => ({ url: '/api/v1/audit/entries' }), refusesOthers: true },
  operations: { call: () => ({ url: '/api/v1/audit/status' }), refusesOthers: true },
  administration: { call: () => ({ url: '/api/v1/admin/agencies' }), refusesOthers: true },
  // Capabilities answer every staff member (all false for most); the changes themselves refuse.
  holidayCalendar: { call: () => ({ url: '/api/v1/calendar/capabilities' }), refusesOthers: false },
  documents: { call: () => ({ url: '/api/v1/documents/to-sign' }), refusesOthers: true },
  signerKeyUnlock: { call: () => ({ url: '/api/v1/documents/signer-keys/locked' }), refusesOthers: true },
  callCentre: { call: () => ({ url: '/api/v1/call-centre' }), refusesOthers: true },
  feedback: { call: () => ({ url: '/api/v1/feedback/summary' }), refusesOthers: true },
  counterDesk: { call: () => ({ url: '/api/v1/counter' }), refusesOthers: true },
  walkIn: { call: () => ({ url: '/api/v1/walk-in' }), refusesOthers: true },
  counterWork: { call: (p) => ({ url: `/api/v1/agencies/${agencyOf[p]}/counter-work` }), refusesOthers: true },
};

const ROLES: Record<Exclude<Persona, 'citizen'>, { agency: 'parent' | 'child'; roles: Array<Role | { role: Role; includeSubagencies: boolean }> }> = {
  clerk: { agency: 'child', roles: ['desk_clerk'] },
  expert: { agency: 'child', roles: ['expert'] },
  manager: { agency: 'child', roles: ['unit_manager'] },
  secretariat: { agency: 'child', roles: ['secretariat'] },
  leafAdmin: { agency: 'child', roles: ['agency_admin'] },
  parentAdmin: { agency: 'parent', roles: [{ role: 'agency_admin', includeSubagencies: true }] },
  central: { agency: 'parent', roles: [{ role: 'central_reviewer', includeSubagencies: true }] },
  auditor: { agency: 'parent', roles: [{ role: 'oversight_auditor', includeSubagencies: true }] },
  platform: { agency: 'parent', roles: ['platform_admin'] },
  clerkAdmin: { agency: 'child', roles: ['desk_clerk', 'agency_admin'] },
  callCentre: { agency: 'child', roles: ['call_centre_operator'] },
  evaluator: { agency: 'child', roles: ['provincial_evaluator'] },
  counter: { agency: 'child', roles: ['counter_operator'] },
};

const areasOf = async (s: Session) => {
  const res = await t.app.inject({ url: '/api/v1/auth/session', headers: s.headers });
  expect(res.statusCode).toBe(200);
  return res.json<{ areas: Areas }>().areas;
};
const offered = (areas: Areas) => AREA_NAMES.filter((a) => areas[a]);

beforeAll(async () => {
  t = await buildTestApp();
  ag.parent = (await buildAgency(t, { nameFa: 'وزارت آزمایشی', kind: 'ministry' })).id;
  ag.child = (await buildAgency(t, { nameFa: 'سازمان آزمایشی', parentId: ag.parent })).id;
  for (const [p, spec] of Object.entries(ROLES) as Array<[Exclude<Persona, 'citizen'>, (typeof ROLES)[keyof typeof ROLES]]>) {
    const s = await buildStaff(t, ag[spec.agency], spec.roles);
    agencyOf[p] = ag[spec.agency];
    sessions[p] = await signInStaff(t, s.username);
    // A counter operator works at a counter office (office_operators, kept by the central organisation).
    if (p === 'counter') {
      const [office] = await t.ctx.database.query<{ id: string }>(
        "INSERT INTO service_offices (kind, code, name, province, address, created_at, updated_at) VALUES ('counter', '90001', 'دفتر آزمایشی', 'تهران', 'تهران، خیابان آزمایش', now(), now()) RETURNING id",
      );
      await t.ctx.database.query('INSERT INTO office_operators (staff_id, office_id, linked_at) VALUES ($1, $2, now())', [s.id, office!.id]);
    }
  }
  sessions.citizen = await signInCitizen(t);
});
afterAll(() => t.close());

describe('the areas of the session', () => {
  it.each(Object.keys(OFFERED) as Persona[])('%s is offered exactly its areas', async (p) => {
    expect(offered(await areasOf(sessions[p]))).toEqual(AREA_NAMES.filter((a) => OFFERED[p].includes(a)));
  });

  it('come with every answer that carries the session: sign-in and act-for too', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username: 'nobody', password: 'x' } });
    expect(login.statusCode).toBe(401);
    const s = await buildStaff(t, ag.child, ['expert']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/staff/login',
      payload: { username: s.username, password: 'Dargah-test-1404' },
      remoteAddress: '10.9.9.9',
    });
    expect(offered(res.json<{ areas: Areas }>().areas)).toEqual(['staff', 'cartable', 'catalogue', 'catalogueDrafting', 'documents']);
  });

  it('follow the principal while a delegate acts for them, and come back after', async () => {
    const db = t.ctx.database.db;
    const now = t.clock.now();
    const principal = await buildStaff(t, ag.child, ['agency_admin']);
    const delegate = await buildStaff(t, ag.child, ['desk_clerk']);
    await orgRepo.insertDelegation(
      db,
      { principalId: principal.id, delegateId: delegate.id, startsAt: now, endsAt: new Date(now.getTime() + 86_400_000), reason: 'مرخصی', createdBy: principal.id },
      now,
    );
    const s = await signInStaff(t, delegate.username);
    expect(offered(await areasOf(s))).toEqual(['staff', 'cartable', 'documents', 'walkIn']);
    const acting = await t.app.inject({ method: 'POST', url: '/api/v1/auth/act-for', headers: s.headers, payload: { id: principal.id } });
    expect(acting.statusCode).toBe(200);
    expect(offered(acting.json<{ areas: Areas }>().areas)).toEqual(AREA_NAMES.filter((a) => OFFERED.leafAdmin.includes(a)));
    // The server agrees: the delegate may now open administration, and no longer the cartable.
    expect((await t.app.inject({ url: '/api/v1/admin/agencies', headers: s.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/cartable', headers: s.headers })).statusCode).toBe(403);
    const back = await t.app.inject({ method: 'POST', url: '/api/v1/auth/act-for', headers: s.headers, payload: { id: null } });
    expect(offered(back.json<{ areas: Areas }>().areas)).toEqual(['staff', 'cartable', 'documents', 'walkIn']);
  });

  it('are not sent to nobody', async () => {
    // Nobody signed in is a normal answer of the session check (no console error in the browser).
    const res = await t.app.inject({ url: '/api/v1/auth/session' });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
  });
});

describe('the server agrees with the areas', () => {
  const personas = Object.keys(OFFERED) as Persona[];
  it.each(personas)('%s: every area offered opens, every area withheld is refused', async (p) => {
    const areas = await areasOf(sessions[p]);
    for (const area of AREA_NAMES) {
      const entry = ENTRY[area];
      const res = await t.app.inject({ ...entry.call(p), headers: sessions[p].headers });
      if (areas[area]) {
        expect([p, area, res.statusCode]).toEqual([p, area, expect.toSatisfy((n: number) => n >= 200 && n < 300)]);
      } else if (entry.refusesOthers) {
        expect([p, area, res.statusCode]).toEqual([p, area, 403]);
      }
    }
  });

  it('the review-queue counts open exactly for those offered the review queue', async () => {
    for (const p of personas) {
      const res = await t.app.inject({ url: '/api/v1/catalogue/review-queue/counts', headers: sessions[p].headers });
      expect([p, res.statusCode]).toEqual([p, OFFERED[p].includes('catalogueReview') ? 200 : 403]);
    }
  });
});
