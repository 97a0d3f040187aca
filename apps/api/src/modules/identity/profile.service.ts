import type { Actor, RequestOrigin } from '../../platform/actor';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { withTransaction } from '../../platform/db';
import { appendEvent } from '../../platform/events';
import * as repo from './identity.repository';
import { requireCitizen } from '../../platform/actor';
import { IdentityError } from './identity.errors';

/** The profile of the person signed in, or of the company they act for. */
export async function getCitizenProfile(ctx: AppContext, actor: Actor) {
  requireCitizen(actor);
  const c = await repo.findCitizen(ctx.database.db, actor.onBehalfOfId ?? actor.id);
  if (!c) throw new IdentityError('NOT_FOUND');
  return c;
}

export async function updateCitizenProfile(ctx: AppContext, actor: Actor, p: { name?: string | undefined; postalCode?: string | undefined; address?: string | undefined }, origin: RequestOrigin) {
  requireCitizen(actor);
  const id = actor.onBehalfOfId ?? actor.id;
  const now = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const updated = await repo.updateCitizenProfile(tx.db, id, p, now);
    await appendEvent(tx, { streamType: 'citizen', streamId: id, action: 'profile_updated', actor, origin, at: now, payload: { fields: Object.keys(p) } });
    audit(tx, { actor, origin, at: now, action: 'citizen.profile_update', objectType: 'citizen', objectId: id, details: { fields: Object.keys(p) } });
    return updated;
  });
}
