// Over 450 lines: three term kinds (domains, layers, categories) with the same create/update/delete
// guards, plus marks and gaps; the next cut, when it grows, is marks into their own service.
import type {
  ArchitectureGaps,
  CategoryInput,
  CategoryUpdate,
  MarkCapabilities,
  MarkInput,
  MarkKind,
  MarkResolve,
  MarkStatus,
  ServiceArchitecture,
  ServiceCategory,
  ServiceMark,
  ServiceMarkPage,
  TaxonomyAdmin,
  TaxonomyTerm,
  TaxonomyTermInput,
  TaxonomyTermUpdate,
} from '@dargah/contracts';
import type { Actor, RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { requireStaff, type StaffActor } from '../../platform/actor';
import { assertNoReviewConflict, hasRole, requireRole, reviewConflictOf, CENTRAL_REVIEWERS } from '../organisation';
import { cardsClassifiedUnder, moveEntriesToDomain } from '../catalogue';
import * as repo from './architecture.repository';
import * as marks from './mark-rows.service';
import { ArchitectureError } from './architecture.errors';

/*
 * The service architecture's use cases: the taxonomy (macro domains with their categories, service
 * layers), kept by central reviewers; their marks on approved services (duplicate, removable,
 * merge); and the gaps per domain. Every write is one transaction with its event (streams
 * 'service_domain', 'service_category', 'service_layer', 'service_mark') and audit entry; edits and
 * deletions are at the version read (409 CONFLICT when stale).
 */

/** Who may read the marks and gaps: the central reviewers and the oversight auditors. */
const ARCHITECTURE_READERS = [...CENTRAL_REVIEWERS, 'oversight_auditor'] as const;

const requireEditor = (actor: Actor): StaffActor => requireRole(actor, CENTRAL_REVIEWERS);
/** Who may read the service architecture (its pages and the gaps): the central roles. */
export const mayReadArchitecture = (actor: Actor): boolean => hasRole(actor, ARCHITECTURE_READERS);
function requireReader(actor: Actor): StaffActor {
  requireStaff(actor);
  if (!mayReadArchitecture(actor)) throw new ArchitectureError('FORBIDDEN', { need: ARCHITECTURE_READERS });
  return actor;
}

const values = (i: TaxonomyTermInput): repo.TermValues => ({
  code: i.code,
  titleFa: i.titleFa,
  titleEn: i.titleEn || null,
  description: i.description || null,
  sort: i.sort ?? 0,
});
const toTerm = (r: repo.TermRow): TaxonomyTerm => r;
const toCategory = (r: repo.CategoryRow): ServiceCategory => r;

// Reading the taxonomy -------------------------------------------------------------------------
async function taxonomy(ctx: AppContext) {
  const db = ctx.database.db;
  const [domains, categories, layers] = await Promise.all([
    repo.listTerms(db, 'service_domains'),
    repo.listCategories(db),
    repo.listTerms(db, 'service_layers'),
  ]);
  return { domains, categories, layers };
}

/** The taxonomy as the public search filters and the card editor use it (titles: Persian, English). */
export async function getArchitecture(ctx: AppContext): Promise<ServiceArchitecture> {
  const { domains, categories, layers } = await taxonomy(ctx);
  const pub = (t: repo.TermRow) => ({ id: t.id, code: t.code, title: t.titleFa, titleEn: t.titleEn });
  return {
    domains: domains.map((d) => ({
      ...pub(d),
      categories: categories.filter((c) => c.domainId === d.id).map(pub),
    })),
    layers: layers.map(pub),
  };
}

/** Everything with descriptions, order and versions, for the central reviewers' editor. */
export async function getTaxonomyAdmin(ctx: AppContext, actor: Actor): Promise<TaxonomyAdmin> {
  requireReader(actor);
  const { domains, categories, layers } = await taxonomy(ctx);
  return {
    domains: domains.map((d) => ({
      ...toTerm(d),
      categories: categories.filter((c) => c.domainId === d.id).map(toCategory),
    })),
    layers: layers.map(toTerm),
  };
}

// Domains and layers -------------------------------------------------------------------------
const TERMS = {
  service_domains: { stream: 'service_domain', notFound: 'DOMAIN_NOT_FOUND' },
  service_layers: { stream: 'service_layer', notFound: 'LAYER_NOT_FOUND' },
} as const;

export async function createTerm(
  ctx: AppContext,
  actor: Actor,
  t: repo.TermTable,
  input: TaxonomyTermInput,
  origin: RequestOrigin,
  claim?: IdempotencyClaim,
): Promise<Replayable<TaxonomyTerm, 201>> {
  requireEditor(actor);
  const at = ctx.clock.now();
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, at, async () => {
      const row = await repo.insertTerm(tx.db, t, values(input), at);
      if (!row) throw new ArchitectureError('TAXONOMY_CODE_TAKEN', { code: input.code });
      await recordChange(
        tx,
        { actor, origin, at },
        {
          stream: TERMS[t].stream,
          id: row.id,
          event: 'created',
          audit: `${TERMS[t].stream}.create`,
          agencyId: null,
          details: { code: row.code, title: row.titleFa },
        },
      );
      return { status: 201 as const, body: toTerm(row) };
    }),
  );
}

export async function updateTerm(
  ctx: AppContext,
  actor: Actor,
  t: repo.TermTable,
  id: string,
  input: TaxonomyTermUpdate,
  origin: RequestOrigin,
): Promise<TaxonomyTerm> {
  requireEditor(actor);
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const before = await repo.findTerm(tx.db, t, id);
    if (!before) throw new ArchitectureError(TERMS[t].notFound, { id });
    if (before.version !== input.version) throw new ArchitectureError('CONFLICT', { currentVersion: before.version });
    if (await repo.codeTaken(tx.db, t, input.code, id))
      throw new ArchitectureError('TAXONOMY_CODE_TAKEN', { code: input.code });
    const row = await repo.updateTerm(tx.db, t, id, input.version, values(input), at);
    if (!row) throw new ArchitectureError('CONFLICT', { currentVersion: before.version });
    await recordChange(
      tx,
      { actor, origin, at },
      {
        stream: TERMS[t].stream,
        id,
        event: 'updated',
        audit: `${TERMS[t].stream}.update`,
        agencyId: null,
        details: {
          version: row.version,
          code: row.code,
          title: row.titleFa,
          before: { code: before.code, title: before.titleFa },
        },
      },
    );
    return toTerm(row);
  });
}

/**
 * Deletes a domain (with its categories) or a layer at the version read; refused with
 * DOMAIN_IN_USE / LAYER_IN_USE while any service card is classified under it.
 */
export async function deleteTerm(
  ctx: AppContext,
  actor: Actor,
  t: repo.TermTable,
  id: string,
  version: number,
  origin: RequestOrigin,
): Promise<void> {
  requireEditor(actor);
  const at = ctx.clock.now();
  await withTransaction(ctx.database, async (tx) => {
    const before = await repo.findTerm(tx.db, t, id);
    if (!before) throw new ArchitectureError(TERMS[t].notFound, { id });
    if (before.version !== version) throw new ArchitectureError('CONFLICT', { currentVersion: before.version });
    const categories = t === 'service_domains' ? await repo.categoryIdsOf(tx.db, id) : [];
    const using =
      t === 'service_domains'
        ? await cardsClassifiedUnder(tx.db, 'categoryId', categories)
        : await cardsClassifiedUnder(tx.db, 'layerId', [id]);
    if (using > 0)
      throw new ArchitectureError(t === 'service_domains' ? 'DOMAIN_IN_USE' : 'LAYER_IN_USE', { id, cards: using });
    if (!(await repo.deleteTerm(tx.db, t, id, version)))
      throw new ArchitectureError('CONFLICT', { currentVersion: before.version });
    await recordChange(
      tx,
      { actor, origin, at },
      {
        stream: TERMS[t].stream,
        id,
        event: 'deleted',
        audit: `${TERMS[t].stream}.delete`,
        agencyId: null,
        details: { code: before.code, title: before.titleFa, ...(categories.length ? { categories } : {}) },
      },
    );
  });
}

// Categories ---------------------------------------------------------------------------------
export async function createCategory(
  ctx: AppContext,
  actor: Actor,
  input: CategoryInput,
  origin: RequestOrigin,
  claim?: IdempotencyClaim,
): Promise<Replayable<ServiceCategory, 201>> {
  requireEditor(actor);
  const at = ctx.clock.now();
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, at, async () => {
      if (!(await repo.findTerm(tx.db, 'service_domains', input.domainId)))
        throw new ArchitectureError('DOMAIN_NOT_FOUND', { id: input.domainId });
      const row = await repo.insertCategory(tx.db, input.domainId, values(input), at);
      if (!row) throw new ArchitectureError('TAXONOMY_CODE_TAKEN', { code: input.code });
      await recordChange(
        tx,
        { actor, origin, at },
        {
          stream: 'service_category',
          id: row.id,
          event: 'created',
          audit: 'service_category.create',
          agencyId: null,
          details: { domainId: row.domainId, code: row.code, title: row.titleFa },
        },
      );
      return { status: 201 as const, body: toCategory(row) };
    }),
  );
}

/** Edits a category at the version read; a new domainId moves it (and its services' catalogue entries). */
export async function updateCategory(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: CategoryUpdate,
  origin: RequestOrigin,
): Promise<ServiceCategory> {
  requireEditor(actor);
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const before = await repo.findCategory(tx.db, id);
    if (!before) throw new ArchitectureError('CATEGORY_NOT_FOUND', { id });
    if (before.version !== input.version) throw new ArchitectureError('CONFLICT', { currentVersion: before.version });
    if (!(await repo.findTerm(tx.db, 'service_domains', input.domainId)))
      throw new ArchitectureError('DOMAIN_NOT_FOUND', { id: input.domainId });
    if (await repo.codeTaken(tx.db, 'service_categories', input.code, id, input.domainId))
      throw new ArchitectureError('TAXONOMY_CODE_TAKEN', { code: input.code });
    const row = await repo.updateCategory(tx.db, id, input.version, input.domainId, values(input), at);
    if (!row) throw new ArchitectureError('CONFLICT', { currentVersion: before.version });
    if (row.domainId !== before.domainId) await moveEntriesToDomain(tx.db, id, row.domainId);
    await recordChange(
      tx,
      { actor, origin, at },
      {
        stream: 'service_category',
        id,
        event: 'updated',
        audit: 'service_category.update',
        agencyId: null,
        details: {
          version: row.version,
          domainId: row.domainId,
          code: row.code,
          title: row.titleFa,
          before: { domainId: before.domainId, code: before.code, title: before.titleFa },
        },
      },
    );
    return toCategory(row);
  });
}

export async function deleteCategory(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
  origin: RequestOrigin,
): Promise<void> {
  requireEditor(actor);
  const at = ctx.clock.now();
  await withTransaction(ctx.database, async (tx) => {
    const before = await repo.findCategory(tx.db, id);
    if (!before) throw new ArchitectureError('CATEGORY_NOT_FOUND', { id });
    if (before.version !== version) throw new ArchitectureError('CONFLICT', { currentVersion: before.version });
    const using = await cardsClassifiedUnder(tx.db, 'categoryId', [id]);
    if (using > 0) throw new ArchitectureError('CATEGORY_IN_USE', { id, cards: using });
    if (!(await repo.deleteTerm(tx.db, 'service_categories', id, version)))
      throw new ArchitectureError('CONFLICT', { currentVersion: before.version });
    await recordChange(
      tx,
      { actor, origin, at },
      {
        stream: 'service_category',
        id,
        event: 'deleted',
        audit: 'service_category.delete',
        agencyId: null,
        details: { domainId: before.domainId, code: before.code, title: before.titleFa },
      },
    );
  });
}

// Marks --------------------------------------------------------------------------------------
const brief = (cardId: string, title: string | null, serviceId: string | null, agencyId: string, agency: string) => ({
  cardId,
  title: title ?? '',
  serviceId,
  agency: { id: agencyId, name: agency },
});

function toMark(m: repo.MarkRow): ServiceMark {
  return {
    id: m.id,
    kind: m.kind,
    status: m.status,
    note: m.note,
    resolutionNote: m.resolutionNote,
    service: brief(m.cardId, m.title, m.serviceId, m.agencyId, m.agencyName),
    related:
      m.relatedCardId && m.relatedAgencyId
        ? brief(m.relatedCardId, m.relatedTitle, m.relatedServiceId, m.relatedAgencyId, m.relatedAgencyName ?? '')
        : null,
    createdBy: { id: m.createdBy, name: m.createdByName },
    resolvedBy: m.resolvedBy ? { id: m.resolvedBy, name: m.resolvedByName ?? '' } : null,
    createdAt: m.createdAt.toISOString(),
    resolvedAt: m.resolvedAt?.toISOString() ?? null,
    version: m.version,
  };
}

/**
 * A central reviewer marks an approved service (named by its service id) as a duplicate of, or to be merged with, another
 * approved service, or as removable. One open mark of a kind per service (MARK_ALREADY_OPEN).
 */
export async function createMark(
  ctx: AppContext,
  actor: Actor,
  input: MarkInput,
  origin: RequestOrigin,
  claim?: IdempotencyClaim,
): Promise<Replayable<ServiceMark, 201>> {
  const staff = requireEditor(actor);
  const at = ctx.clock.now();
  const related = input.kind === 'removable' ? null : (input.relatedServiceId ?? null);
  if (input.kind !== 'removable' && !related) throw new ArchitectureError('MARK_RELATED_REQUIRED', { kind: input.kind });
  if (related === input.serviceId) throw new ArchitectureError('MARK_RELATED_SAME', { serviceId: input.serviceId });
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, at, async () => {
      const card = await marks.findApprovedCard(tx.db, input.serviceId, true);
      if (!card) throw new ArchitectureError('MARK_SERVICE_NOT_FOUND', { serviceId: input.serviceId });
      const other = related ? await marks.findApprovedCard(tx.db, related) : undefined;
      if (related && !other) throw new ArchitectureError('MARK_SERVICE_NOT_FOUND', { serviceId: related });
      // A mark reviews the services it names: not by a reviewer of their agencies (or one above them).
      for (const c of [card, ...(other ? [other] : [])])
        await assertNoReviewConflict(tx.db, actor, { ownerAgencyId: c.agencyId }, { serviceId: c.serviceId });
      const id = await repo.insertMark(
        tx.db,
        {
          cardId: card.cardId,
          kind: input.kind,
          relatedCardId: other?.cardId ?? null,
          note: input.note || null,
          createdBy: staff.id,
        },
        at,
      );
      if (!id) throw new ArchitectureError('MARK_ALREADY_OPEN', { cardId: card.cardId, kind: input.kind });
      await recordChange(
        tx,
        { actor, origin, at },
        {
          stream: 'service_mark',
          id,
          event: 'created',
          audit: 'service_mark.create',
          agencyId: card.agencyId,
          details: {
            cardId: card.cardId,
            serviceId: card.serviceId,
            kind: input.kind,
            ...(other ? { relatedCardId: other.cardId, relatedServiceId: other.serviceId } : {}),
            ...(input.note ? { note: input.note } : {}),
          },
        },
      );
      return { status: 201 as const, body: toMark((await marks.findMark(tx.db, id))!) };
    }),
  );
}

/** Resolving reviews the mark: not by whoever made it, nor by a reviewer of the marked service's agency (or one above it). */
const markReviewSubject = (m: repo.MarkRow) => ({ submittedBy: [m.createdBy], ownerAgencyId: m.agencyId });

/** GET /catalogue/marks/:id/capabilities: whether the caller may resolve the mark now (the same checks as resolveMark). */
export async function markCapabilities(ctx: AppContext, actor: Actor, id: string): Promise<MarkCapabilities> {
  requireReader(actor);
  const db: Db = ctx.database.db;
  const mark = await marks.findMark(db, id);
  if (!mark) throw new ArchitectureError('MARK_NOT_FOUND', { id });
  const resolve =
    hasRole(actor, CENTRAL_REVIEWERS) &&
    mark.status === 'open' &&
    (await reviewConflictOf(db, actor, markReviewSubject(mark))) === null;
  return { resolve };
}

export async function resolveMark(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: MarkResolve,
  origin: RequestOrigin,
): Promise<ServiceMark> {
  const staff = requireEditor(actor);
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const mark = await marks.findMark(tx.db, id, true);
    if (!mark) throw new ArchitectureError('MARK_NOT_FOUND', { id });
    if (mark.version !== input.version) throw new ArchitectureError('CONFLICT', { currentVersion: mark.version });
    if (mark.status !== 'open') throw new ArchitectureError('MARK_ALREADY_RESOLVED', { id });
    await assertNoReviewConflict(tx.db, actor, markReviewSubject(mark), { id });
    if (!(await repo.resolveMark(tx.db, id, input.version, staff.id, input.note, at)))
      throw new ArchitectureError('CONFLICT', { currentVersion: mark.version });
    await recordChange(
      tx,
      { actor, origin, at },
      {
        stream: 'service_mark',
        id,
        event: 'resolved',
        audit: 'service_mark.resolve',
        agencyId: mark.agencyId,
        details: { cardId: mark.cardId, kind: mark.kind, note: input.note },
      },
    );
    return toMark((await marks.findMark(tx.db, id))!);
  });
}

export async function listMarks(
  ctx: AppContext,
  actor: Actor,
  q: { status?: MarkStatus | undefined; kind?: MarkKind | undefined; limit: number; offset: number },
): Promise<ServiceMarkPage> {
  requireReader(actor);
  const { items, total } = await marks.listMarks(ctx.database.db, q);
  return { items: items.map(toMark), total };
}

// Gaps ---------------------------------------------------------------------------------------
/**
 * Per macro domain: approved services (an approved version in force, expired or not) in each
 * category, the categories without any (the gaps) and the open marks; and the approved services
 * not yet classified, per agency.
 */
export async function architectureGaps(ctx: AppContext, actor: Actor): Promise<ArchitectureGaps> {
  requireReader(actor);
  const db = ctx.database.db;
  const { domains, categories } = await taxonomy(ctx);
  const { counts, marks: openMarks, unclassified } = await marks.gapFacts(db, categories);
  const term = (t: repo.TermRow) => ({ id: t.id, code: t.code, title: t.titleFa, titleEn: t.titleEn });
  return {
    domains: domains.map((d) => {
      const cats = categories
        .filter((c) => c.domainId === d.id)
        .map((c) => ({ ...term(c), approvedServices: counts.get(c.id) ?? 0 }));
      return {
        ...term(d),
        approvedServices: cats.reduce((n, c) => n + c.approvedServices, 0),
        openMarks: openMarks.get(d.id) ?? 0,
        categories: cats,
        gaps: cats.filter((c) => c.approvedServices === 0).map(({ approvedServices: _, ...c }) => c),
      };
    }),
    unclassified: unclassified.map((u) => ({ agency: { id: u.agencyId, name: u.name }, count: u.n })),
    unclassifiedTotal: counts.get(null) ?? 0,
  };
}

// For other modules (through index.ts) ---------------------------------------------------------

/** Whether a card's classification names a registered category or layer (the catalogue's reference checks). */
export async function classificationExists(db: Db, kind: 'category' | 'layer', id: string): Promise<boolean> {
  return (await repo.existingIds(db, kind === 'category' ? 'service_categories' : 'service_layers', [id])).has(id);
}

/** A macro domain (domainId null) or a category, as the catalogue's exports name it. */
export interface ArchitectureConcept {
  id: string;
  code: string;
  titleFa: string;
  titleEn: string | null;
  domainId: string | null;
}

/** The service architecture as concepts: macro domains first, then categories. */
export async function architectureConcepts(db: Db): Promise<ArchitectureConcept[]> {
  const [domains, categories] = [await repo.listTerms(db, 'service_domains'), await repo.listCategories(db)];
  const concept = (t: repo.TermRow, domainId: string | null): ArchitectureConcept => ({
    id: t.id,
    code: t.code,
    titleFa: t.titleFa,
    titleEn: t.titleEn,
    domainId,
  });
  return [...domains.map((d) => concept(d, null)), ...categories.map((c) => concept(c, c.domainId))];
}

/** Titles (Persian, and English where given) of categories and macro domains, by id. */
export const architectureTitles = (db: Db, ids: readonly string[]) => repo.architectureTitles(db, ids);

/** Every category's code (with its domain's) and every layer's, in the caller's db or transaction. */
/** The macro domain of each of these categories (unknown ids absent), for the catalogue's search entries. */
export const categoryDomains = (db: Db, ids: readonly string[]) => repo.categoryDomains(db, ids);
export const categoryCodes = (db: Db) => repo.categoryCodes(db);
export const layerCodes = (db: Db) => repo.layerCodes(db);
