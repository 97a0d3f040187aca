import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import '../../../app/i18n';
import type { MyPayment, Page } from '../../../lib/contracts';
import { i18n } from '../../../lib/i18n';
import { myPaymentsQuery } from '../api';
import { MyPaymentsPage } from './MyPaymentsPage';

/*
 * «پرداخت‌های من»: each payment with the service, the amount in rials and the time in Persian digits
 * (Jalali), its status in words, the reference number once paid and the tracking code of the request
 * that spent it linking to the request; an empty state; "more" while the server has a next page.
 */

const PAID: MyPayment = {
  id: '00000000-0000-4000-8000-000000000001',
  serviceId: '00000000-0000-4000-8000-0000000000a1',
  serviceVersion: 1,
  amountRials: 250_000,
  status: 'paid',
  referenceNumber: '123456789012',
  failure: null,
  requestId: '00000000-0000-4000-8000-0000000000b1',
  createdAt: '2024-03-26T08:00:00.000Z',
  paidAt: '2024-03-26T08:01:00.000Z',
  serviceTitle: 'گواهی عدم سوء پیشینه',
  trackingCode: '1403000123',
};
const EXPIRED: MyPayment = { ...PAID, id: '00000000-0000-4000-8000-000000000002', status: 'expired', failure: 'expired', referenceNumber: null, requestId: null, paidAt: null, trackingCode: null };

async function render(pages: Array<Page<MyPayment>>): Promise<string> {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnMount: false, staleTime: Infinity } } });
  client.setQueryData(myPaymentsQuery.queryKey, { pages, pageParams: pages.map((_, i) => (i === 0 ? undefined : `c${i}`)) });
  const root = createRootRoute({
    component: () => (
      <QueryClientProvider client={client}>
        <MyPaymentsPage />
      </QueryClientProvider>
    ),
  });
  const router = createRouter({ routeTree: root, history: createMemoryHistory({ initialEntries: ['/'] }) });
  await router.load();
  return renderToString(<RouterProvider router={router} />);
}

afterEach(() => void i18n.changeLanguage('fa'));

describe('the citizen’s payments page', () => {
  it('shows each payment in Persian: amount in rials, Jalali time, status, reference number, and the request’s tracking code linking to it', async () => {
    const html = await render([{ items: [PAID, EXPIRED], nextCursor: null }]);
    expect(html).toContain('پرداخت‌های من');
    expect(html).toContain('گواهی عدم سوء پیشینه');
    expect(html).toContain('۲۵۰٬۰۰۰ ریال');
    expect(html).toContain('فروردین ۱۴۰۳');
    expect(html).toContain('پرداخت‌شده');
    expect(html).toContain('منقضی‌شده');
    expect(html).toContain('۱۲۳۴۵۶۷۸۹۰۱۲');
    expect(html).toMatch(/<a[^>]*href="\/me\/requests\/00000000-0000-4000-8000-0000000000b1"[^>]*>.*۱۴۰۳۰۰۰۱۲۳/);
    // The expired payment has no reference number and no request.
    expect(html.match(/href="\/me\/requests\//g)).toHaveLength(1);
    expect(html).not.toContain('بیشتر');
  });

  it('offers «more» while the server has a next page', async () => {
    const html = await render([{ items: [PAID], nextCursor: 'next' }]);
    expect(html).toContain(i18n.t('common.loadMore'));
  });

  it('has an empty state', async () => {
    const html = await render([{ items: [], nextCursor: null }]);
    expect(html).toContain('هنوز پرداختی نداشته‌اید');
  });

  it('speaks English with Latin digits', async () => {
    await i18n.changeLanguage('en');
    const html = await render([{ items: [PAID], nextCursor: null }]);
    expect(html).toContain('My payments');
    expect(html).toContain('250,000 rials');
    expect(html).toContain('Paid');
    expect(html).toContain('1403000123');
  });
});
