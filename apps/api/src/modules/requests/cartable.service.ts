import { normalizeDisplay, normalizeForSearch, normalizeIdentifierInput } from '@dargah/persian';
import type { RequestStatus, WorkflowDefinition } from '@dargah/contracts';
import { requireStaff, type Actor, type RequestOrigin, type StaffActor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { DomainError, platformErrors } from '../../platform/http/errors';
import type { Lang } from '../../platform/http/i18n';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { calendarFor } from '../calendar';
import { agencyWorkflows } from '../services';
import { citizenIdsMatching } from '../identity';
import { activeStaffWithRoles, assertNoReviewConflict, findPeople } from '../organisation';
import { CartableError, cartableErrors } from './cartable.errors';
import { isManager, managedUnits, MANAGER_ROLES, qualifiedColleague, workActions } from './cartable.policy';
import * as crepo from './cartable.repository';
import type { CartableWorkRow, WorkItemView } from './cartable.schemas';
import { applicantName } from './request-people.model';
import { cartableNamed, findRequest } from './request-rows.service';
import { decodeCursor, dueDate, dueDay, encodeCursor } from './requests.service';
import { requestsErrors } from './requests.errors';
import { DESK_ROLES, deskAgencies, staffMaySee } from './requests.policy';
import * as repo from './requests.repository';
import { isOpen, openStatusesOf, statusLabel } from './requests-workflow';

/*
 * The cartable's work items (issue 11 item 5, ADR 0028): a request of the desk is visible to every
 * desk staff member of its agency until one claims it; then only its holder works it (take,
 * approve, reject), until they release or refer it, or a unit manager assigns it elsewhere. Every
 * change is an event of the request's internal stream (WORK_STREAM) with its audit entry.
 */

/** "Due soon": the due date falls within this many working days of the agency's calendar. */
export const DUE_SOON_WORKING_DAYS = 2;

// Reads -----------------------------------------------------------------------------------------
async function findItem(db: Db, staff: StaffActor, requestId: string) {
  const r = await findRequest(db, requestId);
  if (!r || !staffMaySee(staff, r.agencyId)) throw new CartableError('REQUEST_NOT_FOUND', { requestId });
  const claim = (await crepo.claimsOf(db, [r.id])).get(r.id) ?? null;
  return { r, claim, claimVersion: claim?.version ?? 0, holderId: claim?.holderId ?? null };
}

const claimView = (c: crepo.ClaimRow | null | undefined, me: string, names: Map<string, string>) =>
  c && c.holderId && c.via && c.heldSince
    ? {
        holderId: c.holderId,
        holderName: names.get(c.holderId) ?? '',
        mine: c.holderId === me,
        via: c.via,
        heldSince: c.heldSince.toISOString(),
      }
    : null;

/** A request's work item for desk staff of its agency: holder, actions, internal notes and history. */
export async function getWorkItem(ctx: AppContext, actor: Actor, requestId: string): Promise<WorkItemView> {
  requireStaff(actor);
  return workItemView(ctx.database.db, actor, requestId);
}

async function workItemView(db: Db, staff: StaffActor, requestId: string): Promise<WorkItemView> {
  const { r, claim, claimVersion, holderId } = await findItem(db, staff, requestId);
  const [notes, events] = [await crepo.notesOf(db, r.id), await repo.requestEvents(db, [r.id], crepo.WORK_STREAM)];
  const staffIds = [
    holderId,
    ...notes.flatMap((n) => [n.authorId, n.toStaffId]),
    ...events.flatMap((e) => [e.actorId, str(e.payload.holderId)]),
  ];
  const names = (await findPeople(db, { staff: staffIds.filter((x): x is string => !!x) })).staff;
  return {
    requestId: r.id,
    agencyId: r.agencyId,
    claim: claimView(claim, staff.id, names),
    claimVersion,
    actions: workActions(staff, { agencyId: r.agencyId, open: isOpen(r.status, r.workflow), holderId }),
    notes: notes.map((n) => ({
      id: n.id,
      kind: n.kind,
      authorName: names.get(n.authorId) ?? '',
      mine: n.authorId === staff.id,
      toName: n.toStaffId ? (names.get(n.toStaffId) ?? '') : null,
      body: n.body,
      at: n.createdAt.toISOString(),
    })),
    history: events.map((e) => ({
      action: e.action,
      at: e.createdAt.toISOString(),
      actorName: (e.actorId && names.get(e.actorId)) || '',
      holderName: str(e.payload.holderId) ? (names.get(str(e.payload.holderId)!) ?? '') : null,
    })),
  };
}
const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** Turns the search box into what the query matches: a tracking code, applicants by national code or by name. */
async function searchFor(db: Db, q: string | undefined, lang: Lang): Promise<crepo.CartableFilter['search']> {
  if (q === undefined || q === '') return undefined;
  const code = normalizeIdentifierInput(q);
  if (/^[0-9]+$/.test(code))
    return { trackingCode: code, citizenIds: code.length >= 10 ? await citizenIdsMatching(db, { code }) : [] };
  const key = normalizeForSearch(q);
  if (key.length < 2)
    throw new CartableError('VALIDATION_FAILED', {
      fields: [
        {
          field: 'querystring.q',
          code: 'too_small',
          message: lang === 'fa' ? 'دست‌کم دو حرف بنویسید.' : 'Type at least two letters.',
        },
      ],
    });
  return { trackingCode: null, citizenIds: await citizenIdsMatching(db, { nameKey: key }) };
}

/** The SLA badge of a request: only open ones have one. */
function slaOf(
  r: { status: RequestStatus; dueAt: Date; workflow: WorkflowDefinition },
  now: Date,
  soonUntil: Date | undefined,
): crepo.Sla | null {
  if (!isOpen(r.status, r.workflow)) return null;
  if (now.getTime() >= r.dueAt.getTime()) return 'overdue';
  return soonUntil && r.dueAt.getTime() <= soonUntil.getTime() ? 'due_soon' : 'on_time';
}

export interface CartableQuery {
  /** A status, or 'open' / 'all'. */
  status?: RequestStatus | undefined;
  serviceId?: string | undefined;
  sla?: crepo.Sla | undefined;
  claim?: 'mine' | 'unclaimed' | 'all' | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/**
 * The cartable (کارتابل): requests of every agency where the actor holds a desk role, oldest
 * first, filtered by status (default: the open ones), service, SLA badge, who holds them, and a
 * search (tracking code, the applicant's national code, or name). Each row has its SLA badge,
 * its holder and what the viewer may do with it.
 */
export async function listCartable(ctx: AppContext, actor: Actor, q: CartableQuery, lang: Lang) {
  requireStaff(actor);
  const agencyIds = deskAgencies(actor);
  if (agencyIds.length === 0) throw new CartableError('FORBIDDEN', { need: DESK_ROLES });
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const soonUntil = await Promise.all(
    agencyIds.map(async (agencyId) => ({
      agencyId,
      until: dueDate(await calendarFor(ctx, agencyId), now, DUE_SOON_WORKING_DAYS).dueAt,
    })),
  );
  // "Open" is what the agencies' own workflow definitions say, edited states included.
  const open = openStatusesOf(await agencyWorkflows(db, agencyIds));
  const found = await crepo.listCartable(db, {
    agencyIds,
    statuses: !q.status || q.status === 'open' ? open : q.status === 'all' ? undefined : [q.status],
    openStatuses: open,
    serviceId: q.serviceId,
    claim: q.claim ?? 'all',
    me: actor.id,
    sla: q.sla,
    now,
    soonUntil,
    search: await searchFor(db, q.q, lang),
    after: decodeCursor(q.cursor, lang),
    limit: q.limit,
  });
  const page = await cartableNamed(db, found.slice(0, q.limit));
  const holders = (await findPeople(db, { staff: page.flatMap((r) => (r.holderId ? [r.holderId] : [])) })).staff;
  const soon = new Map(soonUntil.map((s) => [s.agencyId, s.until]));
  const claims = await crepo.claimsOf(
    db,
    page.map((r) => r.id),
  );
  const items: CartableWorkRow[] = page.map((r) => ({
    id: r.id,
    trackingCode: r.trackingCode,
    serviceId: r.serviceId,
    serviceTitle: (lang === 'en' && r.serviceTitleEn) || r.serviceTitleFa,
    applicantName: applicantName(r),
    status: r.status,
    statusLabel: statusLabel(r.status, r.workflow, lang),
    submittedAt: r.submittedAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    overdue: isOpen(r.status, r.workflow) && now.getTime() >= r.dueAt.getTime(),
    agencyId: r.agencyId,
    dueDateJalali: dueDay(r.dueAt),
    version: r.version,
    sla: slaOf(r, now, soon.get(r.agencyId)),
    claim: claimView(claims.get(r.id), actor.id, holders),
    claimVersion: r.claimVersion,
    actions: workActions(actor, { agencyId: r.agencyId, open: isOpen(r.status, r.workflow), holderId: r.holderId }),
  }));
  return { items, nextCursor: found.length > q.limit ? encodeCursor(page.at(-1)!) : null };
}

// Changes ---------------------------------------------------------------------------------------
type Change =
  | { op: 'claim'; version?: number | undefined }
  | { op: 'release'; version?: number | undefined }
  | { op: 'assign'; staffId: string; version?: number | undefined }
  | { op: 'refer'; staffId: string; note: string; version?: number | undefined }
  | { op: 'note'; body: string };

const EVENTS = { claim: 'claimed', release: 'released', assign: 'assigned', refer: 'referred', note: 'noted' } as const;

/** A colleague who may be given an item of the agency: active, a desk role there (and in the manager's units when `units` is a set). */
async function assertQualified(db: Db, agencyId: string, staffId: string, units: Set<string> | null) {
  const colleague = (await activeStaffWithRoles(db, agencyId, DESK_ROLES)).find((c) => c.id === staffId);
  if (!colleague || !qualifiedColleague(colleague, units))
    throw new CartableError('CARTABLE_ASSIGNEE_NOT_QUALIFIED', { staffId, agencyId });
}

/** One change of a work item, in the caller's transaction: checks, the claim row or note, the event and audit entry. */
async function applyChange(
  tx: Parameters<Parameters<typeof withTransaction>[1]>[0],
  staff: StaffActor,
  origin: RequestOrigin,
  now: Date,
  requestId: string,
  c: Change,
) {
  const db = tx.db;
  const { r, claimVersion, holderId } = await findItem(db, staff, requestId);
  if (
    'version' in c &&
    c.version !== undefined &&
    c.version !== claimVersion &&
    !(c.op === 'claim' && holderId !== null)
  )
    throw new CartableError('CONFLICT', { requestId, claimVersion });
  if (c.op !== 'note' && c.op !== 'release' && !isOpen(r.status, r.workflow))
    throw new CartableError('CARTABLE_NOT_OPEN', { requestId, status: r.status });
  let moved: { version: number } | undefined;
  let noteId: string | undefined;
  let newHolder: string | null = null;
  switch (c.op) {
    case 'claim':
      if (holderId !== null) throw new CartableError('CARTABLE_ALREADY_CLAIMED', { requestId });
      // Separation of duties: staff who are the applicant do not work the request.
      await assertNoReviewConflict(db, staff, { applicantCitizenId: r.applicantId }, { requestId });
      moved = await crepo.setHolder(db, {
        requestId,
        agencyId: r.agencyId,
        holderId: staff.id,
        via: 'claim',
        when: 'free',
        version: c.version,
        now,
      });
      if (!moved) throw new CartableError('CARTABLE_ALREADY_CLAIMED', { requestId });
      newHolder = staff.id;
      break;
    case 'release':
      if (holderId !== staff.id) throw new CartableError('CARTABLE_NOT_HOLDER', { requestId });
      moved = await crepo.releaseHolder(db, { requestId, holderId: staff.id, version: c.version, now });
      break;
    case 'assign':
      if (!isManager(staff, r.agencyId)) throw new CartableError('FORBIDDEN', { need: MANAGER_ROLES });
      await assertQualified(db, r.agencyId, c.staffId, managedUnits(staff, r.agencyId));
      moved = await crepo.setHolder(db, {
        requestId,
        agencyId: r.agencyId,
        holderId: c.staffId,
        via: 'assign',
        when: 'any',
        version: c.version,
        now,
      });
      newHolder = c.staffId;
      break;
    case 'refer': {
      const manager = isManager(staff, r.agencyId);
      if (holderId !== staff.id && !manager)
        throw new CartableError(holderId === null ? 'CARTABLE_NOT_HOLDER' : 'CARTABLE_HELD_BY_OTHER', { requestId });
      if (c.staffId === holderId)
        throw new CartableError('CARTABLE_ASSIGNEE_NOT_QUALIFIED', { staffId: c.staffId, reason: 'already_holder' });
      await assertQualified(db, r.agencyId, c.staffId, null);
      moved = await crepo.setHolder(db, {
        requestId,
        agencyId: r.agencyId,
        holderId: c.staffId,
        via: 'refer',
        when: holderId === null ? 'free' : { holder: holderId },
        version: c.version,
        now,
      });
      noteId = await crepo.insertNote(db, {
        requestId,
        agencyId: r.agencyId,
        authorId: staff.id,
        kind: 'referral',
        toStaffId: c.staffId,
        body: normalizeDisplay(c.note),
        now,
      });
      newHolder = c.staffId;
      break;
    }
    case 'note':
      noteId = await crepo.insertNote(db, {
        requestId,
        agencyId: r.agencyId,
        authorId: staff.id,
        kind: 'note',
        toStaffId: null,
        body: normalizeDisplay(c.body),
        now,
      });
      break;
  }
  if (c.op !== 'note' && !moved) throw new CartableError('CONFLICT', { requestId });
  await recordChange(
    tx,
    { actor: staff, origin, at: now },
    {
      stream: crepo.WORK_STREAM,
      id: r.id,
      event: EVENTS[c.op],
      audit: `service_request.${c.op}`,
      agencyId: r.agencyId,
      details: {
        trackingCode: r.trackingCode,
        ...(newHolder ? { holderId: newHolder } : {}),
        ...(holderId && c.op !== 'claim' ? { fromHolderId: holderId } : {}),
        ...(noteId ? { noteId } : {}),
      },
    },
  );
}

/**
 * A change of one work item by a desk staff member: claim, release, assign (unit manager), refer
 * with a note, or an internal note. Answers the item as it is after the change; a retry with the
 * same Idempotency-Key answers the first answer again.
 */
export async function changeWorkItem(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  requestId: string,
  change: Change,
  claim?: IdempotencyClaim,
): Promise<Replayable<WorkItemView, 200 | 201>> {
  requireStaff(actor);
  const staff: StaffActor = actor;
  const now = ctx.clock.now();
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, now, async () => {
      await applyChange(tx, staff, origin, now, requestId, change);
      return {
        status: change.op === 'note' ? (201 as const) : (200 as const),
        body: await workItemView(tx.db, staff, requestId),
      };
    }),
  );
}

const TEXTS: Record<string, { fa: string; en: string }> = { ...platformErrors, ...requestsErrors, ...cartableErrors };

/**
 * Claim or assign several items: each on its own (its own transaction, event and audit entry), so
 * some may succeed while others are refused; the answer says which, with the refusal's code and text.
 */
export async function bulkChange(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  input: { action: 'claim' | 'assign'; requestIds: string[]; staffId?: string | undefined },
  lang: Lang,
) {
  requireStaff(actor);
  const staff: StaffActor = actor;
  const results: Array<{ requestId: string; ok: boolean; code: string | null; message: string | null }> = [];
  for (const requestId of [...new Set(input.requestIds)]) {
    const change: Change = input.action === 'claim' ? { op: 'claim' } : { op: 'assign', staffId: input.staffId! };
    try {
      await withTransaction(ctx.database, (tx) => applyChange(tx, staff, origin, ctx.clock.now(), requestId, change));
      results.push({ requestId, ok: true, code: null, message: null });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      results.push({ requestId, ok: false, code: e.code, message: TEXTS[e.code]?.[lang] ?? e.code });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { allOrNothing: false as const, succeeded, failed: results.length - succeeded, results };
}

// Colleagues and the unit's load ----------------------------------------------------------------
function agencyOf(agencies: string[], wanted: string | undefined, need: readonly string[]): string {
  const agencyId = wanted ?? agencies[0];
  if (!agencyId || !agencies.includes(agencyId)) throw new CartableError('FORBIDDEN', { need });
  return agencyId;
}

/** Desk colleagues of an agency to refer an item to (everyone) or assign it to (`assignable`: in the manager's units). */
export async function listColleagues(ctx: AppContext, actor: Actor, q: { agencyId?: string | undefined }) {
  requireStaff(actor);
  const agencyId = agencyOf(deskAgencies(actor), q.agencyId, DESK_ROLES);
  const units = isManager(actor, agencyId) ? managedUnits(actor, agencyId) : undefined;
  const found = await activeStaffWithRoles(ctx.database.db, agencyId, DESK_ROLES);
  return {
    agencyId,
    items: found
      .filter((c) => c.id !== actor.id)
      .map((c) => ({ id: c.id, name: c.displayName, assignable: units !== undefined && qualifiedColleague(c, units) })),
  };
}

/** The supervisor's view (unit manager): per colleague of their units the open items held and how many are overdue; the unclaimed ones. */
export async function unitLoad(ctx: AppContext, actor: Actor, q: { agencyId?: string | undefined }) {
  requireStaff(actor);
  const managed = deskAgencies(actor).filter((a) => isManager(actor, a));
  const agencyId = agencyOf(managed, q.agencyId, MANAGER_ROLES);
  const db = ctx.database.db;
  const units = managedUnits(actor, agencyId);
  const [colleagues, load] = [
    await activeStaffWithRoles(db, agencyId, DESK_ROLES),
    await crepo.loadOf(db, { agencyId, openStatuses: openStatusesOf(await agencyWorkflows(db, [agencyId])), now: ctx.clock.now() }),
  ];
  const byHolder = new Map(load.map((l) => [l.holderId, l]));
  return {
    agencyId,
    unclaimed: byHolder.get(null)?.open ?? 0,
    unclaimedOverdue: byHolder.get(null)?.overdue ?? 0,
    colleagues: colleagues
      .filter((c) => qualifiedColleague(c, units))
      .map((c) => ({
        id: c.id,
        name: c.displayName,
        open: byHolder.get(c.id)?.open ?? 0,
        overdue: byHolder.get(c.id)?.overdue ?? 0,
      })),
  };
}
