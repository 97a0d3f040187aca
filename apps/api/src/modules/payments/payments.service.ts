import { randomUUID } from 'node:crypto';
import type { FeeRule, MyPayment, PaymentCallback, PaymentStarted, PaymentView, RequestPayment, StartPayment } from '@dargah/contracts';
import { z } from 'zod';
import { requireCitizen, systemActor, type Actor, type CitizenActor, type RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db, type Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { decodeTimeCursor, encodeTimeCursor } from '../../platform/http/cursor';
import type { Lang } from '../../platform/http/i18n';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { callGateway, PaymentGatewayUnavailable, type VerifyAnswer } from '../../platform/integrations/payment-gateway';
import type { JobDefinition } from '../../platform/jobs';
import { assertOpenForRequests, findPublishedService, servicesByIds, ServicesError } from '../services';
import { PaymentsError } from './payments.errors';
import * as repo from './payments.repository';

/*
 * Fees of desk services paid through the internet payment gateway (issue 11 item 1, ADR 0037): a
 * citizen starts a payment of the fixed fee of a service's published version and is sent to the
 * gateway; the gateway's callback is verified with the gateway (nothing the browser brings back is
 * trusted) and records the payment paid, cancelled or failed; a submission of the same person to the
 * same service spends it, once.
 */

const STREAM = 'payment';

export const paymentView = (p: repo.PaymentRecord): PaymentView => ({
  id: p.id,
  serviceId: p.serviceId,
  serviceVersion: p.serviceVersion,
  amountRials: p.amountRials,
  status: p.status,
  referenceNumber: p.referenceNumber,
  failure: p.failure,
  requestId: p.requestId,
  createdAt: p.createdAt.toISOString(),
  paidAt: p.paidAt?.toISOString() ?? null,
});

/** A gateway call: its failure or timeout is 503 PAYMENT_GATEWAY_UNAVAILABLE. */
async function gateway<T>(ctx: AppContext, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  try {
    return await callGateway(call, ctx.config.PAYMENT_TIMEOUT_MS);
  } catch (err) {
    if (err instanceof PaymentGatewayUnavailable) {
      ctx.log.warn({ err }, 'payment gateway unavailable');
      throw new PaymentsError('PAYMENT_GATEWAY_UNAVAILABLE');
    }
    throw err;
  }
}

/**
 * A citizen starts paying the fee of a published service's version: the gateway gives a token for
 * the amount, our payment id (its order id) and our callback; the payment is recorded started with
 * its event and audit entry, and the browser is to go to the gateway's page. A service without a fee
 * is PAYMENT_NOT_REQUIRED. With an Idempotency-Key a retry returns the first payment (the token it
 * asked for meanwhile is never used: the gateway lets it lapse).
 */
export async function startPayment(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  input: StartPayment,
  claim?: IdempotencyClaim,
): Promise<Replayable<PaymentStarted, 201>> {
  requireCitizen(actor);
  const service = await findPublishedService(ctx.database.db, input.serviceId);
  if (!service?.publishedVersion) throw new ServicesError('SERVICE_NOT_FOUND', { serviceId: input.serviceId });
  await assertOpenForRequests(ctx.database.db, service, ctx.clock.now());
  const fee = service.feeRule;
  if (fee.kind !== 'fixed') throw new PaymentsError('PAYMENT_NOT_REQUIRED', { serviceId: service.id });
  const id = randomUUID();
  // The gateway is asked outside any transaction (no network wait holds the database).
  const { token, paymentUrl } = await gateway(ctx, (signal) =>
    ctx.payments.requestToken({ amountRials: fee.amountRials, orderId: id, callbackUrl: `${ctx.config.PUBLIC_BASE_URL}/api/v1/payments/callback`, merchant: ctx.config.PAYMENT_MERCHANT_NAME }, signal),
  );
  const now = ctx.clock.now();
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, now, async () => {
      await repo.insertPayment(
        tx.db,
        { id, citizenId: actor.id, onBehalfOfId: actor.onBehalfOfId, serviceId: service.id, serviceVersion: service.publishedVersion!, agencyId: service.agencyId, amountRials: fee.amountRials, gateway: ctx.payments.name, token },
        now,
        new Date(now.getTime() + RECONCILE_GRACE_MS),
      );
      await recordChange(tx, { actor, origin, at: now }, {
        stream: STREAM,
        id,
        event: 'started',
        audit: 'payment.start',
        agencyId: service.agencyId,
        details: { serviceId: service.id, serviceVersion: service.publishedVersion, amountRials: fee.amountRials, gateway: ctx.payments.name },
      });
      return { status: 201 as const, body: { paymentId: id, redirectUrl: paymentUrl } };
    }),
  );
}

/** What a verify answer makes of a started payment: paid, ended (cancelled, failed or expired), or unchanged (the payer has not finished). */
type Outcome =
  | { to: 'paid'; referenceNumber: string }
  | { to: 'ended'; failure: repo.PaymentFailure; paidRials?: number; reversed?: boolean }
  | { to: 'unchanged'; reason: string };

async function outcomeOf(ctx: AppContext, p: repo.PaymentRecord, answer: VerifyAnswer): Promise<Outcome> {
  if (answer.outcome === 'verified') {
    if (answer.amountRials === p.amountRials) return { to: 'paid', referenceNumber: answer.referenceNumber };
    // Not the fee: the money goes back (reverse is idempotent, so concurrent callbacks may both ask);
    // a reversal the gateway did not confirm is owed, and the reconcile job asks again.
    const reversed = await gateway(ctx, (signal) => ctx.payments.reverse(p.token, signal)).catch(() => false);
    if (!reversed) ctx.log.error({ paymentId: p.id }, 'a payment of the wrong amount could not be reversed: the reconcile job will retry');
    return { to: 'ended', failure: 'amount_mismatch', paidRials: answer.amountRials, reversed };
  }
  if (answer.reason === 'cancelled') return { to: 'ended', failure: 'cancelled' };
  if (answer.reason === 'expired') return { to: 'ended', failure: 'expired' };
  if (answer.reason === 'declined' || answer.reason === 'reversed') return { to: 'ended', failure: 'declined' };
  return { to: 'unchanged', reason: answer.reason };
}

const ENDED_EVENT: Record<repo.PaymentFailure, { event: string; audit: string }> = {
  cancelled: { event: 'cancelled', audit: 'payment.cancel' },
  declined: { event: 'failed', audit: 'payment.fail' },
  amount_mismatch: { event: 'failed', audit: 'payment.fail' },
  expired: { event: 'expired', audit: 'payment.expire' },
};

/**
 * Verifies a started payment with the gateway and records what it says, with its event and audit
 * entry (actor: the system): the one place that decides a payment's outcome, for the callback and
 * the reconcile job alike. `via` says which asked; `stateClaimed`, what the callback claimed.
 * Whether it moved the payment (false: the gateway says the payer has not finished, or another
 * callback or run recorded it first). PAYMENT_GATEWAY_UNAVAILABLE when the gateway does not answer.
 */
async function settle(ctx: AppContext, origin: RequestOrigin, p: repo.PaymentRecord, via: { via: 'callback' | 'reconcile'; stateClaimed: string | null }): Promise<boolean> {
  const answer = await gateway(ctx, (signal) => ctx.payments.verify(p.token, signal));
  const outcome = await outcomeOf(ctx, p, answer);
  if (outcome.to === 'unchanged') {
    ctx.log.warn({ paymentId: p.id, reason: outcome.reason, ...via }, 'payment not confirmed by the gateway');
    return false;
  }
  const now = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const reversal = outcome.to === 'ended' && outcome.reversed !== undefined ? (outcome.reversed ? 'done' : 'owed') : null;
    const moved = outcome.to === 'paid' ? await repo.markPaid(tx.db, p.id, outcome.referenceNumber, now) : await repo.markEnded(tx.db, p.id, outcome.failure, now, reversal);
    // Another callback or run settled it first: nothing more to record.
    if (!moved) return false;
    const who = { actor: systemActor, origin, at: now };
    const base = { stream: STREAM, id: p.id, agencyId: p.agencyId };
    if (outcome.to === 'paid')
      await recordChange(tx, who, { ...base, event: 'paid', audit: 'payment.pay', details: { amountRials: p.amountRials, referenceNumber: outcome.referenceNumber, ...via } });
    else
      await recordChange(tx, who, {
        ...base,
        ...ENDED_EVENT[outcome.failure],
        details: { failure: outcome.failure, amountRials: p.amountRials, ...(outcome.paidRials !== undefined ? { paidRials: outcome.paidRials, reversed: outcome.reversed } : {}), ...via },
      });
    return true;
  });
}

/**
 * The gateway's callback (the payer's browser, sent back by the gateway): the token's payment is
 * verified with the gateway whatever state the callback claims, then recorded paid (the verified
 * amount is the fee), failed (another amount: reversed; or declined), cancelled or expired, with its
 * event and audit entry (settle). A payment already settled is returned as it is: a replayed or
 * concurrent callback changes nothing. An unknown token is PAYMENT_NOT_FOUND.
 */
export async function completePayment(ctx: AppContext, origin: RequestOrigin, q: z.infer<typeof PaymentCallback>): Promise<PaymentView> {
  const db = ctx.database.db;
  const p = await repo.findPaymentByToken(db, q.token);
  if (!p) throw new PaymentsError('PAYMENT_NOT_FOUND', {});
  if (p.status !== 'started') return paymentView(p);
  await settle(ctx, origin, p, { via: 'callback', stateClaimed: q.state ?? null });
  return paymentView((await repo.findPayment(db, p.id))!);
}

// Reconciliation ---------------------------------------------------------------------------------

const MINUTE_MS = 60_000;
/**
 * How long a started payment is left to its own callback before the job asks the gateway: the
 * simulator's token lifetime (a live gateway's is some 15–20 minutes), so that a payer still on the
 * gateway's page is not raced, and a token never paid is by then expired.
 */
export const RECONCILE_GRACE_MS = 15 * MINUTE_MS;
const SWEEP_MS = 5 * MINUTE_MS;
/** How many payments one claim takes (and asks the gateway about at once). */
const BATCH = 10;

/** The periodic sweep that verifies payments left started and retries owed reversals (ADR 0040). */
export const reconcileJob = (ctx: AppContext): JobDefinition<z.ZodObject<Record<string, never>>> => ({
  kind: 'payments.reconcile',
  payload: z.object({}),
  async handle(_payload, jc) {
    const run = await reconcilePayments(ctx);
    if (run.settled + run.reversed + run.unavailable > 0) jc.log.info(run, 'payments reconciled with the gateway');
  },
});

export function definePaymentsJobs(ctx: AppContext): void {
  ctx.jobs.every(reconcileJob(ctx), SWEEP_MS, {});
}

type ReconcileRun = { settled: number; pending: number; reversed: number; unavailable: number };

/**
 * One sweep: claims the payments whose time has come (each by one run: FOR UPDATE SKIP LOCKED, then
 * a lease past the gateway's timeout) and, outside any transaction, asks the gateway: a started one
 * is verified and recorded as the callback would (settle; a callback that lands first wins, and the
 * other records nothing); an owed reversal is asked again and, once the gateway confirms it,
 * recorded with its event and audit entry (payment.reverse). A payment the gateway has no answer
 * for yet (pending, or the gateway down) keeps its lease, and is looked at again once it is over.
 */
export async function reconcilePayments(ctx: AppContext): Promise<ReconcileRun> {
  const run: ReconcileRun = { settled: 0, pending: 0, reversed: 0, unavailable: 0 };
  const lease = ctx.config.PAYMENT_TIMEOUT_MS + MINUTE_MS;
  for (;;) {
    const now = ctx.clock.now();
    const claimed = await withTransaction(ctx.database, (tx) => repo.claimToReconcile(tx.db, BATCH, now, new Date(now.getTime() + lease)));
    for (const outcome of await Promise.all(claimed.map((p) => reconcileOne(ctx, p)))) run[outcome]++;
    if (claimed.length < BATCH) return run;
  }
}

async function reconcileOne(ctx: AppContext, p: repo.PaymentRecord): Promise<keyof ReconcileRun> {
  try {
    if (p.status === 'started') return (await settle(ctx, {}, p, { via: 'reconcile', stateClaimed: null })) ? 'settled' : 'pending';
    if (p.reversal !== 'owed') return 'pending';
    if (!(await gateway(ctx, (signal) => ctx.payments.reverse(p.token, signal)))) {
      ctx.log.error({ paymentId: p.id }, 'the gateway has nothing to reverse for a payment of the wrong amount: reconcile it with the gateway by hand');
      return 'pending';
    }
    const now = ctx.clock.now();
    await withTransaction(ctx.database, async (tx) => {
      if (!(await repo.markReversed(tx.db, p.id, now))) return;
      await recordChange(tx, { actor: systemActor, origin: {}, at: now }, { stream: STREAM, id: p.id, event: 'reversed', audit: 'payment.reverse', agencyId: p.agencyId, details: { amountRials: p.amountRials, via: 'reconcile' } });
    });
    return 'reversed';
  } catch (err) {
    if (err instanceof PaymentsError && err.code === 'PAYMENT_GATEWAY_UNAVAILABLE') return 'unavailable';
    throw err;
  }
}

/** The tracking codes of requests by id: the requests module's, given by it (it imports this module, not the other way round). */
export type TrackingCodes = (db: Db, requestIds: readonly string[]) => Promise<Map<string, string>>;
let trackingCodes: TrackingCodes = () => Promise.resolve(new Map<string, string>());
export const onTrackingCodes = (lookUp: TrackingCodes): void => {
  trackingCodes = lookUp;
};

/**
 * The signed-in citizen's payments, newest first, with the service's title (in the reader's
 * language) and the tracking code of the request that spent each: their own, or the company's while
 * acting for it (as their requests are listed: listMyRequests). Staff are refused by requireCitizen.
 */
export async function listMyPayments(ctx: AppContext, actor: Actor, q: { cursor?: string | undefined; limit: number }, lang: Lang): Promise<{ items: MyPayment[]; nextCursor: string | null }> {
  requireCitizen(actor);
  const db = ctx.database.db;
  const found = await repo.listPayerPayments(db, { citizenId: actor.id, companyId: actor.onBehalfOfId }, decodeTimeCursor(q.cursor, lang), q.limit);
  const page = found.slice(0, q.limit);
  const [services, codes] = await Promise.all([servicesByIds(db, page.map((p) => p.serviceId)), trackingCodes(db, page.flatMap((p) => (p.requestId ? [p.requestId] : [])))]);
  return {
    items: page.map((p) => {
      const s = services.get(p.serviceId);
      return { ...paymentView(p), serviceTitle: (lang === 'en' && s?.titleEn) || s?.titleFa || '', trackingCode: (p.requestId && codes.get(p.requestId)) || null };
    }),
    nextCursor: found.length > q.limit ? encodeTimeCursor(page.at(-1)!.createdAt, page.at(-1)!.id) : null,
  };
}

/** A payment, for its payer only; anyone else is told it does not exist. */
export async function getPayment(ctx: AppContext, actor: Actor, id: string): Promise<PaymentView> {
  requireCitizen(actor);
  const p = await repo.findPayment(ctx.database.db, id);
  if (!p || p.citizenId !== actor.id) throw new PaymentsError('PAYMENT_NOT_FOUND', { paymentId: id });
  return paymentView(p);
}

// For the requests module ------------------------------------------------------------------------

/**
 * Before a citizen's submission stores anything: the fee the service's version asks for and the
 * payment named to pay it. No fee: nothing to spend (a payment named is PAYMENT_NOT_REQUIRED). A
 * fixed fee: PAYMENT_REQUIRED without a payment. Whether the payment named is usable is decided when
 * it is spent, in the submission's transaction (spendPayment): so an idempotent replay of the
 * submission returns its first receipt. The payment to spend, or undefined.
 */
export function paymentToSpend(serviceId: string, fee: FeeRule, paymentId: string | undefined): { paymentId: string; amountRials: number } | undefined {
  if (fee.kind === 'none') {
    if (paymentId !== undefined) throw new PaymentsError('PAYMENT_NOT_REQUIRED', { serviceId, field: 'body.paymentId' });
    return undefined;
  }
  if (paymentId === undefined) throw new PaymentsError('PAYMENT_REQUIRED', { serviceId, amountRials: fee.amountRials });
  return { paymentId, amountRials: fee.amountRials };
}

/**
 * Spends the payment on the request in the submission's transaction, with its event and audit entry;
 * PAYMENT_NOT_USABLE (and the whole submission rolled back) unless it is the person's own paid,
 * unspent payment for this service of exactly the fee (the row lock makes a concurrent submission
 * naming it wait, then find it spent).
 */
export async function spendPayment(
  tx: Tx,
  who: { actor: CitizenActor; origin: RequestOrigin; at: Date },
  p: { paymentId: string; amountRials: number; serviceId: string; agencyId: string; requestId: string },
): Promise<void> {
  const spent = await repo.spend(tx.db, { paymentId: p.paymentId, citizenId: who.actor.id, serviceId: p.serviceId, amountRials: p.amountRials, requestId: p.requestId }, who.at);
  if (!spent) throw new PaymentsError('PAYMENT_NOT_USABLE', { paymentId: p.paymentId, field: 'body.paymentId' });
  await recordChange(tx, who, { stream: STREAM, id: p.paymentId, event: 'spent', audit: 'payment.spend', agencyId: p.agencyId, details: { requestId: p.requestId, amountRials: p.amountRials } });
}

/** What requests show of the fee paid for them, by request id. */
export async function paymentsOfRequests(db: Db, requestIds: readonly string[]): Promise<Map<string, RequestPayment>> {
  const found = await repo.paymentsOfRequests(db, requestIds);
  return new Map([...found].map(([id, p]) => [id, { amountRials: p.amountRials, referenceNumber: p.referenceNumber!, paidAt: p.paidAt!.toISOString() }]));
}
