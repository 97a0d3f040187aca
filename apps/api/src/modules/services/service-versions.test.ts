import { SIMPLE_APPROVAL } from '../../platform/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { sealAuditNow } from '../../../test/audit';
import { buildAgency, buildStaff, linkToApprovedCard, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import { createService, type NewService } from '.';

/*
 * A desk service's versions (issue 11 item 1): the agency's administrator drafts, edits and publishes
 * a version; publishing needs an approved card in force; a request stays on the version it was
 * submitted on while a later one is published; every refusal has its code and changes nothing.
 */

let t: TestApp;
let agency: string;
let linked: string;
let unlinked: string;
let expired: string;
let admin: Session;
let clerk: Session;
let otherAdmin: Session;
const DAY = 86_400_000;
/** The draft version 2 of `linked`, as last answered. */
let draft: VersionView;

const FORM_V1 = { type: 'object', required: ['note'], properties: { note: { type: 'string', title: 'یادداشت', maxLength: 50 } } };
const UI_V2 = { 'ui:order': ['postalCode', '*'], postalCode: { 'ui:help': 'ده رقم' } };
const FORM_V2 = {
  type: 'object',
  required: ['postalCode'],
  properties: { postalCode: { type: 'string', title: 'کد پستی', format: 'ir-postal-code' }, note: { type: 'string', title: 'توضیح' } },
};

const service = (titleFa: string): NewService => ({
  agencyId: agency,
  titleFa,
  titleEn: null,
  descriptionFa: 'شرح',
  recipients: 'G2C',
  normDays: 5,
  formSchema: FORM_V1,
  published: true,
});

beforeAll(async () => {
  t = await buildTestApp();
  agency = (await buildAgency(t, { nameFa: 'دستگاه نسخه‌ها' })).id;
  const other = (await buildAgency(t, { nameFa: 'دستگاه دیگر' })).id;
  const now = t.clock.now();
  linked = await createService(t.ctx.database.db, service('خدمت نسخه‌دار'), now);
  unlinked = await createService(t.ctx.database.db, service('خدمت بی‌شناسنامه'), now);
  expired = await createService(t.ctx.database.db, service('خدمت با شناسنامه‌ی منقضی'), now);
  await linkToApprovedCard(t, linked);
  await linkToApprovedCard(t, expired, { approvedAt: new Date(now.getTime() - 400 * DAY) });
  admin = await signInStaff(t, (await buildStaff(t, agency, ['agency_admin'])).username);
  clerk = await signInStaff(t, (await buildStaff(t, agency, ['desk_clerk'])).username);
  otherAdmin = await signInStaff(t, (await buildStaff(t, other, ['agency_admin'])).username);
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: Session | undefined, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { ...(who?.headers ?? {}), 'accept-language': 'fa', ...headers }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

async function counts() {
  await sealAuditNow(t.ctx.database);
  const n = async (sql: string) => (await t.ctx.database.query<{ n: number }>(sql))[0]!.n;
  return {
    versions: await n('SELECT count(*)::int AS n FROM service_versions'),
    events: await n('SELECT count(*)::int AS n FROM events'),
    audit: await n('SELECT count(*)::int AS n FROM audit_entries'),
  };
}

interface VersionView {
  versionNo: number;
  state: string;
  rowVersion: number;
  formSchema: Record<string, unknown>;
  workflow: string;
}

describe('a service’s versions', () => {
  it('start with version 1, published, on the simple-approval workflow; staff of the agency see them, the administrator may edit', async () => {
    const asClerk = await call('GET', `/services/${linked}/versions`, clerk);
    expect(asClerk.statusCode).toBe(200);
    expect(asClerk.json()).toMatchObject({ mayEdit: false, items: [{ versionNo: 1, state: 'published', workflow: 'simple_approval', formSchema: FORM_V1 }] });
    // Every template runs on the desk (ADR 0034), each with its definition for the editor.
    expect(asClerk.json().workflows.map((w: { id: string; label: string }) => [w.id, w.label])).toEqual([
      ['simple_approval', 'تأیید ساده'],
      ['expert_then_manager', 'بررسی کارشناس و امضای مدیر'],
      ['with_in_person_step', 'با مراجعهٔ حضوری'],
    ]);
    expect(asClerk.json().items[0].workflowDefinition).toEqual(SIMPLE_APPROVAL);
    expect((await call('GET', `/services/${linked}/versions`, admin)).json()).toMatchObject({ mayEdit: true, mayPublish: true });
    expect(asClerk.json()).toMatchObject({ mayPublish: false });
  });

  it('are not shown to another agency’s staff nor to a citizen (as if the service did not exist)', async () => {
    expect((await call('GET', `/services/${linked}/versions`, otherAdmin)).json().error).toMatchObject({ code: 'SERVICE_NOT_FOUND' });
    const citizen = await signInCitizen(t);
    expect((await call('GET', `/services/${linked}/versions`, citizen)).statusCode).toBe(403);
    expect((await call('GET', `/services/${linked}/versions`, undefined)).statusCode).toBe(401);
  });

  it('refuses a clerk and another agency’s administrator a draft, changing nothing', async () => {
    const before = await counts();
    expect((await call('POST', `/services/${linked}/versions`, clerk, {})).json().error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await call('POST', `/services/${linked}/versions`, otherAdmin, {})).json().error).toMatchObject({ code: 'SERVICE_NOT_FOUND' });
    expect(await counts()).toEqual(before);
  });

  it('checks a draft’s form as a form definition, every problem at once at its path, in Persian', async () => {
    const before = await counts();
    const bad = {
      type: 'object',
      required: ['missing'],
      properties: { 'bad name': { type: 'string', title: 'x' }, a: { type: 'date', title: 'تاریخ' }, b: { type: 'string' }, c: { type: 'string', title: 'c', format: 'ir-passport' } },
    };
    // A workflow with a state nothing leads to: refused at that state's path, with the form's problems.
    const lost = structuredClone(SIMPLE_APPROVAL);
    lost.states.push({ id: 'lost', label: { fa: 'گمشده', en: 'Lost' }, actions: [{ id: 'approve', label: { fa: 'تأیید', en: 'Approve' }, roles: ['expert'], to: 'approved', event: 'approved' }] });
    const res = await call('POST', `/services/${linked}/versions`, admin, { formSchema: bad, workflowDefinition: lost });
    expect(res.statusCode).toBe(400);
    const fields = res.json<{ error: { details: { fields: Array<{ field: string; code: string; message: string }> } } }>().error.details.fields;
    expect(fields.map((f): [string, string] => [f.field, f.code])).toEqual(
      expect.arrayContaining([
        ['body.formSchema.properties.bad name', 'form_bad_field_name'],
        ['body.formSchema.properties.a.type', 'form_bad_type'],
        ['body.formSchema.properties.b.title', 'form_no_title'],
        ['body.formSchema.properties.c.format', 'form_unknown_format'],
        ['body.formSchema.required.0', 'form_unknown_required'],
        ['body.workflowDefinition.states.5', 'WORKFLOW_STATE_UNREACHABLE'],
      ]),
    );
    expect(fields.every((f) => /[\u0600-\u06FF]/.test(f.message))).toBe(true);
    // Not an object schema, and a schema ajv cannot compile (a pattern that is not a regular expression).
    expect((await call('POST', `/services/${linked}/versions`, admin, { formSchema: { type: 'array' } })).json().error.details.fields).toEqual([
      expect.objectContaining({ field: 'body.formSchema.type', code: 'form_not_object' }),
    ]);
    const uncompilable = { type: 'object', properties: { a: { type: 'string', title: 'a', pattern: '([' } } };
    expect((await call('POST', `/services/${linked}/versions`, admin, { formSchema: uncompilable })).json().error.details.fields).toEqual([
      expect.objectContaining({ field: 'body.formSchema', code: 'form_not_a_schema' }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses NUL in a change note and an oversized template with a coded problem, changing nothing', async () => {
    const before = await counts();
    expect((await call('POST', `/services/${linked}/versions`, admin, { changeNote: 'a\u0000b' })).json().error).toMatchObject({ code: 'TEXT_NOT_ALLOWED' });
    expect((await call('POST', `/services/${linked}/versions`, admin, { outputTemplate: 'x'.repeat(100_001) })).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('drafts version 2 from version 1, once: 16 concurrent drafts make one, the rest SERVICE_VERSION_DRAFT_EXISTS', async () => {
    const before = await counts();
    const results = await Promise.all(
      Array.from({ length: 16 }, () => call('POST', `/services/${linked}/versions`, admin, { formSchema: FORM_V2, changeNote: 'کد پستی' })),
    );
    const created = results.filter((r) => r.statusCode === 201);
    expect(created).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'SERVICE_VERSION_DRAFT_EXISTS')).toBe(true);
    draft = created[0]!.json<VersionView>();
    expect(draft).toMatchObject({ versionNo: 2, state: 'draft', workflow: 'simple_approval', formSchema: FORM_V2 });
    const after = await counts();
    expect(after).toEqual({ versions: before.versions + 1, events: before.events + 1, audit: before.audit + 1 });
  });

  it('replays a retried draft with the same Idempotency-Key', async () => {
    const svc = await createService(t.ctx.database.db, service('خدمت تکرار'), t.clock.now());
    const key = { 'idempotency-key': 'version-draft-retry-1' };
    const first = await call('POST', `/services/${svc}/versions`, admin, { changeNote: 'یک' }, key);
    const again = await call('POST', `/services/${svc}/versions`, admin, { changeNote: 'یک' }, key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
  });

  it('edits the draft at the row version read; a stale one is CONFLICT', async () => {
    const edited = await call('PUT', `/services/${linked}/versions/2`, admin, { rowVersion: draft.rowVersion, postalDelivery: true, uiSchema: UI_V2 });
    expect(edited.json()).toMatchObject({ postalDelivery: true, uiSchema: UI_V2, rowVersion: draft.rowVersion + 1 });
    const stale = await call('PUT', `/services/${linked}/versions/2`, admin, { rowVersion: draft.rowVersion, inPersonStep: true });
    expect(stale.json().error).toMatchObject({ code: 'CONFLICT' });
    draft = edited.json<VersionView>();
  });

  it('never edits a published version', async () => {
    const res = await call('PUT', `/services/${linked}/versions/1`, admin, { rowVersion: 1, changeNote: 'x' });
    expect(res.json().error).toMatchObject({ code: 'SERVICE_VERSION_NOT_DRAFT' });
  });
});

describe('publishing', () => {
  it('needs the service linked to an approved card in force: unlinked or expired is SERVICE_VERSION_CARD_REQUIRED, changing nothing', async () => {
    for (const svc of [unlinked, expired]) {
      // The screen is not offered the publication the server would refuse.
      expect((await call('GET', `/services/${svc}/versions`, admin)).json()).toMatchObject({ mayEdit: true, mayPublish: false });
      const d = (await call('POST', `/services/${svc}/versions`, admin, { changeNote: 'نسخه‌ی تازه' })).json<VersionView>();
      const before = await counts();
      const res = await call('POST', `/services/${svc}/versions/${d.versionNo}/publish`, admin, { rowVersion: d.rowVersion });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'SERVICE_VERSION_CARD_REQUIRED' });
      expect(await counts()).toEqual(before);
    }
  });

  let onV1: string;
  it('keeps a request submitted on version 1 on it when version 2 is published (16 concurrent publications publish once)', async () => {
    const citizen = await signInCitizen(t);
    const submitted = await call('POST', '/requests', citizen, { serviceId: linked, form: { note: 'درخواست روی نسخه‌ی یک' } });
    expect(submitted.json()).toMatchObject({ serviceVersion: 1 });
    onV1 = submitted.json<{ id: string }>().id;

    const results = await Promise.all(Array.from({ length: 16 }, () => call('POST', `/services/${linked}/versions/2/publish`, admin, { rowVersion: draft.rowVersion })));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode !== 200).every((r) => ['CONFLICT', 'SERVICE_VERSION_NOT_DRAFT'].includes(r.json().error.code))).toBe(true);

    const list = (await call('GET', `/services/${linked}/versions`, admin)).json<{ items: VersionView[] }>().items;
    expect(list.map((v): [number, string] => [v.versionNo, v.state])).toEqual([
      [2, 'published'],
      [1, 'retired'],
    ]);
    // The public service now shows version 2's form, with its UI schema (the web renders both with rjsf); a request must fill it.
    expect((await call('GET', `/services/${linked}`, undefined)).json()).toMatchObject({ formSchema: FORM_V2, uiSchema: UI_V2 });
    const onOld = await call('POST', '/requests', citizen, { serviceId: linked, form: { note: 'فرم قدیمی' } });
    expect(onOld.statusCode).toBe(400);
    expect(onOld.json().error.details.fields).toEqual([expect.objectContaining({ field: 'body.form.postalCode', code: 'REQUIRED' })]);
    const onNew = await call('POST', '/requests', citizen, { serviceId: linked, form: { postalCode: '۱۶۱۹۷۳۵۷۴۴' } });
    expect(onNew.json()).toMatchObject({ serviceVersion: 2, form: { postalCode: '1619735744' } });
    // The request on version 1 stays there, and its receipt prints version 1's labels.
    expect((await call('GET', `/requests/${onV1}`, citizen)).json()).toMatchObject({ serviceVersion: 1, form: { note: 'درخواست روی نسخه‌ی یک' } });
  });

  it('records the publication as an event and an audit entry naming the version retired', async () => {
    const [e] = await t.ctx.database.query<{ payload: { versionNo: number; retired: number } }>(
      `SELECT payload FROM events WHERE stream_type = 'service' AND stream_id = $1 AND action = 'version_published'`,
      [linked],
    );
    expect(e!.payload).toMatchObject({ versionNo: 2, retired: 1 });
    await sealAuditNow(t.ctx.database);
    const [a] = await t.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'service.version_published' AND object_id = $1`, [linked]);
    expect(a!.n).toBe(1);
  });

  it('never publishes again a version that is published or retired', async () => {
    expect((await call('POST', `/services/${linked}/versions/1/publish`, admin, { rowVersion: 3 })).json().error).toMatchObject({ code: 'SERVICE_VERSION_NOT_DRAFT' });
    expect((await call('POST', `/services/${linked}/versions/9/publish`, admin, { rowVersion: 1 })).json().error).toMatchObject({ code: 'SERVICE_VERSION_NOT_FOUND' });
  });
});
