import { randomInt, randomUUID } from 'node:crypto';
import type { RequestOrigin } from '../../platform/actor';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Tx } from '../../platform/db';
import { appendEvent, recordChange } from '../../platform/events';
import { checkMobileOwnership, MobileRegistryUnavailable, type OwnershipAnswer } from '../../platform/integrations/mobile-registry';
import { notify } from '../../platform/notify';
import { hitAll, refund, type Hit, type Limit } from '../../platform/rate-limit';
import { csrfMatches, openSession, sha256, type NewSession } from './auth.service';
import * as repo from './identity.repository';
import { mobileChangedTemplate, otpTemplate } from './identity.notifications';
import { maskMobile, maskNationalCode } from '@dargah/persian';
import { IdentityError } from './identity.errors';

/**
 * Citizen sign-in by national code, mobile and a one-time code. The mobile-ownership registry
 * (شاهکار) must match the number to the national code before any code is sent, so the code proves
 * the person and not merely a phone; a stored mobile changes only through such a match.
 */

const MINUTE = 60_000;
/** Registry answers other than "match", per national code and per mobile: bounds probing who owns what. */
const MISMATCHES = { max: 5, windowMs: 60 * MINUTE };
/** Codes sent, per national code and per mobile (OTP_SENDS_PER_10_MINUTES): bounds texts to one phone and one person. */
const sendLimit = (ctx: AppContext) => ({ max: ctx.config.OTP_SENDS_PER_10_MINUTES, windowMs: 10 * MINUTE });
const OTP_MAX_ATTEMPTS = 5;
const RESEND_AFTER_MS = MINUTE;
/** Suggested wait after the registry failed to answer. */
const REGISTRY_RETRY_SECONDS = 60;

const anonymous = { type: 'anonymous' as const, id: null };
const tooMany = (h: Hit) => new IdentityError('OTP_TOO_MANY_REQUESTS', { retryAfterSeconds: h.retryAfterSeconds });

async function giveBack(ctx: AppContext, counted: Array<{ limit: Limit; hit: Hit }>): Promise<void> {
  for (const c of counted) await refund(ctx.database.db, c.limit, c.hit.windowStart);
}

/** Records a request the registry's answer (or silence) refused; nothing is sent. */
async function recordRefusal(ctx: AppContext, origin: RequestOrigin, at: Date, q: { nationalCode: string; mobile: string }, outcome: string, reference: string | null) {
  await withTransaction(ctx.database, async (tx) => {
    audit(tx, {
      actor: anonymous,
      origin,
      at,
      action: 'citizen.otp_refused',
      objectType: 'otp_request',
      objectId: null,
      details: { outcome, nationalCode: maskNationalCode(q.nationalCode), mobile: maskMobile(q.mobile), registryReference: reference },
    });
  });
}

/**
 * The registry's reference when it matches the mobile to the national code and a code may be
 * sent to it now: refusals are bounded per national code and per mobile (probing who owns what),
 * recorded, and answered alike (MOBILE_NOT_OWNED) for a number that is someone else's and one
 * nobody holds; codes sent are bounded per person and per phone. Sign-in and a counter's consent
 * (channels module) both ask this before sending a code.
 */
export async function matchedForCode(ctx: AppContext, q: { nationalCode: string; mobile: string }, origin: RequestOrigin): Promise<string> {
  const now = ctx.clock.now();
  const db = ctx.database.db;
  const { nationalCode, mobile } = q;
  // Counted as mismatches before asking (so concurrent requests cannot all slip under the limit),
  // given back when the answer is a match or never came.
  const probe = await hitAll(db, [
    { bucket: 'otp-mismatch:national-code', key: nationalCode, ...MISMATCHES },
    { bucket: 'otp-mismatch:mobile', key: mobile, ...MISMATCHES },
  ], now);
  if (probe.refused) {
    await giveBack(ctx, probe.counted);
    throw tooMany(probe.refused);
  }
  let answer: OwnershipAnswer;
  try {
    answer = await checkMobileOwnership(ctx.mobileRegistry, q, ctx.config.SHAHKAR_TIMEOUT_MS);
  } catch (err) {
    if (!(err instanceof MobileRegistryUnavailable)) throw err;
    ctx.log.warn({ err, reason: err.reason }, 'mobile-ownership registry unavailable; no code sent');
    await giveBack(ctx, probe.counted);
    await recordRefusal(ctx, origin, now, q, err.reason === 'timeout' ? 'timeout' : 'error', null);
    throw new IdentityError('MOBILE_REGISTRY_UNAVAILABLE', { retryAfterSeconds: REGISTRY_RETRY_SECONDS });
  }
  if (answer.outcome !== 'match') {
    await recordRefusal(ctx, origin, now, q, answer.outcome, answer.reference);
    throw new IdentityError('MOBILE_NOT_OWNED');
  }
  await giveBack(ctx, probe.counted);
  const sends = await hitAll(db, [
    { bucket: 'otp-send:national-code', key: nationalCode, ...sendLimit(ctx) },
    { bucket: 'otp-send:mobile', key: mobile, ...sendLimit(ctx) },
  ], now);
  if (sends.refused) throw tooMany(sends.refused);
  return answer.reference;
}

/** A fresh six-digit one-time code. */
export const newOneTimeCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * Sends a one-time code when the registry matches the mobile to the national code (matchedForCode).
 * Nothing here depends on whether the national code has a Dargah account.
 */
export async function requestOtp(ctx: AppContext, nationalCode: string, mobile: string, origin: RequestOrigin) {
  const now = ctx.clock.now();
  const registryRef = await matchedForCode(ctx, { nationalCode, mobile }, origin);
  const id = randomUUID();
  const code = newOneTimeCode();
  const expiresAt = new Date(now.getTime() + ctx.config.OTP_TTL_SECONDS * 1000);
  await withTransaction(ctx.database, async (tx) => {
    await repo.insertChallenge(tx.db, { id, nationalCode, mobile, codeHash: sha256(`${id}:${code}`), expiresAt, ip: origin.ip ?? null, registryRef }, now);
    await notify(ctx, tx, otpTemplate, { to: { sms: mobile }, personalisation: { code } });
    audit(tx, { actor: anonymous, origin, at: now, action: 'citizen.otp_requested', objectType: 'otp_challenge', objectId: id, details: { registryReference: registryRef } });
  });
  return { challengeId: id, expiresAt: expiresAt.toISOString(), resendAfter: new Date(now.getTime() + RESEND_AFTER_MS).toISOString() };
}

/**
 * The person a registry-matched one-time code proves (a sign-in's challenge, or a counter
 * consent's), created the first time. When the registry matched a
 * different number than the one stored, the number changes here, is recorded, and the old number
 * is told.
 */
export async function personFor(ctx: AppContext, tx: Tx, c: { nationalCode: string; mobile: string; registryRef: string }, origin: RequestOrigin, now: Date): Promise<string> {
  let person = await repo.lockPerson(tx.db, c.nationalCode);
  if (!person) {
    const id = await repo.insertPerson(tx.db, c.nationalCode, c.mobile, now);
    if (id) {
      await appendEvent(tx, { streamType: 'citizen', streamId: id, action: 'registered', actor: { type: 'citizen', id }, origin, at: now });
      return id;
    }
    person = (await repo.lockPerson(tx.db, c.nationalCode))!; // created by a concurrent sign-in
  }
  if (person.mobile !== c.mobile) {
    await repo.changeMobile(tx.db, person.id, c.mobile, now);
    const change = { from: person.mobile ? maskMobile(person.mobile) : null, to: maskMobile(c.mobile), registryReference: c.registryRef };
    const actor = { type: 'citizen' as const, id: person.id };
    await recordChange(tx, { actor, origin, at: now }, { stream: 'citizen', id: person.id, event: 'mobile_changed', audit: 'citizen.mobile_changed', agencyId: null, details: change });
    if (person.mobile) await notify(ctx, tx, mobileChangedTemplate, { to: { sms: person.mobile }, personalisation: { newMobile: maskMobile(c.mobile) }, reference: person.id });
  }
  return person.id;
}

export async function verifyOtp(ctx: AppContext, challengeId: string, code: string, origin: RequestOrigin): Promise<NewSession> {
  const now = ctx.clock.now();
  // A wrong code is counted in its own transaction, so the count survives the refusal.
  const outcome = await withTransaction(ctx.database, async (tx) => {
    const c = await repo.lockChallenge(tx.db, challengeId);
    if (!c || c.consumedAt) return { ok: false as const, error: 'OTP_INVALID' as const, remaining: 0 };
    // A code sent before the registry was asked proves nothing: it cannot sign anyone in.
    if (new Date(c.expiresAt) <= now || !c.registryRef) return { ok: false as const, error: 'OTP_EXPIRED' as const, remaining: 0 };
    if (c.attempts >= OTP_MAX_ATTEMPTS) return { ok: false as const, error: 'OTP_TOO_MANY_ATTEMPTS' as const, remaining: 0 };
    if (!csrfMatches(c.codeHash, sha256(`${c.id}:${code}`))) {
      await repo.countChallengeFailure(tx.db, c.id);
      audit(tx, { actor: anonymous, origin, at: now, action: 'citizen.otp_failed', objectType: 'otp_challenge', objectId: c.id });
      return { ok: false as const, error: 'OTP_INVALID' as const, remaining: OTP_MAX_ATTEMPTS - c.attempts - 1 };
    }
    await repo.consumeChallenge(tx.db, c.id, now);
    const personId = await personFor(ctx, tx, { ...c, registryRef: c.registryRef }, origin, now);
    const session = await openSession(ctx, tx.db, 'citizen', personId, origin);
    const actor = { type: 'citizen' as const, id: personId };
    await recordChange(tx, { actor, origin, at: now }, { stream: 'citizen', id: personId, event: 'signed_in', audit: 'citizen.sign_in', agencyId: null, payload: { method: 'otp' } });
    return { ok: true as const, session };
  });
  if (!outcome.ok) throw new IdentityError(outcome.error, { remainingAttempts: Math.max(0, outcome.remaining) });
  return outcome.session;
}

/**
 * The person with this national code, seen in person with their original national card (an
 * agency's in-person desk): created without a mobile when Dargah does not know them yet, since
 * nothing proved one; their first sign-in by one-time code adds it.
 */
export async function personSeenInPerson(tx: Tx, nationalCode: string, origin: RequestOrigin, now: Date): Promise<string> {
  const known = await repo.lockPerson(tx.db, nationalCode);
  if (known) return known.id;
  const id = await repo.insertPerson(tx.db, nationalCode, null, now);
  if (!id) return (await repo.lockPerson(tx.db, nationalCode))!.id; // created by a concurrent request
  await appendEvent(tx, { streamType: 'citizen', streamId: id, action: 'registered', actor: { type: 'citizen', id }, origin, at: now, payload: { by: 'national_card_seen' } });
  return id;
}
