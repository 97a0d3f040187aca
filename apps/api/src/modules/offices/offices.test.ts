import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { sealAuditNow } from '../../../test/audit';
import { buildAgency, buildStaff, signInStaff, type Session } from '../../../test/factories';
import { createService } from '../services';

/*
 * The directory of counter and post offices: registered centrally, services delegated by their
 * agency's administrators, read by anyone, by province; each change with its event and audit entry.
 */
let t: TestApp;
const s: Record<string, Session> = {};
let serviceA: string;
let unpublishedA: string;
let serviceB: string;
beforeAll(async () => {
  t = await buildTestApp();
  const a = await buildAgency(t, { nameFa: 'اداره کل دفاتر الف' });
  const b = await buildAgency(t, { nameFa: 'اداره کل دفاتر ب' });
  const svc = (agencyId: string, published = true) =>
    createService(t.ctx.database.db, { agencyId, titleFa: 'خدمت پیشخوانی', titleEn: 'Counter service', descriptionFa: 'آزمایشی', recipients: 'G2C', normDays: 3, formSchema: { type: 'object', properties: {} }, published }, t.clock.now());
  serviceA = await svc(a.id);
  unpublishedA = await svc(a.id, false);
  serviceB = await svc(b.id);
  const mk = async (agencyId: string, roles: string[]) => signInStaff(t, (await buildStaff(t, agencyId, roles as never)).username);
  s.central = await mk(a.id, ['central_reviewer']);
  s.adminA = await mk(a.id, ['agency_admin']);
  s.adminB = await mk(b.id, ['agency_admin']);
  s.clerkA = await mk(a.id, ['desk_clerk']);
});
afterAll(() => t?.close());

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who?: Session, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });
let n = 0;
const office = (o: Record<string, unknown> = {}) => ({ kind: 'counter', code: `${41000 + ++n}`, name: `دفتر پیشخوان ${n}`, province: 'اصفهان', address: 'اصفهان، خیابان چهارباغ، پلاک ۱۲', phone: '۰۳۱-۳۲۲۲۳۳۴۴', ...o });

describe('the offices directory', () => {
  it('the central organisation registers an office (Persian digits accepted), anyone finds it by province with the services delegated to it', async () => {
    const created = await call('POST', '/offices', s.central, office({ code: '۴۱۷۷۷', province: 'يزد' }));
    expect(created.statusCode).toBe(201);
    const o = created.json();
    expect(o).toMatchObject({ code: '41777', province: 'یزد', phone: '03132223344', active: true, services: [] });
    expect((await call('PUT', `/offices/${o.id}/services/${serviceA}`, s.adminA)).json().services).toMatchObject([{ serviceId: serviceA, title: 'خدمت پیشخوانی', agencyName: 'اداره کل دفاتر الف' }]);
    const found = (await call('GET', `/offices?province=${encodeURIComponent('يزد')}`)).json();
    expect(found.items.map((x: { id: string }) => x.id)).toContain(o.id);
    expect(found.items.every((x: { province: string }) => x.province === 'یزد')).toBe(true);
    const byService = (await call('GET', `/offices?serviceId=${serviceA}`)).json();
    expect(byService.items.map((x: { id: string }) => x.id)).toEqual([o.id]);
    await sealAuditNow(t.ctx.database);
    const audits = await t.ctx.database.query<{ action: string }>("SELECT action FROM audit_entries WHERE object_type = 'service_office' AND object_id = $1 ORDER BY seq", [o.id]);
    expect(audits.map((a) => a.action)).toEqual(['service_office.register', 'service_office.delegate']);
  });

  it('refuses a second office of the kind with the same number, and a bad number or phone, changing nothing', async () => {
    const first = office();
    expect((await call('POST', '/offices', s.central, first)).statusCode).toBe(201);
    const again = await call('POST', '/offices', s.central, { ...first, name: 'دفتر دیگر' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('OFFICE_CODE_TAKEN');
    expect((await call('POST', '/offices', s.central, { ...first, kind: 'post' })).statusCode).toBe(201); // the post numbers its own offices
    for (const bad of [{ code: '12' }, { code: '12a45' }, { phone: '123' }, { name: 'x' }, { extra: 1 }]) {
      const res = await call('POST', '/offices', s.central, office(bad));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('sixteen registrations of one number at once make one office', async () => {
    const same = office();
    const answers = await Promise.all(Array.from({ length: 16 }, () => call('POST', '/offices', s.central, same)));
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.statusCode === 409)).toHaveLength(15);
  });

  it('only the central organisation registers or edits offices; only the service’s agency administrators delegate it', async () => {
    for (const who of [s.adminA, s.clerkA]) expect((await call('POST', '/offices', who, office())).statusCode).toBe(403);
    expect((await call('POST', '/offices', undefined, office())).statusCode).toBe(401);
    const o = (await call('POST', '/offices', s.central, office())).json();
    expect((await call('PUT', `/offices/${o.id}`, s.adminA, { name: 'تغییر', province: 'اصفهان', address: 'نشانی تازه دفتر', active: true, version: o.version })).statusCode).toBe(403);
    expect((await call('PUT', `/offices/${o.id}/services/${serviceA}`, s.adminB)).statusCode).toBe(403);
    expect((await call('PUT', `/offices/${o.id}/services/${serviceA}`, s.clerkA)).statusCode).toBe(403);
    expect((await call('PUT', `/offices/${o.id}/services/${serviceB}`, s.adminB)).statusCode).toBe(200);
    expect((await call('DELETE', `/offices/${o.id}/services/${serviceB}`, s.adminA)).statusCode).toBe(403);
    const unpublished = await call('PUT', `/offices/${o.id}/services/${unpublishedA}`, s.adminA);
    expect(unpublished.json().error.code).toBe('OFFICE_SERVICE_NOT_DELEGABLE');
  });

  it('delegating twice or withdrawing twice changes nothing more; a closed office takes no service and leaves the directory', async () => {
    const o = (await call('POST', '/offices', s.central, office({ province: 'کرمان' }))).json();
    expect((await call('PUT', `/offices/${o.id}/services/${serviceA}`, s.adminA)).statusCode).toBe(200);
    expect((await call('PUT', `/offices/${o.id}/services/${serviceA}`, s.adminA)).json().services).toHaveLength(1);
    expect((await call('DELETE', `/offices/${o.id}/services/${serviceA}`, s.adminA)).json().services).toHaveLength(0);
    expect((await call('DELETE', `/offices/${o.id}/services/${serviceA}`, s.adminA)).statusCode).toBe(200);
    await sealAuditNow(t.ctx.database);
    const audits = await t.ctx.database.query<{ action: string }>("SELECT action FROM audit_entries WHERE object_type = 'service_office' AND object_id = $1 ORDER BY seq", [o.id]);
    expect(audits.map((a) => a.action)).toEqual(['service_office.register', 'service_office.delegate', 'service_office.withdraw']);

    const closed = await call('PUT', `/offices/${o.id}`, s.central, { name: o.name, province: o.province, address: o.address, active: false, version: o.version });
    expect(closed.json()).toMatchObject({ active: false, version: o.version + 1 });
    const stale = await call('PUT', `/offices/${o.id}`, s.central, { name: o.name, province: o.province, address: o.address, active: true, version: o.version });
    expect(stale.json().error.code).toBe('CONFLICT');
    expect((await call('PUT', `/offices/${o.id}/services/${serviceA}`, s.adminA)).json().error.code).toBe('OFFICE_INACTIVE');
    expect((await call('GET', `/offices?province=${encodeURIComponent('کرمان')}`)).json().items).toEqual([]);
    expect((await call('GET', `/offices/${o.id}`)).json().active).toBe(false);
    expect((await call('GET', `/offices/00000000-0000-4000-8000-000000000000`)).json().error.code).toBe('OFFICE_NOT_FOUND');
  });

  it('pages the directory with a total and the next offset', async () => {
    for (let i = 0; i < 3; i++) await call('POST', '/offices', s.central, office({ province: 'سمنان' }));
    const first = (await call('GET', `/offices?province=${encodeURIComponent('سمنان')}&limit=2`)).json();
    expect(first).toMatchObject({ total: 3, nextOffset: 2 });
    expect(first.items).toHaveLength(2);
    const last = (await call('GET', `/offices?province=${encodeURIComponent('سمنان')}&limit=2&offset=2`)).json();
    expect(last).toMatchObject({ total: 3, nextOffset: null });
  });
});
