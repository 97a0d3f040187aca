/** Who is acting. Every event and audit entry names one. */
export type ActorType = 'anonymous' | 'citizen' | 'staff' | 'system' | 'api_client';

/** The reference stored with events and audit entries. */
export interface ActorRef {
  type: ActorType;
  id: string | null;
  /** Set when a delegate (جانشین) acts for someone, or a representative for a company: on whose behalf. */
  onBehalfOfId?: string | null;
  /** Agency the actor acts within, when any. */
  agencyId?: string | null;
}

import { ROLES } from '@dargah/contracts';

export { ROLES };
export type Role = (typeof ROLES)[number];

/** A role held in an agency (optionally one unit of it, optionally with its sub-agencies). */
export interface RoleGrant {
  role: Role;
  agencyId: string;
  unitId: string | null;
  includeSubagencies: boolean;
}

/** The resolved actor of a request. Its fields are what every policy decides on. */
export type Actor =
  | { type: 'anonymous'; id: null }
  | { type: 'system'; id: string }
  | {
      type: 'citizen';
      /** The real person signed in. */
      id: string;
      /** A company the person represents, when acting for it. */
      onBehalfOfId: string | null;
      sessionId: string;
    }
  | {
      type: 'staff';
      /** The person signed in (the delegate, when acting for someone). */
      id: string;
      /** The principal whose roles apply, when acting under a delegation. */
      onBehalfOfId: string | null;
      agencyId: string;
      grants: RoleGrant[];
      sessionId: string | null;
    }
  | { type: 'api_client'; id: string; agencyId: string; scopes: string[] };

/** Where a change came from. */
export interface RequestOrigin {
  requestId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * Who makes a change, from where, and when: what every recorded change names (`recordChange`).
 * A use case builds it once (`{ actor, origin, at: clock.now() }`) and passes it down. A recorded
 * change may name an actor only by reference (`Who<ActorRef>`), as a sign-in does before a session exists.
 */
export interface Who<A extends Actor | ActorRef = Actor> {
  actor: A;
  origin: RequestOrigin;
  at: Date;
}

export const systemActor: Actor = { type: 'system', id: 'system' };
export const anonymousActor: Actor = { type: 'anonymous', id: null };

/** The part of an actor that events and audit entries record. */
export function actorRef(a: Actor | ActorRef): ActorRef {
  return {
    type: a.type,
    id: a.id,
    onBehalfOfId: 'onBehalfOfId' in a ? (a.onBehalfOfId ?? null) : null,
    agencyId: 'agencyId' in a ? (a.agencyId ?? null) : null,
  };
}
