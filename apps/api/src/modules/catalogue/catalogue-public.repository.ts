import type { ServiceCardContent } from '@dargah/contracts';
import { normalizeForSearch } from '@dargah/persian';
import { sql, type SQL } from 'drizzle-orm';
import { isoOf, json, list, rows, type Db } from '../../platform/db';

/*
 * The public catalogue's search projection (table catalogue_entries, migration 0006): one row per
 * approved service card with its approved content and a Persian search key. Derived data only, and
 * the catalogue's own read model of what it shows from other modules (the agency's names and province,
 * the category's domain): catalogue-entries.service.ts writes an entry in the transaction that changes
 * the card, asking the organisation and the service architecture through their index.ts, and catches
 * up every ten minutes what changed around the card (an agency renamed or moved to another province);
 * the architecture moves a category's entries to its new domain through the catalogue's index.ts.
 */


/**
 * The search key of a card: title (Persian and English), sub-services, description and agency name
 * (Persian and English), normalised for search.
 */
export function searchKeyOf(
  content: Pick<ServiceCardContent, 'title' | 'titleEn' | 'description'> & {
    subServices?: Array<{ title: string }> | undefined;
  },
  agencyName: string,
  agencyNameEn?: string | null,
): string {
  return normalizeForSearch(
    [
      content.title ?? '',
      content.titleEn ?? '',
      ...(content.subServices ?? []).map((s) => s.title),
      content.description ?? '',
      agencyName,
      agencyNameEn ?? '',
    ].join(' '),
  );
}

/** An approved card as its entry needs it (its agency's facts and its category's domain come from their owners). */
export interface EntrySource {
  cardId: string;
  serviceId: string;
  agencyId: string;
  cardVersion: number;
  approvedAt: unknown;
  expiresAt: unknown;
  content: unknown;
}

/** What the entry copies from the organisation and the service architecture. */
export interface EntryFacts {
  agencyName: string;
  agencyNameEn: string | null;
  agencyLegalId: string;
  agencyVersion: number;
  province: string | null;
  /** The category the card names, when it exists, and its macro domain. */
  categoryId: string | null;
  domainId: string | null;
}

/** The approved cards (with a service id) among these, with their content in force. */
export async function entrySources(db: Db, cardIds: readonly string[]): Promise<EntrySource[]> {
  if (cardIds.length === 0) return [];
  return rows<EntrySource>(
    db,
    sql`SELECT c.id AS "cardId", c.service_id AS "serviceId", c.agency_id AS "agencyId",
          c.version AS "cardVersion", c.approved_at AS "approvedAt", c.expires_at AS "expiresAt", v.content
        FROM service_cards c
        JOIN service_card_versions v ON v.card_id = c.id AND v.version_no = c.approved_version
       WHERE c.approved_version IS NOT NULL AND c.service_id IS NOT NULL AND c.id = ANY(${list(cardIds)}::uuid[])`,
  );
}

export async function upsertEntry(db: Db, s: EntrySource, f: EntryFacts): Promise<void> {
  const content = json<ServiceCardContent>(s.content);
  await db.execute(sql`
    INSERT INTO catalogue_entries (card_id, service_id, agency_id, agency_name, agency_name_en, agency_legal_id,
      agency_version, title, title_key, search_key, recipients, maturity, level, life_events, province, approved_at, expires_at,
      card_version, synced_at, category_id, domain_id, title_en, title_en_key, request_channels, delivery_channels)
    VALUES (${s.cardId}, ${s.serviceId}, ${s.agencyId}, ${f.agencyName}, ${f.agencyNameEn}, ${f.agencyLegalId},
      ${f.agencyVersion}, ${content.title ?? ''}, ${normalizeForSearch(content.title ?? '')},
      ${searchKeyOf(content, f.agencyName, f.agencyNameEn)},
      ${list(content.recipients ?? [])}::text[], ${content.maturity?.level ?? null}, ${content.level ?? null},
      ${list(content.lifeEvents ?? [])}::text[], ${f.province}, ${isoOf(s.approvedAt)}::timestamptz,
      ${isoOf(s.expiresAt)}::timestamptz, ${s.cardVersion}, now(), ${f.categoryId}::uuid, ${f.domainId}::uuid,
      ${content.titleEn ?? null}, ${content.titleEn ? normalizeForSearch(content.titleEn) : null},
      ${list(content.channels?.request ?? [])}::text[], ${list(content.channels?.delivery ?? [])}::text[])
    ON CONFLICT (card_id) DO UPDATE SET service_id = EXCLUDED.service_id, agency_id = EXCLUDED.agency_id,
      agency_name = EXCLUDED.agency_name, agency_name_en = EXCLUDED.agency_name_en,
      agency_legal_id = EXCLUDED.agency_legal_id, agency_version = EXCLUDED.agency_version, title = EXCLUDED.title,
      title_key = EXCLUDED.title_key, search_key = EXCLUDED.search_key, recipients = EXCLUDED.recipients, maturity = EXCLUDED.maturity,
      level = EXCLUDED.level, life_events = EXCLUDED.life_events, province = EXCLUDED.province,
      approved_at = EXCLUDED.approved_at, expires_at = EXCLUDED.expires_at,
      card_version = EXCLUDED.card_version, synced_at = EXCLUDED.synced_at,
      category_id = EXCLUDED.category_id, domain_id = EXCLUDED.domain_id,
      title_en = EXCLUDED.title_en, title_en_key = EXCLUDED.title_en_key,
      request_channels = EXCLUDED.request_channels, delivery_channels = EXCLUDED.delivery_channels`);
}

export async function deleteEntry(db: Db, cardId: string): Promise<void> {
  await db.execute(sql`DELETE FROM catalogue_entries WHERE card_id = ${cardId}`);
}

/** The agencies that have approved cards (whose versions the sync compares). */
export async function agenciesWithApprovedCards(db: Db): Promise<string[]> {
  const r = await rows<{ id: string }>(
    db,
    sql`SELECT DISTINCT agency_id AS id FROM service_cards WHERE approved_version IS NOT NULL AND service_id IS NOT NULL`,
  );
  return r.map((x) => x.id);
}

/**
 * Approved cards whose entry is missing or stale: the card changed since, or its agency (whose
 * current version the caller passes, from the organisation) did.
 */
export async function staleEntryCards(
  db: Db,
  agencies: { ids: readonly string[]; versions: readonly number[] },
  batch: number,
): Promise<string[]> {
  const r = await rows<{ id: string }>(
    db,
    sql`SELECT c.id FROM service_cards c
          JOIN unnest(${list(agencies.ids)}::uuid[], ${list(agencies.versions.map(String))}::int[]) AS a(id, version) ON a.id = c.agency_id
          LEFT JOIN catalogue_entries e ON e.card_id = c.id
         WHERE c.approved_version IS NOT NULL AND c.service_id IS NOT NULL
           AND (e.card_id IS NULL OR e.card_version <> c.version OR e.agency_version <> a.version)
         LIMIT ${batch}`,
  );
  return r.map((x) => x.id);
}

/** Drops the entries of cards no longer approved; returns how many. */
export async function dropUnapprovedEntries(db: Db): Promise<number> {
  const gone = await rows<{ card_id: string }>(
    db,
    sql`DELETE FROM catalogue_entries e USING service_cards c
         WHERE c.id = e.card_id AND (c.approved_version IS NULL OR c.service_id IS NULL) RETURNING e.card_id`,
  );
  return gone.length;
}

// Reading --------------------------------------------------------------------------------------
export interface EntryRow {
  cardId: string;
  serviceId: string;
  agencyId: string;
  agencyName: string;
  agencyNameEn: string | null;
  agencyLegalId: string;
  title: string;
  /** The card's English title, when it has one. */
  titleEn: string | null;
  recipients: string[];
  maturity: string | null;
  level: string | null;
  lifeEvents: string[];
  province: string | null;
  approvedAt: string;
  expiresAt: string;
  /** The service architecture's category and its macro domain (null: unclassified). */
  categoryId: string | null;
  domainId: string | null;
  /** How the card says the service is requested and delivered. */
  requestChannels: string[];
  deliveryChannels: string[];
  content: ServiceCardContent;
}

const COLUMNS = sql.raw(`e.card_id AS "cardId", e.service_id AS "serviceId", e.agency_id AS "agencyId",
  e.agency_name AS "agencyName", e.agency_name_en AS "agencyNameEn", e.agency_legal_id AS "agencyLegalId", e.title,
  e.recipients, e.maturity, e.level, e.life_events AS "lifeEvents", e.province, e.approved_at AS "approvedAt",
  e.expires_at AS "expiresAt", e.category_id AS "categoryId", e.domain_id AS "domainId", e.title_en AS "titleEn",
  e.request_channels AS "requestChannels", e.delivery_channels AS "deliveryChannels"`);
/** The approved content, from the frozen version the card was approved at. */
const WITH_CONTENT = sql.raw(`catalogue_entries e
  JOIN service_cards c ON c.id = e.card_id
  JOIN service_card_versions v ON v.card_id = c.id AND v.version_no = c.approved_version`);

const toEntry = (r: Record<string, unknown>): EntryRow =>
  ({
    ...r,
    approvedAt: isoOf(r.approvedAt),
    expiresAt: isoOf(r.expiresAt),
    content: r.content === undefined ? {} : json<ServiceCardContent>(r.content),
  }) as EntryRow;

export interface SearchFilters {
  /** Already normalised with normalizeForSearch; empty: no text condition. */
  key: string;
  /** An 11-digit service id the query names (digits folded, spaces and dashes dropped): that service first. */
  serviceId?: string | undefined;
  /**
   * exact: every word of the key occurs in the search key (trigram-indexed LIKE), ranked by where
   * the query sits in the title (equal, prefix, contained), then title. fuzzy (for typos, when exact
   * finds nothing): trigram word similarity to the title above pg_trgm's threshold, ranked by it.
   */
  mode?: 'exact' | 'fuzzy';
  agencyId?: string | undefined;
  province?: string | undefined;
  lifeEvent?: string | undefined;
  recipients?: string | undefined;
  maturity?: string | undefined;
  /** The service architecture: a category id, a macro domain id. */
  categoryId?: string | undefined;
  domainId?: string | undefined;
  offset: number;
  limit: number;
}

/** Titles in Persian alphabetical order (the generated column of migration 0013). */
const ALPHABETICAL = sql.raw('title_sort COLLATE "C"');

/** Escapes LIKE wildcards in a search key. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The search SQL (also used by the bench for its direct-pg ceiling). */
export function searchQuery(f: SearchFilters): SQL {
  const where: SQL[] = [];
  const k = f.key;
  const fuzzy = k !== '' && f.mode === 'fuzzy';
  // Persian titles and English ones (title_en_key) alike; the search key holds both.
  if (fuzzy) where.push(sql`(${k}::text <% title_key OR ${k}::text <% title_en_key)`);
  else if (k) {
    const words = [...new Set(k.split(' '))]
      .slice(0, 8)
      .map((w) => sql`search_key LIKE ${`%${likeEscape(w)}%`}`);
    const text = sql.join(words, sql` AND `);
    where.push(f.serviceId ? sql`(service_id = ${f.serviceId} OR (${text}))` : text);
  }
  if (f.agencyId) where.push(sql`agency_id = ${f.agencyId}::uuid`);
  if (f.province) where.push(sql`province = ${f.province}`);
  if (f.lifeEvent) where.push(sql`life_events @> ${list([f.lifeEvent])}::text[]`);
  if (f.recipients) where.push(sql`recipients @> ${list([f.recipients])}::text[]`);
  if (f.maturity) where.push(sql`maturity = ${f.maturity}`);
  if (f.categoryId) where.push(sql`category_id = ${f.categoryId}::uuid`);
  if (f.domainId) where.push(sql`domain_id = ${f.domainId}::uuid`);
  const cond = where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
  const prefix = `${likeEscape(k)}%`;
  const inside = `%${likeEscape(k)}%`;
  const order = !k
    ? sql`ORDER BY ${ALPHABETICAL}, card_id`
    : fuzzy
      ? sql`ORDER BY greatest(word_similarity(${k}::text, title_key), coalesce(word_similarity(${k}::text, title_en_key), 0)) DESC,
              ${ALPHABETICAL}, card_id`
      : sql`ORDER BY ${f.serviceId ? sql`service_id = ${f.serviceId} DESC,` : sql``}
              (title_key = ${k} OR title_en_key = ${k}) IS TRUE DESC,
              (title_key LIKE ${prefix} OR title_en_key LIKE ${prefix}) IS TRUE DESC,
              (title_key LIKE ${inside} OR title_en_key LIKE ${inside}) IS TRUE DESC, ${ALPHABETICAL}, card_id`;
  return sql`SELECT ${COLUMNS} FROM catalogue_entries e ${cond} ${order} LIMIT ${f.limit} OFFSET ${f.offset}`;
}

/** The search (its planner costs are set for every connection: PLANNER_SETTINGS in platform/db). */
export async function searchEntries(db: Db, f: SearchFilters): Promise<EntryRow[]> {
  return (await rows<Record<string, unknown>>(db, searchQuery(f))).map(toEntry);
}

export async function findEntryByServiceId(db: Db, serviceId: string): Promise<EntryRow | undefined> {
  const [r] = await rows<Record<string, unknown>>(
    db,
    sql`SELECT ${COLUMNS}, v.content FROM ${WITH_CONTENT} WHERE e.service_id = ${serviceId}`,
  );
  return r ? toEntry(r) : undefined;
}

/** The entries of these service ids (without their content). */
export async function entriesByServiceIds(db: Db, serviceIds: readonly string[]): Promise<EntryRow[]> {
  if (serviceIds.length === 0) return [];
  return (
    await rows<Record<string, unknown>>(
      db,
      sql`SELECT ${COLUMNS} FROM catalogue_entries e WHERE e.service_id = ANY(${list(serviceIds)}::text[])`,
    )
  ).map(toEntry);
}

/** Every entry with its content, by title (for the CPSV-AP export). */
export async function allEntries(db: Db): Promise<EntryRow[]> {
  return (
    await rows<Record<string, unknown>>(
      db,
      sql`SELECT ${COLUMNS}, v.content FROM ${WITH_CONTENT} ORDER BY e.${ALPHABETICAL}, e.card_id`,
    )
  ).map(toEntry);
}

/** One agency's approved services with their content, by title (the agency page of the public catalogue). */
export async function entriesOfAgency(db: Db, agencyId: string): Promise<EntryRow[]> {
  return (
    await rows<Record<string, unknown>>(
      db,
      sql`SELECT ${COLUMNS}, v.content FROM ${WITH_CONTENT} WHERE e.agency_id = ${agencyId}::uuid ORDER BY e.${ALPHABETICAL}, e.card_id`,
    )
  ).map(toEntry);
}

/** A law as the CPSV-AP export cites it (from the laws module). */
export interface LawBrief {
  id: string;
  title: string;
  kind: string;
  number: string | null;
  link: string | null;
}
