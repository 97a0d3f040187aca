import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { SignInComingSoon } from '../../../components/SignInComingSoon';
import { InboxIcon } from '../../../components/icons';

/** `/staff`: the staff workspace; its heart is the cartable (کارتابل), the work queue. */
export function StaffWorkspacePage() {
  const { t } = useTranslation();
  return (
    <div className="stack-lg">
      <PageHeader title={t('staff.title')} lead={t('staff.lead')} icon={<InboxIcon />} />
      <section className="card" aria-labelledby="cartable-title">
        <div className="card__header">
          <h2 id="cartable-title" className="card__title">
            {t('staff.cartable')}
          </h2>
        </div>
        <EmptyState icon={<InboxIcon />} title={t('staff.cartableEmpty')} headingLevel={3}>
          <p>{t('staff.cartableEmptyBody')}</p>
        </EmptyState>
      </section>
      <div className="card">
        <SignInComingSoon />
      </div>
    </div>
  );
}
