import type { NewStaffInput, RoleGrantInput, StaffDetails, StaffMember, StaffPage, StaffUpdate } from '@dargah/contracts';
import { normalizeForSearch } from '@dargah/persian';
import type { Actor, RequestOrigin, RoleGrant } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { isoOrNull, withTransaction, type Db } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { DomainError } from '../../platform/http/errors';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { adminScope, deactivateVerdict, enforce, grantPlaceVerdict, roleChangeVerdict, type AdminScope } from './admin.policy';
import { administeredAgency, administeredStaff, blank, changes, requireUnitOf, uniqueAs } from './admin.service';
import { hashPassword } from './auth.service';
import * as repo from './identity.repository';
import { passwordProblem } from './identity.policy';
import * as staffRepo from './staff-admin.repository';

/*
 * Staff administration: the agency's staff list, a staff member's details and roles, deactivation
 * and reactivation, unlocking. Every change is one transaction with its event and audit entry.
 *
 * Deactivating ends the person's sessions at once and cancels their unused password-reset codes.
 * API tokens they issued keep working: a token belongs to the agency's system it was issued for,
 * not to the administrator who issued it (revoke it on the agency's page when the system goes).
 */

// Views ------------------------------------------------------------------------------------------
function staffView(s: staffRepo.StaffListRow, grants: RoleGrant[], now: Date): StaffMember {
  const lockedUntil = s.lockedUntil ? new Date(s.lockedUntil) : null;
  return {
    id: s.id,
    agencyId: s.agencyId,
    username: s.username,
    displayName: s.displayName,
    active: s.active,
    locked: lockedUntil !== null && lockedUntil > now,
    lockedUntil: isoOrNull(lockedUntil),
    failedLogins: s.failedLogins,
    roles: grants.map((g) => ({ role: g.role, agencyId: g.agencyId, unitId: g.unitId, includeSubagencies: g.includeSubagencies })),
  };
}

async function loadDetails(db: Db, staffId: string, now: Date): Promise<StaffDetails> {
  const s = await staffRepo.findStaffDetails(db, staffId);
  if (!s) throw new DomainError('STAFF_NOT_FOUND', { staffId });
  return { ...staffView(s, await repo.roleGrants(db, staffId), now), nationalCode: s.nationalCode, email: s.email, mobile: s.mobile, oidcSubject: s.oidcSubject, version: s.version };
}

// The list ---------------------------------------------------------------------------------------
const encodeCursor = (s: { displayName: string; id: string }) => Buffer.from(JSON.stringify([s.displayName, s.id])).toString('base64url');

function decodeCursor(cursor: string): { displayName: string; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/i.test(v[1])) return { displayName: v[0], id: v[1] };
  } catch {
    // fall through to the validation error
  }
  throw new DomainError('VALIDATION_FAILED', { fields: [{ field: 'cursor', code: 'CURSOR_INVALID', message: 'cursor' }] });
}

/** The agency's staff by name with the roles each holds (as granted, not expanded), searched, a page at a time. */
export async function listAgencyStaff(ctx: AppContext, actor: Actor, agencyId: string, query: { q?: string | undefined; cursor?: string | undefined; limit: number }): Promise<StaffPage> {
  const s = adminScope(actor);
  const db = ctx.database.db;
  await administeredAgency(db, s, agencyId);
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const found = await staffRepo.listStaffPage(db, agencyId, normalizeForSearch(query.q ?? ''), after, query.limit);
  const page = found.slice(0, query.limit);
  const grants = page.length ? await repo.roleGrantsOf(db, page.map((x) => x.id)) : [];
  const now = ctx.clock.now();
  return {
    items: page.map((x) => staffView(x, grants.filter((g) => g.staffId === x.id), now)),
    nextCursor: found.length > query.limit ? encodeCursor(page.at(-1)!) : null,
  };
}

export async function getStaff(ctx: AppContext, actor: Actor, staffId: string): Promise<StaffDetails> {
  const s = adminScope(actor);
  await administeredStaff(ctx.database.db, s, staffId);
  return loadDetails(ctx.database.db, staffId, ctx.clock.now());
}

// Roles ------------------------------------------------------------------------------------------
const grantOf = (input: RoleGrantInput): RoleGrant => ({ role: input.role, agencyId: input.agencyId, unitId: input.unitId ?? null, includeSubagencies: input.includeSubagencies ?? false });

/**
 * Refuses a role change the actor may not make (the rules are `roleChangeVerdict` and
 * `grantPlaceVerdict`): `staffId` null for a staff member being created.
 */
async function checkRoleChange(db: Db, s: AdminScope, staffId: string | null, g: RoleGrant, granting: boolean): Promise<void> {
  enforce(roleChangeVerdict(s, staffId, g.role));
  await administeredAgency(db, s, g.agencyId);
  if (!granting) return;
  const subagencies = g.includeSubagencies && !s.platform ? await repo.descendantAgencyIds(db, [g.agencyId]) : null;
  enforce(grantPlaceVerdict(s, g.agencyId, subagencies));
  if (g.unitId) await requireUnitOf(db, g.agencyId, g.unitId);
}

/**
 * A staff account with a password sign-in and its roles, in one transaction: every grant is
 * checked before anything is written, and the account, its grants, their events and audit entries
 * commit together or not at all.
 */
export async function createStaff(ctx: AppContext, actor: Actor, agencyId: string, input: NewStaffInput, origin: RequestOrigin, claim?: IdempotencyClaim): Promise<Replayable<StaffDetails, 201>> {
  const s = adminScope(actor);
  await administeredAgency(ctx.database.db, s, agencyId);
  const problem = passwordProblem(input.password, input.username);
  if (problem) throw new DomainError(problem, { field: 'password' });
  const grants = (input.roles ?? []).map(grantOf);
  // Refuse a grant the actor may not make before hashing (argon2 takes tens of milliseconds, so
  // it runs before the transaction opens); the transaction checks them again with what it reads.
  for (const g of grants) await checkRoleChange(ctx.database.db, s, null, g, true);
  const passwordHash = await hashPassword(input.password);
  const at = ctx.clock.now();
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, at, async () => {
      for (const g of grants) await checkRoleChange(tx.db, s, null, g, true);
      const id = await repo.insertStaff(
        tx.db,
        { agencyId, username: input.username, displayName: input.displayName, passwordHash, nationalCode: input.nationalCode ?? null, email: input.email ?? null, mobile: input.mobile ?? null, oidcSubject: input.oidcSubject ?? null },
        at,
      );
      await recordChange(tx, { actor, origin, at }, { stream: 'staff', id, event: 'created', audit: 'staff.create', agencyId, details: { username: input.username, displayName: input.displayName } });
      for (const g of grants) {
        if (await repo.addRoleGrant(tx.db, id, g, at)) {
          await recordChange(tx, { actor, origin, at }, { stream: 'staff', id, event: 'role_granted', audit: 'staff.role_grant', agencyId: g.agencyId, details: { ...g } });
        }
      }
      return { status: 201 as const, body: await loadDetails(tx.db, id, at) };
    }),
  )
    .catch(uniqueAs('staff_username_key', 'USERNAME_TAKEN', { username: input.username }))
    .catch(uniqueAs('staff_oidc_subject_key', 'OIDC_SUBJECT_TAKEN', {}));
}

/** Grants a role; granting one already held changes nothing and records nothing. */
export async function grantRole(ctx: AppContext, actor: Actor, staffId: string, input: RoleGrantInput, origin: RequestOrigin): Promise<StaffDetails> {
  const s = adminScope(actor);
  const at = ctx.clock.now();
  const g = grantOf(input);
  return withTransaction(ctx.database, async (tx) => {
    await administeredStaff(tx.db, s, staffId);
    await checkRoleChange(tx.db, s, staffId, g, true);
    if (await repo.addRoleGrant(tx.db, staffId, g, at)) {
      await recordChange(tx, { actor, origin, at }, { stream: 'staff', id: staffId, event: 'role_granted', audit: 'staff.role_grant', agencyId: g.agencyId, details: { ...g } });
    }
    return loadDetails(tx.db, staffId, at);
  });
}

export async function revokeRole(ctx: AppContext, actor: Actor, staffId: string, input: RoleGrantInput, origin: RequestOrigin): Promise<StaffDetails> {
  const s = adminScope(actor);
  const at = ctx.clock.now();
  const g = grantOf(input);
  return withTransaction(ctx.database, async (tx) => {
    await administeredStaff(tx.db, s, staffId);
    await checkRoleChange(tx.db, s, staffId, g, false);
    if ((await repo.deleteRoleGrant(tx.db, staffId, g)) === 0) throw new DomainError('ROLE_GRANT_NOT_FOUND', { role: g.role, agencyId: g.agencyId, unitId: g.unitId });
    await recordChange(tx, { actor, origin, at }, {
      stream: 'staff',
      id: staffId,
      event: 'role_revoked',
      audit: 'staff.role_revoke',
      agencyId: g.agencyId,
      details: { role: g.role, agencyId: g.agencyId, unitId: g.unitId },
    });
    return loadDetails(tx.db, staffId, at);
  });
}

// Details and the account ------------------------------------------------------------------------
const DETAIL_FIELDS = ['displayName', 'nationalCode', 'email', 'mobile', 'oidcSubject'] as const;

/** Replaces the details at the version the client read (409 CONFLICT when stale). */
export async function updateStaff(ctx: AppContext, actor: Actor, staffId: string, input: StaffUpdate, origin: RequestOrigin): Promise<StaffDetails> {
  const s = adminScope(actor);
  const at = ctx.clock.now();
  const values = { displayName: input.displayName, nationalCode: input.nationalCode ?? null, email: blank(input.email), mobile: input.mobile ?? null, oidcSubject: blank(input.oidcSubject) };
  return withTransaction(ctx.database, async (tx) => {
    const staff = await administeredStaff(tx.db, s, staffId);
    const before = (await staffRepo.findStaffDetails(tx.db, staffId))!;
    if (before.version !== input.version) throw new DomainError('CONFLICT', { currentVersion: before.version });
    const row = await staffRepo.updateStaffDetails(tx.db, staffId, input.version, values, at);
    if (!row) throw new DomainError('CONFLICT', { currentVersion: (await staffRepo.findStaffDetails(tx.db, staffId))?.version });
    // The audit names the fields that changed, not their values (contact details are personal data).
    const changed = Object.keys(changes(before, row, DETAIL_FIELDS));
    await recordChange(tx, { actor, origin, at }, { stream: 'staff', id: staffId, event: 'updated', audit: 'staff.update', agencyId: staff.agencyId, details: { version: row.version, fields: changed } });
    return loadDetails(tx.db, staffId, at);
  }).catch(uniqueAs('staff_oidc_subject_key', 'OIDC_SUBJECT_TAKEN', {}));
}

/**
 * Deactivates the account: its sessions end at once and its unused reset codes are cancelled.
 * Never one's own (or the person one acts for). Deactivating an inactive account changes nothing.
 */
export async function deactivateStaff(ctx: AppContext, actor: Actor, staffId: string, origin: RequestOrigin): Promise<StaffDetails> {
  return setActive(ctx, actor, staffId, false, origin);
}

/** Lets the person sign in again (with the password they had; send a reset if they forgot it). */
export async function reactivateStaff(ctx: AppContext, actor: Actor, staffId: string, origin: RequestOrigin): Promise<StaffDetails> {
  return setActive(ctx, actor, staffId, true, origin);
}

async function setActive(ctx: AppContext, actor: Actor, staffId: string, active: boolean, origin: RequestOrigin): Promise<StaffDetails> {
  const s = adminScope(actor);
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const staff = await administeredStaff(tx.db, s, staffId);
    enforce(deactivateVerdict(s, staffId));
    if (await staffRepo.setStaffActive(tx.db, staffId, active, at)) {
      const details: Record<string, unknown> = {};
      if (!active) {
        details.sessionsEnded = await repo.revokeAllSessions(tx.db, 'staff', staffId, at);
        await staffRepo.cancelPasswordResets(tx.db, staffId, at);
      }
      await recordChange(tx, { actor, origin, at }, {
        stream: 'staff',
        id: staffId,
        event: active ? 'reactivated' : 'deactivated',
        audit: active ? 'staff.reactivate' : 'staff.deactivate',
        agencyId: staff.agencyId,
        details,
      });
    }
    return loadDetails(tx.db, staffId, at);
  });
}

/**
 * Clears an account's failed sign-ins and lockout: the one place staff administration does so
 * (the unlock and a completed password reset both come here).
 */
export const clearSignInFailures = (db: Db, staffId: string) => repo.resetLoginFailures(db, staffId);

/** Clears the lockout after repeated failed sign-ins. */
export async function unlockStaff(ctx: AppContext, actor: Actor, staffId: string, origin: RequestOrigin): Promise<StaffDetails> {
  const s = adminScope(actor);
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const staff = await administeredStaff(tx.db, s, staffId);
    await clearSignInFailures(tx.db, staffId);
    await recordChange(tx, { actor, origin, at }, {
      stream: 'staff',
      id: staffId,
      event: 'unlocked',
      audit: 'staff.unlock',
      agencyId: staff.agencyId,
      details: { failedLogins: staff.failedLogins, lockedUntil: isoOrNull(staff.lockedUntil) },
    });
    return loadDetails(tx.db, staffId, at);
  });
}
