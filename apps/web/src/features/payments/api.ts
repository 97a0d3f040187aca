import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { MyPayment, Page, PaymentStarted, PaymentView } from '../../lib/contracts';

/** `GET /payments`: the citizen's payments (the company's while acting for it), newest first, a page at a time. */
export const myPaymentsQuery = infiniteQueryOptions({
  queryKey: ['payments', 'mine'],
  queryFn: ({ signal, pageParam }) => api.get<Page<MyPayment>>('/payments', { signal, query: { cursor: pageParam } }),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});

/** `GET /payments/:id`: the citizen's own payment (started, paid, cancelled, failed or expired). */
export const paymentQuery = (paymentId: string) =>
  queryOptions({
    queryKey: ['payments', paymentId],
    queryFn: ({ signal }) => api.get<PaymentView>(`/payments/${encodeURIComponent(paymentId)}`, { signal }),
  });

/** `POST /payments`: start paying a service's fee; the browser then goes to `redirectUrl`, the gateway's page. */
export const startPayment = (serviceId: string, idempotencyKey: string) => api.post<PaymentStarted>('/payments', { serviceId }, { idempotencyKey });

/** A payment a submission may spend: paid and not yet used by a request. */
export const isUsable = (p: PaymentView): boolean => p.status === 'paid' && p.requestId === null;

/** Where this browser keeps the payment it last came back from the gateway with, per service. */
const storageKey = (serviceId: string) => `dargah.payment.${serviceId}`;

/**
 * The payment to show on the apply page: the one the gateway just sent the browser back with (kept
 * for a later visit without it), else the one kept. Someone else's is answered 404 by the API and
 * simply not shown.
 */
export function rememberedPayment(serviceId: string, fromGateway: string | undefined): string | undefined {
  try {
    if (fromGateway) {
      globalThis.localStorage?.setItem(storageKey(serviceId), fromGateway);
      return fromGateway;
    }
    return globalThis.localStorage?.getItem(storageKey(serviceId)) ?? undefined;
  } catch {
    return fromGateway;
  }
}

/** Forgets the kept payment once a submission has spent it. */
export function forgetPayment(serviceId: string): void {
  try {
    globalThis.localStorage?.removeItem(storageKey(serviceId));
  } catch {
    // storage unavailable: nothing was kept
  }
}
