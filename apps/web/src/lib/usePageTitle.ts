import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets `document.title` to «page | درگاه» (or the bare app name for the home page). */
export function usePageTitle(page?: string): void {
  const { t } = useTranslation();
  const title = page && page !== t('app.name') ? t('app.pageTitle', { page }) : t('app.name');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
