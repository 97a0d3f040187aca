import type { AppContext } from '../../platform/context';
import { maskNationalCode } from '@dargah/persian';
import { uuids, type Db } from '../../platform/db';
import type { Role } from '../../platform/actor';
import * as repo from './organisation.repository';
import * as identity from '../identity';
import { staffFacts } from './separation.repository';

/*
 * The people directory: who the ids are that other modules keep (staff, citizens, companies,
 * agency systems, agencies), for the desk (findPeople: applicants with their identifiers) and for
 * records such as the audit log (partyNames). One set of lookups serves both. Unknown ids (removed
 * rows, the system actor) are simply absent.
 */


/** Whose id: the actor types of platform/actor.ts. */
export interface PartyRef {
  type: string;
  id: string | null;
}

/**
 * A person or system as a record shows them: the name, and a second line that tells apart two of
 * the same name (a username, a token prefix, the last digits of an identifier).
 */
export interface PartyName {
  name: string | null;
  detail: string | null;
}

export const partyKey = (type: string, id: string) => `${type}:${id}`;


/** A person or company as another module may use it: its name and identifiers (unmasked: mask before showing). */
export interface Party {
  id: string;
  kind: 'person' | 'company';
  name: string | null;
  nationalCode: string | null;
  legalId: string | null;
  mobile: string | null;
}

/** Who the ids are: citizens (persons and companies) and staff, each looked up once. Unknown ids are left out. */
export async function findPeople(db: Db, ids: { citizens?: readonly string[]; staff?: readonly string[] }): Promise<{ citizens: Map<string, Party>; staff: Map<string, string> }> {
  const [citizens, staff] = await Promise.all([identity.citizensByIds(db, uuids(ids.citizens ?? [])), repo.staffNamed(db, uuids(ids.staff ?? []))]);
  return {
    citizens: new Map(citizens.map((c) => [c.id, { id: c.id, kind: c.kind, name: c.name, nationalCode: c.nationalCode, legalId: c.legalId, mobile: c.mobile }])),
    staff: new Map(staff.map((s) => [s.id, s.displayName])),
  };
}

/** The names of the parties, keyed by `partyKey(type, id)`. Citizens are named by their name, or else by a masked national code. */
export async function partyNames(ctx: AppContext, refs: readonly PartyRef[]): Promise<Map<string, PartyName>> {
  const db = ctx.database.db;
  const of = (type: string) => uuids(refs.filter((r) => r.type === type).map((r) => r.id));
  const [staff, citizens, tokens] = await Promise.all([
    repo.staffNamed(db, of('staff')),
    identity.citizensByIds(db, of('citizen')),
    identity.apiTokensNamed(db, of('api_client')),
  ]);
  const out = new Map<string, PartyName>();
  for (const s of staff) out.set(partyKey('staff', s.id), { name: s.displayName, detail: s.username });
  for (const c of citizens) {
    const named = c.kind === 'company' ? { name: c.name, detail: c.legalId } : { name: c.name, detail: c.nationalCode ? maskNationalCode(c.nationalCode) : null };
    out.set(partyKey('citizen', c.id), named);
  }
  for (const t of tokens) out.set(partyKey('api_client', t.id), { name: t.name, detail: t.prefix });
  return out;
}

/** Agencies' names by id (both languages; the reader's screen chooses). */
export async function agencyNames(ctx: AppContext, ids: Iterable<string | null | undefined>): Promise<Map<string, { nameFa: string; nameEn: string | null }>> {
  return agenciesByIds(ctx.database.db, ids);
}

/**
 * Agencies by id, in the caller's db or transaction: names (both languages), province and whether
 * active, for modules that show or filter their own rows by agency. Unknown ids are left out.
 */
export async function agenciesByIds(db: Db, ids: Iterable<string | null | undefined>): Promise<Map<string, repo.AgencyFacts>> {
  const found = await repo.agenciesNamed(db, uuids(ids));
  return new Map(found.map((a) => [a.id, a]));
}

/** Each agency's place in the order of Persian names (the database's collation; equal names share a place); unknown ids left out. */
export const agencyNameRanks = (db: Db, ids: Iterable<string>): Promise<Map<string, number>> => repo.agencyNameRanks(db, uuids(ids));

/** The ids of the agencies of a province (to filter a reader's own rows by province). */
export const agencyIdsInProvince = (db: Db, province: string): Promise<string[]> => repo.agencyIdsInProvince(db, province);

/** The agency and every agency below it. */
export const agencySubtree = (db: Db, rootId: string): Promise<string[]> => repo.descendantAgencyIds(db, [rootId]);

/** Offices: the units of some agencies (every agency: null), each headquarters (ستاد) or operational (صف), for reports by office. */
export const unitsOfAgencies = (db: Db, agencyIds: readonly string[] | null): Promise<repo.OrgUnitRow[]> =>
  repo.unitsOfAgencies(db, agencyIds === null ? null : uuids(agencyIds));

/** The ids of the agencies switched off, to leave their rows out of public lists. */
export const inactiveAgencyIds = (db: Db): Promise<string[]> => repo.inactiveAgencyIds(db);

/** The id of the staff member with this username (usernames are stored lower-case). */
export async function staffIdByUsername(ctx: AppContext, username: string): Promise<string | undefined> {
  return (await repo.findStaffByUsername(ctx.database.db, username.trim().toLowerCase()))?.id;
}

/*
 * The organisation as other modules check it, inside their own transaction (`db` may be a tx's):
 * whether an agency exists, which agencies sit below others, who administers an agency.
 */
export type { AgencyRef } from './organisation.repository';

/** The agency, if it exists and is active. */
export const findActiveAgency = (db: Db, id: string) => repo.findActiveAgency(db, id);

/** Which of the ids name existing agencies. */
export const existingAgencyIds = (db: Db, ids: readonly string[]) => repo.existingAgencyIds(db, ids);

/** Agencies directly below any of the given ones. */
export const childAgencyIds = (db: Db, parentIds: readonly string[]) => repo.childAgencyIds(db, parentIds);

/** Whether the staff member is active and holds agency_admin in the agency. */
export const isAgencyAdmin = (db: Db, staffId: string, agencyId: string) => repo.isAgencyAdmin(db, staffId, agencyId);

export type { AgencyLineage } from './organisation.repository';
/** The agency with its chain of parents (parent, grandparent, …), its kind and province. */
export const agencyLineage = (db: Db, agencyId: string) => repo.agencyLineage(db, agencyId);

/** The active agencies (id, legal id, names), in the caller's db or transaction. */
export const activeAgencies = async (db: Db) =>
  (await repo.listAgencies(db)).map((a) => ({ id: a.id, legalId: a.legalId, nameFa: a.nameFa, nameEn: a.nameEn }));

/**
 * A staff member's national code, what names the person in a signing certificate (documents:
 * its subject's serialNumber); null when none is recorded, undefined for an unknown id.
 */
export async function staffNationalCode(db: Db, staffId: string): Promise<string | null | undefined> {
  const [s] = await staffFacts(db, [staffId]);
  return s ? s.nationalCode : undefined;
}

/** Active staff of an agency holding one of the roles there, with those grants (their units). */
export const activeStaffWithRoles = (db: Db, agencyId: string, roles: readonly Role[]) => repo.activeStaffWithRoles(db, agencyId, roles);
export type { StaffWithGrants } from './organisation.repository';
