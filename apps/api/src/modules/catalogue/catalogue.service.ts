// Over 450 lines: the card lifecycle's use cases (draft, update, step through review, change request,
// renewal), each a short transaction sharing one set of guards; laws, import, architecture, licences and
// reports already left it (907 → 601). The next cut, when it grows, is review steps into their own service.
import {
  validateCardForSubmission,
  type CardCapabilities,
  type CardDiff,
  type CardNotification,
  type CardProblem,
  type CardStep,
  type CardStatus,
  type CreateCard,
  type OpenChangeRequest,
  type RenewCard,
  type ServiceCardContent,
  type ServiceCardSummary,
  type ServiceCardView,
  type UpdateCard,
} from '@dargah/contracts';
import type { Actor, RequestOrigin, Who } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { isoOrNull, withTransaction, type Db, type Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import type { FieldProblem } from '../../platform/http/errors';
import type { Lang } from '../../platform/http/i18n';
import { fieldMessage } from '../../platform/http/validation';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { requireStaff } from '../../platform/actor';
import { OrganisationError, agenciesWithRole, childAgencyIds, existingAgencyIds, findActiveAgency, findPeople, hasRole, isAgencyAdmin, requireRole } from '../organisation';
import { lawRefProblems, lawsByIds } from '../laws';
import { classificationExists } from '../service-architecture';
import { cardScope, mayViewCard } from './catalogue.policy';
import { actionsOf, assertCardAction, cardCapabilities } from './card-actions.service';
import * as cards from './card-rows.service';
import * as repo from './catalogue.repository';
import { diffContent } from '../../platform/diff';
import {
  AUTHOR_ROLES,
  CENTRAL_REVIEWERS,
  nextStatus,
  PARENT_REVIEW_DAYS,
  isExpired,
  VALIDITY_MONTHS,
} from './catalogue-workflow';
import { serviceIdFromNumber } from './service-id.model';
import { cardFields, CatalogueError, type CatalogueCode } from './catalogue.errors';

/*
 * The service catalogue's use cases. Every write is one transaction holding the change, its event
 * (stream 'service_card', 'law' or 'agency_mission') and its audit entry. Cards are read and
 * changed at the version the client read: a stale version is 409 CONFLICT, so of two reviewers
 * acting at once one wins and the other is told to reload.
 */

const fieldsError = (problems: FieldProblem[], code: CatalogueCode = 'VALIDATION_FAILED') =>
  new CatalogueError(code, { fields: problems });
const toFields = (problems: CardProblem[], prefix: string, lang: Lang): FieldProblem[] =>
  problems.map((p) => ({ field: `${prefix}${p.path}`, code: p.code, message: message(p.code, lang) }));

// Service cards: views -------------------------------------------------------------------------
const nameOf = (r: { agencyNameFa: string; agencyNameEn: string | null }, lang: Lang) =>
  (lang === 'en' && r.agencyNameEn) || r.agencyNameFa;

async function toView(db: Db, card: repo.CardRow, actor: Actor, lang: Lang, now: Date): Promise<ServiceCardView> {
  const v = await repo.findVersion(db, card.id, card.currentVersion);
  const events = await repo.cardEvents(db, card.id);
  const { staff } = await findPeople(db, {
    staff: events.flatMap((e) => [e.actorType === 'staff' ? e.actorId : null, e.onBehalfOfId]).filter((x): x is string => !!x),
  });
  return {
    id: card.id,
    agencyId: card.agencyId,
    agencyName: nameOf(card, lang),
    parentAgencyId: card.parentId,
    status: card.status,
    serviceId: card.serviceId,
    currentVersion: card.currentVersion,
    frozen: v?.frozen ?? false,
    content: v?.content ?? {},
    submittedAt: isoOrNull(card.submittedAt),
    reviewDueAt: isoOrNull(card.reviewDueAt),
    approvedAt: isoOrNull(card.approvedAt),
    expiresAt: isoOrNull(card.expiresAt),
    approvedVersion: card.approvedVersion,
    expired: card.approvedVersion !== null && isExpired(card.expiresAt, now),
    changeBasis: v?.changeBasis ?? null,
    headApproval: v?.headApproval ?? null,
    lastComment: card.lastComment,
    version: card.version,
    actions: actionsOf(await cardCapabilities(db, actor, card)),
    history: events.map((e) => ({
      action: e.action,
      at: e.createdAt.toISOString(),
      actorType: e.actorType,
      actorId: e.actorId,
      actorName: (e.actorType === 'staff' && e.actorId && staff.get(e.actorId)) || null,
      onBehalfOfName: (e.onBehalfOfId && staff.get(e.onBehalfOfId)) || null,
      versionNo: typeof e.payload.versionNo === 'number' ? e.payload.versionNo : null,
      comment: typeof e.payload.comment === 'string' ? e.payload.comment : null,
    })),
  };
}

function toSummary(r: repo.CardSummaryRow, now: Date, lang: Lang): ServiceCardSummary {
  return {
    id: r.id,
    agencyId: r.agencyId,
    agencyName: nameOf(r, lang),
    title: r.title,
    status: r.status,
    serviceId: r.serviceId,
    currentVersion: r.currentVersion,
    submittedAt: isoOrNull(r.submittedAt),
    reviewDueAt: isoOrNull(r.reviewDueAt),
    overdue: r.status === 'parent_review' && r.reviewDueAt !== null && r.reviewDueAt.getTime() <= now.getTime(),
    approvedVersion: r.approvedVersion,
    expiresAt: isoOrNull(r.expiresAt),
    expired: r.approvedVersion !== null && isExpired(r.expiresAt, now),
    version: r.version,
  };
}

/** A card the actor may see, else CARD_NOT_FOUND (whether it exists or not). */
async function visibleCard(db: Db, actor: Actor, id: string, forUpdate = false): Promise<repo.CardRow> {
  requireStaff(actor);
  const card = await cards.findCard(db, id, forUpdate);
  if (!card || !mayViewCard(actor, card)) throw new CatalogueError('CARD_NOT_FOUND', { cardId: id });
  return card;
}

export async function getCard(ctx: AppContext, actor: Actor, id: string, lang: Lang): Promise<ServiceCardView> {
  const card = await visibleCard(ctx.database.db, actor, id);
  return toView(ctx.database.db, card, actor, lang, ctx.clock.now());
}

/** The agencies whose cards the actor's lists cover: all (null, central roles), else their agencies and their sub-agencies (administrators). */
export async function cardAgencies(db: Db, actor: Actor): Promise<string[] | null> {
  const s = cardScope(actor);
  return s.all ? null : [...new Set([...s.agencies, ...(await childAgencyIds(db, s.parentOf))])];
}

/** What the actor may do to a card now (the same checks as each operation); another agency's card: CARD_NOT_FOUND. */
export async function getCardCapabilities(ctx: AppContext, actor: Actor, id: string): Promise<CardCapabilities> {
  const card = await visibleCard(ctx.database.db, actor, id);
  return cardCapabilities(ctx.database.db, actor, card);
}

/** Cards the actor may see: central roles all, others their agencies' and their sub-agencies' (for administrators). */
export async function listCards(
  ctx: AppContext,
  actor: Actor,
  q: { status?: CardStatus | undefined; agencyId?: string | undefined; limit: number; offset: number },
  lang: Lang,
): Promise<ServiceCardSummary[]> {
  const db = ctx.database.db;
  let agencyIds = await cardAgencies(db, actor);
  if (q.agencyId) agencyIds = agencyIds === null || agencyIds.includes(q.agencyId) ? [q.agencyId] : [];
  const found = await cards.listCards(db, { agencyIds, status: q.status, limit: q.limit, offset: q.offset });
  return found.map((r) => toSummary(r, ctx.clock.now(), lang));
}

/**
 * Whose cards the actor reviews: every card in central review (central reviewers) and the
 * sub-agencies' cards in parent review (administrators of a parent agency). Neither: no review queue.
 */
export async function reviewScope(db: Db, actor: Actor): Promise<{ central: boolean; children: string[] }> {
  const s = cardScope(actor);
  return { central: hasRole(actor, CENTRAL_REVIEWERS), children: await childAgencyIds(db, s.parentOf) };
}

/**
 * The review cartable, oldest submission first: for central reviewers the cards awaiting central
 * review; for agency administrators their sub-agencies' cards awaiting the parent's review.
 */
export async function reviewQueue(
  ctx: AppContext,
  actor: Actor,
  q: { limit: number; offset: number },
  lang: Lang,
): Promise<ServiceCardSummary[]> {
  const db = ctx.database.db;
  const { central, children } = await reviewScope(db, actor);
  if (!central && children.length === 0)
    throw new CatalogueError('FORBIDDEN', { need: ['central_reviewer', 'agency_admin'] });
  const [centralRows, parentRows] = await Promise.all([
    central
      ? cards.listCards(db, {
          agencyIds: null,
          statuses: ['central_review', 'renewal_review'],
          queue: true,
          limit: q.limit + q.offset,
          offset: 0,
        })
      : [],
    cards.listCards(db, {
      agencyIds: children,
      status: 'parent_review',
      queue: true,
      limit: q.limit + q.offset,
      offset: 0,
    }),
  ]);
  const merged = [...centralRows, ...parentRows].sort(
    (a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0) || a.id.localeCompare(b.id),
  );
  return merged.slice(q.offset, q.offset + q.limit).map((r) => toSummary(r, ctx.clock.now(), lang));
}

/** Field by field, what changed between two versions of a card. */
export async function diffCard(ctx: AppContext, actor: Actor, id: string, from: number, to: number): Promise<CardDiff> {
  const db = ctx.database.db;
  await visibleCard(db, actor, id);
  const [a, b] = await Promise.all([repo.findVersion(db, id, from), repo.findVersion(db, id, to)]);
  if (!a) throw new CatalogueError('CARD_VERSION_NOT_FOUND', { cardId: id, versionNo: from });
  if (!b) throw new CatalogueError('CARD_VERSION_NOT_FOUND', { cardId: id, versionNo: to });
  return { from, to, changes: diffContent(a.content, b.content) };
}

// Service cards: changes -----------------------------------------------------------------------
/** Problems with references to other records (laws and their articles, agencies), each at its field. */
export async function referenceProblems(db: Db, c: ServiceCardContent): Promise<CardProblem[]> {
  const refs = [
    ...(c.legalBasis ?? []).map((ref, i) => ({ path: `legalBasis.${i}`, ref })),
    ...(c.fees ?? []).flatMap((f, i) =>
      (f.legalBasis ?? []).map((ref, j) => ({ path: `fees.${i}.legalBasis.${j}`, ref })),
    ),
  ];
  const agencyRefs = [
    ...(c.collaboratingAgencyIds ?? []).map((id, i) => ({ path: `collaboratingAgencyIds.${i}`, id })),
    ...(c.documents ?? []).flatMap((d, i) =>
      d.providerAgencyId ? [{ path: `documents.${i}.providerAgencyId`, id: d.providerAgencyId }] : [],
    ),
    ...(c.inquiries ?? []).flatMap((q, i) => (q.agencyId ? [{ path: `inquiries.${i}.agencyId`, id: q.agencyId }] : [])),
  ];
  const known = await existingAgencyIds(db, [...new Set(agencyRefs.map((r) => r.id))]);
  const { categoryId, layerId } = c.classification ?? {};
  const classification: CardProblem[] = [];
  if (categoryId && !(await classificationExists(db, 'category', categoryId)))
    classification.push({ path: 'classification.categoryId', code: 'CATEGORY_NOT_REGISTERED' });
  if (layerId && !(await classificationExists(db, 'layer', layerId)))
    classification.push({ path: 'classification.layerId', code: 'LAYER_NOT_REGISTERED' });
  return [
    ...(await lawRefProblems(db, refs)),
    ...agencyRefs.filter((r) => !known.has(r.id)).map((r) => ({ path: r.path, code: 'AGENCY_REF_NOT_FOUND' })),
    ...classification,
  ];
}

/** Agency experts and administrators start a card for their agency. */
export async function createCard(
  ctx: AppContext,
  actor: Actor,
  input: CreateCard,
  origin: RequestOrigin,
  lang: Lang,
  claim?: IdempotencyClaim,
): Promise<Replayable<ServiceCardView, 201>> {
  const staff = requireRole(actor, AUTHOR_ROLES, input.agencyId);
  const at = ctx.clock.now();
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, at, async () => {
      if (!(await findActiveAgency(tx.db, input.agencyId)))
        throw new OrganisationError('AGENCY_NOT_FOUND', { agencyId: input.agencyId });
      const id = await createDraftCardInTx(tx, { actor, origin, at }, staff.id, input.agencyId, input.content);
      return { status: 201 as const, body: await toView(tx.db, (await cards.findCard(tx.db, id))!, actor, lang, at) };
    }),
  );
}

/**
 * Inserts a draft card (version 1) with its `created` event and audit entry inside the caller's
 * transaction; the caller has checked the role and the agency. `extra` joins the event details.
 */
export async function createDraftCardInTx(
  tx: Tx,
  w: Who,
  staffId: string,
  agencyId: string,
  content: ServiceCardContent,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const id = await repo.insertCard(tx.db, agencyId, staffId, w.at);
  await repo.insertVersion(tx.db, id, 1, content, staffId, w.at);
  await recordChange(tx, w, {
    stream: 'service_card',
    id,
    event: 'created',
    audit: 'service_card.create',
    agencyId,
    details: { versionNo: 1, title: content.title ?? null, ...extra },
  });
  return id;
}

/**
 * Saves a draft at the version read. A draft's current version is edited in place; a returned
 * card's reviewed (frozen) version is kept and the edit becomes a new version, back in draft.
 */
export async function updateCard(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateCard,
  origin: RequestOrigin,
  lang: Lang,
): Promise<ServiceCardView> {
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const card = await visibleCard(tx.db, actor, id, true);
    // A stale read first: whoever acted on an older version is told to reload, whatever changed since.
    if (card.version !== input.version) throw new CatalogueError('CONFLICT', { currentVersion: card.version });
    const t = await assertCardAction(tx.db, actor, card, 'edit');
    const current = (await repo.findVersion(tx.db, id, card.currentVersion))!;
    const newVersion = current.frozen;
    const versionNo = newVersion ? card.currentVersion + 1 : card.currentVersion;
    if (newVersion) await repo.insertVersion(tx.db, id, versionNo, input.content, actor.id!, at);
    else await repo.updateVersionContent(tx.db, id, versionNo, input.content, at);
    if (!(await cards.saveCard(tx.db, id, input.version, { status: t.to, currentVersion: versionNo }, at)))
      throw new CatalogueError('CONFLICT', {});
    const changed = diffContent(current.content, input.content).map((c) => c.path);
    await recordChange(
      tx,
      { actor, origin, at },
      {
        stream: 'service_card',
        id,
        event: 'edited',
        audit: 'service_card.edit',
        agencyId: card.agencyId,
        details: { versionNo, newVersion, changed },
      },
    );
    return toView(tx.db, (await cards.findCard(tx.db, id))!, actor, lang, at);
  });
}

const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
function addMonths(d: Date, n: number): Date {
  const x = new Date(d);
  x.setUTCMonth(x.getUTCMonth() + n);
  return x;
}

/** The review steps taken through POST /catalogue/cards/:id/<step> (their events come from the workflow definition). */
export type StepAction = 'submit' | 'forward' | 'return' | 'approve' | 'reject';

const message = cardFields.message;
const problem = (field: string, code: string, lang: Lang): FieldProblem => ({
  field,
  code,
  message: message(code, lang),
});

/**
 * A change request to a card in force must cite a registered law or regulation (and articles of
 * it) and carry the approval of an administrator of the card's agency: every problem, at its field.
 */
async function changeRequestProblems(
  db: Db,
  card: repo.CardRow,
  input: CardStep,
  now: Date,
  lang: Lang,
): Promise<FieldProblem[]> {
  const out: FieldProblem[] = [];
  const basis = input.changeBasis;
  if (!basis) out.push(problem('body.changeBasis', 'CHANGE_BASIS_REQUIRED', lang));
  else {
    const law = (await lawsByIds(db, [basis.lawId])).get(basis.lawId);
    if (!law) out.push(problem('body.changeBasis.lawId', 'LAW_NOT_REGISTERED', lang));
    else
      basis.articles.forEach((a, i) => {
        if (!law.articles.some((x) => x.number === a))
          out.push(problem(`body.changeBasis.articles.${i}`, 'LAW_ARTICLE_NOT_FOUND', lang));
      });
  }
  const head = input.headApproval;
  if (!head) out.push(problem('body.headApproval', 'HEAD_APPROVAL_REQUIRED', lang));
  else {
    if (!(await isAgencyAdmin(db, head.approvedBy, card.agencyId)))
      out.push(problem('body.headApproval.approvedBy', 'HEAD_APPROVER_INVALID', lang));
    if (new Date(head.approvedAt).getTime() > now.getTime())
      out.push(problem('body.headApproval.approvedAt', 'DATE_IN_FUTURE', lang));
  }
  return out;
}

/**
 * One step of the lifecycle (submit, forward, return, approve, reject) at the version read.
 * submit checks the whole card and freezes its version; approve assigns the service id.
 * On a card in force: submit needs the change basis and head approval, approve puts the new version
 * in force under the same service id, reject leaves the approved version in force, and a renewal
 * under review is approved (expiry a year on) or returned (not renewed).
 */
export async function stepCard(
  ctx: AppContext,
  actor: Actor,
  id: string,
  action: StepAction,
  input: CardStep,
  origin: RequestOrigin,
  lang: Lang,
): Promise<ServiceCardView> {
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const card = await visibleCard(tx.db, actor, id, true);
    // A stale read first: whoever acted on an older version is told to reload, whatever changed since.
    if (card.version !== input.version) throw new CatalogueError('CONFLICT', { currentVersion: card.version });
    // The workflow table, the role where the step's scope says, and separation of duties.
    const t = await assertCardAction(tx.db, actor, card, action);
    if (t.needsComment && !input.comment)
      throw fieldsError([{ field: 'body.comment', code: 'REQUIRED', message: fieldMessage('REQUIRED', lang) }]);

    const live = card.approvedVersion !== null;
    const renewal = card.status === 'renewal_review';
    const to = nextStatus(t, card.parentId !== null, live);
    const patch: repo.CardPatch = { status: to, lastComment: input.comment ?? null };
    const details: Record<string, unknown> = {
      from: card.status,
      to,
      versionNo: card.currentVersion,
      ...(input.comment ? { comment: input.comment } : {}),
    };

    if (action === 'submit') {
      const v = (await repo.findVersion(tx.db, id, card.currentVersion))!;
      const content = v.content as ServiceCardContent;
      const problems = [...validateCardForSubmission(content), ...(await referenceProblems(tx.db, content))];
      const changeProblems = live ? await changeRequestProblems(tx.db, card, input, at, lang) : [];
      if (problems.length > 0)
        throw fieldsError([...toFields(problems, 'content.', lang), ...changeProblems], 'CARD_INCOMPLETE');
      if (changeProblems.length > 0) throw fieldsError(changeProblems);
      const change =
        live && input.changeBasis && input.headApproval
          ? { changeBasis: input.changeBasis, headApproval: input.headApproval }
          : undefined;
      await repo.freezeVersion(tx.db, id, card.currentVersion, change);
      if (change) Object.assign(details, change, { approvedVersion: card.approvedVersion });
      patch.submittedAt = at;
      patch.reviewDueAt = to === 'parent_review' ? addDays(at, PARENT_REVIEW_DAYS) : null;
      if (patch.reviewDueAt) details.reviewDueAt = patch.reviewDueAt.toISOString();
    } else {
      patch.reviewDueAt = null;
    }
    if (action === 'approve') {
      patch.expiresAt = addMonths(at, VALIDITY_MONTHS);
      if (!renewal) {
        patch.serviceId = live ? card.serviceId! : serviceIdFromNumber(await repo.nextServiceNumber(tx.db));
        patch.approvedAt = at;
        patch.approvedVersion = card.currentVersion;
        if (live) details.replacesVersion = card.approvedVersion;
      } else details.previousExpiresAt = isoOrNull(card.expiresAt);
      details.serviceId = patch.serviceId ?? card.serviceId;
      details.expiresAt = patch.expiresAt.toISOString();
    }
    // A rejected change request: the version in force stays the card's current one.
    if (action === 'reject' && live) {
      patch.currentVersion = card.approvedVersion!;
      details.approvedVersion = card.approvedVersion;
    }
    if (!(await cards.saveCard(tx.db, id, input.version, patch, at))) throw new CatalogueError('CONFLICT', {});
    // The definition names the event (a renewal's steps have their own: renewal_approved, renewal_returned).
    const event = t.event;
    await recordChange(
      tx,
      { actor, origin, at },
      {
        stream: 'service_card',
        id,
        event,
        audit: renewal ? `service_card.renewal_${action}` : `service_card.${action}`,
        agencyId: card.agencyId,
        details,
      },
    );
    return toView(tx.db, (await cards.findCard(tx.db, id))!, actor, lang, at);
  });
}

/** Starts a cycle on an approved card (a change request or a renewal), checking the version read and the role. */
async function startCycle(tx: Tx, actor: Actor, id: string, version: number, action: 'change' | 'renew') {
  const card = await visibleCard(tx.db, actor, id, true);
  if (card.version !== version) throw new CatalogueError('CONFLICT', { currentVersion: card.version });
  const t = await assertCardAction(tx.db, actor, card, action);
  return { card, t };
}

async function openChange(
  tx: Tx,
  w: Who,
  id: string,
  input: { version: number; comment?: string | undefined },
  renewal: boolean,
): Promise<void> {
  const { card, t } = await startCycle(tx, w.actor, id, input.version, 'change');
  const approved = (await repo.findVersion(tx.db, id, card.approvedVersion!))!;
  const versionNo = (await repo.maxVersionNo(tx.db, id)) + 1;
  await repo.insertVersion(tx.db, id, versionNo, approved.content, w.actor.id!, w.at);
  const patch: repo.CardPatch = { status: t.to, currentVersion: versionNo, lastComment: input.comment ?? null };
  if (!(await cards.saveCard(tx.db, id, input.version, patch, w.at))) throw new CatalogueError('CONFLICT', {});
  await recordChange(tx, w, {
    stream: 'service_card',
    id,
    event: 'change_requested',
    audit: 'service_card.change',
    agencyId: card.agencyId,
    details: {
      versionNo,
      approvedVersion: card.approvedVersion,
      renewal,
      ...(input.comment ? { comment: input.comment } : {}),
    },
  });
}

/**
 * An agency administrator opens a change request on an approved card: a new draft version, a copy
 * of the approved one, while the approved version stays in force (and public) until the change is approved.
 */
export async function requestChange(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: OpenChangeRequest,
  origin: RequestOrigin,
  lang: Lang,
): Promise<ServiceCardView> {
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    await openChange(tx, { actor, origin, at }, id, input, false);
    return toView(tx.db, (await cards.findCard(tx.db, id))!, actor, lang, at);
  });
}

/**
 * An agency administrator renews an approved card (expired or not): `confirm` sends it unchanged
 * to central review (approval sets expiry a year on); `change` opens a change request, whose
 * approval does the same.
 */
export async function renewCard(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: RenewCard,
  origin: RequestOrigin,
  lang: Lang,
): Promise<ServiceCardView> {
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    if (input.mode === 'change') await openChange(tx, { actor, origin, at }, id, input, true);
    else {
      const { card, t } = await startCycle(tx, actor, id, input.version, 'renew');
      const patch: repo.CardPatch = {
        status: t.to,
        submittedAt: at,
        reviewDueAt: null,
        lastComment: input.comment ?? null,
      };
      if (!(await cards.saveCard(tx.db, id, input.version, patch, at))) throw new CatalogueError('CONFLICT', {});
      await recordChange(
        tx,
        { actor, origin, at },
        {
          stream: 'service_card',
          id,
          event: 'renewal_requested',
          audit: 'service_card.renew',
          agencyId: card.agencyId,
          details: {
            versionNo: card.approvedVersion,
            expiresAt: isoOrNull(card.expiresAt),
            ...(input.comment ? { comment: input.comment } : {}),
          },
        },
      );
    }
    return toView(tx.db, (await cards.findCard(tx.db, id))!, actor, lang, at);
  });
}

// Expiry -----------------------------------------------------------------------------------------
const toNotification = (n: repo.NotificationRow): CardNotification => ({
  ...n,
  expiresAt: n.expiresAt?.toISOString() ?? null,
  reviewDueAt: n.reviewDueAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
});

/** Expiry notices for the agencies the actor administers (all for platform administrators), newest first. */
export async function listNotifications(
  ctx: AppContext,
  actor: Actor,
  q: { limit: number; offset: number },
): Promise<CardNotification[]> {
  requireStaff(actor);
  const all = hasRole(actor, ['platform_admin']);
  const agencyIds = all ? null : agenciesWithRole(actor, ['agency_admin']);
  if (agencyIds !== null && agencyIds.length === 0) throw new CatalogueError('FORBIDDEN', { need: ['agency_admin'] });
  return (await repo.listNotifications(ctx.database.db, { agencyIds, ...q })).map(toNotification);
}
