import type { RequestStatus } from '@dargah/contracts';
import { sql } from 'drizzle-orm';
import { date, dateOrNull, iso, list, rows, type Db } from '../../platform/db';
import type { Keyset } from './requests.repository';

/** The internal history of a request's work item: its own event stream, never shown to the applicant. */
export const WORK_STREAM = 'service_request_work';

export type Via = 'claim' | 'assign' | 'refer';

export interface ClaimRow {
  requestId: string;
  holderId: string | null;
  via: Via | null;
  heldSince: Date | null;
  version: number;
}

/** The claims of some requests; a request never claimed has no row (version 0). */
export async function claimsOf(db: Db, requestIds: readonly string[]): Promise<Map<string, ClaimRow>> {
  if (requestIds.length === 0) return new Map();
  const found = await rows<ClaimRow>(
    db,
    sql`
    SELECT request_id AS "requestId", holder_id AS "holderId", via, held_since AS "heldSince", version
      FROM cartable_claims WHERE request_id = ANY(${list(requestIds)}::uuid[])`,
  );
  return new Map(found.map((c) => [c.requestId, { ...c, heldSince: dateOrNull(c.heldSince) }]));
}

/**
 * Gives a request to `holderId`, atomically, only when `when` holds for its current claim: `free`
 * (nobody holds it: a claim), `holder` (the given staff member holds it: a referral), `any` (a
 * manager's assignment); and, when `version` is given, only at that claim version (0: never
 * claimed). Undefined when the condition failed (someone else changed it first).
 */
export async function setHolder(
  db: Db,
  p: {
    requestId: string;
    agencyId: string;
    holderId: string;
    via: Via;
    when: 'free' | 'any' | { holder: string };
    version?: number | undefined;
    now: Date;
  },
): Promise<{ version: number } | undefined> {
  const cond =
    p.when === 'free'
      ? sql`cartable_claims.holder_id IS NULL`
      : p.when === 'any'
        ? sql`TRUE`
        : sql`cartable_claims.holder_id = ${p.when.holder}::uuid`;
  const at = sql`${iso(p.now)}::timestamptz`;
  // A never-claimed request at a stated version other than 0 is stale: no insert then.
  if (p.version !== undefined && p.version !== 0) {
    const [row] = await rows<{ version: number }>(
      db,
      sql`
      UPDATE cartable_claims SET holder_id = ${p.holderId}, via = ${p.via}, held_since = ${at}, version = version + 1, updated_at = ${at}
       WHERE request_id = ${p.requestId} AND version = ${p.version} AND ${cond}
      RETURNING version`,
    );
    return row;
  }
  const [row] = await rows<{ version: number }>(
    db,
    sql`
    INSERT INTO cartable_claims (request_id, agency_id, holder_id, via, held_since, version, updated_at)
    VALUES (${p.requestId}, ${p.agencyId}, ${p.holderId}, ${p.via}, ${at}, 1, ${at})
    ON CONFLICT (request_id) DO UPDATE
       SET holder_id = EXCLUDED.holder_id, via = EXCLUDED.via, held_since = EXCLUDED.held_since,
           version = cartable_claims.version + 1, updated_at = EXCLUDED.updated_at
     WHERE ${cond} ${p.version === 0 ? sql`AND FALSE` : sql``}
    RETURNING version`,
  );
  return row;
}

/** The holder lets the item go; undefined when they no longer hold it (or the version moved). */
export async function releaseHolder(
  db: Db,
  p: { requestId: string; holderId: string; version?: number | undefined; now: Date },
): Promise<{ version: number } | undefined> {
  const [row] = await rows<{ version: number }>(
    db,
    sql`
    UPDATE cartable_claims SET holder_id = NULL, via = NULL, held_since = NULL, version = version + 1, updated_at = ${iso(p.now)}::timestamptz
     WHERE request_id = ${p.requestId} AND holder_id = ${p.holderId} ${p.version !== undefined ? sql`AND version = ${p.version}` : sql``}
    RETURNING version`,
  );
  return row;
}

/** Who holds the request now (null: nobody). */
export async function holderOf(db: Db, requestId: string): Promise<string | null> {
  const [row] = await rows<{ holderId: string | null }>(
    db,
    sql`SELECT holder_id AS "holderId" FROM cartable_claims WHERE request_id = ${requestId}`,
  );
  return row?.holderId ?? null;
}

export interface NoteRow {
  id: string;
  authorId: string;
  kind: 'note' | 'referral';
  toStaffId: string | null;
  body: string;
  createdAt: Date;
}

export async function insertNote(
  db: Db,
  n: {
    requestId: string;
    agencyId: string;
    authorId: string;
    kind: 'note' | 'referral';
    toStaffId: string | null;
    body: string;
    now: Date;
  },
): Promise<string> {
  const [row] = await rows<{ id: string }>(
    db,
    sql`
    INSERT INTO request_internal_notes (request_id, agency_id, author_id, kind, to_staff_id, body, created_at)
    VALUES (${n.requestId}, ${n.agencyId}, ${n.authorId}, ${n.kind}, ${n.toStaffId}::uuid, ${n.body}, ${iso(n.now)}::timestamptz)
    RETURNING id`,
  );
  return row!.id;
}

/** A request's internal notes, oldest first. */
export async function notesOf(db: Db, requestId: string): Promise<NoteRow[]> {
  const found = await rows<NoteRow>(
    db,
    sql`
    SELECT id, author_id AS "authorId", kind, to_staff_id AS "toStaffId", body, created_at AS "createdAt"
      FROM request_internal_notes WHERE request_id = ${requestId} ORDER BY seq`,
  );
  return found.map((n) => ({ ...n, createdAt: date(n.createdAt) }));
}

export type Sla = 'on_time' | 'due_soon' | 'overdue';

export interface CartableFilter {
  agencyIds: string[];
  /** Undefined: every status. */
  statuses: RequestStatus[] | undefined;
  /** Open statuses: the SLA filter keeps to them. */
  openStatuses: RequestStatus[];
  serviceId?: string | undefined;
  claim: 'mine' | 'unclaimed' | 'all';
  me: string;
  sla?: Sla | undefined;
  now: Date;
  /** Per agency, the instant up to which a due date counts as "due soon" (2 working days on its calendar). */
  soonUntil: Array<{ agencyId: string; until: Date }>;
  /** Search: a tracking code, and/or the applicants (or companies) matched by code or name. */
  search?: { trackingCode: string | null; citizenIds: string[] } | undefined;
  after: Keyset | undefined;
  limit: number;
}

export interface CartableRecord {
  id: string;
  trackingCode: string;
  agencyId: string;
  serviceId: string;
  serviceVersion: number;
  applicantId: string;
  onBehalfOfId: string | null;
  status: RequestStatus;
  submittedAt: Date;
  dueAt: Date;
  version: number;
  holderId: string | null;
  via: Via | null;
  claimVersion: number;
}

/** The cartable with its filters, oldest first (first come, first served), keyset-paged on (submitted_at, id). */
export async function listCartable(db: Db, f: CartableFilter): Promise<CartableRecord[]> {
  const now = sql`${iso(f.now)}::timestamptz`;
  const soon = sql`(SELECT s.until FROM unnest(${list(f.soonUntil.map((s) => s.agencyId))}::uuid[], ${list(f.soonUntil.map((s) => iso(s.until)))}::timestamptz[]) AS s(agency_id, until) WHERE s.agency_id = r.agency_id)`;
  const sla =
    f.sla === undefined
      ? sql``
      : sql`AND r.status = ANY(${list(f.openStatuses)}::text[]) AND ${
          f.sla === 'overdue'
            ? sql`r.due_at <= ${now}`
            : f.sla === 'due_soon'
              ? sql`r.due_at > ${now} AND r.due_at <= ${soon}`
              : sql`r.due_at > ${soon}`
        }`;
  const search = f.search
    ? sql`AND (r.tracking_code = ${f.search.trackingCode ?? ''} OR r.applicant_id = ANY(${list(f.search.citizenIds)}::uuid[]) OR r.on_behalf_of_id = ANY(${list(f.search.citizenIds)}::uuid[]))`
    : sql``;
  const found = await rows<CartableRecord>(
    db,
    sql`
    SELECT r.id, r.tracking_code AS "trackingCode", r.agency_id AS "agencyId", r.service_id AS "serviceId", r.service_version AS "serviceVersion",
           r.applicant_id AS "applicantId", r.on_behalf_of_id AS "onBehalfOfId",
           r.status, r.submitted_at AS "submittedAt", r.due_at AS "dueAt", r.version,
           c.holder_id AS "holderId", c.via, COALESCE(c.version, 0) AS "claimVersion"
      FROM service_requests r LEFT JOIN cartable_claims c ON c.request_id = r.id
     WHERE r.agency_id = ANY(${list(f.agencyIds)}::uuid[]) ${f.statuses ? sql`AND r.status = ANY(${list(f.statuses)}::text[])` : sql``}
       ${f.serviceId ? sql`AND r.service_id = ${f.serviceId}` : sql``}
       ${f.claim === 'mine' ? sql`AND c.holder_id = ${f.me}` : f.claim === 'unclaimed' ? sql`AND c.holder_id IS NULL` : sql``}
       ${sla} ${search}
       ${f.after ? sql`AND (r.submitted_at, r.id) > (${iso(f.after.submittedAt)}::timestamptz, ${f.after.id}::uuid)` : sql``}
     ORDER BY r.submitted_at, r.id
     LIMIT ${f.limit + 1}`,
  );
  return found.map((x) => ({
    ...x,
    submittedAt: date(x.submittedAt),
    dueAt: date(x.dueAt),
    claimVersion: Number(x.claimVersion),
  }));
}

/** The open load of an agency: per holder the open items they hold and how many are overdue; and the unclaimed ones. */
export async function loadOf(db: Db, p: { agencyId: string; openStatuses: RequestStatus[]; now: Date }) {
  const now = sql`${iso(p.now)}::timestamptz`;
  const found = await rows<{ holderId: string | null; open: number; overdue: number }>(
    db,
    sql`
    SELECT c.holder_id AS "holderId", count(*)::int AS open, (count(*) FILTER (WHERE r.due_at <= ${now}))::int AS overdue
      FROM service_requests r LEFT JOIN cartable_claims c ON c.request_id = r.id
     WHERE r.agency_id = ${p.agencyId} AND r.status = ANY(${list(p.openStatuses)}::text[])
     GROUP BY c.holder_id`,
  );
  return found.map((x) => ({ ...x, open: Number(x.open), overdue: Number(x.overdue) }));
}
