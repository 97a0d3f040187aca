// About 400 lines: the SQL of the card desk's own tables (cards, versions, reviews, notices, change
// requests), one section per table; the public catalogue's and the import's SQL are in their own files.
import type { CardStatus, ChangeBasis, HeadApproval } from '@dargah/contracts';
import { sql } from 'drizzle-orm';
import { date, dateOrNull, iso, json, jsonb, list, rows, type Db } from '../../platform/db';


// Service cards --------------------------------------------------------------------------------
/** A card row as stored; card-rows.service.ts adds its agency's names and parent (CardRow). */
export interface CardRecord {
  id: string;
  agencyId: string;
  status: CardStatus;
  currentVersion: number;
  serviceId: string | null;
  submittedAt: Date | null;
  reviewDueAt: Date | null;
  approvedAt: Date | null;
  approvedVersion: number | null;
  expiresAt: Date | null;
  lastComment: string | null;
  version: number;
  createdAt: Date;
}
/** The card with its agency's names and parent (the organisation's, through its index.ts). */
export interface CardRow extends CardRecord {
  agencyNameFa: string;
  agencyNameEn: string | null;
  parentId: string | null;
}
const CARD_SELECT = sql`
  SELECT c.id, c.agency_id AS "agencyId", c.status,
         c.current_version AS "currentVersion", c.service_id AS "serviceId", c.submitted_at AS "submittedAt", c.review_due_at AS "reviewDueAt",
         c.approved_at AS "approvedAt", c.approved_version AS "approvedVersion", c.expires_at AS "expiresAt", c.last_comment AS "lastComment",
         c.version, c.created_at AS "createdAt"
    FROM service_cards c`;
const fixCard = (r: CardRecord): CardRecord => ({
  ...r,
  submittedAt: dateOrNull(r.submittedAt),
  reviewDueAt: dateOrNull(r.reviewDueAt),
  approvedAt: dateOrNull(r.approvedAt),
  expiresAt: dateOrNull(r.expiresAt),
  createdAt: date(r.createdAt),
});

/** The card; with `forUpdate`, its row stays locked until the transaction ends (a second reviewer waits, then sees the new version). */
export async function findCard(db: Db, id: string, forUpdate = false): Promise<CardRecord | undefined> {
  const [row] = await rows<CardRecord>(
    db,
    sql`${CARD_SELECT} WHERE c.id = ${id} ${forUpdate ? sql`FOR UPDATE OF c` : sql``}`,
  );
  return row && fixCard(row);
}

export async function insertCard(db: Db, agencyId: string, createdBy: string, now: Date): Promise<string> {
  const [row] = await rows<{ id: string }>(
    db,
    sql`
    INSERT INTO service_cards (agency_id, status, current_version, created_by, created_at, updated_at)
    VALUES (${agencyId}, 'draft', 1, ${createdBy}, ${iso(now)}::timestamptz, ${iso(now)}::timestamptz) RETURNING id`,
  );
  return row!.id;
}

export interface CardPatch {
  status?: CardStatus;
  currentVersion?: number;
  serviceId?: string;
  submittedAt?: Date;
  reviewDueAt?: Date | null;
  approvedAt?: Date;
  approvedVersion?: number;
  expiresAt?: Date;
  lastComment?: string | null;
}

/** Optimistic update of the card row: false when it changed since `version`. */
export async function updateCard(db: Db, id: string, version: number, p: CardPatch, now: Date): Promise<boolean> {
  const set = [
    p.status !== undefined ? sql`status = ${p.status}` : undefined,
    p.currentVersion !== undefined ? sql`current_version = ${p.currentVersion}` : undefined,
    p.serviceId !== undefined ? sql`service_id = ${p.serviceId}` : undefined,
    p.submittedAt !== undefined ? sql`submitted_at = ${iso(p.submittedAt)}::timestamptz` : undefined,
    p.reviewDueAt !== undefined ? sql`review_due_at = ${iso(p.reviewDueAt)}::timestamptz` : undefined,
    p.approvedAt !== undefined ? sql`approved_at = ${iso(p.approvedAt)}::timestamptz` : undefined,
    p.approvedVersion !== undefined ? sql`approved_version = ${p.approvedVersion}` : undefined,
    p.expiresAt !== undefined ? sql`expires_at = ${iso(p.expiresAt)}::timestamptz` : undefined,
    p.lastComment !== undefined ? sql`last_comment = ${p.lastComment}` : undefined,
    sql`version = version + 1`,
    sql`updated_at = ${iso(now)}::timestamptz`,
  ].filter((x) => x !== undefined);
  const r = await rows<{ id: string }>(
    db,
    sql`UPDATE service_cards SET ${sql.join(set, sql`, `)} WHERE id = ${id} AND version = ${version} RETURNING id`,
  );
  return r.length === 1;
}

/** The next number of the never-reused service-id sequence. */
export async function nextServiceNumber(db: Db): Promise<string> {
  const [row] = await rows<{ n: string | number }>(db, sql`SELECT nextval('service_card_number_seq') AS n`);
  return String(row!.n);
}

export interface VersionRow {
  cardId: string;
  versionNo: number;
  content: Record<string, unknown>;
  createdBy: string | null;
  createdAt: Date;
  frozen: boolean;
  changeBasis: ChangeBasis | null;
  headApproval: HeadApproval | null;
}
const VERSION_COLS = sql`card_id AS "cardId", version_no AS "versionNo", content, created_by AS "createdBy", created_at AS "createdAt", frozen,
  change_basis AS "changeBasis", head_approval AS "headApproval"`;
const fixVersion = (r: VersionRow): VersionRow => ({
  ...r,
  content: json<Record<string, unknown>>(r.content),
  createdAt: date(r.createdAt),
  changeBasis: r.changeBasis === null ? null : json<ChangeBasis>(r.changeBasis),
  headApproval: r.headApproval === null ? null : json<HeadApproval>(r.headApproval),
});

export async function insertVersion(
  db: Db,
  cardId: string,
  versionNo: number,
  content: unknown,
  createdBy: string,
  now: Date,
): Promise<void> {
  await db.execute(sql`
    INSERT INTO service_card_versions (card_id, version_no, content, created_by, created_at, updated_at)
    VALUES (${cardId}, ${versionNo}, ${jsonb(content)}::jsonb, ${createdBy}, ${iso(now)}::timestamptz, ${iso(now)}::timestamptz)`);
}

/** Replaces the content of a version still being drafted (a frozen one is protected by a trigger too). */
export async function updateVersionContent(
  db: Db,
  cardId: string,
  versionNo: number,
  content: unknown,
  now: Date,
): Promise<void> {
  await db.execute(sql`
    UPDATE service_card_versions SET content = ${jsonb(content)}::jsonb, updated_at = ${iso(now)}::timestamptz
     WHERE card_id = ${cardId} AND version_no = ${versionNo} AND NOT frozen`);
}

/** Freezes a version; a change request's basis and head approval are fixed with it. */
export async function freezeVersion(
  db: Db,
  cardId: string,
  versionNo: number,
  change?: { changeBasis: ChangeBasis; headApproval: HeadApproval },
): Promise<void> {
  await db.execute(
    sql`UPDATE service_card_versions SET frozen = true
          ${change ? sql`, change_basis = ${jsonb(change.changeBasis)}::jsonb, head_approval = ${jsonb(change.headApproval)}::jsonb` : sql``}
         WHERE card_id = ${cardId} AND version_no = ${versionNo} AND NOT frozen`,
  );
}

/** The highest version number of a card (versions of a rejected change request included). */
export async function maxVersionNo(db: Db, cardId: string): Promise<number> {
  const [row] = await rows<{ n: number | string }>(
    db,
    sql`SELECT max(version_no) AS n FROM service_card_versions WHERE card_id = ${cardId}`,
  );
  return Number(row!.n);
}

export async function findVersion(db: Db, cardId: string, versionNo: number): Promise<VersionRow | undefined> {
  const [row] = await rows<VersionRow>(
    db,
    sql`SELECT ${VERSION_COLS} FROM service_card_versions WHERE card_id = ${cardId} AND version_no = ${versionNo}`,
  );
  return row && fixVersion(row);
}

export interface CardListFilter {
  /** null: every agency. */
  agencyIds: string[] | null;
  status?: CardStatus | undefined;
  statuses?: readonly CardStatus[] | undefined;
  /** Oldest submission first (a review queue) instead of newest first. */
  queue?: boolean;
  limit: number;
  offset: number;
}

export interface CardSummaryRecord extends CardRecord {
  title: string | null;
}
export type CardSummaryRow = CardSummaryRecord & CardRow;

export async function listCards(db: Db, f: CardListFilter): Promise<CardSummaryRecord[]> {
  if (f.agencyIds !== null && f.agencyIds.length === 0) return [];
  const r = await rows<CardSummaryRecord>(
    db,
    sql`
    SELECT * FROM (${CARD_SELECT}) c0
      JOIN LATERAL (SELECT v.content->>'title' AS title FROM service_card_versions v WHERE v.card_id = c0.id AND v.version_no = c0."currentVersion") t ON true
     WHERE true
       ${f.agencyIds !== null ? sql`AND c0."agencyId" = ANY(${list(f.agencyIds)}::uuid[])` : sql``}
       ${f.status ? sql`AND c0.status = ${f.status}` : sql``}
       ${f.statuses ? sql`AND c0.status = ANY(${list(f.statuses)}::text[])` : sql``}
     ORDER BY ${f.queue ? sql`c0."submittedAt" ASC, c0.id` : sql`c0."createdAt" DESC, c0.id`}
     LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
  return r.map((x) => ({ ...fixCard(x), title: x.title }));
}

/** A card's event; the staff names are the organisation's (catalogue.service.ts asks `findPeople`). */
export interface CardEventRow {
  action: string;
  actorType: string;
  actorId: string | null;
  /** Whom the staff member acted for, under a delegation. */
  onBehalfOfId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export async function cardEvents(db: Db, cardId: string): Promise<CardEventRow[]> {
  const r = await rows<CardEventRow>(
    db,
    sql`
    SELECT e.action, e.actor_type AS "actorType", e.actor_id AS "actorId", e.on_behalf_of_id AS "onBehalfOfId",
           e.payload, e.created_at AS "createdAt"
      FROM events e
     WHERE e.stream_type = 'service_card' AND e.stream_id = ${cardId} ORDER BY e.id`,
  );
  return r.map((e) => ({ ...e, payload: json<Record<string, unknown>>(e.payload), createdAt: date(e.createdAt) }));
}

/**
 * Who sent the card to its current review: the staff actor (and whom they acted for) of its latest
 * `submitted` or `renewal_requested` event. Empty before any submission.
 */
export async function lastSubmitters(db: Db, cardId: string): Promise<string[]> {
  const [r] = await rows<{ actorId: string | null; onBehalfOfId: string | null }>(
    db,
    sql`SELECT actor_id AS "actorId", on_behalf_of_id AS "onBehalfOfId" FROM events
         WHERE stream_type = 'service_card' AND stream_id = ${cardId} AND actor_type = 'staff'
           AND action IN ('submitted', 'renewal_requested')
         ORDER BY id DESC LIMIT 1`,
  );
  return r ? [r.actorId, r.onBehalfOfId].filter((x): x is string => !!x) : [];
}

// Expiry: reminders and notifications ----------------------------------------------------------
export interface ExpiringCard {
  id: string;
  agencyId: string;
  expiresAt: Date;
  title: string | null;
}

/** Cards in force expiring before `until` (reminder candidates and the expired). */
export async function cardsExpiringBefore(db: Db, until: Date): Promise<ExpiringCard[]> {
  const r = await rows<ExpiringCard>(
    db,
    sql`
    SELECT c.id, c.agency_id AS "agencyId", c.expires_at AS "expiresAt", v.content->>'title' AS title
      FROM service_cards c JOIN service_card_versions v ON v.card_id = c.id AND v.version_no = c.approved_version
     WHERE c.approved_version IS NOT NULL AND c.expires_at <= ${iso(until)}::timestamptz
     ORDER BY c.expires_at, c.id`,
  );
  return r.map((x) => ({ ...x, expiresAt: date(x.expiresAt) }));
}

/** Records a reminder (or the expiry, daysBefore 0) once per card and expiry date: false when already recorded. */
export async function insertReminder(
  db: Db,
  cardId: string,
  expiresAt: Date,
  daysBefore: number,
  now: Date,
): Promise<boolean> {
  const r = await rows<{ card_id: string }>(
    db,
    sql`
    INSERT INTO card_reminders (card_id, expires_at, days_before, sent_at)
    VALUES (${cardId}, ${iso(expiresAt)}::timestamptz, ${daysBefore}, ${iso(now)}::timestamptz)
    ON CONFLICT DO NOTHING RETURNING card_id`,
  );
  return r.length === 1;
}

export interface NotificationRow {
  id: string;
  cardId: string;
  agencyId: string;
  kind: 'expiry_reminder' | 'expired' | 'review_escalated';
  /** Days before expiry (0 for the expiry itself and for an escalation). */
  daysBefore: number;
  /** The expiry a reminder is about (null for an escalation). */
  expiresAt: Date | null;
  /** The parent review's missed due date (escalations only). */
  reviewDueAt: Date | null;
  title: string | null;
  createdAt: Date;
}

export async function insertNotification(
  db: Db,
  n: Omit<NotificationRow, 'id' | 'title' | 'createdAt' | 'reviewDueAt'> & { reviewDueAt?: Date },
  now: Date,
): Promise<void> {
  await db.execute(sql`
    INSERT INTO card_notifications (card_id, agency_id, kind, days_before, expires_at, review_due_at, created_at)
    VALUES (${n.cardId}, ${n.agencyId}, ${n.kind}, ${n.daysBefore}, ${iso(n.expiresAt)}::timestamptz,
            ${iso(n.reviewDueAt)}::timestamptz, ${iso(now)}::timestamptz)`);
}

/** Cards whose parent review was due before `now`: the escalation's candidates, oldest due first. */
export async function overdueParentReviews(db: Db, now: Date): Promise<string[]> {
  const r = await rows<{ id: string }>(
    db,
    sql`SELECT id FROM service_cards WHERE status = 'parent_review' AND review_due_at <= ${iso(now)}::timestamptz
         ORDER BY review_due_at, id`,
  );
  return r.map((x) => x.id);
}

export async function listNotifications(
  db: Db,
  f: { agencyIds: string[] | null; limit: number; offset: number },
): Promise<NotificationRow[]> {
  if (f.agencyIds !== null && f.agencyIds.length === 0) return [];
  const r = await rows<NotificationRow>(
    db,
    sql`
    SELECT n.id, n.card_id AS "cardId", n.agency_id AS "agencyId", n.kind, n.days_before AS "daysBefore", n.expires_at AS "expiresAt",
           n.review_due_at AS "reviewDueAt",
           v.content->>'title' AS title, n.created_at AS "createdAt"
      FROM card_notifications n JOIN service_cards c ON c.id = n.card_id
      LEFT JOIN service_card_versions v ON v.card_id = c.id AND v.version_no = coalesce(c.approved_version, c.current_version)
     WHERE true ${f.agencyIds !== null ? sql`AND n.agency_id = ANY(${list(f.agencyIds)}::uuid[])` : sql``}
     ORDER BY n.created_at DESC, n.id LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
  return r.map((x) => ({
    ...x,
    expiresAt: dateOrNull(x.expiresAt),
    reviewDueAt: dateOrNull(x.reviewDueAt),
    createdAt: date(x.createdAt),
  }));
}

// Counts for the staff home ---------------------------------------------------------------------
/** How many cards of the agencies (null: every agency) are in each status; statuses with none are absent. */
export async function countCardsByStatus(db: Db, agencyIds: readonly string[] | null): Promise<Array<{ status: CardStatus; n: number }>> {
  if (agencyIds !== null && agencyIds.length === 0) return [];
  const r = await rows<{ status: CardStatus; n: string | number }>(
    db,
    sql`SELECT status, count(*) AS n FROM service_cards
         WHERE true ${agencyIds !== null ? sql`AND agency_id = ANY(${list(agencyIds)}::uuid[])` : sql``}
         GROUP BY status`,
  );
  return r.map((x) => ({ status: x.status, n: Number(x.n) }));
}

/**
 * The review queue's size: cards in central and renewal review (all agencies), and the given
 * sub-agencies' cards in parent review, with how many of those are past their review week.
 */
export async function countReviewQueue(
  db: Db,
  children: readonly string[],
  now: Date,
): Promise<{ central: number; renewal: number; parent: number; parentOverdue: number }> {
  const [r] = await rows<Record<'central' | 'renewal' | 'parent' | 'parentOverdue', string | number>>(
    db,
    sql`SELECT count(*) FILTER (WHERE status = 'central_review') AS central,
               count(*) FILTER (WHERE status = 'renewal_review') AS renewal,
               count(*) FILTER (WHERE status = 'parent_review' AND agency_id = ANY(${list(children)}::uuid[])) AS parent,
               count(*) FILTER (WHERE status = 'parent_review' AND agency_id = ANY(${list(children)}::uuid[])
                                  AND review_due_at <= ${iso(now)}::timestamptz) AS "parentOverdue"
          FROM service_cards WHERE status IN ('central_review', 'renewal_review', 'parent_review')`,
  );
  return { central: Number(r?.central ?? 0), renewal: Number(r?.renewal ?? 0), parent: Number(r?.parent ?? 0), parentOverdue: Number(r?.parentOverdue ?? 0) };
}

// Service ids as other modules check them (through index.ts) ------------------------------------

export interface ApprovedService {
  serviceId: string;
  agencyId: string;
  title: string;
  /** Null when the id exists but its card has no version in force. */
  approved: boolean;
  expiresAt: Date | null;
}

/** The cards of these service ids (with their title in force), whatever their state. */
export async function findServiceIds(db: Db, ids: readonly string[]): Promise<ApprovedService[]> {
  if (ids.length === 0) return [];
  const r = await rows<{
    serviceId: string;
    agencyId: string;
    title: string | null;
    approved: boolean;
    expiresAt: unknown;
  }>(
    db,
    sql`SELECT c.service_id AS "serviceId", c.agency_id AS "agencyId", v.content->>'title' AS title,
               (c.approved_version IS NOT NULL) AS approved, c.expires_at AS "expiresAt"
          FROM service_cards c
          LEFT JOIN service_card_versions v ON v.card_id = c.id AND v.version_no = coalesce(c.approved_version, c.current_version)
         WHERE c.service_id = ANY(${list(ids)}::text[])`,
  );
  return r.map((x) => ({
    ...x,
    title: x.title ?? '',
    expiresAt: x.expiresAt ? new Date(x.expiresAt as string) : null,
  }));
}
