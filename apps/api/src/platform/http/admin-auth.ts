import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { DomainError } from './errors';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Platform-administration endpoints take a bearer token (ADMIN_API_TOKEN, or one generated and
 * printed at start in development) until staff sign-in and roles exist.
 */
export function requireAdminToken(req: FastifyRequest, token: string): void {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) throw new DomainError('UNAUTHENTICATED');
  if (!timingSafeEqual(digest(header.slice(7)), digest(token))) throw new DomainError('FORBIDDEN');
  req.actor = { type: 'system', id: 'operations-token' };
}
