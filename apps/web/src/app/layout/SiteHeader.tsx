import { Link, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { CloseIcon, MenuIcon } from '../../components/icons';
import { SessionControls, linkedAreas, useSession } from '../../features/identity';
import { UnreadBadge } from '../../features/notifications';
import { useStaticPage } from '../../lib/staticPage';

const NAV = [
  { to: '/', key: 'home', exact: true },
  { to: '/catalogue', key: 'catalogue', exact: false },
  { to: '/me', key: 'me', exact: false },
  { to: '/staff', key: 'staff', exact: false },
  { to: '/admin', key: 'admin', exact: false },
] as const;

/**
 * Brand, main navigation, the signed-in person and language switch. Below the `--bp-nav` width the
 * navigation folds behind a menu button (`aria-expanded`); it closes on navigation and on Escape.
 * A signed-in person sees links only to the areas the server says they may open (the session's
 * `areas`); a visitor sees the citizen's and the staff's doors, each asking them to sign in. On a
 * page the server renders (ADR 0018) there is no menu button: the links wrap in a row of their own.
 */
export function SiteHeader() {
  const { t } = useTranslation();
  const { session } = useSession();
  const linked = linkedAreas(session);
  const nav = NAV.filter((item) => item.key === 'home' || item.key === 'catalogue' || linked[item.key]);
  const [open, setOpen] = useState(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const buttonRef = useRef<HTMLButtonElement>(null);
  const staticPage = useStaticPage() !== null;

  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <header className="site-header">
      <div className="container site-header__bar">
        <Link to="/" className="brand" aria-label={t('a11y.homeLink')}>
          <span className="brand__mark" aria-hidden="true">
            <svg viewBox="0 0 64 64" width="36" height="36" focusable="false">
              <path
                d="M18 46V26a14 14 0 0 1 28 0v20"
                fill="none"
                stroke="currentColor"
                strokeWidth="6"
                strokeLinecap="round"
              />
              <path d="M12 49h40" stroke="#7fd1c7" strokeWidth="5" strokeLinecap="round" />
            </svg>
          </span>
          <span className="brand__text">
            <span className="brand__name">{t('app.name')}</span>
            <span className="brand__tagline">{t('app.tagline')}</span>
          </span>
        </Link>

        <div className="site-header__tools">
          <LanguageSwitch />
          {staticPage ? null : (
            <button
              ref={buttonRef}
              type="button"
              className="menu-button"
              aria-expanded={open}
              aria-controls="primary-nav"
              onClick={() => setOpen((value) => !value)}
            >
              {open ? <CloseIcon /> : <MenuIcon />}
              <span>{t('a11y.menu')}</span>
            </button>
          )}
        </div>

        <nav
          id="primary-nav"
          className={staticPage ? 'primary-nav primary-nav--static' : 'primary-nav'}
          data-open={open || staticPage}
          aria-label={t('a11y.primaryNav')}
        >
          <ul className="primary-nav__list">
            {nav.map((item) => (
              <li key={item.to}>
                <Link to={item.to} className="primary-nav__link" activeOptions={{ exact: item.exact }}>
                  {item.key === 'catalogue' ? t('cataloguePublic.nav') : t(`nav.${item.key}`)}
                  {item.key === 'me' ? <UnreadBadge /> : null}
                </Link>
              </li>
            ))}
          </ul>
          <SessionControls />
        </nav>
      </div>
    </header>
  );
}
