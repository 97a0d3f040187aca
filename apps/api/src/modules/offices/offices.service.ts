import type { Office, OfficeInput, OfficeKind, OfficePage, OfficeUpdate } from '@dargah/contracts';
import { normalizeDisplay } from '@dargah/persian';
import type { z } from 'zod';
import type { Actor, RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db } from '../../platform/db';
import { recordChange } from '../../platform/events';
import type { Lang } from '../../platform/http/i18n';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { agenciesByIds } from '../organisation';
import { servicesByIds } from '../services';
import { OfficesError } from './offices.errors';
import { requireDelegator, requireOfficeRegistrar } from './offices.policy';
import * as repo from './offices.repository';

/*
 * The directory of counter and post offices and the services delegated to each. Every change is
 * one transaction with its event (stream 'service_office') and audit entry. The directory is
 * public; the central organisation registers offices; an agency's administrators delegate the
 * agency's own published services to an office and withdraw them.
 */

const STREAM = 'service_office';

/** Offices with their delegated services (titles in the language asked, agency names), in the order given, read in `db` (a transaction's own). */
async function withServices(db: Db, offices: repo.OfficeRow[], lang: Lang): Promise<Office[]> {
  const delegations = await repo.delegationsOf(db, offices.map((o) => o.id));
  const services = await servicesByIds(db, delegations.map((d) => d.serviceId));
  const agencies = await agenciesByIds(db, delegations.map((d) => d.agencyId));
  return offices.map((o) => ({
    ...o,
    services: delegations
      .filter((d) => d.officeId === o.id)
      .map((d) => {
        const s = services.get(d.serviceId);
        const a = agencies.get(d.agencyId);
        return {
          serviceId: d.serviceId,
          title: (lang === 'en' ? s?.titleEn : undefined) ?? s?.titleFa ?? '',
          agencyId: d.agencyId,
          agencyName: (lang === 'en' ? a?.nameEn : undefined) ?? a?.nameFa ?? '',
          since: d.since.toISOString(),
        };
      }),
  }));
}

export interface DirectoryFilter {
  province?: string | undefined;
  kind?: OfficeKind | undefined;
  serviceId?: string | undefined;
  limit: number;
  offset: number;
}

/** The public directory: active offices by province, kind and name, each with its services. */
export async function listOffices(ctx: AppContext, f: DirectoryFilter, lang: Lang): Promise<OfficePage> {
  const province = f.province ? normalizeDisplay(f.province) : undefined;
  const { page, items } = await ctx.reads.read(async (db) => {
    const page = await repo.listOffices(db, { ...f, province, includeInactive: false });
    return { page, items: await withServices(db, page.items, lang) };
  });
  const next = f.offset + items.length;
  return { items, total: page.total, nextOffset: next < page.total ? next : null };
}

/** One office (an inactive one too: a link to it keeps working and says it is closed). */
export async function getOffice(ctx: AppContext, id: string, lang: Lang): Promise<Office> {
  const o = await repo.findOffice(ctx.database.db, id);
  if (!o) throw new OfficesError('OFFICE_NOT_FOUND', { officeId: id });
  return (await withServices(ctx.database.db, [o], lang))[0]!;
}

type Input = z.output<typeof OfficeInput>;
type Update = z.output<typeof OfficeUpdate>;

/** Registers an office (central organisation). A second office of the kind with the code: OFFICE_CODE_TAKEN. */
export async function createOffice(ctx: AppContext, actor: Actor, origin: RequestOrigin, input: Input, lang: Lang, claim?: IdempotencyClaim): Promise<Replayable<Office, 201>> {
  requireOfficeRegistrar(actor);
  const at = ctx.clock.now();
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, at, async () => {
      const row = await repo.insertOffice(tx.db, { ...input, phone: input.phone ?? null }, at);
      if (!row) throw new OfficesError('OFFICE_CODE_TAKEN', { kind: input.kind, code: input.code });
      await recordChange(tx, { actor, origin, at }, {
        stream: STREAM,
        id: row.id,
        event: 'registered',
        audit: 'service_office.register',
        agencyId: null,
        details: { kind: row.kind, code: row.code, name: row.name, province: row.province },
      });
      return { status: 201 as const, body: (await withServices(tx.db, [row], lang))[0]! };
    }),
  );
}

/** Changes an office's details or closes it (central organisation), at the version read. */
export async function updateOffice(ctx: AppContext, actor: Actor, origin: RequestOrigin, id: string, input: Update, lang: Lang): Promise<Office> {
  requireOfficeRegistrar(actor);
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const before = await repo.findOffice(tx.db, id, true);
    if (!before) throw new OfficesError('OFFICE_NOT_FOUND', { officeId: id });
    const { version, ...values } = input;
    const row = await repo.updateOffice(tx.db, id, version, { ...values, phone: values.phone ?? null }, at);
    if (!row) throw new OfficesError('CONFLICT', { currentVersion: before.version });
    await recordChange(tx, { actor, origin, at }, {
      stream: STREAM,
      id,
      event: before.active && !row.active ? 'closed' : 'updated',
      audit: before.active && !row.active ? 'service_office.close' : 'service_office.update',
      agencyId: null,
      details: { name: row.name, province: row.province, active: row.active },
    });
    return (await withServices(tx.db, [row], lang))[0]!;
  });
}

/**
 * Delegates a published desk service to an active office, or withdraws it (the service's agency
 * administrators). Doing either again changes nothing and records nothing.
 */
async function changeDelegation(ctx: AppContext, actor: Actor, origin: RequestOrigin, officeId: string, serviceId: string, lang: Lang, change: 'delegate' | 'withdraw'): Promise<Office> {
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const service = (await servicesByIds(tx.db, [serviceId])).get(serviceId);
    if (!service) throw new OfficesError('NOT_FOUND', { serviceId });
    requireDelegator(actor, service.agencyId);
    const office = await repo.findOffice(tx.db, officeId, true);
    if (!office) throw new OfficesError('OFFICE_NOT_FOUND', { officeId });
    if (change === 'delegate' && !office.active) throw new OfficesError('OFFICE_INACTIVE', { officeId });
    if (change === 'delegate' && !service.published) throw new OfficesError('OFFICE_SERVICE_NOT_DELEGABLE', { serviceId });
    const changed =
      change === 'delegate'
        ? await repo.addDelegation(tx.db, { officeId, serviceId, agencyId: service.agencyId }, at)
        : await repo.removeDelegation(tx.db, officeId, serviceId);
    if (changed)
      await recordChange(tx, { actor, origin, at }, {
        stream: STREAM,
        id: officeId,
        event: change === 'delegate' ? 'service_delegated' : 'service_withdrawn',
        audit: `service_office.${change}`,
        agencyId: service.agencyId,
        details: { serviceId, office: office.name },
      });
    return (await withServices(tx.db, [office], lang))[0]!;
  });
}

export const delegateService = (ctx: AppContext, actor: Actor, origin: RequestOrigin, officeId: string, serviceId: string, lang: Lang) =>
  changeDelegation(ctx, actor, origin, officeId, serviceId, lang, 'delegate');
export const withdrawService = (ctx: AppContext, actor: Actor, origin: RequestOrigin, officeId: string, serviceId: string, lang: Lang) =>
  changeDelegation(ctx, actor, origin, officeId, serviceId, lang, 'withdraw');
