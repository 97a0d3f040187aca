import type { Actor } from '../actor';
import { DomainError } from './errors';

/**
 * Who may call a route at all, declared on every /api/v1 route (`config: { access }`) and checked
 * before the body is even parsed. Finer rules (which agency, which object) live in each module's
 * policy and in the scoping of its queries.
 *  - public: anyone;  authenticated: any signed-in person or agency system;
 *  - citizen / staff: that kind of person;  agency_system: an API token;
 *  - operations: the operations token (checked by the operations module itself).
 */
export type Access = 'public' | 'authenticated' | 'citizen' | 'staff' | 'agency_system' | 'operations';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export function checkAccess(access: Access | undefined, actor: Actor): void {
  if (!access || access === 'public' || access === 'operations') return;
  if (actor.type === 'anonymous') throw new DomainError('UNAUTHENTICATED');
  const ok =
    access === 'authenticated' ||
    (access === 'citizen' && actor.type === 'citizen') ||
    (access === 'staff' && actor.type === 'staff') ||
    (access === 'agency_system' && actor.type === 'api_client');
  if (!ok) throw new DomainError('FORBIDDEN');
}
