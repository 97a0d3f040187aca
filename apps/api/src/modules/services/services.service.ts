import type { CatalogueLink, PublicService, SetCatalogueLink } from '@dargah/contracts';
import type { Actor, RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db, type Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import type { Lang } from '../../platform/http/i18n';
import { fieldMessage } from '../../platform/http/validation';
import { approvedServiceFacts, type ApprovedServiceFacts } from '../catalogue';
import { assertLinkableService, describeServiceIds } from '../delivery-reports';
import { requireStaff } from '../../platform/actor';
import { agenciesByIds, hasRole, inactiveAgencyIds, isCentral } from '../organisation';
import { availabilityOf, AVAILABILITY_ERRORS } from './services.policy';
import * as repo from './services.repository';
import { ServicesError } from './services.errors';

export type { ServiceRecord, ServiceRow, NewService, Recipients } from './services.repository';

/**
 * What the portal shows of a desk service: the approved catalogue card's title when it is linked to
 * one (the desk's own title otherwise), the agency name, in the caller's language when there is one;
 * whether it takes requests, and how the card says it is requested and delivered.
 */
export function toPublicService(s: repo.ServiceRow, lang: Lang, card: ApprovedServiceFacts | undefined): PublicService {
  const linked = s.catalogueServiceId ? card : undefined;
  return {
    id: s.id,
    agencyId: s.agencyId,
    agencyName: (lang === 'en' && s.agencyNameEn) || s.agencyNameFa,
    title: linked ? (lang === 'en' && linked.titleEn) || linked.title : (lang === 'en' && s.titleEn) || s.titleFa,
    description: s.descriptionFa,
    normDays: s.normDays,
    formSchema: s.formSchema,
    uiSchema: s.uiSchema,
    recipients: s.recipients,
    catalogueServiceId: s.catalogueServiceId,
    availability: availabilityOf(linked),
    channels: linked ? linked.channels : null,
    fee: s.feeRule,
    postalDelivery: s.postalDelivery,
  };
}

/** The desk services with their agencies' names, asked of the organisation in one call. */
async function named(db: Db, services: readonly repo.ServiceRecord[]): Promise<repo.ServiceRow[]> {
  const agencies = await agenciesByIds(db, services.map((s) => s.agencyId));
  return services.map((s) => ({ ...s, agencyNameFa: agencies.get(s.agencyId)?.nameFa ?? '', agencyNameEn: agencies.get(s.agencyId)?.nameEn ?? null }));
}

/** A desk service with its agency's names, or undefined. */
async function findNamed(db: Db, id: string): Promise<repo.ServiceRow | undefined> {
  const s = await repo.findService(db, id);
  return s && (await named(db, [s]))[0];
}

/** The approved cards behind these desk services (one query for a page). */
const cardsOf = (db: Db, services: readonly repo.ServiceRow[], now: Date) =>
  approvedServiceFacts(
    db,
    services.flatMap((s) => (s.catalogueServiceId ? [s.catalogueServiceId] : [])),
    now,
  );

// An opaque keyset cursor: base64url of [title_fa, id] of the last row shown.
const encodeCursor = (s: { titleFa: string; id: string }) =>
  Buffer.from(JSON.stringify([s.titleFa, s.id])).toString('base64url');

function decodeCursor(cursor: string, lang: Lang): { titleFa: string; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      typeof v[1] === 'string' &&
      /^[0-9a-f-]{36}$/i.test(v[1])
    ) {
      return { titleFa: v[0], id: v[1] };
    }
  } catch {
    // fall through to the validation error
  }
  throw new ServicesError('VALIDATION_FAILED', {
    fields: [{ field: 'querystring.cursor', code: 'invalid_format', message: fieldMessage('invalid_format', lang) }],
  });
}

export interface CatalogueQuery {
  agencyId?: string | undefined;
  catalogueServiceId?: readonly string[] | undefined;
  recipients?: repo.Recipients | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** GET /services: published services of active agencies, a page at a time. Open to everyone. */
export async function listServices(
  ctx: AppContext,
  q: CatalogueQuery,
  lang: Lang,
): Promise<{ items: PublicService[]; nextCursor: string | null }> {
  const db = ctx.database.db;
  const found = await repo.listPublishedServices(db, {
    agencyId: q.agencyId,
    inactiveAgencies: await inactiveAgencyIds(db),
    catalogueServiceIds: q.catalogueServiceId,
    recipients: q.recipients,
    after: q.cursor ? decodeCursor(q.cursor, lang) : undefined,
    limit: q.limit,
  });
  const page = await named(db, found.slice(0, q.limit));
  const cards = await cardsOf(db, page, ctx.clock.now());
  return {
    items: page.map((s) => toPublicService(s, lang, s.catalogueServiceId ? cards.get(s.catalogueServiceId) : undefined)),
    nextCursor: found.length > q.limit ? encodeCursor(page.at(-1)!) : null,
  };
}

/** GET /services/:id: a published service, or SERVICE_NOT_FOUND. */
export async function getService(ctx: AppContext, id: string, lang: Lang): Promise<PublicService> {
  const db = ctx.database.db;
  const s = await findPublishedService(db, id);
  if (!s) throw new ServicesError('SERVICE_NOT_FOUND', { serviceId: id });
  const cards = await cardsOf(db, [s], ctx.clock.now());
  return toPublicService(s, lang, s.catalogueServiceId ? cards.get(s.catalogueServiceId) : undefined);
}

/**
 * For the requests module, before a request is taken: refuses a desk service whose approved card
 * has expired (SERVICE_CARD_EXPIRED) or does not let it be requested online (SERVICE_NOT_ELECTRONIC).
 */
export async function assertOpenForRequests(db: Db, s: repo.ServiceRow, now: Date): Promise<void> {
  const card = s.catalogueServiceId ? (await cardsOf(db, [s], now)).get(s.catalogueServiceId) : undefined;
  const availability = availabilityOf(card);
  if (availability !== 'open')
    throw new ServicesError(AVAILABILITY_ERRORS[availability], {
      serviceId: s.id,
      catalogueServiceId: s.catalogueServiceId,
      availability,
    });
}

/** A service citizens may apply for now, or undefined (unknown or unpublished). */
export async function findPublishedService(db: Db, id: string): Promise<repo.ServiceRow | undefined> {
  const s = await findNamed(db, id);
  return s?.published ? s : undefined;
}

/** Adds a service to an agency's catalogue (the demo seed now; the catalogue administration later). */
export const createService = (db: Db, s: repo.NewService, now: Date): Promise<string> => repo.insertService(db, s, now);

// The link to the catalogue ---------------------------------------------------------------------

/** The desk service as its agency's staff (or the central roles) see it; anyone else: SERVICE_NOT_FOUND. */
export async function visibleService(db: Db, actor: Actor, id: string): Promise<repo.ServiceRecord> {
  requireStaff(actor);
  const s = await repo.findService(db, id);
  const mayView = s && (isCentral(actor) || actor.grants.some((g) => g.agencyId === s.agencyId));
  if (!s || !mayView) throw new ServicesError('SERVICE_NOT_FOUND', { serviceId: id });
  return s;
}

async function linkView(db: Db, s: repo.ServiceRecord, now: Date): Promise<CatalogueLink> {
  const [card] = s.catalogueServiceId ? await describeServiceIds(db, [s.catalogueServiceId]) : [];
  return {
    id: s.id,
    agencyId: s.agencyId,
    title: s.titleFa,
    catalogueServiceId: s.catalogueServiceId,
    card: card
      ? {
          title: card.title,
          expiresAt: card.expiresAt?.toISOString() ?? null,
          expired: !!card.expiresAt && card.expiresAt.getTime() <= now.getTime(),
        }
      : null,
    version: s.version,
  };
}

/** GET /services/:id/catalogue-link: the link with the card's title and expiry. */
export async function getCatalogueLink(ctx: AppContext, actor: Actor, id: string): Promise<CatalogueLink> {
  const db = ctx.database.db;
  return linkView(db, await visibleService(db, actor, id), ctx.clock.now());
}

async function recordLink(
  tx: Tx,
  actor: Actor,
  origin: RequestOrigin,
  at: Date,
  s: repo.ServiceRecord,
  before: string | null,
): Promise<void> {
  const details = { catalogueServiceId: s.catalogueServiceId, previous: before, version: s.version };
  const action = s.catalogueServiceId ? 'catalogue_linked' : 'catalogue_unlinked';
  await recordChange(tx, { actor, origin, at }, { stream: 'service', id: s.id, event: action, audit: `service.${action}`, agencyId: s.agencyId, details });
}

/**
 * PUT /services/:id/catalogue-link: the agency's administrator links the desk service to the approved
 * service id it delivers (of the agency, or of a parent for a provincial or county office), or clears
 * the link with null. Refusals: CATALOGUE_SERVICE_NOT_APPROVED, _EXPIRED, _OTHER_AGENCY; CONFLICT.
 */
export async function setCatalogueLink(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: SetCatalogueLink,
  origin: RequestOrigin,
): Promise<CatalogueLink> {
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const s = await visibleService(tx.db, actor, id);
    if (!hasRole(actor, ['agency_admin'], s.agencyId)) throw new ServicesError('FORBIDDEN', { need: ['agency_admin'] });
    if (input.serviceId) await assertLinkableService(tx.db, s.agencyId, input.serviceId, at);
    if (s.version !== input.version) throw new ServicesError('CONFLICT', { currentVersion: s.version });
    const updated = await repo.updateCatalogueLink(tx.db, id, input.version, input.serviceId, at);
    if (!updated) throw new ServicesError('CONFLICT', { currentVersion: s.version });
    await recordLink(tx, actor, origin, at, updated, s.catalogueServiceId);
    return linkView(tx.db, updated, at);
  });
}

/** The demo seed: links a desk service inside the seed's transaction, with its event and audit entry. */
export async function seedCatalogueLink(
  tx: Tx,
  actor: Actor,
  serviceId: string,
  catalogueServiceId: string,
  at: Date,
): Promise<void> {
  const s = await repo.findService(tx.db, serviceId);
  if (!s) throw new Error(`no desk service ${serviceId}`);
  const updated = await repo.updateCatalogueLink(tx.db, serviceId, s.version, catalogueServiceId, at);
  await recordLink(tx, actor, {}, at, updated!, null);
}

/** The demo seed: the desk services of these agencies. */
export const servicesOfAgencies = async (db: Db, agencyIds: readonly string[]) => named(db, await repo.servicesOfAgencies(db, agencyIds));

/** Desk services by id, for modules that show them beside their own rows (titles, agency, link). */
export async function servicesByIds(db: Db, ids: Iterable<string>): Promise<Map<string, repo.ServiceRecord>> {
  const found = await repo.servicesByIds(db, [...new Set(ids)]);
  return new Map(found.map((s) => [s.id, s]));
}
