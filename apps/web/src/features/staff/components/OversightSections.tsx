import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { QueryStates } from '../../../components/QueryStates';
import { BuildingIcon, DocumentIcon, SettingsIcon } from '../../../components/icons';
import type { Agency } from '../../../lib/contracts';
import { useFormat } from '../../../lib/format';
import { adminAgenciesQuery } from '../../organisation';
import { LatestEntries } from '../../audit';
import { HomeSection } from './HomeSection';

/** The audit log: the newest entries the person may read, and the way to the whole log. */
export function AuditSection({ readsAll }: { readsAll: boolean }) {
  const { t } = useTranslation();
  return (
    <HomeSection
      icon={<DocumentIcon />}
      heading={<Link to="/staff/audit">{t('audit.nav')}</Link>}
      description={readsAll ? t('staffHome.audit.descAll') : t('staffHome.audit.descAgencies')}
    >
      <h3 className="home-section__subtitle">{t('audit.home.latest')}</h3>
      <LatestEntries />
    </HomeSection>
  );
}

const SHOWN_AGENCIES = 5;

/** Administration: the agencies the person administers, each a way to its units and staff. */
export function AdministrationSection() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const query = useQuery(adminAgenciesQuery);
  const list = (agencies: Agency[]) => {
    const rest = agencies.length - SHOWN_AGENCIES;
    return (
      <>
        <h3 className="home-section__subtitle">{t('staffHome.admin.agencies')}</h3>
        <ul className="link-list">
          {agencies.slice(0, SHOWN_AGENCIES).map((a) => (
            <li key={a.id}>
              <BuildingIcon />
              <Link to="/admin/agencies/$agencyId" params={{ agencyId: a.id }}>
                {i18n.language === 'en' && a.nameEn ? a.nameEn : a.nameFa}
              </Link>
            </li>
          ))}
        </ul>
        {rest > 0 ? <p className="text-muted">{t('staffHome.admin.more', { n: format.number(rest) })}</p> : null}
      </>
    );
  };
  return (
    <HomeSection
      icon={<SettingsIcon />}
      heading={<Link to="/admin">{t('nav.admin')}</Link>}
      description={t('staffHome.admin.desc')}
    >
      <QueryStates
        query={query}
        loadingLabel={t('staffHome.admin.loading')}
        isEmpty={(agencies) => agencies.length === 0}
        empty={<p className="text-muted">{t('staffHome.admin.empty')}</p>}
      >
        {list}
      </QueryStates>
    </HomeSection>
  );
}
