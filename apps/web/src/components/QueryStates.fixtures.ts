import type { QueryLike } from './QueryStates';

/** For tests: a settled query with nothing in it, changed by `over` (pending, failed, data…). */
export const queryLike = <T>(over: Partial<QueryLike<T>>): QueryLike<T> => ({
  isPending: false,
  isError: false,
  error: null,
  data: undefined,
  refetch: () => undefined,
  ...over,
});
