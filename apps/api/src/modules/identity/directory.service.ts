import type { AppContext } from '../../platform/context';
import { uuids } from '../../platform/db';
import * as repo from './identity.repository';

/*
 * Names for records that keep only ids, such as the audit log: staff, citizens, companies, agency
 * systems and agencies. Unknown ids (removed rows, the system actor) are simply absent.
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

/** A national code shown by its last four digits only: enough to tell people apart, not to identify them. */
const masked = (code: string | null) => (code ? `${'*'.repeat(Math.max(0, code.length - 4))}${code.slice(-4)}` : null);

/** The names of the parties, keyed by `partyKey(type, id)`. Citizens are named by their name, or else by a masked national code. */
export async function partyNames(ctx: AppContext, refs: readonly PartyRef[]): Promise<Map<string, PartyName>> {
  const db = ctx.database.db;
  const of = (type: string) => uuids(refs.filter((r) => r.type === type).map((r) => r.id));
  const [staff, citizens, tokens] = await Promise.all([
    repo.staffNamed(db, of('staff')),
    repo.citizensNamed(db, of('citizen')),
    repo.apiTokensNamed(db, of('api_client')),
  ]);
  const out = new Map<string, PartyName>();
  for (const s of staff) out.set(partyKey('staff', s.id), { name: s.displayName, detail: s.username });
  for (const c of citizens) {
    const named = c.kind === 'company' ? { name: c.name, detail: c.legalId } : { name: c.name, detail: masked(c.nationalCode) };
    out.set(partyKey('citizen', c.id), named);
  }
  for (const t of tokens) out.set(partyKey('api_client', t.id), { name: t.name, detail: t.prefix });
  return out;
}

/** Agencies' names by id (both languages; the reader's screen chooses). */
export async function agencyNames(ctx: AppContext, ids: Iterable<string | null | undefined>): Promise<Map<string, { nameFa: string; nameEn: string | null }>> {
  const found = await repo.agenciesNamed(ctx.database.db, uuids(ids));
  return new Map(found.map((a) => [a.id, { nameFa: a.nameFa, nameEn: a.nameEn }]));
}

/** The id of the staff member with this username (usernames are stored lower-case). */
export async function staffIdByUsername(ctx: AppContext, username: string): Promise<string | undefined> {
  return (await repo.findStaffByUsername(ctx.database.db, username.trim().toLowerCase()))?.id;
}
