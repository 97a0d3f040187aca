import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { LoadMoreButton } from '../../../components/LoadMoreButton';
import { QueryStates } from '../../../components/QueryStates';
import { InboxIcon } from '../../../components/icons';
import { useFormat } from '../../../lib/format';
import { myRequestsQuery } from '../../requests';
import { StatusBadge } from '../../requests';
import { UserText } from '../../../components/UserText';

/** The citizen's requests, newest first, each with its status and a link to its receipt. */
export function MyRequests() {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useInfiniteQuery(myRequestsQuery);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  const empty = (
    <EmptyState
      icon={<InboxIcon />}
      title={t('me.requests.emptyTitle')}
      headingLevel={3}
      action={
        <Link to="/" hash="services" className="button">
          {t('me.requests.browse')}
        </Link>
      }
    >
      <p>{t('me.requests.emptyBody')}</p>
    </EmptyState>
  );
  const list = (
    <ul className="request-list">
      {items.map((r) => (
        <li key={r.id} className="request-row">
          <div className="request-row__main">
            <Link to="/me/requests/$requestId" params={{ requestId: r.id }} className="request-row__title">
              <UserText>{r.serviceTitle}</UserText>
            </Link>
            <p className="request-row__meta">
              <span>
                {t('requests.fields.trackingCode')}: <bdi dir="ltr">{format.digits(r.trackingCode)}</bdi>
              </span>
              <UserText>{r.agencyName}</UserText>
              <span>
                {t('requests.fields.submittedAt')}: <time dateTime={r.submittedAt}>{format.date(r.submittedAt)}</time>
              </span>
            </p>
          </div>
          <StatusBadge status={r.status} />
        </li>
      ))}
    </ul>
  );

  return (
    <section className="card stack" aria-labelledby="my-requests-title" aria-busy={query.isFetching}>
      <div className="card__header">
        <h2 id="my-requests-title" className="card__title">
          {t('me.requests.title')}
        </h2>
        <Link to="/" hash="services" className="button button--ghost button--small">
          {t('me.requests.new')}
        </Link>
      </div>
      <QueryStates query={query} isEmpty={() => items.length === 0} empty={empty}>
        {() => list}
      </QueryStates>
      <LoadMoreButton query={query} />
    </section>
  );
}
