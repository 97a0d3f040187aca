import { createHash, timingSafeEqual } from 'node:crypto';
import type { CallCentreDesk, CallCentreLookup, PublicTracking } from '@dargah/contracts';
import { jalaliDateString } from '@dargah/persian';
import { requireStaff, type Actor, type RequestOrigin } from '../../platform/actor';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db } from '../../platform/db';
import type { Lang } from '../../platform/http/i18n';
import { hit } from '../../platform/rate-limit';
import { citizensByIds } from '../identity';
import { agenciesByIds, hasRole } from '../organisation';
import { callCentreAgencies, citizenMaySee, CALL_CENTRE_ROLES } from './requests.policy';
import { actorLabel, dueDay } from './requests.service';
import * as reads from './request-rows.service';
import * as repo from './requests.repository';
import { isFinal, isOpen } from './requests-workflow';
import { statusWords, stepLabel } from './request-tracking.model';
import { RequestsError } from './requests.errors';

/*
 * A request seen from outside the desk (issue 11 §8, §9): public tracking by tracking code and the
 * applicant's national code (no sign-in), and the call centre's lookup after the caller's identity
 * check. Both answer only when every fact matches, and a wrong fact answers exactly like a code
 * that does not exist: the same status and body after the same work (the request is looked up, then
 * its applicant — a placeholder when there is none — and the facts compared in constant time).
 */

/** The call centre's lookups per operator a minute (shared by every process). */
export const CALL_CENTRE_PER_MINUTE = 20;
/** An id no citizen has: the applicant looked up when no request matched, so both paths do the same work. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
/** Whether two secrets are equal, in time that does not depend on where they differ (or on either's length). */
const same = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b));

/**
 * The request with this code when its applicant's facts are these; undefined otherwise (no such
 * code, or a fact wrong), after the same lookups and comparisons either way.
 */
async function matching(db: Db, code: string, facts: { nationalCode: string; mobileLast4?: string }): Promise<repo.RequestRecord | undefined> {
  const r = await repo.findRequestByTrackingCode(db, code);
  const [applicant] = await citizensByIds(db, [r?.applicantId ?? NOBODY]);
  const nationalOk = same(applicant?.nationalCode ?? '', facts.nationalCode);
  const mobileOk = facts.mobileLast4 === undefined || same((applicant?.mobile ?? '').slice(-4), facts.mobileLast4);
  // Bitwise, so both comparisons count whatever the first one says.
  return (Number(r !== undefined) & Number(nationalOk) & Number(mobileOk)) === 1 ? r : undefined;
}

/** The public view of a request: the service, the status in words, the steps by role with Jalali dates, what is expected now. */
async function publicView(db: Db, r: repo.RequestRecord, now: Date, lang: Lang): Promise<PublicTracking & { agencyName: string }> {
  const [[row], events] = await Promise.all([reads.named(db, [r]), repo.requestEvents(db, [r.id])]);
  const words = statusWords(r.status, row!.workflow);
  const anonymous: Actor = { type: 'anonymous', id: null };
  return {
    trackingCode: r.trackingCode,
    serviceTitle: (lang === 'en' && row!.serviceTitleEn) || row!.serviceTitleFa,
    agencyName: (lang === 'en' && row!.agencyNameEn) || row!.agencyNameFa,
    status: r.status,
    statusLabel: words.label[lang],
    expected: words.expected[lang],
    closed: isFinal(r.status, row!.workflow),
    dueDateJalali: dueDay(r.dueAt),
    dueAt: r.dueAt.toISOString(),
    overdue: isOpen(r.status, row!.workflow) && now.getTime() >= r.dueAt.getTime(),
    steps: events.map((e) => ({
      action: e.action,
      label: stepLabel(e.action, lang),
      actorLabel: actorLabel(e, anonymous, lang),
      at: e.createdAt.toISOString(),
      dateJalali: jalaliDateString(e.createdAt),
    })),
  };
}

/**
 * Public tracking (no sign-in; rate-limited per address at the route): the request with this
 * tracking code, when the national code is its applicant's. Anything else is TRACKING_NOT_FOUND.
 */
export async function trackPublicly(ctx: AppContext, input: { trackingCode: string; nationalCode: string }, lang: Lang): Promise<PublicTracking> {
  const db = ctx.database.db;
  const r = await matching(db, input.trackingCode, { nationalCode: input.nationalCode });
  if (!r) throw new RequestsError('TRACKING_NOT_FOUND');
  const { agencyName: _agency, ...view } = await publicView(db, r, ctx.clock.now(), lang);
  return view;
}

/** What the call-centre screen needs first: the agencies the operator answers for, and the limit. */
export async function callCentreDesk(ctx: AppContext, actor: Actor, lang: Lang): Promise<CallCentreDesk> {
  requireStaff(actor);
  const ids = callCentreAgencies(actor);
  if (ids.length === 0) throw new RequestsError('FORBIDDEN', { need: CALL_CENTRE_ROLES });
  const names = await agenciesByIds(ctx.database.db, ids);
  return {
    agencies: ids.map((id) => ({ id, name: (lang === 'en' && names.get(id)?.nameEn) || names.get(id)?.nameFa || '' })),
    lookupsPerMinute: CALL_CENTRE_PER_MINUTE,
  };
}

/**
 * The call centre's lookup: a request of the operator's agencies by tracking code, when the caller's
 * national code and the last four digits of the mobile on file match. Limited per operator; every
 * lookup, answered or not, is an audit entry naming the operator and the request (when the code
 * named one). A wrong fact, an unknown code and another agency's request answer alike (404).
 */
export async function callCentreLookup(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  input: { trackingCode: string; nationalCode: string; mobileLast4: string },
  lang: Lang,
): Promise<CallCentreLookup> {
  requireStaff(actor);
  const agencies = callCentreAgencies(actor);
  if (agencies.length === 0) throw new RequestsError('FORBIDDEN', { need: CALL_CENTRE_ROLES });
  const now = ctx.clock.now();
  const limit = await hit(ctx.database.db, { bucket: 'rate:call-centre', key: actor.id, max: CALL_CENTRE_PER_MINUTE, windowMs: 60_000 }, now);
  if (!limit.allowed) throw new RequestsError('RATE_LIMITED', { retryAfterSeconds: limit.retryAfterSeconds });
  return withTransaction(ctx.database, async (tx) => {
    const found = await matching(tx.db, input.trackingCode, input);
    const r = found && hasRole(actor, CALL_CENTRE_ROLES, found.agencyId) ? found : undefined;
    // Who looked up which request: the request when the code named one of the operator's agencies.
    const named = r ?? (await repo.findRequestByTrackingCode(tx.db, input.trackingCode));
    const mine = named && agencies.includes(named.agencyId) ? named : undefined;
    audit(tx, {
      actor,
      origin,
      at: now,
      action: 'service_request.call_centre_lookup',
      objectType: 'service_request',
      objectId: mine?.id ?? null,
      agencyId: mine?.agencyId ?? actor.agencyId,
      details: { trackingCode: input.trackingCode, verified: r !== undefined },
    });
    if (!r) return undefined;
    return publicView(tx.db, r, now, lang);
  }).then((view) => {
    if (!view) throw new RequestsError('CALLER_NOT_VERIFIED');
    return view;
  });
}

/** What the feedback module needs of one request: asked by its applicant (anyone else: REQUEST_NOT_FOUND). */
export interface RequestFacts {
  id: string;
  trackingCode: string;
  agencyId: string;
  serviceId: string;
  /** The office the request was answered at; null while requests are not tied to a unit (headquarters). */
  unitId: string | null;
  applicantId: string;
  closed: boolean;
}

export async function requestFactsForApplicant(db: Db, actor: Actor, requestId: string): Promise<RequestFacts> {
  const r = await repo.findRequest(db, requestId);
  if (!r || actor.type !== 'citizen' || !citizenMaySee(actor, r)) throw new RequestsError('REQUEST_NOT_FOUND', { requestId });
  return { id: r.id, trackingCode: r.trackingCode, agencyId: r.agencyId, serviceId: r.serviceId, unitId: null, applicantId: r.applicantId, closed: r.decidedAt !== null };
}

/** Tracking codes of some requests, by id (for lists that name requests: the low ratings). */
export const trackingCodesOf = async (db: Db, ids: readonly string[]): Promise<Map<string, string>> => repo.trackingCodes(db, ids);
