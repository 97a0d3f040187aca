import type { RequestStatus, WorkflowDefinition } from '@dargah/contracts';
import { sql } from 'drizzle-orm';
import { date, dateOrNull, iso, isoOf, json, jsonb, list, rows, type Db, type SnapshotQuery } from '../../platform/db';

export const STREAM = 'service_request';

/** A request with its service's titles and its agency's names (request-rows.service.ts adds them from their owners). */
export interface RequestRow extends RequestRecord {
  serviceTitleFa: string;
  serviceTitleEn: string | null;
  agencyNameFa: string;
  agencyNameEn: string | null;
  /** The workflow definition of the service version it was submitted on (ADR 0034). */
  workflow: WorkflowDefinition;
}

/** A request as this module stores it. */
export interface RequestRecord {
  id: string;
  trackingCode: string;
  serviceId: string;
  /** The service version it was submitted on (its form and workflow). */
  serviceVersion: number;
  agencyId: string;
  applicantId: string;
  onBehalfOfId: string | null;
  status: RequestStatus;
  form: Record<string, unknown>;
  submittedAt: Date;
  dueAt: Date;
  decidedAt: Date | null;
  decisionNote: string | null;
  version: number;
  /** The office serving it (set by whoever first takes or decides it). */
  unitId: string | null;
}

const SELECT = sql`
  SELECT r.id, r.tracking_code AS "trackingCode", r.service_id AS "serviceId", r.service_version AS "serviceVersion",
         r.agency_id AS "agencyId", r.applicant_id AS "applicantId",
         r.on_behalf_of_id AS "onBehalfOfId", r.status, r.form, r.submitted_at AS "submittedAt", r.due_at AS "dueAt",
         r.decided_at AS "decidedAt", r.decision_note AS "decisionNote", r.version, r.unit_id AS "unitId"
    FROM service_requests r`;

const fix = (r: RequestRecord): RequestRecord => ({
  ...r,
  form: json<Record<string, unknown>>(r.form),
  submittedAt: date(r.submittedAt),
  dueAt: date(r.dueAt),
  decidedAt: dateOrNull(r.decidedAt),
});

export async function findRequest(db: Db, id: string): Promise<RequestRecord | undefined> {
  const [row] = await rows<RequestRecord>(db, sql`${SELECT} WHERE r.id = ${id}`);
  return row && fix(row);
}

export async function findRequestByTrackingCode(db: Db, trackingCode: string): Promise<RequestRecord | undefined> {
  const [row] = await rows<RequestRecord>(db, sql`${SELECT} WHERE r.tracking_code = ${trackingCode}`);
  return row && fix(row);
}

/** Tracking codes of some requests, by id. */
export async function trackingCodes(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const found = await rows<{ id: string; code: string }>(db, sql`SELECT id, tracking_code AS code FROM service_requests WHERE id = ANY(${list(ids)}::uuid[])`);
  return new Map(found.map((r) => [r.id, r.code]));
}

export interface NewRequest {
  trackingCode: string;
  serviceId: string;
  /** The service version whose form it was validated against: it stays on it. */
  serviceVersion: number;
  agencyId: string;
  applicantId: string;
  onBehalfOfId: string | null;
  status: RequestStatus;
  form: Record<string, unknown>;
  submittedAt: Date;
  dueAt: Date;
}

/** Inserts a request; undefined when its tracking code is already taken (the caller draws another). */
export async function insertRequest(db: Db, r: NewRequest): Promise<string | undefined> {
  const [row] = await rows<{ id: string }>(db, sql`
    INSERT INTO service_requests (tracking_code, service_id, service_version, agency_id, applicant_id, on_behalf_of_id, status, form, submitted_at, due_at, created_at, updated_at)
    VALUES (${r.trackingCode}, ${r.serviceId}, ${r.serviceVersion}, ${r.agencyId}, ${r.applicantId}, ${r.onBehalfOfId}, ${r.status}, ${jsonb(r.form)}::jsonb,
            ${iso(r.submittedAt)}::timestamptz, ${iso(r.dueAt)}::timestamptz, ${iso(r.submittedAt)}::timestamptz, ${iso(r.submittedAt)}::timestamptz)
    ON CONFLICT (tracking_code) DO NOTHING
    RETURNING id`);
  return row?.id;
}

/**
 * Moves a request to its next status (the projection of the event appended with it), only if it
 * is still at `version`: a concurrent change makes this return undefined.
 */
export async function advanceRequest(
  db: Db,
  id: string,
  version: number,
  next: {
    status: RequestStatus;
    decidedAt: Date | null;
    decisionNote: string | null;
    /** The serving office, kept once set. */
    unitId: string | null;
    /** On a decision: the time from acceptance to answer (answerDuration); the request's paused days are subtracted here. */
    answer: { workingDays: number; calendarDays: number } | null;
  },
  now: Date,
): Promise<{ version: number } | undefined> {
  const [row] = await rows<{ version: number }>(db, sql`
    UPDATE service_requests
       SET status = ${next.status}, decided_at = ${iso(next.decidedAt)}::timestamptz,
           decision_note = ${next.decisionNote}, unit_id = COALESCE(unit_id, ${next.unitId}::uuid),
           answer_working_days = CASE WHEN ${next.answer !== null}::boolean THEN GREATEST(0, ${next.answer?.workingDays ?? 0}::integer - paused_working_days) END,
           answer_calendar_days = CASE WHEN ${next.answer !== null}::boolean THEN GREATEST(0, ${next.answer?.calendarDays ?? 0}::integer - paused_calendar_days) END,
           version = version + 1, updated_at = ${iso(now)}::timestamptz
     WHERE id = ${id} AND version = ${version}
    RETURNING version`);
  return row;
}

export interface Keyset {
  submittedAt: Date;
  id: string;
}

/** An applicant's requests, newest first: their own (companyId null) or a company's. */
export async function listApplicantRequests(db: Db, who: { applicantId: string; companyId: string | null }, before: Keyset | undefined, limit: number): Promise<RequestRecord[]> {
  const r = await rows<RequestRecord>(db, sql`${SELECT}
    WHERE ${who.companyId ? sql`r.on_behalf_of_id = ${who.companyId}` : sql`r.applicant_id = ${who.applicantId} AND r.on_behalf_of_id IS NULL`}
      ${before ? sql`AND (r.submitted_at, r.id) < (${iso(before.submittedAt)}::timestamptz, ${before.id}::uuid)` : sql``}
    ORDER BY r.submitted_at DESC, r.id DESC
    LIMIT ${limit + 1}`);
  return r.map(fix);
}

export interface RequestEventRow {
  streamId: string;
  action: string;
  actorType: string;
  actorId: string | null;
  onBehalfOfId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** The event streams of some requests (their own, or another stream of theirs), in the order they happened. */
export async function requestEvents(db: Db, ids: string[], stream: string = STREAM): Promise<RequestEventRow[]> {
  if (ids.length === 0) return [];
  const r = await rows<RequestEventRow>(db, sql`
    SELECT stream_id AS "streamId", action, actor_type AS "actorType", actor_id AS "actorId", on_behalf_of_id AS "onBehalfOfId",
           payload, created_at AS "createdAt"
      FROM events WHERE stream_type = ${stream} AND stream_id = ANY(${list(ids)}::text[]) ORDER BY id`);
  return r.map((e) => ({ ...e, payload: json<Record<string, unknown>>(e.payload), createdAt: date(e.createdAt) }));
}

/** Requests received per desk service: how many, and the last one's time. */
export interface RequestActivity {
  serviceId: string;
  count: number;
  lastAt: string;
}

/**
 * Requests submitted in [from, to) per desk service (for the delivery reports): every service, or
 * only those listed, each counting only requests at or after its own `since` (null: the whole period).
 */
export async function requestActivity(
  db: Db,
  p: { from: Date; to: Date; only?: ReadonlyArray<{ serviceId: string; since: Date | null }> | undefined },
): Promise<RequestActivity[]> {
  if (p.only && p.only.length === 0) return [];
  const only = p.only
    ? sql`JOIN unnest(${list(p.only.map((o) => o.serviceId))}::uuid[], ${list(p.only.map((o) => iso(o.since ?? p.from)))}::timestamptz[]) AS o(id, since)
            ON o.id = r.service_id AND r.submitted_at >= o.since`
    : sql``;
  const r = await rows<RequestActivity>(
    db,
    sql`SELECT r.service_id AS "serviceId", count(*)::int AS count, max(r.submitted_at) AS "lastAt"
          FROM service_requests r ${only}
         WHERE r.submitted_at >= ${iso(p.from)}::timestamptz AND r.submitted_at < ${iso(p.to)}::timestamptz
         GROUP BY r.service_id`,
  );
  return r.map((x) => ({ ...x, lastAt: isoOf(x.lastAt) }));
}

/**
 * Open requests (submitted, in review) past their answer date, by agency: the SLA breaches /metrics
 * reports (`dargah_requests_overdue`), read in the scrape's snapshot.
 */
export async function overdueByAgency(query: SnapshotQuery): Promise<Array<{ labels: { agency_id: string }; value: number }>> {
  const found = await query<{ agency_id: string; n: number }>(
    `SELECT agency_id::text AS agency_id, count(*)::int AS n FROM service_requests WHERE status IN ('submitted', 'in_review') AND due_at < now() GROUP BY agency_id`,
  );
  return found.map((r) => ({ labels: { agency_id: r.agency_id }, value: Number(r.n) }));
}

/** A request whose workflow timers may be due: open, in its state for at least a day (the shortest timer). */
export interface TimerCandidate {
  id: string;
  serviceId: string;
  serviceVersion: number;
  agencyId: string;
  status: RequestStatus;
  stateEnteredAt: Date;
}

/** Open requests that entered their state at least a day before `now`, oldest first (the timers' job scans them). */
export async function timerCandidates(db: Db, now: Date, limit: number): Promise<TimerCandidate[]> {
  const found = await rows<TimerCandidate>(db, sql`
    SELECT id, service_id AS "serviceId", service_version AS "serviceVersion", agency_id AS "agencyId", status,
           state_entered_at AS "stateEnteredAt"
      FROM service_requests
     WHERE decided_at IS NULL AND state_entered_at <= ${iso(now)}::timestamptz - interval '1 day'
     ORDER BY state_entered_at, id
     LIMIT ${limit}`);
  return found.map((r) => ({ ...r, stateEnteredAt: date(r.stateEnteredAt) }));
}

/** The request's status and when it entered it, its row locked for the caller's transaction. */
export async function lockStateOf(db: Db, id: string): Promise<{ status: RequestStatus; stateEnteredAt: Date; version: number } | undefined> {
  const [r] = await rows<{ status: RequestStatus; stateEnteredAt: Date; version: number }>(db, sql`
    SELECT status, state_entered_at AS "stateEnteredAt", version FROM service_requests WHERE id = ${id} FOR UPDATE`);
  return r && { ...r, stateEnteredAt: date(r.stateEnteredAt) };
}

/** Records a timer as fired for the request's entry into its state; false when it already had (another run). */
export async function recordTimerFiring(db: Db, f: { requestId: string; timerId: string; state: string; stateEnteredAt: Date; kind: 'escalate' | 'deadline' }, now: Date): Promise<boolean> {
  const r = await rows<{ ok: number }>(db, sql`
    INSERT INTO request_timer_firings (request_id, timer_id, state, state_entered_at, kind, fired_at)
    VALUES (${f.requestId}, ${f.timerId}, ${f.state}, ${iso(f.stateEnteredAt)}::timestamptz, ${f.kind}, ${iso(now)}::timestamptz)
    ON CONFLICT DO NOTHING RETURNING 1 AS ok`);
  return r.length === 1;
}
