import type { Office, OfficeInput, OfficeKind, OfficePage, OfficeUpdate } from '@dargah/contracts';
import { normalizeDisplay } from '@dargah/persian';
import type { z } from 'zod';
import type { Actor, RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db } from '../../platform/db';
import { recordChange } from '../../platform/events';
import type { Lang } from '../../platform/http/i18n';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { agenciesByIds, findStaff, roleGrants } from '../organisation';
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

// Counter operators -------------------------------------------------------------------------------
/**
 * Links a counter operator (a staff member holding the counter_operator role, which only a
 * platform administrator grants) to a counter office, or unlinks them (central organisation). An
 * operator works at one office: linking them to another moves them. Again: no change, nothing recorded.
 */
async function changeOperator(ctx: AppContext, actor: Actor, origin: RequestOrigin, officeId: string, staffId: string, change: 'link' | 'unlink'): Promise<{ officeId: string; operators: string[] }> {
  requireOfficeRegistrar(actor);
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const office = await repo.findOffice(tx.db, officeId, true);
    if (!office) throw new OfficesError('OFFICE_NOT_FOUND', { officeId });
    if (change === 'link') {
      if (office.kind !== 'counter' || !office.active) throw new OfficesError('OFFICE_INACTIVE', { officeId });
      const staff = await findStaff(tx.db, staffId);
      const grants = staff?.active ? await roleGrants(tx.db, staffId) : [];
      if (!grants.some((g) => g.role === 'counter_operator')) throw new OfficesError('OFFICE_OPERATOR_ROLE_MISSING', { staffId });
    }
    const changed = change === 'link' ? await repo.linkOperator(tx.db, staffId, officeId, at) : await repo.unlinkOperator(tx.db, staffId, officeId);
    if (changed)
      await recordChange(tx, { actor, origin, at }, {
        stream: STREAM,
        id: officeId,
        event: change === 'link' ? 'operator_linked' : 'operator_unlinked',
        audit: `service_office.${change}_operator`,
        agencyId: null,
        details: { staffId, office: office.name },
      });
    return { officeId, operators: (await repo.operatorsOf(tx.db, officeId)).map((o) => o.staffId) };
  });
}

export const linkOperator = (ctx: AppContext, actor: Actor, origin: RequestOrigin, officeId: string, staffId: string) => changeOperator(ctx, actor, origin, officeId, staffId, 'link');
export const unlinkOperator = (ctx: AppContext, actor: Actor, origin: RequestOrigin, officeId: string, staffId: string) => changeOperator(ctx, actor, origin, officeId, staffId, 'unlink');

/** The counter office a counter operator works at, with the services delegated to it (for the channels module). */
export async function operatorOffice(db: Db, staffId: string, lang: Lang): Promise<Office | undefined> {
  const o = await repo.officeOfOperator(db, staffId);
  return o && (await withServices(db, [o], lang))[0];
}

/** Whether the service is delegated to the office (for the channels module, in its transaction's `db`). */
export const isDelegatedTo = (db: Db, officeId: string, serviceId: string) => repo.isDelegated(db, officeId, serviceId);
/** Offices' names by id (for the channels module's lists). */
export const officeNames = async (db: Db, ids: readonly string[]) => new Map((await repo.officesByIds(db, ids)).map((o) => [o.id, o.name]));
