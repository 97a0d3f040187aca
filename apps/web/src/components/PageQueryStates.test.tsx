// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../app/i18n';
import { ApiError } from '../lib/api';
import { PageQueryStates } from './PageQueryStates';
import { QueryStates, allQueries, type QueryLike } from './QueryStates';
import { queryLike } from './QueryStates.fixtures';

afterEach(cleanup);

const query = queryLike;

interface Thing {
  id: string;
  owner: string;
}

const page = (q: QueryLike<Thing>, extra: { notFound?: React.ReactNode } = {}) => {
  const children = vi.fn((t: Thing) => <h1>Thing {t.id}</h1>);
  render(
    <PageQueryStates
      query={q}
      icon={<svg data-testid="icon" />}
      loadingTitle="Loading the thing…"
      loadingLabel="fetching"
      failedTitle="Thing not found"
      before={<nav aria-label="breadcrumb">back to things</nav>}
      back={<a href="/things">All things</a>}
      isMissing={(t) => t.owner !== 'me'}
      {...extra}
    >
      {children}
    </PageQueryStates>,
  );
  return children;
};

const notFound = new ApiError(404, 'NOT_FOUND', 'No such thing.');
const unavailable = new ApiError(503, 'UNAVAILABLE', 'The service is resting.', undefined, 'req-42');

describe('PageQueryStates', () => {
  it('while loading: the loading heading (and document title), the icon, the polite spinner, the breadcrumb; not the page', () => {
    const children = page(query({ isPending: true }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Loading the thing…');
    expect(document.title).toContain('Loading the thing…');
    expect(screen.getByTestId('icon')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('fetching');
    expect(screen.getByRole('navigation', { name: 'breadcrumb' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(children).not.toHaveBeenCalled();
  });

  it('on 404: the not-found heading, the server’s message with the way back, and no «try again»', () => {
    const refetch = vi.fn();
    const children = page(query({ isError: true, error: notFound, refetch }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Thing not found');
    expect(screen.getByRole('alert').textContent).toContain('No such thing.');
    expect(screen.getByRole('link', { name: 'All things' })).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
    expect(children).not.toHaveBeenCalled();
  });

  it('on 404 with its own not-found words: those words instead of the server’s message', () => {
    page(query({ isError: true, error: notFound }), { notFound: <p>Nobody here.</p> });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Thing not found');
    expect(screen.getByText('Nobody here.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('data that is not this page’s is not found too: the heading and the way back, no page, no alert', () => {
    const children = page(query({ data: { id: 't1', owner: 'someone else' } }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Thing not found');
    expect(screen.getByRole('link', { name: 'All things' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(children).not.toHaveBeenCalled();
    cleanup();
    page(query({ data: { id: 't1', owner: 'someone else' } }), { notFound: null });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Thing not found');
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('on another failure: the message and reference as an alert, the way back, and «try again» that asks again', () => {
    const refetch = vi.fn();
    const children = page(query({ isError: true, error: unavailable, refetch }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Thing not found');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The service is resting.');
    expect(alert.textContent).toContain('req-42');
    expect(screen.getByRole('link', { name: 'All things' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button'));
    expect(refetch).toHaveBeenCalledTimes(1);
    expect(children).not.toHaveBeenCalled();
  });

  it('a failure that is not an API error still says something and offers «try again»', () => {
    const refetch = vi.fn();
    page(query({ isError: true, error: new TypeError('boom'), refetch }));
    expect(screen.getByRole('alert').textContent.length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button'));
    expect(refetch).toHaveBeenCalledTimes(1);
  });

  it('with the data: the page, and nothing of its own', () => {
    const children = page(query({ data: { id: 't1', owner: 'me' } }));
    expect(children).toHaveBeenCalledWith({ id: 't1', owner: 'me' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Thing t1');
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByTestId('icon')).toBeNull();
  });
});

describe('QueryStates in the DOM', () => {
  it('«try again» after a failure asks again', () => {
    const refetch = vi.fn();
    render(<QueryStates query={query<string>({ isError: true, error: unavailable, refetch })}>{(s) => s}</QueryStates>);
    fireEvent.click(screen.getByRole('button'));
    expect(refetch).toHaveBeenCalledTimes(1);
  });
});

describe('allQueries', () => {
  it('is pending while any query is, even when another has failed', () => {
    const q = allQueries(query<number>({ isPending: true }), query<string>({ isError: true, error: unavailable }));
    expect(q.isPending).toBe(true);
    expect(q.data).toBeUndefined();
  });

  it('fails with the first failure, and «try again» asks again only the failed queries', async () => {
    const ok = vi.fn();
    const first = vi.fn();
    const second = vi.fn();
    const q = allQueries(
      query<number>({ data: 1, refetch: ok }),
      query<string>({ isError: true, error: notFound, refetch: first }),
      query<string>({ isError: true, error: unavailable, refetch: second }),
    );
    expect(q.isPending).toBe(false);
    expect(q.isError).toBe(true);
    expect(q.error).toBe(notFound);
    expect(q.data).toBeUndefined();
    await q.refetch();
    expect(ok).not.toHaveBeenCalled();
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('has the data of each, in order, once all have answered (an answer may be undefined)', () => {
    const q = allQueries(query<number>({ data: 1 }), query<string | undefined>({ data: undefined }));
    expect(q.isError).toBe(false);
    expect(q.error).toBeNull();
    expect(q.data).toEqual([1, undefined]);
  });

  it('on a page: a failure of one of the queries fails the page, with «try again» for it', () => {
    const refetch = vi.fn();
    render(
      <PageQueryStates
        query={allQueries(query<number>({ data: 1 }), query<string>({ isError: true, error: unavailable, refetch }))}
        loadingTitle="Loading…"
        failedTitle="Not here"
      >
        {([n, s]) => (
          <p>
            {n} {s}
          </p>
        )}
      </PageQueryStates>,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Not here');
    fireEvent.click(screen.getByRole('button'));
    expect(refetch).toHaveBeenCalledTimes(1);
  });
});
