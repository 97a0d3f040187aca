import { randomBytes, randomInt } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type { Clock } from '../clock';
import { date, iso, rows, type Database } from '../db';
import { withTimeout } from '../timeout';

/**
 * An internet payment gateway (درگاه پرداخت اینترنتی) of the Shaparak network, as its merchants see
 * one (ADR 0037): the merchant asks for a token for an amount in rials, its own order id and a
 * callback URL; the buyer's browser is sent to the gateway's page with the token; the gateway sends
 * the browser back to the callback with the token, a state (OK, CanceledByUser, Failed) and a
 * reference number; the merchant then VERIFIES the token server to server, which says what was
 * actually paid. Nothing the browser brings back is trusted: only the verify. A verify of an unknown,
 * unpaid or reversed token fails; a repeated verify answers as the first; a payment the merchant will
 * not keep (the amount does not match) is reversed.
 */
export interface TokenRequest {
  amountRials: number;
  /** The merchant's order id (ResNum): our payment's id. */
  orderId: string;
  /** Where the gateway sends the buyer's browser back (absolute URL). */
  callbackUrl: string;
  /** The merchant's name as the gateway's page shows it. */
  merchant: string;
}

/** What a verify says: the amount actually paid and the reference number, or why there is none. */
export type VerifyAnswer =
  | { outcome: 'verified'; amountRials: number; referenceNumber: string }
  /**
   * unknown: the gateway issued no such token; pending: the buyer has not paid (yet); expired: the
   * token lapsed unpaid (it can no longer be paid); cancelled: the buyer cancelled; declined: the bank
   * refused the card; reversed: paid, then reversed.
   */
  | { outcome: 'failed'; reason: 'unknown' | 'pending' | 'expired' | 'cancelled' | 'declined' | 'reversed' };

export interface PaymentGateway {
  readonly mode: 'simulator' | 'live';
  /** Stored with each payment (payments.gateway). */
  readonly name: 'simulator';
  readonly description: string;
  /** A token for one payment, and the gateway page to send the buyer's browser to. Rejects when the gateway refuses or fails. */
  requestToken(req: TokenRequest, signal: AbortSignal): Promise<{ token: string; paymentUrl: string }>;
  /** Settles the token's payment (server to server); idempotent. */
  verify(token: string, signal: AbortSignal): Promise<VerifyAnswer>;
  /** Gives a paid token's money back; true when it is (now or already) reversed, false when there was nothing paid to reverse. */
  reverse(token: string, signal: AbortSignal): Promise<boolean>;
}

/** The gateway did not answer in time, or failed. */
export class PaymentGatewayUnavailable extends Error {
  constructor(options?: { cause?: unknown }) {
    super('payment gateway unavailable', options);
    this.name = 'PaymentGatewayUnavailable';
  }
}

/** Calls the gateway, waiting at most `timeoutMs`; a timeout or failure is PaymentGatewayUnavailable. */
export async function callGateway<T>(call: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
  const controller = new AbortController();
  try {
    return await withTimeout(call(controller.signal), timeoutMs);
  } catch (err) {
    throw new PaymentGatewayUnavailable({ cause: err });
  } finally {
    controller.abort();
  }
}

// The simulator -------------------------------------------------------------------------------

export type SimulatedState = 'issued' | 'paid' | 'cancelled' | 'declined' | 'verified' | 'reversed';
export interface SimulatedTransaction {
  token: string;
  orderId: string;
  amountRials: number;
  callbackUrl: string;
  merchant: string;
  state: SimulatedState;
  referenceNumber: string | null;
}

/** What the buyer may do on the simulated gateway's page. */
export type BuyerChoice = 'pay' | 'cancel' | 'decline';

export interface PaymentGatewaySimulator extends PaymentGateway {
  readonly mode: 'simulator';
  /** The transaction behind a token (the simulated page shows it). */
  transaction(token: string): Promise<SimulatedTransaction | undefined>;
  /**
   * The buyer pays, cancels, or the bank declines the card: only while the token is issued and has
   * not lapsed (a second click answers as the first). The URL to send the browser back to, with
   * token, state and reference.
   */
  choose(token: string, choice: BuyerChoice): Promise<string | undefined>;
  /** The next n reversals fail (the gateway unavailable), as tests ask. */
  failReversals(n: number): void;
}

/** How long the simulator's token can be paid: past it a verify says expired (a Shaparak token lives some 15–20 minutes). */
export const SIMULATED_TOKEN_LIFETIME_MS = 15 * 60_000;

const SIM = sql`
  SELECT token, order_id AS "orderId", amount_rials::float8 AS "amountRials", callback_url AS "callbackUrl", merchant, state, reference_number AS "referenceNumber",
         created_at AS "createdAt"
    FROM payment_simulator_transactions`;

const STATE_PARAM: Partial<Record<SimulatedState, string>> = { paid: 'OK', verified: 'OK', reversed: 'OK', cancelled: 'CanceledByUser', declined: 'Failed' };
const CHOSEN: Record<BuyerChoice, SimulatedState> = { pay: 'paid', cancel: 'cancelled', decline: 'declined' };

/** The callback URL with what the gateway adds: token, state, reference number (RefNum) and our order id (ResNum). */
export function callbackLocation(t: SimulatedTransaction): string {
  const u = new URL(t.callbackUrl);
  u.searchParams.set('token', t.token);
  u.searchParams.set('state', STATE_PARAM[t.state] ?? 'Failed');
  if (t.referenceNumber) u.searchParams.set('refNum', t.referenceNumber);
  u.searchParams.set('resNum', t.orderId);
  return u.toString();
}

/**
 * Behaves like a Shaparak gateway, with its ledger in `payment_simulator_transactions` (every process
 * answers for tokens any process issued): a short latency, 32-character tokens, 12-digit reference
 * numbers (RRN), verify and reverse as the real ones answer. Its page is `/sim/payment-gateway/:token`
 * (payment-gateway-page.ts), served only while it is the configured gateway.
 */
export function createPaymentGatewaySimulator(database: Database, clock: Clock, opts: { publicBaseUrl: string; latencyMs?: number }): PaymentGatewaySimulator {
  const latency = opts.latencyMs ?? 5;
  const db = database.db;
  let reversalFailures = 0;
  const find = async (token: string) => (await rows<SimulatedTransaction & { createdAt: unknown }>(db, sql`${SIM} WHERE token = ${token}`))[0];
  // An issued token past its lifetime: never paid, and it cannot be any more.
  const lapsed = (t: { state: SimulatedState; createdAt: unknown }) => t.state === 'issued' && clock.now().getTime() - date(t.createdAt).getTime() >= SIMULATED_TOKEN_LIFETIME_MS;
  const move = async (token: string, from: readonly SimulatedState[], to: SimulatedState, referenceNumber?: string) =>
    (
      await rows<SimulatedTransaction>(db, sql`
        UPDATE payment_simulator_transactions
           SET state = ${to}, updated_at = ${iso(clock.now())}::timestamptz
               ${referenceNumber ? sql`, reference_number = ${referenceNumber}` : sql``}
         WHERE token = ${token} AND state IN (${sql.join(from.map((s) => sql`${s}`), sql`, `)})
        RETURNING token`)
    ).length === 1;
  return {
    mode: 'simulator',
    name: 'simulator',
    description: 'internet payment gateway (درگاه پرداخت اینترنتی شاپرک): token, the buyer pays on its page, verify, reverse',
    async requestToken(req, signal) {
      await delay(latency, undefined, { signal });
      const token = randomBytes(24).toString('base64url');
      const now = iso(clock.now());
      await rows(db, sql`
        INSERT INTO payment_simulator_transactions (token, order_id, amount_rials, callback_url, merchant, state, created_at, updated_at)
        VALUES (${token}, ${req.orderId}, ${req.amountRials}, ${req.callbackUrl}, ${req.merchant}, 'issued', ${now}::timestamptz, ${now}::timestamptz)`);
      return { token, paymentUrl: `${opts.publicBaseUrl}/sim/payment-gateway/${token}` };
    },
    async verify(token, signal) {
      await delay(latency, undefined, { signal });
      await move(token, ['paid'], 'verified');
      const t = await find(token);
      if (!t) return { outcome: 'failed', reason: 'unknown' };
      if (t.state === 'verified') return { outcome: 'verified', amountRials: Number(t.amountRials), referenceNumber: t.referenceNumber! };
      if (lapsed(t)) return { outcome: 'failed', reason: 'expired' };
      return { outcome: 'failed', reason: t.state === 'issued' ? 'pending' : t.state === 'paid' ? 'pending' : t.state };
    },
    failReversals(n) {
      reversalFailures = n;
    },
    async reverse(token, signal) {
      await delay(latency, undefined, { signal });
      if (reversalFailures > 0) {
        reversalFailures--;
        throw new Error('the gateway is unavailable (simulated)');
      }
      await move(token, ['paid', 'verified'], 'reversed');
      return (await find(token))?.state === 'reversed';
    },
    transaction: async (token) => {
      const t = await find(token);
      if (!t) return undefined;
      const { createdAt: _, ...rest } = t;
      return { ...rest, amountRials: Number(t.amountRials) };
    },
    async choose(token, choice) {
      const ref = choice === 'pay' ? String(randomInt(1, 10)) + Array.from({ length: 11 }, () => randomInt(0, 10)).join('') : undefined;
      const issued = await find(token);
      if (issued && !lapsed(issued)) await move(token, ['issued'], CHOSEN[choice], ref);
      const t = await find(token);
      return t && t.state !== 'issued' ? callbackLocation(t) : undefined;
    },
  };
}
