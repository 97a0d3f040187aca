import { z } from 'zod';

/**
 * zod compiles a fast parser for each object schema with `new Function` when it is built, and
 * probes whether it may by calling `new Function` once: under our Content-Security-Policy
 * (`script-src 'self'`, no `unsafe-eval`) that probe is reported as a CSP violation in every
 * visitor's console. Jitless zod interprets schemas instead, which is fast enough for the few
 * answers the browser checks. This module must be evaluated before any schema is built, so
 * `main.tsx` imports it first (ADR 0016).
 */
z.config({ jitless: true });
