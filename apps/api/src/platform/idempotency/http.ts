import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { idempotencyClaim, type IdempotencyClaim, type Replayable } from './claim';

/**
 * The Idempotency-Key header of a write. Loose: the other headers (cookie, CSRF token) must survive
 * validation.
 */
export const IdempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .optional()
    .describe(
      'Makes a retried write safe: the same key replays the first result (with the header idempotent-replayed: true); the same key with another body is refused (IDEMPOTENCY_KEY_REUSED).',
    ),
});

/** The description of a create that takes an Idempotency-Key, for its OpenAPI entry. */
export const IDEMPOTENT_CREATE =
  'Send an Idempotency-Key header (8 to 200 letters, digits, - or _) to make retries safe: the same key again answers the first status and body with the header idempotent-replayed: true, and creates nothing; the same key with another body is refused (422 IDEMPOTENCY_KEY_REUSED).';

/**
 * The Idempotency-Key claim of a write, scoped to the actor and the operation (`op` names the
 * operation and, where it matters, its target: `org_unit.create:<agencyId>`). `body` is what the
 * replay check hashes (by default the request body): never a password or a secret, since an
 * unsalted hash of it would be stored.
 */
export function claimFrom(req: FastifyRequest, op: string, body: unknown = req.body): IdempotencyClaim | undefined {
  const key = req.headers['idempotency-key'];
  return idempotencyClaim(Array.isArray(key) ? key.join(',') : key, `${req.actor.type}:${req.actor.id}:${op}`, body);
}

/** Sends a write's result: its status and body, marked `idempotent-replayed: true` when replayed. */
export function sendReplayable<T>(reply: FastifyReply, r: Replayable<T>): FastifyReply {
  if (r.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(r.status).send(r.body);
}
