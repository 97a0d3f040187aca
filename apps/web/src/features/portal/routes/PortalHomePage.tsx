import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ForwardIcon, InboxIcon, SettingsIcon, UserIcon } from '../../../components/icons';
import { usePageTitle } from '../../../lib/usePageTitle';
import { isAdmin, useSession } from '../../identity/session';
import { ServiceCatalogue } from '../../services/components/ServiceCatalogue';
import { SystemStatusCard } from '../../system/components/SystemStatusCard';

type AreaPath = '/me' | '/staff' | '/admin';
const AREAS: ReadonlyArray<{ to: AreaPath; key: 'me' | 'staff' | 'admin'; icon: ReactNode }> = [
  { to: '/me', key: 'me', icon: <UserIcon /> },
  { to: '/staff', key: 'staff', icon: <InboxIcon /> },
  { to: '/admin', key: 'admin', icon: <SettingsIcon /> },
];

/**
 * The public portal: what Dargah is, the agencies and their services, where to go, and whether this
 * deployment is healthy. Administration is listed only for those who hold an administrator role.
 */
export function PortalHomePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  usePageTitle();
  const areas = AREAS.filter((area) => area.key !== 'admin' || isAdmin(session));
  return (
    <div className="stack-lg">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title" className="hero__title">
          {t('home.title')}
        </h1>
        <p className="hero__subtitle">{t('home.subtitle')}</p>
        <p className="hero__text">{t('home.intro')}</p>
        <p className="hero__text">{t('home.intro2')}</p>
        <p className="cp-hero-action">
          <Link to="/catalogue" className="button cp-hero-link">
            {t('cataloguePublic.homeLink')}
            <ForwardIcon />
          </Link>
          <span className="hero__text">{t('cataloguePublic.homeLinkLead')}</span>
        </p>
      </section>

      <ServiceCatalogue />

      <div className="home-grid">
        <section aria-labelledby="areas-title" className="stack">
          <h2 id="areas-title" className="section-title">
            {t('home.areasTitle')}
          </h2>
          <ul className="area-list">
            {areas.map((area) => (
              <li key={area.to}>
                <Link to={area.to} className="area-card">
                  <span className="area-card__icon">{area.icon}</span>
                  <span className="area-card__text">
                    <span className="area-card__title">{t(`nav.${area.key}`)}</span>
                    <span className="area-card__desc">{t(`home.areas.${area.key}`)}</span>
                  </span>
                  <ForwardIcon className="area-card__go" />
                </Link>
              </li>
            ))}
          </ul>
        </section>
        <SystemStatusCard />
      </div>
    </div>
  );
}
