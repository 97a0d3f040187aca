import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { RefreshButton } from '../../../components/RefreshButton';
import { AlertIcon, CheckIcon } from '../../../components/icons';
import { ApiError } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { readinessQuery } from '../api';

/**
 * Live readiness of this deployment from `GET /readyz`: database kind and state, pending schema
 * changes, and which national systems run on a local simulator. Loading, error and empty states
 * are all shown as such; nothing is invented.
 */
export function SystemStatusCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const query = useQuery(readinessQuery);

  let body: React.ReactNode;
  let state: 'loading' | 'error' | 'ready' | 'not-ready';

  if (query.isPending) {
    state = 'loading';
    body = (
      <p className="status-card__loading" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('status.loading')}
      </p>
    );
  } else if (query.isError) {
    state = 'error';
    const error = query.error;
    body = (
      <div className="notice notice--danger" role="alert">
        <AlertIcon />
        <div>
          <p className="notice__title">{t('status.error')}</p>
          <p>{error instanceof ApiError ? error.message : t('errors.unexpected')}</p>
          {error instanceof ApiError && error.requestId ? (
            <p className="notice__meta">{t('errors.requestId', { id: error.requestId })}</p>
          ) : null}
        </div>
      </div>
    );
  } else {
    const data = query.data;
    const ready = data.status === 'ready';
    state = ready ? 'ready' : 'not-ready';
    const db = data.checks.database;
    const kind = t(`status.databaseKind.${db.kind}`);
    const pending = data.checks.migrations.pending.length;
    body = (
      <>
        <p className={`badge ${ready ? 'badge--success' : 'badge--warning'}`} role="status">
          {ready ? <CheckIcon /> : <AlertIcon />}
          {ready ? t('status.ready') : t('status.notReady')}
        </p>
        <dl className="facts">
          <div className="facts__row">
            <dt>{t('status.database')}</dt>
            <dd>
              <span className={db.ok ? 'text-success' : 'text-danger'}>
                {db.ok ? t('status.databaseReady') : t('status.databaseNotReady')}
              </span>
              {' · '}
              <bdi>{kind}</bdi>
              {db.error ? (
                <span className="facts__help" lang="en" dir="ltr">
                  {db.error}
                </span>
              ) : null}
            </dd>
          </div>
          <div className="facts__row">
            <dt>{t('status.migrations')}</dt>
            <dd className={data.checks.migrations.ok ? undefined : 'text-danger'}>
              {pending > 0
                ? t('status.migrationsPending', { count: pending, n: format.number(pending) })
                : t('status.migrationsCurrent')}
            </dd>
          </div>
          <div className="facts__row">
            <dt>{t('status.simulators')}</dt>
            <dd>
              {data.simulators.length > 0 ? (
                <ul className="chips" aria-describedby={`${headingId}-sim-help`}>
                  {data.simulators.map((name) => (
                    <li key={name} className="chip" lang="en" dir="ltr">
                      {name}
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="text-muted">{t('status.noSimulators')}</span>
              )}
              <p id={`${headingId}-sim-help`} className="facts__help">
                {t('status.simulatorsHelp')}
              </p>
            </dd>
          </div>
        </dl>
      </>
    );
  }

  return (
    <section className="card status-card" aria-labelledby={headingId} data-state={state} aria-busy={query.isFetching}>
      <div className="card__header">
        <h2 id={headingId} className="card__title">
          {t('status.title')}
        </h2>
        <RefreshButton busy={query.isFetching} onClick={() => void query.refetch()}>
          {t('status.retry')}
        </RefreshButton>
      </div>
      {body}
      {query.dataUpdatedAt > 0 && !query.isError ? (
        <p className="card__footer text-muted">
          {t('status.checkedAt', { time: format.dateTime(query.dataUpdatedAt) })}
        </p>
      ) : null}
    </section>
  );
}
