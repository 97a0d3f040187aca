// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../app/i18n';
import { withModalDialogs } from '../../../components/Dialog.testing';
import type { RequestChannelView } from '../../../lib/contracts';
import { requestChannelQuery } from '../api';
import { ChannelFacts } from './ChannelFacts';
import { retryBody } from './PostalRetryAction';

/*
 * The staff's request page: a failed postal dispatch offered «send again by post» where the server
 * says the reader may (mayRetry), behind the confirmation dialog with the address's fields to
 * correct; the success announced, the server's refusal shown in the dialog.
 */

withModalDialogs();
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ID = '00000000-0000-4000-8000-0000000000aa';
const postal = { status: 'failed', postalCodeMasked: '16******44', postalTracking: null, dispatchedAt: null, attempts: 8, nextAttemptAt: null, lastError: 'Error: the post is unavailable', retries: 0, mayRetry: true } as const;
const FAILED: RequestChannelView = { channel: 'online', officeName: null, identityCheck: null, postal };
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function show(view: RequestChannelView) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false }, mutations: { retry: false } } });
  client.setQueryData(requestChannelQuery(ID).queryKey, view);
  return render(
    <QueryClientProvider client={client}>
      <ChannelFacts requestId={ID} />
    </QueryClientProvider>,
  );
}

describe('sending a failed postal dispatch again', () => {
  it('is not offered where the server does not allow it (the applicant, a dispatch not failed)', () => {
    show({ ...FAILED, postal: { ...postal, mayRetry: false, lastError: null } });
    expect(screen.queryByRole('button', { name: 'ارسال دوباره با پست' })).toBeNull();
    expect(screen.getByText(/از راه دیگری به متقاضی برسانید/)).toBeTruthy();
  });

  it('asks first, sends the corrected postal code with an Idempotency-Key, and says it is due again', async () => {
    const fetch = vi.fn((_url: string, _init: RequestInit) => Promise.resolve(json({ ...FAILED, postal: { ...postal, status: 'due', mayRetry: false, retries: 1, nextAttemptAt: '2026-12-07T10:00:00.000Z' } })));
    vi.stubGlobal('fetch', fetch);
    const { baseElement } = show(FAILED);
    fireEvent.click(screen.getByRole('button', { name: 'ارسال دوباره با پست' }));
    const dialog = baseElement.querySelector('dialog')!;
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain('خانه‌های خالی همان نشانی پیشین را نگه می‌دارند');
    fireEvent.change(screen.getByLabelText(/کد پستی درست/), { target: { value: ' ۱۴۱۵۶۶۳۱۱۱ ' } });
    fireEvent.click(screen.getByRole('button', { name: 'بله، دوباره فرستاده شود' }));
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    const [url, init] = fetch.mock.calls[0]!;
    expect(String(url)).toContain(`/requests/${ID}/channel/postal-retry`);
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body as string)).toEqual({ postalCode: '۱۴۱۵۶۶۳۱۱۱' });
    expect(new Headers(init.headers).get('idempotency-key')).toMatch(/^web-[0-9a-f]{32}$/);
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('ارسال پستی دوباره در نوبت است'));
    expect(screen.queryByRole('button', { name: 'ارسال دوباره با پست' })).toBeNull();
    expect(dialog.open).toBe(false);
  });

  it('shows the server’s refusal in the dialog and leaves the button', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(json({ error: { code: 'POSTAL_NOT_FAILED', message: 'ارسال پستی این درخواست ناموفق نمانده است؛ تنها ارسال ناموفق دوباره فرستاده می‌شود.', details: {} } }, 409))));
    const { baseElement } = show(FAILED);
    fireEvent.click(screen.getByRole('button', { name: 'ارسال دوباره با پست' }));
    fireEvent.click(screen.getByRole('button', { name: 'بله، دوباره فرستاده شود' }));
    await waitFor(() => expect(baseElement.querySelector('dialog')!.textContent).toContain('ناموفق نمانده است'));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('sends only the fields typed, trimmed: {} keeps the dispatch’s address', () => {
    expect(retryBody({ postalCode: '', address: '  ', recipientName: '' })).toEqual({});
    expect(retryBody({ postalCode: '', address: ' تهران، پلاک ۲ ', recipientName: 'علی' })).toEqual({ address: 'تهران، پلاک ۲', recipientName: 'علی' });
  });
});
