import { ROLES } from '@dargah/contracts';
import { isValidLegalId, isValidNationalCode } from '@dargah/persian';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app';
import { deliveredCode } from '../../test/factories';
import { passwordProblem } from '../modules/identity/identity.policy';
import { checkForm } from '../platform/forms';
import { rows } from '../platform/db';
import {
  DEMO_CITIZENS,
  DEMO_COMPANY,
  DEMO_LEGAL_IDS,
  DEMO_PASSWORD,
  printDemoCredentials,
  seedDemoData,
  type DemoCredential,
} from './demo';
import { DEMO_SIGNER } from './documents';

let t: TestApp;
let creds: DemoCredential[];
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const count = async (table: string) =>
  (await rows<{ n: number }>(t.ctx.database.db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]!.n;
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const x of [
    'agencies',
    'org_units',
    'services',
    'staff',
    'role_assignments',
    'citizens',
    'company_representatives',
    'signer_keys',
    'documents',
  ])
    out[x] = await count(x);
  return out;
}

let address = 0;
const fromOwnAddress = () => ({ remoteAddress: `10.1.0.${++address}` });
async function staffLogin(username: string, password = DEMO_PASSWORD) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/staff/login',
    ...fromOwnAddress(),
    payload: { username, password },
  });
  const cookie = String([res.headers['set-cookie']].flat().find((c) => String(c).startsWith('dargah_session='))).split(
    ';',
  )[0]!;
  return { res, headers: { cookie, 'x-csrf-token': res.statusCode === 200 ? (res.json().csrfToken as string) : '' } };
}
async function citizenLogin(nationalCode: string, mobile: string) {
  const otp = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/citizen/otp',
    ...fromOwnAddress(),
    payload: { nationalCode, mobile },
  });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/citizen/verify',
    ...fromOwnAddress(),
    payload: { challengeId: otp.json().challengeId, code: await deliveredCode(t, mobile) },
  });
  const cookie = String([res.headers['set-cookie']].flat().find((c) => String(c).startsWith('dargah_session='))).split(
    ';',
  )[0]!;
  return { res, headers: { cookie, 'x-csrf-token': res.json().csrfToken as string } };
}

describe('demo data', () => {
  it('is never seeded in production', async () => {
    const production = { ...t.ctx, config: { ...t.ctx.config, NODE_ENV: 'production' as const } };
    expect(await seedDemoData(production)).toEqual([]);
    expect(await count('agencies')).toBe(0);
  });

  it('seeds three agencies with their desk services, the central body, the province’s planning organisation, staff in every role, two citizens and a company, once', async () => {
    creds = await seedDemoData(t.ctx);
    const after = await counts();
    expect(after).toEqual({
      agencies: 5,
      org_units: 10,
      services: 8,
      staff: 19,
      role_assignments: 19,
      citizens: 3,
      company_representatives: 1,
      signer_keys: 1,
      documents: 3,
    });
    expect(creds.filter((c) => c.kind === 'staff')).toHaveLength(19);
    expect(creds.filter((c) => c.kind === 'citizen').map((c) => [c.login, c.secret])).toEqual(
      DEMO_CITIZENS.map((c) => [c.nationalCode, c.mobile]),
    );
    expect(new Set(creds.flatMap((c) => c.roles))).toEqual(new Set(ROLES));
    // Idempotent: a second start changes nothing and prints nothing.
    expect(await seedDemoData(t.ctx)).toEqual([]);
    expect(await counts()).toEqual(after);
  });

  it('uses valid identifiers, a ministry → organisation → Tehran office tree and headquarters/operational units', async () => {
    for (const id of Object.values(DEMO_LEGAL_IDS)) expect(isValidLegalId(id)).toBe(true);
    for (const c of DEMO_CITIZENS) expect(isValidNationalCode(c.nationalCode)).toBe(true);
    const agencies = await rows<{
      id: string;
      kind: string;
      parent_id: string | null;
      province: string | null;
      name_fa: string;
    }>(t.ctx.database.db, sql`SELECT id, kind, parent_id, province, name_fa FROM agencies`);
    // The province's planning organisation (a provincial office too) stands outside the tree.
    const planning = agencies.filter((a) => a.name_fa === 'سازمان مدیریت و برنامه‌ریزی استان تهران');
    expect(planning).toMatchObject([{ kind: 'provincial_office', parent_id: null, province: 'تهران' }]);
    const byKind = Object.fromEntries(agencies.filter((a) => a !== planning[0]).map((a) => [a.kind, a]));
    expect(byKind.ministry!.parent_id).toBeNull();
    expect(byKind.organisation!.parent_id).toBe(byKind.ministry!.id);
    expect(byKind.provincial_office).toMatchObject({ parent_id: byKind.organisation!.id, province: 'تهران' });
    // The central reviewer belongs to the central body, outside the tree whose cards they review.
    expect(byKind.central_body!.parent_id).toBeNull();
    const [reviewer] = await rows<{ agency_id: string }>(
      t.ctx.database.db,
      sql`SELECT r.agency_id FROM role_assignments r JOIN staff s ON s.id = r.staff_id WHERE s.username = 'reviewer.central'`,
    );
    expect(reviewer!.agency_id).toBe(byKind.central_body!.id);
    const units = await rows<{ agency_id: string; kind: string }>(
      t.ctx.database.db,
      sql`SELECT agency_id, kind FROM org_units ORDER BY kind`,
    );
    for (const a of agencies)
      expect(units.filter((u) => u.agency_id === a.id).map((u) => u.kind)).toEqual(['headquarters', 'operational']);
  });

  it('publishes eight services whose forms are short and validate (one with a fee, one with postal delivery of the answer)', async () => {
    const services = (await t.app.inject({ url: '/api/v1/services' })).json().items as Array<{
      title: string;
      agencyId: string;
      formSchema: { properties: object; required: string[] };
      recipients: string;
      postalDelivery: boolean;
    }>;
    expect(services).toHaveLength(8);
    expect(new Set(services.map((s) => s.agencyId)).size).toBe(3);
    for (const s of services) {
      const fields = Object.keys(s.formSchema.properties).length;
      expect(fields).toBeGreaterThanOrEqual(2);
      expect(fields).toBeLessThanOrEqual(4);
      const empty = checkForm(s.formSchema, {}, 'fa');
      expect(empty.ok ? [] : empty.fields.map((f) => f.field).sort()).toEqual(
        s.formSchema.required.map((f) => `body.form.${f}`).sort(),
      );
    }
    expect(services.map((s) => s.recipients).sort()).toEqual(['G2B', 'G2B', 'G2C', 'G2C', 'G2C', 'G2C', 'G2C', 'G2C']);
    expect(services.filter((s) => (s as { fee?: { kind: string } }).fee?.kind === 'fixed').map((s) => (s as { fee?: unknown }).fee)).toEqual([{ kind: 'fixed', amountRials: 1_500_000 }]);
    // The answer by post (e2e/apply-postal.e2e.ts): a citizen service without a fee.
    expect(services.filter((s) => s.postalDelivery).map((s) => s.title)).toEqual(['صدور المثنی گواهی‌نامه مهارت']);
  });

  it('gives every staff account the demo password, which passes the password rules', async () => {
    for (const c of creds.filter((x) => x.kind === 'staff')) {
      expect(passwordProblem(DEMO_PASSWORD, c.login)).toBeUndefined();
      const { res } = await staffLogin(c.login);
      expect(res.statusCode, c.login).toBe(200);
      expect(res.json().roles.map((r: { role: string }) => r.role)).toContain(c.roles[0]);
    }
    expect((await staffLogin('clerk.ministry', 'wrong-password-1')).res.statusCode).toBe(401);
  });

  it('lets the demo citizens sign in by one-time code, the first acting for the company, and walks the first journey', async () => {
    const [ali, zahra] = DEMO_CITIZENS;
    const a = await citizenLogin(ali.nationalCode, ali.mobile);
    expect(a.res.json()).toMatchObject({
      kind: 'citizen',
      displayName: ali.name,
      canActFor: [{ name: DEMO_COMPANY.name }],
    });
    const z = await citizenLogin(zahra.nationalCode, zahra.mobile);
    expect(z.res.json()).toMatchObject({ displayName: zahra.name, canActFor: [] });

    const { items } = (await t.app.inject({ url: '/api/v1/services?limit=100' })).json();
    // The desk service shows its approved catalogue card's title.
    const certificate = items.find((s: { title: string }) => s.title === 'صدور گواهی سابقه اشتغال');
    // Its card asks for the national card: uploaded first (a PDF by its content), named in the submission.
    const asked = (await t.app.inject({ url: `/api/v1/services/${certificate.id}/documents` })).json<{ items: Array<{ index: number; mandatory: boolean }> }>().items;
    expect(asked.filter((d) => d.mandatory)).toHaveLength(1);
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/request-uploads?serviceId=${certificate.id}&name=card.pdf`,
      headers: { ...a.headers, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    expect(upload.statusCode).toBe(201);
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: a.headers,
      payload: {
        serviceId: certificate.id,
        form: { reason: 'ارائه به بانک', employerName: 'شرکت ساختمانی البرز' },
        documents: [{ document: asked.find((d) => d.mandatory)!.index, uploadId: upload.json().id }],
      },
    });
    expect(submitted.statusCode).toBe(201);
    const id = submitted.json().id as string;
    const ministryClerk = await staffLogin('clerk.ministry');
    expect(
      (await t.app.inject({ url: '/api/v1/cartable', headers: ministryClerk.headers })).json().items,
    ).toMatchObject([{ id, applicantName: ali.name }]);
    const tehranClerk = await staffLogin('clerk.tehran');
    expect((await t.app.inject({ url: '/api/v1/cartable', headers: tehranClerk.headers })).json().items).toEqual([]);
    expect((await t.app.inject({ url: `/api/v1/requests/${id}`, headers: tehranClerk.headers })).statusCode).toBe(404);
    const decided = await t.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${id}/decide`,
      headers: ministryClerk.headers,
      payload: { decision: 'approve' },
    });
    expect(decided.json().status).toBe('approved');
    expect((await t.app.inject({ url: `/api/v1/requests/${id}`, headers: z.headers })).statusCode).toBe(404);
  });

  it('gives the demo signer a key under the demo PIN and three documents of her agency to sign', async () => {
    const signer = await staffLogin(DEMO_SIGNER.username);
    const list = await t.app.inject({ url: '/api/v1/documents/to-sign', headers: signer.headers, ...fromOwnAddress() });
    const items = list.json<{ items: { id: string; title: string; agency: { name: string } }[] }>().items;
    expect(items).toHaveLength(3);
    expect(new Set(items.map((d) => d.agency.name))).toEqual(new Set(['سازمان آموزش فنی و حرفه‌ای کشور']));
    expect(items.every((d) => /[\u0600-\u06ff]/.test(d.title))).toBe(true);
    // Another agency's manager sees none of them: only the answer the ministry's decision above issued (ADR 0038).
    const other = await staffLogin('manager.ministry');
    const theirs = (await t.app.inject({ url: '/api/v1/documents/to-sign', headers: other.headers, ...fromOwnAddress() })).json<{ items: { id: string; kind: string; agency: { name: string } }[] }>().items;
    expect(theirs.map((d) => [d.kind, d.agency.name])).toEqual([['answer', 'وزارت تعاون، کار و رفاه اجتماعی']]);
    expect(theirs.some((d) => items.some((i) => i.id === d.id))).toBe(false);
    const wrong = await t.app.inject({ method: 'POST', url: `/api/v1/documents/${items[0]!.id}/sign`, headers: signer.headers, payload: { pin: '000000' }, ...fromOwnAddress() });
    expect(wrong.json().error.code).toBe('SIGNER_PIN_WRONG');
    const signed = await t.app.inject({ method: 'POST', url: `/api/v1/documents/${items[0]!.id}/sign`, headers: signer.headers, payload: { pin: DEMO_SIGNER.pin }, ...fromOwnAddress() });
    expect([signed.statusCode, signed.json().signatureCount]).toEqual([200, 1]);
    // Seeding again issues nothing more, even though one was signed (the three seeded, and the decision's answer).
    await seedDemoData(t.ctx);
    expect(await count('documents')).toBe(4);
  });

  it('prints the credentials once, and nothing for an empty list', () => {
    let out = '';
    printDemoCredentials(creds, (s) => (out += s));
    for (const c of creds) expect(out).toContain(c.login);
    expect(out).toContain(DEMO_PASSWORD);
    expect(out).toContain('/dev/outbox');
    expect(out).toContain(`PIN ${DEMO_SIGNER.pin}`);
    let none = '';
    printDemoCredentials([], (s) => (none += s));
    expect(none).toBe('');
  });
});
