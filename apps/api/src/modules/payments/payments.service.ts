import { randomUUID } from 'node:crypto';
import type { FeeRule, PaymentCallback, PaymentStarted, PaymentView, RequestPayment, StartPayment } from '@dargah/contracts';
import type { z } from 'zod';
import { requireCitizen, systemActor, type Actor, type CitizenActor, type RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db, type Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { callGateway, PaymentGatewayUnavailable, type VerifyAnswer } from '../../platform/integrations/payment-gateway';
import { assertOpenForRequests, findPublishedService, ServicesError } from '../services';
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
      await repo.insertPayment(tx.db, { id, citizenId: actor.id, serviceId: service.id, serviceVersion: service.publishedVersion!, agencyId: service.agencyId, amountRials: fee.amountRials, gateway: ctx.payments.name, token }, now);
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

/** What a verify answer makes of a started payment: paid, ended (cancelled or failed), or unchanged (the payer has not finished). */
type Outcome = { to: 'paid'; referenceNumber: string } | { to: 'ended'; failure: repo.PaymentFailure; paidRials?: number; reversed?: boolean } | { to: 'unchanged'; reason: string };

async function outcomeOf(ctx: AppContext, p: repo.PaymentRecord, answer: VerifyAnswer): Promise<Outcome> {
  if (answer.outcome === 'verified') {
    if (answer.amountRials === p.amountRials) return { to: 'paid', referenceNumber: answer.referenceNumber };
    // Not the fee: the money goes back (reverse is idempotent, so concurrent callbacks may both ask).
    const reversed = await gateway(ctx, (signal) => ctx.payments.reverse(p.token, signal)).catch(() => false);
    if (!reversed) ctx.log.error({ paymentId: p.id }, 'a payment of the wrong amount could not be reversed: reconcile it with the gateway');
    return { to: 'ended', failure: 'amount_mismatch', paidRials: answer.amountRials, reversed };
  }
  if (answer.reason === 'cancelled') return { to: 'ended', failure: 'cancelled' };
  if (answer.reason === 'declined' || answer.reason === 'reversed') return { to: 'ended', failure: 'declined' };
  return { to: 'unchanged', reason: answer.reason };
}

/**
 * The gateway's callback (the payer's browser, sent back by the gateway): the token's payment is
 * verified with the gateway whatever state the callback claims, then recorded paid (the verified
 * amount is the fee), failed (another amount: reversed; or declined), or cancelled, with its event
 * and audit entry. A payment already settled is returned as it is: a replayed or concurrent
 * callback changes nothing. An unknown token is PAYMENT_NOT_FOUND.
 */
export async function completePayment(ctx: AppContext, origin: RequestOrigin, q: z.infer<typeof PaymentCallback>): Promise<PaymentView> {
  const db = ctx.database.db;
  const p = await repo.findPaymentByToken(db, q.token);
  if (!p) throw new PaymentsError('PAYMENT_NOT_FOUND', {});
  if (p.status !== 'started') return paymentView(p);
  const answer = await gateway(ctx, (signal) => ctx.payments.verify(p.token, signal));
  const outcome = await outcomeOf(ctx, p, answer);
  if (outcome.to === 'unchanged') {
    ctx.log.warn({ paymentId: p.id, reason: outcome.reason, stateClaimed: q.state }, 'payment callback not confirmed by the gateway');
    return paymentView(p);
  }
  const now = ctx.clock.now();
  await withTransaction(ctx.database, async (tx) => {
    const moved = outcome.to === 'paid' ? await repo.markPaid(tx.db, p.id, outcome.referenceNumber, now) : await repo.markEnded(tx.db, p.id, outcome.failure, now);
    // Another callback settled it first: nothing more to record.
    if (!moved) return;
    const who = { actor: systemActor, origin, at: now };
    const base = { stream: STREAM, id: p.id, agencyId: p.agencyId };
    if (outcome.to === 'paid')
      await recordChange(tx, who, { ...base, event: 'paid', audit: 'payment.pay', details: { amountRials: p.amountRials, referenceNumber: outcome.referenceNumber, stateClaimed: q.state ?? null } });
    else
      await recordChange(tx, who, {
        ...base,
        event: outcome.failure === 'cancelled' ? 'cancelled' : 'failed',
        audit: outcome.failure === 'cancelled' ? 'payment.cancel' : 'payment.fail',
        details: { failure: outcome.failure, amountRials: p.amountRials, ...(outcome.paidRials !== undefined ? { paidRials: outcome.paidRials, reversed: outcome.reversed } : {}), stateClaimed: q.state ?? null },
      });
  });
  return paymentView((await repo.findPayment(db, p.id))!);
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
