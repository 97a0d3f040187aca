import type { onRequestAsyncHookHandler } from 'fastify';
import type { AppContext } from '../context';
import { DomainError } from '../http/errors';
import { hit } from './counters';

/**
 * A route hook that limits requests per client address to `max` a window (a minute by default),
 * counted in the database so that every app process shares the one limit. Runs before the body
 * is parsed; past the limit it answers 429 RATE_LIMITED with `retryAfterSeconds` (and Retry-After).
 */
export function limitPerAddress(ctx: AppContext, bucket: string, max: number, windowMs = 60_000): onRequestAsyncHookHandler {
  const hook: onRequestAsyncHookHandler = async (req) => {
    const h = await hit(ctx.database.db, { bucket, key: req.ip, max, windowMs }, ctx.clock.now());
    if (!h.allowed) throw new DomainError('RATE_LIMITED', { retryAfterSeconds: h.retryAfterSeconds });
  };
  limitHooks.add(hook);
  return hook;
}

const limitHooks = new WeakSet<object>();

/** Whether a route hook is a `limitPerAddress` limit (its operation documents 429 RATE_LIMITED, ADR 0024). */
export const isRateLimited = (hook: unknown): boolean => typeof hook === 'function' && limitHooks.has(hook);
