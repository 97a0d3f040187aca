import type { ReactElement } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { LoadMoreButton } from '../../../components/LoadMoreButton';
import { PageHeader } from '../../../components/PageHeader';
import { QueryStates } from '../../../components/QueryStates';
import { UserText } from '../../../components/UserText';
import { BackIcon, CheckIcon, ClockIcon, CloseIcon, InboxIcon } from '../../../components/icons';
import type { MyPayment } from '../../../lib/contracts';
import { useFormat } from '../../../lib/format';
import { myPaymentsQuery } from '../api';

/** A payment's status as words with an icon and colour (never colour alone). */
const BADGE: Record<MyPayment['status'], { tone: string; icon: ReactElement }> = {
  started: { tone: 'warning', icon: <ClockIcon /> },
  paid: { tone: 'success', icon: <CheckIcon /> },
  cancelled: { tone: 'danger', icon: <CloseIcon /> },
  failed: { tone: 'danger', icon: <CloseIcon /> },
  expired: { tone: 'danger', icon: <CloseIcon /> },
};

/**
 * `/me/payments`: the citizen's payments of services' fees (the company's while acting for it),
 * newest first: the service, the amount in rials, when it was started, its status, the gateway's
 * reference number once paid, and the request that spent it (its tracking code, linking to it).
 */
export function MyPaymentsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useInfiniteQuery(myPaymentsQuery);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  const empty = (
    <EmptyState icon={<InboxIcon />} title={t('payments.mine.emptyTitle')} headingLevel={2}>
      <p>{t('payments.mine.emptyBody')}</p>
    </EmptyState>
  );
  const list = (
    <ul className="request-list">
      {items.map((p) => (
        <li key={p.id} className="request-row">
          <div className="request-row__main">
            <p className="request-row__title">
              <UserText>{p.serviceTitle}</UserText>
            </p>
            <p className="request-row__meta">
              <span>
                {t('payments.mine.amount')}: {format.rials(p.amountRials)}
              </span>
              <span>
                {t('payments.mine.startedAt')}: <time dateTime={p.createdAt}>{format.dateTime(p.createdAt)}</time>
              </span>
              {p.referenceNumber ? (
                <span>
                  {t('payments.mine.reference')}: <bdi dir="ltr">{format.digits(p.referenceNumber)}</bdi>
                </span>
              ) : null}
              {p.requestId && p.trackingCode ? (
                <span>
                  {t('payments.mine.request')}:{' '}
                  <Link to="/me/requests/$requestId" params={{ requestId: p.requestId }}>
                    <bdi dir="ltr">{format.digits(p.trackingCode)}</bdi>
                  </Link>
                </span>
              ) : p.status === 'paid' ? (
                <span>{t('payments.mine.notSpent')}</span>
              ) : null}
            </p>
          </div>
          <span className={`badge badge--${BADGE[p.status].tone}`}>
            {BADGE[p.status].icon}
            {t(`payments.status.${p.status}`)}
          </span>
        </li>
      ))}
    </ul>
  );

  return (
    <div className="stack-lg">
      <PageHeader title={t('payments.mine.title')} lead={t('payments.mine.lead')} icon={<InboxIcon />} />
      <div className="form-actions">
        <Link to="/me" className="button button--ghost">
          <BackIcon />
          {t('payments.mine.back')}
        </Link>
      </div>
      <section className="card stack" aria-label={t('payments.mine.title')} aria-busy={query.isFetching}>
        <QueryStates query={query} isEmpty={() => items.length === 0} empty={empty}>
          {() => list}
        </QueryStates>
        <LoadMoreButton query={query} />
      </section>
    </div>
  );
}
