import { Readiness } from '@dargah/contracts';
import { queryOptions } from '@tanstack/react-query';
import { ApiError, api } from '../../lib/api';
import { i18n } from '../../lib/i18n';

export type { Readiness };

/** `GET /readyz`: 200 when ready, 503 when not; both carry the `Readiness` body. */
export async function fetchReadiness(signal?: AbortSignal): Promise<Readiness> {
  const body = await api.requestJson<unknown>('/readyz', { signal, acceptStatuses: [503] });
  const parsed = Readiness.safeParse(body);
  if (!parsed.success) throw new ApiError(200, 'BAD_RESPONSE', i18n.t('errors.badResponse'));
  return parsed.data;
}

export const readinessQuery = queryOptions({
  queryKey: ['system', 'readiness'],
  queryFn: ({ signal }) => fetchReadiness(signal),
  staleTime: 15_000,
  refetchInterval: 60_000,
  retry: 1,
});
