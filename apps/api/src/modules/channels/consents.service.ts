import { randomUUID } from 'node:crypto';
import type { ConsentChallenge } from '@dargah/contracts';
import { maskMobile, maskNationalCode } from '@dargah/persian';
import { audit } from '../../platform/audit';
import type { RequestOrigin, StaffActor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Tx } from '../../platform/db';
import { notify } from '../../platform/notify';
import { csrfMatches, matchedForCode, newOneTimeCode, sha256 } from '../identity';
import { ChannelsError } from './channels.errors';
import { consentCodeTemplate } from './channels.notifications';
import * as repo from './channels.repository';

/*
 * A citizen's consent to a request entered for them: the identity module's one-time-code
 * mechanics (the registry must match the mobile to the national code first; sends bounded per
 * person and per phone; the code stored hashed with the consent's id, expiring, five wrong
 * attempts), kept in channel_consents so a consent can never sign anyone in, and spent by one request.
 */

const MAX_ATTEMPTS = 5;

export interface ConsentPlace {
  channel: 'counter' | 'in_person';
  officeId: string | null;
  agencyId: string | null;
  /** Named in the SMS: the counter office, or the agency. */
  name: string;
}

/** Sends the citizen a consent code for a request `staff` will enter at `place`. */
export async function startConsent(ctx: AppContext, staff: StaffActor, origin: RequestOrigin, q: { nationalCode: string; mobile: string }, place: ConsentPlace): Promise<ConsentChallenge> {
  const registryRef = await matchedForCode(ctx, q, origin);
  const now = ctx.clock.now();
  const id = randomUUID();
  const code = newOneTimeCode();
  const expiresAt = new Date(now.getTime() + ctx.config.OTP_TTL_SECONDS * 1000);
  await withTransaction(ctx.database, async (tx) => {
    await repo.insertConsent(tx.db, { id, channel: place.channel, staffId: staff.id, officeId: place.officeId, agencyId: place.agencyId, ...q, codeHash: sha256(`${id}:${code}`), registryRef, expiresAt }, now);
    await notify(ctx, tx, consentCodeTemplate, { to: { sms: q.mobile }, personalisation: { code, place: place.name }, ...(place.agencyId ? { agencyId: place.agencyId } : {}) });
    audit(tx, {
      actor: staff,
      origin,
      at: now,
      action: 'channel_consent.request',
      objectType: 'channel_consent',
      objectId: id,
      agencyId: place.agencyId,
      details: { channel: place.channel, officeId: place.officeId, nationalCode: maskNationalCode(q.nationalCode), mobile: maskMobile(q.mobile), registryReference: registryRef },
    });
  });
  return { consentId: id, expiresAt: expiresAt.toISOString(), mobileMasked: maskMobile(q.mobile) };
}

/**
 * Checks the code the citizen read out against the consent `staff` started at `place`. A wrong
 * code is counted in its own transaction, so the count survives the refusal; another staff
 * member's or another place's consent is not found. A consent already spent passes here: only a
 * retry with the same Idempotency-Key gets past the submission (which spends it once).
 */
export async function checkConsent(ctx: AppContext, staff: StaffActor, origin: RequestOrigin, consentId: string, code: string, place: Pick<ConsentPlace, 'channel' | 'officeId' | 'agencyId'>): Promise<repo.ConsentRow> {
  const now = ctx.clock.now();
  type Outcome = { consent: repo.ConsentRow } | { error: 'CONSENT_NOT_FOUND' | 'CONSENT_TOO_MANY_ATTEMPTS' | 'CONSENT_CODE_WRONG' | 'CONSENT_EXPIRED'; remaining?: number };
  const outcome = await withTransaction(ctx.database, async (tx): Promise<Outcome> => {
    const c = await repo.lockConsent(tx.db, consentId);
    if (!c || c.staffId !== staff.id || c.channel !== place.channel || c.officeId !== place.officeId || c.agencyId !== place.agencyId)
      return { error: 'CONSENT_NOT_FOUND' as const };
    if (c.attempts >= MAX_ATTEMPTS) return { error: 'CONSENT_TOO_MANY_ATTEMPTS' as const };
    if (!csrfMatches(c.codeHash, sha256(`${c.id}:${code}`))) {
      await repo.countConsentFailure(tx.db, c.id);
      audit(tx, { actor: staff, origin, at: now, action: 'channel_consent.code_failed', objectType: 'channel_consent', objectId: c.id, agencyId: c.agencyId });
      return { error: 'CONSENT_CODE_WRONG' as const, remaining: MAX_ATTEMPTS - c.attempts - 1 };
    }
    if (!c.consumedAt && c.expiresAt <= now) return { error: 'CONSENT_EXPIRED' as const };
    return { consent: c };
  });
  if ('consent' in outcome) return outcome.consent;
  throw new ChannelsError(outcome.error, { consentId, ...(outcome.remaining !== undefined ? { remainingAttempts: Math.max(0, outcome.remaining) } : {}) });
}

/** Spends the consent on the request in the submission's transaction; a second spending (or after expiry) is refused. */
export async function spendConsent(tx: Tx, consentId: string, requestId: string, now: Date): Promise<void> {
  if (await repo.consumeConsent(tx.db, consentId, requestId, now)) return;
  const c = await repo.lockConsent(tx.db, consentId);
  throw new ChannelsError(c && !c.consumedAt ? 'CONSENT_EXPIRED' : 'CONSENT_USED', { consentId });
}
