import { CARD_STATUSES } from '@dargah/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../../../components/Notice';
import { CompassIcon, DocumentIcon, InboxIcon, PlusIcon } from '../../../components/icons';
import { useFormat } from '../../../lib/format';
import { cardCountsQuery, pendingDeliveryRowsQuery, reviewCountsQuery } from '../api';
import { Counts, HomeSection } from './HomeSection';

/** The review queue with its counts by kind of review (central reviewers, parent agencies' administrators). */
export function ReviewSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery(reviewCountsQuery);
  let body: React.ReactNode;
  if (query.isPending) body = <Loading label={t('staffHome.review.loading')} />;
  else if (query.isError) body = <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  else {
    const c = query.data;
    const kinds = (['central', 'renewal', 'parent'] as const).filter((k) => c[k] !== null);
    body = (
      <>
        <Counts
          items={kinds.map((k) => ({ key: k, label: t(`staffHome.review.${k}`), value: format.number(c[k] ?? 0) }))}
        />
        {c.total === 0 ? <p className="text-muted">{t('staffHome.review.empty')}</p> : null}
        {c.parentOverdue ? (
          <p className="text-warning-strong">
            {t('staffHome.review.parentOverdue', { n: format.number(c.parentOverdue) })}
          </p>
        ) : null}
      </>
    );
  }
  return (
    <HomeSection
      icon={<InboxIcon />}
      heading={<Link to="/staff/catalogue/review">{t('staffHome.review.title')}</Link>}
      description={t('staffHome.review.desc')}
    >
      {body}
    </HomeSection>
  );
}

/** Provincial report rows without a service id, waiting for the central review. */
export function DeliveryReviewSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery(pendingDeliveryRowsQuery);
  let body: React.ReactNode;
  if (query.isPending) body = <Loading label={t('staffHome.delivery.loading')} />;
  else if (query.isError) body = <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.data.total === 0) body = <p className="text-muted">{t('staffHome.delivery.empty')}</p>;
  else
    body = (
      <Counts
        items={[{ key: 'pending', label: t('staffHome.delivery.pending'), value: format.number(query.data.total) }]}
      />
    );
  return (
    <HomeSection
      icon={<DocumentIcon />}
      heading={<Link to="/staff/catalogue/reports">{t('staffHome.delivery.title')}</Link>}
      description={t('staffHome.delivery.desc')}
    >
      {body}
    </HomeSection>
  );
}

/** The service cards the person may see, counted by status; authors get the ways to start new ones. */
export function CardsSection({ drafting }: { drafting: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery(cardCountsQuery);
  let body: React.ReactNode;
  if (query.isPending) body = <Loading label={t('staffHome.cards.loading')} />;
  else if (query.isError) body = <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.data.total === 0) body = <p className="text-muted">{t('staffHome.cards.empty')}</p>;
  else {
    const counts = query.data.byStatus;
    body = (
      <Counts
        items={CARD_STATUSES.filter((s) => counts[s] > 0).map((s) => ({
          key: s,
          label: t(`catalogueTerms.status.${s}`),
          value: (
            <Link to="/staff/catalogue" search={{ status: s }}>
              {format.number(counts[s])}
            </Link>
          ),
        }))}
      />
    );
  }
  return (
    <HomeSection
      icon={<DocumentIcon />}
      heading={<Link to="/staff/catalogue">{t('catalogueCards.workspaceLink')}</Link>}
      description={drafting ? t('staffHome.cards.descDrafting') : t('staffHome.cards.descReading')}
    >
      {body}
      {drafting ? (
        <p className="toolbar">
          <Link to="/staff/catalogue/new" className="button button--secondary button--small">
            <PlusIcon />
            {t('staffHome.cards.new')}
          </Link>
          <Link to="/staff/catalogue/import" className="button button--ghost button--small">
            {t('staffHome.cards.import')}
          </Link>
        </p>
      ) : null}
    </HomeSection>
  );
}

/** The other pages of the services management system the person may open. */
export function ToolsSection({
  architecture,
  licences,
  reports,
}: {
  architecture: boolean;
  licences: boolean;
  reports: boolean;
}) {
  const { t } = useTranslation();
  const tools = [
    architecture ? { to: '/staff/catalogue/architecture' as const, key: 'architecture' as const } : null,
    licences ? { to: '/staff/catalogue/licences' as const, key: 'licences' as const } : null,
    reports ? { to: '/staff/catalogue/reports' as const, key: 'reports' as const } : null,
  ].filter((x) => x !== null);
  if (tools.length === 0) return null;
  return (
    <section className="stack" aria-labelledby="staff-tools-title">
      <h2 id="staff-tools-title" className="section-title">
        {t('staffHome.tools.title')}
      </h2>
      <ul className="area-list area-list--grid">
        {tools.map((tool) => (
          <li key={tool.key}>
            <Link to={tool.to} className="area-card">
              <span className="area-card__icon">
                <CompassIcon />
              </span>
              <span className="area-card__text">
                <span className="area-card__title">{t(`staffHome.tools.${tool.key}`)}</span>
                <span className="area-card__desc">{t(`staffHome.tools.${tool.key}Desc`)}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
