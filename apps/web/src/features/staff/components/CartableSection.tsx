import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { LoadMoreButton } from '../../../components/LoadMoreButton';
import { QueryStates } from '../../../components/QueryStates';
import { RefreshButton } from '../../../components/RefreshButton';
import { AlertIcon, InboxIcon } from '../../../components/icons';
import { useFormat } from '../../../lib/format';
import { REQUEST_STATUSES, cartableQuery, isCartableFilter, type CartableFilter } from '../../requests';
import { StatusBadge } from '../../requests';
import { UserText } from '../../../components/UserText';

/**
 * The cartable (کارتابل), the desk's work queue, on the staff home of everyone who works requests
 * (desk clerks, experts, unit managers): filtered by status in the URL (`/staff?status=…`).
 */
export function CartableSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const search = useSearch({ strict: false });
  const status: CartableFilter | undefined = isCartableFilter(search.status) ? search.status : undefined;
  const navigate = useNavigate();
  const query = useInfiniteQuery(cartableQuery(status));
  const filterId = useId();
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  const body = (
    <QueryStates
      query={query}
      loadingLabel={t('staff.loading')}
      isEmpty={() => items.length === 0}
      empty={
        <EmptyState icon={<InboxIcon />} title={t('staff.cartableEmpty')} headingLevel={3}>
          <p>
            {status === undefined
              ? t('staff.cartableEmptyBody')
              : status === 'all'
                ? t('staff.cartableEmptyAll')
                : t('staff.cartableEmptyFiltered', { status: t(`requests.status.${status}`) })}
          </p>
        </EmptyState>
      }
    >
      {() => (
        <ul className="cartable" aria-label={t('staff.cartableList')}>
          {items.map((item) => (
            <li key={item.id} className={item.overdue ? 'cartable-item is-overdue' : 'cartable-item'}>
              <div className="cartable-item__main">
                <Link to="/staff/requests/$requestId" params={{ requestId: item.id }} className="cartable-item__title">
                  <UserText>{item.serviceTitle}</UserText>
                </Link>
                <p className="cartable-item__code">
                  {t('requests.fields.trackingCode')}: <bdi dir="ltr">{format.digits(item.trackingCode)}</bdi>
                </p>
              </div>
              <dl className="cartable-item__facts">
                <div>
                  <dt>{t('requests.fields.applicant')}</dt>
                  <dd>
                    <UserText>{format.name(item.applicantName)}</UserText>
                  </dd>
                </div>
                <div>
                  <dt>{t('requests.fields.submittedAt')}</dt>
                  <dd>
                    <time dateTime={item.submittedAt}>{format.date(item.submittedAt)}</time>
                  </dd>
                </div>
                <div>
                  <dt>{t('requests.fields.dueAt')}</dt>
                  <dd>
                    <time dateTime={item.dueAt}>
                      {item.dueDateJalali ? format.jalaliDay(item.dueDateJalali) : format.date(item.dueAt)}
                    </time>
                    {item.overdue ? (
                      <span className="badge badge--danger badge--inline">
                        <AlertIcon />
                        {t('staff.overdue')}
                      </span>
                    ) : null}
                  </dd>
                </div>
              </dl>
              <div className="cartable-item__status">
                <StatusBadge status={item.status} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </QueryStates>
  );

  return (
    <section className="card stack" aria-labelledby="cartable-title" aria-busy={query.isFetching}>
      <div className="card__header">
        <h2 id="cartable-title" className="card__title">
          {t('staff.cartable')}
        </h2>
        <div className="toolbar">
          <label htmlFor={filterId} className="toolbar__label">
            {t('staff.filter')}
          </label>
          <select
            id={filterId}
            className="input input--inline"
            value={status ?? ''}
            onChange={(event) => {
              const next = event.target.value;
              void navigate({ to: '/staff', search: isCartableFilter(next) ? { status: next } : {}, replace: true });
            }}
          >
            <option value="">{t('staff.filterOpen')}</option>
            {REQUEST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`requests.status.${s}`)}
              </option>
            ))}
            <option value="all">{t('staff.filterAll')}</option>
          </select>
          <RefreshButton busy={query.isFetching} onClick={() => void query.refetch()}>
            {t('staff.refresh')}
          </RefreshButton>
        </div>
      </div>
      {body}
      <LoadMoreButton query={query} />
    </section>
  );
}
