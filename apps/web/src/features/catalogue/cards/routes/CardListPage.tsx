import { CARD_STATUSES } from '@dargah/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../../components/EmptyState';
import { LoadMoreButton } from '../../../../components/LoadMoreButton';
import { Notice } from '../../../../components/Notice';
import { QueryStates } from '../../../../components/QueryStates';
import { PageHeader } from '../../../../components/PageHeader';
import { AlertIcon, InboxIcon } from '../../../../components/icons';
import type { RoleName } from '../../../../lib/contracts';
import { useFormat } from '../../../../lib/format';
import { CardStatusBadge } from '../../terms/CardStatusBadge';
import { hasRole, useSession } from '../../../identity';
import { AUTHOR_ROLES, agenciesQuery, cardQuery, cardsQuery, type CardStatus, type ServiceCardSummary } from '../api';

export interface CardListSearch {
  status?: CardStatus;
  agencyId?: string;
  /** A card just sent for review: say so. */
  submitted?: string;
}

const EDITABLE: readonly CardStatus[] = ['draft', 'returned'];

/** Links to the other pages of the services management system, by role. */
const MORE: Array<{
  to: string;
  key: 'review' | 'import' | 'licences' | 'architecture' | 'reports';
  roles: readonly RoleName[];
}> = [
  { to: '/staff/catalogue/review', key: 'review', roles: ['central_reviewer', 'agency_admin'] },
  { to: '/staff/catalogue/import', key: 'import', roles: ['expert', 'agency_admin'] },
  { to: '/staff/catalogue/licences', key: 'licences', roles: ['agency_admin', 'central_reviewer'] },
  {
    to: '/staff/catalogue/architecture',
    key: 'architecture',
    roles: ['central_reviewer', 'platform_admin', 'oversight_auditor'],
  },
  {
    to: '/staff/catalogue/reports',
    key: 'reports',
    roles: ['central_reviewer', 'platform_admin', 'oversight_auditor'],
  },
];

/** `/staff/catalogue`: the service cards the staff member may see, with filters and paging. */
export function CardListPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const search: CardListSearch = useSearch({ strict: false });
  const navigate = useNavigate();
  const statusId = useId();
  const agencyFilterId = useId();
  const query = useInfiniteQuery(cardsQuery({ status: search.status, agencyId: search.agencyId }));
  const agencies = useQuery(agenciesQuery);
  const submitted = useQuery({ ...cardQuery(search.submitted ?? ''), enabled: Boolean(search.submitted) });
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (submitted.isSuccess) noticeRef.current?.focus();
  }, [submitted.isSuccess]);

  const items = query.data?.pages.flat() ?? [];
  const isAuthor = hasRole(session, AUTHOR_ROLES);
  const myAgencies = [...new Set((session?.roles ?? []).map((g) => g.agencyId))];
  const agencyName = (id: string) => {
    const a = agencies.data?.find((x) => x.id === id);
    return a ? (i18n.language === 'en' && a.nameEn ? a.nameEn : a.nameFa) : id;
  };
  const filtered = Boolean(search.status || search.agencyId);
  const setSearch = (next: Partial<CardListSearch>) =>
    void navigate({
      to: '/staff/catalogue',
      search: Object.fromEntries(
        Object.entries({ status: search.status, agencyId: search.agencyId, ...next }).filter(([, v]) => v),
      ) as CardListSearch,
      replace: true,
    });
  const mayEdit = (c: ServiceCardSummary) => EDITABLE.includes(c.status) && hasRole(session, AUTHOR_ROLES, c.agencyId);

  const body = (
    <QueryStates
      query={query}
      loadingLabel={t('catalogueCards.cardListPage.loading')}
      isEmpty={() => items.length === 0}
      empty={
        <EmptyState
          icon={<InboxIcon />}
          title={t('catalogueCards.cardListPage.emptyTitle')}
          headingLevel={3}
          action={
            isAuthor && !filtered ? (
              <Link to="/staff/catalogue/new" className="button">
                {t('catalogueCards.cardListPage.newCard')}
              </Link>
            ) : undefined
          }
        >
          <p>
            {filtered ? t('catalogueCards.cardListPage.emptyFiltered') : t('catalogueCards.cardListPage.emptyBody')}
          </p>
        </EmptyState>
      }
    >
      {() => (
        <ul className="cartable" aria-label={t('catalogueCards.cardListPage.list')}>
          {items.map((c) => {
            const title = c.title ?? t('catalogueCards.cardListPage.untitled');
            return (
              <li key={c.id} className={c.overdue || c.expired ? 'cartable-item is-overdue' : 'cartable-item'}>
                <div className="cartable-item__main">
                  <Link to="/staff/catalogue/$cardId" params={{ cardId: c.id }} className="cartable-item__title">
                    {title}
                  </Link>
                  <p className="cartable-item__code">
                    {t('catalogueCards.cardListPage.serviceId')}:{' '}
                    {c.serviceId ? (
                      <bdi dir="ltr">{format.digits(c.serviceId)}</bdi>
                    ) : (
                      <span className="text-muted">{t('catalogueCards.cardListPage.noServiceId')}</span>
                    )}
                  </p>
                  {mayEdit(c) ? (
                    <p>
                      <Link
                        to="/staff/catalogue/$cardId/edit"
                        params={{ cardId: c.id }}
                        aria-label={t('catalogueCards.cardListPage.edit', { title })}
                      >
                        {t('catalogueCards.cardEditorPage.editTitle')}
                      </Link>
                    </p>
                  ) : null}
                </div>
                <dl className="cartable-item__facts">
                  <div>
                    <dt>{t('catalogueCards.cardListPage.agency')}</dt>
                    <dd>
                      <bdi>{c.agencyName}</bdi>
                    </dd>
                  </div>
                  <div>
                    <dt>{t('catalogueCards.cardListPage.version')}</dt>
                    <dd>{format.number(c.currentVersion)}</dd>
                  </div>
                  {c.expiresAt ? (
                    <div>
                      <dt>{t('catalogueCards.cardListPage.expiresAt')}</dt>
                      <dd>
                        <time dateTime={c.expiresAt}>{format.date(c.expiresAt)}</time>
                        {c.expired ? (
                          <span className="badge badge--danger badge--inline">
                            <AlertIcon />
                            {t('catalogueCards.cardListPage.expired')}
                          </span>
                        ) : null}
                      </dd>
                    </div>
                  ) : null}
                  {c.reviewDueAt ? (
                    <div>
                      <dt>{t('catalogueCards.cardListPage.reviewDue')}</dt>
                      <dd>
                        <time dateTime={c.reviewDueAt}>{format.date(c.reviewDueAt)}</time>
                        {c.overdue ? (
                          <span className="badge badge--danger badge--inline">
                            <AlertIcon />
                            {t('catalogueCards.cardListPage.overdue')}
                          </span>
                        ) : null}
                      </dd>
                    </div>
                  ) : null}
                </dl>
                <div className="cartable-item__status">
                  <CardStatusBadge status={c.status} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </QueryStates>
  );

  const more = MORE.filter((m) => hasRole(session, m.roles));

  return (
    <div className="stack-lg">
      <PageHeader
        title={t('catalogueCards.cardListPage.title')}
        lead={t('catalogueCards.cardListPage.lead')}
        icon={<InboxIcon />}
      />
      {submitted.isSuccess ? (
        <div ref={noticeRef} tabIndex={-1}>
          <Notice tone="success" role="status" title={t('catalogueCards.cardListPage.submittedTitle')}>
            <p>
              {typeof submitted.data.content.title === 'string' ? `«${submitted.data.content.title}» ` : ''}
              {t('catalogueCards.cardListPage.submittedBody', {
                status: t(`catalogueTerms.status.${submitted.data.status}`),
              })}
            </p>
          </Notice>
        </div>
      ) : null}
      {isAuthor ? (
        <div className="form-actions">
          <Link to="/staff/catalogue/new" className="button">
            {t('catalogueCards.cardListPage.newCard')}
          </Link>
        </div>
      ) : null}
      <section className="card stack" aria-labelledby="cards-title" aria-busy={query.isFetching}>
        <div className="card__header">
          <h2 id="cards-title" className="card__title">
            {t('catalogueCards.cardListPage.list')}
          </h2>
          <div className="toolbar cf-toolbar">
            <label htmlFor={statusId} className="toolbar__label">
              {t('catalogueCards.cardListPage.filterStatus')}
            </label>
            <select
              id={statusId}
              className="input input--inline"
              value={search.status ?? ''}
              onChange={(e) => setSearch({ status: (e.target.value || undefined) as CardStatus | undefined })}
            >
              <option value="">{t('catalogueCards.cardListPage.allStatuses')}</option>
              {CARD_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`catalogueTerms.status.${s}`)}
                </option>
              ))}
            </select>
            {myAgencies.length > 1 ? (
              <>
                <label htmlFor={agencyFilterId} className="toolbar__label">
                  {t('catalogueCards.cardListPage.filterAgency')}
                </label>
                <select
                  id={agencyFilterId}
                  className="input input--inline"
                  value={search.agencyId ?? ''}
                  onChange={(e) => setSearch({ agencyId: e.target.value || undefined })}
                >
                  <option value="">{t('catalogueCards.cardListPage.allAgencies')}</option>
                  {myAgencies.map((id) => (
                    <option key={id} value={id}>
                      {agencyName(id)}
                    </option>
                  ))}
                </select>
              </>
            ) : null}
          </div>
        </div>
        {body}
        <LoadMoreButton query={query} />
      </section>
      {more.length > 0 ? (
        <nav className="card stack" aria-labelledby="cards-more-title">
          <h2 id="cards-more-title" className="card__title">
            {t('catalogueCards.cardListPage.more')}
          </h2>
          <ul className="cf-more">
            {more.map((m) => (
              <li key={m.key}>
                <Link to={m.to}>{t(`catalogueCards.cardListPage.${m.key}`)}</Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
