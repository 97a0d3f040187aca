import type { Actor, RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { DomainError } from '../../platform/http/errors';
import * as repo from './identity.repository';
import { requireCitizen } from './identity.policy';

/** The profile of the person signed in, or of the company they act for. */
export async function getCitizenProfile(ctx: AppContext, actor: Actor) {
  requireCitizen(actor);
  const c = await repo.findCitizen(ctx.database.db, actor.onBehalfOfId ?? actor.id);
  if (!c) throw new DomainError('NOT_FOUND');
  return c;
}

export async function updateCitizenProfile(ctx: AppContext, actor: Actor, p: { name?: string | undefined; postalCode?: string | undefined; address?: string | undefined }, origin: RequestOrigin) {
  requireCitizen(actor);
  const id = actor.onBehalfOfId ?? actor.id;
  const now = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const updated = await repo.updateCitizenProfile(tx.db, id, p, now);
    await recordChange(tx, { actor, origin, at: now }, { stream: 'citizen', id, event: 'profile_updated', audit: 'citizen.profile_update', agencyId: null, details: { fields: Object.keys(p) } });
    return updated;
  });
}
