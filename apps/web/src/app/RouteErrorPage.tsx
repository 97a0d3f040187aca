import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { AlertIcon } from '../components/icons';

/** A route that failed to load (e.g. the session could not be checked): say so and offer a retry. */
export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  const router = useRouter();
  const queryReset = useQueryErrorResetBoundary();
  return (
    <div className="stack-lg">
      <PageHeader title={t('errors.pageTitle')} icon={<AlertIcon />} />
      <ErrorNotice
        error={error}
        action={
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              queryReset.reset();
              reset();
              void router.invalidate();
            }}
          >
            {t('common.retry')}
          </button>
        }
      />
    </div>
  );
}
