import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { iso, rows, type Database, type Db } from '../db';
import { TimeoutError, withTimeout } from '../timeout';

/**
 * The mobile-ownership registry (شاهکار, kept by the operators under the Communications
 * Regulatory Authority): is this SIM registered to this national code? Every SIM in Iran is
 * registered to its owner's national code, so a one-time code sent to a matching number proves
 * the person, where a code sent to any number proves only that someone holds some phone.
 */
export type OwnershipOutcome = 'match' | 'no_match' | 'not_found';

export interface OwnershipAnswer {
  /** match: registered to this national code; no_match: to someone else; not_found: not registered. */
  outcome: OwnershipOutcome;
  /** The registry's reference for this answer (kept with what the answer allowed). */
  reference: string;
}

export interface MobileOwnershipRegistry {
  readonly mode: 'simulator' | 'live';
  /** Asks the registry; rejects when it fails. Stops waiting when `signal` aborts. */
  check(q: { nationalCode: string; mobile: string }, signal: AbortSignal): Promise<OwnershipAnswer>;
}

/** The registry did not answer in time, or failed: nothing may be decided on its behalf. */
export class MobileRegistryUnavailable extends Error {
  constructor(
    readonly reason: 'timeout' | 'error',
    options?: { cause?: unknown },
  ) {
    super(`mobile-ownership registry unavailable (${reason})`, options);
    this.name = 'MobileRegistryUnavailable';
  }
}

/** Asks the registry, waiting at most `timeoutMs`; a timeout or failure is MobileRegistryUnavailable. */
export async function checkMobileOwnership(
  registry: MobileOwnershipRegistry,
  q: { nationalCode: string; mobile: string },
  timeoutMs: number,
): Promise<OwnershipAnswer> {
  const controller = new AbortController();
  try {
    return await withTimeout(registry.check(q, controller.signal), timeoutMs);
  } catch (err) {
    throw new MobileRegistryUnavailable(err instanceof TimeoutError ? 'timeout' : 'error', { cause: err });
  } finally {
    controller.abort();
  }
}

/** Numbers 0999 999 98xx never get an answer from the simulator (the caller's timeout ends the wait). */
export const SIMULATOR_SILENT_RANGE = /^0999999998\d$/;

/**
 * Behaves like the registry: a network latency, then match / no match / not found from its
 * register (`mobile_registry_simulator`, written by the development seed and the tests through
 * `registerSimulatedSubscriber`), and silence for the reserved range 0999 999 98xx. A number that
 * nobody registered is "not found", as an unissued number is for the real registry.
 */
export function createMobileRegistrySimulator(database: Database, opts: { latencyMs?: number } = {}): MobileOwnershipRegistry {
  const latency = opts.latencyMs ?? 30;
  return {
    mode: 'simulator',
    async check({ nationalCode, mobile }, signal) {
      await delay(Math.round(latency * (0.5 + Math.random())), undefined, { signal });
      if (SIMULATOR_SILENT_RANGE.test(mobile)) await delay(2 ** 31 - 1, undefined, { signal });
      const [owner] = await rows<{ nationalCode: string }>(
        database.db,
        sql`SELECT national_code AS "nationalCode" FROM mobile_registry_simulator WHERE mobile = ${mobile}`,
      );
      const reference = `sim-${randomUUID()}`;
      if (!owner) return { outcome: 'not_found', reference };
      return { outcome: owner.nationalCode === nationalCode ? 'match' : 'no_match', reference };
    },
  };
}

/**
 * Registers a SIM to a national code in the simulator's register (a SIM passed on to a new owner
 * is registered to them instead). For the development seed and tests only.
 */
export async function registerSimulatedSubscriber(db: Db, s: { nationalCode: string; mobile: string }, now: Date): Promise<void> {
  await rows(db, sql`
    INSERT INTO mobile_registry_simulator (mobile, national_code, registered_at)
    VALUES (${s.mobile}, ${s.nationalCode}, ${iso(now)}::timestamptz)
    ON CONFLICT (mobile) DO UPDATE SET national_code = EXCLUDED.national_code, registered_at = EXCLUDED.registered_at`);
}
