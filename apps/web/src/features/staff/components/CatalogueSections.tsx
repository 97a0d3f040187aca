import { CARD_STATUSES } from '@dargah/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { QueryStates } from '../../../components/QueryStates';
import { CompassIcon, DocumentIcon, InboxIcon, PlusIcon } from '../../../components/icons';
import { useFormat } from '../../../lib/format';
import { cardCountsQuery, pendingDeliveryRowsQuery, reviewCountsQuery } from '../api';
import { Counts, HomeSection } from './HomeSection';

/** The review queue with its counts by kind of review (central reviewers, parent agencies' administrators). */
export function ReviewSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery(reviewCountsQuery);
  const body = (
    <QueryStates query={query} loadingLabel={t('staffHome.review.loading')}>
      {(c) => {
        const kinds = (['central', 'renewal', 'parent'] as const).filter((k) => c[k] !== null);
        return (
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
      }}
    </QueryStates>
  );
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
  const body = (
    <QueryStates
      query={query}
      loadingLabel={t('staffHome.delivery.loading')}
      isEmpty={(d) => d.total === 0}
      empty={<p className="text-muted">{t('staffHome.delivery.empty')}</p>}
    >
      {(d) => (
        <Counts items={[{ key: 'pending', label: t('staffHome.delivery.pending'), value: format.number(d.total) }]} />
      )}
    </QueryStates>
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
  const body = (
    <QueryStates
      query={query}
      loadingLabel={t('staffHome.cards.loading')}
      isEmpty={(d) => d.total === 0}
      empty={<p className="text-muted">{t('staffHome.cards.empty')}</p>}
    >
      {({ byStatus: counts }) => (
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
      )}
    </QueryStates>
  );
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
  calendar = false,
  deskReports,
  deskScorecard = false,
}: {
  architecture: boolean;
  licences: boolean;
  reports: boolean;
  /** The holiday calendar (its table for the central organisation, closures for agency administrators). */
  calendar?: boolean;
  deskReports: boolean;
  /** The desk evaluation scorecard (agency administrators, central roles). */
  deskScorecard?: boolean;
}) {
  const { t } = useTranslation();
  const tools = [
    architecture ? { to: '/staff/catalogue/architecture' as const, key: 'architecture' as const } : null,
    licences ? { to: '/staff/catalogue/licences' as const, key: 'licences' as const } : null,
    reports ? { to: '/staff/catalogue/reports' as const, key: 'reports' as const } : null,
    calendar ? { to: '/staff/calendar' as const, key: 'calendar' as const } : null,
    deskReports ? { to: '/staff/desk-reports' as const, key: 'deskReports' as const } : null,
    deskScorecard ? { to: '/staff/desk-scorecard' as const, key: 'deskScorecard' as const } : null,
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
