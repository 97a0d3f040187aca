import { verify as argonVerify } from '@node-rs/argon2';
import type { RequestOrigin } from '../../platform/actor';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import type { AppConfig } from '../../config';
import { withTransaction } from '../../platform/db';
import { admitAttempt, refundAttempt, settleSuccess, STREAK_FORGOTTEN_AFTER_MS, type DelayPolicy } from '../../platform/rate-limit';
import { dummyPasswordHash, openStaffSession, type NewSession } from './auth.service';
import * as org from '../organisation';
import { IdentityError } from './identity.errors';

/**
 * Staff sign-in with username and password. Failures are counted per username typed — whether an
 * account has it or not — and per address, and after a few each further attempt waits longer
 * (2 s, 4 s, 8 s … up to LOGIN_LOCK_MINUTES). An attempt is counted before its password is
 * checked, in the same statement that admits or refuses it, so a burst of concurrent guesses gets
 * no more tries than a sequence would; a right password admitted before the burst's later
 * attempts cannot clear them. Every refusal looks the same for a known and an unknown username.
 */

const ADDRESS_BUCKET = 'staff-login:address';

const policy = (freeFailures: number, c: AppConfig): DelayPolicy => ({
  freeFailures,
  maxDelaySeconds: c.LOGIN_LOCK_MINUTES * 60,
  forgetAfterMs: STREAK_FORGOTTEN_AFTER_MS,
});

export async function staffLogin(ctx: AppContext, username: string, password: string, origin: RequestOrigin): Promise<NewSession> {
  const now = ctx.clock.now();
  const db = ctx.database.db;
  const address = origin.ip ?? 'unknown';
  const addressPolicy = policy(ctx.config.LOGIN_DELAY_AFTER_PER_ADDRESS, ctx.config);
  // A refused attempt checks no password: it answers alike for every username, and costs nothing.
  const byAddress = await admitAttempt(db, ADDRESS_BUCKET, address, addressPolicy, now);
  if (!byAddress.admitted) throw new IdentityError('SIGN_IN_DELAYED', { retryAfterSeconds: byAddress.retryAfterSeconds });
  const byName = await admitAttempt(db, org.STAFF_LOGIN_BUCKET, username, policy(ctx.config.LOGIN_LOCK_AFTER, ctx.config), now);
  if (!byName.admitted) throw new IdentityError('SIGN_IN_DELAYED', { retryAfterSeconds: byName.retryAfterSeconds });

  const staff = await org.findStaffByUsername(db, username);
  // Verified outside any transaction (argon2 takes tens of milliseconds); an unknown username is
  // verified against a dummy hash, so it takes as long.
  const ok = await argonVerify(staff?.passwordHash ?? (await dummyPasswordHash()), password).catch(() => false);
  if (ok && staff?.active && staff.passwordHash) {
    const session = await withTransaction(ctx.database, async (tx) => {
      // Ends the streak only if no attempt was admitted after this one; otherwise this attempt
      // stays the failure it was counted as, and is answered like one.
      if (!(await settleSuccess(tx.db, org.STAFF_LOGIN_BUCKET, username, byName.failures))) return undefined;
      await refundAttempt(tx.db, ADDRESS_BUCKET, address, addressPolicy);
      return openStaffSession(ctx, tx, staff, origin, 'password');
    });
    if (session) return session;
  }

  const retryAfterSeconds = Math.max(byAddress.retryAfterSeconds, byName.retryAfterSeconds);
  await withTransaction(ctx.database, async (tx) => {
    audit(tx, {
      actor: { type: 'anonymous', id: null },
      origin,
      at: now,
      action: retryAfterSeconds > 0 ? 'staff.sign_in_delayed' : 'staff.login_failed',
      objectType: 'staff',
      objectId: staff?.id ?? null,
      agencyId: staff?.agencyId ?? null,
      details: { failures: byName.failures, retryAfterSeconds },
    });
  });
  throw new IdentityError('INVALID_CREDENTIALS', { retryAfterSeconds });
}
