import type { LawArticleRef, LicenceDocument, LicenceInquiry, LicenceStatus } from '@dargah/contracts';
import { sql, type SQL } from 'drizzle-orm';
import { date, dateOrNull, iso, json, jsonb, list, rows, type Db } from '../../platform/db';

/*
 * The only SQL of the licence register: licences and licence_prerequisites (migration 0009). The
 * agencies' names and the cards' titles come from their owners (licence-rows.service.ts).
 */


export interface LicenceValues {
  title: string;
  kind: string;
  legalBasis: LawArticleRef[];
  conditions: string[];
  documents: LicenceDocument[];
  inquiries: LicenceInquiry[];
  issueDays: number;
  validityMonths: number | null;
  costRials: number;
  costLegalBasis: LawArticleRef[];
  renewalTerms: string | null;
  amendmentTerms: string | null;
  cancellationConditions: string;
  searchKey: string;
}

/** A licence as stored; licence-rows.service.ts adds its agency's names and its service's title (LicenceRow). */
export interface LicenceRecord extends Omit<LicenceValues, 'searchKey'> {
  id: string;
  agencyId: string;
  status: LicenceStatus;
  serviceId: string | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface LicenceRow extends LicenceRecord {
  agencyNameFa: string;
  agencyNameEn: string | null;
  /** The approved version's title of the card holding the licence's service id. */
  serviceTitle: string | null;
}

const SELECT = sql`
  SELECT l.id, l.agency_id AS "agencyId", l.title, l.kind,
         l.legal_basis AS "legalBasis", l.conditions, l.documents, l.inquiries, l.issue_days AS "issueDays",
         l.validity_months AS "validityMonths", l.cost_rials::text AS "costRials", l.cost_legal_basis AS "costLegalBasis",
         l.renewal_terms AS "renewalTerms", l.amendment_terms AS "amendmentTerms",
         l.cancellation_conditions AS "cancellationConditions", l.service_id AS "serviceId",
         l.status, l.cancelled_at AS "cancelledAt", l.cancel_reason AS "cancelReason", l.version,
         l.created_at AS "createdAt", l.updated_at AS "updatedAt"
    FROM licences l`;

const fix = (r: LicenceRecord): LicenceRecord => ({
  ...r,
  legalBasis: json(r.legalBasis),
  conditions: json(r.conditions),
  documents: json(r.documents),
  inquiries: json(r.inquiries),
  costLegalBasis: json(r.costLegalBasis),
  costRials: Number(r.costRials),
  cancelledAt: dateOrNull(r.cancelledAt),
  createdAt: date(r.createdAt),
  updatedAt: date(r.updatedAt),
});

export async function findLicence(db: Db, id: string, forUpdate = false): Promise<LicenceRecord | undefined> {
  const [row] = await rows<LicenceRecord>(
    db,
    sql`${SELECT} WHERE l.id = ${id} ${forUpdate ? sql`FOR UPDATE OF l` : sql``}`,
  );
  return row && fix(row);
}

export async function insertLicence(
  db: Db,
  agencyId: string,
  v: LicenceValues,
  createdBy: string | null,
  now: Date,
): Promise<string> {
  const [row] = await rows<{ id: string }>(
    db,
    sql`
    INSERT INTO licences (agency_id, title, kind, legal_basis, conditions, documents, inquiries, issue_days, validity_months,
                          cost_rials, cost_legal_basis, renewal_terms, amendment_terms, cancellation_conditions, search_key,
                          created_by, created_at, updated_at)
    VALUES (${agencyId}, ${v.title}, ${v.kind}, ${jsonb(v.legalBasis)}::jsonb, ${jsonb(v.conditions)}::jsonb,
            ${jsonb(v.documents)}::jsonb, ${jsonb(v.inquiries)}::jsonb, ${v.issueDays}, ${v.validityMonths},
            ${v.costRials}::bigint, ${jsonb(v.costLegalBasis)}::jsonb, ${v.renewalTerms}, ${v.amendmentTerms},
            ${v.cancellationConditions}, ${v.searchKey}, ${createdBy}, ${iso(now)}::timestamptz, ${iso(now)}::timestamptz)
    RETURNING id`,
  );
  return row!.id;
}

/** Optimistic update: false when the row changed since `version`. */
export async function updateLicence(db: Db, id: string, version: number, v: LicenceValues, now: Date) {
  const r = await rows<{ id: string }>(
    db,
    sql`
    UPDATE licences SET title = ${v.title}, kind = ${v.kind}, legal_basis = ${jsonb(v.legalBasis)}::jsonb,
           conditions = ${jsonb(v.conditions)}::jsonb, documents = ${jsonb(v.documents)}::jsonb,
           inquiries = ${jsonb(v.inquiries)}::jsonb, issue_days = ${v.issueDays}, validity_months = ${v.validityMonths},
           cost_rials = ${v.costRials}::bigint, cost_legal_basis = ${jsonb(v.costLegalBasis)}::jsonb,
           renewal_terms = ${v.renewalTerms}, amendment_terms = ${v.amendmentTerms},
           cancellation_conditions = ${v.cancellationConditions}, search_key = ${v.searchKey},
           version = version + 1, updated_at = ${iso(now)}::timestamptz
     WHERE id = ${id} AND version = ${version} RETURNING id`,
  );
  return r.length === 1;
}

export interface LicencePatch {
  serviceId?: string | null;
  status?: LicenceStatus;
  cancelledAt?: Date;
  cancelReason?: string;
}

/** Sets the service id, status or cancellation at `version`: false when stale. */
export async function patchLicence(db: Db, id: string, version: number, p: LicencePatch, now: Date) {
  const sets: SQL[] = [sql`version = version + 1`, sql`updated_at = ${iso(now)}::timestamptz`];
  if (p.serviceId !== undefined) sets.push(sql`service_id = ${p.serviceId}`);
  if (p.status !== undefined) sets.push(sql`status = ${p.status}`);
  if (p.cancelledAt !== undefined) sets.push(sql`cancelled_at = ${iso(p.cancelledAt)}::timestamptz`);
  if (p.cancelReason !== undefined) sets.push(sql`cancel_reason = ${p.cancelReason}`);
  const r = await rows<{ id: string }>(
    db,
    sql`UPDATE licences SET ${sql.join(sets, sql`, `)} WHERE id = ${id} AND version = ${version} RETURNING id`,
  );
  return r.length === 1;
}

// Prerequisites ----------------------------------------------------------------------------------
/** Serialises prerequisite changes until the transaction ends, so two edits cannot together close a cycle. */
export const lockPrerequisites = (db: Db) =>
  rows(db, sql`SELECT pg_advisory_xact_lock(hashtext('dargah:licence-prerequisites')::bigint)`);

export async function setPrerequisites(db: Db, licenceId: string, ids: readonly string[]): Promise<void> {
  await db.execute(sql`DELETE FROM licence_prerequisites WHERE licence_id = ${licenceId}`);
  if (ids.length === 0) return;
  await db.execute(sql`
    INSERT INTO licence_prerequisites (licence_id, prerequisite_id, position)
    SELECT ${licenceId}, p.id, p.ord::int FROM unnest(${list(ids)}::uuid[]) WITH ORDINALITY AS p(id, ord)`);
}

export interface PrerequisiteRow {
  id: string;
  title: string;
  status: LicenceStatus;
}
export async function prerequisitesOf(db: Db, licenceId: string): Promise<PrerequisiteRow[]> {
  return rows<PrerequisiteRow>(
    db,
    sql`SELECT l.id, l.title, l.status FROM licence_prerequisites p JOIN licences l ON l.id = p.prerequisite_id
         WHERE p.licence_id = ${licenceId} ORDER BY p.position`,
  );
}

/** Which of `ids` are active licences (a cancelled one cannot be required any more). */
export async function activeLicenceIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const r = await rows<{ id: string }>(
    db,
    sql`SELECT id FROM licences WHERE id = ANY(${list(ids)}::uuid[]) AND status = 'active'`,
  );
  return new Set(r.map((x) => x.id));
}

/** Which of `roots` already require `target`, directly or through other licences (a cycle if added). */
export async function prerequisitesReaching(db: Db, roots: readonly string[], target: string): Promise<Set<string>> {
  if (roots.length === 0) return new Set();
  const r = await rows<{ root: string }>(
    db,
    sql`
    WITH RECURSIVE reach(root, id) AS (
      SELECT r, r FROM unnest(${list(roots)}::uuid[]) AS r
      UNION
      SELECT reach.root, p.prerequisite_id FROM reach JOIN licence_prerequisites p ON p.licence_id = reach.id
    )
    SELECT DISTINCT root FROM reach WHERE id = ${target}`,
  );
  return new Set(r.map((x) => x.root));
}

// Lists ------------------------------------------------------------------------------------------
export interface ListFilter {
  /** null: every agency. */
  agencyIds: string[] | null;
  mapped?: boolean | undefined;
  status?: LicenceStatus | undefined;
  /** Normalised words, each of which must occur in the title, kind or service id. */
  words: string[];
  limit: number;
  offset: number;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
function where(f: Omit<ListFilter, 'limit' | 'offset'>): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.agencyIds !== null) parts.push(sql`l.agency_id = ANY(${list(f.agencyIds)}::uuid[])`);
  if (f.mapped !== undefined) parts.push(f.mapped ? sql`l.service_id IS NOT NULL` : sql`l.service_id IS NULL`);
  if (f.status) parts.push(sql`l.status = ${f.status}`);
  for (const w of f.words) {
    const pattern = `%${likeEscape(w)}%`;
    parts.push(sql`(l.search_key LIKE ${pattern} OR coalesce(l.service_id, '') LIKE ${pattern})`);
  }
  return sql.join(parts, sql` AND `);
}

/** The agencies of the licences the filter keeps (to rank them by name before paging). */
export async function licenceAgencies(db: Db, f: Omit<ListFilter, 'limit' | 'offset'>): Promise<string[]> {
  const r = await rows<{ id: string }>(db, sql`SELECT DISTINCT l.agency_id AS id FROM licences l WHERE ${where(f)}`);
  return r.map((x) => x.id);
}

/**
 * A page of licences by agency name (each agency's place in the name order, `rank`, from the
 * organisation), title and id, with the total.
 */
export async function listLicences(
  db: Db,
  f: ListFilter,
  rank: ReadonlyMap<string, number>,
): Promise<{ items: LicenceRecord[]; total: number }> {
  const w = where(f);
  const items = await rows<LicenceRecord>(
    db,
    sql`${SELECT} LEFT JOIN unnest(${list([...rank.keys()])}::uuid[], ${list([...rank.values()].map(String))}::int[]) AS o(id, rank)
          ON o.id = l.agency_id
         WHERE ${w} ORDER BY o.rank, l.title, l.id LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
  const [count] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM licences l WHERE ${w}`);
  return { items: items.map(fix), total: count!.n };
}

/** Active licences without a service id, counted per agency (the caller names and orders the agencies). */
export async function unmappedCounts(db: Db, agencyIds: string[] | null): Promise<Array<{ agencyId: string; count: number }>> {
  return rows(
    db,
    sql`SELECT l.agency_id AS "agencyId", count(*)::int AS count
          FROM licences l
         WHERE l.service_id IS NULL AND l.status = 'active'
           ${agencyIds === null ? sql`` : sql`AND l.agency_id = ANY(${list(agencyIds)}::uuid[])`}
         GROUP BY l.agency_id`,
  );
}

/** The licence holding a service id, if any. */
export async function licenceWithService(db: Db, serviceId: string): Promise<{ id: string } | undefined> {
  const [row] = await rows<{ id: string }>(db, sql`SELECT id FROM licences WHERE service_id = ${serviceId}`);
  return row;
}

/** The active licences delivered under any of these service ids, by service id (the CPSV-AP export's outputs). */
export async function activeLicencesByService(
  db: Db,
  serviceIds: readonly string[],
): Promise<Map<string, { id: string; title: string }>> {
  if (serviceIds.length === 0) return new Map();
  const r = await rows<{ id: string; title: string; serviceId: string }>(
    db,
    sql`SELECT id, title, service_id AS "serviceId" FROM licences
         WHERE status = 'active' AND service_id = ANY(${list(serviceIds)}::text[])`,
  );
  return new Map(r.map((l) => [l.serviceId, { id: l.id, title: l.title }]));
}
