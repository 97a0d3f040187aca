import type { DecideWithAnswer, LegalBasisOption, RequestAnswer } from '@dargah/contracts';
import type { Actor, RequestOrigin, StaffActor, Who } from '../../platform/actor';
import { requireStaff } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db, type Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { DomainError } from '../../platform/http/errors';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { legalBasesOfService } from '../catalogue';
import { documentFacts, issueDocument, prepareDocument, readPdf, signDocument } from '../documents';
import { rolesIn } from '../organisation';
import { servicesByIds } from '../services';
import * as answers from './answer.repository';
import { AnswerError } from './answer.errors';
import * as reads from './request-rows.service';
import * as repo from './requests.repository';
import { mayView, staffMaySee } from './requests.policy';
import { actInTransaction, getRequest } from './requests.service';
import { isFinal } from './requests-workflow';
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

/**
 * Decides a request with a signed answer. Refusals before anything is rendered: the request's
 * (REQUEST_NOT_FOUND, CONFLICT for a stale version, REQUEST_ACTION_NOT_ALLOWED, FORBIDDEN) and the
 * answer's (ANSWER_*). In one transaction: the move (actInTransaction: event, audit, SMS), the
 * document's record, the answer row and its event. Then, with a PIN, the decider signs through
 * the documents module; a refused signature leaves the decision standing and the document in the
 * signers' inbox (`signingError`). A second decision finds the request decided
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
  const view = await getRequest(ctx, staff, requestId, 'fa');
  const now = ctx.clock.now();
  const held = rolesIn(staff, r.agencyId);
  const role = DECIDER_ORDER.find((x) => held.includes(x)) ?? 'expert';
  const prepared = await prepareDocument(ctx, {
    kind: 'answer',
    agencyId: r.agencyId,
    data: {
      title: checked.action === 'reject' ? 'پاسخ درخواست: رد' : checked.partial ? 'پاسخ درخواست: تأیید بخشی' : 'پاسخ درخواست: تأیید',
      agency: { name: view.agencyName },
      answer: {
        trackingCode: r.trackingCode,
        serviceName: view.serviceTitle,
        applicantName: view.applicant?.company?.name ?? view.applicant?.person.name ?? '—',
        submittedAt: r.submittedAt,
        decidedAt: now,
        decision: checked.action === 'reject' ? 'rejected' : checked.partial ? 'partially_approved' : 'approved',
        ...(checked.notGranted ? { notGranted: checked.notGranted } : {}),
        reasons: checked.reasons ? checked.reasons.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean).slice(0, 20) : [],
        legalBasis: checked.legalBasis.map((l) => ({ law: l.lawTitle.slice(0, 300), article: l.article })),
        deciderRole: DECIDER_LABEL[role] ?? role,
      },
    },
  });
  const result = await withTransaction(ctx.database, (tx) =>
    once(tx, claim, now, async () => {
      const w = { actor: staff, origin, at: now };
      await actInTransaction(ctx, tx, staff, origin, requestId, checked.action, { note: checked.reasons, version: input.version }, now);
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
        payload: { documentId: doc.id, partial: checked.partial },
      });
      for (const hook of answerIssuedHooks) await hook(ctx, tx, w, { requestId, agencyId: r.agencyId, documentId: doc.id });
      return { status: 200 as const, body: toView(row, { verificationCode: doc.verificationCode, signatureCount: 0, status: 'issued' }) };
    }),
  );
  if (result.replayed || !input.pin) return result;
  try {
    const signed = await signDocument(ctx, staff, result.body.documentId, { pin: input.pin }, origin);
    return { ...result, body: { ...result.body, signatureCount: signed.signatureCount } };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { ...result, body: { ...result.body, signingError: err.code } };
  }
}
