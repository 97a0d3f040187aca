import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../../components/EmptyState';
import { LoadMoreButton } from '../../../../components/LoadMoreButton';
import { Notice } from '../../../../components/Notice';
import { QueryStates } from '../../../../components/QueryStates';
import { PageHeader } from '../../../../components/PageHeader';
import { AlertIcon, InboxIcon, RefreshIcon } from '../../../../components/icons';
import { ApiError } from '../../../../lib/api';
import { useFormat } from '../../../../lib/format';
import { hasRole, useSession } from '../../../identity';
import { reviewQueueQuery } from '../api';
import { CardStatusBadge } from '../../terms/CardStatusBadge';
import { ExpiryNotices } from '../components/ExpiryNotices';
import { RefreshButton } from '../../../../components/RefreshButton';

/**
 * `/staff/catalogue/review`: the review cartable. Parent agencies' administrators see their
 * sub-agencies' cards awaiting parent review (due within a week, overdue flagged); central
 * reviewers the cards awaiting central review, renewals marked. Administrators also see the
 * expiry notices of their agencies.
 */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const query = useInfiniteQuery(reviewQueueQuery);
  const items = query.data?.pages.flat() ?? [];
  const forbidden = query.error instanceof ApiError && query.error.status === 403;
  const admin = hasRole(session, ['agency_admin', 'platform_admin']);

  // Someone who may review nothing is told so, not shown a failure.
  const body = forbidden ? (
    <Notice tone="info" title={t('catalogueReview.reviewQueuePage.forbiddenTitle')}>
      <p>{t('catalogueReview.reviewQueuePage.forbiddenBody')}</p>
    </Notice>
  ) : (
    <QueryStates
      query={query}
      loadingLabel={t('catalogueReview.reviewQueuePage.loading')}
      isEmpty={() => items.length === 0}
      empty={
        <EmptyState icon={<InboxIcon />} title={t('catalogueReview.reviewQueuePage.empty')} headingLevel={3}>
          <p>{t('catalogueReview.reviewQueuePage.emptyBody')}</p>
        </EmptyState>
      }
    >
      {() => (
        <ul className="cartable" aria-label={t('catalogueReview.reviewQueuePage.list')}>
          {items.map((item) => (
            <li key={item.id} className={item.overdue ? 'cartable-item is-overdue' : 'cartable-item'}>
              <div className="cartable-item__main">
                <Link to="/staff/catalogue/$cardId" params={{ cardId: item.id }} className="cartable-item__title">
                  {item.title ?? t('catalogueReview.reviewQueuePage.untitled')}
                </Link>
                <p className="cartable-item__code" dir="auto">
                  {item.agencyName}
                </p>
                {item.status === 'renewal_review' || item.approvedVersion !== null ? (
                  <p className="review-queue__marks">
                    {item.status === 'renewal_review' ? (
                      <span className="badge badge--warning">
                        <RefreshIcon />
                        {t('catalogueReview.reviewQueuePage.renewal')}
                      </span>
                    ) : (
                      <span className="badge badge--warning">{t('catalogueReview.reviewQueuePage.changeRequest')}</span>
                    )}
                  </p>
                ) : null}
              </div>
              <dl className="cartable-item__facts">
                <div>
                  <dt>{t('catalogueReview.reviewQueuePage.submittedAt')}</dt>
                  <dd>
                    {item.submittedAt ? (
                      <time dateTime={item.submittedAt}>{format.date(item.submittedAt)}</time>
                    ) : (
                      t('catalogueReview.reviewQueuePage.noDue')
                    )}
                  </dd>
                </div>
                <div>
                  <dt>{t('catalogueReview.reviewQueuePage.dueAt')}</dt>
                  <dd>
                    {item.reviewDueAt ? (
                      <time dateTime={item.reviewDueAt}>{format.date(item.reviewDueAt)}</time>
                    ) : (
                      t('catalogueReview.reviewQueuePage.noDue')
                    )}
                    {item.overdue ? (
                      <span className="badge badge--danger badge--inline">
                        <AlertIcon />
                        {t('catalogueReview.reviewQueuePage.overdue')}
                      </span>
                    ) : null}
                  </dd>
                </div>
              </dl>
              <div className="cartable-item__status">
                <CardStatusBadge status={item.status} />
                {item.expired ? (
                  <span className="badge badge--danger badge--inline">
                    <AlertIcon />
                    {t('catalogueReview.cardPage.expiredTitle')}
                  </span>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </QueryStates>
  );

  return (
    <div className="stack-lg">
      <PageHeader
        title={t('catalogueReview.reviewQueuePage.title')}
        lead={t('catalogueReview.reviewQueuePage.lead')}
        icon={<InboxIcon />}
      />
      <section className="card stack" aria-labelledby="review-queue-title" aria-busy={query.isFetching}>
        <div className="card__header">
          <h2 id="review-queue-title" className="card__title">
            {t('catalogueReview.reviewQueuePage.queue')}
          </h2>
          <RefreshButton busy={query.isFetching} onClick={() => void query.refetch()}>
            {t('catalogueReview.reviewQueuePage.refresh')}
          </RefreshButton>
        </div>
        {body}
        <LoadMoreButton query={query} />
      </section>
      {admin ? <ExpiryNotices /> : null}
    </div>
  );
}
