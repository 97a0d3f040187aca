import { z } from 'zod';

/*
 * Paying a desk service's fee (issue 11 item 1) through an internet payment gateway (درگاه پرداخت
 * اینترنتی, Shaparak): the citizen starts a payment for a service whose published version has a fixed
 * fee, is sent to the gateway's page, comes back through the callback, which verifies the payment with
 * the gateway; the submission of the request then spends it, once.
 */

/**
 * started: sent to the gateway; paid: verified for the full amount; cancelled: the payer cancelled;
 * failed: the gateway refused, or the amount did not match (reversed); expired: the gateway's token
 * lapsed unpaid (found by the reconcile job, ADR 0040).
 */
export const PaymentStatus = z.enum(['started', 'paid', 'cancelled', 'failed', 'expired']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

/** POST /payments: pay the fee of the service's published version. */
export const StartPayment = z.object({ serviceId: z.uuid() }).strict();
export type StartPayment = z.infer<typeof StartPayment>;

/** Where to send the browser: the gateway's page for this payment. */
export const PaymentStarted = z.object({ paymentId: z.uuid(), redirectUrl: z.string() });
export type PaymentStarted = z.infer<typeof PaymentStarted>;

/** A payment, as its payer sees it. */
export const PaymentView = z.object({
  id: z.uuid(),
  serviceId: z.uuid(),
  serviceVersion: z.number().int().min(1),
  amountRials: z.number().int(),
  status: PaymentStatus,
  /** The gateway's reference number (شماره مرجع, RRN) once paid. */
  referenceNumber: z.string().nullable(),
  /** Why it failed: cancelled, declined, amount_mismatch, expired. */
  failure: z.string().nullable(),
  /** The request whose submission spent it; null while unspent. */
  requestId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  paidAt: z.iso.datetime().nullable(),
});
export type PaymentView = z.infer<typeof PaymentView>;

/** GET /payments: the payer's payments, newest first, with the service's title and the tracking code of the request that spent it. */
export const MyPayment = PaymentView.extend({ serviceTitle: z.string(), trackingCode: z.string().nullable() });
export type MyPayment = z.infer<typeof MyPayment>;

/** What a request shows of the fee paid for it. */
export const RequestPayment = z.object({ amountRials: z.number().int(), referenceNumber: z.string(), paidAt: z.iso.datetime() });
export type RequestPayment = z.infer<typeof RequestPayment>;

/** The gateway's return: GET /payments/callback?token=…&state=…&refNum=… (the state is never trusted: the payment is verified with the gateway). */
export const PaymentCallback = z.object({
  token: z.string().min(1).max(200),
  state: z.string().max(50).optional(),
  refNum: z.string().max(100).optional(),
  resNum: z.string().max(100).optional(),
});
