import type { AnswerTemplate, DecideWithAnswer, LegalBasisOption, RequestAnswer } from '@dargah/contracts';
import type { RequestView } from './request-views.schemas';
import type { Actor, RequestOrigin, StaffActor, Who } from '../../platform/actor';
import { requireStaff } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db, type Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { DomainError } from '../../platform/http/errors';
import type { Lang } from '../../platform/http/i18n';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { renderPdf, type AnswerData } from '../../platform/pdf';
import { legalBasesOfService } from '../catalogue';
import { documentFacts, issueDocument, prepareDocument, readPdf, signDocument, signedDocuments } from '../documents';
import { agencyNames, rolesIn } from '../organisation';
import { servicesByIds, versionAnswerTemplate, versionForPreview } from '../services';
import { answerBody, type AnswerValues } from './answer-body.export';
import * as answers from './answer.repository';
import { AnswerError } from './answer.errors';
import * as reads from './request-rows.service';
import * as repo from './requests.repository';
import { heldRolesFor, mayView, staffMaySee } from './requests.policy';
import { actInTransaction, actOnRequest, getRequest, viewOf } from './requests.service';
import { decisionAction, decisionOf, isFinal, type RequestAction } from './requests-workflow';
import { RequestsError } from './requests.errors';

/*
 * The signed answer (issue 11, item 7; ADR 0029): a decision (approve, approve in part, reject)
 * with its reasons and the legal basis cited from the service's catalogue card, issued as a
 * document of kind `answer` through the documents module and signed there. The PDF is rendered
 * and stored before the transaction (the blob store cannot be used inside one on the embedded
 * database); the decision, the document's record and the answer row then commit together, so a
 * decision that rolls back leaves no document (its unreferenced PDF is removed by blobs.gc).
 */

/**
 * What other modules do in the answer's own transaction once it is issued (the channels module
 * hands an answer chosen for postal delivery to the post): registered once by the module.
 */
export type AnswerIssuedHook = (ctx: AppContext, tx: Tx, w: Who, answer: { requestId: string; agencyId: string; documentId: string }) => Promise<void>;
const answerIssuedHooks = new Set<AnswerIssuedHook>();
export const onAnswerIssued = (hook: AnswerIssuedHook): void => void answerIssuedHooks.add(hook);

const DECIDER_LABEL: Record<string, string> = { unit_manager: 'مدیر واحد', expert: 'کارشناس', desk_clerk: 'کارمند پیشخوان' };
const DECIDER_ORDER = ['unit_manager', 'expert', 'desk_clerk'] as const;

/** Text that counts as written: trimmed, at least 2 characters; absent or blank is undefined. */
const written = (s: string | undefined) => {
  const v = s?.trim();
  return v ? v : undefined;
};

interface CheckedDecision {
  action: 'approve' | 'reject';
  partial: boolean;
  reasons: string | undefined;
  notGranted: string | undefined;
  legalBasis: LegalBasisOption[];
}

/** The decision's own rules, before anything is rendered: reasons, parts not granted, legal basis on the card. */
export function checkDecision(input: DecideWithAnswer, offered: readonly LegalBasisOption[]): CheckedDecision {
  const reasons = written(input.reasons);
  const notGranted = written(input.notGranted);
  if (reasons !== undefined && reasons.length < 2) throw new AnswerError('ANSWER_REASONS_REQUIRED');
  if (input.decision !== 'approve' && !reasons) throw new AnswerError('ANSWER_REASONS_REQUIRED');
  if ((input.decision === 'partial') !== (notGranted !== undefined) || (notGranted !== undefined && notGranted.length < 2))
    throw new AnswerError('ANSWER_NOT_GRANTED_REQUIRED');
  const cited = (input.legalBasis ?? []).map((ref) => {
    const found = offered.find((o) => o.lawId === ref.lawId && o.article === ref.article.trim());
    if (!found) throw new AnswerError('ANSWER_LEGAL_BASIS_NOT_ON_CARD', { lawId: ref.lawId, article: ref.article });
    return found;
  });
  const legalBasis = [...new Map(cited.map((c) => [`${c.lawId}\u0001${c.article}`, c])).values()];
  // A card that cites no law leaves nothing to choose: the reasons alone then stand.
  if (input.decision === 'reject' && legalBasis.length === 0 && offered.length > 0) throw new AnswerError('ANSWER_LEGAL_BASIS_REQUIRED');
  return { action: input.decision === 'reject' ? 'reject' : 'approve', partial: input.decision === 'partial', reasons, notGranted, legalBasis };
}

async function offeredFor(db: Db, serviceId: string): Promise<LegalBasisOption[]> {
  const service = (await servicesByIds(db, [serviceId])).get(serviceId);
  return legalBasesOfService(db, service?.catalogueServiceId ?? null);
}

/** The legal bases the decision form offers for a request (desk staff of its agency). */
export async function legalBasesForRequest(ctx: AppContext, actor: Actor, requestId: string): Promise<{ items: LegalBasisOption[] }> {
  requireStaff(actor);
  const db = ctx.database.db;
  const r = await reads.findRequest(db, requestId);
  if (!r || !staffMaySee(actor, r.agencyId)) throw new RequestsError('REQUEST_NOT_FOUND', { requestId });
  return { items: await offeredFor(db, r.serviceId) };
}

function toView(a: answers.AnswerRow, doc: { verificationCode: string; signatureCount: number; status: string } | undefined): RequestAnswer {
  return {
    requestId: a.requestId,
    documentId: a.documentId,
    verificationCode: doc?.verificationCode ?? '',
    decision: a.decision,
    partial: a.partial,
    notGranted: a.notGranted,
    reasons: a.reasons,
    legalBasis: a.legalBasis,
    issuedAt: a.createdAt.toISOString(),
    signatureCount: doc?.signatureCount ?? 0,
    documentStatus: doc?.status ?? 'issued',
  };
}

async function answerOf(db: Db, actor: Actor, requestId: string): Promise<{ answer: answers.AnswerRow; view: RequestAnswer; contentSha256: string }> {
  const r = await reads.findRequest(db, requestId);
  if (!r || !mayView(actor, r)) throw new RequestsError('REQUEST_NOT_FOUND', { requestId });
  const answer = await answers.findAnswer(db, requestId);
  if (!answer) throw new AnswerError('ANSWER_NOT_FOUND', { requestId });
  const doc = (await documentFacts(db, [answer.documentId])).get(answer.documentId)!;
  return { answer, view: toView(answer, doc), contentSha256: doc.contentSha256 };
}

/**
 * Of these requests, how many per agency have a signed answer (at least one signature): the desk
 * scorecard's "answered electronically". Every decision now issues an answer document (ADR 0038);
 * the criterion counts those signed.
 */
export async function signedAnswerCounts(db: Db, requestIds: readonly string[]): Promise<Map<string, number>> {
  const found = await answers.answerDocumentsOf(db, requestIds);
  const signed = await signedDocuments(db, found.map((a) => a.documentId));
  const counts = new Map<string, number>();
  for (const a of found) if (signed.has(a.documentId)) counts.set(a.agencyId, (counts.get(a.agencyId) ?? 0) + 1);
  return counts;
}

/** A request's answer, for its applicant or desk staff of its agency; anyone else: REQUEST_NOT_FOUND. */
export async function getAnswer(ctx: AppContext, actor: Actor, requestId: string): Promise<RequestAnswer> {
  return (await answerOf(ctx.database.db, actor, requestId)).view;
}

/**
 * The answer's PDF as it stands (with its signatures). The applicant gets it once it is signed
 * (ANSWER_NOT_SIGNED before); desk staff of the request's agency at any time.
 */
export async function answerPdf(ctx: AppContext, actor: Actor, requestId: string): Promise<{ pdf: Buffer; fileName: string }> {
  const { view, contentSha256 } = await answerOf(ctx.database.db, actor, requestId);
  if (actor.type !== 'staff' && view.signatureCount === 0) throw new AnswerError('ANSWER_NOT_SIGNED', { requestId });
  return { pdf: await readPdf(ctx, contentSha256), fileName: `answer-${view.verificationCode}.pdf` };
}

/** The answer's title, by decision. */
const answerTitle = (checked: Pick<CheckedDecision, 'action' | 'partial'>) =>
  checked.action === 'reject' ? 'پاسخ درخواست: رد' : checked.partial ? 'پاسخ درخواست: تأیید بخشی' : 'پاسخ درخواست: تأیید';

/**
 * The answer's document data: the fixed parts the law needs (the decision table, reasons, legal
 * basis; the documents module adds the QR code to the verification) and, when the version has an
 * output template, the body it gives (ADR 0038). The one builder of the answer and of its preview.
 */
function answerData(values: AnswerValues, extra: { title: string; deciderRole: string }, template: AnswerTemplate | null): AnswerData {
  return {
    title: extra.title,
    agency: { name: values.agencyName },
    answer: {
      trackingCode: values.trackingCode,
      serviceName: values.serviceTitle,
      applicantName: values.applicantName,
      submittedAt: values.submittedAt,
      decidedAt: values.decidedAt,
      decision: values.decision,
      ...(values.notGranted ? { notGranted: values.notGranted } : {}),
      reasons: values.reasons ? values.reasons.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean).slice(0, 20) : [],
      legalBasis: values.legalBasis.map((l) => ({ law: l.law.slice(0, 300), article: l.article })),
      deciderRole: extra.deciderRole,
      ...(template ? { body: answerBody(template, values) } : {}),
    },
  };
}

/**
 * Decides a request with a signed answer. Refusals before anything is rendered: the request's
 * (REQUEST_NOT_FOUND, CONFLICT for a stale version, REQUEST_ACTION_NOT_ALLOWED, FORBIDDEN) and the
 * answer's (ANSWER_*). In one transaction: the move (actInTransaction: event, audit, SMS), the
 * document's record, the answer row and its event; `respond` gives the reply from the request as
 * it stands after the move and the answer (in the transaction: a replay gives the same). The body
 * of the answer is its request's version's output template filled in (ADR 0038).
 */
async function decideAndIssue<B>(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  requestId: string,
  input: DecideWithAnswer & { version?: number | undefined; action?: RequestAction | undefined },
  claim: IdempotencyClaim | undefined,
  respond: (tx: Tx, after: repo.RequestRow, answer: RequestAnswer) => Promise<B>,
): Promise<Replayable<B, 200>> {
  requireStaff(actor);
  const staff: StaffActor = actor;
  const db = ctx.database.db;
  const r = await reads.findRequest(db, requestId);
  if (!r || !staffMaySee(staff, r.agencyId)) throw new RequestsError('REQUEST_NOT_FOUND', { requestId });
  if (input.version !== undefined && input.version !== r.version) throw new RequestsError('CONFLICT', { requestId, version: r.version });
  const checked = checkDecision(input, await offeredFor(db, r.serviceId));
  // A request already decided is refused before rendering, except a retry with an Idempotency-Key
  // (the transaction replays its first answer); the transaction makes the authoritative check.
  if (!claim && isFinal(r.status, r.workflow)) throw new RequestsError('REQUEST_ACTION_NOT_ALLOWED', { requestId, status: r.status, action: checked.action });
  // The move is the action of the request's own definition that makes this decision (an approval in
  // part ends in the state that says so where there is one); the transaction checks it again.
  const action = input.action ?? decisionAction(r.status, input.decision, heldRolesFor(staff, r), r.workflow) ?? checked.action;
  const view = await getRequest(ctx, staff, requestId, 'fa');
  const now = ctx.clock.now();
  const held = rolesIn(staff, r.agencyId);
  const role = DECIDER_ORDER.find((x) => held.includes(x)) ?? 'expert';
  // The version the request was submitted on keeps its template after a later one is published.
  const { template, formSchema } = await versionAnswerTemplate(db, r.serviceId, r.serviceVersion);
  const values: AnswerValues = {
    applicantName: view.applicant?.company?.name ?? view.applicant?.person.name ?? '—',
    trackingCode: r.trackingCode,
    serviceTitle: view.serviceTitle,
    agencyName: view.agencyName,
    decision: checked.action === 'reject' ? 'rejected' : checked.partial ? 'partially_approved' : 'approved',
    reasons: checked.reasons,
    notGranted: checked.notGranted,
    legalBasis: checked.legalBasis.map((l) => ({ law: l.lawTitle, article: l.article })),
    submittedAt: r.submittedAt,
    decidedAt: now,
    form: r.form,
    formSchema,
  };
  const prepared = await prepareDocument(ctx, {
    kind: 'answer',
    agencyId: r.agencyId,
    data: answerData(values, { title: answerTitle(checked), deciderRole: DECIDER_LABEL[role] ?? role }, template),
  });
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, now, async () => {
      const w = { actor: staff, origin, at: now };
      const after = await actInTransaction(ctx, tx, staff, origin, requestId, action, { note: checked.reasons, version: input.version }, now);
      // No action of the status makes this decision (a definition whose `approve` moves on): refused, all rolled back.
      if (!decisionOf(r.status, action, r.workflow)) throw new RequestsError('REQUEST_ACTION_NOT_ALLOWED', { requestId, status: r.status, action });
      // The action was chosen on the status read before; moved since, it might no longer decide.
      if (!isFinal(after.status, after.workflow)) throw new RequestsError('CONFLICT', { requestId });
      const doc = await issueDocument(ctx, tx, w, prepared);
      const row: answers.AnswerRow = {
        requestId,
        agencyId: r.agencyId,
        documentId: doc.id,
        decision: checked.action === 'reject' ? 'rejected' : 'approved',
        partial: checked.partial,
        notGranted: checked.notGranted ?? null,
        reasons: checked.reasons ?? null,
        legalBasis: checked.legalBasis,
        decidedBy: staff.id,
        createdAt: now,
      };
      await answers.insertAnswer(tx.db, row);
      await recordChange(tx, w, {
        stream: repo.STREAM,
        id: requestId,
        event: 'answer_issued',
        audit: 'service_request.answer',
        agencyId: r.agencyId,
        details: { trackingCode: r.trackingCode, documentId: doc.id, verificationCode: doc.verificationCode, partial: checked.partial },
        // The role it was issued in, for the timeline's label (the decider's, as the answer names it).
        payload: { documentId: doc.id, partial: checked.partial, actedAs: role },
      });
      for (const hook of answerIssuedHooks) await hook(ctx, tx, w, { requestId, agencyId: r.agencyId, documentId: doc.id });
      return { status: 200 as const, body: await respond(tx, after, toView(row, { verificationCode: doc.verificationCode, signatureCount: 0, status: 'issued' })) };
    }),
  );
}

/**
 * POST /requests/:id/answer: decides with a signed answer (decideAndIssue). Then, with a PIN, the
 * decider signs through the documents module; a refused signature leaves the decision standing and
 * the document in the signers' inbox (`signingError`). A second decision finds the request decided
 * (REQUEST_ACTION_NOT_ALLOWED, or CONFLICT when both read the same version): one decision, one document.
 */
export async function decideWithAnswer(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  requestId: string,
  input: DecideWithAnswer & { version?: number | undefined },
  claim?: IdempotencyClaim,
): Promise<Replayable<RequestAnswer, 200>> {
  const result = await decideAndIssue(ctx, actor, origin, requestId, input, claim, async (_tx, _after, answer) => answer);
  if (result.replayed || !input.pin) return result;
  try {
    const signed = await signDocument(ctx, actor, result.body.documentId, { pin: input.pin }, origin);
    return { ...result, body: { ...result.body, signatureCount: signed.signatureCount } };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { ...result, body: { ...result.body, signingError: err.code } };
  }
}

/**
 * POST /requests/:id/decide (ADR 0038): approve or reject with the same signed answer as
 * /answer, through the same path — the note is the answer's reasons, no legal basis is cited and
 * no PIN is taken, so the answer waits in the signers' inbox. A decision that needs more (a
 * rejection without reasons, or on a service whose card cites law: ANSWER_REASONS_REQUIRED,
 * ANSWER_LEGAL_BASIS_REQUIRED; an approval in part) is made through /answer. Replies with the request.
 */
export async function decideRequest(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  requestId: string,
  input: { decision: 'approve' | 'reject'; note?: string | undefined; version?: number | undefined },
  lang: Lang,
  claim?: IdempotencyClaim,
): Promise<Replayable<RequestView, 200>> {
  const answer = { decision: input.decision, reasons: input.note, version: input.version };
  return decideAndIssue(ctx, actor, origin, requestId, answer, claim, (tx, after) => viewOf(tx.db, after, actor, lang));
}

/**
 * POST /requests/:id/actions/:action: an action whose next state ends the request with a decision
 * (approved, approved in part, rejected) is taken only with its signed answer, through the same
 * path as /answer (decideAndIssue): the note is the answer's reasons, the body may give the parts
 * not granted and the legal basis; no PIN is taken, so the answer waits in the signers' inbox. So
 * no request is decided without an answer, whichever route decides it. Every other action is a
 * move of the workflow (actOnRequest). Replies with the request.
 */
export async function takeAction(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  requestId: string,
  action: RequestAction,
  input: { note?: string | undefined; version?: number | undefined; documents?: string[] | undefined; notGranted?: string | undefined; legalBasis?: DecideWithAnswer['legalBasis'] },
  lang: Lang,
  claim?: IdempotencyClaim,
): Promise<Replayable<RequestView, 200>> {
  requireStaff(actor);
  const r = await reads.findRequest(ctx.database.db, requestId);
  const decision = r && staffMaySee(actor, r.agencyId) ? decisionOf(r.status, action, r.workflow) : undefined;
  if (decision) {
    const answer = { decision, reasons: input.note, notGranted: input.notGranted, legalBasis: input.legalBasis, version: input.version, action };
    return decideAndIssue(ctx, actor, origin, requestId, answer, claim, (tx, after) => viewOf(tx.db, after, actor, lang));
  }
  // The parts not granted and the legal basis belong to a decision's answer only.
  if (input.notGranted !== undefined || input.legalBasis !== undefined) throw new AnswerError('ANSWER_NOT_A_DECISION', { action });
  return actOnRequest(ctx, actor, origin, requestId, action, input, lang, claim);
}

/**
 * POST /services/:id/versions/:no/output-preview (ADR 0038): the answer a version's output template
 * (the editor's text, saved or not) gives, with sample values, as a PDF marked as a sample. Its
 * agency's administrator only; the template is checked as on save. Nothing is stored or recorded.
 */
export async function previewAnswer(ctx: AppContext, actor: Actor, serviceId: string, versionNo: number, outputTemplate: string | null, lang: Lang): Promise<{ pdf: Buffer; fileName: string }> {
  const { service, formSchema, template } = await versionForPreview(ctx, actor, serviceId, versionNo, outputTemplate, lang);
  const agency = (await agencyNames(ctx, [service.agencyId])).get(service.agencyId);
  const props = (formSchema.properties ?? {}) as Record<string, { title?: unknown }>;
  const sampleForm = Object.fromEntries(
    Object.entries(props).map(([key, p]) => [key, `«${typeof p?.title === 'string' && p.title.trim() ? p.title.trim() : key}»`]),
  );
  const now = ctx.clock.now();
  const values: AnswerValues = {
    applicantName: 'نام درخواست‌دهنده (نمونه)',
    trackingCode: 'R-0000-000000',
    serviceTitle: service.titleFa,
    agencyName: agency?.nameFa ?? '—',
    decision: 'approved',
    reasons: 'دلایل تصمیم، همان‌گونه که کارشناس می‌نویسد (نمونه).',
    notGranted: undefined,
    legalBasis: [{ law: 'قانون نمونه', article: '1' }],
    submittedAt: now,
    decidedAt: now,
    form: sampleForm,
    formSchema,
  };
  const pdf = await renderPdf('answer', answerData(values, { title: 'پیش‌نمایش پاسخ (نمونه، بی‌اعتبار)', deciderRole: 'کارشناس' }, template), { agencyId: service.agencyId, lang });
  return { pdf, fileName: `answer-preview-v${versionNo}.pdf` };
}
