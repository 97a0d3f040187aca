import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LoadMoreButton } from '../../../../components/LoadMoreButton';
import { AlertIcon, ClockIcon } from '../../../../components/icons';
import { useFormat } from '../../../../lib/format';
import { notificationsQuery, type CardNotification } from '../api';
import { QueryStates } from '../../../../components/QueryStates';

/**
 * The expiry notices of the agencies the signed-in administrator runs (GET /catalogue/notifications):
 * reminders 60, 30 and 7 days before a card expires, the expiry itself, and parent reviews escalated
 * after their week. Each links to its card.
 */
export function ExpiryNotices() {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useInfiniteQuery(notificationsQuery);
  const items = query.data?.pages.flat() ?? [];

  const what = (n: CardNotification) =>
    n.kind === 'expired'
      ? t('catalogueReview.notices.expired')
      : n.kind === 'review_escalated'
        ? t('catalogueReview.notices.escalated')
        : t('catalogueReview.notices.reminder', { days: format.number(n.daysBefore) });

  return (
    <section className="card stack" aria-labelledby="expiry-notices-title" aria-busy={query.isFetching}>
      <h2 id="expiry-notices-title" className="card__title">
        {t('catalogueReview.notices.title')}
      </h2>
      <p className="text-muted">{t('catalogueReview.notices.lead')}</p>
      <QueryStates query={query} isEmpty={() => items.length === 0} empty={<p>{t('catalogueReview.notices.empty')}</p>}>
        {() => (
          <ul className="admin-list" aria-label={t('catalogueReview.notices.list')}>
            {items.map((n) => (
              <li key={n.id} className={`admin-list__item expiry-notice expiry-notice--${n.kind}`}>
                <p className="admin-list__title">
                  <Link to="/staff/catalogue/$cardId" params={{ cardId: n.cardId }}>
                    {n.title ?? t('catalogueReview.reviewQueuePage.untitled')}
                  </Link>
                </p>
                <p className="admin-list__meta">
                  <span className={n.kind === 'expiry_reminder' ? 'badge badge--warning' : 'badge badge--danger'}>
                    {n.kind === 'expiry_reminder' ? <ClockIcon /> : <AlertIcon />}
                    {what(n)}
                  </span>
                  {n.expiresAt ? (
                    <span>{t('catalogueReview.notices.expiresAt', { date: format.date(n.expiresAt) })}</span>
                  ) : null}
                  {n.reviewDueAt ? (
                    <span>{t('catalogueReview.notices.dueAt', { date: format.date(n.reviewDueAt) })}</span>
                  ) : null}
                  <span>
                    {t('catalogueReview.notices.createdAt')}:{' '}
                    <time dateTime={n.createdAt}>{format.date(n.createdAt)}</time>
                  </span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </QueryStates>
      <LoadMoreButton query={query} />
    </section>
  );
}
