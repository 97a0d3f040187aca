import type { ReactNode } from 'react';
import { ErrorNotice, Loading } from './Notice';

/** What `QueryStates` reads of a TanStack query (`useQuery` or `useInfiniteQuery`). */
export interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
}

export interface QueryStatesProps<T> {
  query: QueryLike<T>;
  /** Words of the spinner (default «در حال بارگیری…»). */
  loadingLabel?: string;
  /** Title of the error notice (default: none, the server's message only). */
  errorTitle?: ReactNode;
  /** Whether the answer has nothing to show: then `empty` is shown instead of `children`. */
  isEmpty?: (data: T) => boolean;
  /** The honest «nothing here» (usually an `EmptyState`). */
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/**
 * The four states of a query, the same on every screen: loading (a spinner with words, announced
 * politely), failed (the server's message, the reference, and «try again»), empty, and the data.
 */
export function QueryStates<T>({ query, loadingLabel, errorTitle, isEmpty, empty, children }: QueryStatesProps<T>) {
  if (query.isPending) return <Loading {...(loadingLabel ? { label: loadingLabel } : {})} />;
  if (query.isError) {
    return <ErrorNotice error={query.error} title={errorTitle} onRetry={() => void query.refetch()} />;
  }
  // Neither pending nor failed: TanStack Query has the data.
  const data = query.data as T;
  if (isEmpty?.(data)) return <>{empty ?? null}</>;
  return <>{children(data)}</>;
}

/**
 * Several queries as one, for a screen that needs them all: pending while any is, failed when any
 * failed (the first failure's error; «try again» asks again only the failed ones), and then the
 * data of each, in order.
 */
export function allQueries<T extends readonly unknown[]>(
  ...queries: { [K in keyof T]: QueryLike<T[K]> }
): QueryLike<T> {
  const list = queries as readonly QueryLike<unknown>[];
  const failed = list.filter((q) => q.isError);
  const isPending = list.some((q) => q.isPending);
  return {
    isPending,
    isError: failed.length > 0,
    error: failed[0]?.error ?? null,
    data: isPending || failed.length > 0 ? undefined : (list.map((q) => q.data) as unknown as T),
    refetch: () => Promise.all(failed.map((q) => q.refetch())),
  };
}
