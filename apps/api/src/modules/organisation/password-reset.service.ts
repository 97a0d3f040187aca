import { randomInt } from 'node:crypto';
import { RESET_CODE_ALPHABET, RESET_CODE_LENGTH, type PasswordResetSent } from '@dargah/contracts';
import { maskMobile } from '@dargah/persian';
import type { Actor, RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { notify } from '../../platform/notify';
import { passwordResetTemplate } from './organisation.notifications';
import { adminScope, enforce, resetPasswordVerdict } from './admin.policy';
import { administeredStaff } from './admin.service';
import * as repo from './organisation.repository';
import * as identity from '../identity';
import { clearSignInFailures } from './staff-admin.service';
import * as staffRepo from './staff-admin.repository';
import { OrganisationError } from './organisation.errors';

/*
 * A password reset an administrator starts and the staff member finishes. The administrator never
 * sees a password or the code: a one-time code goes by SMS to the mobile on the staff record; the
 * staff member enters it with a new password at /staff/reset-password. The code (16 characters
 * of Crockford's base 32, 80 bits) is stored as its SHA-256, is used once, expires after
 * RESET_CODE_MINUTES, and a newer code or a deactivation cancels it. Using it sets the password,
 * clears the lockout and ends every session of the person.
 */

export const RESET_CODE_MINUTES = 30;
/** Codes one staff member may be sent in an hour (each is a text message). */
const RESETS_PER_HOUR = 5;
export const RESET_PAGE = '/staff/reset-password';

const newCode = () => Array.from({ length: RESET_CODE_LENGTH }, () => RESET_CODE_ALPHABET[randomInt(RESET_CODE_ALPHABET.length)]).join('');
/** ABCD-EFGH-JKMN-PQRS: easier to read off a phone and type. */
const grouped = (code: string) => code.match(/.{4}/g)!.join('-');

/** Sends the staff member a one-time code to set a new password (it cancels any earlier one). */
export async function requestPasswordReset(ctx: AppContext, actor: Actor, staffId: string, origin: RequestOrigin): Promise<PasswordResetSent> {
  const s = adminScope(actor);
  const at = ctx.clock.now();
  const code = newCode();
  const expiresAt = new Date(at.getTime() + RESET_CODE_MINUTES * 60_000);
  return withTransaction(ctx.database, async (tx) => {
    const staff = await administeredStaff(tx.db, s, staffId);
    enforce(resetPasswordVerdict(s, staff));
    const mobile = staff.mobile!;
    if ((await staffRepo.countPasswordResetsSince(tx.db, staffId, new Date(at.getTime() - 3_600_000))) >= RESETS_PER_HOUR) {
      throw new OrganisationError('PASSWORD_RESET_TOO_MANY', { retryAfterSeconds: 3600 });
    }
    await staffRepo.cancelPasswordResets(tx.db, staffId, at);
    await staffRepo.insertPasswordReset(tx.db, { staffId, codeHash: identity.sha256(code), sentTo: mobile, createdBy: s.actor.id, expiresAt }, at);
    const link = `${ctx.config.PUBLIC_BASE_URL}${RESET_PAGE}?code=${code}`;
    await notify(ctx, tx, passwordResetTemplate, {
      to: { sms: mobile },
      personalisation: { code: grouped(code), link, minutes: RESET_CODE_MINUTES },
      agencyId: staff.agencyId,
      reference: staffId,
    });
    const sent = { sentTo: maskMobile(mobile), expiresAt: expiresAt.toISOString() };
    await recordChange(tx, { actor, origin, at }, { stream: 'staff', id: staffId, event: 'password_reset_sent', audit: 'staff.password_reset_send', agencyId: staff.agencyId, details: sent });
    return sent;
  });
}

/**
 * Sets a new password with a code the staff member received. A wrong, used, cancelled or expired
 * code changes nothing; of many uses of one code at once exactly one succeeds (the row is locked).
 */
export async function resetStaffPassword(ctx: AppContext, code: string, password: string, origin: RequestOrigin): Promise<void> {
  const db = ctx.database.db;
  const codeHash = identity.sha256(code);
  const usable = (r: staffRepo.PasswordResetRow | undefined, now: Date) => {
    if (!r || r.usedAt || r.cancelledAt) throw new OrganisationError('RESET_CODE_INVALID', { field: 'code' });
    if (new Date(r.expiresAt) <= now) throw new OrganisationError('RESET_CODE_EXPIRED', { field: 'code' });
    return r;
  };
  const reset = usable(await staffRepo.findPasswordReset(db, codeHash), ctx.clock.now());
  const staff = await repo.findStaff(db, reset.staffId);
  if (!staff?.active) throw new OrganisationError('RESET_CODE_INVALID', { field: 'code' });
  const problem = identity.passwordProblem(password, staff.username);
  if (problem) throw new identity.IdentityError(problem, { field: 'password' });
  // argon2 takes tens of milliseconds: hash before the transaction opens.
  const passwordHash = await identity.hashPassword(password);
  const at = ctx.clock.now();
  await withTransaction(ctx.database, async (tx) => {
    usable(await staffRepo.lockPasswordReset(tx.db, reset.id), at);
    await staffRepo.usePasswordReset(tx.db, reset.id, at);
    await staffRepo.setStaffPassword(tx.db, staff.id, passwordHash, at);
    await clearSignInFailures(tx.db, staff.id);
    const sessionsEnded = await identity.revokeAllSessions(tx.db, 'staff', staff.id, at);
    const self: Actor = { type: 'staff', id: staff.id, onBehalfOfId: null, agencyId: staff.agencyId, grants: [], sessionId: null };
    await recordChange(tx, { actor: self, origin, at }, { stream: 'staff', id: staff.id, event: 'password_reset', audit: 'staff.password_reset', agencyId: staff.agencyId, details: { sessionsEnded } });
  });
}
