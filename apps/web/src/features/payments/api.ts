import { queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { PaymentStarted, PaymentView } from '../../lib/contracts';

/** `GET /payments/:id`: the citizen's own payment (started, paid, cancelled or failed). */
export const paymentQuery = (paymentId: string) =>
  queryOptions({
    queryKey: ['payments', paymentId],
    queryFn: ({ signal }) => api.get<PaymentView>(`/payments/${encodeURIComponent(paymentId)}`, { signal }),
  });

/** `POST /payments`: start paying a service's fee; the browser then goes to `redirectUrl`, the gateway's page. */
export const startPayment = (serviceId: string, idempotencyKey: string) => api.post<PaymentStarted>('/payments', { serviceId }, { idempotencyKey });

/** A payment a submission may spend: paid and not yet used by a request. */
export const isUsable = (p: PaymentView): boolean => p.status === 'paid' && p.requestId === null;
