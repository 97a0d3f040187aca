import { Outlet, useRouter } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ActingForBanner } from '../../features/identity';
import { Notice } from '../../components/Notice';
import { useStaticPage } from '../../lib/staticPage';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';

/** Skip link, header, the acting-for banner, the `<main>` landmark and footer around every page. */
export function RootLayout() {
  const { t } = useTranslation();
  const mainRef = useRef<HTMLElement>(null);
  const router = useRouter();
  const staticPage = useStaticPage();
  const refusal = staticPage?.refusal;

  // After a client-side navigation to another page, move focus to the new content so keyboard and
  // screen-reader users start there. Not on the first load: that starts at the top anyway.
  useEffect(
    () =>
      router.subscribe('onRendered', (event) => {
        if (!event.fromLocation || !event.pathChanged) return;
        mainRef.current?.focus({ preventScroll: true });
      }),
    [router],
  );

  return (
    <div className={staticPage ? 'app app--static' : 'app'}>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          mainRef.current?.focus();
          mainRef.current?.scrollIntoView();
        }}
      >
        {t('a11y.skipToContent')}
      </a>
      <SiteHeader />
      <ActingForBanner />
      <main id="main" ref={mainRef} tabIndex={-1} className="site-main">
        <div className="container">
          {/* A form post the server refused before the page saw it (ADR 0018). */}
          {refusal ? (
            <Notice tone="danger" role="alert">
              <p>{refusal.message}</p>
            </Notice>
          ) : null}
          <Outlet />
        </div>
      </main>
      <SiteFooter />
    </div>
  );
}
