import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { useNow } from '../../../lib/useNow';

/** The wait a refusal names (`details.retryAfterSeconds`), or 0. */
export function retryAfterSeconds(error: unknown): number {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null) return 0;
  const seconds = (error.details as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? seconds : 0;
}

/**
 * When the reader may try again after a refusal that names a wait, counting down (give each new
 * refusal a new `key`: the count starts when the component does). Nothing for a refusal without one.
 */
export function RetryAfter({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const format = useFormat();
  const seconds = retryAfterSeconds(error);
  const [until] = useState(() => Date.now() + seconds * 1000);
  const now = useNow(1000, seconds > 0);
  if (seconds === 0) return null;
  const left = (until - now) / 1000;
  return (
    <p className="text-muted">
      {left > 0 ? t('signIn.retryIn', { time: format.countdown(left) }) : t('signIn.retryNow')}
    </p>
  );
}
