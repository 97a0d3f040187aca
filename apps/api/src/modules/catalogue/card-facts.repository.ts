import { sql } from 'drizzle-orm';
import { isoOf, list, rows, type Db } from '../../platform/db';

/*
 * The catalogue's cards as other modules ask about them through index.ts (the service architecture,
 * the licence register, the delivery reports), set-based: each function is one statement over a list
 * of ids or a period, never one per row. The callers add the organisation's names themselves.
 */

/** How many service cards (any version, draft or approved) name one of these categories or layers. */
export async function cardsClassifiedUnder(db: Db, field: 'categoryId' | 'layerId', ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const [r] = await rows<{ n: number }>(
    db,
    sql`SELECT count(DISTINCT card_id)::int AS n FROM service_card_versions
         WHERE content -> 'classification' ->> ${field} = ANY(${list(ids)}::text[])`,
  );
  return r?.n ?? 0;
}

/** Keeps the public catalogue's domain column right after a category moved to another domain (the architecture's hook). */
export async function moveEntriesToDomain(db: Db, categoryId: string, domainId: string): Promise<void> {
  await db.execute(sql`UPDATE catalogue_entries SET domain_id = ${domainId} WHERE category_id = ${categoryId}`);
}

export interface ApprovedCardBrief {
  cardId: string;
  agencyId: string;
  title: string;
  serviceId: string;
}

/** The card of a service id with an approved version in force (with `forUpdate`, locked until the transaction ends). */
export async function approvedCardOfService(db: Db, serviceId: string, forUpdate = false): Promise<ApprovedCardBrief | undefined> {
  const [r] = await rows<ApprovedCardBrief>(
    db,
    sql`SELECT c.id AS "cardId", c.agency_id AS "agencyId", coalesce(v.content ->> 'title', '') AS title, c.service_id AS "serviceId"
          FROM service_cards c
          JOIN service_card_versions v ON v.card_id = c.id AND v.version_no = c.approved_version
         WHERE c.service_id = ${serviceId} AND c.approved_version IS NOT NULL
         ${forUpdate ? sql`FOR UPDATE OF c` : sql``}`,
  );
  return r;
}

/** Approved services (a version in force and a service id), counted per agency and category id named (null: none). */
export async function approvedClassifications(db: Db): Promise<Array<{ agencyId: string; categoryId: string | null; n: number }>> {
  return rows(
    db,
    sql`SELECT c.agency_id AS "agencyId", v.content -> 'classification' ->> 'categoryId' AS "categoryId", count(*)::int AS n
          FROM service_cards c
          JOIN service_card_versions v ON v.card_id = c.id AND v.version_no = c.approved_version
         WHERE c.approved_version IS NOT NULL AND c.service_id IS NOT NULL
         GROUP BY 1, 2`,
  );
}

export interface CardBrief {
  cardId: string;
  /** The approved version's title, else the current one's ('' when none). */
  title: string;
  serviceId: string | null;
  agencyId: string;
  /** The category the approved version names (null: not approved, or unclassified). */
  approvedCategoryId: string | null;
}

/** The cards by id (unknown ids are absent). */
export async function cardBriefs(db: Db, ids: readonly string[]): Promise<Map<string, CardBrief>> {
  if (ids.length === 0) return new Map();
  const r = await rows<CardBrief>(
    db,
    sql`SELECT c.id AS "cardId", coalesce(v.content ->> 'title', '') AS title, c.service_id AS "serviceId", c.agency_id AS "agencyId",
               CASE WHEN c.approved_version IS NULL THEN NULL ELSE v.content -> 'classification' ->> 'categoryId' END AS "approvedCategoryId"
          FROM service_cards c
          LEFT JOIN service_card_versions v ON v.card_id = c.id AND v.version_no = coalesce(c.approved_version, c.current_version)
         WHERE c.id = ANY(${list(ids)}::uuid[])`,
  );
  return new Map(r.map((x) => [x.cardId, x]));
}

/** The approved version's title of the cards holding these service ids (ids without an approved card are absent). */
export async function approvedTitles(db: Db, serviceIds: readonly string[]): Promise<Map<string, string | null>> {
  if (serviceIds.length === 0) return new Map();
  const r = await rows<{ serviceId: string; title: string | null }>(
    db,
    sql`SELECT c.service_id AS "serviceId", v.content->>'title' AS title
          FROM service_cards c JOIN service_card_versions v ON v.card_id = c.id AND v.version_no = c.approved_version
         WHERE c.service_id = ANY(${list(serviceIds)}::text[])`,
  );
  return new Map(r.map((x) => [x.serviceId, x.title]));
}

export interface CardInForce {
  serviceId: string;
  agencyId: string;
  title: string;
  expiresAt: string;
}

/**
 * Approved cards in force at some time in [from, to) (approved before `to`, expiring after `from`),
 * of these agencies (null: every agency), by service id.
 */
export async function cardsInForceDuring(
  db: Db,
  p: { from: Date; to: Date; agencyIds: readonly string[] | null },
): Promise<CardInForce[]> {
  if (p.agencyIds !== null && p.agencyIds.length === 0) return [];
  const r = await rows<CardInForce>(
    db,
    sql`SELECT c.service_id AS "serviceId", c.agency_id AS "agencyId", coalesce(v.content->>'title', '') AS title, c.expires_at AS "expiresAt"
          FROM service_cards c
          JOIN service_card_versions v ON v.card_id = c.id AND v.version_no = c.approved_version
         WHERE c.approved_version IS NOT NULL AND c.service_id IS NOT NULL
           AND c.approved_at < ${p.to.toISOString()}::timestamptz AND c.expires_at > ${p.from.toISOString()}::timestamptz
           ${p.agencyIds === null ? sql`` : sql`AND c.agency_id = ANY(${list(p.agencyIds)}::uuid[])`}`,
  );
  return r.map((x) => ({ ...x, expiresAt: isoOf(x.expiresAt) }));
}

/** The content of the approved version in force of a service id's card (undefined when there is none). */
export async function approvedContentOfService(db: Db, serviceId: string): Promise<unknown> {
  const [r] = await rows<{ content: unknown }>(
    db,
    sql`SELECT v.content FROM service_cards c
          JOIN service_card_versions v ON v.card_id = c.id AND v.version_no = c.approved_version
         WHERE c.service_id = ${serviceId} AND c.approved_version IS NOT NULL`,
  );
  return r?.content;
}
