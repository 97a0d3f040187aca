import { randomInt } from 'node:crypto';
import { legalIdCheckDigit, nationalCodeCheckDigit } from '@dargah/persian';
import type { Role } from '../src/platform/actor';
import { hashPassword } from '../src/modules/identity/auth.service';
import * as orgRepo from '../src/modules/organisation/organisation.repository';
import { registerSimulatedSubscriber } from '../src/platform/integrations/mobile-registry';
import type { ServiceCardContent } from '@dargah/contracts';
import { serviceIdFromNumber } from '../src/modules/catalogue';
import * as cardsRepo from '../src/modules/catalogue/catalogue.repository';
import { saveCard } from '../src/modules/catalogue/card-rows.service';
import * as servicesRepo from '../src/modules/services/services.repository';
import { withTransaction } from '../src/platform/db';
import type { TestApp } from './app';

/** A valid, random legal-entity national id (11 digits). */
export function randomLegalId(): string {
  for (;;) {
    const ten = `1${String(randomInt(0, 1e9)).padStart(9, '0')}`;
    if (/^0+$/.test(ten.slice(3, 9))) continue;
    const c = legalIdCheckDigit(ten);
    return `${ten}${c}`;
  }
}

/** A valid, random national code (10 digits, not all the same). */
export function randomNationalCode(): string {
  const nine = String(randomInt(1, 1e9)).padStart(9, '0');
  return `${nine}${nationalCodeCheckDigit(nine)}`;
}

export const randomMobile = () => `0912${String(randomInt(0, 1e7)).padStart(7, '0')}`;

export async function buildAgency(t: Pick<TestApp, 'ctx' | 'clock'>, o: Partial<orgRepo.AgencyRow> = {}): Promise<orgRepo.AgencyRow> {
  return orgRepo.insertAgency(
    t.ctx.database.db,
    { legalId: randomLegalId(), nameFa: 'دستگاه آزمایشی', nameEn: 'Test agency', kind: 'organisation', parentId: null, province: null, county: null, ...o },
    t.clock.now(),
  );
}

export const TEST_PASSWORD = 'Dargah-test-1404';

let passwordHash: Promise<string> | undefined;

/** A staff member with the given roles in the agency. */
export async function buildStaff(
  t: TestApp,
  agencyId: string,
  roles: Array<Role | { role: Role; agencyId?: string; unitId?: string | null; includeSubagencies?: boolean }> = [],
  o: { username?: string; displayName?: string; mobile?: string; nationalCode?: string } = {},
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = o.username ?? `staff.${randomInt(0, 1e9)}`;
  const db = t.ctx.database.db;
  const id = await orgRepo.insertStaff(db, { agencyId, username, displayName: o.displayName ?? 'کارمند آزمایشی', passwordHash: await passwordHash, mobile: o.mobile ?? null, nationalCode: o.nationalCode ?? null }, t.clock.now());
  for (const r of roles) {
    const g = typeof r === 'string' ? { role: r } : r;
    await orgRepo.insertRoleGrant(db, id, { role: g.role, agencyId: g.agencyId ?? agencyId, unitId: g.unitId ?? null, includeSubagencies: g.includeSubagencies ?? false }, t.clock.now());
  }
  return { id, username, agencyId };
}

export interface Session {
  cookie: string;
  csrf: string;
  /** Headers for a write with this session. */
  headers: { cookie: string; 'x-csrf-token': string };
}

function sessionFrom(res: { headers: Record<string, unknown>; json(): unknown }): Session {
  const setCookie = res.headers['set-cookie'];
  const raw = (Array.isArray(setCookie) ? setCookie : [setCookie]).find((c) => String(c).startsWith('dargah_session='));
  if (!raw) throw new Error(`no session cookie in ${JSON.stringify(res.json())}`);
  const cookie = String(raw).split(';')[0]!;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

let addressCounter = 0;
/** A distinct client address per sign-in, so the per-address sign-in limit does not trip in tests. */
export const nextAddress = () => `10.0.${Math.floor(++addressCounter / 250) % 250}.${(addressCounter % 250) + 1}`;

export async function signInStaff(t: TestApp, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username, password }, remoteAddress: nextAddress() });
  return sessionFrom(res);
}

/** Reads the one-time code the SMS simulator delivered to a mobile. */
export async function deliveredCode(t: TestApp, mobile: string): Promise<string> {
  await t.ctx.runner!.runDue();
  const [msg] = await t.ctx.database.query<{ body: string }>(
    "SELECT body FROM notifications WHERE recipient = $1 AND channel = 'sms' AND template_id = 'identity.otp' ORDER BY seq DESC LIMIT 1",
    [mobile],
  );
  const code = /(\d{6})/.exec(msg?.body ?? '')?.[1];
  if (!code) throw new Error(`no code delivered to ${mobile}`);
  return code;
}

/** Registers the SIM `mobile` to `nationalCode` in the mobile-ownership simulator (as the operator would). */
export async function registerMobile(t: Pick<TestApp, 'ctx' | 'clock'>, nationalCode: string, mobile: string): Promise<void> {
  await registerSimulatedSubscriber(t.ctx.database.db, { nationalCode, mobile }, t.clock.now());
}

/** Signs a citizen in by one-time code, with a mobile registered to them (registered here first). */
export async function signInCitizen(t: TestApp, nationalCode = randomNationalCode(), mobile = randomMobile()): Promise<Session & { nationalCode: string; mobile: string; id: string }> {
  await registerMobile(t, nationalCode, mobile);
  const otp = await t.app.inject({ method: 'POST', url: '/api/v1/auth/citizen/otp', payload: { nationalCode, mobile }, remoteAddress: nextAddress() });
  if (otp.statusCode !== 201) throw new Error(otp.body);
  const code = await deliveredCode(t, mobile);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/citizen/verify', payload: { challengeId: otp.json<{ challengeId: string }>().challengeId, code }, remoteAddress: nextAddress() });
  return { ...sessionFrom(res), nationalCode, mobile, id: res.json<{ id: string }>().id };
}

/**
 * Links a desk service to an approved catalogue card of its agency, written as the review would
 * leave it (version 1 in force, a new service id, expiry a year on, its public catalogue entry): the
 * desk takes requests only for a service whose card is in force and lets it be requested online.
 * `o` shapes the card (a not-electronic one, an expired one by approving it over a year ago, the documents it asks for).
 */
export async function linkToApprovedCard(
  t: TestApp,
  deskServiceId: string,
  o: { title?: string; titleEn?: string; requestChannels?: string[]; maturity?: string; approvedAt?: Date; legalBasis?: Array<{ lawId: string; article: string }>; documents?: Array<Record<string, unknown>> } = {},
): Promise<{ cardId: string; catalogueServiceId: string }> {
  const desk = await servicesRepo.findService(t.ctx.database.db, deskServiceId);
  if (!desk) throw new Error(`no desk service ${deskServiceId}`);
  const author = await buildStaff(t, desk.agencyId, ['agency_admin']);
  const at = o.approvedAt ?? t.clock.now();
  const content = {
    title: o.title ?? desk.titleFa,
    ...(o.titleEn ? { titleEn: o.titleEn } : {}),
    recipients: [desk.recipients],
    channels: { information: ['web'], request: o.requestChannels ?? ['web'], delivery: ['web'] },
    maturity: { level: o.maturity ?? 'transactional' },
    ...(o.legalBasis ? { legalBasis: o.legalBasis } : {}),
    ...(o.documents ? { documents: o.documents } : {}),
  } as ServiceCardContent;
  return withTransaction(t.ctx.database, async (tx) => {
    const cardId = await cardsRepo.insertCard(tx.db, desk.agencyId, author.id, at);
    await cardsRepo.insertVersion(tx.db, cardId, 1, content, author.id, at);
    await cardsRepo.freezeVersion(tx.db, cardId, 1);
    const catalogueServiceId = serviceIdFromNumber(await cardsRepo.nextServiceNumber(tx.db));
    const expiresAt = new Date(at);
    expiresAt.setUTCFullYear(expiresAt.getUTCFullYear() + 1);
    const patch = { status: 'approved' as const, serviceId: catalogueServiceId, submittedAt: at, approvedAt: at };
    await saveCard(tx.db, cardId, 1, { ...patch, approvedVersion: 1, expiresAt }, at);
    await servicesRepo.updateCatalogueLink(tx.db, desk.id, desk.version, catalogueServiceId, t.clock.now());
    return { cardId, catalogueServiceId };
  });
}

/** A card content that passes every submission rule, citing article 1 of `lawId`; `o` overrides fields. */
export const completeCardContent = (lawId: string, o: Record<string, unknown> = {}) => ({
  title: 'خدمت آزمایشی',
  description: 'شرح کامل خدمت',
  recipients: ['G2C'],
  nature: 'sovereign',
  level: 'national',
  startMode: 'on_request',
  legalBasis: [{ lawId, article: '1' }],
  documents: [],
  inquiries: [],
  identity: { personTypes: ['real'], assuranceLevel: 'substantial' },
  fees: [],
  inPersonVisits: { count: 0 },
  channels: { information: ['web'], request: ['web'], delivery: ['web'], eServiceUrl: 'https://example.gov.ir/s' },
  process: {
    start: { description: 'ثبت درخواست' },
    production: { description: 'بررسی و صدور' },
    delivery: { description: 'تحویل' },
    legalDeadlineDays: 10,
    normDays: 5,
    extensionAllowed: false,
  },
  complaintRoute: 'سامانه ۱۱۱',
  maturity: { level: 'transactional' },
  ...o,
});

/**
 * Uploads a small PDF for every mandatory document the service's card asks for, as `citizen`;
 * the `documents` answers a submission names (ADR 0036). None when the card asks for none.
 */
export async function uploadCardDocuments(t: TestApp, citizen: Session, serviceId: string): Promise<Array<{ document: number; uploadId: string }>> {
  const asked = await t.app.inject({ url: `/api/v1/services/${serviceId}/documents` });
  if (asked.statusCode !== 200) throw new Error(`documents of ${serviceId}: ${asked.statusCode} ${asked.body}`);
  const answers: Array<{ document: number; uploadId: string }> = [];
  for (const d of asked.json<{ items: Array<{ index: number; mandatory: boolean }> }>().items.filter((x) => x.mandatory)) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/request-uploads?serviceId=${serviceId}&name=doc-${d.index}.pdf`,
      headers: { ...citizen.headers, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
    answers.push({ document: d.index, uploadId: res.json<{ id: string }>().id });
  }
  return answers;
}
