import { NOT_YET_ELECTRONIC, normalizeServiceIdInput, requestableOnline, type ServiceCardContent } from '@dargah/contracts';
import { normalizeForSearch } from '@dargah/persian';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import type { Lang } from '../../platform/http/i18n';
import { lawsByIds } from '../laws';
import { architectureTitles } from '../service-architecture';
import * as repo from './catalogue-public.repository';
import { syncStaleEntries } from './catalogue-entries.service';
import { processingTime } from './cpsv-ap.jsonld';
import { ServicesError } from '../services';
import { OrganisationError, agenciesByIds } from '../organisation';

/*
 * The public service catalogue (citizens, businesses, other agencies' systems): Persian search over
 * approved service cards, each service's information package and each agency's services (the
 * CPSV-AP export is cpsv-ap.service.ts). Reads the catalogue_entries projection, written with each
 * card change.
 */

// Keeping the projection current ------------------------------------------------------------
/**
 * Upserts the entries of approved cards changed since their last refresh and drops the rest. A card's
 * own changes refresh its entry in their transaction; this catches up the rest (agency renames),
 * every ten minutes (catalogue.sync-entries) — never on the read path.
 */
export async function syncCatalogueEntries(ctx: Pick<AppContext, 'database'>): Promise<number> {
  return syncStaleEntries(ctx.database.db);
}

// Search -------------------------------------------------------------------------------------
export interface SearchQuery {
  q?: string | undefined;
  agencyId?: string | undefined;
  province?: string | undefined;
  lifeEvent?: string | undefined;
  recipients?: string | undefined;
  maturity?: string | undefined;
  /** The service architecture: a category id, a macro domain id. */
  category?: string | undefined;
  domain?: string | undefined;
  /** From the cursor: where the previous page ended, and in which match mode. */
  page?: Page | undefined;
  limit: number;
}
export interface Page {
  mode: 'exact' | 'fuzzy';
  offset: number;
}

export const encodeCursor = (p: Page) =>
  Buffer.from(`${p.mode === 'fuzzy' ? 'f' : 'o'}:${p.offset}`).toString('base64url');
export function decodeCursor(cursor: string): Page | undefined {
  const m = /^([of]):(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return m ? { mode: m[1] === 'f' ? 'fuzzy' : 'exact', offset: Number(m[2]) } : undefined;
}

const isExpired = (ctx: AppContext, expiresAt: string) => new Date(expiresAt).getTime() <= ctx.clock.now().getTime();

/** A title in the caller's language: the English one where the card has it. */
const titleIn = (e: Pick<repo.EntryRow, 'title' | 'titleEn'>, lang: Lang) => (lang === 'en' && e.titleEn) || e.title;
const agencyIn = (e: Pick<repo.EntryRow, 'agencyName' | 'agencyNameEn'>, lang: Lang) =>
  (lang === 'en' && e.agencyNameEn) || e.agencyName;

/** How the card says the service is requested and delivered, and whether that is online. */
const deliveryOf = (e: repo.EntryRow) => ({
  onlineRequest: requestableOnline({ maturity: e.maturity, requestChannels: e.requestChannels }),
  channels: { request: e.requestChannels, delivery: e.deliveryChannels },
});

/** The service id a query names: 11 digits typed in any script, spaces and dashes allowed. */
const SERVICE_ID = /^\d{11}$/;
export function serviceIdOfQuery(q: string): string | undefined {
  const id = normalizeServiceIdInput(q.trim());
  return SERVICE_ID.test(id) ? id : undefined;
}

/**
 * Every word of q (normalised) must occur in the service's title (Persian or English),
 * sub-services, description or agency name; when nothing does, the query is taken as misspelt and
 * matched by trigram similarity to the titles instead (`match: 'fuzzy'`). A query that is an
 * 11-digit service id (Persian, Arabic-Indic or ASCII digits, with spaces or dashes) lists that
 * service first. Titles and agency names come in the caller's language where the card has it.
 */
export async function searchServices(ctx: AppContext, q: SearchQuery, lang: Lang = 'fa') {
  // Control characters are never text (the edge refuses them too): PostgreSQL cannot take a NUL.
  // eslint-disable-next-line no-control-regex
  const text = (q.q ?? '').replace(/[\u0000-\u001f]/g, ' ');
  const key = normalizeForSearch(text);
  const filters = {
    key,
    serviceId: serviceIdOfQuery(text),
    agencyId: q.agencyId,
    province: q.province === undefined ? undefined : q.province.trim(),
    lifeEvent: q.lifeEvent,
    recipients: q.recipients,
    maturity: q.maturity,
    categoryId: q.category,
    domainId: q.domain,
    limit: q.limit + 1,
  };
  // The read replica where there is one (ADR 0026): a search may be a few seconds behind.
  const { page, found, classified } = await ctx.reads.read(async (db) => {
    let page: Page = q.page ?? { mode: 'exact', offset: 0 };
    let found = await repo.searchEntries(db, { ...filters, ...page });
    if (found.length === 0 && key && page.mode === 'exact' && page.offset === 0) {
      page = { mode: 'fuzzy', offset: 0 };
      found = await repo.searchEntries(db, { ...filters, ...page });
    }
    return { page, found, classified: await classificationOf(db, found.slice(0, q.limit), lang) };
  });
  const shown = found.slice(0, q.limit);
  const items = shown.map((e) => ({
    serviceId: e.serviceId,
    title: titleIn(e, lang),
    agency: { id: e.agencyId, name: agencyIn(e, lang) },
    recipients: e.recipients,
    level: e.level,
    maturity: e.maturity,
    lifeEvents: e.lifeEvents,
    province: e.province,
    approvedAt: e.approvedAt,
    expiresAt: e.expiresAt,
    expired: isExpired(ctx, e.expiresAt),
    ...deliveryOf(e),
    ...classified(e),
  }));
  return {
    match: page.mode,
    items,
    nextCursor: found.length > q.limit ? encodeCursor({ mode: page.mode, offset: page.offset + q.limit }) : null,
  };
}

/** The service architecture's category and macro domain of entries ({id, title} in the caller's language, or null). */
async function classificationOf(db: Db, entries: readonly repo.EntryRow[], lang: Lang) {
  const ids = [...new Set(entries.flatMap((e) => [e.categoryId, e.domainId]).filter((x): x is string => !!x))];
  const titles = await architectureTitles(db, ids);
  const term = (id: string | null) => {
    const t = id ? titles.get(id) : undefined;
    return id && t ? { id, title: (lang === 'en' && t.en) || t.fa } : null;
  };
  return (e: repo.EntryRow) => ({ category: term(e.categoryId), domain: term(e.domainId) });
}

// The information package --------------------------------------------------------------------
const legalRefs = (c: ServiceCardContent) => [
  ...(c.legalBasis ?? []),
  ...(c.fees ?? []).flatMap((f) => f.legalBasis ?? []),
];

export async function getServiceInfo(ctx: AppContext, serviceId: string, lang: Lang = 'fa') {
  // The read replica where there is one (ADR 0026): a public page may be a few seconds behind.
  return ctx.reads.read(async (db) => {
    const e = await repo.findEntryByServiceId(db, serviceId);
    if (!e) throw new ServicesError('SERVICE_NOT_FOUND', { serviceId }); // registered by the services module
    const c = e.content;
    const laws = await lawsByIds(db, [...new Set(legalRefs(c).map((r) => r.lawId))]);
    const providers = await agenciesByIds(db, [
      ...new Set((c.documents ?? []).flatMap((d) => (d.providerAgencyId ? [d.providerAgencyId] : []))),
    ]);
    const ref = (r: { lawId: string; article: string }) => {
      const law = laws.get(r.lawId);
      return { lawId: r.lawId, article: r.article, lawTitle: law?.title ?? null, link: law?.link ?? null };
    };
    const p = c.process;
    const classified = await classificationOf(db, [e], lang);
    return {
      serviceId: e.serviceId,
      title: titleIn(e, lang),
      ...classified(e),
      onlineRequest: deliveryOf(e).onlineRequest,
      description: c.description ?? null,
      subServices: (c.subServices ?? []).map((s) => ({ title: s.title, description: s.description ?? null })),
      agency: {
        id: e.agencyId,
        name: e.agencyName,
        nameEn: e.agencyNameEn,
        legalId: e.agencyLegalId,
        province: e.province,
      },
      recipients: e.recipients,
      level: e.level,
      nature: c.nature ?? null,
      lifeEvents: e.lifeEvents,
      howToApply: {
        startMode: c.startMode ?? null,
        steps: (['start', 'production', 'delivery'] as const).flatMap((stage) => {
          const d = p?.[stage]?.description;
          return d ? [{ stage, description: d }] : [];
        }),
        inPersonVisits: c.inPersonVisits?.count ?? null,
        inPersonReason: c.inPersonVisits?.reason ?? null,
      },
      channels: {
        information: c.channels?.information ?? [],
        request: c.channels?.request ?? [],
        delivery: c.channels?.delivery ?? [],
        eServiceUrl: c.channels?.eServiceUrl ?? null,
      },
      documents: (c.documents ?? []).map((d) => ({
        title: d.title ?? null,
        mandatory: d.mandatory ?? null,
        evidenceType: d.evidenceType ?? null,
        byInquiry: d.byInquiry ?? false,
        providerAgency: d.providerAgencyId ? (providers.get(d.providerAgencyId)?.nameFa ?? null) : null,
      })),
      time: {
        normDays: p?.normDays ?? null,
        legalDeadlineDays: p?.legalDeadlineDays ?? null,
        extensionAllowed: p?.extensionAllowed ?? null,
        extensionTermDays: p?.extensionTermDays ?? null,
        processingTime: p?.normDays === undefined ? null : processingTime(p.normDays),
      },
      fees: (c.fees ?? []).map((f) => ({
        title: f.title ?? null,
        amountRials: f.amountRials ?? null,
        legalBasis: (f.legalBasis ?? []).map(ref),
      })),
      legalBasis: (c.legalBasis ?? []).map(ref),
      complaintRoute: c.complaintRoute ?? null,
      offices: officesOf(c),
      maturity: e.maturity,
      maturityPlan: maturityPlanOf(c),
      approvedAt: e.approvedAt,
      expiresAt: e.expiresAt,
      expired: isExpired(ctx, e.expiresAt),
    };
  });
}

const officesOf = (c: ServiceCardContent) =>
  (c.offices ?? []).map((o) => ({
    name: o.name,
    address: o.address ?? null,
    hours: o.hours ?? null,
    phone: o.phone ?? null,
    province: o.province ?? null,
  }));

/** For a service not yet electronic: the planned date (Jalali YYYY/MM/DD) and reason, or the exemption. */
const maturityPlanOf = (c: ServiceCardContent) => ({
  plannedDate: c.maturity?.plannedDate ?? null,
  reason: c.maturity?.reason ?? null,
  exemption: c.maturity?.exemption
    ? { reference: c.maturity.exemption.reference, approvedOn: c.maturity.exemption.approvedOn }
    : null,
});

const isNotYetElectronic = (maturity: string | null) =>
  maturity === null || (NOT_YET_ELECTRONIC as readonly string[]).includes(maturity);

// An agency's services -----------------------------------------------------------------------
/**
 * An agency's approved services, those delivered electronically apart from those not yet
 * electronic (with the planned date and reason, or the exemption). AGENCY_NOT_FOUND for an unknown agency.
 */
export async function agencyServices(ctx: AppContext, agencyId: string, lang: Lang = 'fa') {
  // The read replica where there is one (ADR 0026): a public page may be a few seconds behind.
  return ctx.reads.read(async (db) => {
    const found = (await agenciesByIds(db, [agencyId])).get(agencyId);
    if (!found) throw new OrganisationError('AGENCY_NOT_FOUND', { agencyId });
    const agency = { id: found.id, name: found.nameFa, nameEn: found.nameEn, province: found.province };
    const entries = await repo.entriesOfAgency(db, agencyId);
    const summary = (e: repo.EntryRow) => ({
      serviceId: e.serviceId,
      title: titleIn(e, lang),
      recipients: e.recipients,
      maturity: e.maturity,
      lifeEvents: e.lifeEvents,
      approvedAt: e.approvedAt,
      expiresAt: e.expiresAt,
      expired: isExpired(ctx, e.expiresAt),
      ...deliveryOf(e),
    });
    return {
      agency,
      electronic: entries.filter((e) => !isNotYetElectronic(e.maturity)).map(summary),
      notYetElectronic: entries
        .filter((e) => isNotYetElectronic(e.maturity))
        .map((e) => ({ ...summary(e), ...maturityPlanOf(e.content) })),
    };
  });
}
