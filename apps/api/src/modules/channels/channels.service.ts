import type { ChannelService, ConsentChallenge, CounterDesk, CounterWorkPage, Office, PostalChoice, PostalRetry, RequestChannelView, WalkInDesk } from '@dargah/contracts';
import { jalaliDateString, jalaliDayRange, maskMiddle, parseJalali } from '@dargah/persian';
import { requireStaff, type Actor, type RequestOrigin, type StaffActor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db } from '../../platform/db';
import { recordChange } from '../../platform/events';
import type { Lang } from '../../platform/http/i18n';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { personFor, personSeenInPerson } from '../identity';
import { isDelegatedTo, officeNames, operatorOffice } from '../offices';
import { agenciesByIds, findPeople } from '../organisation';
import { requestVisibleTo, servingUnit, submitRequest, trackingCodesOf, type SubmissionChannel } from '../requests';
import { findPublishedService, servicesByIds, servicesOfAgencies, versionDelivery } from '../services';
import { ChannelsError } from './channels.errors';
import { requireCounterOperator, requireOverseer, requireWalkInClerk, walkInAgencies } from './channels.policy';
import * as repo from './channels.repository';
import { checkConsent, spendConsent, startConsent } from './consents.service';
import { choosePostal, POSTAL_STREAM, postalReference, postalRunAt } from './postal.service';

/*
 * Requests entered for a citizen by staff, through the desk's one submission (requests module,
 * SubmissionChannel): at a counter office by its operator with the citizen's one-time code as
 * consent, or at an agency's in-person desk by a desk clerk (the code, or the original national
 * card seen). Each records its channel, office or unit and the staff member with the request, in
 * the submission's transaction; the answer may go by post.
 */

// Services offered through a channel --------------------------------------------------------------
async function channelServices(db: Db, ids: readonly string[], lang: Lang): Promise<ChannelService[]> {
  const out: ChannelService[] = [];
  const agencies = await agenciesByIds(db, [...(await servicesByIds(db, ids)).values()].map((s) => s.agencyId));
  for (const id of ids) {
    const s = await findPublishedService(db, id);
    if (!s?.publishedVersion || s.recipients !== 'G2C') continue;
    const v = await versionDelivery(db, s.id, s.publishedVersion);
    const a = agencies.get(s.agencyId);
    out.push({
      serviceId: s.id,
      title: (lang === 'en' && s.titleEn) || s.titleFa,
      agencyId: s.agencyId,
      agencyName: (lang === 'en' && a?.nameEn) || a?.nameFa || '',
      formSchema: s.formSchema,
      uiSchema: v?.uiSchema ?? {},
      postalDelivery: v?.postalDelivery ?? false,
    });
  }
  return out;
}

// Counter offices -------------------------------------------------------------------------------
/** The operator's office: linked and active, or refused. */
async function operatorPlace(db: Db, staff: StaffActor, lang: Lang): Promise<Office> {
  const office = await operatorOffice(db, staff.id, lang);
  if (!office) throw new ChannelsError('COUNTER_OFFICE_NOT_LINKED');
  if (!office.active) throw new ChannelsError('COUNTER_OFFICE_INACTIVE', { officeId: office.id });
  return office;
}

/** The counter operator's desk: their office and the services delegated to it, each with its form. */
export async function counterDesk(ctx: AppContext, actor: Actor, lang: Lang): Promise<CounterDesk> {
  const staff = requireCounterOperator(actor);
  const db = ctx.database.db;
  const office = await operatorOffice(db, staff.id, lang);
  if (!office) throw new ChannelsError('COUNTER_OFFICE_NOT_LINKED');
  return { office, services: office.active ? await channelServices(db, office.services.map((s) => s.serviceId), lang) : [] };
}

/** Sends the citizen a consent code for a request the operator will enter at their office. */
export async function startCounterConsent(ctx: AppContext, actor: Actor, origin: RequestOrigin, q: { nationalCode: string; mobile: string }, lang: Lang): Promise<ConsentChallenge> {
  const staff = requireCounterOperator(actor);
  const office = await operatorPlace(ctx.database.db, staff, lang);
  return startConsent(ctx, staff, origin, q, { channel: 'counter', officeId: office.id, agencyId: null, name: office.name });
}

/**
 * The operator submits the request for the citizen: the code the citizen read out must match the
 * operator's own consent at their office, and the service must be delegated to the office. The
 * applicant is the citizen; the request records channel 'counter', the office and the operator.
 */
export async function submitAtCounter(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  input: { consentId: string; code: string; serviceId: string; form: Record<string, unknown>; postal?: PostalChoice | undefined },
  lang: Lang,
  claim?: IdempotencyClaim,
) {
  const staff = requireCounterOperator(actor);
  const office = await operatorPlace(ctx.database.db, staff, lang);
  const consent = await checkConsent(ctx, staff, origin, input.consentId, input.code, { channel: 'counter', officeId: office.id, agencyId: null });
  const via: SubmissionChannel = {
    async check(service) {
      if (!(await isDelegatedTo(ctx.database.db, office.id, service.id))) throw new ChannelsError('SERVICE_NOT_DELEGATED', { serviceId: service.id, officeId: office.id });
    },
    applicant: (tx, now) => personFor(ctx, tx, consent, origin, now),
    attribution: { channel: 'counter', officeId: office.id, actedAs: 'counter_operator', identityCheck: 'otp', consentId: consent.id },
    async record(tx, r, now) {
      await spendConsent(tx, consent.id, r.id, now);
      await repo.insertRequestChannel(tx.db, { requestId: r.id, agencyId: r.agencyId, serviceId: r.serviceId, channel: 'counter', officeId: office.id, unitId: null, staffId: staff.id, identityCheck: 'otp', consentId: consent.id, submittedAt: now });
      if (input.postal) await choosePostal(tx, r, input.postal, now);
    },
  };
  return submitRequest(ctx, staff, origin, { serviceId: input.serviceId, form: input.form }, lang, claim, via);
}

// The agency's in-person desk ---------------------------------------------------------------------
/** The clerk's in-person desk: the published G2C services of the agencies where they are a desk clerk. */
export async function walkInDesk(ctx: AppContext, actor: Actor, lang: Lang): Promise<WalkInDesk> {
  requireWalkInClerk(actor);
  const db = ctx.database.db;
  const services = await servicesOfAgencies(db, walkInAgencies(actor));
  return { services: await channelServices(db, services.filter((s) => s.published).map((s) => s.id), lang) };
}

function walkInAgency(actor: Actor, agencyId: string): StaffActor {
  const staff = requireWalkInClerk(actor);
  if (!walkInAgencies(staff).includes(agencyId)) throw new ChannelsError('NOT_FOUND', { agencyId });
  return staff;
}

/** Sends the citizen at the agency's in-person desk a consent code. */
export async function startWalkInConsent(ctx: AppContext, actor: Actor, origin: RequestOrigin, q: { nationalCode: string; mobile: string; agencyId: string }): Promise<ConsentChallenge> {
  const staff = walkInAgency(actor, q.agencyId);
  const agency = (await agenciesByIds(ctx.database.db, [q.agencyId])).get(q.agencyId);
  return startConsent(ctx, staff, origin, { nationalCode: q.nationalCode, mobile: q.mobile }, { channel: 'in_person', officeId: null, agencyId: q.agencyId, name: agency?.nameFa ?? '' });
}

type WalkInIdentity = { method: 'otp'; consentId: string; code: string } | { method: 'card_seen'; nationalCode: string; attestation: true };

/**
 * A desk clerk registers a walk-in request into the same flow: the person identified by their
 * one-time code (a consent the clerk started for the service's agency) or by the clerk attesting
 * they saw the original national card (recorded in the event and the audit entry). The request
 * records channel 'in_person' and the clerk's unit.
 */
export async function submitWalkIn(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  input: { identity: WalkInIdentity; serviceId: string; form: Record<string, unknown>; postal?: PostalChoice | undefined },
  lang: Lang,
  claim?: IdempotencyClaim,
) {
  const staff = requireWalkInClerk(actor);
  const id = input.identity;
  const service = await findPublishedService(ctx.database.db, input.serviceId);
  // Another agency's service is, to this clerk, not there.
  if (!service || !walkInAgencies(staff).includes(service.agencyId)) throw new ChannelsError('NOT_FOUND', { serviceId: input.serviceId });
  const consent = id.method === 'otp' ? await checkConsent(ctx, staff, origin, id.consentId, id.code, { channel: 'in_person', officeId: null, agencyId: service.agencyId }) : undefined;
  const unitId = servingUnit(staff, service.agencyId, 'desk_clerk');
  const via: SubmissionChannel = {
    async check() {},
    applicant: (tx, now) => (consent ? personFor(ctx, tx, consent, origin, now) : personSeenInPerson(tx, (id as { nationalCode: string }).nationalCode, origin, now)),
    attribution: {
      channel: 'in_person',
      unitId,
      actedAs: 'desk_clerk',
      identityCheck: consent ? 'otp' : 'card_seen',
      ...(consent ? { consentId: consent.id } : { attestation: 'original_national_card_seen' }),
    },
    async record(tx, r, now) {
      if (consent) await spendConsent(tx, consent.id, r.id, now);
      await repo.insertRequestChannel(tx.db, { requestId: r.id, agencyId: r.agencyId, serviceId: r.serviceId, channel: 'in_person', officeId: null, unitId, staffId: staff.id, identityCheck: consent ? 'otp' : 'card_seen', consentId: consent?.id ?? null, submittedAt: now });
      if (input.postal) await choosePostal(tx, r, input.postal, now);
    },
  };
  return submitRequest(ctx, staff, origin, { serviceId: input.serviceId, form: input.form }, lang, claim, via);
}

// Oversight ------------------------------------------------------------------------------------------
/** The instants a Jalali day (YYYY/MM/DD, checked by the query's schema) starts and ends. */
function dayBounds(d: string): { start: Date; end: Date } {
  const parsed = parseJalali(d);
  if (!parsed.ok) throw new ChannelsError('VALIDATION_FAILED', { date: d });
  return jalaliDayRange(parsed.value);
}

/** The counters' work on the agency's services, newest first: who, when, what, at which office (agency administrators, unit managers). */
export async function counterWork(
  ctx: AppContext,
  actor: Actor,
  agencyId: string,
  q: { officeId?: string | undefined; from?: string | undefined; to?: string | undefined; limit: number; offset: number },
  lang: Lang,
): Promise<CounterWorkPage> {
  requireOverseer(actor, agencyId);
  const db = ctx.database.db;
  const page = await repo.counterWork(db, { agencyId, officeId: q.officeId, from: q.from ? dayBounds(q.from).start : undefined, to: q.to ? dayBounds(q.to).end : undefined, limit: q.limit, offset: q.offset });
  const officeIds = (await repo.counterOfficesOf(db, agencyId)).map((o) => o.officeId);
  const [codes, services, offices, people] = await Promise.all([
    trackingCodesOf(db, page.items.map((i) => i.requestId)),
    servicesByIds(db, page.items.map((i) => i.serviceId)),
    officeNames(db, officeIds),
    findPeople(db, { staff: page.items.map((i) => i.staffId) }),
  ]);
  const next = q.offset + page.items.length;
  return {
    items: page.items.map((i) => {
      const s = services.get(i.serviceId);
      return {
        requestId: i.requestId,
        trackingCode: codes.get(i.requestId) ?? '',
        serviceId: i.serviceId,
        serviceTitle: (lang === 'en' && s?.titleEn) || s?.titleFa || '',
        officeId: i.officeId!,
        officeName: offices.get(i.officeId!) ?? '',
        operatorId: i.staffId,
        operatorName: people.staff.get(i.staffId) ?? '',
        submittedAt: i.submittedAt.toISOString(),
        submittedOnJalali: jalaliDateString(i.submittedAt),
      };
    }),
    total: page.total,
    nextOffset: next < page.total ? next : null,
    offices: officeIds.map((id) => ({ id, name: offices.get(id) ?? '' })).sort((a, b) => a.name.localeCompare(b.name, 'fa')),
  };
}

// The request's page ------------------------------------------------------------------------------
/** How the request came in and its postal dispatch, for whoever may open the request (its applicant, desk staff of its agency). */
export async function requestChannel(ctx: AppContext, actor: Actor, requestId: string): Promise<RequestChannelView> {
  await requestVisibleTo(ctx, actor, requestId);
  return channelView(ctx.database.db, actor, requestId);
}

/** The request's channel and dispatch as `actor` (the applicant, or desk staff of its agency: checked by the caller) sees them. */
async function channelView(db: Db, actor: Actor, requestId: string): Promise<RequestChannelView> {
  // One after the other: `db` may be a transaction's one connection (the retry's reply).
  const ch = await repo.findRequestChannel(db, requestId);
  const postal = await repo.findPostal(db, requestId);
  const office = ch?.officeId ? (await officeNames(db, [ch.officeId])).get(ch.officeId) ?? null : null;
  return {
    channel: ch?.channel ?? 'online',
    officeName: office,
    identityCheck: ch?.identityCheck ?? null,
    postal: postal ? {
      status: postal.status,
      postalCodeMasked: maskMiddle(postal.postalCode, 2, 2),
      postalTracking: postal.postalTracking,
      dispatchedAt: postal.dispatchedAt?.toISOString() ?? null,
      // The outbox's attempts, for the agency's desk staff (a dispatch that keeps failing is theirs to follow up).
      attempts: postal.attempts,
      nextAttemptAt: postal.status === 'due' ? postal.nextAttemptAt?.toISOString() ?? null : null,
      lastError: actor.type === 'staff' ? postal.lastError : null,
      retries: postal.retries,
      // The staff who see the request are its agency's desk staff: those retryPostal lets send it again.
      mayRetry: actor.type === 'staff' && postal.status === 'failed',
    } : null,
  };
}

const CORRECTABLE = ['postalCode', 'address', 'recipientName'] as const;

/**
 * The agency's desk staff send a failed dispatch again (ADR 0039): due now, with a fresh round of
 * POSTAL_MAX_ATTEMPTS attempts, the fields given correcting its address (a field equal to the
 * dispatch's own corrects nothing). Refused like the request's page to anyone else (another
 * agency's staff, an unknown id: REQUEST_NOT_FOUND; a citizen is refused at the route), and
 * POSTAL_NOT_FAILED unless the dispatch is failed: of concurrent retries, one (the dispatch's row
 * is locked). Event and audit entry (actor: the staff member) and the job asked to run at once, in
 * one transaction; the reply is the request's channel as it stands after.
 */
export async function retryPostal(ctx: AppContext, actor: Actor, origin: RequestOrigin, requestId: string, body: PostalRetry, claim?: IdempotencyClaim): Promise<Replayable<RequestChannelView, 200>> {
  requireStaff(actor);
  const r = await requestVisibleTo(ctx, actor, requestId);
  const now = ctx.clock.now();
  const w = { actor, origin, at: now };
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, now, async () => {
      const before = await repo.findPostal(tx.db, requestId, true);
      if (before?.status !== 'failed') throw new ChannelsError('POSTAL_NOT_FAILED', { requestId, status: before?.status ?? null });
      const corrected = CORRECTABLE.filter((k) => body[k] !== undefined && body[k] !== before[k]);
      const d = await repo.retryFailed(tx.db, requestId, corrected.length > 0 ? Object.fromEntries(corrected.map((k) => [k, body[k]])) : null, now);
      if (!d) throw new ChannelsError('POSTAL_NOT_FAILED', { requestId, status: before.status });
      await recordChange(tx, w, {
        stream: POSTAL_STREAM,
        id: requestId,
        event: 'retried',
        audit: 'postal_dispatch.retry',
        agencyId: r.agencyId,
        // The fields corrected, not their values: the address is the applicant's, kept on the dispatch only.
        details: { retry: d.retries, attemptsBefore: d.attemptsBeforeRetry, corrected, reference: postalReference(d) },
      });
      await postalRunAt(ctx, tx, `${requestId}:retry:${d.retries}`, now, now);
      return { status: 200 as const, body: await channelView(tx.db, actor, requestId) };
    }),
  );
}
