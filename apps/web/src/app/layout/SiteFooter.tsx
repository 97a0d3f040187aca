import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';

export function SiteFooter() {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p>{t('footer.about')}</p>
        <p>
          <time dateTime={new Date().toISOString().slice(0, 10)}>
            {t('footer.today', { date: format.date(new Date(), { weekday: true }) })}
          </time>
        </p>
      </div>
    </footer>
  );
}
