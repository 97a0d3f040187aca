// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../app/i18n';
import { withModalDialogs } from '../../../components/Dialog.testing';
import type { LicenceSummary } from '../api';
import { LicenceDialog } from './LicenceDialogs';

withModalDialogs();
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const licence = { id: 'lic-1', title: 'پروانه نمونه', serviceId: '12345678', version: 3 } as unknown as LicenceSummary;

describe('LicenceDialog', () => {
  it('sends one request when its confirm button is clicked twice (or Enter is pressed) while the first is on its way', async () => {
    let answer: (r: Response) => void = () => undefined;
    const fetch = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)));
    vi.stubGlobal('fetch', fetch);
    const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
    const done = vi.fn();
    const { baseElement } = render(
      <QueryClientProvider client={client}>
        <LicenceDialog licence={licence} action="unmap" onClose={() => undefined} onDone={done} />
      </QueryClientProvider>,
    );
    const confirm = baseElement.querySelector<HTMLButtonElement>('button[form="licence-action"]')!;
    expect(confirm.getAttribute('aria-busy')).toBe('false');

    fireEvent.click(confirm);
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    await act(() => new Promise((r) => setTimeout(r, 20)));

    // The second click, and Enter in the form (the browser's implicit submission clicks this button).
    fireEvent.click(confirm);
    fireEvent.submit(baseElement.querySelector('form#licence-action')!);
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(confirm.getAttribute('aria-busy')).toBe('true');
    expect(confirm.querySelector('.spinner')).not.toBeNull();

    await act(async () => {
      answer(new Response(JSON.stringify({ ...licence, serviceId: null, version: 4 }), { status: 200, headers: { 'content-type': 'application/json' } }));
      await new Promise((r) => setTimeout(r, 20));
    });
    await waitFor(() => expect(done).toHaveBeenCalledTimes(1));
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
