import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Areas } from '@dargah/contracts';
import { hash as argonHash } from '@node-rs/argon2';
import type { Actor, RequestOrigin, RoleGrant } from '../../platform/actor';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db, type Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { DomainError } from '../../platform/http/errors';
import * as repo from './identity.repository';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const token = (bytes = 32) => randomBytes(bytes).toString('base64url');

export async function hashPassword(password: string): Promise<string> {
  return argonHash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

// A hash of a random password: verifying against it costs what a real check costs, so a login
// for an unknown user takes as long as one for a known user.
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = () => (dummyHash ??= hashPassword(token()));

// Sessions ---------------------------------------------------------------------------------------
export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function openSession(ctx: AppContext, db: Db, subjectType: 'staff' | 'citizen', subjectId: string, origin: RequestOrigin): Promise<NewSession> {
  const now = ctx.clock.now();
  const s: NewSession = { token: token(), csrfToken: token(24), expiresAt: new Date(now.getTime() + ctx.config.SESSION_ABSOLUTE_HOURS * 3_600_000) };
  await repo.insertSession(db, {
    tokenHash: sha256(s.token),
    subjectType,
    subjectId,
    csrfToken: s.csrfToken,
    createdAt: now,
    expiresAt: s.expiresAt,
    ip: origin.ip ?? null,
    userAgent: origin.userAgent ?? null,
  });
  return s;
}

/** Expands include_subagencies grants to one grant per sub-agency. */
async function expandGrants(db: Db, grants: RoleGrant[]): Promise<RoleGrant[]> {
  const out = [...grants];
  for (const g of grants.filter((x) => x.includeSubagencies)) {
    for (const id of await repo.descendantAgencyIds(db, [g.agencyId])) {
      if (id !== g.agencyId) out.push({ role: g.role, agencyId: id, unitId: null, includeSubagencies: false });
    }
  }
  return out;
}

export interface ResolvedSession {
  actor: Actor;
  tokenHash: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * The actor behind a session cookie, or undefined when the cookie is unknown, revoked, idle for
 * too long or past its absolute lifetime (a tampered or expired cookie is simply "signed out").
 */
export async function resolveSession(ctx: AppContext, cookieToken: string): Promise<ResolvedSession | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(cookieToken)) return undefined;
  const db = ctx.database.db;
  const tokenHash = sha256(cookieToken);
  const s = await repo.findSession(db, tokenHash);
  const now = ctx.clock.now();
  if (!s || s.revokedAt) return undefined;
  const idleLimit = new Date(s.lastSeenAt).getTime() + ctx.config.SESSION_IDLE_MINUTES * 60_000;
  if (now.getTime() >= new Date(s.expiresAt).getTime() || now.getTime() >= idleLimit) return undefined;
  // Sliding idle timeout, written at most once a minute.
  if (now.getTime() - new Date(s.lastSeenAt).getTime() > 60_000) await repo.touchSession(db, tokenHash, now);
  const base = { tokenHash, csrfToken: s.csrfToken, expiresAt: new Date(s.expiresAt) };
  if (s.subjectType === 'citizen') {
    return { ...base, actor: { type: 'citizen', id: s.subjectId, onBehalfOfId: s.actingForId, sessionId: tokenHash } };
  }
  const staff = await repo.findStaff(db, s.subjectId);
  if (!staff?.active) return undefined;
  let principal = staff;
  if (s.actingForId) {
    const d = (await repo.activeDelegationsFor(db, staff.id, now)).find((x) => x.principalId === s.actingForId);
    const p = d ? await repo.findStaff(db, d.principalId) : undefined;
    if (!p?.active) return { ...base, actor: await staffActor(db, staff, null, tokenHash) };
    principal = p;
  }
  return { ...base, actor: await staffActor(db, principal, principal.id === staff.id ? null : staff, tokenHash) };
}

async function staffActor(db: Db, principal: repo.StaffRow, delegate: repo.StaffRow | null, sessionId: string | null): Promise<Actor> {
  return {
    type: 'staff',
    id: delegate?.id ?? principal.id,
    onBehalfOfId: delegate ? principal.id : null,
    agencyId: principal.agencyId,
    grants: await expandGrants(db, await repo.roleGrants(db, principal.id)),
    sessionId,
  };
}

/** The actor behind an API token, or undefined (unknown or revoked). */
export async function resolveApiToken(ctx: AppContext, bearer: string): Promise<Actor | undefined> {
  if (!/^dgh_[A-Za-z0-9_-]{20,100}$/.test(bearer)) return undefined;
  const t = await repo.findApiTokenByHash(ctx.database.db, sha256(bearer));
  if (!t || t.revokedAt) return undefined;
  const now = ctx.clock.now();
  if (!t.lastUsedAt || now.getTime() - new Date(t.lastUsedAt).getTime() > 60_000) await repo.touchApiToken(ctx.database.db, t.id, now);
  return { type: 'api_client', id: t.id, agencyId: t.agencyId, scopes: t.scopes };
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Opens a staff session in the caller's transaction, recording the sign-in. */
export async function openStaffSession(ctx: AppContext, tx: Tx, staff: repo.StaffRow, origin: RequestOrigin, method: 'password' | 'oidc'): Promise<NewSession> {
  const now = ctx.clock.now();
  const session = await openSession(ctx, tx.db, 'staff', staff.id, origin);
  const actor = { type: 'staff' as const, id: staff.id, agencyId: staff.agencyId };
  await recordChange(tx, { actor, origin, at: now }, { stream: 'staff', id: staff.id, event: 'signed_in', audit: 'staff.sign_in', agencyId: staff.agencyId, details: { method } });
  return session;
}

/** Opens a staff session after an OpenID Connect sign-in; the provider's proof also ends any streak of failed passwords. */
export async function startStaffSession(ctx: AppContext, staff: repo.StaffRow, origin: RequestOrigin, method: 'oidc'): Promise<NewSession> {
  return withTransaction(ctx.database, async (tx) => {
    await repo.resetLoginFailures(tx.db, staff.id);
    return openStaffSession(ctx, tx, staff, origin, method);
  });
}

// Session management -----------------------------------------------------------------------------
export async function signOut(ctx: AppContext, actor: Actor, tokenHash: string, origin: RequestOrigin, everywhere: boolean): Promise<number> {
  const now = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    let n = 1;
    if (everywhere && (actor.type === 'staff' || actor.type === 'citizen')) {
      n = await repo.revokeAllSessions(tx.db, actor.type, actor.id, now);
    } else {
      await repo.revokeSession(tx.db, tokenHash, now);
    }
    audit(tx, { actor, origin, at: now, action: everywhere ? 'session.sign_out_everywhere' : 'session.sign_out', objectType: actor.type, objectId: actor.id, details: { sessions: n } });
    return n;
  });
}

/** Act for a company (a citizen representative) or a principal (a delegate), or stop (null). */
export async function actFor(ctx: AppContext, actor: Actor, tokenHash: string, targetId: string | null, origin: RequestOrigin): Promise<void> {
  const now = ctx.clock.now();
  const db = ctx.database.db;
  if (actor.type === 'citizen') {
    if (targetId && !(await repo.representedCompanies(db, actor.id)).some((c) => c.id === targetId)) throw new DomainError('FORBIDDEN');
  } else if (actor.type === 'staff') {
    if (targetId && !(await repo.activeDelegationsFor(db, actor.id, now)).some((d) => d.principalId === targetId)) throw new DomainError('FORBIDDEN');
  } else {
    throw new DomainError('FORBIDDEN');
  }
  await withTransaction(ctx.database, async (tx) => {
    await repo.setActingFor(tx.db, tokenHash, targetId);
    audit(tx, { actor: { type: actor.type, id: actor.id }, origin, at: now, action: targetId ? 'session.act_for' : 'session.act_as_self', objectType: actor.type === 'citizen' ? 'citizen' : 'staff', objectId: targetId ?? actor.id });
  });
}

/** What the web app shows about the signed-in person, with the areas `areasOf` says they may open. */
export async function sessionInfo(ctx: AppContext, r: ResolvedSession, areasOf: (actor: Actor) => Promise<Areas>) {
  const db = ctx.database.db;
  const a = r.actor;
  const now = ctx.clock.now();
  const areas = await areasOf(a);
  if (a.type === 'citizen') {
    const me = await repo.findCitizen(db, a.id);
    const companies = await repo.representedCompanies(db, a.id);
    const company = companies.find((c) => c.id === a.onBehalfOfId);
    return {
      kind: 'citizen' as const,
      id: a.id,
      displayName: me?.name ?? me?.nationalCode ?? '',
      onBehalfOf: company ? { id: company.id, name: company.name } : null,
      agency: null,
      roles: [],
      csrfToken: r.csrfToken,
      expiresAt: r.expiresAt.toISOString(),
      canActFor: companies,
      areas,
    };
  }
  if (a.type !== 'staff') throw new DomainError('FORBIDDEN');
  const me = await repo.findStaff(db, a.id);
  const principal = a.onBehalfOfId ? await repo.findStaff(db, a.onBehalfOfId) : undefined;
  const agency = await repo.findAgency(db, a.agencyId);
  return {
    kind: 'staff' as const,
    id: a.id,
    displayName: me?.displayName ?? '',
    onBehalfOf: principal ? { id: principal.id, name: principal.displayName } : null,
    agency: agency ? { id: agency.id, name: agency.nameFa } : null,
    roles: a.grants.map((g) => ({ role: g.role, agencyId: g.agencyId, unitId: g.unitId })),
    csrfToken: r.csrfToken,
    expiresAt: r.expiresAt.toISOString(),
    canActFor: (await repo.activeDelegationsFor(db, a.id, now)).map((d) => ({ id: d.principalId, name: d.principalName })),
    areas,
  };
}

export const apiTokenSecret = () => `dgh_${token(30)}`;
