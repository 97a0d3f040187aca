import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import { DomainError } from './errors';

/** What a refused client is told to wait, in seconds (Retry-After): a sample or two of the event loop. */
export const OVERLOADED_RETRY_SECONDS = 2;

/**
 * Load shedding (issue 13): while the event loop lags more than `maxEventLoopDelayMs` (sampled
 * every second by @fastify/under-pressure), every request but the liveness probe is answered at
 * once with 503 OVERLOADED and Retry-After, in the error envelope, before any work (no body read,
 * no database): a process that keeps accepting work it cannot do only gets slower for everyone.
 * Readiness (/readyz) answers 503 not_ready with `checks.load.ok` false, so a load balancer sends
 * the traffic elsewhere meanwhile.
 */
export async function registerLoadShedding(app: FastifyInstance, maxEventLoopDelayMs: number): Promise<void> {
  if (maxEventLoopDelayMs <= 0) return;
  await app.register(underPressure, {
    maxEventLoopDelay: maxEventLoopDelayMs,
    sampleInterval: 1_000,
    // A rejected promise goes to the platform's error handler: the envelope, in the asker's language.
    pressureHandler: (req) => {
      // The probes answer for themselves: alive, and not ready (health.ts asks isUnderPressure).
      if (req.url === '/healthz' || req.url === '/readyz') return undefined;
      return Promise.reject(new DomainError('OVERLOADED', { retryAfterSeconds: OVERLOADED_RETRY_SECONDS }));
    },
  });
}
