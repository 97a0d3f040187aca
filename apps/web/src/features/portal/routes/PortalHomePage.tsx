import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ForwardIcon, InboxIcon, SettingsIcon, UserIcon } from '../../../components/icons';
import { usePageTitle } from '../../../lib/usePageTitle';
import { linkedAreas, useSession } from '../../identity';
import { ServiceCatalogue } from '../../services';

type AreaPath = '/me' | '/staff' | '/admin';
const AREAS: ReadonlyArray<{ to: AreaPath; key: 'me' | 'staff' | 'admin'; icon: ReactNode }> = [
  { to: '/me', key: 'me', icon: <UserIcon /> },
  { to: '/staff', key: 'staff', icon: <InboxIcon /> },
  { to: '/admin', key: 'admin', icon: <SettingsIcon /> },
];

/**
 * The public portal: what Dargah is, the agencies and their services, and where to go: a visitor
 * is shown the citizen's and the staff's doors, a signed-in person only the areas they may open.
 * (The deployment's health is for operators: it is on their staff home.)
 */
export function PortalHomePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  usePageTitle();
  const linked = linkedAreas(session);
  const areas = AREAS.filter((area) => linked[area.key]);
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
        <p className="hero__text">
          <a href="/track">{t('track.homeLink')}</a>
        </p>
      </section>

      <ServiceCatalogue />

      <section aria-labelledby="areas-title" className="stack">
        <h2 id="areas-title" className="section-title">
          {t('home.areasTitle')}
        </h2>
        <ul className="area-list area-list--grid">
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
    </div>
  );
}
