import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaticPage } from './staticPage';

/** Sets `document.title` to «page | درگاه» (or the bare app name for the home page). */
export function usePageTitle(page?: string): void {
  const { t } = useTranslation();
  const staticPage = useStaticPage();
  const title = page && page !== t('app.name') ? t('app.pageTitle', { page }) : t('app.name');
  // On the server there is no document yet: the title goes into the HTML the server sends.
  if (staticPage) staticPage.title = title;
  useEffect(() => {
    document.title = title;
  }, [title]);
}
