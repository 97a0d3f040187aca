import { MyPayment, Page, PaymentCallback, PaymentStarted, PaymentView, StartPayment } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { claimFrom, IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import { completePayment, getPayment, listMyPayments, startPayment } from './payments.service';

const tags = ['payments'];

/** Fees paid through the internet payment gateway (ADR 0037). */
export async function paymentsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/payments',
    {
      config: { access: 'citizen' },
      schema: {
        tags,
        summary: 'Start paying the fee of a service (citizen): send the browser to redirectUrl, the payment gateway’s page',
        description: 'The fee is the published version’s fixed fee (PAYMENT_NOT_REQUIRED when it has none). The gateway sends the browser back to GET /payments/callback, which verifies the payment with the gateway. Send an Idempotency-Key header to make retries safe.',
        headers: IdempotencyHeaders,
        body: StartPayment,
        response: { 201: PaymentStarted },
      },
    },
    async (req, reply) => sendReplayable(reply, await startPayment(ctx, req.actor, req.origin, req.body, claimFrom(req, 'payment.start'))),
  );

  r.get(
    '/payments/callback',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Where the payment gateway sends the browser back: verifies the payment with the gateway, then redirects to the service’s apply page',
        description: 'The state and reference number the browser brings are not trusted: the token’s payment is verified with the gateway server to server, and only its answer is recorded (paid for exactly the fee; another amount is reversed and recorded failed). A settled payment is left as it is: a replayed callback changes nothing. Answers 303 to /me/services/{serviceId}/apply?payment={paymentId}.',
        querystring: PaymentCallback,
      },
    },
    async (req, reply) => {
      const p = await completePayment(ctx, req.origin, req.query);
      return reply.header('cache-control', 'no-store').redirect(`/me/services/${p.serviceId}/apply?payment=${p.id}`, 303);
    },
  );

  r.get(
    '/payments',
    {
      config: { access: 'citizen' },
      schema: {
        tags,
        summary: 'The citizen’s payments, newest first (the company’s while acting for it), with the service’s title and the tracking code of the request that spent each',
        querystring: z.object({ cursor: z.string().max(1000).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: Page(MyPayment) },
      },
    },
    async (req) => listMyPayments(ctx, req.actor, req.query, req.lang),
  );

  r.get(
    '/payments/:id',
    {
      config: { access: 'citizen' },
      schema: { tags, summary: 'A payment, for its payer: started, paid (with the gateway’s reference number), cancelled or failed, and the request that spent it', params: z.object({ id: z.uuid() }), response: { 200: PaymentView } },
    },
    async (req) => getPayment(ctx, req.actor, req.params.id),
  );
}
