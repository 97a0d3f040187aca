// Over 450 lines: the licence register's use cases (create, update, cancel, map and unmap a service id,
// the unmapped report and its CSV, the public register) around one set of guards; each is short.
import type {
  CancelLicence,
  LawArticleRef,
  Licence,
  LicenceInput,
  LicencePage,
  LicenceStatus,
  LicenceSummary,
  LicenceUpdate,
  MapLicenceService,
  PublicLicence,
  PublicLicencePage,
  UnmappedLicenceReport,
} from '@dargah/contracts';
import { normalizeServiceIdInput } from '@dargah/contracts';
import { normalizeForSearch } from '@dargah/persian';
import type { Actor, RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { isUniqueViolation, withTransaction, type Db, type Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { type FieldProblem } from '../../platform/http/errors';
import type { Lang } from '../../platform/http/i18n';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { requireStaff } from '../../platform/actor';
import { approvedCardOfService, isValidServiceId } from '../catalogue';
import { OrganisationError, agenciesByIds, agencySubtree, existingAgencyIds, findActiveAgency, hasRole, isCentral } from '../organisation';
import { lawRefProblems, lawsByIds } from '../laws';
import { LicencesError, licenceFields } from './licences.errors';
import * as licences from './licence-rows.service';
import * as repo from './licences.repository';

/*
 * The licence register's use cases. Every write is one transaction holding the change, its event
 * (stream 'licence') and its audit entry. Who: the issuing agency's administrators (and platform
 * administrators) create, edit, map, unmap and cancel; staff of the agency and the central roles
 * (central reviewers, oversight auditors) read; the public reads active licences. Another agency's
 * licence answers exactly like a missing one.
 */

const problem = (field: string, code: string, lang: Lang): FieldProblem => ({
  field,
  code,
  message: licenceFields.message(code, lang),
});
const fieldsError = (problems: FieldProblem[]) => new LicencesError('VALIDATION_FAILED', { fields: problems });

// Who may do what ------------------------------------------------------------------------------
/** Staff who may read a licence of this agency: the central roles, and anyone with a role there. */
function mayRead(actor: Actor, agencyId: string): boolean {
  if (actor.type !== 'staff') return false;
  return isCentral(actor) || actor.grants.some((g) => g.agencyId === agencyId);
}
/** Who may change a licence of this agency: its administrators and platform administrators. */
const mayEdit = (actor: Actor, agencyId: string): boolean =>
  hasRole(actor, ['platform_admin']) || hasRole(actor, ['agency_admin'], agencyId);

/** The agencies whose licences the actor's lists cover (null: all). */
function readScope(actor: Actor): string[] | null {
  requireStaff(actor);
  return isCentral(actor) ? null : [...new Set(actor.grants.map((g) => g.agencyId))];
}

/** A licence the actor may read, else LICENCE_NOT_FOUND (whether it exists or not). */
async function readable(db: Db, actor: Actor, id: string, forUpdate = false): Promise<repo.LicenceRow> {
  requireStaff(actor);
  const l = await licences.findLicence(db, id, forUpdate);
  if (!l || !mayRead(actor, l.agencyId)) throw new LicencesError('LICENCE_NOT_FOUND', { licenceId: id });
  return l;
}

/**
 * A licence the actor may change, locked, at the version read; refusals in order: not visible
 * (404), not the agency's administrator (403), cancelled, stale (409).
 */
async function editable(tx: Tx, actor: Actor, id: string, version: number | null): Promise<repo.LicenceRow> {
  const l = await readable(tx.db, actor, id, true);
  if (!mayEdit(actor, l.agencyId)) throw new LicencesError('FORBIDDEN', { need: ['agency_admin', 'platform_admin'] });
  if (l.status === 'cancelled') throw new LicencesError('LICENCE_CANCELLED', { licenceId: id });
  if (version !== null && l.version !== version) throw new LicencesError('CONFLICT', { currentVersion: l.version });
  return l;
}

// Views ------------------------------------------------------------------------------------------
const nameOf = (r: { agencyNameFa: string; agencyNameEn: string | null }, lang: Lang) =>
  (lang === 'en' && r.agencyNameEn) || r.agencyNameFa;

function toSummary(l: repo.LicenceRow, lang: Lang): LicenceSummary {
  return {
    id: l.id,
    agencyId: l.agencyId,
    agencyName: nameOf(l, lang),
    title: l.title,
    kind: l.kind,
    status: l.status,
    serviceId: l.serviceId,
    serviceTitle: l.serviceTitle,
    issueDays: l.issueDays,
    validityMonths: l.validityMonths,
    costRials: l.costRials,
    version: l.version,
  };
}

async function toView(db: Db, l: repo.LicenceRow, actor: Actor, lang: Lang): Promise<Licence> {
  const refs = [...l.legalBasis, ...l.costLegalBasis];
  const found = await lawsByIds(db, refs.map((r) => r.lawId));
  const laws = new Map([...found.values()].map((x) => [x.id, x.title]));
  const agencies = await agenciesByIds(db, l.inquiries.map((i) => i.agencyId));
  const legal = (r: LawArticleRef) => ({ lawId: r.lawId, article: r.article, lawTitle: laws.get(r.lawId) ?? null });
  return {
    ...toSummary(l, lang),
    legalBasis: l.legalBasis.map(legal),
    conditions: l.conditions,
    documents: l.documents,
    inquiries: l.inquiries.map((i) => {
      const a = agencies.get(i.agencyId);
      return { agencyId: i.agencyId, agencyName: a ? (lang === 'en' && a.nameEn) || a.nameFa : null, data: i.data };
    }),
    prerequisites: await repo.prerequisitesOf(db, l.id),
    costLegalBasis: l.costLegalBasis.map(legal),
    renewalTerms: l.renewalTerms,
    amendmentTerms: l.amendmentTerms,
    cancellationConditions: l.cancellationConditions,
    cancelledAt: l.cancelledAt?.toISOString() ?? null,
    cancelReason: l.cancelReason,
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
    editable: l.status === 'active' && mayEdit(actor, l.agencyId),
  };
}

// Checks -----------------------------------------------------------------------------------------
type Fields = Omit<LicenceUpdate, 'version'>;

/**
 * Every problem with a licence's references, each at its field: law articles (legal basis and the
 * cost's basis) must be registered, a cost needs its legal basis, inquiry agencies must exist, and
 * prerequisites must exist and be active, be listed once, never the licence itself and never close a cycle.
 */
async function referenceProblems(db: Db, input: Fields, selfId: string | null, lang: Lang): Promise<FieldProblem[]> {
  const out: FieldProblem[] = [];
  const refs = [
    ...input.legalBasis.map((ref, i) => ({ path: `body.legalBasis.${i}`, ref })),
    ...input.costLegalBasis.map((ref, i) => ({ path: `body.costLegalBasis.${i}`, ref })),
  ];
  for (const p of await lawRefProblems(db, refs)) out.push(problem(p.path, p.code, lang));
  if (input.costRials > 0 && input.costLegalBasis.length === 0)
    out.push(problem('body.costLegalBasis', 'COST_BASIS_REQUIRED', lang));

  const agencies = await existingAgencyIds(db, [...new Set(input.inquiries.map((i) => i.agencyId))]);
  input.inquiries.forEach((q, i) => {
    if (!agencies.has(q.agencyId)) out.push(problem(`body.inquiries.${i}.agencyId`, 'AGENCY_REF_NOT_FOUND', lang));
  });

  const ids = input.prerequisiteIds;
  const existing = await repo.activeLicenceIds(db, ids);
  const cyclic = selfId ? await repo.prerequisitesReaching(db, ids, selfId) : new Set<string>();
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    const at = `body.prerequisiteIds.${i}`;
    if (id === selfId) out.push(problem(at, 'PREREQUISITE_SELF', lang));
    else if (seen.has(id)) out.push(problem(at, 'PREREQUISITE_DUPLICATE', lang));
    else if (!existing.has(id)) out.push(problem(at, 'PREREQUISITE_NOT_FOUND', lang));
    else if (cyclic.has(id)) out.push(problem(at, 'PREREQUISITE_CYCLE', lang));
    seen.add(id);
  });
  return out;
}

const valuesOf = (input: Fields): repo.LicenceValues => ({
  title: input.title,
  kind: input.kind,
  legalBasis: input.legalBasis,
  conditions: input.conditions,
  documents: input.documents,
  inquiries: input.inquiries,
  issueDays: input.issueDays,
  validityMonths: input.validityMonths,
  costRials: input.costRials,
  costLegalBasis: input.costLegalBasis,
  renewalTerms: input.renewalTerms || null,
  amendmentTerms: input.amendmentTerms || null,
  cancellationConditions: input.cancellationConditions,
  searchKey: normalizeForSearch(`${input.title} ${input.kind}`),
});

// Use cases --------------------------------------------------------------------------------------
export async function createLicence(
  ctx: AppContext,
  actor: Actor,
  input: LicenceInput,
  origin: RequestOrigin,
  lang: Lang,
  claim?: IdempotencyClaim,
): Promise<Replayable<Licence, 201>> {
  requireStaff(actor);
  if (!mayEdit(actor, input.agencyId)) throw new LicencesError('FORBIDDEN', { need: ['agency_admin', 'platform_admin'] });
  const at = ctx.clock.now();
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, at, async () => {
      if (!(await findActiveAgency(tx.db, input.agencyId)))
        throw new OrganisationError('AGENCY_NOT_FOUND', { agencyId: input.agencyId });
      await repo.lockPrerequisites(tx.db);
      const problems = await referenceProblems(tx.db, input, null, lang);
      if (problems.length > 0) throw fieldsError(problems);
      const id = await repo.insertLicence(tx.db, input.agencyId, valuesOf(input), actor.id, at);
      await repo.setPrerequisites(tx.db, id, input.prerequisiteIds);
      await recordChange(
        tx,
        { actor, origin, at },
        {
          stream: 'licence',
          id,
          event: 'created',
          audit: 'licence.created',
          agencyId: input.agencyId,
          details: { title: input.title, kind: input.kind, prerequisiteIds: input.prerequisiteIds },
        },
      );
      return { status: 201 as const, body: await toView(tx.db, (await licences.findLicence(tx.db, id))!, actor, lang) };
    }),
  );
}

export async function updateLicence(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: LicenceUpdate,
  origin: RequestOrigin,
  lang: Lang,
): Promise<Licence> {
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    await repo.lockPrerequisites(tx.db);
    const before = await editable(tx, actor, id, input.version);
    const problems = await referenceProblems(tx.db, input, id, lang);
    if (problems.length > 0) throw fieldsError(problems);
    const values = valuesOf(input);
    if (!(await repo.updateLicence(tx.db, id, input.version, values, at))) throw new LicencesError('CONFLICT', {});
    await repo.setPrerequisites(tx.db, id, input.prerequisiteIds);
    const changed = (Object.keys(values) as Array<keyof repo.LicenceValues>).filter(
      (k) => k !== 'searchKey' && JSON.stringify(values[k]) !== JSON.stringify(before[k]),
    );
    await recordChange(
      tx,
      { actor, origin, at },
      {
        stream: 'licence',
        id,
        event: 'updated',
        audit: 'licence.updated',
        agencyId: before.agencyId,
        details: { version: input.version + 1, changed, prerequisiteIds: input.prerequisiteIds },
      },
    );
    return toView(tx.db, (await licences.findLicence(tx.db, id))!, actor, lang);
  });
}

export async function getLicence(ctx: AppContext, actor: Actor, id: string, lang: Lang): Promise<Licence> {
  return toView(ctx.database.db, await readable(ctx.database.db, actor, id), actor, lang);
}

export interface LicenceQuery {
  agencyId?: string | undefined;
  mapped?: boolean | undefined;
  status?: LicenceStatus | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

const wordsOf = (q: string | undefined) =>
  normalizeForSearch(q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 8);

/** The agencies a list covers: the actor's scope, narrowed to one agency when asked. */
function narrowed(scope: string[] | null, agencyId: string | undefined): string[] | null {
  if (!agencyId) return scope;
  return scope === null || scope.includes(agencyId) ? [agencyId] : [];
}

export async function listLicences(ctx: AppContext, actor: Actor, q: LicenceQuery, lang: Lang): Promise<LicencePage> {
  const agencyIds = narrowed(readScope(actor), q.agencyId);
  const { items, total } = await licences.listLicences(ctx.database.db, {
    agencyIds,
    mapped: q.mapped,
    status: q.status,
    words: wordsOf(q.q),
    limit: q.limit,
    offset: q.offset,
  });
  return {
    items: items.map((l) => toSummary(l, lang)),
    total,
    nextOffset: q.offset + items.length < total ? q.offset + items.length : null,
  };
}

/** Active licences without a service id, per agency and listed, within the actor's scope. */
export async function unmappedReport(
  ctx: AppContext,
  actor: Actor,
  q: { agencyId?: string | undefined; limit: number; offset: number },
  lang: Lang,
): Promise<UnmappedLicenceReport> {
  const agencyIds = narrowed(readScope(actor), q.agencyId);
  const db = ctx.database.db;
  const counts = await licences.unmappedCounts(db, agencyIds);
  const { items, total } = await licences.listLicences(db, {
    agencyIds,
    mapped: false,
    status: 'active',
    words: [],
    limit: q.limit,
    offset: q.offset,
  });
  return {
    total,
    agencies: counts.map((c) => ({ agencyId: c.agencyId, agencyName: nameOf(c, lang), count: c.count })),
    items: items.map((l) => toSummary(l, lang)),
    nextOffset: q.offset + items.length < total ? q.offset + items.length : null,
  };
}

const CSV_HEADERS: Record<Lang, string[]> = {
  fa: ['دستگاه صادرکننده', 'عنوان مجوز', 'نوع', 'مدت صدور (روز کاری)', 'اعتبار (ماه)', 'هزینه (ریال)', 'شناسه مجوز'],
  en: [
    'Issuing agency',
    'Licence',
    'Kind',
    'Issue time (working days)',
    'Validity (months)',
    'Cost (rials)',
    'Licence id',
  ],
};
const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // Quote always; a leading = + - @ would be read as a formula by spreadsheets.
  return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

/** The whole unmapped report (every row in scope) as CSV with a UTF-8 BOM, so Excel shows Persian. */
export async function unmappedCsv(
  ctx: AppContext,
  actor: Actor,
  q: { agencyId?: string | undefined },
  lang: Lang,
): Promise<Buffer> {
  const agencyIds = narrowed(readScope(actor), q.agencyId);
  const { items } = await licences.listLicences(ctx.database.db, {
    agencyIds,
    mapped: false,
    status: 'active',
    words: [],
    limit: 100_000,
    offset: 0,
  });
  const lines = [
    CSV_HEADERS[lang].map(csvCell).join(','),
    ...items.map((l) =>
      [nameOf(l, lang), l.title, l.kind, l.issueDays, l.validityMonths, l.costRials, l.id].map(csvCell).join(','),
    ),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/**
 * Maps a licence to an approved service id. Refused: LICENCE_ALREADY_MAPPED (unmap first),
 * VALIDATION_FAILED at serviceId (not 11 digits with a valid check digit), SERVICE_NOT_APPROVED (no
 * approved card of the issuing agency or a sub-agency holds it), SERVICE_ALREADY_LICENSED (another
 * licence holds it — also when two mappings race, through the unique index).
 */
export async function mapService(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: MapLicenceService,
  origin: RequestOrigin,
  lang: Lang,
): Promise<Licence> {
  const at = ctx.clock.now();
  const serviceId = normalizeServiceIdInput(input.serviceId);
  try {
    return await withTransaction(ctx.database, async (tx) => {
      const l = await editable(tx, actor, id, null);
      if (l.serviceId !== null) throw new LicencesError('LICENCE_ALREADY_MAPPED', { serviceId: l.serviceId });
      if (l.version !== input.version) throw new LicencesError('CONFLICT', { currentVersion: l.version });
      if (!isValidServiceId(serviceId)) throw fieldsError([problem('body.serviceId', 'SERVICE_ID_INVALID', lang)]);
      const card = await approvedCardOfService(tx.db, serviceId);
      if (!card || !(await agencySubtree(tx.db, l.agencyId)).includes(card.agencyId))
        throw new LicencesError('SERVICE_NOT_APPROVED', { serviceId });
      if (await repo.licenceWithService(tx.db, serviceId))
        throw new LicencesError('SERVICE_ALREADY_LICENSED', { serviceId });
      if (!(await repo.patchLicence(tx.db, id, input.version, { serviceId }, at)))
        throw new LicencesError('CONFLICT', {});
      await recordChange(
        tx,
        { actor, origin, at },
        {
          stream: 'licence',
          id,
          event: 'service_mapped',
          audit: 'licence.service_mapped',
          agencyId: l.agencyId,
          details: { serviceId, cardId: card.cardId },
        },
      );
      return toView(tx.db, (await licences.findLicence(tx.db, id))!, actor, lang);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'licences_service_id_key'))
      throw new LicencesError('SERVICE_ALREADY_LICENSED', { serviceId });
    throw err;
  }
}

export async function unmapService(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
  origin: RequestOrigin,
  lang: Lang,
): Promise<Licence> {
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const l = await editable(tx, actor, id, version);
    if (l.serviceId === null) throw new LicencesError('LICENCE_NOT_MAPPED', { licenceId: id });
    if (!(await repo.patchLicence(tx.db, id, version, { serviceId: null }, at))) throw new LicencesError('CONFLICT', {});
    await recordChange(
      tx,
      { actor, origin, at },
      {
        stream: 'licence',
        id,
        event: 'service_unmapped',
        audit: 'licence.service_unmapped',
        agencyId: l.agencyId,
        details: { serviceId: l.serviceId },
      },
    );
    return toView(tx.db, (await licences.findLicence(tx.db, id))!, actor, lang);
  });
}

/** Cancels a licence with a reason: it leaves the public register and releases its service id. */
export async function cancelLicence(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: CancelLicence,
  origin: RequestOrigin,
  lang: Lang,
): Promise<Licence> {
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const l = await editable(tx, actor, id, input.version);
    const patch: repo.LicencePatch = {
      status: 'cancelled',
      cancelledAt: at,
      cancelReason: input.reason,
      serviceId: null,
    };
    if (!(await repo.patchLicence(tx.db, id, input.version, patch, at))) throw new LicencesError('CONFLICT', {});
    await recordChange(
      tx,
      { actor, origin, at },
      {
        stream: 'licence',
        id,
        event: 'cancelled',
        audit: 'licence.cancelled',
        agencyId: l.agencyId,
        details: { reason: input.reason, releasedServiceId: l.serviceId },
      },
    );
    return toView(tx.db, (await licences.findLicence(tx.db, id))!, actor, lang);
  });
}

// Public -----------------------------------------------------------------------------------------
export async function listPublicLicences(
  ctx: AppContext,
  q: { q?: string | undefined; agencyId?: string | undefined; limit: number; offset: number },
  lang: Lang,
): Promise<PublicLicencePage> {
  const { items, total } = await licences.listLicences(ctx.database.db, {
    agencyIds: q.agencyId ? [q.agencyId] : null,
    status: 'active',
    words: wordsOf(q.q),
    limit: q.limit,
    offset: q.offset,
  });
  return {
    items: items.map((l) => {
      const { status: _s, version: _v, ...rest } = toSummary(l, lang);
      return rest;
    }),
    total,
    nextOffset: q.offset + items.length < total ? q.offset + items.length : null,
  };
}

export async function getPublicLicence(ctx: AppContext, id: string, lang: Lang): Promise<PublicLicence> {
  const db = ctx.database.db;
  const l = await licences.findLicence(db, id);
  if (!l || l.status !== 'active') throw new LicencesError('LICENCE_NOT_FOUND', { licenceId: id });
  const {
    status: _s,
    version: _v,
    cancelledAt: _c,
    cancelReason: _r,
    editable: _e,
    createdAt: _t,
    ...view
  } = await toView(db, l, { type: 'anonymous', id: null }, lang);
  // The public register shows active licences only, prerequisites included.
  return { ...view, prerequisites: view.prerequisites.filter((p) => p.status === 'active') };
}

/** The active licence of each of the approved services that has one (the catalogue's exports). */
export const activeLicencesByService = (db: Db, serviceIds: readonly string[]) => repo.activeLicencesByService(db, serviceIds);
