import { randomInt, randomUUID } from 'node:crypto';
import type { Actor, RequestOrigin } from '../../platform/actor';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db } from '../../platform/db';
import { appendEvent } from '../../platform/events';
import { DomainError } from '../../platform/http/errors';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { maskAddress, notify } from '../../platform/notify';
import { hitAll } from '../../platform/rate-limit';
import type { EmailOnFile } from '@dargah/contracts';
import { csrfMatches, sha256 } from './auth.service';
import * as repo from './citizen-email.repository';
import { requireCitizen } from './identity.policy';
import { emailVerifyTemplate } from './identity.notifications';

/**
 * A citizen's e-mail on file. Asking for an address sends a six-digit code to it (template
 * `identity.email-verify`, e-mail channel, to that address only); the address is kept on the
 * citizen, and used by the e-mail channel, only when the code comes back. The person, not a
 * company they act for, holds the address: messages are addressed to people.
 */

export const EMAIL_CODE_MINUTES = 15;
const MAX_ATTEMPTS = 5;
const RESEND_AFTER_MS = 60_000;
/** Codes sent per person and per address in an hour: bounds mail sent to somebody else's mailbox. */
const SENDS = { max: 5, windowMs: 3_600_000 };

const hashOf = (challengeId: string, code: string) => sha256(`${challengeId}:${code}`);

async function stateOf(db: Db, citizenId: string, now: Date): Promise<EmailOnFile> {
  const onFile = await repo.findEmailOnFile(db, citizenId);
  const open = await repo.findOpenChallenge(db, citizenId);
  const pending = open && open.expiresAt > now && open.attempts < MAX_ATTEMPTS ? open : undefined;
  return {
    email: onFile?.email ? maskAddress(onFile.email) : null,
    verifiedAt: onFile?.verifiedAt?.toISOString() ?? null,
    pending: pending
      ? { email: maskAddress(pending.email), expiresAt: pending.expiresAt.toISOString(), resendAfter: new Date(pending.createdAt.getTime() + RESEND_AFTER_MS).toISOString() }
      : null,
  };
}

export async function getMyEmail(ctx: AppContext, actor: Actor): Promise<EmailOnFile> {
  requireCitizen(actor);
  return stateOf(ctx.database.db, actor.id, ctx.clock.now());
}

/**
 * Sends a code to the address the citizen wants on file. Asking again for the same address within
 * a minute of the last code (a retried request) sends nothing more and answers the same; the
 * address already on file needs no code; a new address replaces any code sent before.
 */
export async function requestEmailChange(ctx: AppContext, actor: Actor, email: string, origin: RequestOrigin, claim?: IdempotencyClaim): Promise<Replayable<EmailOnFile, 202>> {
  requireCitizen(actor);
  const citizenId = actor.id;
  const now = ctx.clock.now();
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, now, async () => {
      const onFile = await repo.lockEmailOnFile(tx.db, citizenId);
      if (!onFile) throw new DomainError('NOT_FOUND');
      const open = await repo.findOpenChallenge(tx.db, citizenId);
      const fresh = open && open.email === email && now.getTime() - open.createdAt.getTime() < RESEND_AFTER_MS && open.attempts < MAX_ATTEMPTS;
      if (onFile.email !== email && !fresh) {
        const sends = await hitAll(tx.db, [
          { bucket: 'email-verify:citizen', key: citizenId, ...SENDS },
          { bucket: 'email-verify:address', key: email, ...SENDS },
        ], now);
        if (sends.refused) throw new DomainError('EMAIL_CODE_TOO_MANY_REQUESTS', { retryAfterSeconds: sends.refused.retryAfterSeconds });
        await repo.cancelOpenChallenges(tx.db, citizenId, now);
        const id = randomUUID();
        const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
        await repo.insertChallenge(tx.db, { id, citizenId, email, codeHash: hashOf(id, code), expiresAt: new Date(now.getTime() + EMAIL_CODE_MINUTES * 60_000) }, now);
        await notify(ctx, tx, emailVerifyTemplate, { to: { email }, personalisation: { code, minutes: EMAIL_CODE_MINUTES }, reference: citizenId });
        const details = { email: maskAddress(email), challengeId: id };
        await appendEvent(tx, { streamType: 'citizen', streamId: citizenId, action: 'email_change_requested', actor, origin, at: now, payload: details });
        audit(tx, { actor, origin, at: now, action: 'citizen.email_change_request', objectType: 'citizen', objectId: citizenId, details });
      }
      return { status: 202 as const, body: await stateOf(tx.db, citizenId, now) };
    }),
  );
}

type VerifyOutcome = { ok: true; body: EmailOnFile } | { ok: false; code: 'EMAIL_CODE_INVALID' | 'EMAIL_CODE_EXPIRED' | 'EMAIL_CODE_TOO_MANY_ATTEMPTS'; remaining: number };

/**
 * Puts the address on file when the code is the one sent to it. A wrong code is counted (five,
 * then a new code is needed) in its own transaction, so the count survives the refusal; a used,
 * replaced or expired code changes nothing. Of many verifications at once, one succeeds.
 */
export async function verifyEmail(ctx: AppContext, actor: Actor, code: string, origin: RequestOrigin, claim?: IdempotencyClaim): Promise<Replayable<EmailOnFile, 200>> {
  requireCitizen(actor);
  const citizenId = actor.id;
  const now = ctx.clock.now();
  const result = await withTransaction(ctx.database, (tx) =>
    once(tx, claim, now, async (): Promise<{ status: 200; body: VerifyOutcome }> => {
      const onFile = await repo.lockEmailOnFile(tx.db, citizenId);
      if (!onFile) throw new DomainError('NOT_FOUND');
      const c = await repo.findOpenChallenge(tx.db, citizenId, true);
      const refuse = (error: Extract<VerifyOutcome, { ok: false }>['code'], remaining = 0) => ({ status: 200 as const, body: { ok: false as const, code: error, remaining } });
      if (!c) return refuse('EMAIL_CODE_INVALID');
      if (c.expiresAt <= now) return refuse('EMAIL_CODE_EXPIRED');
      if (c.attempts >= MAX_ATTEMPTS) return refuse('EMAIL_CODE_TOO_MANY_ATTEMPTS');
      if (!csrfMatches(c.codeHash, hashOf(c.id, code))) {
        await repo.countChallengeFailure(tx.db, c.id);
        audit(tx, { actor, origin, at: now, action: 'citizen.email_verify_failed', objectType: 'citizen', objectId: citizenId, details: { challengeId: c.id } });
        return refuse('EMAIL_CODE_INVALID', MAX_ATTEMPTS - c.attempts - 1);
      }
      await repo.consumeChallenge(tx.db, c.id, now);
      await repo.setVerifiedEmail(tx.db, citizenId, c.email, now);
      const change = { from: onFile.email ? maskAddress(onFile.email) : null, to: maskAddress(c.email), challengeId: c.id };
      await appendEvent(tx, { streamType: 'citizen', streamId: citizenId, action: 'email_changed', actor, origin, at: now, payload: change });
      audit(tx, { actor, origin, at: now, action: 'citizen.email_change', objectType: 'citizen', objectId: citizenId, details: change });
      return { status: 200 as const, body: { ok: true as const, body: await stateOf(tx.db, citizenId, now) } };
    }),
  );
  if (!result.body.ok) throw new DomainError(result.body.code, { remainingAttempts: Math.max(0, result.body.remaining) });
  return { status: 200, body: result.body.body, replayed: result.replayed };
}
