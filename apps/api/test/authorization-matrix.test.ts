import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../src/app';
import { buildTestApp, type TestApp } from './app';
import * as identityRepo from '../src/modules/identity/identity.repository';
import * as orgRepo from '../src/modules/organisation/organisation.repository';
import { newTrackingCode } from '../src/modules/requests/tracking-code.model';
import { insertMission } from '../src/modules/laws/laws.repository';
import { insertImport } from '../src/modules/catalogue/import.repository';
import * as deliveryRepo from '../src/modules/delivery-reports/reports.repository';
import * as architectureRepo from '../src/modules/service-architecture/architecture.repository';
import { insertLicence } from '../src/modules/licences/licences.repository';
import * as calendarRepo from '../src/modules/calendar/calendar.repository';
import * as documentsRepo from '../src/modules/documents/documents.repository';
import * as signersRepo from '../src/modules/documents/signers.repository';
import { buildAgency, buildStaff, signInCitizen, signInStaff, type Session } from './factories';
import { sealAuditNow } from './audit';
import { createService } from '../src/modules/services';
import { insertPayment } from '../src/modules/payments/payments.repository';

/**
 * Walks every registered /api/v1 route and proves that callers who may not use it are refused
 * before anything is read or validated: an anonymous caller gets 401, the wrong kind of person 403,
 * and a staff member of another agency learns nothing about this agency's objects (see the
 * object-level matrix below).
 */
let t: TestApp;
let routes: RouteEntry[];
let citizen: Session & { id: string };
let staffOther: Session;
let citizenOther: Session;
/** Objects of agency A (and of A's applicant), by route pattern and parameter name. */
const owned = new Map<string, string>();

beforeAll(async () => {
  t = await buildTestApp();
  routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/'));
  const other = await buildAgency(t, { nameFa: 'دستگاه دیگر' });
  staffOther = await signInStaff(t, (await buildStaff(t, other.id, ['desk_clerk', 'agency_admin'])).username);
  citizen = await signInCitizen(t);
  citizenOther = await signInCitizen(t);

  // Agency A with one of everything, and a request by `citizen` to one of A's services.
  const db = t.ctx.database.db;
  const now = t.clock.now();
  const a = await buildAgency(t, { nameFa: 'دستگاه الف' });
  const clerkA = await buildStaff(t, a.id, ['desk_clerk']);
  const expertA = await signInStaff(t, (await buildStaff(t, a.id, ['expert'])).username);
  const mission = await insertMission(db, a.id, { title: 'مأموریت الف', description: null, legalBasis: [] }, now);
  const deliveryReport = await deliveryRepo.insertReport(
    db,
    {
      agencyId: a.id,
      year: 1403,
      periodStart: now,
      periodEnd: new Date(now.getTime() + 86_400_000),
      revision: 1,
      replacesId: null,
      submittedBy: null,
    },
    now,
  );
  await deliveryRepo.insertReportRows(db, deliveryReport, a.id, [
    { title: 'خدمت بدون شناسه', deliveredCount: 3, serviceId: null },
  ]);
  const [deliveryRow] = await deliveryRepo.reportRows(db, deliveryReport);
  const card = await t.app.inject({
    method: 'POST',
    url: '/api/v1/catalogue/cards',
    headers: expertA.headers,
    payload: { agencyId: a.id, content: { title: 'خدمت الف' } },
  });
  expect(card.statusCode).toBe(201);
  const cardId = card.json<{ id: string }>().id;
  const cardImport = await insertImport(
    db,
    {
      agencyId: a.id,
      fileSha256: 'a'.repeat(64),
      fileName: 'cards.csv',
      fileBytes: 10,
      format: 'csv',
      rowCount: 1,
      createdBy: clerkA.id,
    },
    now,
  );
  const managerA = await buildStaff(t, a.id, ['unit_manager']);
  const unit = await orgRepo.insertUnit(
    db,
    { agencyId: a.id, parentId: null, nameFa: 'واحد الف', nameEn: null, kind: 'operational', code: null },
    now,
  );
  const delegation = await orgRepo.insertDelegation(
    db,
    {
      principalId: managerA.id,
      delegateId: clerkA.id,
      startsAt: now,
      endsAt: new Date(now.getTime() + 86_400_000),
      reason: 'مرخصی',
      createdBy: managerA.id,
    },
    now,
  );
  const token = await identityRepo.insertApiToken(
    db,
    {
      agencyId: a.id,
      name: 'سامانه الف',
      tokenHash: 'x'.repeat(64),
      prefix: 'dgh_xxxx',
      scopes: ['catalogue:read'],
      createdBy: null,
    },
    now,
  );
  // A published service (version 1) through the services module, as the demo seed makes them.
  const service = {
    id: await createService(
      t.ctx.database.db,
      { agencyId: a.id, titleFa: 'خدمت الف', titleEn: null, descriptionFa: 'شرح', recipients: 'G2C', normDays: 5, published: true, formSchema: {"type":"object","properties":{"note":{"type":"string","title":"یادداشت"}}} },
      new Date(),
    ),
  };
  const submitted = await t.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: citizen.headers,
    payload: { serviceId: service.id, form: { note: 'سلام' } },
  });
  expect(submitted.statusCode).toBe(201);
  const request = submitted.json<{ id: string; trackingCode: string }>();
  // An upload and a draft of `citizen` for A's service (documents uploaded with a request).
  const uploaded = await t.app.inject({
    method: 'POST',
    url: `/api/v1/request-uploads?serviceId=${service.id}&name=a.pdf`,
    headers: { ...citizen.headers, 'content-type': 'application/pdf' },
    payload: Buffer.from('%PDF-1.4\n%%EOF\n'),
  });
  expect(uploaded.statusCode).toBe(201);
  const drafted = await t.app.inject({ method: 'PUT', url: `/api/v1/me/drafts/${service.id}`, headers: citizen.headers, payload: { form: { note: 'پیش‌نویس' }, documents: [] } });
  expect(drafted.statusCode).toBe(200);
  // A payment of `citizen` for A's service (the payments module; its fee rule aside).
  const payment = randomUUID();
  await insertPayment(db, { id: payment, citizenId: citizen.id, serviceId: service.id, serviceVersion: 1, agencyId: a.id, amountRials: 1000, gateway: 'simulator', token: `matrix-${payment}` }, now, now);
  const [message] = await t.ctx.database.query<{ id: string }>(
    `INSERT INTO notifications (template_id, template_version, channel, lang, recipient, person_type, person_id, body, status, created_at, updated_at)
     SELECT 'test.notice', 1, 'in_app', 'fa', $1, 'citizen', $1, 'پیام', 'delivered', now(), now() RETURNING id`,
    [citizen.id],
  );
  for (const [pattern, id] of Object.entries({
    '/api/v1/me/notifications/:id/read': message!.id,
    '/api/v1/admin/agencies/:id': a.id,
    '/api/v1/admin/agencies/:id/units': a.id,
    '/api/v1/admin/agencies/:id/staff': a.id,
    '/api/v1/catalogue/agencies/:id/missions': a.id,
    '/api/v1/agency-systems/agencies/:id/units': a.id,
    '/api/v1/admin/units/:id': unit.id,
    '/api/v1/admin/staff/:id/roles': clerkA.id,
    '/api/v1/admin/staff/:id/unlock': clerkA.id,
    '/api/v1/admin/delegations/:id/revoke': delegation,
    '/api/v1/admin/api-tokens/:id/revoke': token.id,
    '/api/v1/admin/staff/:id': clerkA.id,
    '/api/v1/admin/staff/:id/deactivate': clerkA.id,
    '/api/v1/admin/staff/:id/reactivate': clerkA.id,
    '/api/v1/admin/staff/:id/password-reset': clerkA.id,
    '/api/v1/agencies/:id/capabilities': a.id,
    '/api/v1/staff/:id/capabilities': clerkA.id,
    '/api/v1/delegations/:id/capabilities': delegation,
    '/api/v1/api-tokens/:id/capabilities': token.id,
    '/api/v1/requests/:id': request.id,
    '/api/v1/requests/:id/take': request.id,
    '/api/v1/requests/:id/decide': request.id,
    '/api/v1/requests/:id/actions/:action': request.id,
    '/api/v1/requests/:id/receipt.pdf': request.id,
    '/api/v1/requests/:id/legal-bases': request.id,
    '/api/v1/requests/:id/answer': request.id,
    '/api/v1/requests/:id/answer.pdf': request.id,
    '/api/v1/requests/:id/applicant/reveal': request.id,
    '/api/v1/requests/:id/work': request.id,
    '/api/v1/requests/:id/claim': request.id,
    '/api/v1/requests/:id/release': request.id,
    '/api/v1/requests/:id/assign': request.id,
    '/api/v1/requests/:id/refer': request.id,
    '/api/v1/requests/:id/internal-notes': request.id,
    '/api/v1/requests/:id/feedback': request.id,
    '/api/v1/requests/:id/corrections': request.id,
    '/api/v1/requests/:id/corrections/reply': request.id,
    '/api/v1/requests/:id/messages': request.id,
    '/api/v1/requests/:id/attachments': request.id,
    // The attachment id stays a pattern: refused before any lookup, for this request as for none.
    '/api/v1/requests/:id/attachments/:attachmentId': request.id,
    '/api/v1/requests/track/:trackingCode': request.trackingCode,
    '/api/v1/requests/:id/channel': request.id,
    '/api/v1/requests/:id/channel/postal-retry': request.id,
    '/api/v1/agencies/:id/counter-work': a.id,
    '/api/v1/requests/:id/documents': request.id,
    // The upload id stays a pattern: refused before any lookup, for this request as for none.
    '/api/v1/requests/:id/documents/:uploadId': request.id,
    '/api/v1/request-uploads/:id': uploaded.json<{ id: string }>().id,
    '/api/v1/me/drafts/:serviceId': service.id,
    '/api/v1/payments/:id': payment,
    '/api/v1/services/:id/catalogue-link': service.id,
    '/api/v1/services/:id/versions': service.id,
    '/api/v1/services/:id/versions/:no': service.id,
    '/api/v1/services/:id/versions/:no/publish': service.id,
    '/api/v1/services/:id/versions/:no/output-preview': service.id,
    '/api/v1/catalogue/missions/:id': mission.id,
    '/api/v1/catalogue/cards/:id': cardId,
    '/api/v1/catalogue/cards/:id/diff': cardId,
    '/api/v1/catalogue/cards/:id/submit': cardId,
    '/api/v1/catalogue/cards/:id/forward': cardId,
    '/api/v1/catalogue/cards/:id/return': cardId,
    '/api/v1/catalogue/cards/:id/approve': cardId,
    '/api/v1/catalogue/cards/:id/reject': cardId,
    '/api/v1/catalogue/cards/:id/change-requests': cardId,
    '/api/v1/catalogue/cards/:id/renew': cardId,
    '/api/v1/catalogue/cards/:id/capabilities': cardId,
    '/api/v1/catalogue/imports/:id': cardImport!.id,
    '/api/v1/catalogue/delivery-reports/:id': deliveryReport,
    '/api/v1/catalogue/delivery-reports/:id/corrections': deliveryReport,
    '/api/v1/catalogue/delivery-report-rows/:id/resolve': deliveryRow!.id,
    '/api/v1/audit/entries/:id': String((await sealAuditNow(t.ctx.database).then(() => t.ctx.database.query<{ id: string }>('SELECT id FROM audit_entries WHERE agency_id = $1 ORDER BY id LIMIT 1', [a.id])))[0]!.id),
    '/api/v1/catalogue/delivery-report-rows/:id/capabilities': deliveryRow!.id,
    ...(await architectureFixtures(db, now, cardId, clerkA.id)),
    ...(await licenceFixtures(db, now, a.id)),
    ...(await documentFixtures(db, now, a.id, clerkA.id)),
    '/api/v1/calendar/closures/:id': (await calendarRepo.insertClosure(db, { date: '1404/05/01', titleFa: 'تعطیلی الف', titleEn: null, agencyId: a.id, province: null }, clerkA.id, now))!.id,
  }))
    owned.set(pattern, id);
});
afterAll(() => t.close());

/** The service architecture's objects (national, not any agency's; a mark on agency A's card). */
async function architectureFixtures(db: TestApp['ctx']['database']['db'], now: Date, cardId: string, by: string) {
  const term = { titleFa: 'عنوان', titleEn: null, description: null, sort: 0 };
  const domain = await architectureRepo.insertTerm(db, 'service_domains', { ...term, code: 'matrix' }, now);
  const layer = await architectureRepo.insertTerm(db, 'service_layers', { ...term, code: 'matrix' }, now);
  const category = await architectureRepo.insertCategory(db, domain!.id, { ...term, code: 'matrix' }, now);
  const mark = await architectureRepo.insertMark(
    db,
    { cardId, kind: 'removable', relatedCardId: null, note: null, createdBy: by },
    now,
  );
  return {
    '/api/v1/catalogue/architecture/domains/:id': domain!.id,
    '/api/v1/catalogue/architecture/layers/:id': layer!.id,
    '/api/v1/catalogue/architecture/categories/:id': category!.id,
    '/api/v1/catalogue/marks/:id/resolve': mark!,
    '/api/v1/catalogue/marks/:id/capabilities': mark!,
  };
}

/** A licence of agency A (the licence register). */
async function licenceFixtures(db: TestApp['ctx']['database']['db'], now: Date, agencyId: string) {
  const id = await insertLicence(
    db,
    agencyId,
    {
      title: 'مجوز الف',
      kind: 'پروانه',
      legalBasis: [{ lawId: randomUUID(), article: '1' }],
      conditions: [],
      documents: [],
      inquiries: [],
      issueDays: 5,
      validityMonths: null,
      costRials: 0,
      costLegalBasis: [],
      renewalTerms: null,
      amendmentTerms: null,
      cancellationConditions: 'تخلف',
      searchKey: 'مجوز الف',
    },
    null,
    now,
  );
  return {
    '/api/v1/catalogue/licences/:id': id,
    '/api/v1/catalogue/licences/:id/cancel': id,
    '/api/v1/catalogue/licences/:id/service': id,
  };
}

/** A document of agency A, a signing key of one of its staff and one awaiting its certificate (rows only: no PDF or certificate is read before the refusal). */
async function documentFixtures(db: TestApp['ctx']['database']['db'], now: Date, agencyId: string, staffId: string) {
  const id = randomUUID();
  await documentsRepo.insertDocument(
    db,
    { id, agencyId, kind: 'receipt', verificationCode: 'ABCDEFGH12', templateOrigin: 'repo', templateVersion: 'a'.repeat(64), pages: 1, sha256: 'b'.repeat(64), supersedes: null, createdBy: null },
    now,
  );
  const keyId = randomUUID();
  await documentsRepo.insertSignerKey(
    db,
    { id: keyId, staffId, agencyId, algorithm: 'ecdsa-p256', certificatePem: '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----', chainPem: '', sealedKey: { v: 1, kdf: 'argon2id', m: 1, t: 1, p: 1, salt: '', iv: '', ciphertext: '', tag: '' } },
    now,
  );
  const awaitingId = randomUUID();
  await signersRepo.insertAwaitingKey(
    db,
    { id: awaitingId, staffId, agencyId, algorithm: 'ecdsa-p256', csrPem: '-----BEGIN CERTIFICATE REQUEST-----\n-----END CERTIFICATE REQUEST-----', publicKeySha256: 'c'.repeat(64), sealedKey: { v: 1, kdf: 'argon2id', m: 1, t: 1, p: 1, salt: '', iv: '', ciphertext: '', tag: '' } },
    now,
  );
  return {
    '/api/v1/documents/:id/sign': id,
    '/api/v1/documents/:id/revoke': id,
    '/api/v1/documents/:id': id,
    '/api/v1/documents/:id/pdf': id,
    '/api/v1/documents/:id/external-signing': id,
    // The session id stays a pattern: refused before any lookup, for this document as for none.
    '/api/v1/documents/:id/external-signing/:sessionId': id,
    '/api/v1/documents/signer-keys/:id/unlock': keyId,
    '/api/v1/documents/signer-enrolments/:id/csr': awaitingId,
    '/api/v1/documents/signer-enrolments/:id/certificate': awaitingId,
  };
}

/** A concrete URL for a route pattern: every path parameter becomes a random but valid-looking id. */
const concrete = (url: string) =>
  url.replace(/:(\w+)/g, (_, name: string) => (/code/i.test(name) ? '1234567890' : randomUUID()));

const call = (r: RouteEntry, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: r.method as 'GET',
    url: concrete(r.url),
    headers,
    ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }),
  });

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

describe('the OpenAPI document and the authorization matrix agree (ADR 0024)', () => {
  type Security = Array<Record<string, string[]>>;
  const securityOf = (r: RouteEntry) => {
    const doc = t.app.swagger() as unknown as { paths: Record<string, Record<string, { security?: Security }>> };
    return doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()]?.security;
  };
  /** Who each access class lets in, as security requirements (written out here, not taken from the code that builds the document). */
  const expected = (r: RouteEntry): Security => {
    const person: Record<string, string[]> = ['GET', 'HEAD'].includes(r.method) ? { session: [] } : { session: [], csrf: [] };
    return {
      public: [],
      authenticated: [person, { agencyToken: [] }],
      citizen: [person],
      staff: [person],
      agency_system: [{ agencyToken: [] }],
      operations: [{ operationsToken: [] }],
    }[r.access!];
  };

  it('declares on every operation the schemes its access class lets in', () => {
    const wrong = routes.filter((r) => JSON.stringify(securityOf(r)) !== JSON.stringify(expected(r))).map((r) => `${r.method} ${r.url}: ${r.access} → ${JSON.stringify(securityOf(r))}`);
    expect(wrong).toEqual([]);
  });

  it('behaves as declared: an operation open to all takes an anonymous caller, a token-only one refuses a person, a person-only one refuses a token', async () => {
    const a = await buildAgency(t, { nameFa: 'دستگاه سامانه‌دار' });
    const admin = await signInStaff(t, (await buildStaff(t, a.id, ['agency_admin'])).username);
    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/admin/api-tokens', headers: admin.headers, payload: { agencyId: a.id, name: 'سامانه آزمون', scopes: ['catalogue:read'] } });
    expect(issued.statusCode).toBe(201);
    const token = { authorization: `Bearer ${issued.json<{ secret: string }>().secret}` };
    for (const r of routes) {
      const security = securityOf(r)!;
      const schemes = new Set(security.flatMap((s) => Object.keys(s)));
      if (security.length === 0) {
        const res = await call(r);
        expect([r.method, r.url, res.statusCode === 401 && res.json().error.code === 'UNAUTHENTICATED']).toEqual([r.method, r.url, false]);
      } else if (schemes.has('agencyToken') && !schemes.has('session')) {
        expect([r.method, r.url, (await call(r, citizen.headers)).statusCode]).toEqual([r.method, r.url, 403]);
      } else if (schemes.has('session') && !schemes.has('agencyToken')) {
        expect([r.method, r.url, (await call(r, token)).statusCode]).toEqual([r.method, r.url, 403]);
      }
    }
  });
});

describe('object-level matrix: another agency, another citizen', () => {
  // The object's id, and version 1 where a route names a service version too.
  // A workflow action route names the action too: `take`, which every template's first state has.
  const fill = (url: string, value: string) => url.replace(/:(\w+)/, value).replace(/:no\b/, '1').replace(/:action\b/, 'take');
  const body = (r: RouteEntry) =>
    r.method === 'GET' || r.method === 'DELETE'
      ? {}
      : { payload: r.url.endsWith('/decide') ? { decision: 'approve' } : {} };

  /** The answer for this agency's object must be the answer for an object that does not exist. */
  async function learnsNothing(r: RouteEntry, who: Session, id: string) {
    const mine = await t.app.inject({
      method: r.method as 'GET',
      url: fill(r.url, id),
      headers: who.headers,
      ...body(r),
    });
    const none = await t.app.inject({
      method: r.method as 'GET',
      url: fill(r.url, /code/i.test(r.url) ? newTrackingCode() : /audit\/entries\/:id\b/.test(r.url) ? '999999999' : randomUUID()),
      headers: who.headers,
      ...body(r),
    });
    // Refused, and exactly as for a missing object (a 400 means the body was checked before any lookup).
    expect([r.method, r.url, mine.statusCode, mine.json().error?.code]).toEqual([
      r.method,
      r.url,
      none.statusCode,
      none.json().error?.code,
    ]);
    expect([400, 403, 404]).toContain(mine.statusCode);
  }

  it('has an object of agency A for every route that names one (except public and operations routes)', () => {
    // Laws and the offices' directory are national, not any agency's: central reviewers edit them
    // (tested in their modules; a delegation is refused to another agency's administrators there).
    const named = routes.filter(
      (r) =>
        r.url.includes(':') &&
        r.access !== 'public' &&
        r.access !== 'operations' &&
        r.url !== '/api/v1/catalogue/laws/:id' &&
        !r.url.startsWith('/api/v1/offices/') &&
        // Holiday tables are national years, not any agency's (calendar.test.ts: who may publish).
        !r.url.startsWith('/api/v1/calendar/holidays/:year'),
    );
    expect(named.filter((r) => !owned.has(r.url)).map((r) => r.url)).toEqual([]);
  });

  it('a staff member of another agency (a clerk and administrator there) learns nothing of agency A', async () => {
    for (const r of routes.filter((x) => owned.has(x.url) && (x.access === 'staff' || x.access === 'authenticated'))) {
      await learnsNothing(r, staffOther, owned.get(r.url)!);
    }
  });

  it('is not vacuous: the request itself answers 404 to the other agency and the other citizen', async () => {
    for (const who of [staffOther, citizenOther]) {
      const res = await t.app.inject({
        url: `/api/v1/requests/${owned.get('/api/v1/requests/:id')}`,
        headers: who.headers,
      });
      expect(res.statusCode).toBe(404);
    }
    const cartable = await t.app.inject({ url: '/api/v1/cartable?status=all', headers: staffOther.headers });
    expect(cartable.json().items).toEqual([]);
  });

  it("another citizen learns nothing of a citizen's request", async () => {
    for (const r of routes.filter(
      (x) => owned.has(x.url) && (x.access === 'citizen' || x.access === 'authenticated'),
    )) {
      await learnsNothing(r, citizenOther, owned.get(r.url)!);
    }
  });
});
