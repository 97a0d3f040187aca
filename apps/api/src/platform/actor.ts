/** Who is acting. Every event and audit entry names one; later modules fill in sessions and roles. */
export type ActorType = 'anonymous' | 'citizen' | 'staff' | 'system' | 'api_client';

export interface ActorRef {
  type: ActorType;
  id: string | null;
  /** Set when a delegate (جانشین) acts for someone: the person on whose behalf. */
  onBehalfOfId?: string | null;
  /** Agency the actor acts within, when any. */
  agencyId?: string | null;
}

/** Where a change came from. */
export interface RequestOrigin {
  requestId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export const systemActor: ActorRef = { type: 'system', id: 'system' };
export const anonymousActor: ActorRef = { type: 'anonymous', id: null };
