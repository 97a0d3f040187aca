import type { AskCorrection, Correction, CorrectionReply } from '@dargah/contracts';
import type { Actor, RequestOrigin, StaffActor } from '../../platform/actor';
import { requireCitizen, requireStaff } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction } from '../../platform/db';
import { recordChange } from '../../platform/events';
import type { Lang } from '../../platform/http/i18n';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { notify } from '../../platform/notify';
import { APPLICANT_ROLE } from '../../platform/workflow';
import { calendarFor } from '../calendar';
import { assertNoReviewConflict } from '../organisation';
import { versionFormSchema } from '../services';
import { checkForm } from '../../platform/forms';
import type { RequestView } from './request-views.schemas';
import * as reads from './request-rows.service';
import { InteractionError } from './interaction.errors';
import { dueChangePayload, formFields, pausedDue } from './interaction.model';
import { correctionRequestedTemplate } from './interaction.notifications';
import * as repo from './interaction.repository';
import { postInTransaction } from './messages.service';
import { citizenMaySee, decideOrRefuse, mayView, servingUnit } from './requests.policy';
import { STREAM } from './requests.repository';
import { actorLabel, requestToAct, viewOf } from './requests.service';
import { RequestsError } from './requests.errors';


/*
 * A correction during the work (issue 11 item 6): staff working a request ask its applicant to
 * change some form fields and/or add documents; the request waits for the applicant with its SLA
 * clock stopped; the applicant's reply (checked against the form like a submission) returns it to
 * review with the answer date moved by the working days paused. Each pause is a row of
 * request_corrections, for the reports.
 */

/** The form of the version the request was submitted on: a correction is checked against it, as the submission was. */
const schemaOf = async (db: Parameters<typeof versionFormSchema>[0], r: { serviceId: string; serviceVersion: number }) => (await versionFormSchema(db, r.serviceId, r.serviceVersion)) ?? {};

/**
 * Staff ask the applicant for a correction: fields of the request's form (others are refused:
 * CORRECTION_FIELDS_UNKNOWN), documents to add, and a message. In one transaction: the correction,
 * the request waiting for the applicant, its event and audit entry, and the SMS to the applicant.
 */
export async function askCorrection(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  requestId: string,
  input: AskCorrection,
  lang: Lang,
  claim?: IdempotencyClaim,
): Promise<Replayable<RequestView, 200>> {
  requireStaff(actor);
  const staff: StaffActor = actor;
  const now = ctx.clock.now();
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, now, async () => {
      const { r, t } = await requestToAct(tx.db, staff, requestId, 'request_information', input.version, input.message);
      await assertNoReviewConflict(tx.db, staff, { applicantCitizenId: r.applicantId }, { requestId });
      const fields = [...new Set(input.fields)];
      const known = formFields(await schemaOf(tx.db, r));
      const unknown = fields.filter((f) => !known.has(f));
      if (unknown.length > 0) throw new InteractionError('CORRECTION_FIELDS_UNKNOWN', { fields: unknown });
      const documents = [...new Set(input.documents)];
      if (fields.length + documents.length === 0) throw new InteractionError('CORRECTION_EMPTY');
      const correctionId = await repo.insertCorrection(tx.db, {
        requestId: r.id,
        agencyId: r.agencyId,
        askedBy: staff.id,
        askedAs: t.actedAs,
        fields,
        documents,
        message: input.message,
        askedAt: now,
        dueBefore: r.dueAt,
      });
      const moved = await repo.moveRequest(tx.db, r.id, r.version, { status: t.to, unitId: servingUnit(staff, r.agencyId, t.actedAs) }, now);
      if (!moved) throw new RequestsError('CONFLICT', { requestId });
      await recordChange(tx, { actor: staff, origin, at: now }, {
        stream: STREAM,
        id: r.id,
        event: t.event,
        audit: 'service_request.request_information',
        agencyId: r.agencyId,
        details: { trackingCode: r.trackingCode, from: r.status, to: t.to, correctionId, fields, documents },
        payload: { from: r.status, to: t.to, actedAs: t.actedAs, note: input.message, correctionId, fields, documents },
      });
      await notify(ctx, tx, correctionRequestedTemplate, {
        to: { person: { type: 'citizen', id: r.applicantId } },
        personalisation: { trackingCode: r.trackingCode, service: r.serviceTitleFa },
        agencyId: r.agencyId,
        reference: r.id,
      });
      return { status: 200 as const, body: await viewOf(tx.db, (await reads.findRequest(tx.db, r.id))!, staff, lang) };
    }),
  );
}

/** A request's corrections, oldest first, for its applicant or desk staff of its agency; each field with its title and value on file. */
export async function listCorrections(ctx: AppContext, actor: Actor, requestId: string, lang: Lang): Promise<{ items: Correction[] }> {
  const db = ctx.database.db;
  const r = await reads.findRequest(db, requestId);
  if (!r || !mayView(actor, r)) throw new RequestsError('REQUEST_NOT_FOUND', { requestId });
  const titles = formFields(await schemaOf(db, r));
  const found = await repo.corrections(db, r.id);
  return {
    items: found.map((c) => ({
      id: c.id,
      fields: c.fields.map((name) => ({ name, title: titles.get(name) ?? name, current: r.form[name] ?? null })),
      documents: c.documents,
      message: c.message,
      askedAt: c.askedAt.toISOString(),
      askedByLabel: actorLabel({ streamId: r.id, action: '', actorType: 'staff', actorId: c.askedBy, onBehalfOfId: null, payload: { actedAs: c.askedAs }, createdAt: c.askedAt }, actor, lang),
      answeredAt: c.answeredAt?.toISOString() ?? null,
      pausedWorkingDays: c.pausedWorkingDays,
      dueBefore: c.dueBefore.toISOString(),
      dueAfter: c.dueAfter?.toISOString() ?? null,
    })),
  };
}

/**
 * The applicant (or, for a company's request, its representative) replies to the open correction:
 * only the fields asked may change, and the form as corrected is checked exactly like a submission;
 * documents asked come as attachments of the reply's message. In one transaction: the form, the
 * pause closed with its working days, the answer date moved by them, the request back in review,
 * the event (with the answer date before and after) and audit entry. A second reply, a stale
 * version or a concurrent reply that lands first is refused.
 */
export async function replyToCorrection(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  requestId: string,
  input: CorrectionReply,
  lang: Lang,
  claim?: IdempotencyClaim,
): Promise<Replayable<RequestView, 200>> {
  requireCitizen(actor);
  const now = ctx.clock.now();
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, now, async () => {
      const r = await reads.findRequest(tx.db, requestId);
      if (!r || !citizenMaySee(actor, r)) throw new RequestsError('REQUEST_NOT_FOUND', { requestId });
      if (input.version !== undefined && input.version !== r.version) throw new RequestsError('CONFLICT', { requestId, version: r.version });
      const c = await repo.openCorrection(tx.db, r.id);
      if (r.status !== 'awaiting_applicant' || !c) throw new InteractionError('REQUEST_NOT_AWAITING_APPLICANT', { requestId, status: r.status });
      const t = decideOrRefuse(r, 'reply', [APPLICANT_ROLE]);
      const notAsked = Object.keys(input.form).filter((f) => !c.fields.includes(f));
      if (notAsked.length > 0) throw new InteractionError('REPLY_FIELDS_NOT_ASKED', { fields: notAsked, asked: c.fields });
      if (c.documents.length > 0 && input.attachmentIds.length === 0) throw new InteractionError('REPLY_DOCUMENTS_REQUIRED', { documents: c.documents });
      const corrected: Record<string, unknown> = { ...r.form };
      for (const f of c.fields) if (Object.hasOwn(input.form, f)) corrected[f] = input.form[f];
      const checked = checkForm(await schemaOf(tx.db, r), corrected, lang);
      if (!checked.ok) throw new RequestsError('VALIDATION_FAILED', { fields: checked.fields });
      const due = pausedDue(await calendarFor(tx.db, r.agencyId), c.askedAt, now, r.dueAt);
      if (!(await repo.answerCorrection(tx.db, c.id, { answeredAt: now, answeredBy: actor.id, pausedWorkingDays: due.pausedWorkingDays, dueAfter: due.dueAt })))
        throw new RequestsError('CONFLICT', { requestId });
      if (!(await repo.moveRequest(tx.db, r.id, r.version, { status: t.to, form: checked.form, dueAt: due.dueAt, paused: { workingDays: due.pausedWorkingDays, calendarDays: due.pausedCalendarDays } }, now))) throw new RequestsError('CONFLICT', { requestId });
      const changed = c.fields.filter((f) => JSON.stringify(r.form[f]) !== JSON.stringify(checked.form[f]));
      const moved = dueChangePayload(r.dueAt, due.dueAt, due.pausedWorkingDays);
      await recordChange(tx, { actor, origin, at: now }, {
        stream: STREAM,
        id: r.id,
        event: t.event,
        audit: 'service_request.reply',
        agencyId: r.agencyId,
        details: { trackingCode: r.trackingCode, from: r.status, to: t.to, correctionId: c.id, changed, ...moved },
        payload: { from: r.status, to: t.to, correctionId: c.id, changed, ...moved },
      });
      if (input.message !== undefined || input.attachmentIds.length > 0) {
        const body = input.message ?? (lang === 'en' ? 'The documents asked for are attached.' : 'مدارک خواسته‌شده پیوست شد.');
        await postInTransaction(ctx, tx, { actor, origin, at: now }, r, { body, attachmentIds: input.attachmentIds });
      }
      return { status: 200 as const, body: await viewOf(tx.db, (await reads.findRequest(tx.db, r.id))!, actor, lang) };
    }),
  );
}
