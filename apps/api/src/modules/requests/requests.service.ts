import type { DocumentAnswer, PostalChoice } from '@dargah/contracts';
import { jalaliDateString, jalaliDayRange, type WorkingCalendar } from '@dargah/persian';
import type { Actor, RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db, type Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import type { Lang } from '../../platform/http/i18n';
import { decodeTimeCursor, encodeTimeCursor } from '../../platform/http/cursor';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { notify } from '../../platform/notify';
import { requireCitizen, requireStaff, type StaffActor } from '../../platform/actor';
import { calendarFor } from '../calendar';
import { assertNoReviewConflict, reviewConflictOf } from '../organisation';
import { ServicesError, assertOpenForRequests, findPublishedService, versionWorkflow } from '../services';
import { checkForm } from '../../platform/forms';
import { applicantView } from './request-people.model';
import { namesOf, peopleOf, type People } from './request-people.service';
import type { RequestView } from './request-views.schemas';
import { CartableError } from './cartable.errors';
import { holderOf } from './cartable.repository';
import { applicantFor, citizenMaySee, decideOrRefuse, heldRolesFor, mayRevealApplicant, mayView, servingUnit, staffMaySee } from './requests.policy';
import { requestReceivedTemplate } from './requests.notifications';
import { notifyMove } from './requests-moves.service';
import * as reads from './request-rows.service';
import * as repo from './requests.repository';
import { actionSteps, allowedActions, inPersonOf, isFinal, outcomeOf, statusLabel, SUBMITTED_EVENT, type RequestAction } from './requests-workflow';
import { newTrackingCode } from './tracking-code.model';
import { answerDuration } from './answer-duration.model';
import { RequestsError } from './requests.errors';
import { dueChangeOf } from './interaction.model';
import { checkDocumentAnswers, linkDocuments } from './uploads.service';
import { deleteDraftOnSubmit } from './drafts.service';
import { documentsOfService } from '../catalogue';
import { paymentsOfRequests, paymentToSpend, spendPayment } from '../payments';
import type { RequestPayment } from '@dargah/contracts';


// Due dates -------------------------------------------------------------------------------------
/**
 * The answer date: the service norm in working days of the agency's calendar (calendar module:
 * Saturday to Wednesday, the fixed solar holidays, the published yearly table with its lunar
 * holidays, the agency's and its province's closures), counted from the day after submission
 * (Tehran time). `dueAt` is the end of that day (exclusive), so a request is overdue from the
 * first instant of the next day.
 */
export function dueDate(calendar: WorkingCalendar, submittedAt: Date, normDays: number): { dueAt: Date; dueDateJalali: string } {
  const day = calendar.addWorkingDaysToInstant(submittedAt, normDays);
  return { dueAt: jalaliDayRange(day).end, dueDateJalali: jalaliDateString(day) };
}
/** The Jalali day a dueAt instant closes. */
export const dueDay = (dueAt: Date) => jalaliDateString(new Date(dueAt.getTime() - 1));

// Views -----------------------------------------------------------------------------------------
const STAFF_LABELS: Record<string, { fa: string; en: string }> = {
  desk_clerk: { fa: 'کارمند پیشخوان دستگاه', en: 'Agency desk clerk' },
  expert: { fa: 'کارشناس دستگاه', en: 'Agency expert' },
  unit_manager: { fa: 'مدیر واحد دستگاه', en: 'Agency unit manager' },
  counter_operator: { fa: 'اپراتور دفتر پیشخوان', en: 'Counter office operator' },
};

/** Who acted, as the applicant may see it: "you", the applicant, or a role — never a staff member's name. */
export function actorLabel(e: repo.RequestEventRow, viewer: Actor, lang: Lang): string {
  if (e.actorType === 'citizen') {
    if (viewer.type === 'citizen' && e.actorId === viewer.id) return lang === 'fa' ? 'شما' : 'You';
    if (e.onBehalfOfId) return lang === 'fa' ? 'نماینده شرکت' : 'Company representative';
    return lang === 'fa' ? 'متقاضی' : 'Applicant';
  }
  if (e.actorType === 'staff') {
    const l = STAFF_LABELS[String(e.payload.actedAs)] ?? STAFF_LABELS.expert!;
    return l[lang];
  }
  return lang === 'fa' ? 'سامانه' : 'System';
}

/** The note written on the move into the request's current status, if any. */
function noteOfEntry(events: repo.RequestEventRow[], r: repo.RequestRow): string | null {
  const e = events.filter((x) => x.streamId === r.id && x.payload.to === r.status).at(-1);
  return e && typeof e.payload.note === 'string' ? e.payload.note : null;
}

function toView(r: repo.RequestRow, events: repo.RequestEventRow[], people: People, viewer: Actor, lang: Lang, payment: RequestPayment | undefined): RequestView {
  return {
    id: r.id,
    trackingCode: r.trackingCode,
    serviceId: r.serviceId,
    serviceVersion: r.serviceVersion,
    serviceTitle: (lang === 'en' && r.serviceTitleEn) || r.serviceTitleFa,
    agencyId: r.agencyId,
    agencyName: (lang === 'en' && r.agencyNameEn) || r.agencyNameFa,
    status: r.status,
    form: r.form,
    submittedAt: r.submittedAt.toISOString(),
    dueDateJalali: dueDay(r.dueAt),
    dueAt: r.dueAt.toISOString(),
    decisionNote: r.decisionNote,
    history: events
      .filter((e) => e.streamId === r.id)
      .map((e) => ({
        action: e.action,
        at: e.createdAt.toISOString(),
        actorLabel: actorLabel(e, viewer, lang),
        ...namesOf(e, viewer, people),
        note: typeof e.payload.note === 'string' ? e.payload.note : null,
        dueChange: dueChangeOf(e.payload),
      })),
    applicant: applicantView(people.citizens.get(r.applicantId), r.onBehalfOfId ? people.citizens.get(r.onBehalfOfId) : undefined, mayRevealApplicant(viewer, r)),
    version: r.version,
    actions: viewer.type === 'staff' ? allowedActions(r.status, heldRolesFor(viewer, r), r.workflow) : [],
    statusLabel: statusLabel(r.status, r.workflow, lang),
    outcome: outcomeOf(r.status, r.workflow),
    steps: [],
    // The note of the move into the current status (the invitation's when and why).
    inPerson: inPersonOf(r.status, r.workflow, lang, noteOfEntry(events, r)),
    payment: payment ?? null,
  };
}

export async function viewOf(db: Db, r: repo.RequestRow, viewer: Actor, lang: Lang): Promise<RequestView> {
  const events = await repo.requestEvents(db, [r.id]);
  const view = toView(r, events, await peopleOf(db, [r], events), viewer, lang, (await paymentsOfRequests(db, [r.id])).get(r.id));
  // Separation of duties: staff who are the applicant are offered nothing (actOnRequest refuses it).
  if (view.actions.length > 0 && (await reviewConflictOf(db, viewer, { applicantCitizenId: r.applicantId })))
    view.actions = [];
  // The cartable: a request a colleague holds is theirs to work (a unit manager reassigns it first).
  if (view.actions.length > 0 && viewer.type === 'staff' && ((await holderOf(db, r.id)) ?? viewer.id) !== viewer.id) view.actions = [];
  view.steps = actionSteps(r.status, view.actions, r.workflow, lang);
  return view;
}

// Keyset cursors of [submittedAt, id] of the last row shown (platform/http/cursor.ts).
export const encodeCursor = (r: { submittedAt: Date; id: string }) => encodeTimeCursor(r.submittedAt, r.id);
export function decodeCursor(cursor: string | undefined, lang: Lang): repo.Keyset | undefined {
  const k = decodeTimeCursor(cursor, lang);
  return k && { submittedAt: k.at, id: k.id };
}

// Submit ----------------------------------------------------------------------------------------
/**
 * A request entered for a citizen by staff (a counter operator, an agency's in-person desk: the
 * channels module). `check` runs before anything is written, with the published service (whose
 * office or unit may take it); `applicant` and `record` run in the submission's transaction (the
 * person the consent proves, then the channel's own rows: spending the consent, the attribution).
 * `attribution` joins the `submit` event's payload and audit details.
 */
export interface SubmissionChannel {
  check(service: { id: string; agencyId: string; recipients: string; publishedVersion: number }): Promise<void>;
  applicant(tx: Tx, now: Date): Promise<string>;
  attribution: Record<string, unknown>;
  record(tx: Tx, request: { id: string; agencyId: string; serviceId: string; serviceVersion: number; applicantId: string }, now: Date): Promise<void>;
}

/**
 * Keeps an online applicant's choice of postal delivery in the submission's transaction: the
 * channels module owns the postal dispatches and registers this (it imports this module, not the
 * other way round). It refuses a version that does not offer it, or a choice with no address.
 */
export type PostalChoiceHook = (tx: Tx, request: { id: string; agencyId: string; serviceId: string; serviceVersion: number; applicantId: string }, postal: PostalChoice, now: Date) => Promise<void>;
let postalChoice: PostalChoiceHook | undefined;
export const onPostalChosen = (hook: PostalChoiceHook): void => {
  postalChoice = hook;
};

/**
 * A citizen submits a service's form: validated against the service's JSON Schema, given a
 * tracking code and an answer date, recorded with its `submit` event and audit entry in one
 * transaction, with the uploads it names as the card's documents (each used once) and the person's
 * draft of the service deleted. With an Idempotency-Key a retry returns the first receipt. With
 * `via`, staff submit it for the citizen through another channel (SubmissionChannel); G2C services only.
 */
export async function submitRequest(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  input: { serviceId: string; form: Record<string, unknown>; documents?: DocumentAnswer[] | undefined; paymentId?: string | undefined; postal?: PostalChoice | undefined },
  lang: Lang,
  claim?: IdempotencyClaim,
  via?: SubmissionChannel,
): Promise<Replayable<RequestView, 201>> {
  if (via) requireStaff(actor);
  else requireCitizen(actor);
  const service = await findPublishedService(ctx.database.db, input.serviceId);
  if (!service?.publishedVersion) throw new ServicesError('SERVICE_NOT_FOUND', { serviceId: input.serviceId });
  const serviceVersion = service.publishedVersion;
  // The request runs the workflow of the version it is submitted on, for good (ADR 0034).
  const definition = (await versionWorkflow(ctx.database.db, service.id, serviceVersion))!;
  const initial = definition.initial;
  // The desk takes requests only for a service its approved catalogue card lets be requested online, in force.
  await assertOpenForRequests(ctx.database.db, service, ctx.clock.now());
  if (via && service.recipients !== 'G2C') throw new RequestsError('SERVICE_NOT_FOR_APPLICANT', { recipients: service.recipients, actingForCompany: false });
  await via?.check({ ...service, publishedVersion: serviceVersion });
  const who = actor.type === 'citizen' ? applicantFor(actor, service.recipients) : undefined;
  const checked = checkForm(service.formSchema, input.form, lang);
  if (!checked.ok) throw new RequestsError('VALIDATION_FAILED', { fields: checked.fields });
  // The card's documents: online, each mandatory one answered by an upload, before anything is stored.
  // At a counter or the in-person desk the staff member sees the originals: nothing is uploaded (ADR 0036).
  const documents = via ? [] : checkDocumentAnswers(await documentsOfService(ctx.database.db, service.catalogueServiceId), input.documents ?? []);
  // The version's fee: online, paid through the gateway before the request is taken (the person's own
  // paid payment for this service, spent once). At a counter or the in-person desk the fee is taken
  // there, as the office takes it today: nothing is recorded here (ADR 0037).
  const payment = actor.type === 'citizen' ? paymentToSpend(service.id, service.feeRule, input.paymentId) : undefined;
  const now = ctx.clock.now();
  // The agency's calendar is cached per process: no read here once it is (calendar module).
  const { dueAt } = dueDate(await calendarFor(ctx, service.agencyId), now, service.normDays);

  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, now, async () => {
      const applicant = who ?? { applicantId: await via!.applicant(tx, now), onBehalfOfId: null };
      let id: string | undefined;
      let trackingCode = '';
      for (let attempt = 0; !id; attempt++) {
        if (attempt === 5) throw new Error('could not draw a free tracking code in 5 attempts');
        trackingCode = newTrackingCode();
        id = await repo.insertRequest(tx.db, {
          trackingCode,
          serviceId: service.id,
          serviceVersion,
          agencyId: service.agencyId,
          ...applicant,
          status: initial,
          form: checked.form,
          submittedAt: now,
          dueAt,
        });
      }
      await recordChange(tx, { actor, origin, at: now }, {
        stream: repo.STREAM,
        id,
        event: SUBMITTED_EVENT,
        audit: 'service_request.submit',
        agencyId: service.agencyId,
        details: { trackingCode, serviceId: service.id, serviceVersion, documents: documents.length, ...(payment ? { paymentId: payment.paymentId, amountRials: payment.amountRials } : {}), ...via?.attribution },
        payload: { trackingCode, serviceId: service.id, serviceVersion, to: initial, ...via?.attribution },
      });
      const made = { id, agencyId: service.agencyId, serviceId: service.id, serviceVersion, applicantId: applicant.applicantId };
      await via?.record(tx, made, now);
      // Online, the answer by post where the version offers it (a channel keeps its own choice in `record`).
      if (!via && input.postal) {
        if (!postalChoice) throw new Error('postal delivery chosen but no module keeps it (the channels module is not registered)');
        await postalChoice(tx, made, input.postal, now);
      }
      // The uploads named become the request's documents, and the person's draft of the service goes, in this transaction.
      if (actor.type === 'citizen') {
        await linkDocuments(tx, actor, service.id, id, documents);
        if (payment) await spendPayment(tx, { actor, origin, at: now }, { ...payment, serviceId: service.id, agencyId: service.agencyId, requestId: id });
        await deleteDraftOnSubmit(tx, actor, origin, now, service.id);
      }
      // The receipt by SMS (and in the inbox) too: the tracking code and the answer date.
      await notify(ctx, tx, requestReceivedTemplate, {
        to: { person: { type: 'citizen', id: applicant.applicantId } },
        // dueAt is exclusive: the answer is due by the day that ends just before it.
        personalisation: { trackingCode, service: service.titleFa, answerBy: new Date(dueAt.getTime() - 1) },
        agencyId: service.agencyId,
        reference: id,
      });
      const row = (await reads.findRequest(tx.db, id))!;
      return { status: 201 as const, body: await viewOf(tx.db, row, actor, lang) };
    }),
  );
}

// Read ------------------------------------------------------------------------------------------
/** One request, for its applicant or desk staff of its agency; anyone else is told it does not exist. */
export async function getRequest(ctx: AppContext, actor: Actor, id: string, lang: Lang): Promise<RequestView> {
  const db = ctx.database.db;
  const r = await reads.findRequest(db, id);
  if (!r || !mayView(actor, r)) throw new RequestsError('REQUEST_NOT_FOUND', { requestId: id });
  return viewOf(db, r, actor, lang);
}

/**
 * The request's agency, when the actor may open the request (its applicant, or desk staff of its
 * agency); anyone else is told it does not exist. Other modules showing something of a request
 * (its messages' delivery) ask this first.
 */
export async function requestVisibleTo(ctx: AppContext, actor: Actor, id: string): Promise<{ id: string; agencyId: string }> {
  const r = await reads.findRequest(ctx.database.db, id);
  if (!r || !mayView(actor, r)) throw new RequestsError('REQUEST_NOT_FOUND', { requestId: id });
  return { id: r.id, agencyId: r.agencyId };
}

/** A request by its tracking code, for its applicant only. */
export async function trackRequest(ctx: AppContext, actor: Actor, trackingCode: string, lang: Lang): Promise<RequestView> {
  requireCitizen(actor);
  const db = ctx.database.db;
  const r = await reads.findRequestByTrackingCode(db, trackingCode);
  if (!r || !citizenMaySee(actor, r)) throw new RequestsError('REQUEST_NOT_FOUND', { trackingCode });
  return viewOf(db, r, actor, lang);
}

/** The citizen's requests, newest first: their own, or the company's while acting for it. */
export async function listMyRequests(ctx: AppContext, actor: Actor, q: { cursor?: string | undefined; limit: number }, lang: Lang) {
  requireCitizen(actor);
  const db = ctx.database.db;
  const found = await reads.listApplicantRequests(db, { applicantId: actor.id, companyId: actor.onBehalfOfId }, decodeCursor(q.cursor, lang), q.limit);
  const page = found.slice(0, q.limit);
  const events = await repo.requestEvents(db, page.map((r) => r.id));
  const people = await peopleOf(db, page, events);
  const payments = await paymentsOfRequests(db, page.map((r) => r.id));
  return { items: page.map((r) => toView(r, events, people, actor, lang, payments.get(r.id))), nextCursor: found.length > q.limit ? encodeCursor(page.at(-1)!) : null };
}

// Act -------------------------------------------------------------------------------------------
/**
 * The request a staff member acts on and the move their action makes: REQUEST_NOT_FOUND outside
 * their agencies, CONFLICT at a stale version, the workflow's coded refusal (decideOrRefuse).
 */
export async function requestToAct(db: Db, staff: StaffActor, requestId: string, action: RequestAction, version: number | undefined, note: string | undefined, documents?: readonly string[]) {
  const r = await reads.findRequest(db, requestId);
  if (!r || !staffMaySee(staff, r.agencyId)) throw new RequestsError('REQUEST_NOT_FOUND', { requestId });
  if (version !== undefined && version !== r.version) throw new RequestsError('CONFLICT', { requestId, version: r.version });
  // A request someone has claimed is theirs to work (the cartable); anyone else is refused.
  const holder = await holderOf(db, r.id);
  if (holder !== null && holder !== staff.id) throw new CartableError('CARTABLE_HELD_BY_OTHER', { requestId });
  return { r, t: decideOrRefuse(r, action, heldRolesFor(staff, r), note, documents) };
}

/**
 * Staff move a request along the workflow table: `take` it for review, `approve` or `reject`
 * it. State, event, audit entry and (for a decision) the SMS to the applicant commit together.
 * A stale `version`, or a change that lands first, is a 409 CONFLICT; an action the table does
 * not allow in the current status is a 409 REQUEST_ACTION_NOT_ALLOWED.
 */
export async function actOnRequest(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  requestId: string,
  action: RequestAction,
  input: { note?: string | undefined; version?: number | undefined; documents?: string[] | undefined },
  lang: Lang,
  claim?: IdempotencyClaim,
): Promise<Replayable<RequestView, 200>> {
  requireStaff(actor);
  const staff: StaffActor = actor;
  const now = ctx.clock.now();
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, now, async () => {
      const after = await actInTransaction(ctx, tx, staff, origin, requestId, action, input, now);
      return { status: 200 as const, body: await viewOf(tx.db, after, staff, lang) };
    }),
  );
}

/**
 * actOnRequest's move inside the caller's transaction (the signed answer records its document in
 * the same one): the checks, the move, its event and audit entry and the decision's SMS. Returns the
 * request as it stands after the move.
 */
export async function actInTransaction(
  ctx: AppContext,
  tx: Tx,
  staff: StaffActor,
  origin: RequestOrigin,
  requestId: string,
  action: RequestAction,
  input: { note?: string | undefined; version?: number | undefined; documents?: string[] | undefined },
  now: Date,
): Promise<repo.RequestRow> {
  const { r, t } = await requestToAct(tx.db, staff, requestId, action, input.version, input.note, input.documents);
  const { actedAs } = t;
  await assertNoReviewConflict(tx.db, staff, { applicantCitizenId: r.applicantId }, { requestId });
  const decided = isFinal(t.to, r.workflow);
  // Every step's note is on the request's timeline (an invitation's when and why); a decision's is its decision note too.
  const note = input.note?.trim() || null;
  const moved = await repo.advanceRequest(tx.db, r.id, r.version, {
    status: t.to,
    decidedAt: decided ? now : null,
    decisionNote: decided ? note : null,
    // The office serving the request: the unit of whoever first takes or decides it (the desk reports' office).
    unitId: servingUnit(staff, r.agencyId, actedAs),
    // Counted on the agency's calendar, the one the due date was counted on.
    answer: decided ? answerDuration(await calendarFor(tx.db, r.agencyId), r.submittedAt, now) : null,
  }, now);
  if (!moved) throw new RequestsError('CONFLICT', { requestId });
  await recordChange(tx, { actor: staff, origin, at: now }, {
    stream: repo.STREAM,
    id: r.id,
    event: t.event,
    audit: `service_request.${action}`,
    agencyId: r.agencyId,
    details: { trackingCode: r.trackingCode, from: r.status, to: t.to },
    payload: { from: r.status, to: t.to, actedAs, ...(note ? { note } : {}), ...(input.documents?.length ? { documentsSeen: input.documents } : {}) },
  });
  await notifyMove(ctx, tx, r, t.to, note);
  return (await reads.findRequest(tx.db, r.id))!;
}
