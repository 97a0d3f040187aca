import type { onRequestAsyncHookHandler } from 'fastify';
import type { AppContext } from '../context';
import { DomainError } from '../http/errors';
import { BatchedLimits } from './batched';

/** One set of batched counters per app context (process), closed with the app (`closeAddressLimits`). */
const limitsOf = new WeakMap<AppContext, BatchedLimits>();
const batchedLimits = (ctx: AppContext): BatchedLimits => {
  let l = limitsOf.get(ctx);
  if (!l) limitsOf.set(ctx, (l = new BatchedLimits(() => ctx.database.db, ctx.log)));
  return l;
};

/**
 * A route hook that limits requests per client address to `max` a window (a minute by default),
 * counted in the database so that every app process shares the one limit, in batches far from the
 * limit and hit by hit near it (`BatchedLimits`). Runs before the body is parsed; past the limit it
 * answers 429 RATE_LIMITED with `retryAfterSeconds` (and Retry-After).
 */
export function limitPerAddress(ctx: AppContext, bucket: string, max: number, windowMs = 60_000): onRequestAsyncHookHandler {
  const limits = batchedLimits(ctx);
  const hook: onRequestAsyncHookHandler = async (req) => {
    const h = await limits.hit({ bucket, key: req.ip, max, windowMs }, ctx.clock.now());
    if (!h.allowed) throw new DomainError('RATE_LIMITED', { retryAfterSeconds: h.retryAfterSeconds });
  };
  limitHooks.add(hook);
  return hook;
}

/** Writes the context's pending hits and stops its flush timer (the app's onClose). */
export const closeAddressLimits = (ctx: AppContext): Promise<void> => limitsOf.get(ctx)?.close() ?? Promise.resolve();

const limitHooks = new WeakSet<object>();

/** Whether a route hook is a `limitPerAddress` limit (its operation documents 429 RATE_LIMITED, ADR 0024). */
export const isRateLimited = (hook: unknown): boolean => typeof hook === 'function' && limitHooks.has(hook);
